#include "adapters/auth/make_authenticator.hpp"

#include "adapters/auth/assertion_auth.hpp"
#include "adapters/auth/oauth2_auth.hpp"
#include "adapters/auth/sigv4.hpp"
#include "adapters/auth/static_auth.hpp"
#include "core/common/error.hpp"

namespace ferry::http {

std::shared_ptr<Authenticator> MakeAuthenticator(const AuthConfig& config) {
  if (config.kind == "none") return nullptr;
  if (config.kind == "bearer") return std::make_shared<BearerAuth>(config.token);
  if (config.kind == "basic") return std::make_shared<BasicAuth>(config.username, config.password);
  if (config.kind == "oauth2-client-credentials") return std::make_shared<OAuth2Auth>(config, ClientAuthMethod::kBasic);
  if (config.kind == "azure-entra") return std::make_shared<OAuth2Auth>(AzureConfig(config), ClientAuthMethod::kPost);
  if (config.kind == "smart-backend") return std::make_shared<SmartBackendAuth>(config);
  if (config.kind == "google-service-account") return std::make_shared<GoogleServiceAccountAuth>(config);
  if (config.kind == "aws-sigv4")
    return std::make_shared<SigV4Auth>(
        AwsCredentials{config.access_key_id, config.secret_access_key, config.session_token}, config.region,
        config.service);
  throw PlanError(config.location + ": unknown auth kind '" + config.kind + "'");
}

}  // namespace ferry::http
