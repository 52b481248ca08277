#pragma once
/// The resume cursor of the `fhir-bulk` source: the export job's status URL and the read
/// position in the job's files.
///
/// Text form: `bulk1 <file index>:<byte offset>:<line number> <status URL>`, e.g.
/// `bulk1 2:5120:41 https://fhir.example.org/$export-status/17`. The file index counts the
/// manifest's files in reading order (bulk_manifest.hpp); offset 0 is the start of a file.
/// The source hands out the cursor with only the status URL (`bulk1 0:0:1 URL`) right after
/// kick-off (Source::StartCursor), so a crash while the job runs resumes the same job.
///
///     BulkCursor cursor{.status_url = url, .file = 1, .offset = 300, .line = 4};
///     Result<BulkCursor> back = DecodeCursor(EncodeCursor(cursor));

#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace ferry::fhir_bulk {

struct BulkCursor {
  std::string status_url;
  std::uint64_t file = 0;    ///< index of the file being read
  std::uint64_t offset = 0;  ///< uncompressed byte offset of the next line in it
  std::uint64_t line = 1;    ///< 1-based number of that line
};

std::string EncodeCursor(const BulkCursor& cursor);

/// Parses a cursor; the error says the cursor is not from this source (no values).
Result<BulkCursor> DecodeCursor(std::string_view text);

}  // namespace ferry::fhir_bulk
