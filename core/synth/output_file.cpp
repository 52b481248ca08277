#include "core/synth/output_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/common/error.hpp"

namespace ferry::synth {

namespace {

constexpr std::size_t kBufferSize = 1 << 20;

[[noreturn]] void Fail(const std::string& what, const std::string& path) {
  throw IoError(path + ": cannot " + what + ": " + std::strerror(errno));
}

}  // namespace

OutputFile::OutputFile(std::string path) : path_(std::move(path)) {
  file_ = std::fopen(path_.c_str(), "wb");
  if (file_ == nullptr) Fail("create file", path_);
  buffer_.reserve(kBufferSize);
}

OutputFile::~OutputFile() {
  if (file_ != nullptr) std::fclose(file_);
}

void OutputFile::Write(std::string_view text) {
  buffer_.append(text);
  if (buffer_.size() >= kBufferSize) Flush();
}

void OutputFile::WriteLine(std::string_view line) {
  buffer_.append(line);
  buffer_.push_back('\n');
  ++lines_;
  if (buffer_.size() >= kBufferSize) Flush();
}

void OutputFile::Flush() {
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    Fail("write", path_);
  }
  buffer_.clear();
}

void OutputFile::Close() {
  if (file_ == nullptr) return;
  Flush();
  const bool failed = std::fflush(file_) != 0 || std::ferror(file_) != 0;
  const bool close_failed = std::fclose(file_) != 0;
  file_ = nullptr;
  if (failed || close_failed) Fail("write", path_);
}

void MakeDirectories(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw IoError(dir + ": cannot create directory: " + error.message());
}

}  // namespace ferry::synth
