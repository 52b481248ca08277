#pragma once
/// The description of the `fhir` adapter (one row of adapters/registry.cpp).

#include "core/adapter.hpp"

namespace ferry::fhir {

/// `fhir`: reads from and writes to a FHIR R4 server over its REST API.
extern const AdapterInfo kInfo;

}  // namespace ferry::fhir
