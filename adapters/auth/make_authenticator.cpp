#include "adapters/auth/make_authenticator.hpp"

#include "adapters/auth/static_auth.hpp"
#include "core/common/error.hpp"

namespace ferry::http {

std::shared_ptr<Authenticator> MakeAuthenticator(const AuthConfig& config) {
  if (config.kind == "none") return nullptr;
  if (config.kind == "bearer") return std::make_shared<BearerAuth>(config.token);
  if (config.kind == "basic") return std::make_shared<BasicAuth>(config.username, config.password);
  throw PlanError(config.location + ": unknown auth kind '" + config.kind + "'");
}

}  // namespace ferry::http
