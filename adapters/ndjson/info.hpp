#pragma once
/// The description of the `ndjson` adapter (one row of adapters/registry.cpp).

#include "core/adapter.hpp"

namespace ferry::ndjson {

/// `ndjson`: reads and writes a FHIR Bulk Data directory (`<Type>.ndjson` + manifest.json).
extern const AdapterInfo kInfo;

}  // namespace ferry::ndjson
