#include "core/fhir/fhir_primitives.hpp"

#include <array>
#include <cstddef>

#include "core/fhir/r4_tables.hpp"

namespace ferry {

namespace {

constexpr std::int64_t kIntegerMax = 2147483647;
constexpr std::size_t kIdMaxSize = 64;

/// Bits of kCharClass.
enum CharClass : std::uint8_t {
  kDigitChar = 1,
  kSpaceChar = 2,
  kIdChar = 4,         ///< A-Z a-z 0-9 - .
  kBase64Char = 8,     ///< A-Z a-z 0-9 + /
  kLowerHexChar = 16,  ///< 0-9 a-f
};

constexpr std::array<std::uint8_t, 256> MakeCharClasses() {
  std::array<std::uint8_t, 256> classes{};
  auto add = [&](unsigned char c, std::uint8_t bits) {
    classes[c] = static_cast<std::uint8_t>(classes[c] | bits);
  };
  for (unsigned char c = '0'; c <= '9'; ++c) {
    add(c, kDigitChar | kIdChar | kBase64Char | kLowerHexChar);
  }
  for (unsigned char c = 'a'; c <= 'z'; ++c) add(c, kIdChar | kBase64Char);
  for (unsigned char c = 'a'; c <= 'f'; ++c) add(c, kLowerHexChar);
  for (unsigned char c = 'A'; c <= 'Z'; ++c) add(c, kIdChar | kBase64Char);
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) add(static_cast<unsigned char>(c), kSpaceChar);
  for (char c : {'-', '.'}) add(static_cast<unsigned char>(c), kIdChar);
  for (char c : {'+', '/'}) add(static_cast<unsigned char>(c), kBase64Char);
  return classes;
}

constexpr std::array<std::uint8_t, 256> kCharClass = MakeCharClasses();

bool Is(char c, CharClass char_class) {
  return (kCharClass[static_cast<unsigned char>(c)] & char_class) != 0;
}

bool IsDigit(char c) { return Is(c, kDigitChar); }
bool IsSpace(char c) { return Is(c, kSpaceChar); }
bool IsLowerHex(char c) { return Is(c, kLowerHexChar); }
bool IsIdChar(char c) { return Is(c, kIdChar); }

/// Reads `count` digits at `pos` as a number; -1 when they are not all digits.
int Digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!IsDigit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

/// Length of the date at the start of `text` (4, 7 or 10), or 0 when there is none.
/// `full` demands all of YYYY-MM-DD.
std::size_t DatePrefix(std::string_view text, bool full) {
  int year = Digits(text, 0, 4);
  if (year <= 0) return 0;
  if (text.size() == 4 || text[4] != '-') return full ? 0 : 4;
  int month = Digits(text, 5, 2);
  if (month < 1 || month > 12) return 0;
  if (text.size() == 7 || text[7] != '-') return full ? 0 : 7;
  int day = Digits(text, 8, 2);
  if (day < 1 || day > DaysInMonth(year, month)) return 0;
  return 10;
}

/// Length of `hh:mm:ss[.f+]` at `pos`, or 0.
std::size_t TimeAt(std::string_view text, std::size_t pos) {
  int hours = Digits(text, pos, 2);
  int minutes = Digits(text, pos + 3, 2);
  int seconds = Digits(text, pos + 6, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 60) {
    return 0;
  }
  if (text[pos + 2] != ':' || text[pos + 5] != ':') return 0;
  std::size_t end = pos + 8;
  if (end < text.size() && text[end] == '.') {
    std::size_t start = ++end;
    while (end < text.size() && IsDigit(text[end])) ++end;
    if (end == start) return 0;
  }
  return end - pos;
}

/// True when `text` from `pos` is exactly a time zone: `Z` or `±hh:mm` up to 14:00.
bool IsZoneAt(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return false;
  if (text[pos] == 'Z') return pos + 1 == text.size();
  if (text[pos] != '+' && text[pos] != '-') return false;
  if (pos + 6 != text.size() || text[pos + 3] != ':') return false;
  int hours = Digits(text, pos + 1, 2);
  int minutes = Digits(text, pos + 4, 2);
  if (hours < 0 || minutes < 0 || minutes > 59) return false;
  return hours < 14 || (hours == 14 && minutes == 0);
}

/// True when `text` from the end of a full date is `Thh:mm:ss[.f+]` and a zone.
bool IsTimeAndZoneAt(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || text[pos] != 'T') return false;
  std::size_t time_size = TimeAt(text, pos + 1);
  return time_size != 0 && IsZoneAt(text, pos + 1 + time_size);
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool IsAbsoluteUrl(std::string_view text) {
  std::size_t scheme_end = text.find("://");
  if (scheme_end == 0 || scheme_end == std::string_view::npos) return false;
  for (std::size_t i = 0; i < scheme_end; ++i) {
    char c = text[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter && (i == 0 || (!IsDigit(c) && c != '+' && c != '.' && c != '-'))) return false;
  }
  return scheme_end + 3 < text.size() && IsFhirUri(text);
}

/// `id` or `id/_history/version`.
bool IsIdAndVersion(std::string_view text) {
  std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return IsFhirId(text);
  constexpr std::string_view kHistory = "/_history/";
  return IsFhirId(text.substr(0, slash)) && StartsWith(text.substr(slash), kHistory) &&
         IsFhirId(text.substr(slash + kHistory.size()));
}

bool IsRelativeOrConditional(std::string_view text) {
  std::size_t end = 0;
  while (end < text.size() && text[end] != '/' && text[end] != '?') ++end;
  if (end == text.size() || r4::FindResourceStruct(text.substr(0, end)) < 0) return false;
  if (text[end] == '?') return end + 1 < text.size();
  return IsIdAndVersion(text.substr(end + 1));
}

}  // namespace

bool IsFhirDate(std::string_view text) {
  std::size_t size = DatePrefix(text, false);
  return size != 0 && size == text.size();
}

bool IsFhirDateTime(std::string_view text) {
  std::size_t size = DatePrefix(text, false);
  if (size == 0) return false;
  if (size == text.size()) return true;
  return size == 10 && IsTimeAndZoneAt(text, size);
}

bool IsFhirInstant(std::string_view text) {
  return DatePrefix(text, true) == 10 && IsTimeAndZoneAt(text, 10);
}

bool IsFhirTime(std::string_view text) {
  return text.size() >= 8 && TimeAt(text, 0) == text.size();
}

bool IsFhirId(std::string_view text) {
  if (text.empty() || text.size() > kIdMaxSize) return false;
  for (char c : text) {
    if (!IsIdChar(c)) return false;
  }
  return true;
}

bool IsFhirOid(std::string_view text) {
  constexpr std::string_view kPrefix = "urn:oid:";
  if (!StartsWith(text, kPrefix)) return false;
  std::string_view rest = text.substr(kPrefix.size());
  if (rest.size() < 3 || rest[0] < '0' || rest[0] > '2' || rest[1] != '.') return false;
  for (std::size_t pos = 1; pos < rest.size();) {
    if (rest[pos] != '.' || pos + 1 == rest.size() || !IsDigit(rest[pos + 1])) return false;
    std::size_t start = ++pos;
    while (pos < rest.size() && IsDigit(rest[pos])) ++pos;
    if (rest[start] == '0' && pos - start > 1) return false;
  }
  return true;
}

bool IsFhirUuid(std::string_view text) {
  constexpr std::string_view kPrefix = "urn:uuid:";
  constexpr std::size_t kUuidSize = 36;
  if (!StartsWith(text, kPrefix) || text.size() != kPrefix.size() + kUuidSize) return false;
  for (std::size_t i = 0; i < kUuidSize; ++i) {
    char c = text[kPrefix.size() + i];
    bool dash_place = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_place ? c != '-' : !IsLowerHex(c)) return false;
  }
  return true;
}

bool IsFhirUri(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (IsSpace(c)) return false;
  }
  return true;
}

bool IsFhirCode(std::string_view text) {
  if (text.empty() || IsSpace(text.front()) || IsSpace(text.back())) return false;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (IsSpace(text[i]) && IsSpace(text[i - 1])) return false;
  }
  return true;
}

bool IsFhirBase64(std::string_view text) {
  std::size_t count = 0;
  std::size_t pos = 0;
  for (; pos < text.size(); ++pos) {
    std::uint8_t char_class = kCharClass[static_cast<unsigned char>(text[pos])];
    if ((char_class & kBase64Char) != 0) {
      ++count;
    } else if ((char_class & kSpaceChar) == 0) {
      break;
    }
  }
  std::size_t padding = 0;
  for (; pos < text.size(); ++pos) {
    if (text[pos] == '=') {
      ++padding;
    } else if (!IsSpace(text[pos])) {
      return false;
    }
  }
  return (count + padding) % 4 == 0 && padding <= 2;
}

bool IsFhirInteger(std::string_view text, std::int64_t min) {
  bool negative = !text.empty() && text[0] == '-';
  std::string_view digits = text.substr(negative ? 1 : 0);
  if (digits.empty() || digits.size() > 10 || (digits[0] == '0' && digits.size() > 1)) return false;
  std::int64_t value = 0;
  for (char c : digits) {
    if (!IsDigit(c)) return false;
    value = value * 10 + (c - '0');
  }
  if (negative) value = -value;
  return value >= min && value <= kIntegerMax;
}

bool IsFhirReference(std::string_view text) {
  if (text.empty()) return false;
  if (text[0] == '#') return text.size() == 1 || IsFhirId(text.substr(1));
  if (StartsWith(text, "urn:uuid:")) return IsFhirUuid(text);
  if (StartsWith(text, "urn:oid:")) return IsFhirOid(text);
  return IsAbsoluteUrl(text) || IsRelativeOrConditional(text);
}

}  // namespace ferry
