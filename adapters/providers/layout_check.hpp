#pragma once
/// `ferry validate` warnings for an ndjson target's file layout (layout_presets.hpp): the
/// plan's `max_file_bytes` / `max_file_resources` against its preset's limits, and a
/// `layout:` that is not the one its `provider:` imports.
///
///     target:
///       adapter: ndjson
///       path: s3://bucket/import/
///       provider: azure-health-data-services   # layout: azure
///       max_file_resources: 500                # warned: below Azure's recommended minimum

#include <string>
#include <string_view>
#include <vector>

#include "adapters/providers/provider_profile.hpp"
#include "core/adapter.hpp"

namespace ferry::providers {

/// The layout preset name a block uses: its `layout` when the plan sets it, else the
/// profile's (when `profile` is not null), else `bulk`.
std::string LayoutOf(const AdapterConfig& config, const ProviderProfile* profile);

/// Warnings, `file:line:col: message`, for the layout of `config` (the plan's `role`
/// block) with its provider `profile` (null when none); empty for blocks without a
/// `layout` key. Throws PlanError for a layout no preset has.
std::vector<std::string> LayoutWarnings(const AdapterConfig& config, const ProviderProfile* profile,
                                        std::string_view role);

}  // namespace ferry::providers
