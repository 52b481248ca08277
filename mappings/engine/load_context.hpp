#pragma once
/// What the parsers of a mapping spec share while loading one spec: the diagnostics (every
/// problem is reported, loading goes on), the columns the current rule's stream reads
/// (column references become slots into that list), and the resource-type check.

#include <yaml-cpp/yaml.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/yaml_config.hpp"
#include "mappings/engine/eval_context.hpp"

namespace ferry {

/// Shared state of the parsers while one spec loads (see file comment).
class LoadContext {
 public:
  explicit LoadContext(Diagnostics& diag) : diag_(diag) {}

  Diagnostics& diag() { return diag_; }
  /// Reports an error at `mark` (with the source line and a caret).
  void Error(const YAML::Mark& mark, const std::string& message) { diag_.Error(mark, message); }
  /// `spec.yaml:LINE:COL` of `mark`.
  std::string Location(const YAML::Mark& mark) const;

  /// Column references from now on belong to the stream whose list is `columns`.
  void SetStreamColumns(std::vector<std::string>* columns) { stream_columns_ = columns; }
  /// The reference to column `name` of the current stream (added to its list if new),
  /// with every '$' in it replaced by the current `for_each` value, if any.
  ColumnRef Column(const std::string& name);

  /// The value '$' stands for in column names from now on (`for_each`); nullopt ends it.
  void SetSubstitution(std::optional<std::string> value) { substitution_ = std::move(value); }
  /// True while a `for_each` item loads.
  bool substituting() const { return substitution_.has_value(); }

  /// The `to` types of the spec's rules, for "did you mean" on `ref:` (invalid ones are
  /// left out).
  void SetSpecTypes(const std::vector<std::string>& types);
  /// Reports at `node` unless its text is an R4 resource type; returns whether it is.
  /// `what` names the key in the message (`to`, `ref`).
  bool CheckResourceType(const YAML::Node& node, std::string_view what);

  /// Reports every key of map `node` not in `allowed`, as CheckKeys in yaml_config.hpp
  /// does, and also suggests a key that one is a stem of (`colum`, `column` → `col`).
  void CheckKeys(const YAML::Node& node, std::span<const std::string> allowed,
                 std::string_view what);
  /// Reports every key that appears more than once in map `node`.
  void CheckDuplicateKeys(const YAML::Node& node, std::string_view what);
  /// The keys of map `node` that are among `keys`, in the order `node` has them.
  std::vector<std::string> KeysPresent(const YAML::Node& node,
                                       std::span<const std::string> keys) const;

 private:
  Diagnostics& diag_;
  std::vector<std::string>* stream_columns_ = nullptr;
  std::vector<std::string> spec_types_;
  std::optional<std::string> substitution_;
};

/// True when `type` is a FHIR R4 resource type (resource_types.cpp).
bool IsR4ResourceType(std::string_view type);

}  // namespace ferry
