#include "adapters/ndjson/object_line_reader.hpp"

#include <algorithm>
#include <cstring>

namespace ferry::ndjson {

namespace {

std::string_view WithoutCr(std::string_view text) {
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
}

}  // namespace

ObjectLineReader::ObjectLineReader(storage::Store& store, std::string key, std::string display_name,
                                   std::uint64_t size, std::uint64_t chunk)
    : store_(store), key_(std::move(key)), display_name_(std::move(display_name)), size_(size),
      chunk_(chunk) {}

void ObjectLineReader::Seek(std::uint64_t offset, std::uint64_t number) {
  buffer_.clear();
  begin_ = 0;
  buffer_offset_ = fetched_ = std::min(offset, size_);
  number_ = number;
}

bool ObjectLineReader::Next(Line& line) {
  while (Cut(line)) {
    if (!line.error.empty() || !IsBlank(line.text)) return true;
  }
  return false;
}

// Appends the next chunk to the buffer, first dropping the lines already handed out.
bool ObjectLineReader::Fetch() {
  if (fetched_ >= size_) return false;
  buffer_.erase(0, begin_);
  buffer_offset_ += begin_;
  begin_ = 0;
  std::uint64_t length = std::min(chunk_, size_ - fetched_);
  store_.Read(key_, fetched_, length, [&](std::string_view bytes) {
    buffer_.append(bytes);
    if (on_bytes_) on_bytes_(bytes);
    return true;
  });
  fetched_ += length;
  return true;
}

bool ObjectLineReader::Cut(Line& line) {
  line.error.clear();
  std::size_t scanned = 0;  // bytes after begin_ known to hold no line break
  while (true) {
    std::size_t stop = buffer_.find('\n', begin_ + scanned);
    if (stop != std::string::npos) {
      Emit(stop, line);
      begin_ = stop + 1;
      return true;
    }
    scanned = buffer_.size() - begin_;
    if (scanned > kMaxLineBytes) {
      TooLong(line);
      return true;
    }
    if (!Fetch()) {  // the end of the object: the rest is the last line
      if (begin_ == buffer_.size()) return false;
      Emit(buffer_.size(), line);
      begin_ = buffer_.size();
      return true;
    }
  }
}

void ObjectLineReader::Emit(std::size_t stop, Line& line) {
  line.text = WithoutCr(std::string_view(buffer_).substr(begin_, stop - begin_));
  line.number = number_++;
}

// Hands out the first kMaxLineBytes of an overlong line with an error, then skips to the
// line's end.
void ObjectLineReader::TooLong(Line& line) {
  too_long_.assign(buffer_, begin_, kMaxLineBytes);
  line.text = too_long_;
  line.number = number_++;
  line.error = "line longer than " + std::to_string(kMaxLineBytes) + " bytes";
  while (true) {
    std::size_t stop = buffer_.find('\n', begin_);
    if (stop != std::string::npos) {
      begin_ = stop + 1;
      return;
    }
    begin_ = buffer_.size();
    if (!Fetch()) return;
  }
}

}  // namespace ferry::ndjson
