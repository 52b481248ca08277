#include "adapters/providers/provider_profile.hpp"

#include <vector>

namespace ferry::providers {

namespace {

std::vector<ProviderProfile> MakeProfiles() {
  std::vector<ProviderProfile> profiles;
  profiles.push_back({
      .name = "azure-health-data-services",
      .version = "2026.1",
      .title = "Azure Health Data Services (FHIR service)",
      .base_url_shape = "https://<workspace>-<fhir-service>.fhir.azurehealthcareapis.com",
      .base_url_regex = R"(^https://[a-z0-9-]+\.fhir\.azurehealthcareapis\.com/?$)",
      .auth_kind = "azure-entra",
      .max_bundle_entries = 500,
      .ids = IdRule::kAny,
      .transactions = true,
      .keeps_history = true,
      .keeps_last_updated = false,
      .batch_size = 100,
      .max_rps = 0,
      .concurrency = 4,
      .rate_guidance = "throttles with 429 and Retry-After when the provisioned throughput is used up; "
                       "start at concurrency 4 and raise it while no 429s come back",
      .source = "https://learn.microsoft.com/azure/healthcare-apis/fhir/fhir-features-supported",
      .ndjson_layout = "azure",
  });
  profiles.push_back({
      .name = "google-cloud-healthcare",
      .version = "2026.1",
      .title = "Google Cloud Healthcare API (FHIR store, R4)",
      .base_url_shape = "https://healthcare.googleapis.com/v1/projects/<project>/locations/<location>/datasets/"
                        "<dataset>/fhirStores/<store>/fhir",
      .base_url_regex = R"(^https://healthcare\.googleapis\.com/v1(beta1)?/projects/[^/]+/locations/[^/]+/datasets/[^/]+/fhirStores/[^/]+/fhir/?$)",
      .auth_kind = "google-service-account",
      .max_bundle_entries = 0,
      .ids = IdRule::kStoreSetting,
      .transactions = true,
      .keeps_history = true,
      .keeps_last_updated = false,
      .batch_size = 100,
      .max_rps = 0,
      .concurrency = 4,
      .rate_guidance = "per-project, per-region request quotas (429 when exceeded); executeBundle time grows with "
                       "entries; client-assigned ids need the store's enableUpdateCreate",
      .source = "https://cloud.google.com/healthcare-api/quotas",
      .ndjson_layout = "google",
  });
  profiles.push_back({
      .name = "aws-healthlake",
      .version = "2026.1",
      .title = "AWS HealthLake",
      .base_url_shape = "https://healthlake.<region>.amazonaws.com/datastore/<datastore-id>/r4",
      .base_url_regex = R"(^https://healthlake(-fips)?\.[a-z0-9-]+\.amazonaws\.com/datastore/[A-Za-z0-9]+/r4/?$)",
      .auth_kind = "aws-sigv4",
      .max_bundle_entries = 160,
      .ids = IdRule::kAny,
      .transactions = true,
      .keeps_history = true,
      .keeps_last_updated = false,
      .batch_size = 100,
      .max_rps = 20,
      .concurrency = 4,
      .rate_guidance = "160 resources per Bundle; Bundle requests are rate-limited per account (20/s by default, "
                       "adjustable in Service Quotas)",
      .source = "https://docs.aws.amazon.com/healthlake/latest/devguide/quotas.html",
      .ndjson_layout = "healthlake",
  });
  profiles.push_back({
      .name = "hapi",
      .version = "2026.1",
      .title = "HAPI FHIR JPA server",
      .base_url_shape = "https://<host>/fhir",
      .base_url_regex = "",
      .auth_kind = "",
      .max_bundle_entries = 0,
      .ids = IdRule::kNotAllNumeric,
      .transactions = true,
      .keeps_history = true,
      .keeps_last_updated = false,
      .batch_size = 100,
      .max_rps = 0,
      .concurrency = 4,
      .rate_guidance = "no built-in rate limit; large transactions hold database locks, so keep Bundles in the "
                       "hundreds; purely numeric client ids are refused by the default client id strategy",
      .source = "https://hapifhir.io/hapi-fhir/docs/server_jpa/configuration.html",
  });
  profiles.push_back({
      .name = "generic-r4",
      .version = "2026.1",
      .title = "Any FHIR R4 server",
      .base_url_shape = "https://<host>/<path>",
      .base_url_regex = "",
      .auth_kind = "",
      .max_bundle_entries = 0,
      .ids = IdRule::kAny,
      .transactions = true,
      .keeps_history = true,
      .keeps_last_updated = false,
      .batch_size = 50,
      .max_rps = 0,
      .concurrency = 4,
      .rate_guidance = "unknown: ferry backs off on 429/503 and honours Retry-After",
      .source = "https://hl7.org/fhir/R4/http.html",
  });
  return profiles;
}

}  // namespace

std::span<const ProviderProfile> AllProfiles() {
  static const std::vector<ProviderProfile> kProfiles = MakeProfiles();
  return kProfiles;
}

const ProviderProfile* FindProfile(std::string_view spec) {
  std::string_view name = spec.substr(0, spec.find('@'));
  std::string_view version = spec.find('@') == std::string_view::npos ? "" : spec.substr(spec.find('@') + 1);
  for (const ProviderProfile& profile : AllProfiles()) {
    if (profile.name == name && (version.empty() || profile.version == version)) return &profile;
  }
  return nullptr;
}

const char* IdRuleName(IdRule rule) {
  switch (rule) {
    case IdRule::kAny:
      return "any";
    case IdRule::kNotAllNumeric:
      return "not-all-numeric";
    case IdRule::kStoreSetting:
      return "store-setting";
  }
  return "any";
}

}  // namespace ferry::providers
