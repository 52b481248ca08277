#include "adapters/fhir_bulk/fhir_bulk_source.hpp"

#include <filesystem>

#include "adapters/fhir_bulk/bulk_records.hpp"
#include "core/common/error.hpp"
#include "core/common/log.hpp"

namespace ferry::fhir_bulk {

namespace {

/// FileLabel for every file: the index counts within the file's manifest array.
std::vector<std::string> Labels(const Manifest& manifest) {
  std::map<FileKind, std::size_t> seen;
  std::vector<std::string> labels;
  for (const ManifestFile& file : manifest.files) labels.push_back(FileLabel(file, seen[file.kind]++));
  return labels;
}

}  // namespace

FhirBulkSource::FhirBulkSource(SourceSettings settings, std::unique_ptr<http::Client> client)
    : settings_(std::move(settings)), client_(std::move(client)), job_(*client_, settings_.poll) {}

void FhirBulkSource::StartNewJob() {
  position_ = BulkCursor{job_.KickOff(KickoffUrl(settings_.request)), 0, 0, 1};
  manifest_.reset();
}

void FhirBulkSource::Seek(const std::string& cursor) {
  reader_.reset();
  spooled_.clear();
  manifest_.reset();
  finished_ = false;
  if (cursor.empty()) return StartNewJob();
  Result<BulkCursor> saved = DecodeCursor(cursor);
  if (!saved) throw PlanError(saved.error());
  position_ = std::move(*saved);
  if (job_.Check(position_.status_url) == JobState::kGone) {
    FERRY_WARN("the saved bulk export job is gone on the server (expired or deleted); starting a new export");
    StartNewJob();
    return;
  }
  FERRY_INFO("resuming the saved bulk export job", {"file", position_.file}, {"line", position_.line});
}

void FhirBulkSource::LoadManifest() {
  std::optional<Manifest> manifest = job_.Wait(position_.status_url);
  if (!manifest) {
    FERRY_WARN("the bulk export job is gone on the server (expired or deleted); starting a new export");
    StartNewJob();
    manifest = job_.Wait(position_.status_url);
    if (!manifest) throw ConnectError("fhir-bulk source: the server forgot the new $export job while it ran");
  }
  if (position_.file > manifest->files.size())
    throw PlanError("fhir-bulk source: the saved cursor names file " + std::to_string(position_.file) +
                    " but the export has " + std::to_string(manifest->files.size()) +
                    "; delete the state file to start over");
  manifest_ = std::move(manifest);
  labels_ = Labels(*manifest_);
  if (!spool_) {
    spool_ = std::make_unique<SpoolDir>(settings_.spool_dir);
    downloader_ = std::make_unique<Downloader>(*client_, *spool_, settings_.max_attempts);
  }
}

void FhirBulkSource::DownloadWindow(std::size_t first) {
  const auto& files = manifest_->files;
  std::size_t count = std::min(files.size() - first, static_cast<std::size_t>(std::max(1, settings_.concurrency)));
  std::vector<Spooled> got =
      downloader_->Fetch(std::span(files).subspan(first, count), first, manifest_->requires_access_token);
  for (std::size_t file_idx = 0; file_idx < count; ++file_idx) spooled_[first + file_idx] = std::move(got[file_idx]);
}

bool FhirBulkSource::OpenCurrent() {
  std::size_t index = position_.file;
  if (index >= manifest_->files.size()) return false;
  if (!spooled_.count(index)) DownloadWindow(index);
  const Spooled& spooled = spooled_.at(index);
  if (!spooled.error.empty()) return true;  // Next turns it into a dead-lettered record
  reader_ = std::make_unique<ndjson::LineReader>(spooled.path, labels_[index]);
  if (position_.offset > 0) reader_->Seek(position_.offset, position_.line);
  return true;
}

void FhirBulkSource::FinishCurrent() {
  auto it = spooled_.find(position_.file);
  if (it != spooled_.end()) {
    std::error_code ignored;
    if (!it->second.path.empty()) std::filesystem::remove(it->second.path, ignored);
    spooled_.erase(it);
  }
  reader_.reset();
  position_ = BulkCursor{position_.status_url, position_.file + 1, 0, 1};
}

void FhirBulkSource::Finish() {
  finished_ = true;
  if (settings_.delete_job) job_.Delete(position_.status_url);
}

RecordBatch FhirBulkSource::Next(std::size_t max) {
  RecordBatch batch;
  if (finished_) return batch;
  if (!manifest_) LoadManifest();
  while (batch.records.size() < max) {
    if (!reader_) {
      if (!OpenCurrent()) break;
      const Spooled& spooled = spooled_.at(position_.file);
      if (!spooled.error.empty()) {
        RawRecord record;
        record.stream = manifest_->files[position_.file].type;
        record.location.file = labels_[position_.file];
        record.read_error = labels_[position_.file] + ": " + spooled.error;
        batch.records.push_back(std::move(record));
        FinishCurrent();
        continue;
      }
    }
    ndjson::Line line;
    if (!reader_->Next(line)) {
      FinishCurrent();
      continue;
    }
    AppendRecords(manifest_->files[position_.file], labels_[position_.file], line, batch.records);
    position_.offset = reader_->offset();
    position_.line = reader_->number();
  }
  batch.cursor = EncodeCursor(position_);
  if (batch.records.empty()) Finish();
  return batch;
}

std::optional<double> FhirBulkSource::Progress() const {
  if (!manifest_ || manifest_->files.empty()) return std::nullopt;
  double done = static_cast<double>(position_.file);
  if (position_.file < manifest_->files.size()) {
    const auto& count = manifest_->files[position_.file].count;
    if (count && *count > 0) done += std::min(1.0, static_cast<double>(position_.line - 1) / static_cast<double>(*count));
  }
  return done / static_cast<double>(manifest_->files.size());
}

std::map<std::string, std::uint64_t> FhirBulkSource::RetryCounts() const {
  std::map<std::string, std::uint64_t> counts = client_->RetryCounts();
  if (downloader_ && downloader_->restarts() > 0) counts["partial-download"] += downloader_->restarts();
  return counts;
}

}  // namespace ferry::fhir_bulk
