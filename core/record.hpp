#pragma once
/// What a source hands to the pipeline: raw records, before mapping.
///
/// A record is either a row (tabular sources: CSV, SQL; `columns` + `values`) or a
/// document (`payload`: one FHIR resource as JSON text, from FHIR sources). A record that
/// could not be read at all carries `read_error` and, in `payload`, the raw text as far
/// as it could be read, so the dead-letter file can keep it for replay.

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

  bool is_row() const { return columns != nullptr; }
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
