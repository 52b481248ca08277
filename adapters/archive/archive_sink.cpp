#include "adapters/archive/archive_sink.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "adapters/archive/remote_archive_sink.hpp"
#include "adapters/storage/store_config.hpp"
#include "core/archive/escrow.hpp"
#include "core/common/hash.hpp"
#include "core/common/error.hpp"

namespace ferry::archive {

namespace fs = std::filesystem;

namespace {

constexpr const char* kRecipientsOnly =
    "the archive target can be verified only with its passphrase or with `ferry archive "
    "verify --identity FILE`";

/// Removes a directory of plaintext when it goes out of scope, whatever happened.
class RemoveOnExit {
 public:
  explicit RemoveOnExit(fs::path dir) : dir_(std::move(dir)) {}
  ~RemoveOnExit() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  RemoveOnExit(const RemoveOnExit&) = delete;
  RemoveOnExit& operator=(const RemoveOnExit&) = delete;

 private:
  fs::path dir_;
};

/// A new empty directory beside `archive`, mode 0700, for reading it back.
fs::path MakeScratchDirectory(const fs::path& archive) {
  std::string pattern = archive.string() + ".verify.XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw IoError("cannot create a temporary directory beside " + archive.string() + ": " +
                  std::strerror(errno));
  }
  return pattern;
}

std::string ReadRecipientsFile(const std::string& path, const std::string& where) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw PlanError(where + "archive target: cannot read recipients_file " + path +
                    "; check the path and its permissions");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

ArchiveSink::ArchiveSink(fs::path path, AgeRecipients to, std::string where)
    : path_(std::move(path)),
      staging_(path_.string() + ".staging"),
      to_(std::move(to)),
      where_(std::move(where)),
      staged_(std::make_unique<ndjson::NdjsonSink>(staging_, /*overwrite=*/true, where_)) {}

void ArchiveSink::PrepareStaging() {
  if (staging_.has_parent_path()) fs::create_directories(staging_.parent_path());
  if (::mkdir(staging_.c_str(), 0700) != 0) {
    if (errno != EEXIST || ::chmod(staging_.c_str(), 0700) != 0) {
      throw IoError("cannot create staging directory " + staging_.string() + ": " +
                    std::strerror(errno) + "; check the permissions of its parent");
    }
  }
}

void ArchiveSink::Restore(const std::string& checkpoint) {
  if (fs::exists(path_)) {
    throw PlanError(where_ + "archive target: " + path_.string() +
                    " is complete, and an archive cannot be added to; to write a new one, "
                    "move it away and run again without the plan's saved state");
  }
  PrepareStaging();
  staged_->Restore(checkpoint);
  restored_ = true;
}

std::vector<WriteOutcome> ArchiveSink::Write(std::span<const Resource> batch) {
  if (!restored_) {
    if (fs::exists(path_)) {
      throw PlanError(where_ + "archive target: " + path_.string() +
                      " exists already; move it away or set `path` to a new file");
    }
    PrepareStaging();
    restored_ = true;  // checked once per run, as a resume would
  }
  return staged_->Write(batch);
}

std::string ArchiveSink::Commit() { return staged_->Commit(); }

void ArchiveSink::Finish() {
  PrepareStaging();
  staged_->Finish();
  WriteEscrowArchive(staging_.string(), path_.string(), to_);
  std::error_code error;
  fs::remove_all(staging_, error);
  if (error) {
    throw IoError("wrote " + path_.string() + " but cannot remove " + staging_.string() + ": " +
                  error.message() + "; remove it by hand, it holds plaintext");
  }
}

void ArchiveSink::Scan(const std::function<void(const StoredResource&)>& visit) {
  if (to_.passphrase.empty()) throw PlanError(where_ + kRecipientsOnly);
  fs::path scratch = MakeScratchDirectory(path_);
  RemoveOnExit cleanup(scratch);
  AgeIdentities with;
  with.passphrase = to_.passphrase;
  with.max_scrypt_log_n = std::max(with.max_scrypt_log_n, to_.scrypt_log_n);
  fs::path restored = scratch / "ndjson";
  ReadEscrowArchive(path_.string(), with, restored.string());
  ndjson::NdjsonSink(restored, false, where_).Scan(visit);
}

std::unique_ptr<Sink> OpenSink(const AdapterConfig& config) {
  std::string where = config.location.empty() ? "" : config.location + ": ";
  int given = int{config.Has("recipients")} + int{config.Has("recipients_file")} +
              int{config.Has("passphrase")};
  if (given != 1) {
    throw PlanError(where +
                    "archive target: give exactly one of `recipients`, `recipients_file` and "
                    "`passphrase`");
  }
  AgeRecipients to;
  to.recipients = config.GetList("recipients");
  if (config.Has("recipients_file"))
    to.recipients.push_back(ReadRecipientsFile(config.GetString("recipients_file"), where));
  to.passphrase = config.GetString("passphrase");
  if (to.recipients.empty() && to.passphrase.empty()) {
    throw PlanError(where + "archive target: `recipients` is empty; list at least one age1... key");
  }
  storage::StorageUrl url = storage::ParseStorageUrl(config.GetString("path"), where);
  if (url.kind == storage::StoreKind::kLocal) {
    return std::make_unique<ArchiveSink>(url.local_dir, std::move(to), where);
  }
  // The archive object is the URL's last segment: s3://bucket/escrow/2024.age.
  std::string key = url.prefix.substr(0, url.prefix.empty() ? 0 : url.prefix.size() - 1);
  if (key.empty()) throw PlanError(where + "archive target: " + url.text + " names no object");
  fs::path local = fs::path(config.GetString("staging")) / Sha256Hex(url.text).substr(0, 16) /
                   fs::path(key).filename();
  fs::create_directories(local.parent_path());
  auto inner = std::make_unique<ArchiveSink>(local, to, where);
  return std::make_unique<RemoteArchiveSink>(storage::OpenStore(url, config), key, local,
                                             std::move(inner), std::move(to), where);
}

}  // namespace ferry::archive
