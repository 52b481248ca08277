#pragma once
/// The description of the `fhir-bulk` adapter (one row of adapters/registry.cpp).

#include "core/adapter.hpp"

namespace ferry::fhir_bulk {

/// `fhir-bulk`: reads a server's FHIR Bulk Data `$export` (fhir_bulk_source.hpp).
extern const AdapterInfo kInfo;

}  // namespace ferry::fhir_bulk
