#pragma once
/// AuthConfig: how an HTTP adapter authenticates, read from the same `auth*` plan keys
/// in every HTTP adapter (see AUTH in ferry-plan(5)).
///
/// An adapter appends AuthKeys() to its KeySpecs, and at open time turns its checked
/// config into an AuthConfig and an Authenticator:
///
///     std::vector<KeySpec> keys = {{"base_url", KeyType::kString, true}, ...};
///     AppendAuthKeys(keys);
///     ...
///     AuthConfig auth = AuthConfigFrom(config);     // throws PlanError naming missing keys
///     auth.base_url = config.GetString("base_url");  // for SMART discovery and Azure's scope
///     auth.http = options;                            // token endpoints: same CA bundle, trace
///     http::Client client(options, MakeAuthenticator(auth));
///
///     target:
///       adapter: fhir
///       auth: oauth2-client-credentials
///       auth_url: https://login.example.org/token
///       auth_client_id: ferry
///       auth_client_secret: env:FHIR_CLIENT_SECRET

#include <string>
#include <vector>

#include "adapters/http/http_types.hpp"
#include "core/adapter.hpp"

namespace ferry::http {

/// Everything any auth kind needs; each kind reads only its own fields. Secret fields
/// hold resolved values and are never logged.
struct AuthConfig {
  std::string kind = "none";  ///< none, bearer, basic, oauth2-client-credentials, smart-backend,
                              ///< aws-sigv4, google-service-account, azure-entra
  std::string token;          ///< bearer (secret)
  std::string username, password;  ///< basic (password secret)
  std::string client_id, client_secret;  ///< oauth2, azure (secret), smart (client_id)
  std::string token_url;      ///< token endpoint; smart: discovered when empty; google: from the key file
  std::string scope;          ///< oauth2 / smart / google / azure scope
  std::string private_key;    ///< smart: PEM private key (secret)
  std::string key_id;         ///< smart: JWT `kid`
  std::string algorithm = "RS384";  ///< smart: RS384 or ES384
  std::string region, service;      ///< aws-sigv4
  std::string access_key_id, secret_access_key, session_token;  ///< aws-sigv4 (secrets)
  std::string credentials;    ///< google: the service account JSON key (secret)
  std::string tenant;         ///< azure: directory (tenant) id
  std::string base_url;       ///< the FHIR base, for SMART discovery (set by the adapter)
  ClientOptions http;         ///< how token endpoints are reached (CA bundle, timeouts)
  std::string location;       ///< `plan.yaml:4:3`, for messages
};

/// The auth kinds MakeAuthenticator knows, as written in plans.
const std::vector<std::string>& AuthKinds();

/// The `auth*` keys every HTTP adapter declares (appended to `keys`).
void AppendAuthKeys(std::vector<KeySpec>& keys);

/// The AuthConfig of a checked adapter block. Throws PlanError (listing every problem)
/// for an unknown kind or when a key the kind needs is missing.
AuthConfig AuthConfigFrom(const AdapterConfig& config);

}  // namespace ferry::http
