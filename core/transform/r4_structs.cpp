#include "core/transform/r4_structs.hpp"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace ferry::transform {

namespace {

using r4::ValueKind;

constexpr std::array<std::pair<ValueKind, std::string_view>, 21> kKindNames = {{
    {ValueKind::kBoolean, "boolean"},   {ValueKind::kInteger, "integer"},
    {ValueKind::kPositiveInt, "positiveInt"}, {ValueKind::kUnsignedInt, "unsignedInt"},
    {ValueKind::kDecimal, "decimal"},   {ValueKind::kString, "string"},
    {ValueKind::kMarkdown, "markdown"}, {ValueKind::kCode, "code"},
    {ValueKind::kId, "id"},             {ValueKind::kUri, "uri"},
    {ValueKind::kUrl, "url"},           {ValueKind::kCanonical, "canonical"},
    {ValueKind::kOid, "oid"},           {ValueKind::kUuid, "uuid"},
    {ValueKind::kBase64Binary, "base64Binary"}, {ValueKind::kDate, "date"},
    {ValueKind::kDateTime, "dateTime"}, {ValueKind::kInstant, "instant"},
    {ValueKind::kTime, "time"},         {ValueKind::kXhtml, "xhtml"},
    {ValueKind::kReference, "reference"},
}};

/// Every struct reachable from a resource type, by path (built once).
const std::map<std::string_view, std::uint16_t>& StructsByPath() {
  static const std::map<std::string_view, std::uint16_t> kByPath = [] {
    std::map<std::string_view, std::uint16_t> by_path;
    std::vector<std::uint16_t> pending;
    for (std::size_t type_idx = 0; type_idx < r4::kResourceTypeCount; ++type_idx)
      pending.push_back(r4::kResourceTypes[type_idx].struct_index);
    pending.push_back(r4::kElementStruct);
    pending.push_back(r4::kExtensionStruct);
    while (!pending.empty()) {
      std::uint16_t index = pending.back();
      pending.pop_back();
      if (!by_path.emplace(StructPath(index), index).second) continue;
      const r4::StructInfo& info = r4::kStructs[index];
      for (std::uint32_t row = 0; row < info.element_count; ++row) {
        const r4::ElementInfo& element = r4::kElements[info.first_element + row];
        if (element.kind == ValueKind::kComplex) pending.push_back(element.type);
      }
    }
    return by_path;
  }();
  return kByPath;
}

}  // namespace

std::optional<std::uint16_t> FindStructByPath(std::string_view path) {
  const auto& by_path = StructsByPath();
  auto it = by_path.find(path);
  if (it == by_path.end()) return std::nullopt;
  return it->second;
}

std::vector<std::uint16_t> AllStructs() {
  std::vector<std::uint16_t> indexes;
  for (const auto& entry : StructsByPath()) indexes.push_back(entry.second);
  return indexes;
}

std::string_view StructPath(std::uint16_t index) {
  const r4::StructInfo& info = r4::kStructs[index];
  return r4::PoolText(info.path, info.path_size);
}

std::string_view KindName(ValueKind kind) {
  for (const auto& [known, name] : kKindNames) {
    if (known == kind) return name;
  }
  return "";
}

bool IsKindName(std::string_view name) {
  for (const auto& entry : kKindNames) {
    if (entry.second == name) return true;
  }
  return false;
}

}  // namespace ferry::transform
