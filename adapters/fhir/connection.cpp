#include "adapters/fhir/connection.hpp"

#include "adapters/auth/auth_config.hpp"
#include "adapters/auth/make_authenticator.hpp"
#include "adapters/providers/provider_check.hpp"
#include "core/common/error.hpp"

namespace ferry::fhir {

namespace {

constexpr int kOpenAttempts = 3;

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

/// `https://host:port` of `url` ("" when it is not http(s)).
std::string Origin(const std::string& url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  std::size_t path = url.find_first_of("/?#", scheme + 3);
  return url.substr(0, path);
}

http::ClientOptions OptionsFrom(const AdapterConfig& config, int concurrency) {
  http::ClientOptions options;
  options.max_connections = concurrency;
  options.max_rps = std::stod(config.GetString("max_rps", "0"));
  options.bwlimit = static_cast<std::uint64_t>(config.GetInteger("bwlimit", 0));
  options.ca_bundle = config.GetString("ca_bundle");
  options.trace = true;  // the client traces only at -vv (redacted, no bodies)
  return options;
}

}  // namespace

void AppendConnectionKeys(std::vector<KeySpec>& keys) {
  keys.push_back({"base_url", KeyType::kString, true, "", "FHIR base URL (https://host/fhir)"});
  keys.push_back({"max_rps", KeyType::kString, false, "0", "requests per second cap, 0 = none (--max-rps overrides)"});
  keys.push_back({"bwlimit", KeyType::kInteger, false, "0", "bytes per second cap, 0 = none (--bwlimit overrides)"});
  keys.push_back({"ca_bundle", KeyType::kPath, false, "", "extra CA certificates (PEM); TLS is always verified"});
  keys.push_back({"concurrency", KeyType::kInteger, false, "4", "requests in flight at once"});
  keys.push_back(providers::ProviderKey());
  http::AppendAuthKeys(keys);
}

Connection::Connection(const AdapterConfig& config)
    : base_url_(TrimSlash(config.GetString("base_url"))), origin_(Origin(base_url_)) {
  if (origin_.empty())
    throw PlanError(config.location + ": base_url must be an http:// or https:// URL");
  concurrency_ = static_cast<int>(std::max(1LL, config.GetInteger("concurrency", 4)));
  double max_rps = 0;
  try {
    max_rps = std::stod(config.GetString("max_rps", "0"));
  } catch (const std::exception&) {
    throw PlanError(config.location + ": max_rps must be a number (requests per second)");
  }
  if (max_rps < 0) throw PlanError(config.location + ": max_rps must not be negative");
  http::ClientOptions options = OptionsFrom(config, concurrency_);
  http::AuthConfig auth = http::AuthConfigFrom(config);
  auth.base_url = base_url_;
  auth.http = options;  // token endpoints: same CA bundle and timeouts
  auth.http.max_rps = 0;
  client_ = std::make_unique<http::Client>(options, http::MakeAuthenticator(auth));
}

void Connection::ThrowIfUnreachable(const http::Response& response, const std::string& what) const {
  ThrowIfServerUnreachable(response, what);
}

void ThrowIfServerUnreachable(const http::Response& response, const std::string& what) {
  if (response.status == 0 && response.error.find("certificate") != std::string::npos) {
    bool name = response.error.find("subject name") != std::string::npos;
    throw ConnectError(what + ": TLS: the FHIR server's certificate is not trusted: " + response.error +
                       (name ? " (the certificate is for another host name; TLS is always verified)"
                             : " (TLS is always verified; ca_bundle may name the CA that signed it)"));
  }
  if (response.status == 0)
    throw ConnectError(what + ": cannot reach the FHIR server: " + response.error);
  if (response.status == 401 || response.status == 403)
    throw ConnectError(what + ": the FHIR server refused the credentials (HTTP " + std::to_string(response.status) +
                       "); check the auth keys of the plan");
}

http::Response Connection::Get(const std::string& url, int max_attempts) {
  return GetChecked(*client_, url, max_attempts);
}

http::Response GetChecked(http::Client& client, const std::string& url, int max_attempts) {
  http::Request request;
  request.url = url;
  request.max_attempts = max_attempts;
  request.headers.push_back({"Accept", "application/fhir+json"});
  http::Response response = client.Send(std::move(request));
  ThrowIfServerUnreachable(response, "GET " + WithoutQuery(url));
  return response;
}

Capabilities Connection::CheckedCapabilities() { return ReadCapabilities(kOpenAttempts); }

Capabilities Connection::ReadCapabilities(int max_attempts) { return ReadServerCapabilities(*client_, base_url_, max_attempts); }

Capabilities CheckServer(http::Client& client, const std::string& base_url) {
  return ReadServerCapabilities(client, base_url, kOpenAttempts);
}

Capabilities ReadServerCapabilities(http::Client& client, const std::string& base_url, int max_attempts) {
  std::string url = base_url + "/metadata";
  http::Response response = GetChecked(client, url, max_attempts);
  if (response.status != 200)
    throw ConnectError("GET " + url + ": HTTP " + std::to_string(response.status) +
                       "; is base_url the FHIR base (the URL before /metadata)?");
  auto caps = ParseCapabilities(response.body);
  if (!caps) throw ConnectError("GET " + url + ": " + caps.error());
  return *caps;
}

void Connection::CheckSameOrigin(const std::string& url) const {
  if (Origin(url) != origin_)
    throw ConnectError("the FHIR server sent a link to another server (" + Origin(url) + ", base_url is " + origin_ +
                       "); ferry does not follow it, so credentials stay with base_url");
}

std::string WithoutQuery(const std::string& url) { return url.substr(0, url.find('?')); }

}  // namespace ferry::fhir
