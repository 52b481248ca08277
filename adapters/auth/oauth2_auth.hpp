#pragma once
/// OAuth2 client credentials (RFC 6749 §4.4) with a client secret, and Azure Entra ID,
/// which is the same grant at `https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`
/// with the scope `<resource>/.default`.
///
///     auto auth = std::make_shared<OAuth2Auth>(config);          // kind oauth2-client-credentials
///     auto azure = std::make_shared<OAuth2Auth>(AzureConfig(config));

#include "adapters/auth/auth_config.hpp"
#include "adapters/auth/token_auth.hpp"

namespace ferry::http {

/// How the client proves its identity to the token endpoint.
enum class ClientAuthMethod {
  kBasic,  ///< `Authorization: Basic` (client_secret_basic; RFC 6749's default)
  kPost,   ///< client_id and client_secret in the form (client_secret_post; Azure)
};

class OAuth2Auth : public TokenAuth {
 public:
  OAuth2Auth(const AuthConfig& config, ClientAuthMethod method);

 protected:
  AccessToken Mint() override;

 private:
  std::string token_url_, client_id_, client_secret_, scope_;
  ClientAuthMethod method_;
};

/// The Azure Entra ID token URL for `tenant` (login.microsoftonline.com).
std::string AzureTokenUrl(const std::string& tenant);

/// `config` with the Azure defaults filled in: the token URL from the tenant (unless
/// auth_url is set) and the scope `<base_url>/.default` (unless auth_scope is set).
/// Throws PlanError when neither a scope nor a base URL is known.
AuthConfig AzureConfig(AuthConfig config);

}  // namespace ferry::http
