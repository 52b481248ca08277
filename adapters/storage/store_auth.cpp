#include "adapters/storage/store_auth.hpp"

#include "adapters/auth/auth_config.hpp"
#include "adapters/auth/make_authenticator.hpp"
#include "core/common/error.hpp"

namespace ferry::storage {

namespace {

/// Prefixes the store's name to the errors of the token endpoint, so that a refused
/// client secret reads `Azure Blob az://...: token endpoint ...: HTTP 401 ...`.
class NamedAuth final : public http::Authenticator {
 public:
  NamedAuth(std::shared_ptr<http::Authenticator> inner, std::string name)
      : inner_(std::move(inner)), name_(std::move(name)) {}

  void Authorize(http::Request& request) override {
    try {
      inner_->Authorize(request);
    } catch (const ConnectError& error) {
      throw ConnectError(name_ + ": " + error.what());
    }
  }
  void Invalidate() override { inner_->Invalidate(); }

 private:
  std::shared_ptr<http::Authenticator> inner_;
  std::string name_;
};

}  // namespace

void AppendStoreAuthKeys(std::vector<KeySpec>& keys) {
  const std::vector<KeySpec> kAuthKeys = {
      {"auth", KeyType::kString, false, "none",
       "Azure Blob: azure-entra (Entra ID token); GCS json: google-service-account"},
      {"auth_tenant", KeyType::kString, false, "", "azure-entra: tenant (directory) id"},
      {"auth_client_id", KeyType::kString, false, "", "azure-entra: application (client) id"},
      {"auth_client_secret", KeyType::kSecret, false, "", "azure-entra: client secret"},
      {"auth_credentials", KeyType::kSecret, false, "",
       "google-service-account: the JSON key (file:PATH)"},
      {"auth_url", KeyType::kString, false, "", "token endpoint (default: Entra's, or the key's token_uri)"},
      {"auth_scope", KeyType::kString, false, "",
       "token scope (default https://storage.azure.com/.default or devstorage.read_write)"},
  };
  keys.insert(keys.end(), kAuthKeys.begin(), kAuthKeys.end());
}

std::shared_ptr<http::Authenticator> StoreTokenAuth(const AdapterConfig& config, const std::string& kind,
                                                    const std::string& scope, const std::string& store_name,
                                                    const http::ClientOptions& http) {
  const std::string given = config.GetString("auth", "none");
  if (given == "none" || given.empty()) return nullptr;
  if (given != kind) {
    throw PlanError(config.location + ": " + store_name + ": auth must be '" + kind + "' (or none), not '" +
                    given + "'");
  }
  http::AuthConfig auth = http::AuthConfigFrom(config);
  if (auth.scope.empty()) auth.scope = scope;
  auth.http = http;
  auth.http.max_rps = 0;  // the caps are for the store, not the token endpoint
  auth.http.bwlimit = 0;
  return std::make_shared<NamedAuth>(http::MakeAuthenticator(auth), store_name);
}

}  // namespace ferry::storage
