#pragma once
/// What a source hands to the pipeline: raw records, before mapping.
///
/// A record is either a row (tabular sources: CSV, SQL; `columns` + `values`) or a
/// document (`payload`: one FHIR resource as JSON text, from FHIR sources). A record that
/// could not be read at all carries `read_error` and, in `payload`, the raw text as far
/// as it could be read, so the dead-letter file can keep it for replay.
///
/// A record can also be a delete (a Bulk export's `deleted` entry, or an ndjson `deleted`
/// file): `stream` is the resource type, `delete_id` the id, and `payload` the Bundle entry
/// as read (for the dead-letter). It skips mapping and validation; the committer removes
/// the resource from the target (Sink::Remove), in order with the batch's writes.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ferry {

/// Where a record came from: `patients.csv:42` (file and 1-based line of the record's
/// first line) or `patients:17` (table and 1-based row number). Never a field value.
struct SourceLocation {
  std::string file;
  std::uint64_t line = 0;
  std::string ToString() const { return line ? file + ":" + std::to_string(line) : file; }
};

/// Column names of a tabular stream, shared by every row of it.
using Columns = std::vector<std::string>;

/// One record from a source.
struct RawRecord {
  /// The stream the record belongs to: a mapping rule's `from` (`patients`), or for FHIR
  /// sources the resource type (`Patient`).
  std::string stream;
  SourceLocation location;
  /// Tabular records: the stream's columns and this row's values, in column order. A
  /// NULL (SQL) is flagged in `nulls`; CSV has no NULL and leaves `nulls` empty.
  std::shared_ptr<const Columns> columns;
  std::vector<std::string> values;
  std::vector<bool> nulls;
  /// Document records: the resource JSON text exactly as read.
  std::string payload;
  /// Non-empty when the record could not be read (stage `read`): what is wrong, with no
  /// field value in it.
  std::string read_error;
  /// Non-empty when the record is a delete of `stream`/`delete_id` (see above).
  std::string delete_id;

  bool is_row() const { return columns != nullptr; }
  bool is_delete() const { return !delete_id.empty(); }
  bool IsNull(std::size_t column_idx) const { return column_idx < nulls.size() && nulls[column_idx]; }
};

/// Records from one call to Source::Next, and the cursor just after the last of them.
struct RecordBatch {
  std::vector<RawRecord> records;
  /// Opaque position after this batch; stored in the state once the batch is committed
  /// and handed back to Source::Seek on `--resume`.
  std::string cursor;
};

}  // namespace ferry
