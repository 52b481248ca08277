#pragma once
/// The checks an escrow archive's contents go through when read: which entries may be in it,
/// and whether the files match the manifest. Used by escrow_read.cpp and its tests.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/archive/crypto.hpp"
#include "core/archive/escrow.hpp"

namespace ferry::archive {

/// True for a flat file name an archive may hold: 1 to 255 letters, digits, '.', '_' and '-',
/// not starting with '.' (so never "..", a path or a control character).
bool IsSafeEntryName(std::string_view name);

/// The file name of `entry` with a leading "./" removed, or nullopt for the "." directory
/// entry that `tar -c -C dir .` adds, which is skipped. Throws ArchiveError for anything
/// that is not a `<Type>.ndjson` file or manifest.json.
std::optional<std::string> CheckedEntryName(const TarEntry& entry);

/// The number of '\n' bytes in `bytes` (memchr per line: NDJSON lines are long, and this is
/// several times faster than a byte-by-byte count).
std::uint64_t CountNewlines(ByteSpan bytes);

/// What reading one NDJSON file of an archive found.
struct ScannedFile {
  std::uint64_t bytes = 0;  ///< its size
  std::uint64_t count = 0;  ///< its lines
  std::string sha256;       ///< its SHA-256, lower-case hex
};

/// A sink that measures an NDJSON file going through it: size, lines and SHA-256.
class NdjsonDigest : public ByteSink {
 public:
  void Write(ByteSpan bytes) override;
  /// What went through; the object is then spent.
  ScannedFile Result();

 private:
  Sha256Stream sha_;
  std::uint64_t bytes_ = 0;
  std::uint64_t lines_ = 0;
  std::uint8_t last_byte_ = '\n';
};

/// Compares what was read (`files` by name, and the manifest's text if there was one) with
/// the manifest. Throws ArchiveError if the manifest is not valid JSON of the right shape.
EscrowVerification CompareWithManifest(const std::map<std::string, ScannedFile>& files,
                                       const std::optional<std::string>& manifest_json);

}  // namespace ferry::archive
