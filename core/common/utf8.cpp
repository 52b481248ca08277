#include "core/common/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace ferry {

namespace {

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

bool IsAscii(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (end - p >= 8 && AllAscii8(p)) p += 8;
  for (; p < end; ++p) {
    if (*p >= 0x80) return false;
  }
  return true;
}

}  // namespace ferry
