#pragma once
/// What a plan's `provider:` key does (profiles: provider_profile.hpp).
///
/// - WithProviderDefaults gives an adapter block the profile's safe values for the keys the
///   plan leaves out (`batch_size`, `max_rps`, `concurrency`, and `bundle: batch` where the
///   provider has no transactions), among the keys the adapter declares. The pipeline
///   applies it before it opens a source or target (core/pipeline/plan_parts.cpp).
/// - ProviderWarnings lists where a block goes past its profile: a Bundle larger than the
///   provider takes, a request rate above its guidance, ids it refuses, a base URL or auth
///   kind that does not fit, and for an ndjson target file limits that break its layout
///   preset (layout_check.hpp, with or without a provider). `ferry validate` and `ferry run`
///   print them as warnings.
///
///     target:
///       adapter: fhir
///       provider: aws-healthlake        # or aws-healthlake@2026.1
///       base_url: https://healthlake.us-east-1.amazonaws.com/datastore/abc/r4
///
/// An adapter takes part by declaring ProviderKey() among its keys.

#include <string>
#include <string_view>
#include <vector>

#include "core/adapter.hpp"

namespace ferry::providers {

/// The `provider` key, for an adapter's KeySpecs.
KeySpec ProviderKey();

/// `config` with its profile's defaults for keys the plan left out (a key counts as left
/// out when it has no plan location) and `keys` declares. Unchanged when `provider` is
/// absent. Throws PlanError for a provider no profile has.
AdapterConfig WithProviderDefaults(const AdapterConfig& config, const std::vector<KeySpec>& keys);

/// Warnings, `file:line:col: message`, for `config` (the plan's `role`: "source" or
/// "target") against its profile and its layout preset; empty when it has neither. Throws
/// PlanError for a provider no profile has or a layout no preset has.
std::vector<std::string> ProviderWarnings(const AdapterConfig& config, std::string_view role);

}  // namespace ferry::providers
