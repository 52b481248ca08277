#include "adapters/csv/csv_fields.hpp"

#include <cstdint>
#include <cstring>

namespace ferry::csv {

namespace {

constexpr std::size_t kNone = std::string_view::npos;
constexpr const char* kQuoteInside = "quote inside an unquoted field";
constexpr const char* kTextAfter = "text after a closing quote";

std::string FieldError(std::size_t field_no, const char* what) {
  return "field " + std::to_string(field_no) + ": " + what;
}

/// Reads the quoted field whose opening quote is at `pos` into `value`; returns the
/// position just after its closing quote, or kNone when the quote is never closed.
std::size_t ReadQuoted(std::string_view record, std::size_t pos, std::string& value) {
  ++pos;
  while (true) {
    std::size_t quote = record.find('"', pos);
    if (quote == kNone) return kNone;
    value.append(record.data() + pos, quote - pos);
    if (quote + 1 < record.size() && record[quote + 1] == '"') {
      value.push_back('"');
      pos = quote + 2;
      continue;
    }
    return quote + 1;
  }
}

/// The message for the first field that is not UTF-8.
std::string Utf8Error(const std::vector<std::string>& fields) {
  for (std::size_t field_idx = 0; field_idx < fields.size(); ++field_idx) {
    if (!IsValidUtf8(fields[field_idx])) return FieldError(field_idx + 1, "invalid UTF-8");
  }
  return "invalid UTF-8";
}

/// True when the 8 bytes at `p` are all ASCII.
bool AllAscii8(const unsigned char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return (word & 0x8080808080808080ULL) == 0;
}

/// Length of the multi-byte sequence at `p` (2..4), or 0 when it is not valid UTF-8.
std::size_t SequenceLength(const unsigned char* p, const unsigned char* end) {
  unsigned char lead = p[0];
  std::size_t extra = 0;
  std::uint32_t code_point = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    extra = 1, code_point = lead & 0x1Fu;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2, code_point = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    extra = 3, code_point = lead & 0x07u;
  } else {
    return 0;
  }
  if (static_cast<std::size_t>(end - p) <= extra) return 0;
  for (std::size_t byte_idx = 1; byte_idx <= extra; ++byte_idx) {
    if ((p[byte_idx] & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (p[byte_idx] & 0x3Fu);
  }
  if (extra == 2 && (code_point < 0x800 || (code_point >= 0xD800 && code_point <= 0xDFFF)))
    return 0;
  if (extra == 3 && (code_point < 0x10000 || code_point > 0x10FFFF)) return 0;
  return extra + 1;
}

}  // namespace

std::string SplitRecord(std::string_view record, char delimiter, std::vector<std::string>& fields) {
  fields.clear();
  std::size_t pos = 0;
  while (true) {
    std::size_t field_no = fields.size() + 1;
    std::size_t end;
    if (pos < record.size() && record[pos] == '"') {
      end = ReadQuoted(record, pos, fields.emplace_back());
      if (end == kNone) return "unterminated quoted field";
      if (end < record.size() && record[end] != delimiter) {
        return FieldError(field_no, kTextAfter);
      }
    } else {
      end = record.find(delimiter, pos);
      if (end == kNone) end = record.size();
      std::string_view value = record.substr(pos, end - pos);
      if (value.find('"') != kNone) return FieldError(field_no, kQuoteInside);
      fields.emplace_back(value);
    }
    if (end >= record.size()) break;
    pos = end + 1;
  }
  if (!IsValidUtf8(record)) return Utf8Error(fields);
  return "";
}

bool IsQuoteError(std::string_view error) {
  return error.ends_with(kQuoteInside) || error.ends_with(kTextAfter);
}

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    while (end - p >= 8 && AllAscii8(p)) p += 8;
    if (p == end) break;
    if (*p < 0x80) {
      ++p;
      continue;
    }
    std::size_t length = SequenceLength(p, end);
    if (length == 0) return false;
    p += length;
  }
  return true;
}

}  // namespace ferry::csv
