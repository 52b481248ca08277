#pragma once
/// The description of the `hl7v2` adapter (one row of adapters/registry.cpp).

#include "core/adapter.hpp"

namespace ferry::hl7v2 {

/// `hl7v2`: reads HL7 v2 messages (ER7), one stream per segment id; cannot write.
extern const AdapterInfo kInfo;

}  // namespace ferry::hl7v2
