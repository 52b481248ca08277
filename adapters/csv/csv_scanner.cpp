#include "adapters/csv/csv_scanner.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/common/error.hpp"

namespace ferry::csv {

namespace {

constexpr std::size_t kChunkBytes = std::size_t{256} << 10;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

/// `text` without one trailing carriage return.
std::string_view WithoutCr(std::string_view text) {
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

}  // namespace

RecordScanner::RecordScanner(const std::string& path, std::string display_name)
    : display_name_(std::move(display_name)), buffer_(kChunkBytes) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    throw IoError("cannot open " + path + ": " + std::strerror(errno) +
                  "; check that the file exists and is readable");
  }
}

RecordScanner::~RecordScanner() {
  if (fd_ >= 0) ::close(fd_);
}

void RecordScanner::Seek(std::uint64_t offset, std::uint64_t line) {
  if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0) {
    throw IoError(display_name_ + ": cannot seek to byte " + std::to_string(offset) + ": " +
                  std::strerror(errno));
  }
  buffer_offset_ = offset;
  begin_ = end_ = 0;
  line_ = line;
  eof_ = false;
}

void RecordScanner::SkipBom() {
  while (end_ - begin_ < kBom.size() && !eof_) Refill();
  std::string_view head(buffer_.data() + begin_, std::min(end_ - begin_, kBom.size()));
  if (head == kBom) begin_ += kBom.size();
}

bool RecordScanner::Next(ScannedRecord& record) {
  while (Cut(record)) {
    if (!record.error.empty() || !WithoutCr(record.text).empty()) return true;
  }
  return false;
}

void RecordScanner::KeepFirstLine(ScannedRecord& record) {
  std::size_t first_break = record.text.find('\n');
  if (first_break == std::string_view::npos) return;
  begin_ = static_cast<std::size_t>(record.text.data() - buffer_.data()) + first_break + 1;
  line_ = record.line + 1;
  record.text = WithoutCr(record.text.substr(0, first_break));
}

// Finds the line break that ends the record starting at begin_: scans line by line
// (memchr), and a line break ends the record when the record so far holds an even
// number of quotes.
bool RecordScanner::Cut(ScannedRecord& record) {
  std::size_t scan = begin_;
  bool in_quotes = false;
  std::uint64_t inner_breaks = 0;
  while (true) {
    const char* data = buffer_.data();
    const void* found = std::memchr(data + scan, '\n', end_ - scan);
    std::size_t stop =
        found ? static_cast<std::size_t>(static_cast<const char*>(found) - data) : end_;
    if (stop - begin_ > kMaxRecordBytes) return Recover("row is longer than 16 MiB", record);
    if (std::count(data + scan, data + stop, '"') % 2 != 0) in_quotes = !in_quotes;
    if (found && !in_quotes) {
      Emit(stop, inner_breaks, record);
      return true;
    }
    if (found) {
      ++inner_breaks;
      scan = stop + 1;
      continue;
    }
    if (eof_) {
      if (begin_ == end_) return false;
      if (in_quotes) return Recover("unterminated quoted field", record);
      Emit(end_, inner_breaks, record);
      return true;
    }
    scan = end_;
    scan -= Refill();
  }
}

void RecordScanner::Emit(std::size_t stop, std::uint64_t inner_breaks, ScannedRecord& record) {
  record.text = WithoutCr(std::string_view(buffer_.data() + begin_, stop - begin_));
  record.line = line_;
  record.error.clear();
  line_ += inner_breaks + 1;
  begin_ = std::min(stop + 1, end_);
}

// The record cannot be cut: returns its first physical line as the record, in error, and
// goes on after that line.
bool RecordScanner::Recover(const char* error, ScannedRecord& record) {
  const char* data = buffer_.data();
  const void* found = std::memchr(data + begin_, '\n', end_ - begin_);
  std::size_t stop =
      found ? static_cast<std::size_t>(static_cast<const char*>(found) - data) : end_;
  recovered_.assign(data + begin_, std::min(stop - begin_, kMaxRecordBytes));
  record.text = WithoutCr(recovered_);
  record.line = line_;
  record.error = error;
  line_ += 1;
  begin_ = stop;
  SkipPastLineBreak();
  return true;
}

void RecordScanner::SkipPastLineBreak() {
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

// Moves the unconsumed bytes to the front, grows the buffer when a record fills it (up
// to the record limit), and reads more. Returns how far the bytes moved.
std::size_t RecordScanner::Refill() {
  std::size_t shift = begin_;
  if (shift > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    buffer_offset_ += begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) {
    buffer_.resize(std::min(buffer_.size() * 2, kMaxRecordBytes + kChunkBytes));
  }
  ssize_t got;
  do {
    got = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
  } while (got < 0 && errno == EINTR);
  if (got < 0) throw IoError(display_name_ + ": read failed: " + std::strerror(errno));
  if (got == 0) eof_ = true;
  end_ += static_cast<std::size_t>(got);
  return shift;
}

}  // namespace ferry::csv
