#pragma once
/// The NDJSON sink: writes each resource as one line of `<Type>.ndjson` in a directory,
/// in the order written, and at the end a Bulk Data `manifest.json` (manifest.hpp). The
/// same input and plan give byte-identical files. With file limits (a `layout:` preset or
/// `max_file_bytes` / `max_file_resources`), a type's lines go to numbered parts instead,
/// `Patient.000001.ndjson`, `Patient.000002.ndjson`..., each begun when the last is full
/// (layout.hpp, type_parts.hpp); the manifest lists every part.
///
/// Ownership of the directory: on a fresh start (no Restore), the first Write refuses a
/// directory that already holds NDJSON files unless `overwrite` is true, in which case it
/// removes the `<Type>.ndjson` files there first. When resuming, Restore cuts every
/// `<Type>.ndjson` back to the length in the checkpoint (files absent from it to nothing),
/// so lines written after the last commit are never duplicated, and removes output files
/// the checkpoint does not know (parts begun after it).
///
/// Checkpoint: one line per file, sorted by file name: `<file> <bytes> <lines>\n`, e.g.
/// `Observation.ndjson 52311 120\nPatient.ndjson 8812 12\n`; with parts, one line per part
/// (`Patient.000001.ndjson 1000000 2210\nPatient.000002.ndjson 8812 12\n`).
///
/// Deletes (Remove) are appended in Bulk form to `deleted.ndjson` (deleted_file.hpp), which
/// is checkpointed and cut back like the other files and listed under `deleted` in the
/// manifest. A resource written earlier stays in its `<Type>.ndjson` (files only grow): the
/// directory is an export whose `deleted` list applies after its `output`.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "adapters/ndjson/layout.hpp"
#include "adapters/ndjson/line_reader.hpp"
#include "adapters/ndjson/ndjson_files.hpp"
#include "adapters/ndjson/type_parts.hpp"
#include "core/adapter.hpp"
#include "core/fhir/json.hpp"

namespace ferry::ndjson {

/// Parses one written line of `file` into `doc` and passes it to `visit` (Sink::Scan of a
/// local directory or a store); throws PlanError naming file:line when the line is not a
/// JSON object: the `where` ("file", "object") was changed outside ferry.
void VisitWrittenLine(const Line& line, const NdjsonFile& file, const char* where, JsonDocument& doc,
                      const std::function<void(const StoredResource&)>& visit);

class NdjsonSink final : public Sink {
 public:
  /// Writes into `dir` (created, mode 0755, when first needed). `where` prefixes plan
  /// errors (`plan.yaml:9:3: `, or ""). `limits` say when a file is full (none by default).
  NdjsonSink(std::filesystem::path dir, bool overwrite, std::string where, FileLimits limits = {});

  void Restore(const std::string& checkpoint) override;
  std::vector<WriteOutcome> Write(std::span<const Resource> batch) override;
  std::string Commit() override;
  void Finish() override;
  /// NDJSON files only grow: a line once written is not rewritten.
  bool ReplacesInPlace() const override { return false; }
  /// Appends the deletes to `deleted.ndjson`, as Bundles of DELETE entries.
  bool Remove(std::span<const ResourceKey> keys) override;
  /// Visits every line of every output file, in file then line order. Throws
  /// PlanError at a line that is not a JSON resource.
  void Scan(const std::function<void(const StoredResource&)>& visit) override;

 private:
  /// The lengths in `checkpoint`, by file name; throws PlanError when it is damaged.
  static std::map<std::string, FileLength> ParseCheckpoint(const std::string& checkpoint,
                                                           const std::string& where);
  void PrepareFreshTarget();
  TypeParts& PartsFor(const std::string& resource_type);
  OutputFile& DeletedFile();
  std::map<std::string, FileLength> Lengths() const;
  std::uint64_t CountLines(const NdjsonFile& file) const;
  void WarnIfTooManyFiles(std::size_t files) const;

  std::filesystem::path dir_;
  bool overwrite_;
  std::string where_;
  FileLimits limits_;
  bool prepared_ = false;                         ///< Restore ran, or the fresh-start check passed
  bool new_entries_ = false;                      ///< files were created since the last directory sync
  std::map<std::string, FileLength> restored_;    ///< by file name, from the checkpoint
  std::map<std::string, TypeParts> types_;        ///< the files being written, by resource type
  std::unique_ptr<OutputFile> deleted_;           ///< `deleted.ndjson`, once a delete was written
};
/// Opens an NDJSON sink from checked config (keys in ndjson::kInfo).
std::unique_ptr<Sink> OpenSink(const AdapterConfig& config);

}  // namespace ferry::ndjson
