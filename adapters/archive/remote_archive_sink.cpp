#include "adapters/archive/remote_archive_sink.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/common/error.hpp"

namespace ferry::archive {

namespace fs = std::filesystem;

RemoteArchiveSink::RemoteArchiveSink(std::unique_ptr<storage::Store> store, std::string key,
                                     fs::path local, std::unique_ptr<ArchiveSink> inner,
                                     AgeRecipients to, std::string where)
    : store_(std::move(store)),
      key_(std::move(key)),
      local_(std::move(local)),
      inner_(std::move(inner)),
      to_(std::move(to)),
      where_(std::move(where)) {}

void RemoteArchiveSink::Restore(const std::string& checkpoint) {
  checked_ = true;
  uploading_ = fs::exists(local_);  // the archive was written; its upload was cut short
  if (!uploading_) inner_->Restore(checkpoint);
}

std::vector<WriteOutcome> RemoteArchiveSink::Write(std::span<const Resource> batch) {
  if (!checked_) RefuseExisting();
  return inner_->Write(batch);
}

std::string RemoteArchiveSink::Commit() { return uploading_ ? "" : inner_->Commit(); }

void RemoteArchiveSink::Finish() {
  if (!checked_) RefuseExisting();
  if (!uploading_) inner_->Finish();
  storage::UploadOptions options;
  options.content_type = "application/octet-stream";
  options.journal = local_.string() + ".upload";
  store_->Upload(key_, local_.string(), options);
  fs::remove(local_);
}

// A fresh start: an archive is never written over an existing object. Listing also
// proves the credentials before any work is done.
void RemoteArchiveSink::RefuseExisting() {
  for (const storage::ObjectInfo& object : storage::ListAll(*store_, key_)) {
    if (object.key == key_) {
      throw PlanError(where_ + store_->Name() + " exists already; set `path` to a new object");
    }
  }
  std::error_code ignored;
  fs::remove(local_, ignored);  // a local archive left by an abandoned earlier run
  checked_ = true;
}

void RemoteArchiveSink::Scan(const std::function<void(const StoredResource&)>& visit) {
  fs::create_directories(local_.parent_path());
  fs::path download = local_.string() + ".verify";
  int fd = ::open(download.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw IoError("cannot create " + download.string() + ": " + std::strerror(errno));
  bool written = true;
  try {
    store_->Read(key_, 0, 0, [&](std::string_view bytes) {
      written = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
      return written;
    });
  } catch (...) {
    ::close(fd);
    fs::remove(download);
    throw;
  }
  ::close(fd);
  if (!written) {
    fs::remove(download);
    throw IoError("cannot write " + download.string() + "; check the free space");
  }
  try {
    ArchiveSink(download, to_, where_).Scan(visit);
  } catch (...) {
    fs::remove(download);
    throw;
  }
  fs::remove(download);
}

}  // namespace ferry::archive
