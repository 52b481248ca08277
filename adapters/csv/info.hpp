#pragma once
/// The description of the `csv` adapter (one row of adapters/registry.cpp).

#include "core/adapter.hpp"

namespace ferry::csv {

/// `csv`: reads a directory of CSV exports, one file per stream; cannot write.
extern const AdapterInfo kInfo;

}  // namespace ferry::csv
