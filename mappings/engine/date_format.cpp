#include "mappings/engine/date_format.hpp"

#include <array>

namespace ferry {

/// What a date text said, field by field; `has_*` tell how precise it was.
struct DateParts {
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  std::string_view fraction;
  bool has_month = false, has_day = false, has_time = false, has_seconds = false;
  bool has_zone = false, utc = false;
  char zone_sign = '+';
  int zone_hour = 0, zone_minute = 0;
};

namespace {

constexpr std::string_view kIso = "iso";

/// Reads between `min_digits` and `max_digits` digits at `pos` into `value`.
bool ReadNumber(std::string_view text, std::size_t& pos, int min_digits, int max_digits,
                int& value) {
  value = 0;
  int digits = 0;
  while (digits < max_digits && pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    value = value * 10 + (text[pos] - '0');
    ++pos;
    ++digits;
  }
  return digits >= min_digits;
}

bool ReadFraction(std::string_view text, std::size_t& pos, std::string_view& fraction) {
  const std::size_t start = pos;
  while (pos < text.size() && pos - start < 9 && text[pos] >= '0' && text[pos] <= '9') ++pos;
  fraction = text.substr(start, pos - start);
  return !fraction.empty();
}

/// Reads `Z`, `+hh:mm` or `+hhmm` (or '-').
bool ReadZone(std::string_view text, std::size_t& pos, DateParts& parts) {
  if (pos >= text.size()) return false;
  parts.has_zone = true;
  if (text[pos] == 'Z') {
    parts.utc = true;
    ++pos;
    return true;
  }
  if (text[pos] != '+' && text[pos] != '-') return false;
  parts.zone_sign = text[pos++];
  if (!ReadNumber(text, pos, 2, 2, parts.zone_hour)) return false;
  if (pos < text.size() && text[pos] == ':') ++pos;
  return ReadNumber(text, pos, 2, 2, parts.zone_minute);
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

bool IsValid(const DateParts& parts) {
  if (parts.year < 1 || parts.month < 1 || parts.month > 12) return false;
  if (parts.day < 1 || parts.day > DaysInMonth(parts.year, parts.month)) return false;
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 60) return false;
  if (parts.zone_hour > 14 || parts.zone_minute > 59) return false;
  return parts.zone_hour < 14 || parts.zone_minute == 0;
}

void AppendTwoDigits(int value, std::string& out) {
  out += static_cast<char>('0' + value / 10);
  out += static_cast<char>('0' + value % 10);
}

void AppendDate(int year, int month, int day, int precision, std::string& out) {
  out += static_cast<char>('0' + year / 1000);
  out += static_cast<char>('0' + year / 100 % 10);
  AppendTwoDigits(year % 100, out);
  if (precision < 2) return;
  out += '-';
  AppendTwoDigits(month, out);
  if (precision < 3) return;
  out += '-';
  AppendTwoDigits(day, out);
}

}  // namespace

const char* DateKindName(DateKind kind) {
  switch (kind) {
    case DateKind::kDate:
      return "date";
    case DateKind::kDateTime:
      return "dateTime";
    case DateKind::kInstant:
      return "instant";
  }
  return "date";
}

std::variant<DateFormat, std::string> DateFormat::Compile(std::string_view pattern, DateKind kind) {
  DateFormat format{std::string(pattern), kind};
  if (pattern == kIso) {
    format.iso_ = true;
    return format;
  }
  if (pattern.empty())
    return std::string("date format is empty; write a format such as %Y-%m-%d, or iso");
  static constexpr std::string_view kDirectives = "YmdHMSfz";
  static constexpr std::array<Field, 8> kFields = {Field::kYear,     Field::kMonth,  Field::kDay,
                                                   Field::kHour,     Field::kMinute, Field::kSecond,
                                                   Field::kFraction, Field::kZone};
  for (std::size_t pos = 0; pos < pattern.size(); ++pos) {
    if (pattern[pos] == '[' || pattern[pos] == ']') {
      format.tokens_.push_back(Token{pattern[pos] == '[' ? Field::kOpen : Field::kClose, 0});
      continue;
    }
    if (pattern[pos] != '%') {
      format.tokens_.push_back(Token{Field::kLiteral, pattern[pos]});
      continue;
    }
    if (++pos == pattern.size())
      return std::string("date format ends with a lone '%'; write %% for a '%'");
    if (pattern[pos] == '%' || pattern[pos] == '[' || pattern[pos] == ']') {
      format.tokens_.push_back(Token{Field::kLiteral, pattern[pos]});
      continue;
    }
    const std::size_t directive_idx = kDirectives.find(pattern[pos]);
    if (directive_idx == std::string_view::npos) {
      return "unknown directive '%" + std::string(1, pattern[pos]) +
             "' in date format; use %Y %m %d %H %M %S %f %z, %%, %[ or %]";
    }
    const Field field = kFields[directive_idx];
    if (format.Has(field))
      return "directive '%" + std::string(1, pattern[pos]) + "' appears twice in the date format";
    format.tokens_.push_back(Token{field, 0});
  }
  if (std::string error = format.CompileBrackets(); !error.empty()) return error;
  if (std::string error = format.CheckFields(); !error.empty()) return error;
  return format;
}

/// Pairs each '[' with its ']'.
std::string DateFormat::CompileBrackets() {
  std::vector<std::size_t> open;
  for (std::size_t token_idx = 0; token_idx < tokens_.size(); ++token_idx) {
    if (tokens_[token_idx].field == Field::kOpen) open.push_back(token_idx);
    if (tokens_[token_idx].field != Field::kClose) continue;
    if (open.empty()) return "unmatched ']' in date format; write %] for a ']'";
    tokens_[open.back()].close = token_idx;
    open.pop_back();
  }
  if (!open.empty()) return "unmatched '[' in date format; write %[ for a '['";
  return "";
}

bool DateFormat::SetDefaultZone(std::string_view zone) {
  DateParts parts;
  std::size_t pos = 0;
  if (!ReadZone(zone, pos, parts) || pos != zone.size()) return false;
  if (parts.zone_hour > 14 || parts.zone_minute > 59) return false;
  if (parts.zone_hour == 14 && parts.zone_minute != 0) return false;
  default_zone_ = std::string(zone);
  return true;
}

bool DateFormat::Has(Field field) const {
  for (const auto& token : tokens_) {
    if (token.field == field) return true;
  }
  return false;
}

/// The pattern's fields must go from the year down without gaps.
std::string DateFormat::CheckFields() const {
  struct Need {
    Field field, needs;
    const char* message;
  };
  static constexpr std::array<Need, 6> kNeeds = {{
      {Field::kMonth, Field::kYear, "date format has %m but no %Y"},
      {Field::kDay, Field::kMonth, "date format has %d but no %m"},
      {Field::kHour, Field::kDay, "date format has %H but no %d; a time needs %Y, %m and %d"},
      {Field::kMinute, Field::kHour, "date format has %M but no %H"},
      {Field::kSecond, Field::kMinute, "date format has %S but no %M"},
      {Field::kFraction, Field::kSecond, "date format has %f but no %S"},
  }};
  if (!Has(Field::kYear)) return "date format has no %Y";
  for (const auto& need : kNeeds) {
    if (Has(need.field) && !Has(need.needs)) return need.message;
  }
  if (Has(Field::kHour) && !Has(Field::kMinute)) return "date format has %H but no %M";
  if (Has(Field::kZone) && !Has(Field::kHour)) return "date format has %z but no %H";
  if (kind_ == DateKind::kInstant && (!Has(Field::kSecond) || !Has(Field::kZone))) {
    return "an instant format needs %Y, %m, %d, %H, %M, %S and %z";
  }
  return "";
}

bool DateFormat::Convert(std::string_view text, std::string& out) const {
  DateParts parts;
  const bool parsed = iso_ ? ParseIso(text, parts) : ParsePattern(text, parts);
  if (parsed && parts.has_time && !parts.has_zone && !default_zone_.empty()) {
    std::size_t pos = 0;
    ReadZone(default_zone_, pos, parts);
  }
  return parsed && IsValid(parts) && Write(parts, out);
}

bool DateFormat::ParsePattern(std::string_view text, DateParts& parts) const {
  std::size_t pos = 0;
  return ParseTokens(0, tokens_.size(), text, pos, parts) && pos == text.size();
}

/// Reads tokens [first, last); an optional part that does not match is skipped whole.
bool DateFormat::ParseTokens(std::size_t first, std::size_t last, std::string_view text,
                             std::size_t& pos, DateParts& parts) const {
  for (std::size_t token_idx = first; token_idx < last; ++token_idx) {
    const Token& token = tokens_[token_idx];
    if (token.field == Field::kOpen) {
      const std::size_t saved_pos = pos;
      const DateParts saved_parts = parts;
      if (!ParseTokens(token_idx + 1, token.close, text, pos, parts)) {
        pos = saved_pos;
        parts = saved_parts;
      }
      token_idx = token.close;
      continue;
    }
    if (!ReadField(token.field, token.literal, text, pos, parts)) return false;
  }
  return true;
}

bool DateFormat::ReadField(Field field, char literal, std::string_view text, std::size_t& pos,
                           DateParts& parts) {
  switch (field) {
    case Field::kLiteral:
      return pos < text.size() && text[pos++] == literal;
    case Field::kYear:
      return ReadNumber(text, pos, 4, 4, parts.year);
    case Field::kMonth:
      parts.has_month = true;
      return ReadNumber(text, pos, 1, 2, parts.month);
    case Field::kDay:
      parts.has_day = true;
      return ReadNumber(text, pos, 1, 2, parts.day);
    case Field::kHour:
      parts.has_time = true;
      return ReadNumber(text, pos, 1, 2, parts.hour);
    case Field::kMinute:
      return ReadNumber(text, pos, 1, 2, parts.minute);
    case Field::kSecond:
      parts.has_seconds = true;
      return ReadNumber(text, pos, 1, 2, parts.second);
    case Field::kFraction:
      return ReadFraction(text, pos, parts.fraction);
    case Field::kZone:
      return ReadZone(text, pos, parts);
    case Field::kOpen:
    case Field::kClose:
      return true;
  }
  return false;
}

/// YYYY[-MM[-DD[Thh:mm[:ss[.fff]][zone]]]]
bool DateFormat::ParseIso(std::string_view text, DateParts& parts) {
  std::size_t pos = 0;
  auto next_is = [&](char c) { return pos < text.size() && text[pos] == c && ++pos; };
  if (!ReadNumber(text, pos, 4, 4, parts.year)) return false;
  if (next_is('-')) {
    if (!ReadNumber(text, pos, 2, 2, parts.month)) return false;
    parts.has_month = true;
    if (next_is('-')) {
      if (!ReadNumber(text, pos, 2, 2, parts.day)) return false;
      parts.has_day = true;
      if (next_is('T')) {
        parts.has_time = true;
        if (!ReadNumber(text, pos, 2, 2, parts.hour) || !next_is(':') ||
            !ReadNumber(text, pos, 2, 2, parts.minute)) {
          return false;
        }
        if (next_is(':')) {
          if (!ReadNumber(text, pos, 2, 2, parts.second)) return false;
          parts.has_seconds = true;
          if (next_is('.') && !ReadFraction(text, pos, parts.fraction)) return false;
        }
        if (pos < text.size() && !ReadZone(text, pos, parts)) return false;
      }
    }
  }
  return pos == text.size();
}

bool DateFormat::Write(const DateParts& parts, std::string& out) const {
  out.clear();
  const int precision = parts.has_day ? 3 : parts.has_month ? 2 : 1;
  if (kind_ == DateKind::kDate || !parts.has_time) {
    if (kind_ == DateKind::kInstant) return false;
    AppendDate(parts.year, parts.month, parts.day, precision, out);
    return true;
  }
  if (kind_ == DateKind::kInstant && (!parts.has_zone || !parts.has_seconds)) return false;
  AppendDate(parts.year, parts.month, parts.day, 3, out);
  out += 'T';
  AppendTwoDigits(parts.hour, out);
  out += ':';
  AppendTwoDigits(parts.minute, out);
  out += ':';
  AppendTwoDigits(parts.second, out);
  if (!parts.fraction.empty()) out.append(1, '.').append(parts.fraction);
  if (parts.utc) {
    out += 'Z';
  } else if (parts.has_zone) {
    out += parts.zone_sign;
    AppendTwoDigits(parts.zone_hour, out);
    out += ':';
    AppendTwoDigits(parts.zone_minute, out);
  }
  return true;
}

}  // namespace ferry
