#pragma once
/// The R4 structs (resources, datatypes, backbone elements) by path, and the names of the
/// primitive kinds, for de-identification profiles that name them.
///
///     std::optional<std::uint16_t> address = FindStructByPath("Address");
///     std::string_view kind = KindName(r4::ValueKind::kDateTime);  // "dateTime"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/fhir/r4_tables.hpp"

namespace ferry::transform {

/// The index in r4::kStructs of the struct at `path` (`Patient`, `HumanName`,
/// `Observation.component`), or nullopt.
std::optional<std::uint16_t> FindStructByPath(std::string_view path);

/// The index of every struct reachable from a resource type, in no particular order.
std::vector<std::uint16_t> AllStructs();

/// The path of struct `index` (`HumanName`).
std::string_view StructPath(std::uint16_t index);

/// The FHIR name of a primitive kind (`dateTime`, `string`); "" for complex kinds.
std::string_view KindName(r4::ValueKind kind);

/// True when `name` is the name of a primitive kind.
bool IsKindName(std::string_view name);

}  // namespace ferry::transform
