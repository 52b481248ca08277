#include "adapters/auth/assertion_auth.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>

#include "adapters/http/redact.hpp"
#include "adapters/http/url.hpp"
#include "core/common/error.hpp"

namespace ferry::http {

namespace {

constexpr long kAssertionLifetimeS = 300;  ///< SMART: exp no more than five minutes ahead
const char* const kGoogleDefaultScope = "https://www.googleapis.com/auth/cloud-platform";

long long UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

/// A JSON object of string members and integer members, in the order given.
std::string JsonObject(const std::vector<std::pair<std::string, std::string>>& strings,
                       const std::vector<std::pair<std::string, long long>>& numbers = {}) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  for (const auto& [name, value] : strings) {
    writer.Key(name.c_str());
    writer.String(value.c_str());
  }
  for (const auto& [name, value] : numbers) {
    writer.Key(name.c_str());
    writer.Int64(value);
  }
  writer.EndObject();
  return buffer.GetString();
}

JwtAlgorithm SmartAlgorithm(const AuthConfig& config) {
  auto algorithm = JwtAlgorithmFromName(config.algorithm);
  if (!algorithm || *algorithm == JwtAlgorithm::kRS256)
    throw PlanError(config.location + ": auth_algorithm must be RS384 or ES384 for smart-backend");
  return *algorithm;
}

std::string Member(const rapidjson::Document& json, const char* name) {
  return json.HasMember(name) && json[name].IsString() ? json[name].GetString() : "";
}

rapidjson::Document GoogleKey(const AuthConfig& config) {
  rapidjson::Document json;
  json.Parse(config.credentials.c_str());
  if (json.HasParseError() || !json.IsObject())
    throw PlanError(config.location + ": auth_credentials is not a JSON service account key");
  for (const char* field : {"client_email", "private_key"})
    if (Member(json, field).empty())
      throw PlanError(config.location + ": auth_credentials has no '" + field + "' (is it a service account key?)");
  if (Member(json, "token_uri").empty() && config.token_url.empty())
    throw PlanError(config.location + ": auth_credentials has no 'token_uri'; set auth_url");
  return json;
}

}  // namespace

SmartBackendAuth::SmartBackendAuth(const AuthConfig& config)
    : TokenAuth(config.http), token_url_(config.token_url), base_url_(config.base_url), client_id_(config.client_id),
      key_id_(config.key_id), scope_(config.scope),
      key_(SigningKey::FromPem(config.private_key, SmartAlgorithm(config), config.location)) {
  if (token_url_.empty() && base_url_.empty())
    throw PlanError(config.location + ": auth 'smart-backend' needs 'auth_url' or the server's base URL");
}

const std::string& SmartBackendAuth::TokenUrl() {
  if (!token_url_.empty()) return token_url_;
  const std::string url = JoinUrl(base_url_, ".well-known/smart-configuration");
  Request request;
  request.url = url;
  request.headers.push_back({"Accept", "application/json"});
  Response response = endpoint_client().Send(std::move(request));
  const std::string where = "SMART discovery " + RedactUrl(url);
  if (response.status == 0) throw ConnectError(where + ": " + response.error);
  if (response.status != 200) throw ConnectError(where + ": HTTP " + std::to_string(response.status));
  rapidjson::Document json;
  json.Parse(response.body.c_str());
  std::string endpoint = json.HasParseError() || !json.IsObject() ? "" : Member(json, "token_endpoint");
  if (endpoint.empty()) throw ConnectError(where + ": no token_endpoint in the answer; set auth_url");
  token_url_ = endpoint;
  return token_url_;
}

AccessToken SmartBackendAuth::Mint() {
  const std::string& token_url = TokenUrl();
  const std::string header = JsonObject({{"alg", JwtAlgorithmName(key_.algorithm())}, {"kid", key_id_}, {"typ", "JWT"}});
  const std::string claims = JsonObject({{"iss", client_id_}, {"sub", client_id_}, {"aud", token_url}, {"jti", RandomId()}},
                                        {{"exp", UnixNow() + kAssertionLifetimeS}});
  std::vector<std::pair<std::string, std::string>> form = {{"grant_type", "client_credentials"}};
  if (!scope_.empty()) form.emplace_back("scope", scope_);
  form.emplace_back("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  form.emplace_back("client_assertion", SignJwt(header, claims, key_));
  return PostTokenForm(token_url, form);
}

GoogleServiceAccountAuth::GoogleServiceAccountAuth(const AuthConfig& config)
    : TokenAuth(config.http), key_(SigningKey::FromPem(Member(GoogleKey(config), "private_key"), JwtAlgorithm::kRS256,
                                                       config.location + ": auth_credentials")) {
  rapidjson::Document json = GoogleKey(config);
  token_url_ = config.token_url.empty() ? Member(json, "token_uri") : config.token_url;
  client_email_ = Member(json, "client_email");
  key_id_ = Member(json, "private_key_id");
  scope_ = config.scope.empty() ? kGoogleDefaultScope : config.scope;
}

AccessToken GoogleServiceAccountAuth::Mint() {
  std::vector<std::pair<std::string, std::string>> header_fields = {{"alg", "RS256"}, {"typ", "JWT"}};
  if (!key_id_.empty()) header_fields.emplace_back("kid", key_id_);
  const long long now = UnixNow();
  const std::string claims =
      JsonObject({{"iss", client_email_}, {"scope", scope_}, {"aud", token_url_}}, {{"iat", now}, {"exp", now + 3600}});
  return PostTokenForm(token_url_, {{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"},
                                    {"assertion", SignJwt(JsonObject(header_fields), claims, key_)}});
}

}  // namespace ferry::http
