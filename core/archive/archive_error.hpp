#pragma once
/// The fatal error of the escrow archive: an archive that cannot be opened or read.
///
/// A wrong key, a truncated or corrupted file and a file that is not an age archive all end
/// the command (exit 3, as an authentication or read failure). The messages never carry a
/// key, a passphrase or a record's content.
///
///     throw ArchiveError("archive is truncated: the last chunk is missing");

#include <string>

#include "core/common/error.hpp"

namespace ferry::archive {

/// The archive cannot be opened, authenticated or read; exit 3.
class ArchiveError : public Error {
 public:
  explicit ArchiveError(const std::string& message) : Error(ExitCode::kConnect, message) {}
};

/// The archive decrypted, but its files do not match its manifest; exit 4.
class ArchiveMismatch : public Error {
 public:
  explicit ArchiveMismatch(const std::string& message)
      : Error(ExitCode::kVerifyMismatch, message) {}
};

}  // namespace ferry::archive
