#include "core/common/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <vector>

#include "core/common/error.hpp"

namespace ferry {
namespace {

std::string ErrnoText(int error) { return std::generic_category().message(error); }

[[noreturn]] void ThrowIo(const std::string& what, const std::string& path, int error) {
  throw IoError("cannot " + what + " '" + path + "': " + ErrnoText(error));
}

std::filesystem::path ParentOf(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

void CreateParents(const std::filesystem::path& dir, const std::string& path) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    throw IoError("cannot create directory '" + dir.string() + "' for '" + path +
                  "': " + error.message());
  }
}

/// Writes all of `content` to `fd`, retrying short writes and interruptions; 0 or errno.
int WriteAll(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

/// Fills the temporary file; 0 on success or the errno of the step that failed.
int FillTemp(int fd, std::string_view content, unsigned mode) {
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) return errno;
  if (int error = WriteAll(fd, content)) return error;
  if (::fsync(fd) != 0) return errno;
  return 0;
}

/// Best effort: makes the rename itself durable. Some file systems refuse; that is fine.
void SyncDirectory(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

/// Removes the temporary files `.<name>.tmp.XXXXXX` that earlier writes of `path` left in
/// `dir` when the process was killed between creating and renaming them.
void RemoveStaleTemps(const std::filesystem::path& dir, const std::string& path) {
  std::string prefix = "." + std::filesystem::path(path).filename().string() + ".tmp.";
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    std::string name = entry.path().filename().string();
    if (name.size() == prefix.size() + 6 && name.starts_with(prefix)) std::filesystem::remove(entry.path(), error);
  }
}

}  // namespace

void WriteFileAtomically(const std::string& path, std::string_view content, unsigned mode) {
  std::filesystem::path dir = ParentOf(path);
  CreateParents(dir, path);
  std::string pattern =
      (dir / ("." + std::filesystem::path(path).filename().string() + ".tmp.XXXXXX")).string();
  std::vector<char> temp_name(pattern.begin(), pattern.end());
  temp_name.push_back('\0');
  int fd = ::mkostemp(temp_name.data(), O_CLOEXEC);
  if (fd < 0) ThrowIo("write", path, errno);
  int error = FillTemp(fd, content, mode);
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(temp_name.data(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temp_name.data());
    ThrowIo("write", path, error);
  }
  RemoveStaleTemps(dir, path);
  SyncDirectory(dir);
}

}  // namespace ferry
