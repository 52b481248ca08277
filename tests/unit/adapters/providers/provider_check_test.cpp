#include "adapters/providers/provider_check.hpp"

#include <catch2/catch.hpp>

#include "adapters/providers/provider_profile.hpp"
#include "core/common/error.hpp"

namespace ferry::providers {

namespace {

ConfigValue Value(std::string text, std::string location) {
  ConfigValue value;
  value.text = std::move(text);
  value.location = std::move(location);
  return value;
}

AdapterConfig Target(std::string provider) {
  AdapterConfig config;
  config.adapter = "fhir";
  config.location = "plan.yaml:5:3";
  config.values["provider"] = Value(std::move(provider), "plan.yaml:7:13");
  return config;
}

const std::vector<KeySpec> kKeys = {
    {"batch_size", KeyType::kInteger, false, "50", ""},
    {"max_rps", KeyType::kInteger, false, "0", ""},
    {"provider", KeyType::kString, false, "", ""},
};

}  // namespace

TEST_CASE("profiles are found by name (newest) or name@version") {
  REQUIRE(FindProfile("aws-healthlake"));
  CHECK(FindProfile("aws-healthlake")->max_bundle_entries == 160);
  CHECK(FindProfile("azure-health-data-services@2026.1")->max_bundle_entries == 500);
  CHECK(FindProfile("hapi")->ids == IdRule::kNotAllNumeric);
  CHECK_FALSE(FindProfile("aws-healthlake@1999.1"));
  CHECK_FALSE(FindProfile("healthlake"));
  for (const ProviderProfile& profile : AllProfiles()) {
    CHECK_FALSE(profile.source.empty());
    CHECK(profile.batch_size > 0);
    if (profile.max_bundle_entries > 0) CHECK(profile.batch_size <= profile.max_bundle_entries);
  }
}

TEST_CASE("a provider gives defaults only for keys the plan left out and the adapter declares") {
  AdapterConfig config = Target("aws-healthlake");
  config.values["batch_size"] = Value("50", "");  // the adapter's default, not from the plan
  AdapterConfig out = WithProviderDefaults(config, kKeys);
  CHECK(out.GetString("batch_size") == "100");
  CHECK(out.GetString("max_rps") == "20");
  CHECK_FALSE(out.Has("concurrency"));  // not declared
  config.values["batch_size"] = Value("10", "plan.yaml:9:15");
  CHECK(WithProviderDefaults(config, kKeys).GetString("batch_size") == "10");
}

TEST_CASE("validate warnings name the key's place, the limit and the vendor page") {
  AdapterConfig config = Target("aws-healthlake");
  config.values["batch_size"] = Value("500", "plan.yaml:9:15");
  config.values["base_url"] = Value("https://fhir.example.org/r4", "plan.yaml:8:13");
  config.values["max_rps"] = Value("100", "plan.yaml:10:12");
  std::vector<std::string> warnings = ProviderWarnings(config, "target");
  REQUIRE(warnings.size() == 3);
  CHECK(warnings[0] ==
        "plan.yaml:9:15: target provider aws-healthlake@2026.1: batch_size 500 is over the 160 entries per Bundle "
        "the provider accepts; use 160 or less (https://docs.aws.amazon.com/healthlake/latest/devguide/quotas.html)");
  CHECK(warnings[1] ==
        "plan.yaml:10:12: target provider aws-healthlake@2026.1: max_rps 100 is above the provider's default rate "
        "limit of 20 requests/s; expect 429s (https://docs.aws.amazon.com/healthlake/latest/devguide/quotas.html)");
  CHECK(warnings[2] ==
        "plan.yaml:8:13: target provider aws-healthlake@2026.1: base_url does not have the provider's shape "
        "https://healthlake.<region>.amazonaws.com/datastore/<datastore-id>/r4");
}

TEST_CASE("a plan within the profile gets no warnings") {
  AdapterConfig config = Target("aws-healthlake");
  config.values["batch_size"] = Value("160", "plan.yaml:9:15");
  config.values["base_url"] = Value("https://healthlake.us-east-1.amazonaws.com/datastore/abc123/r4/", "plan.yaml:8:13");
  CHECK(ProviderWarnings(config, "target").empty());
  CHECK(ProviderWarnings(AdapterConfig{}, "target").empty());
}

TEST_CASE("HAPI: preserved ids may be all digits, which HAPI refuses") {
  AdapterConfig config = Target("hapi");
  config.values["ids"] = Value("preserve", "plan.yaml:11:8");
  std::vector<std::string> warnings = ProviderWarnings(config, "target");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] ==
        "plan.yaml:11:8: target provider hapi@2026.1: ids: preserve keeps source ids, and this provider refuses ids "
        "made only of digits; use ids: uuid5 or ids: server if the source has such ids");
}

TEST_CASE("an unknown provider is a plan error listing the known ones") {
  AdapterConfig config = Target("healthlake");
  try {
    ProviderWarnings(config, "target");
    FAIL("no error");
  } catch (const PlanError& error) {
    CHECK(std::string(error.what()) ==
          "plan.yaml:7:13: unknown provider 'healthlake'; known: azure-health-data-services@2026.1, "
          "google-cloud-healthcare@2026.1, aws-healthlake@2026.1, hapi@2026.1, generic-r4@2026.1");
  }
}

}  // namespace ferry::providers
