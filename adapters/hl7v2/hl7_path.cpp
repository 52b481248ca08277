#include "adapters/hl7v2/hl7_path.hpp"

#include <cctype>

namespace ferry::hl7v2 {

namespace {

/// Reads a number >= 1 at `text[pos]`, advancing `pos`; nullopt when there is none.
std::optional<std::size_t> ReadNumber(std::string_view text, std::size_t& pos) {
  std::size_t start = pos;
  std::size_t number = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) &&
         pos - start < 7) {
    number = number * 10 + static_cast<std::size_t>(text[pos] - '0');
    ++pos;
  }
  if (pos == start || number == 0) return std::nullopt;
  return number;
}

/// Reads an optional `[n]` at `text[pos]` into `index`; false when malformed.
bool ReadIndex(std::string_view text, std::size_t& pos, std::size_t& index) {
  if (pos >= text.size() || text[pos] != '[') return true;
  ++pos;
  auto number = ReadNumber(text, pos);
  if (!number || pos >= text.size() || text[pos] != ']') return false;
  ++pos;
  index = *number;
  return true;
}

/// Reads an optional `.n` at `text[pos]` into `index`; false when malformed.
bool ReadLevel(std::string_view text, std::size_t& pos, std::size_t& index) {
  if (pos >= text.size() || text[pos] != '.') return true;
  ++pos;
  auto number = ReadNumber(text, pos);
  if (!number) return false;
  index = *number;
  return true;
}

bool IsSegmentId(std::string_view id) {
  if (id.size() != 3) return false;
  for (char c : id) {
    if (!std::isupper(static_cast<unsigned char>(c)) &&
        !std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<Hl7Path> ParsePath(std::string_view text) {
  Hl7Path path;
  if (text.size() < 3 || !IsSegmentId(text.substr(0, 3))) return std::nullopt;
  path.segment = std::string(text.substr(0, 3));
  std::size_t pos = 3;
  if (!ReadIndex(text, pos, path.occurrence)) return std::nullopt;
  if (pos >= text.size() || text[pos] != '-') return std::nullopt;
  ++pos;
  auto field = ReadNumber(text, pos);
  if (!field) return std::nullopt;
  path.field = *field;
  if (!ReadIndex(text, pos, path.repetition)) return std::nullopt;
  if (!ReadLevel(text, pos, path.component)) return std::nullopt;
  if (!ReadLevel(text, pos, path.subcomponent)) return std::nullopt;
  if (pos != text.size()) return std::nullopt;
  return path;
}

}  // namespace ferry::hl7v2
