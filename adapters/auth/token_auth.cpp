#include "adapters/auth/token_auth.hpp"

#include <rapidjson/document.h>

#include <algorithm>

#include "adapters/auth/static_auth.hpp"
#include "adapters/http/redact.hpp"
#include "adapters/http/url.hpp"
#include "core/common/error.hpp"
#include "core/common/log.hpp"

namespace ferry::http {

namespace {

/// The OAuth2 `error` code of a refusal (RFC 6749 §5.2), which names no secret.
std::string OAuthErrorCode(const std::string& body) {
  rapidjson::Document json;
  json.Parse(body.c_str());
  if (json.HasParseError() || !json.IsObject() || !json.HasMember("error") || !json["error"].IsString()) return "";
  return json["error"].GetString();
}

std::chrono::seconds ExpiresIn(const rapidjson::Value& json) {
  if (!json.HasMember("expires_in")) return std::chrono::seconds(3600);
  const auto& value = json["expires_in"];
  if (value.IsNumber()) return std::chrono::seconds(static_cast<long long>(value.GetDouble()));
  if (value.IsString()) return std::chrono::seconds(std::atoll(value.GetString()));
  return std::chrono::seconds(3600);
}

}  // namespace

std::chrono::milliseconds RefreshAfter(std::chrono::seconds lifetime) {
  auto life = std::chrono::duration_cast<std::chrono::milliseconds>(lifetime);
  auto margin = std::min<std::chrono::milliseconds>(life / 4, std::chrono::seconds(60));
  return life - margin;
}

TokenAuth::TokenAuth(const ClientOptions& http) : endpoint_client_(http) {}

void TokenAuth::Authorize(Request& request) {
  std::string token;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (token_.empty() || now >= refresh_at_) {
      AccessToken minted = Mint();
      token_ = std::move(minted.value);
      refresh_at_ = now + RefreshAfter(minted.lifetime);
      FERRY_DEBUG("access token minted", {"lifetime_s", static_cast<long long>(minted.lifetime.count())});
    }
    token = token_;
  }
  SetAuthorization(request, "Bearer " + token);
}

void TokenAuth::Invalidate() {
  std::lock_guard<std::mutex> lock(mutex_);
  token_.clear();
}

AccessToken TokenAuth::PostTokenForm(const std::string& token_url,
                                     const std::vector<std::pair<std::string, std::string>>& form,
                                     std::vector<Header> headers) {
  Request request;
  request.method = "POST";
  request.url = token_url;
  request.headers = std::move(headers);
  request.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
  request.headers.push_back({"Accept", "application/json"});
  request.body = FormEncode(form);
  Response response = endpoint_client_.Send(std::move(request));
  const std::string where = "token endpoint " + RedactUrl(token_url);
  if (response.status == 0) throw ConnectError(where + ": " + response.error);
  if (response.status / 100 != 2) {
    std::string code = OAuthErrorCode(response.body);
    throw ConnectError(where + ": HTTP " + std::to_string(response.status) +
                       (code.empty() ? "" : " (error: " + code + ")") + "; check the auth_* keys of the plan");
  }
  rapidjson::Document json;
  json.Parse(response.body.c_str());
  if (json.HasParseError() || !json.IsObject() || !json.HasMember("access_token") || !json["access_token"].IsString())
    throw ConnectError(where + ": the answer has no access_token");
  return AccessToken{json["access_token"].GetString(), ExpiresIn(json)};
}

}  // namespace ferry::http
