#include "adapters/registry.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

namespace ferry {

TEST_CASE("Registry lists the adapters by name", "[registry]") {
  std::vector<std::string> names;
  for (const AdapterInfo* info : AllAdapters()) names.push_back(info->name);
  CHECK(names == std::vector<std::string>{"archive", "csv", "fhir", "fhir-bulk", "hl7v2", "ndjson", "postgres", "sqlite"});
}

TEST_CASE("Registry finds an adapter by exact name", "[registry]") {
  REQUIRE(FindAdapter("ndjson") != nullptr);
  CHECK(FindAdapter("ndjson")->shape == RecordShape::kResources);
  CHECK(FindAdapter("csv")->shape == RecordShape::kRows);
  CHECK(FindAdapter("CSV") == nullptr);
  CHECK(FindAdapter("") == nullptr);
}

TEST_CASE("Every adapter describes itself fully", "[registry]") {
  for (const AdapterInfo* info : AllAdapters()) {
    INFO(info->name);
    CHECK_FALSE(info->summary.empty());
    CHECK(info->CanRead() == !info->source_keys.empty());
    CHECK(info->CanWrite() == !info->target_keys.empty());
    for (const auto* keys : {&info->source_keys, &info->target_keys}) {
      for (const KeySpec& key : *keys) {
        INFO(key.name);
        CHECK_FALSE(key.help.empty());
        CHECK_FALSE((key.required && !key.default_value.empty()));
      }
      // Every adapter has a required key saying where its data is (`path`, `database`).
      auto required = [](const KeySpec& key) { return key.required; };
      if (!keys->empty()) CHECK(std::any_of(keys->begin(), keys->end(), required));
    }
  }
  CHECK_FALSE(FindAdapter("csv")->CanWrite());
  CHECK(FindAdapter("sqlite")->CanWrite());
}

}  // namespace ferry
