#pragma once
/// The escrow archive: a directory of neutral NDJSON files (one `<Type>.ndjson` per resource
/// type) and a `manifest.json` with each file's count, size and SHA-256, in a POSIX tar,
/// compressed with zstd and encrypted in the age v1 format. The standard tools open it:
///
///     age -d -i key.txt archive.age | zstd -d | tar -x
///
/// Every function streams (file -> tar -> zstd -> age -> file and back), so memory does not
/// depend on the archive's size. Nothing half-done is ever left where a good result would be:
/// the archive appears at its path only once complete, and a restored directory only once
/// every file authenticated and matched the manifest.
///
///     WriteEscrowArchive("out/ndjson", "escrow.age", AgeRecipients{.recipients = {"age1..."}});
///     ReadEscrowArchive("escrow.age", AgeIdentities{.identities = {key_text}}, "restored");

#include <string>
#include <vector>

#include "core/archive/age.hpp"
#include "core/archive/manifest.hpp"
#include "core/archive/tar.hpp"

namespace ferry::archive {

/// How to compress an archive.
struct EscrowOptions {
  int zstd_level = 3;    ///< the `zstd` tool's default
  int zstd_workers = 0;  ///< extra libzstd threads; compression and encryption already run on
                         ///< a thread of their own while the caller's thread reads and hashes
};

/// Writes the `*.ndjson` files of `ndjson_dir` (sorted by name; other files are left out) and
/// a fresh manifest to a new archive at `out_path`, encrypted to `to`; returns the manifest's
/// files. Throws PlanError for bad keys, IoError if `ndjson_dir` has no NDJSON file, a file
/// cannot be read or changes meanwhile, or `out_path` exists already.
std::vector<ManifestFile> WriteEscrowArchive(const std::string& ndjson_dir,
                                             const std::string& out_path, const AgeRecipients& to,
                                             const EscrowOptions& options = {});

/// Restores the archive at `in_path` into `out_dir` (which must not exist or be empty):
/// the NDJSON files and manifest.json, mode 0600. Files are written to a temporary directory
/// beside `out_dir`, which becomes `out_dir` only once the archive authenticated to its end
/// and every file matched the manifest. Returns the manifest's files. Throws ArchiveError
/// (wrong key, damage), ArchiveMismatch (files differ from the manifest) or IoError.
std::vector<ManifestFile> ReadEscrowArchive(const std::string& in_path, const AgeIdentities& with,
                                            const std::string& out_dir);

/// The entries of the archive in order, as stored (names, sizes, types), after reading it to
/// its authenticated end. Throws ArchiveError or IoError.
std::vector<TarEntry> ListEscrowArchive(const std::string& in_path, const AgeIdentities& with);

/// What VerifyEscrowArchive found.
struct EscrowVerification {
  std::vector<ManifestFile> files;    ///< as the manifest lists them
  std::vector<std::string> problems;  ///< one line each; empty when the archive is good
};

/// Decrypts the archive to its end without writing anything, and checks each NDJSON file's
/// size, SHA-256 and count against the manifest. Differences come back as problems; a wrong
/// key or a damaged archive throws ArchiveError.
EscrowVerification VerifyEscrowArchive(const std::string& in_path, const AgeIdentities& with);

}  // namespace ferry::archive
