#pragma once
/// The dead-letter file encrypted to age recipients (`dead_letter: { encrypt_to: [...] }`):
/// the dead-letter lines never touch the disk in clear.
///
/// An age file cannot be appended to once sealed, and a run must make its dead-letter lines
/// durable at each commit, so the dead-letter is a directory (mode 0700) of segments, one
/// complete age file per commit that had failures: `000000.ndjson.age`, `000001.ndjson.age`,
/// ... Lines stream through the age encryptor into a private temporary file that becomes
/// the segment when sealed; memory is one 64 KiB chunk. The state keeps the number of
/// sealed segments, and a resume removes any later or unfinished one. To replay:
///
///     for f in .ferry/plan.dead.age.d/*.ndjson.age; do age -d -i key.txt "$f"; done >dead.ndjson
///
///     EncryptedDeadLetter dead("dir", 0, AgeRecipients{.recipients = {"age1..."}});
///     dead.Append(line);
///     std::uint64_t segments = dead.Flush();   // seals the open segment

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/archive/age.hpp"

namespace ferry {

class EncryptedDeadLetter {
 public:
  /// Opens the directory `dir` (created mode 0700), keeping the first `valid_segments`
  /// segments and removing anything else. Throws PlanError for bad recipients, IoError.
  EncryptedDeadLetter(std::string dir, std::uint64_t valid_segments, archive::AgeRecipients to);
  ~EncryptedDeadLetter();
  EncryptedDeadLetter(const EncryptedDeadLetter&) = delete;
  EncryptedDeadLetter& operator=(const EncryptedDeadLetter&) = delete;

  /// Encrypts `line` and a newline into the open segment (opening one if needed).
  void Append(std::string_view line);
  /// Seals and links the open segment, if any; returns the number of sealed segments.
  std::uint64_t Flush();

 private:
  std::string SegmentPath(std::uint64_t index) const;
  std::string dir_;
  archive::AgeRecipients to_;
  std::uint64_t segments_;
  std::unique_ptr<archive::FileSink> file_;
  std::unique_ptr<archive::AgeEncryptor> age_;
};

}  // namespace ferry
