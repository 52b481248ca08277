#include "core/archive/byte_stream.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/common/error.hpp"

namespace ferry::archive {
namespace {

[[noreturn]] void ThrowIo(const std::string& what, const std::string& path, int error) {
  throw IoError("cannot " + what + " '" + path + "': " + std::generic_category().message(error));
}

std::string TempPatternFor(const std::string& path) {
  std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path();
  std::string name = ".";  // built step by step: GCC 12 -O3 warns on "." + std::string
  name += target.filename().string();
  name += ".partial.XXXXXX";
  return dir.empty() ? name : (dir / name).string();
}

/// Best effort: makes a link or rename durable. Some file systems refuse; that is fine.
void SyncParentOf(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::size_t ReadFull(ByteSource& source, MutableByteSpan out) {
  std::size_t filled = 0;
  while (filled < out.size()) {
    std::size_t got = source.Read(out.subspan(filled));
    if (got == 0) break;
    filled += got;
  }
  return filled;
}

bool BufferedSource::Refill() {
  if (begin_ > 0) {
    std::copy(buffer_.begin() + static_cast<std::ptrdiff_t>(begin_),
              buffer_.begin() + static_cast<std::ptrdiff_t>(end_), buffer_.begin());
    end_ -= begin_;
    begin_ = 0;
  }
  std::size_t got = source_.Read(MutableByteSpan(buffer_).subspan(end_));
  end_ += got;
  return got > 0;
}

bool BufferedSource::ReadLine(std::size_t max_size, std::string* line, bool* ended) {
  line->clear();
  *ended = false;
  while (true) {
    const std::uint8_t* start = buffer_.data() + begin_;
    const void* newline = std::memchr(start, '\n', end_ - begin_);
    std::size_t take =
        newline ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(newline) - start)
                : end_ - begin_;
    if (line->size() + take > max_size) return false;
    line->append(reinterpret_cast<const char*>(start), take);
    begin_ += take;
    if (newline) {
      ++begin_;
      return true;
    }
    if (!Refill()) {
      *ended = true;
      return false;
    }
  }
}

std::size_t BufferedSource::Read(MutableByteSpan out) {
  if (begin_ == end_) {
    if (out.size() >= buffer_.size()) return source_.Read(out);  // large reads skip the copy
    begin_ = end_ = 0;
    if (!Refill()) return 0;
  }
  std::size_t take = std::min(out.size(), end_ - begin_);
  std::memcpy(out.data(), buffer_.data() + begin_, take);
  begin_ += take;
  return take;
}

FileSource::FileSource(const std::string& path)
    : path_(path), fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
  if (fd_ < 0) ThrowIo("open", path, errno);
}

FileSource::~FileSource() { ::close(fd_); }

std::size_t FileSource::Read(MutableByteSpan out) {
  while (true) {
    ssize_t got = ::read(fd_, out.data(), out.size());
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno != EINTR) ThrowIo("read", path_, errno);
  }
}

FileSink::FileSink(const std::string& path) : path_(path), temp_path_(TempPatternFor(path)) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) == 0) ThrowIo("write", path, EEXIST);
  fd_ = ::mkostemp(temp_path_.data(), O_CLOEXEC);
  if (fd_ < 0) ThrowIo("write", path, errno);
  if (::fchmod(fd_, 0600) != 0) {
    int error = errno;
    ::close(fd_);
    ::unlink(temp_path_.c_str());
    ThrowIo("write", path, error);
  }
}

FileSink::~FileSink() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(temp_path_.c_str());
  }
}

void FileSink::Write(ByteSpan bytes) {
  if (fd_ < 0) throw std::logic_error("FileSink::Write after Commit");
  while (!bytes.empty()) {
    ssize_t written = ::write(fd_, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      ThrowIo("write", path_, errno);
    }
    bytes = bytes.subspan(static_cast<std::size_t>(written));
  }
}

void FileSink::Commit() {
  int error = ::fsync(fd_) == 0 ? 0 : errno;
  if (::close(fd_) != 0 && error == 0) error = errno;
  fd_ = -1;
  // link() fails if `path_` appeared meanwhile, so another file is never replaced.
  if (error == 0 && ::link(temp_path_.c_str(), path_.c_str()) != 0) error = errno;
  ::unlink(temp_path_.c_str());
  if (error != 0) ThrowIo("write", path_, error);
  SyncParentOf(path_);
}

std::size_t MemorySource::Read(MutableByteSpan out) {
  std::size_t take = std::min({out.size(), bytes_.size(), max_read_});
  if (take == 0) return 0;
  std::memcpy(out.data(), bytes_.data(), take);
  bytes_ = bytes_.subspan(take);
  return take;
}

}  // namespace ferry::archive
