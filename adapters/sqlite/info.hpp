#pragma once
/// The description of the `sqlite` adapter (one row of adapters/registry.cpp).

#include "core/adapter.hpp"

namespace ferry::sqlite {

/// `sqlite`: reads rows of a SQLite database; writes Ferry's embedded FHIR store.
extern const AdapterInfo kInfo;

}  // namespace ferry::sqlite
