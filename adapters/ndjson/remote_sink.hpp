#pragma once
/// The NDJSON sink on object storage (`path: s3://bucket/prefix`, gs://, az://). It writes
/// through an NdjsonSink into a private local staging directory (mode 0700), so Write,
/// Commit and Restore behave exactly as for a local directory and a killed run resumes;
/// Finish then uploads each `<Type>.ndjson` (or part, `<Type>.000001.ndjson`) as one object (multi-part, parallel parts,
/// resumable by part through a journal beside the staged file) and last a `manifest.json`
/// whose outputs also record each object's size and SHA-256. The staged files stay (a
/// later run of the same plan appends to them and uploads only the objects that changed;
/// delete the staging directory when no further run is planned).
///
/// Ownership of the prefix: a fresh start lists it first (which also proves the
/// credentials before anything is written) and refuses a prefix holding NDJSON objects or
/// a manifest unless `overwrite`, in which case those objects are deleted. Unfinished
/// uploads left by an abandoned earlier run are aborted.
///
/// Scan (ferry verify) reads the objects back with ranged reads and checks each against
/// the manifest's size and SHA-256.
///
///     RemoteSink sink(OpenStore(url, config), url.prefix, ".ferry/staging/ab12", false, "");

#include <filesystem>
#include <memory>
#include <string>

#include "adapters/ndjson/ndjson_sink.hpp"
#include "adapters/storage/store.hpp"
#include "core/adapter.hpp"

namespace ferry::ndjson {

class RemoteSink final : public Sink {
 public:
  /// `limits` cut the staged files into parts (layout.hpp); each part is one object.
  RemoteSink(std::unique_ptr<storage::Store> store, std::string prefix,
             std::filesystem::path staging, bool overwrite, std::string where, FileLimits limits = {});

  void Restore(const std::string& checkpoint) override;
  std::vector<WriteOutcome> Write(std::span<const Resource> batch) override;
  std::string Commit() override;
  void Finish() override;
  bool ReplacesInPlace() const override { return false; }
  void Scan(const std::function<void(const StoredResource&)>& visit) override;

 private:
  void PrepareFresh();
  void ClearStaging();
  void UploadAll();
  void UploadIfChanged(const std::string& name, const std::string& sha256);

  std::unique_ptr<storage::Store> store_;
  std::string prefix_;
  std::filesystem::path staging_;
  bool overwrite_;
  std::string where_;
  std::unique_ptr<NdjsonSink> staged_;
  bool prepared_ = false;
};

}  // namespace ferry::ndjson
