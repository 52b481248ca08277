#include "adapters/providers/layout_check.hpp"

#include <catch2/catch.hpp>

#include "adapters/providers/layout_presets.hpp"
#include "adapters/providers/provider_check.hpp"
#include "core/common/error.hpp"

namespace ferry::providers {

namespace {

ConfigValue Value(std::string text, std::string location) {
  ConfigValue value;
  value.text = std::move(text);
  value.location = std::move(location);
  return value;
}

/// An ndjson target block as the plan loader gives it: `layout` present with its default.
AdapterConfig NdjsonTarget() {
  AdapterConfig config;
  config.adapter = "ndjson";
  config.location = "plan.yaml:5:3";
  config.values["layout"] = Value("bulk", "");
  return config;
}

const std::string kAzurePages =
    "https://learn.microsoft.com/azure/healthcare-apis/fhir/import-data, "
    "https://learn.microsoft.com/azure/healthcare-apis/fhir/fhir-best-practices";

}  // namespace

TEST_CASE("layout presets carry the vendors' figures and pages") {
  REQUIRE(FindLayout("azure"));
  CHECK(FindLayout("azure")->min_file_bytes == 50000000);
  CHECK(FindLayout("azure")->min_file_resources == 20000);
  CHECK(FindLayout("azure")->max_files == 10000);
  CHECK(FindLayout("healthlake")->max_files == 10000);
  CHECK(FindLayout("bulk")->max_file_bytes == 0);
  CHECK_FALSE(FindLayout("aws"));
  CHECK(LayoutNames() == "bulk, azure, healthlake, google");
  for (const LayoutPreset& layout : AllLayouts()) CHECK_FALSE(layout.source.empty());
  for (const ProviderProfile& profile : AllProfiles()) CHECK(FindLayout(profile.ndjson_layout));
}

TEST_CASE("a provider picks the ndjson layout unless the plan sets one") {
  const std::vector<KeySpec> keys = {{"layout", KeyType::kString, false, "bulk", ""},
                                     {"provider", KeyType::kString, false, "", ""}};
  AdapterConfig config = NdjsonTarget();
  config.values["provider"] = Value("aws-healthlake", "plan.yaml:8:13");
  CHECK(WithProviderDefaults(config, keys).GetString("layout") == "healthlake");
  CHECK(LayoutOf(config, FindProfile("aws-healthlake")) == "healthlake");
  config.values["layout"] = Value("google", "plan.yaml:9:11");
  CHECK(WithProviderDefaults(config, keys).GetString("layout") == "google");
  CHECK(LayoutOf(config, FindProfile("aws-healthlake")) == "google");
  CHECK(LayoutOf(NdjsonTarget(), nullptr) == "bulk");
}

TEST_CASE("layout warnings: limits below the preset's minimum or past its maximum") {
  AdapterConfig config = NdjsonTarget();
  CHECK(LayoutWarnings(config, nullptr, "target").empty());
  config.values["layout"] = Value("azure", "plan.yaml:8:11");
  config.values["max_file_resources"] = Value("500", "plan.yaml:9:23");
  config.values["max_file_bytes"] = Value("60000000", "plan.yaml:10:19");
  CHECK(LayoutWarnings(config, nullptr, "target") ==
        std::vector<std::string>{
            "plan.yaml:9:23: target layout azure: max_file_resources 500 cuts files below the 50000000 "
            "bytes or 20000 resources Azure Health Data Services $import recommends as the least (" +
            kAzurePages + ")"});

  AdapterConfig healthlake = NdjsonTarget();
  healthlake.values["layout"] = Value("healthlake", "plan.yaml:8:11");
  healthlake.values["max_file_bytes"] = Value("0", "plan.yaml:9:19");
  CHECK(LayoutWarnings(healthlake, nullptr, "target") ==
        std::vector<std::string>{
            "plan.yaml:9:19: target layout healthlake: max_file_bytes 0 (no limit) lets a file pass the "
            "50000000000 per file AWS HealthLake StartFHIRImportJob takes "
            "(https://docs.aws.amazon.com/healthlake/latest/devguide/import-datastore.html, "
            "https://docs.aws.amazon.com/healthlake/latest/devguide/quotas.html)"});
}

TEST_CASE("layout warnings: a layout that is not the provider's, and an unknown layout") {
  AdapterConfig config = NdjsonTarget();
  config.values["provider"] = Value("azure-health-data-services", "plan.yaml:7:13");
  config.values["layout"] = Value("google", "plan.yaml:8:11");
  CHECK(ProviderWarnings(config, "target") ==
        std::vector<std::string>{"plan.yaml:8:11: target layout google: provider azure-health-data-services "
                                 "imports the azure layout; use layout: azure"});
  config.values["layout"] = Value("gcs", "plan.yaml:8:11");
  CHECK_THROWS_WITH(ProviderWarnings(config, "target"),
                    "plan.yaml:8:11: unknown layout 'gcs'; known: bulk, azure, healthlake, google");
  CHECK_THROWS_AS(ProviderWarnings(config, "target"), PlanError);
}

}  // namespace ferry::providers
