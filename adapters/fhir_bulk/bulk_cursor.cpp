#include "adapters/fhir_bulk/bulk_cursor.hpp"

#include <charconv>

#include "core/common/strings.hpp"

namespace ferry::fhir_bulk {

namespace {

constexpr std::string_view kPrefix = "bulk1 ";

bool ParseNumber(std::string_view text, std::uint64_t& value) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

std::string EncodeCursor(const BulkCursor& cursor) {
  return std::string(kPrefix) + std::to_string(cursor.file) + ":" + std::to_string(cursor.offset) + ":" +
         std::to_string(cursor.line) + " " + cursor.status_url;
}

Result<BulkCursor> DecodeCursor(std::string_view text) {
  const Failure wrong("fhir-bulk source: the saved cursor is not from this source; delete the state file to start over");
  if (!StartsWith(text, kPrefix)) return wrong;
  text.remove_prefix(kPrefix.size());
  std::size_t space = text.find(' ');
  if (space == std::string_view::npos || space + 1 >= text.size()) return wrong;
  std::vector<std::string> numbers = Split(text.substr(0, space), ':');
  BulkCursor cursor;
  if (numbers.size() != 3 || !ParseNumber(numbers[0], cursor.file) || !ParseNumber(numbers[1], cursor.offset) ||
      !ParseNumber(numbers[2], cursor.line))
    return wrong;
  cursor.status_url = std::string(text.substr(space + 1));
  return cursor;
}

}  // namespace ferry::fhir_bulk
