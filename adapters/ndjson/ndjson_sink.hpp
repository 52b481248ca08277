#pragma once
/// The NDJSON sink: writes each resource as one line of `<Type>.ndjson` in a directory,
/// in the order written, and at the end a Bulk Data `manifest.json` (manifest.hpp). The
/// same input and plan give byte-identical files.
///
/// Ownership of the directory: on a fresh start (no Restore), the first Write refuses a
/// directory that already holds NDJSON files unless `overwrite` is true, in which case it
/// removes the `<Type>.ndjson` files there first. When resuming, Restore cuts every
/// `<Type>.ndjson` back to the length in the checkpoint (files absent from it to nothing),
/// so lines written after the last commit are never duplicated.
///
/// Checkpoint: one line per file, sorted by file name: `<file> <bytes> <lines>\n`, e.g.
/// `Observation.ndjson 52311 120\nPatient.ndjson 8812 12\n`.
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

#include "adapters/ndjson/line_reader.hpp"
#include "adapters/ndjson/ndjson_files.hpp"
#include "adapters/ndjson/output_file.hpp"
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
  /// errors (`plan.yaml:9:3: `, or "").
  NdjsonSink(std::filesystem::path dir, bool overwrite, std::string where);

  void Restore(const std::string& checkpoint) override;
  std::vector<WriteOutcome> Write(std::span<const Resource> batch) override;
  std::string Commit() override;
  void Finish() override;
  /// NDJSON files only grow: a line once written is not rewritten.
  bool ReplacesInPlace() const override { return false; }
  /// Appends the deletes to `deleted.ndjson`, as Bundles of DELETE entries.
  bool Remove(std::span<const ResourceKey> keys) override;
  /// Visits every line of every `<Type>.ndjson`, in file then line order. Throws
  /// PlanError at a line that is not a JSON resource.
  void Scan(const std::function<void(const StoredResource&)>& visit) override;

 private:
  /// Bytes and lines of one file.
  struct Length {
    std::uint64_t bytes = 0;
    std::uint64_t lines = 0;
  };

  /// The lengths in `checkpoint`, by resource type; throws PlanError when it is damaged.
  static std::map<std::string, Length> ParseCheckpoint(const std::string& checkpoint,
                                                       const std::string& where);
  void PrepareFreshTarget();
  OutputFile& FileFor(const std::string& resource_type);
  std::map<std::string, Length> Lengths() const;
  std::uint64_t CountLines(const std::string& resource_type, const std::string& path) const;

  std::filesystem::path dir_;
  bool overwrite_;
  std::string where_;
  bool prepared_ = false;                   ///< Restore ran, or the fresh-start check passed
  bool new_entries_ = false;                ///< files were created since the last directory sync
  std::map<std::string, Length> restored_;  ///< by resource type, from the checkpoint
  std::map<std::string, std::unique_ptr<OutputFile>> files_;  ///< open files by resource type
};

/// Opens an NDJSON sink from checked config (keys in ndjson::kInfo).
std::unique_ptr<Sink> OpenSink(const AdapterConfig& config);

}  // namespace ferry::ndjson
