#pragma once
/// The adapters this build has: one row per adapter in registry.cpp, as ninja's kTools[].
/// Adding an adapter is its folder plus one row here; there is no self-registration.
///
///     for (const AdapterInfo* info : AllAdapters()) Print(info->name, info->summary);
///     const AdapterInfo* csv = FindAdapter("csv");  // nullptr when unknown

#include <span>
#include <string_view>

#include "core/adapter.hpp"

namespace ferry {

/// Every adapter, sorted by name. The descriptions live for the whole program.
std::span<const AdapterInfo* const> AllAdapters();

/// The adapter called `name` (exact match), or nullptr. For a "did you mean", pass the
/// names of AllAdapters() to DidYouMean (core/common/strings.hpp).
const AdapterInfo* FindAdapter(std::string_view name);

}  // namespace ferry
