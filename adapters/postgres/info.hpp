#pragma once
/// The description of the `postgres` adapter (one row of adapters/registry.cpp).

#include "core/adapter.hpp"

namespace ferry::postgres {

/// `postgres`: reads rows of a PostgreSQL database; writes a FHIR store table in one.
extern const AdapterInfo kInfo;

}  // namespace ferry::postgres
