#include "adapters/auth/oauth2_auth.hpp"

#include "adapters/auth/static_auth.hpp"
#include "adapters/http/url.hpp"
#include "core/common/error.hpp"
#include "core/common/hash.hpp"

namespace ferry::http {

OAuth2Auth::OAuth2Auth(const AuthConfig& config, ClientAuthMethod method)
    : TokenAuth(config.http), token_url_(config.token_url), client_id_(config.client_id),
      client_secret_(config.client_secret), scope_(config.scope), method_(method) {}

AccessToken OAuth2Auth::Mint() {
  std::vector<std::pair<std::string, std::string>> form = {{"grant_type", "client_credentials"}};
  if (!scope_.empty()) form.emplace_back("scope", scope_);
  std::vector<Header> headers;
  if (method_ == ClientAuthMethod::kBasic) {
    headers.push_back({"Authorization", "Basic " + Base64(UriEncode(client_id_) + ":" + UriEncode(client_secret_))});
  } else {
    form.emplace_back("client_id", client_id_);
    form.emplace_back("client_secret", client_secret_);
  }
  return PostTokenForm(token_url_, form, std::move(headers));
}

std::string AzureTokenUrl(const std::string& tenant) {
  return "https://login.microsoftonline.com/" + UriEncode(tenant) + "/oauth2/v2.0/token";
}

AuthConfig AzureConfig(AuthConfig config) {
  if (config.token_url.empty()) config.token_url = AzureTokenUrl(config.tenant);
  if (config.scope.empty()) {
    if (config.base_url.empty())
      throw PlanError(config.location + ": auth 'azure-entra' needs 'auth_scope' (e.g. https://<workspace>-<service>.fhir.azurehealthcareapis.com/.default)");
    std::string base = config.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    config.scope = base + "/.default";
  }
  return config;
}

}  // namespace ferry::http
