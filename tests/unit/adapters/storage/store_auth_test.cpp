#include "adapters/storage/store_auth.hpp"

#include <catch2/catch.hpp>

#include "adapters/http/http_client.hpp"
#include "core/common/error.hpp"

namespace ferry::storage {
namespace {

AdapterConfig Block(std::map<std::string, std::string> values) {
  AdapterConfig config;
  config.adapter = "ndjson";
  config.location = "plan.yaml:9:3";
  for (auto& [key, text] : values) config.values[key].text = text;
  return config;
}

/// An Entra ID block whose token endpoint is a closed loopback port.
AdapterConfig EntraBlock() {
  return Block({{"auth", "azure-entra"}, {"auth_tenant", "t"}, {"auth_client_id", "c"},
                {"auth_client_secret", "s3cr3t-value"}, {"auth_url", "http://127.0.0.1:1/token"}});
}

TEST_CASE("Store auth keys: the client secret and the key file are secrets", "[storage]") {
  std::vector<KeySpec> keys;
  AppendStoreAuthKeys(keys);
  std::map<std::string, KeyType> types;
  for (const auto& key : keys) types[key.name] = key.type;
  CHECK(types.at("auth") == KeyType::kString);
  CHECK(types.at("auth_client_secret") == KeyType::kSecret);
  CHECK(types.at("auth_credentials") == KeyType::kSecret);
}

TEST_CASE("StoreTokenAuth: none gives no authenticator; another kind is a plan error", "[storage]") {
  http::ClientOptions options;
  CHECK(StoreTokenAuth(Block({}), "azure-entra", kAzureStorageScope, "Azure Blob az://a/c/", options) == nullptr);
  CHECK(StoreTokenAuth(Block({{"auth", "none"}}), "azure-entra", kAzureStorageScope, "Azure Blob az://a/c/", options) ==
        nullptr);
  CHECK_THROWS_WITH(
      StoreTokenAuth(Block({{"auth", "bearer"}, {"auth_token", "x"}}), "google-service-account", kGcsScope,
                     "GCS gs://b/", options),
      "plan.yaml:9:3: GCS gs://b/: auth must be 'google-service-account' (or none), not 'bearer'");
  CHECK_THROWS_AS(StoreTokenAuth(Block({{"auth", "azure-entra"}}), "azure-entra", kAzureStorageScope, "x", options),
                  PlanError);
}

TEST_CASE("StoreTokenAuth: a token endpoint failure names the store, never the secret", "[storage]") {
  http::ClientOptions options;
  options.max_attempts = 1;
  options.connect_timeout_ms = 2000;
  auto auth = StoreTokenAuth(EntraBlock(), "azure-entra", kAzureStorageScope, "Azure Blob az://a/c/run1/", options);
  REQUIRE(auth != nullptr);
  http::Request request;
  request.url = "https://a.blob.core.windows.net/c";
  try {
    auth->Authorize(request);
    FAIL("Authorize did not throw");
  } catch (const ConnectError& error) {
    std::string message = error.what();
    CHECK(message.starts_with("Azure Blob az://a/c/run1/: token endpoint http://127.0.0.1:1/token: "));
    CHECK(message.find("s3cr3t-value") == std::string::npos);
  }
}

}  // namespace
}  // namespace ferry::storage
