#pragma once
/// The archive source: reads an escrow archive (core/archive/escrow.hpp) back as FHIR
/// resources, one RawRecord per non-blank NDJSON line, `stream` = the file's resource type.
///
/// Nothing is handed to the pipeline before the whole archive is known to be good: Seek
/// first decrypts the archive to its authenticated end and checks every file against the
/// manifest (size, SHA-256, count), writing nothing. A wrong key, a truncated file, a flipped
/// byte or a file that differs from its manifest ends the run there (ArchiveError, exit 3;
/// ArchiveMismatch, exit 4) with no record read. Then it decrypts again, streaming: memory
/// is a few chunks and the longest line, whatever the archive's size. An archive that
/// changed between the two passes still fails (every age chunk is authenticated), never
/// silently.
///
/// Cursor: `<entry index>:<lines read in that entry>` (e.g. `2:1500`); Seek decrypts from
/// the start and skips to it.
///
///     ArchiveSource source("escrow.age", AgeIdentities{.identities = {key_text}}, {"Patient"});
///     source.Seek("");
///     for (auto batch = source.Next(500); !batch.records.empty(); batch = source.Next(500)) ...

#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include "core/adapter.hpp"
#include "core/archive/age.hpp"

namespace ferry::archive {

class ArchiveSource final : public Source {
 public:
  /// Will read `path` with `with`, keeping the files of `types` (empty = every type).
  ArchiveSource(std::string path, AgeIdentities with, std::set<std::string> types);
  ~ArchiveSource() override;

  void Seek(const std::string& cursor) override;
  RecordBatch Next(std::size_t max) override;
  std::optional<double> Progress() const override;

 private:
  struct Chain;
  /// Moves to the next NDJSON entry of a wanted type; false at the end of the archive.
  bool OpenNextEntry();
  /// The next line of the current entry into `line`; false at the entry's end.
  bool ReadLine(std::string& line);
  std::string Cursor() const;

  std::string path_;
  AgeIdentities with_;
  std::set<std::string> types_;
  bool verified_ = false;
  bool ended_ = false;              ///< the tar stream reached its end-of-archive marker
  std::unique_ptr<Chain> chain_;
  std::uint64_t entry_index_ = 0;   ///< index of the current entry among all entries (1-based)
  std::uint64_t line_number_ = 0;   ///< lines read in the current entry
  std::string entry_name_;          ///< "" when no entry is open
  std::string entry_type_;
};

/// Opens an archive source from checked config (keys in archive::kInfo). Throws PlanError
/// unless exactly one of `identity` and `passphrase` is given.
std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context);

}  // namespace ferry::archive
