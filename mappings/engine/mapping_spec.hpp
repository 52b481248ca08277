#pragma once
/// A mapping spec loaded into plain structs. See ferry-mapping(5) for the YAML format.
///
/// Loading checks everything that can be checked without data: known keys (with a
/// "did you mean"), valid element paths, resource types that exist in R4, date formats,
/// references to resource types, and reports every problem as `spec.yaml:LINE:COL: ...`
/// in one PlanError.

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ferry {

struct ValueExpr;  // defined in value_expr.hpp (the engine's internals)
struct Condition;
struct ElementPath;  // element_path.hpp

/// One `set:` entry: an element path and the expression that fills it.
struct Assignment {
  std::string path;  ///< `identifier[0].value`, `name[+].given[0]`
  std::shared_ptr<const ValueExpr> value;
  std::string location;                             ///< `spec.yaml:12:7`
  std::shared_ptr<const ElementPath> element_path;  ///< `path`, parsed
};

/// One rule: how rows of stream `from` become resources of type `to`.
struct MappingRule {
  std::string name;  ///< `name:`, default `<from>-><to>`
  std::string from;  ///< source stream (csv: file stem; sql: table or query name)
  std::string to;    ///< FHIR resource type
  std::vector<std::string> key_columns;   ///< `key:` one column or a list; empty = no id
  std::vector<std::size_t> key_slots;     ///< slots of `key_columns` in the stream's columns
  std::shared_ptr<const Condition> when;  ///< null = always
  std::vector<Assignment> assignments;
  std::string location;  ///< `spec.yaml:LINE:COL` of the rule
};

/// A loaded, checked mapping spec.
struct MappingSpec {
  std::string path;    ///< as named by the user
  std::string name;    ///< `mapping:`
  std::string system;  ///< `system:` URI naming the source system (ids are uuid5 of it + key)
  std::vector<MappingRule> rules;
  /// Per `from` stream, the columns its rules read, in order of first use. Column
  /// references inside rules (slots) are indexes into the list of the rule's stream.
  std::map<std::string, std::vector<std::string>> stream_columns;
};

/// Loads and checks the spec at `path`; throws PlanError listing every problem.
MappingSpec LoadMappingSpec(const std::string& path);
/// Same, from text (`display_name` names it in messages); for tests.
MappingSpec LoadMappingSpecFromString(const std::string& text, const std::string& display_name);

}  // namespace ferry
