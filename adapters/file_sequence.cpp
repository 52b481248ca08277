#include "adapters/file_sequence.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>
#include <utility>

#include "core/common/error.hpp"

namespace ferry {

namespace {

/// Parses `text` as `parts.size()` numbers joined by ':'; false when it is not that.
bool ParseNumbers(std::string_view text, std::vector<std::uint64_t>& parts) {
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (std::size_t part_idx = 0; part_idx < parts.size(); ++part_idx) {
    auto [next, ec] = std::from_chars(p, end, parts[part_idx]);
    if (ec != std::errc() || next == p) return false;
    p = next;
    if (part_idx + 1 < parts.size() && (p == end || *p++ != ':')) return false;
  }
  return p == end;
}

}  // namespace

FileSequence::FileSequence(std::string source, std::string files, std::vector<std::uint64_t> sizes)
    : source_(std::move(source)), files_(std::move(files)), sizes_(std::move(sizes)) {
  for (std::uint64_t size : sizes_) total_bytes_ += size;
}

std::vector<std::uint64_t> FileSequence::Seek(const std::string& cursor,
                                              std::vector<std::uint64_t> defaults) {
  std::vector<std::uint64_t> parts = std::move(defaults);
  if (!cursor.empty() && (!ParseNumbers(cursor, parts) || parts[0] > sizes_.size() ||
                          (parts[0] == sizes_.size() && parts[1] != 0))) {
    throw PlanError(source_ + ": cannot resume from cursor '" + cursor + "': it does not fit " +
                    files_ + "; run again without --resume");
  }
  index_ = static_cast<std::size_t>(parts[0]);
  bytes_before_ = 0;
  for (std::size_t file_idx = 0; file_idx < index_; ++file_idx) bytes_before_ += sizes_[file_idx];
  return parts;
}

void FileSequence::NextFile() {
  bytes_before_ += sizes_[index_];
  ++index_;
}

std::string FileSequence::Cursor(std::initializer_list<std::uint64_t> rest) const {
  std::string cursor = std::to_string(index_);
  for (std::uint64_t part : rest) cursor += ":" + std::to_string(part);
  return cursor;
}

double FileSequence::Progress(std::uint64_t offset) const {
  if (total_bytes_ == 0) return done() ? 1.0 : 0.0;
  std::uint64_t read = bytes_before_ + offset;
  return std::min(1.0, static_cast<double>(read) / static_cast<double>(total_bytes_));
}

}  // namespace ferry
