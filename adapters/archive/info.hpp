#pragma once
/// The description of the `archive` adapter (one row of adapters/registry.cpp).

#include "core/adapter.hpp"

namespace ferry::archive {

/// `archive`: writes an encrypted escrow archive (core/archive/escrow.hpp); target only.
extern const AdapterInfo kInfo;

}  // namespace ferry::archive
