#pragma once
/// The archive target on object storage (`path: s3://bucket/escrow.age`, gs://, az://): an
/// ArchiveSink writes the encrypted archive to a local file under `staging` (its plaintext
/// staging directory stays private, 0700, as for a local archive), and Finish uploads that
/// ciphertext as one object — multi-part and resumable like the ndjson target's objects —
/// created conditionally (never over an existing object), then removes the local copy.
/// A run killed during the upload resumes it with --resume. Scan (ferry verify) downloads
/// the archive to a private temporary file and reads it as ArchiveSink does.
///
///     RemoteArchiveSink sink(OpenStore(url, config), "escrow/2024.age", local, std::move(inner), where);

#include <filesystem>
#include <memory>
#include <string>

#include "adapters/archive/archive_sink.hpp"
#include "adapters/storage/store.hpp"
#include "core/adapter.hpp"

namespace ferry::archive {

class RemoteArchiveSink final : public Sink {
 public:
  /// `inner` writes the archive to `local`, which Finish uploads as `key` of `store`.
  RemoteArchiveSink(std::unique_ptr<storage::Store> store, std::string key,
                    std::filesystem::path local, std::unique_ptr<ArchiveSink> inner,
                    AgeRecipients to, std::string where);

  void Restore(const std::string& checkpoint) override;
  std::vector<WriteOutcome> Write(std::span<const Resource> batch) override;
  std::string Commit() override;
  void Finish() override;
  bool ReplacesInPlace() const override { return false; }
  void Scan(const std::function<void(const StoredResource&)>& visit) override;

 private:
  void RefuseExisting();

  std::unique_ptr<storage::Store> store_;
  std::string key_;
  std::filesystem::path local_;
  std::unique_ptr<ArchiveSink> inner_;
  AgeRecipients to_;
  std::string where_;
  bool checked_ = false;    ///< the store was checked for an object at key_ (or resuming)
  bool uploading_ = false;  ///< resumed after the archive was written: only the upload is left
};

}  // namespace ferry::archive
