#include "adapters/registry.hpp"

#include "adapters/archive/info.hpp"
#include "adapters/csv/info.hpp"
#include "adapters/fhir/info.hpp"
#include "adapters/hl7v2/info.hpp"
#include "adapters/ndjson/info.hpp"
#include "adapters/postgres/info.hpp"
#include "adapters/sqlite/info.hpp"

namespace ferry {

namespace {

/// One row per adapter, sorted by name.
const AdapterInfo* const kAdapters[] = {
    &archive::kInfo,
    &csv::kInfo,
    &fhir::kInfo,
    &hl7v2::kInfo,
    &ndjson::kInfo,
    &postgres::kInfo,
    &sqlite::kInfo,
};

}  // namespace

std::span<const AdapterInfo* const> AllAdapters() { return kAdapters; }

const AdapterInfo* FindAdapter(std::string_view name) {
  for (const AdapterInfo* info : kAdapters) {
    if (info->name == name) return info;
  }
  return nullptr;
}

}  // namespace ferry
