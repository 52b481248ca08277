#pragma once
// Helpers shared by the mapping engine tests: load a spec from text, build rows, map.

#include <memory>
#include <string>
#include <vector>

#include "core/common/error.hpp"
#include "core/fhir/json.hpp"
#include "mappings/engine/mapper.hpp"
#include "mappings/engine/mapping_spec.hpp"

namespace ferry::testing {

/// A spec with the usual header and `rules_yaml` (indented as list items under `rules:`).
inline std::string Spec(const std::string& rules_yaml) {
  return "mapping: test\nversion: 1\nsystem: urn:ferry:test\nrules:\n" + rules_yaml;
}

/// A spec with one rule `patients` -> Patient (no key) whose `set:` entries are
/// `set_yaml` (each line indented by 6 spaces).
inline std::string PatientSpec(const std::string& set_yaml) {
  return Spec("  - from: patients\n    to: Patient\n    set:\n" + set_yaml);
}

/// The PlanError message of loading `text`, or "" when it loads.
inline std::string LoadError(const std::string& text) {
  try {
    LoadMappingSpecFromString(text, "spec.yaml");
  } catch (const PlanError& error) {
    return error.what();
  }
  return "";
}

/// The error lines of loading `text`, without the source line and caret under each.
inline std::vector<std::string> LoadErrors(const std::string& text) {
  std::vector<std::string> lines;
  std::string message = LoadError(text);
  std::size_t start = 0;
  while (start < message.size()) {
    std::size_t end = message.find('\n', start);
    if (end == std::string::npos) end = message.size();
    std::string line = message.substr(start, end - start);
    if (!line.starts_with("  ")) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

/// A row of stream `stream` with the given columns and values.
inline RawRecord Row(const std::string& stream, std::vector<std::string> columns,
                     std::vector<std::string> values) {
  RawRecord record;
  record.stream = stream;
  record.location = SourceLocation{stream + ".csv", 2};
  record.columns = std::make_shared<const Columns>(std::move(columns));
  record.values = std::move(values);
  return record;
}

/// Results of mapping one record, with the Mapper their `rule` pointers point into.
struct Mapped {
  std::unique_ptr<Mapper> mapper;
  std::vector<MappedResource> out;
};

/// Maps `record` with `spec_text`; one result per matching rule.
inline Mapped MapAll(const std::string& spec_text, const RawRecord& record) {
  Mapped mapped;
  mapped.mapper = std::make_unique<Mapper>(LoadMappingSpecFromString(spec_text, "spec.yaml"));
  mapped.mapper->Map(record, mapped.out);
  return mapped;
}

/// The JSON of the single resource mapped from `record`, or "failed: <error>" /
/// "filtered".
inline std::string MapOne(const std::string& spec_text, const RawRecord& record) {
  std::vector<MappedResource> out = std::move(MapAll(spec_text, record).out);
  if (out.size() != 1) return "results: " + std::to_string(out.size());
  if (out[0].outcome == MappedResource::Outcome::kFailed) return "failed: " + out[0].error;
  if (out[0].outcome == MappedResource::Outcome::kFiltered) return "filtered";
  return WriteJson(*out[0].resource);
}

}  // namespace ferry::testing
