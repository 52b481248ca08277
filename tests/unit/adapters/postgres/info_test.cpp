#include "adapters/postgres/info.hpp"

#include <catch2/catch.hpp>

namespace ferry::postgres {

namespace {

std::vector<std::string> Names(const std::vector<KeySpec>& keys) {
  std::vector<std::string> names;
  for (const KeySpec& key : keys) names.push_back(key.name);
  return names;
}

const KeySpec& Find(const std::vector<KeySpec>& keys, const std::string& name) {
  for (const KeySpec& key : keys) {
    if (key.name == name) return key;
  }
  FAIL("no key " << name);
  throw;
}

}  // namespace

TEST_CASE("The postgres adapter declares its keys", "[postgres]") {
  CHECK(kInfo.name == "postgres");
  CHECK(kInfo.shape == RecordShape::kRows);
  CHECK(Names(kInfo.source_keys) == std::vector<std::string>{"host", "port", "database", "user",
                                                             "password", "sslmode", "schema",
                                                             "queries"});
  CHECK(Names(kInfo.target_keys) == std::vector<std::string>{"host", "port", "database", "user",
                                                             "password", "sslmode", "schema",
                                                             "table"});
  for (const auto* keys : {&kInfo.source_keys, &kInfo.target_keys}) {
    CHECK(Find(*keys, "password").type == KeyType::kSecret);
    CHECK(Find(*keys, "port").type == KeyType::kInteger);
    CHECK(Find(*keys, "port").default_value == "5432");
    CHECK(Find(*keys, "host").default_value == "127.0.0.1");
    CHECK(Find(*keys, "sslmode").default_value == "prefer");
    CHECK(Find(*keys, "schema").default_value == "public");
    CHECK(Find(*keys, "database").required);
    CHECK(Find(*keys, "user").required);
  }
  CHECK(Find(kInfo.source_keys, "queries").type == KeyType::kStringMap);
  CHECK(Find(kInfo.target_keys, "table").default_value == "fhir_resources");
}

}  // namespace ferry::postgres
