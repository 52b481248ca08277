#pragma once
/// Lines of downloaded `$export` files as records for the pipeline.
///
/// - an `output` line is a resource: a document record of the file's type;
/// - an `error` line is an OperationOutcome the server wrote for what it could not
///   export: a record with `read_error` ("$export error file: ..." with the issues'
///   severity, code and expression, never their diagnostics text), so it lands in the
///   dead-letter as a read error with its file and line;
/// - a `deleted` line is a Bundle (type transaction) whose entries are `DELETE Type/id`
///   requests (Bulk Data IG, "deleted" in the complete-status manifest): one delete record
///   per entry (RawRecord::delete_id, the entry as payload), which the pipeline carries to
///   the target as a Sink::Remove; an entry of another form is a read error.
///
///     std::vector<RawRecord> out;
///     AppendRecords(file, FileLabel(file, 2), line, out);

#include <string>
#include <vector>

#include "adapters/fhir_bulk/bulk_manifest.hpp"
#include "adapters/ndjson/line_reader.hpp"
#include "core/record.hpp"

namespace ferry::fhir_bulk {

/// How a file shows in record locations: `$export output[2] Patient` (the manifest array,
/// the 0-based index in it, the type). Never the URL, which may carry a signed query.
std::string FileLabel(const ManifestFile& file, std::size_t index_in_kind);

/// Appends the record(s) of `line` of `file`, labelled `label`, to `out`.
void AppendRecords(const ManifestFile& file, const std::string& label, const ndjson::Line& line,
                   std::vector<RawRecord>& out);

}  // namespace ferry::fhir_bulk
