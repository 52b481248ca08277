#pragma once
/// The archive sink: writes a run's resources as an encrypted escrow archive
/// (core/archive/escrow.hpp) that `age -d | zstd -d | tar -x` opens.
///
/// It delegates to an NdjsonSink writing into the private staging directory
/// `<path>.staging` (mode 0700), so Restore and Commit behave as for NDJSON and a run
/// resumes. Finish archives the staging directory to `path` and removes it: the plaintext
/// lives on disk only until the run completes. Scan reads the finished archive back, which
/// needs the passphrase; an archive for recipients only is checked with
/// `ferry archive verify --identity FILE`.
///
///     ArchiveSink sink("out/escrow.age", AgeRecipients{.passphrase = secret}, "plan.yaml:9:3: ");

#include <filesystem>
#include <memory>
#include <string>

#include "adapters/ndjson/ndjson_sink.hpp"
#include "core/adapter.hpp"
#include "core/archive/age.hpp"

namespace ferry::archive {

class ArchiveSink final : public Sink {
 public:
  /// Will write the archive `path`, encrypted to `to`. `where` prefixes plan errors.
  ArchiveSink(std::filesystem::path path, AgeRecipients to, std::string where);

  void Restore(const std::string& checkpoint) override;
  std::vector<WriteOutcome> Write(std::span<const Resource> batch) override;
  std::string Commit() override;
  /// Archives the staging directory to `path`, then removes the staging directory.
  void Finish() override;
  bool ReplacesInPlace() const override { return false; }
  /// Decrypts the archive (passphrase only) into a private temporary directory and visits
  /// its resources; throws PlanError when the archive was written for recipients only.
  void Scan(const std::function<void(const StoredResource&)>& visit) override;

 private:
  /// Creates the staging directory (mode 0700) and its parents when missing.
  void PrepareStaging();

  std::filesystem::path path_;
  std::filesystem::path staging_;
  AgeRecipients to_;
  std::string where_;
  bool restored_ = false;
  std::unique_ptr<ndjson::NdjsonSink> staged_;
};

/// Opens an archive sink from checked config (keys in archive::kInfo). Throws PlanError
/// unless exactly one of `recipients`, `recipients_file` and `passphrase` is given.
std::unique_ptr<Sink> OpenSink(const AdapterConfig& config);

}  // namespace ferry::archive
