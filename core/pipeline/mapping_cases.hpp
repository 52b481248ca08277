#pragma once
/// `ferry mapping test`: golden cases for a mapping spec.
///
/// A case is a folder named for its scenario (`observation_decimal_keeps_precision`):
///   input/<stream>.csv      the rows (RFC 4180 CSV with a header), or
///   input/*.hl7, *.mllp     HL7 v2 messages (read by the hl7v2 source)
///   expected/<Type>.ndjson  the resources the rows must give, in order, byte for byte
///   expected/dead.ndjson    the dead-letter lines, when rows must fail (optional)
/// Every resource is validated as in a run. Output is compared byte for byte; a failure
/// names the file and the first line that differs. With `update`, expected files are
/// rewritten from the output (review the diff before committing).

#include <string>
#include <vector>

namespace ferry {

struct CaseResult {
  std::string name;     ///< the case folder's name
  std::string path;     ///< the case folder
  bool passed = false;
  std::string failure;  ///< what differs (fixture content may be shown: cases are synthetic)
};

/// Runs the case in `case_dir` against the spec at `spec_path`.
CaseResult RunMappingCase(const std::string& spec_path, const std::string& case_dir, bool update);

/// Runs every case folder directly under `cases_dir`, sorted by name.
std::vector<CaseResult> RunMappingCases(const std::string& spec_path, const std::string& cases_dir, bool update);

}  // namespace ferry
