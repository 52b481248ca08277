#include "adapters/auth/auth_config.hpp"

#include <map>

#include "core/common/error.hpp"
#include "core/common/strings.hpp"

namespace ferry::http {

namespace {

/// The keys each kind requires (besides `auth`).
const std::map<std::string, std::vector<std::string>>& RequiredKeys() {
  static const std::map<std::string, std::vector<std::string>> kRequired = {
      {"none", {}},
      {"bearer", {"auth_token"}},
      {"basic", {"auth_username", "auth_password"}},
      {"oauth2-client-credentials", {"auth_url", "auth_client_id", "auth_client_secret"}},
      {"smart-backend", {"auth_client_id", "auth_private_key", "auth_kid"}},
      {"google-service-account", {"auth_credentials"}},
      {"azure-entra", {"auth_client_id", "auth_client_secret"}},
      {"aws-sigv4", {"auth_region", "auth_service", "auth_access_key_id", "auth_secret_access_key"}},
  };
  return kRequired;
}

}  // namespace

const std::vector<std::string>& AuthKinds() {
  static const std::vector<std::string> kKinds = [] {
    std::vector<std::string> kinds;
    for (const auto& [kind, keys] : RequiredKeys()) kinds.push_back(kind);
    return kinds;
  }();
  return kKinds;
}

void AppendAuthKeys(std::vector<KeySpec>& keys) {
  const std::vector<KeySpec> kAuthKeys = {
      {"auth", KeyType::kString, false, "none", "auth kind: " + Join(AuthKinds(), ", ")},
      {"auth_token", KeyType::kSecret, false, "", "bearer: the token"},
      {"auth_username", KeyType::kString, false, "", "basic: user name"},
      {"auth_password", KeyType::kSecret, false, "", "basic: password"},
      {"auth_client_id", KeyType::kString, false, "", "oauth2/smart/azure: client id"},
      {"auth_client_secret", KeyType::kSecret, false, "", "oauth2/azure: client secret"},
      {"auth_url", KeyType::kString, false, "", "token endpoint (smart: discovered; google: from the key file)"},
      {"auth_scope", KeyType::kString, false, "", "scope requested with the token"},
      {"auth_private_key", KeyType::kSecret, false, "", "smart: PEM private key (RSA or EC P-384)"},
      {"auth_kid", KeyType::kString, false, "", "smart: key id (JWT kid) registered with the server"},
      {"auth_algorithm", KeyType::kString, false, "RS384", "smart: RS384 or ES384"},
      {"auth_region", KeyType::kString, false, "", "aws-sigv4: region"},
      {"auth_service", KeyType::kString, false, "", "aws-sigv4: service (healthlake, s3)"},
      {"auth_access_key_id", KeyType::kSecret, false, "", "aws-sigv4: access key id"},
      {"auth_secret_access_key", KeyType::kSecret, false, "", "aws-sigv4: secret access key"},
      {"auth_session_token", KeyType::kSecret, false, "", "aws-sigv4: session token (temporary credentials)"},
      {"auth_credentials", KeyType::kSecret, false, "", "google: service account JSON key (file:PATH)"},
      {"auth_tenant", KeyType::kString, false, "", "azure: tenant (directory) id"},
  };
  keys.insert(keys.end(), kAuthKeys.begin(), kAuthKeys.end());
}

AuthConfig AuthConfigFrom(const AdapterConfig& config) {
  AuthConfig auth;
  auth.location = config.location;
  auth.kind = config.GetString("auth", "none");
  auto required = RequiredKeys().find(auth.kind);
  if (required == RequiredKeys().end())
    throw PlanError(config.location + ": unknown auth kind '" + auth.kind + "'" +
                    DidYouMean(auth.kind, AuthKinds()) + " (known: " + Join(AuthKinds(), ", ") + ")");
  std::vector<std::string> missing;
  for (const auto& key : required->second)
    if (config.GetString(key).empty()) missing.push_back(config.location + ": auth '" + auth.kind + "' needs '" + key + "'");
  if (auth.kind == "azure-entra" && config.GetString("auth_tenant").empty() && config.GetString("auth_url").empty())
    missing.push_back(config.location + ": auth 'azure-entra' needs 'auth_tenant' (or 'auth_url')");
  if (!missing.empty()) throw PlanError(Join(missing, "\n"));
  auth.token = config.GetString("auth_token");
  auth.username = config.GetString("auth_username");
  auth.password = config.GetString("auth_password");
  auth.client_id = config.GetString("auth_client_id");
  auth.client_secret = config.GetString("auth_client_secret");
  auth.token_url = config.GetString("auth_url");
  auth.scope = config.GetString("auth_scope");
  auth.private_key = config.GetString("auth_private_key");
  auth.key_id = config.GetString("auth_kid");
  auth.algorithm = config.GetString("auth_algorithm", "RS384");
  auth.region = config.GetString("auth_region");
  auth.service = config.GetString("auth_service");
  auth.access_key_id = config.GetString("auth_access_key_id");
  auth.secret_access_key = config.GetString("auth_secret_access_key");
  auth.session_token = config.GetString("auth_session_token");
  auth.credentials = config.GetString("auth_credentials");
  auth.tenant = config.GetString("auth_tenant");
  return auth;
}

}  // namespace ferry::http
