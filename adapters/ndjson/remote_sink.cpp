#include "adapters/ndjson/remote_sink.hpp"

#include <sys/stat.h>

#include "adapters/ndjson/manifest.hpp"
#include "adapters/ndjson/object_line_reader.hpp"
#include "adapters/ndjson/remote_files.hpp"
#include "adapters/storage/checksums.hpp"
#include "core/common/atomic_file.hpp"
#include "core/common/clock.hpp"
#include "core/common/error.hpp"
#include "core/common/file_text.hpp"
#include "core/fhir/json.hpp"
#include "core/common/hash.hpp"

namespace ferry::ndjson {

namespace fs = std::filesystem;

namespace {

constexpr const char* kManifest = "manifest.json";
constexpr const char* kDoneSuffix = ".uploaded";  ///< beside a staged file: the SHA-256 uploaded

/// The text of a staged file; throws IoError when it is missing.
std::string ReadStaged(const fs::path& path) {
  std::optional<std::string> text = ReadFileText(path.string());
  if (!text) {
    throw IoError("cannot read " + path.string() + "; the staging directory was changed "
                  "outside ferry, so run again without --resume");
  }
  return *text;
}

}  // namespace

RemoteSink::RemoteSink(std::unique_ptr<storage::Store> store, std::string prefix,
                       fs::path staging, bool overwrite, std::string where, FileLimits limits)
    : store_(std::move(store)),
      prefix_(std::move(prefix)),
      staging_(std::move(staging)),
      overwrite_(overwrite),
      where_(std::move(where)),
      staged_(std::make_unique<NdjsonSink>(staging_, true, where_, std::move(limits))) {}

void RemoteSink::Restore(const std::string& checkpoint) {
  prepared_ = true;
  staged_->Restore(checkpoint);
}

std::vector<WriteOutcome> RemoteSink::Write(std::span<const Resource> batch) {
  if (!prepared_) PrepareFresh();
  return staged_->Write(batch);
}

std::string RemoteSink::Commit() { return staged_->Commit(); }

void RemoteSink::Finish() {
  if (!prepared_) PrepareFresh();
  staged_->Finish();
  UploadAll();
}

// A fresh start: the prefix must hold no NDJSON or manifest of ours (unless overwrite,
// which deletes them), and the staging directory starts empty.
void RemoteSink::PrepareFresh() {
  std::vector<NdjsonFile> existing = ListRemoteInputs(*store_, prefix_, {});
  bool has_manifest = false;
  for (const storage::ObjectInfo& object : storage::ListAll(*store_, prefix_ + kManifest)) {
    has_manifest = has_manifest || object.key == prefix_ + kManifest;
  }
  if (!overwrite_ && (!existing.empty() || has_manifest)) {
    std::string name = existing.empty() ? kManifest : existing.front().name;
    throw PlanError(where_ + store_->Name() + " already holds " + name +
                    "; set overwrite: true or choose an empty prefix");
  }
  for (const NdjsonFile& file : existing) store_->Delete(file.path);
  if (has_manifest) store_->Delete(prefix_ + kManifest);
  ClearStaging();
  prepared_ = true;
}

void RemoteSink::ClearStaging() {
  std::error_code error;
  for (fs::directory_iterator it(staging_, error), end; !error && it != end; it.increment(error)) {
    if (it->path().extension() == ".upload") store_->AbandonUpload(it->path().string());
  }
  fs::remove_all(staging_, error);
  fs::create_directories(staging_, error);
  if (error || ::chmod(staging_.c_str(), 0700) != 0) {
    throw IoError("cannot create the staging directory " + staging_.string() +
                  "; check the permissions of its parent or set `staging` elsewhere");
  }
}

void RemoteSink::UploadAll() {
  std::string manifest_path = (staging_ / kManifest).string();
  std::vector<ManifestOutput> outputs =
      ParseManifestOutputs(ReadStaged(manifest_path), manifest_path);
  for (ManifestOutput& output : outputs) {
    std::string file = (staging_ / output.url).string();
    output.size = storage::LocalFileSize(file);
    output.sha256 = storage::FileSha256(file);
    UploadIfChanged(output.url, output.sha256);
  }
  std::string manifest = ManifestJson(outputs, NowInstant());
  WriteFileAtomically(manifest_path, manifest, 0600);
  storage::UploadOptions options;
  options.overwrite = true;  // ours: the fresh start found none, or deleted it
  options.content_type = "application/json";
  store_->Upload(prefix_ + kManifest, manifest_path, options);
}

// Uploads a staged file unless its content (`sha256`) is uploaded already, then notes
// beside it what was uploaded. A re-upload replaces our own earlier object.
void RemoteSink::UploadIfChanged(const std::string& name, const std::string& sha256) {
  std::string path = (staging_ / name).string();
  std::optional<std::string> uploaded = ReadFileText(path + kDoneSuffix);
  if (uploaded && *uploaded == sha256) return;
  storage::UploadOptions options;
  options.overwrite = overwrite_ || uploaded.has_value();
  options.journal = path + ".upload";
  store_->Upload(prefix_ + name, path, options);
  WriteFileAtomically(path + kDoneSuffix, sha256, 0600);
}

void RemoteSink::Scan(const std::function<void(const StoredResource&)>& visit) {
  std::map<std::string, ManifestOutput> expected;
  std::vector<storage::ObjectInfo> manifests = storage::ListAll(*store_, prefix_ + kManifest);
  if (!manifests.empty() && manifests.front().key == prefix_ + kManifest) {
    std::string text;
    store_->Read(prefix_ + kManifest, 0, 0, [&](std::string_view bytes) {
      text.append(bytes);
      return true;
    });
    for (ManifestOutput& output : ParseManifestOutputs(text, store_->Name() + ": " + kManifest)) {
      expected[output.url] = std::move(output);
    }
  }
  JsonDocument doc;
  for (const NdjsonFile& object : ListRemoteOutputs(*store_, prefix_)) {
    ObjectLineReader reader(*store_, object.path, object.name, object.size);
    Sha256Stream digest;
    reader.OnBytes([&](std::string_view bytes) { digest.Update(bytes); });
    for (Line line; reader.Next(line);) VisitWrittenLine(line, object, "object", doc, visit);
    auto it = expected.find(object.name);
    if (it != expected.end() && !it->second.sha256.empty() &&
        (it->second.sha256 != ToHex(digest.Final()) || it->second.size != object.size)) {
      throw Error(ExitCode::kVerifyMismatch,
                  store_->Name() + ": " + object.name + ": size or SHA-256 differs from " + kManifest +
                      "; the object was changed after ferry wrote it");
    }
    if (it != expected.end()) expected.erase(it);
  }
  for (const auto& [name, output] : expected) {
    throw Error(ExitCode::kVerifyMismatch,
                store_->Name() + ": " + name + ": listed in " + kManifest + " but missing");
  }
}

}  // namespace ferry::ndjson
