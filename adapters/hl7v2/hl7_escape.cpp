#include "adapters/hl7v2/hl7_escape.hpp"

#include <optional>

namespace ferry::hl7v2 {

namespace {

/// The value of hex digit `c`, or -1.
int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// The bytes of `\X<digits>\`; nullopt when `digits` is empty, odd or not hex.
std::optional<std::string> DecodeHex(std::string_view digits) {
  if (digits.empty() || digits.size() % 2 != 0) return std::nullopt;
  std::string bytes;
  for (std::size_t digit_idx = 0; digit_idx < digits.size(); digit_idx += 2) {
    int high = HexDigit(digits[digit_idx]);
    int low = HexDigit(digits[digit_idx + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes.push_back(static_cast<char>(high * 16 + low));
  }
  return bytes;
}

/// What the sequence `name` (the text between two escape characters) stands for, or
/// nullopt when it is not one we resolve.
std::optional<std::string> Resolve(std::string_view name, const Hl7Encoding& encoding) {
  if (name == "F") return std::string(1, encoding.field);
  if (name == "S") return std::string(1, encoding.component);
  if (name == "T") return std::string(1, encoding.subcomponent);
  if (name == "R") return std::string(1, encoding.repetition);
  if (name == "E") return std::string(1, encoding.escape);
  if (name == ".br") return std::string("\n");
  if (name.size() > 1 && name[0] == 'X') return DecodeHex(name.substr(1));
  return std::nullopt;
}

}  // namespace

std::string Unescape(std::string_view text, const Hl7Encoding& encoding) {
  if (text.find(encoding.escape) == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t start = text.find(encoding.escape, pos);
    if (start == std::string_view::npos) break;
    std::size_t end = text.find(encoding.escape, start + 1);
    if (end == std::string_view::npos) break;
    out.append(text.substr(pos, start - pos));
    auto resolved = Resolve(text.substr(start + 1, end - start - 1), encoding);
    if (resolved) {
      out += *resolved;
      pos = end + 1;
    } else {
      out.push_back(encoding.escape);  // keep it literally; the closing one may open another
      pos = start + 1;
    }
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace ferry::hl7v2
