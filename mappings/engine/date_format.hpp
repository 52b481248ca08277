#pragma once
/// Date formats of the `date:`, `datetime:` and `instant:` modifiers: a strptime-like
/// pattern (or `iso`) compiled once at load, then used to turn source text into a FHIR
/// date, dateTime or instant.
///
///     auto format = DateFormat::Compile("%d/%m/%Y", DateKind::kDate);
///     std::string out;
///     if (std::get<DateFormat>(format).Convert("02/01/1980", out)) ...  // out == "1980-01-02"
///
/// Directives: %Y (4 digits), %m %d %H %M %S (1 or 2 digits), %f (fraction of a second,
/// 1 to 9 digits), %z (`Z`, `+hh:mm` or `+hhmm`), %% %[ %] (a '%', '[', ']'); any other
/// character must appear as is. `[...]` marks an optional part (nested as deep as needed):
/// it is read when the text there matches it, else skipped, and the result is as precise
/// as the fields actually read (`%Y[%m[%d]]` reads `1980`, `198001` and `19800102`).
/// Dates are checked against the calendar (no 30 February).

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ferry {

struct DateParts;  // what a date text said, field by field (date_format.cpp)

/// The FHIR type a date modifier produces.
enum class DateKind {
  kDate,      ///< `date:` → YYYY, YYYY-MM or YYYY-MM-DD (as precise as the format)
  kDateTime,  ///< `datetime:` → a dateTime as precise as the format, zone if it has one
  kInstant,   ///< `instant:` → a dateTime to the second with a zone
};

/// The name of `kind` in messages: "date", "dateTime", "instant".
const char* DateKindName(DateKind kind);

/// A compiled date format (see file comment).
class DateFormat {
 public:
  /// Compiles `pattern` for `kind`; the error text (for a load error) explains what is
  /// wrong with the pattern. `iso` accepts ISO 8601 / FHIR date, dateTime and instant
  /// text and keeps its precision.
  static std::variant<DateFormat, std::string> Compile(std::string_view pattern, DateKind kind);

  /// Parses `text` and, when it is a valid date in this format, replaces `out` with the
  /// FHIR text and returns true. Returns false otherwise (`out` is then unspecified).
  bool Convert(std::string_view text, std::string& out) const;

  /// Sets the zone assumed for a text that has a time but no zone (`Z`, `+hh:mm` or
  /// `+hhmm`); false when `zone` is not one of those.
  bool SetDefaultZone(std::string_view zone);

  /// The FHIR type this format produces.
  DateKind kind() const { return kind_; }
  /// The pattern as written in the spec (for messages).
  const std::string& pattern() const { return pattern_; }

 private:
  enum class Field {
    kLiteral, kYear, kMonth, kDay, kHour, kMinute, kSecond, kFraction, kZone, kOpen, kClose
  };
  struct Token {
    Field field = Field::kLiteral;
    char literal = 0;
    std::size_t close = 0;  ///< for kOpen: the index of its kClose
  };

  DateFormat(std::string pattern, DateKind kind) : pattern_(std::move(pattern)), kind_(kind) {}
  std::string CheckFields() const;
  bool Has(Field field) const;
  bool ParsePattern(std::string_view text, DateParts& parts) const;
  bool ParseTokens(std::size_t first, std::size_t last, std::string_view text, std::size_t& pos,
                   DateParts& parts) const;
  std::string CompileBrackets();
  static bool ReadField(Field field, char literal, std::string_view text, std::size_t& pos,
                        DateParts& parts);
  static bool ParseIso(std::string_view text, DateParts& parts);
  bool Write(const DateParts& parts, std::string& out) const;

  std::string pattern_;
  DateKind kind_;
  bool iso_ = false;
  std::vector<Token> tokens_;
  std::string default_zone_;  ///< empty: none
};

}  // namespace ferry
