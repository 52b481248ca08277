#pragma once
/// The mapping engine: turns tabular records into FHIR R4 resources by a mapping spec
/// (YAML, version 1; the format is ferry-mapping(5), man/ferry-mapping.5).
///
///     MappingSpec spec = LoadMappingSpec("mappings/synthea-csv.yaml");  // PlanError on a bad spec
///     Mapper mapper(spec);
///     std::vector<MappedResource> out;
///     mapper.Map(record, out);   // one entry per rule whose `from` is record.stream
///
/// Deterministic: the same record and spec give byte-identical JSON. Thread-safe: Map
/// is const and may be called from many workers at once.

#include <memory>
#include <string>
#include <vector>

#include "core/fhir/json.hpp"
#include "core/record.hpp"
#include "mappings/engine/mapping_spec.hpp"

namespace ferry {

/// The result of applying one rule to one record.
struct MappedResource {
  enum class Outcome {
    kMapped,    ///< `resource` holds the resource
    kFiltered,  ///< the rule's `when` was false: the plan filtered this record out
    kFailed,    ///< `error` says why (stage `map`)
  };
  Outcome outcome = Outcome::kMapped;
  const MappingRule* rule = nullptr;  ///< the rule applied: the Mapper's copy, valid while it lives
  std::string resource_type;
  std::string id;                          ///< the resource id (when mapped)
  std::unique_ptr<JsonDocument> resource;  ///< the resource (when mapped)
  /// When failed: `<rule name>: <element path>: <what>` with no field value, e.g.
  /// `patients->Patient: Patient.gender: unmapped code in column GENDER`.
  std::string error;
};

class Mapper {
 public:
  /// Keeps its own copy of `spec` (the caller's may go away).
  explicit Mapper(const MappingSpec& spec);
  ~Mapper();
  Mapper(const Mapper&) = delete;
  Mapper& operator=(const Mapper&) = delete;

  /// The distinct `from` streams of the rules, in order of first use.
  const std::vector<std::string>& Streams() const;
  /// Applies every rule whose `from` is `record.stream` to `record`, appending one entry
  /// per rule (in rule order) to `out`.
  void Map(const RawRecord& record, std::vector<MappedResource>& out) const;
  /// The id a rule mapping `key` to `resource_type` gives (used for references too).
  std::string ResourceId(const std::string& resource_type, const std::string& key) const;
  /// Columns of `stream` that some rule reads (for coverage in `ferry plan`).
  std::vector<std::string> ColumnsRead(const std::string& stream) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ferry
