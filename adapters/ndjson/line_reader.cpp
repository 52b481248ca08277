#include "adapters/ndjson/line_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

#include "core/common/error.hpp"

namespace ferry::ndjson {

namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
constexpr unsigned kZlibBufferBytes = 256u << 10;

std::string_view WithoutCr(std::string_view text) {
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
}

}  // namespace

LineReader::LineReader(const std::string& path, std::string display_name)
    : path_(path), display_name_(std::move(display_name)), buffer_(kChunkBytes) {
  file_ = gzopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    throw IoError("cannot open " + path + ": " + std::strerror(errno) +
                  "; check that the file exists and is readable");
  }
  gzbuffer(file_, kZlibBufferBytes);
}

LineReader::~LineReader() {
  if (file_ != nullptr) gzclose(file_);
}

void LineReader::Seek(std::uint64_t offset, std::uint64_t number) {
  if (gzseek(file_, static_cast<z_off_t>(offset), SEEK_SET) < 0) {
    throw IoError(display_name_ + ": cannot move to byte " + std::to_string(offset) +
                  "; the file changed since the saved position, run again without --resume");
  }
  buffer_offset_ = offset;
  begin_ = end_ = 0;
  number_ = number;
  eof_ = false;
}

bool LineReader::Next(Line& line) {
  while (Cut(line)) {
    if (!line.error.empty() || !IsBlank(line.text)) return true;
  }
  return false;
}

std::uint64_t LineReader::disk_offset() const {
  z_off_t offset = gzoffset(file_);
  return offset < 0 ? 0 : static_cast<std::uint64_t>(offset);
}

bool LineReader::Cut(Line& line) {
  std::size_t scan = begin_;
  while (true) {
    const void* found = std::memchr(buffer_.data() + scan, '\n', end_ - scan);
    std::size_t stop =
        found ? static_cast<std::size_t>(static_cast<const char*>(found) - buffer_.data()) : end_;
    if (stop - begin_ > kMaxLineBytes) {
      TooLong(line);
      return true;
    }
    if (found || (eof_ && begin_ < end_)) {
      Emit(stop, line);
      return true;
    }
    if (eof_) return false;
    scan = end_;
    scan -= Refill();
  }
}

void LineReader::Emit(std::size_t stop, Line& line) {
  line.text = WithoutCr(std::string_view(buffer_.data() + begin_, stop - begin_));
  line.number = number_++;
  line.error.clear();
  begin_ = std::min(stop + 1, end_);
}

// Returns the start of a line longer than the limit, in error, and skips the rest of it.
void LineReader::TooLong(Line& line) {
  too_long_.assign(buffer_.data() + begin_, kMaxLineBytes);
  line.text = too_long_;
  line.number = number_++;
  line.error = "line is longer than 64 MiB";
  while (true) {
    const void* found = std::memchr(buffer_.data() + begin_, '\n', end_ - begin_);
    if (found) {
      begin_ = static_cast<std::size_t>(static_cast<const char*>(found) - buffer_.data()) + 1;
      return;
    }
    begin_ = end_;
    if (eof_) return;
    Refill();
  }
}

std::size_t LineReader::Refill() {
  std::size_t shift = begin_;
  if (shift > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    buffer_offset_ += begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) {
    buffer_.resize(std::min(buffer_.size() * 2, kMaxLineBytes + kChunkBytes));
  }
  std::size_t room = std::min<std::size_t>(buffer_.size() - end_, INT_MAX);
  int got = gzread(file_, buffer_.data() + end_, static_cast<unsigned>(room));
  int zlib_error = Z_OK;
  std::string message = gzerror(file_, &zlib_error);
  if (got < 0 || (got == 0 && zlib_error != Z_OK)) {
    if (message.starts_with(path_ + ": ")) message.erase(0, path_.size() + 2);
    throw IoError(display_name_ + ": cannot read: " + message +
                  "; the file is damaged or truncated, export or download it again");
  }
  if (got == 0) eof_ = true;
  end_ += static_cast<std::size_t>(got);
  return shift;
}

}  // namespace ferry::ndjson
