#include "adapters/auth/auth_config.hpp"

#include <catch2/catch.hpp>

#include "core/common/error.hpp"

namespace ferry::http {
namespace {

AdapterConfig Block(std::map<std::string, std::string> values) {
  AdapterConfig config;
  config.adapter = "fhir";
  config.location = "plan.yaml:4:3";
  for (auto& [key, text] : values) config.values[key].text = text;
  return config;
}

TEST_CASE("Every HTTP adapter declares the same auth keys, secrets as kSecret", "[auth]") {
  std::vector<KeySpec> keys;
  AppendAuthKeys(keys);
  std::map<std::string, KeyType> types;
  for (const auto& key : keys) types[key.name] = key.type;
  CHECK(types.at("auth") == KeyType::kString);
  for (const char* secret : {"auth_token", "auth_password", "auth_client_secret", "auth_private_key",
                             "auth_access_key_id", "auth_secret_access_key", "auth_session_token", "auth_credentials"})
    CHECK(types.at(secret) == KeyType::kSecret);
  CHECK(AuthKinds() == std::vector<std::string>{"aws-sigv4", "azure-entra", "basic", "bearer", "google-service-account",
                                                "none", "oauth2-client-credentials", "smart-backend"});
}

TEST_CASE("AuthConfigFrom reads the keys of the kind", "[auth]") {
  AuthConfig auth = AuthConfigFrom(Block({{"auth", "basic"}, {"auth_username", "u"}, {"auth_password", "p"}}));
  CHECK(auth.kind == "basic");
  CHECK(auth.username == "u");
  CHECK(auth.password == "p");
  CHECK(auth.location == "plan.yaml:4:3");
  CHECK(AuthConfigFrom(Block({})).kind == "none");
}

TEST_CASE("AuthConfigFrom lists every missing key, and suggests a kind", "[auth]") {
  CHECK_THROWS_WITH(AuthConfigFrom(Block({{"auth", "smart-backend"}, {"auth_client_id", "c"}})),
                    "plan.yaml:4:3: auth 'smart-backend' needs 'auth_private_key'\n"
                    "plan.yaml:4:3: auth 'smart-backend' needs 'auth_kid'");
  CHECK_THROWS_WITH(AuthConfigFrom(Block({{"auth", "azure-entra"}, {"auth_client_id", "c"}, {"auth_client_secret", "s"}})),
                    "plan.yaml:4:3: auth 'azure-entra' needs 'auth_tenant' (or 'auth_url')");
  CHECK_THROWS_WITH(AuthConfigFrom(Block({{"auth", "baerer"}})),
                    "plan.yaml:4:3: unknown auth kind 'baerer'; did you mean 'bearer'? (known: aws-sigv4, azure-entra, "
                    "basic, bearer, google-service-account, none, oauth2-client-credentials, smart-backend)");
  CHECK_THROWS_AS(AuthConfigFrom(Block({{"auth", "bearer"}})), PlanError);
}

}  // namespace
}  // namespace ferry::http
