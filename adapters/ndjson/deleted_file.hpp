#pragma once
/// Deletes in FHIR Bulk Data form: the lines of a `deleted` file are transaction Bundles
/// whose entries are `{"request": {"method": "DELETE", "url": "Type/id"}}` (Bulk Data IG,
/// the `deleted` array of the complete-status manifest). The ndjson sink writes its deletes
/// (Sink::Remove) so, to `deleted.ndjson`, listed under `deleted` in manifest.json; the
/// ndjson source reads that file back, and the fhir-bulk source a server's `deleted` files,
/// as delete records (RawRecord::delete_id).
///
///     std::string line = DeletedBundleLine(keys);          // one line, no line break
///     AppendDeleteRecords(line_read, "deleted.ndjson", "$export deleted file", records);

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/ndjson/line_reader.hpp"
#include "adapters/ndjson/ndjson_files.hpp"
#include "core/adapter.hpp"
#include "core/record.hpp"

namespace ferry::ndjson {

/// The file the ndjson sink writes its deletes to, beside the `<Type>.ndjson` files.
inline constexpr std::string_view kDeletedFileName = "deleted.ndjson";
/// The most entries the sink puts in one Bundle line.
inline constexpr std::size_t kDeletesPerBundle = 100;

/// One Bundle (type transaction) of DELETE entries for `keys`, as one line of JSON.
std::string DeletedBundleLine(std::span<const ResourceKey> keys);

/// Appends the records of one line of a `deleted` file labelled `label` (the location's
/// file): one delete record per `DELETE Type/id` entry, with the entry as payload. An entry
/// of another form, or a line that is not a Bundle with entries, is a record with
/// `read_error` starting with `what` ("$export deleted file", "deleted file").
void AppendDeleteRecords(const Line& line, const std::string& label, const std::string& what,
                         std::vector<RawRecord>& out);

/// The `deleted` files of local directory `dir` (NdjsonFile::deletes set): those listed
/// under `deleted` in its manifest.json (plain or .gz file names beside it), else
/// `deleted.ndjson` when it exists; empty when there are none. Throws PlanError when the
/// manifest lists a file that is missing or not a plain file name.
std::vector<NdjsonFile> ListDeletedInputs(const std::filesystem::path& dir);

}  // namespace ferry::ndjson
