#include "adapters/csv/csv_fields.hpp"

#include "core/common/utf8.hpp"

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
    if (!ferry::IsValidUtf8(fields[field_idx])) return FieldError(field_idx + 1, "invalid UTF-8");
  }
  return "invalid UTF-8";
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
  if (!ferry::IsValidUtf8(record)) return Utf8Error(fields);
  return "";
}

bool IsQuoteError(std::string_view error) {
  return error.ends_with(kQuoteInside) || error.ends_with(kTextAfter);
}


}  // namespace ferry::csv
