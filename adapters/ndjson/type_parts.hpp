#pragma once
/// The output files of one resource type in a directory: lines are appended to the last
/// part, and a new part is begun when the current one is full (layout.hpp). Files are
/// opened when first needed; a full part is synced and closed before the next is begun,
/// so at most one file per type is open.
///
///     TypeParts parts(dir, "Patient", limits, {});
///     bool created = parts.Append(json);   // may roll over to Patient.000002.ndjson
///     parts.Sync();

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "adapters/ndjson/layout.hpp"
#include "adapters/ndjson/output_file.hpp"

namespace ferry::ndjson {

/// Bytes and lines of one file.
struct FileLength {
  std::uint64_t bytes = 0;
  std::uint64_t lines = 0;
};

class TypeParts {
 public:
  /// `restored`: the type's files from the last checkpoint, by part number, with their
  /// lengths (empty on a fresh start). Appends continue the highest restored part.
  TypeParts(std::filesystem::path dir, std::string resource_type, FileLimits limits,
            std::map<std::uint32_t, FileLength> restored);

  /// Appends `line` (without its line break) to the current part, first closing that part
  /// and beginning the next when the limits say so. True when a file was created (its
  /// directory entry needs a sync). Throws IoError when the part numbers run out.
  bool Append(std::string_view line);
  /// Writes buffered lines out.
  void Flush();
  /// Makes the open part durable.
  void Sync();
  /// Adds the length of every part, by file name, to `lengths`.
  void AddLengths(std::map<std::string, FileLength>& lengths) const;

 private:
  bool OpenCurrent();

  std::filesystem::path dir_;
  std::string resource_type_;
  FileLimits limits_;
  std::map<std::uint32_t, FileLength> parts_;  ///< every part's length (the open one as of when opened)
  std::uint32_t current_ = 0;                  ///< the part appends go to
  std::unique_ptr<OutputFile> file_;           ///< open on part current_, or null
};

}  // namespace ferry::ndjson
