#include "adapters/ndjson/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/common/error.hpp"

namespace ferry::ndjson {

namespace {

constexpr std::size_t kBufferBytes = std::size_t{1} << 20;

[[noreturn]] void Fail(const std::string& what, const std::string& path) {
  throw IoError("cannot " + what + " " + path + ": " + std::strerror(errno) +
                "; check free space and permissions of the target directory");
}

/// Cuts open file `fd` (at `path`) to `bytes`, checking it holds at least that many.
void Truncate(int fd, const std::string& path, std::uint64_t bytes) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) Fail("inspect", path);
  if (static_cast<std::uint64_t>(info.st_size) < bytes) {
    throw IoError(path + " holds " + std::to_string(info.st_size) +
                  " bytes, fewer than the last checkpoint's " + std::to_string(bytes) +
                  "; the target was changed outside ferry, so run again without --resume into "
                  "an empty directory");
  }
  if (::ftruncate(fd, static_cast<off_t>(bytes)) != 0) Fail("truncate", path);
}

}  // namespace

OutputFile::OutputFile(std::string path, std::uint64_t bytes, std::uint64_t lines)
    : path_(std::move(path)), bytes_(bytes), lines_(lines) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) Fail("create", path_);
  Truncate(fd_, path_, bytes);
  if (::lseek(fd_, static_cast<off_t>(bytes), SEEK_SET) < 0) Fail("seek in", path_);
  buffer_.reserve(kBufferBytes);
}

OutputFile::~OutputFile() {
  if (fd_ < 0) return;
  try {
    Flush();
  } catch (const IoError&) {  // nothing more can be done here; Commit reports such errors
  }
  ::close(fd_);
}

void OutputFile::AppendLine(std::string_view text) {
  if (buffer_.size() + text.size() + 1 > kBufferBytes) Flush();
  buffer_.append(text);
  buffer_.push_back('\n');
  bytes_ += text.size() + 1;
  ++lines_;
}

void OutputFile::Flush() {
  std::size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t wrote = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote < 0) Fail("write", path_);
    done += static_cast<std::size_t>(wrote);
  }
#ifdef __linux__
  // Start writing these bytes to disk now, without waiting for it, so that the next Sync
  // finds little left to do. A hint only: a failure shows at that Sync.
  if (done > 0) {
    ::sync_file_range(fd_, static_cast<off_t>(bytes_ - done), static_cast<off_t>(done), SYNC_FILE_RANGE_WRITE);
  }
#endif
  buffer_.clear();
}

void OutputFile::Sync() {
  Flush();
  if (bytes_ == synced_bytes_) return;  // nothing new since the last sync (each costs a disk flush)
  if (::fdatasync(fd_) != 0) Fail("sync", path_);
  synced_bytes_ = bytes_;
}

void TruncateFile(const std::string& path, std::uint64_t bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) Fail("open", path);
  try {
    Truncate(fd, path, bytes);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
}

}  // namespace ferry::ndjson
