// Look-ups over the generated tables of r4_tables.cpp (declared in r4_tables.hpp).

#include <algorithm>

#include "core/fhir/r4_tables.hpp"

namespace ferry::r4 {

namespace {

/// Three-way comparison in table order (length, then bytes), inlined: names are short.
int CompareName(std::string_view row, std::string_view key) {
  if (row.size() != key.size()) return row.size() < key.size() ? -1 : 1;
  for (std::size_t i = 0; i < key.size(); ++i) {
    auto row_byte = static_cast<unsigned char>(row[i]);
    auto key_byte = static_cast<unsigned char>(key[i]);
    if (row_byte != key_byte) return row_byte < key_byte ? -1 : 1;
  }
  return 0;
}

/// Binary search of `rows[0..count)` by a name that `name_of` reads from each row.
template <typename Row, typename NameOf>
const Row* FindByName(const Row* rows, std::size_t count, std::string_view name, NameOf name_of) {
  std::size_t low = 0;
  std::size_t high = count;
  while (low < high) {
    std::size_t mid = low + (high - low) / 2;
    int order = CompareName(name_of(rows[mid]), name);
    if (order == 0) return rows + mid;
    if (order < 0) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return nullptr;
}

std::string_view CodeText(const CodeInfo& code) { return PoolText(code.code, code.code_size); }

std::string_view SystemText(std::uint16_t system) {
  return PoolText(kSystems[system].url, kSystems[system].url_size);
}

}  // namespace

const ElementInfo* FindElement(const StructInfo& info, std::string_view name) {
  return FindByName(kElements + info.first_element, info.element_count, name,
                    [](const ElementInfo& e) { return PoolText(e.name, e.name_size); });
}

int FindResourceStruct(std::string_view name) {
  const ResourceTypeInfo* found =
      FindByName(kResourceTypes, kResourceTypeCount, name,
                 [](const ResourceTypeInfo& r) { return PoolText(r.name, r.name_size); });
  return found ? found->struct_index : -1;
}

bool ValueSetContains(std::uint16_t value_set, std::string_view system, std::string_view code) {
  const ValueSetInfo& info = kValueSets[value_set];
  const CodeInfo* begin = kCodes + info.first_code;
  const CodeInfo* end = begin + info.code_count;
  const CodeInfo* found = std::lower_bound(
      begin, end, code,
      [](const CodeInfo& row, std::string_view key) { return ShorterOrLess(CodeText(row), key); });
  for (; found != end && CodeText(*found) == code; ++found) {
    if (system.empty() || SystemText(found->system) == system) return true;
  }
  return false;
}

bool ValueSetHasSystem(std::uint16_t value_set, std::string_view system) {
  const ValueSetInfo& info = kValueSets[value_set];
  const CodeInfo* begin = kCodes + info.first_code;
  return std::any_of(begin, begin + info.code_count,
                     [&](const CodeInfo& row) { return SystemText(row.system) == system; });
}

}  // namespace ferry::r4
