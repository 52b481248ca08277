#pragma once
/// The `fhir-bulk` source: a FHIR Bulk Data `$export` (system, Patient or Group level) as
/// a stream of records.
///
/// Seek("") kicks the export off, and StartCursor() then carries the job's status URL, which
/// the pipeline stores at once: a crash while the server works on the job never loses it.
/// Seek(cursor) on --resume looks at the saved job first: while it is still valid (running
/// or complete) no new export is started; when the server has forgotten it (404/410) a new
/// one is kicked off, and the idempotent sink makes the re-read harmless.
///
/// Next polls until the job completes (Retry-After honoured, X-Progress logged), then reads
/// the manifest's files in order — every `output`, then `error`, then `deleted` file
/// (bulk_records.hpp says what each line becomes) — downloading `concurrency` files at a
/// time in parallel into a private spool directory. When every file is read it deletes the
/// job on the server (unless `delete_job: false`) and returns the empty batch.
///
/// Cursor: bulk_cursor.hpp. A file that cannot be downloaded becomes one dead-lettered
/// record (`$export output[2] Patient: download failed: HTTP 503 after 8 attempts`).
///
///     auto source = OpenSource(config, {.streams = {"Patient", "Observation"}});
///     source->Seek("");                       // kick-off
///     store(source->StartCursor());           // the status URL, before any batch
///     for (auto batch = source->Next(500); !batch.records.empty(); batch = source->Next(500)) ...

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "adapters/fhir_bulk/bulk_cursor.hpp"
#include "adapters/fhir_bulk/bulk_download.hpp"
#include "adapters/fhir_bulk/bulk_job.hpp"
#include "adapters/fhir_bulk/bulk_request.hpp"
#include "adapters/ndjson/line_reader.hpp"
#include "core/adapter.hpp"

namespace ferry::fhir_bulk {

struct SourceSettings {
  BulkRequest request;
  PollOptions poll;
  int concurrency = 4;     ///< files downloaded at once
  int max_attempts = 8;    ///< per file, counting restarts of cut-off downloads
  bool delete_job = true;  ///< DELETE the job when every file is read
  std::string spool_dir;   ///< parent of the spool directory ("" = system temp)
};

class FhirBulkSource final : public Source {
 public:
  FhirBulkSource(SourceSettings settings, std::unique_ptr<http::Client> client);

  void Seek(const std::string& cursor) override;
  RecordBatch Next(std::size_t max) override;
  std::optional<double> Progress() const override;
  std::string StartCursor() const override { return EncodeCursor(position_); }
  std::map<std::string, std::uint64_t> RetryCounts() const override;

 private:
  void StartNewJob();
  /// Waits for the manifest of the current job, starting a new job if it is gone.
  void LoadManifest();
  /// Opens file `position_.file` (downloading its window if needed); false at the end.
  bool OpenCurrent();
  void DownloadWindow(std::size_t first);
  /// Moves past the current file (removing its spool copy).
  void FinishCurrent();
  void Finish();

  SourceSettings settings_;
  std::unique_ptr<http::Client> client_;
  BulkJob job_;
  BulkCursor position_;
  std::optional<Manifest> manifest_;
  std::vector<std::string> labels_;  ///< FileLabel of each manifest file
  std::unique_ptr<SpoolDir> spool_;
  std::unique_ptr<Downloader> downloader_;
  std::map<std::size_t, Spooled> spooled_;  ///< downloaded files not yet read, by index
  std::unique_ptr<ndjson::LineReader> reader_;
  bool finished_ = false;
};

/// Opens the source a plan's `fhir-bulk` block describes.
std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context);

}  // namespace ferry::fhir_bulk
