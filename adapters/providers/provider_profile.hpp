#pragma once
/// Built-in, versioned descriptions of FHIR providers: what a plan must respect to write to
/// (or read from) Azure Health Data Services, Google Cloud Healthcare API, AWS HealthLake,
/// a HAPI FHIR server or any other R4 server. A plan names one with `provider:` in its
/// source or target block (`provider: aws-healthlake`, or pinned: `aws-healthlake@2026.1`);
/// the block then gets the profile's safe defaults for the keys it leaves out, and
/// `ferry validate` warns where the plan goes past the profile's limits
/// (provider_check.hpp).
///
///     const ProviderProfile* profile = FindProfile("azure-health-data-services");
///     profile->max_bundle_entries;   // 500
///
/// Each profile names the vendor page its limits come from; a limit of 0 means the vendor
/// documents none. A new vendor version of a limit is a new profile version: keep the old
/// row so that pinned plans keep their meaning.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ferry::providers {

/// What a server accepts as client-assigned resource ids (PUT Type/id).
enum class IdRule {
  kAny,            ///< any FHIR id ([A-Za-z0-9-.]{1,64})
  kNotAllNumeric,  ///< ids made only of digits are refused (HAPI's default client id strategy)
  kStoreSetting,   ///< allowed only when the store is configured for it (update-as-create)
};

struct ProviderProfile {
  std::string name;            ///< as written in plans: `aws-healthlake`
  std::string version;         ///< profile version: `2026.1`
  std::string title;           ///< `AWS HealthLake`
  std::string base_url_shape;  ///< for people: `https://healthlake.<region>.amazonaws.com/datastore/<id>/r4`
  std::string base_url_regex;  ///< ECMAScript regex a base URL of this provider matches ("" = any)
  std::string auth_kind;       ///< the usual `auth:` kind ("" = whatever the deployment uses)
  int max_bundle_entries = 0;  ///< entries per batch/transaction Bundle (0 = none documented)
  std::uint64_t max_request_bytes = 0;  ///< bytes per request body (0 = none documented)
  IdRule ids = IdRule::kAny;
  bool transactions = true;         ///< transaction Bundles supported
  bool keeps_history = true;        ///< the server keeps a version history of what ferry writes
  bool keeps_last_updated = false;  ///< meta.lastUpdated from the source survives a REST write
  int batch_size = 100;             ///< safe default entries per Bundle
  int max_rps = 0;                  ///< safe default requests/second (0 = no cap)
  int concurrency = 4;              ///< safe default concurrent requests
  std::string rate_guidance;        ///< one line for `ferry adapters` and the docs
  std::string source;               ///< the vendor page the limits come from
  /// The ndjson target's layout preset (layout_presets.hpp) for files bound for this
  /// provider's bulk import: `azure`, `healthlake`, `google`, or `bulk`.
  std::string ndjson_layout = "bulk";
};

/// Every built-in profile, newest version of each provider first.
std::span<const ProviderProfile> AllProfiles();

/// The profile `spec` names: `name` (the newest version) or `name@version`; null if none.
const ProviderProfile* FindProfile(std::string_view spec);

/// "any", "not-all-numeric" or "store-setting".
const char* IdRuleName(IdRule rule);

}  // namespace ferry::providers
