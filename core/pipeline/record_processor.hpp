#pragma once
/// The per-record work of the pipeline, run on the worker pool: map a row (or parse a
/// FHIR document), validate the resource, and describe the outcome as ProcessedItems
/// (one per applicable mapping rule). Pure: no I/O, no shared mutable state. A document
/// is validated in one pass as it is parsed (StreamingValidator, one per worker thread)
/// and kept as the text it came as; a mapped row is validated as a document.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/adapter.hpp"
#include "core/fhir/validator.hpp"
#include "core/report/run_summary.hpp"
#include "core/transform/transform_chain.hpp"
#include "mappings/engine/mapper.hpp"

namespace ferry {

/// What became of one (record, rule) pair before the sink.
struct ProcessedItem {
  /// kDelete: a delete record (RawRecord::is_delete); `resource` names it (type, id,
  /// location; no JSON) and `record_key` is set. It skips mapping and validation.
  enum class Kind { kResource, kFiltered, kDead, kDelete };
  Kind kind = Kind::kResource;
  std::string resource_type;  ///< the group in per-type counts
  std::string rule;           ///< the mapping rule name; "" for FHIR sources
  Resource resource;          ///< kResource: ready for the sink
  std::uint64_t record_key = 0;  ///< kResource: RecordKey(type, id), for the state
  FailureNote failure;        ///< kDead: for reports
  std::string dead_letter;    ///< kDead: the rendered dead-letter line
};

class RecordProcessor {
 public:
  /// `spec` and `mapper` are null for FHIR sources. `wanted_types` empty = every type.
  /// `transforms` (may be null) are applied to every valid resource, which is then
  /// validated again (a failure is dead-lettered at stage `transform`).
  RecordProcessor(const MappingSpec* spec, const Mapper* mapper, const Validator& validator,
                  std::set<std::string> wanted_types, const transform::TransformChain* transforms = nullptr);

  /// Appends the items of `record` to `out`. Seconds spent mapping and validating are
  /// added to `map_seconds` / `validate_seconds`.
  void Process(const RawRecord& record, std::vector<ProcessedItem>& out, double& map_seconds,
               double& validate_seconds) const;
  /// As above, but a valid document's resource takes `record.payload` instead of a copy.
  void Process(RawRecord&& record, std::vector<ProcessedItem>& out, double& map_seconds,
               double& validate_seconds) const;

  /// True when resources of `resource_type` are to be migrated.
  bool Wanted(const std::string& resource_type) const;

 private:
  /// `owned`: null, or `record` itself when the caller gave it up, so that a valid
  /// document's resource may take its payload and location rather than copy them.
  void Dispatch(const RawRecord& record, RawRecord* owned, std::vector<ProcessedItem>& out, double& map_seconds,
                double& validate_seconds) const;
  void ProcessDelete(const RawRecord& record, std::vector<ProcessedItem>& out) const;
  void ProcessDocument(const RawRecord& record, RawRecord* owned, std::vector<ProcessedItem>& out,
                       double& validate_seconds) const;
  void ProcessRow(const RawRecord& record, std::vector<ProcessedItem>& out, double& map_seconds,
                  double& validate_seconds) const;
  /// Fills `item` from the validation of a resource (its `issues`, and its top-level `id`
  /// or ""): a validate-stage failure, or a resource of `json`. With `take_json`, the
  /// resource takes `*take_json` (which holds `json`) and `*take_location` instead of copies.
  void Finish(const RawRecord& record, const std::vector<ValidationIssue>& issues, std::string id,
              const std::string& json, std::string* take_json, SourceLocation* take_location,
              ProcessedItem& item) const;

  /// Applies the transforms to the valid resource `json`: true with `*out` and `*id` set
  /// to the result, or false with `item` made dead.
  bool Transform(const RawRecord& record, const std::string& json, std::string* out, std::string* id,
                 ProcessedItem& item) const;

  /// stream -> its first wanted rule, to which a row that cannot be read is counted.
  std::map<std::string, const MappingRule*> first_rule_;
  const Mapper* mapper_;
  const Validator& validator_;
  std::set<std::string> wanted_types_;
  const transform::TransformChain* transforms_;
};

/// The run report's form of what the transforms changed.
std::vector<ElementChange> ElementChangesOf(const transform::ChangeCounts& counts);

/// Makes `item` a dead item of `stage` with `error`, rendering its dead-letter line.
void MarkDead(ProcessedItem& item, const RawRecord& record, std::string_view stage, std::string error,
              std::string_view resource_json = {});

}  // namespace ferry
