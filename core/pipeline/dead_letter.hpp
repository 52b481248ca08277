#pragma once
/// The dead-letter file: one NDJSON line per record that could not be read, mapped,
/// validated or written, with the stage, the error, where it came from and the record
/// itself (so it can be fixed and replayed). The file holds record content, so it is
/// created mode 0600; nothing from it is ever printed.
///
/// Line format (members in this order):
///   {"stage":"validate","location":"patients.csv:42","rule":"patients->Patient",
///    "resource_type":"Patient","error":"Patient.birthDate: ...",
///    "record":{"Id":"...","BIRTHDATE":"..."},"resource":{...}}
/// `rule` and `resource_type` are omitted when unknown; `record` is the row as an object
/// (column -> value, SQL NULL as null) or the resource document; `raw` replaces `record`
/// when the record could not be parsed (`raw_base64` when its bytes are not UTF-8);
/// `resource` is the mapped resource when mapping
/// succeeded but a later stage failed.

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/pipeline/encrypted_dead_letter.hpp"
#include "core/record.hpp"

namespace ferry {

/// What to write about one failed record.
struct DeadLetterEntry {
  std::string_view stage;          ///< read | map | validate | write
  std::string_view error;          ///< the message (no values)
  std::string_view rule;           ///< "" when none
  std::string_view resource_type;  ///< "" when unknown
  const RawRecord* record = nullptr;    ///< the source record, when at hand
  std::string_view resource_json;       ///< the mapped resource, when there is one
};

/// The NDJSON line (without newline) for `entry`. Deterministic.
std::string RenderDeadLetter(const DeadLetterEntry& entry);

/// Appends dead-letter lines to a file, with a durable length for checkpoints.
class DeadLetterFile {
 public:
  /// Opens `path` (mode 0600, parent directories created), truncated to `valid_bytes`
  /// (0 on a fresh run; the committed length on resume). With `encrypt_to` (age
  /// recipients), `path` is instead a directory of encrypted segments and `valid_bytes`
  /// their number (encrypted_dead_letter.hpp).
  DeadLetterFile(const std::string& path, std::uint64_t valid_bytes, const std::vector<std::string>& encrypt_to = {});
  ~DeadLetterFile();
  DeadLetterFile(const DeadLetterFile&) = delete;
  DeadLetterFile& operator=(const DeadLetterFile&) = delete;

  /// Appends `line` and a newline.
  void Append(std::string_view line);
  /// Makes the appended lines durable (a no-op when none came since the last Flush);
  /// returns the file's length (encrypted: the number of segments).
  std::uint64_t Flush();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::unique_ptr<EncryptedDeadLetter> encrypted_;  ///< set when encrypting; file_ is then null
  std::FILE* file_ = nullptr;
  std::uint64_t size_ = 0;
  std::uint64_t synced_size_ = UINT64_MAX;  ///< size at the last Flush (none yet: the first syncs)
};

}  // namespace ferry
