#pragma once
/// The hl7v2 source: HL7 v2 messages (ER7) from one file or a directory of `*.hl7`,
/// `*.txt` and `*.mllp` files, read in sorted order.
///
/// Messages are found by Hl7Reader (single, many, batch or MLLP-framed; bounded memory)
/// and parsed by Hl7Message. Each segment becomes one row of the stream named by its
/// segment id, with the fixed columns of hl7_rows.hpp; only the streams the plan asks for
/// are returned (all when it names none). Rows come in file order, so the streams are
/// interleaved. A row's location is `file:line` of its segment, every CR, LF or CRLF
/// counting as a line break (so in a CR-only file, line N is the Nth segment line).
///
/// A message that cannot be read or parsed comes back as one record of stream `MSH` with
/// `read_error` (`message 3: segment 2 has no segment id`) and, in `payload`, its
/// segments each ended by CR; reading goes on with the next message. Only UTF-8 (and
/// ASCII) is read: a message whose MSH-18 names another character set is such an error.
///
/// Cursor: `<file index>:<byte offset>:<line>:<message index>:<rows done>`, where the
/// offset, line and index are those of the message being read and `rows done` the records
/// of it already returned (0 between messages). Seek restores it exactly.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "adapters/file_sequence.hpp"
#include "adapters/hl7v2/hl7_message.hpp"
#include "adapters/hl7v2/hl7_reader.hpp"
#include "adapters/hl7v2/hl7_rows.hpp"
#include "core/adapter.hpp"

namespace ferry::hl7v2 {

/// One input file.
struct Hl7File {
  std::string file;        ///< for locations: `adt.hl7`
  std::string path;        ///< absolute path
  std::uint64_t size = 0;  ///< bytes, when opened (for Progress)
};

class Hl7v2Source final : public Source {
 public:
  /// Reads `files` in order, returning rows of `streams` (all segment ids when empty).
  Hl7v2Source(std::vector<Hl7File> files, std::vector<std::string> streams,
              ReaderLimits limits = {});

  /// From now on, rows of stream S carry only the columns `columns[S]` names (the ones a
  /// mapping reads; see RowSchema); streams it does not name keep all their columns.
  void OnlyColumns(const std::map<std::string, std::vector<std::string>>& columns) override;

  void Seek(const std::string& cursor) override;
  RecordBatch Next(std::size_t max) override;
  std::optional<double> Progress() const override;
  /// The fixed columns of segment stream `stream` (hl7_rows.hpp), all of them.
  std::vector<std::string> Columns(const std::string& stream) override;

  /// The most bytes the reader of the current file has held at once (see Hl7Reader).
  std::size_t PeakBufferedBytes() const;

 private:
  void OpenFile(std::uint64_t offset, std::uint64_t line, std::uint64_t index);
  bool LoadMessage();
  bool EmitNext(RawRecord& record);
  void EmitError(RawRecord& record);
  void EndFile();
  bool Wanted(const std::string& segment_id) const;
  const RowSchema& Schema(const std::string& segment_id);
  std::string Cursor() const;

  std::vector<Hl7File> files_;
  FileSequence sequence_;  ///< which of files_ is being read
  std::set<std::string> streams_;
  ReaderLimits limits_;
  std::map<std::string, RowSchema> schemas_;
  std::map<std::string, std::vector<std::string>> only_columns_;
  std::unique_ptr<Hl7Reader> reader_;  ///< open on files_[sequence_.index()], or null
  std::size_t peak_bytes_ = 0;

  // The message being returned.
  bool has_message_ = false;
  FramedMessage framed_;
  std::optional<Hl7Message> message_;  ///< null when framed_ could not be read or parsed
  std::string error_;                  ///< why, when message_ is null
  std::size_t segment_idx_ = 0;        ///< next segment to look at
  std::uint64_t rows_done_ = 0;        ///< records of this message returned so far
};

/// Opens an hl7v2 source from checked config (keys in hl7v2::kInfo). Throws IoError when
/// `path` is missing or holds no HL7 files, PlanError for a stream that is not a segment id.
std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context);

}  // namespace ferry::hl7v2
