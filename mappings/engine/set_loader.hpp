#pragma once
/// Loading a rule's `set:` block: element paths (parsed and checked), their value
/// expressions, and the checks between entries (the same element set twice, an element
/// set inside a single value, a later entry replacing an earlier one).

#include <yaml-cpp/yaml.h>

#include "mappings/engine/mapping_spec.hpp"

namespace ferry {

class LoadContext;

/// Fills `rule.assignments` from the `set:` node; reports every problem to `ctx`.
/// Uses `rule.to` and `rule.key_columns` (for the reserved `resourceType` and `id`).
void LoadAssignments(const YAML::Node& set, MappingRule& rule, LoadContext& ctx);

}  // namespace ferry
