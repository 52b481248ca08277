#pragma once
/// The de-identification profiles built into ferry: the YAML files of mappings/deidentify/,
/// embedded at build time (CMakeLists.txt writes builtin_profiles.cpp from
/// builtin_profiles.cpp.in), so `profile: safe-harbor` works wherever the binary is.
///
///     std::optional<std::string_view> yaml = BuiltinProfileText("safe-harbor");

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::transform {

/// The YAML text of built-in profile `name`, or nullopt when there is none of that name.
std::optional<std::string_view> BuiltinProfileText(std::string_view name);

/// The names of the built-in profiles.
std::vector<std::string> BuiltinProfileNames();

}  // namespace ferry::transform
