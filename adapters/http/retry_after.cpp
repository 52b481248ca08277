#include "adapters/http/retry_after.hpp"

#include <array>
#include <cctype>
#include <ctime>
#include <string>

#include "core/common/strings.hpp"

namespace ferry::http {

namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/// A cursor over the date text with the few token readers the three forms need.
class DateScanner {
 public:
  explicit DateScanner(std::string_view text) : text_(text) {}

  bool Number(int min_digits, int max_digits, int& out) {
    int digits = 0;
    out = 0;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])) && digits < max_digits) {
      out = out * 10 + (text_[pos_++] - '0');
      ++digits;
    }
    return digits >= min_digits;
  }
  bool Literal(std::string_view literal) {
    if (text_.substr(pos_, literal.size()) != literal) return false;
    pos_ += literal.size();
    return true;
  }
  bool Spaces() {  // one or more
    std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
    return pos_ > start;
  }
  bool Month(int& out) {
    for (std::size_t i = 0; i < kMonths.size(); ++i)
      if (Literal(kMonths[i])) {
        out = static_cast<int>(i);
        return true;
      }
    return false;
  }
  bool Time(std::tm& tm) {
    return Number(2, 2, tm.tm_hour) && Literal(":") && Number(2, 2, tm.tm_min) && Literal(":") &&
           Number(2, 2, tm.tm_sec);
  }
  void SkipWord() {
    while (pos_ < text_.size() && std::isalpha(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool AtEnd() const { return pos_ == text_.size(); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

bool Valid(const std::tm& tm) {
  return tm.tm_mday >= 1 && tm.tm_mday <= 31 && tm.tm_hour <= 23 && tm.tm_min <= 59 && tm.tm_sec <= 60;
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` and `Sunday, 06-Nov-94 08:49:37 GMT`.
bool ParseCommaForm(std::string_view text, std::tm& tm) {
  DateScanner scan(text);
  scan.SkipWord();
  if (!scan.Literal(",") || !scan.Spaces() || !scan.Number(2, 2, tm.tm_mday)) return false;
  if (scan.Literal(" ")) {  // IMF-fixdate
    if (!scan.Month(tm.tm_mon) || !scan.Literal(" ") || !scan.Number(4, 4, tm.tm_year)) return false;
    tm.tm_year -= 1900;
  } else {  // RFC 850: two-digit year, read as the nearest century (RFC 9110 §5.6.7)
    int year = 0;
    if (!scan.Literal("-") || !scan.Month(tm.tm_mon) || !scan.Literal("-") || !scan.Number(2, 2, year)) return false;
    tm.tm_year = year < 70 ? year + 100 : year;
  }
  return scan.Literal(" ") && scan.Time(tm) && scan.Literal(" GMT") && scan.AtEnd();
}

/// `Sun Nov  6 08:49:37 1994` (asctime).
bool ParseAsctimeForm(std::string_view text, std::tm& tm) {
  DateScanner scan(text);
  scan.SkipWord();
  if (!scan.Spaces() || !scan.Month(tm.tm_mon) || !scan.Spaces() || !scan.Number(1, 2, tm.tm_mday)) return false;
  if (!scan.Literal(" ") || !scan.Time(tm) || !scan.Literal(" ") || !scan.Number(4, 4, tm.tm_year)) return false;
  tm.tm_year -= 1900;
  return scan.AtEnd();
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> ParseHttpDate(std::string_view text) {
  text = Trim(text);
  std::tm tm{};
  if (!ParseCommaForm(text, tm)) {
    tm = std::tm{};
    if (!ParseAsctimeForm(text, tm)) return std::nullopt;
  }
  if (!Valid(tm)) return std::nullopt;
  std::time_t seconds = timegm(&tm);
  if (seconds == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(seconds);
}

std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value,
                                                         std::chrono::system_clock::time_point now) {
  value = Trim(value);
  if (value.empty()) return std::nullopt;
  bool all_digits = true;
  for (char c : value) all_digits = all_digits && std::isdigit(static_cast<unsigned char>(c));
  if (all_digits) {
    if (value.size() > 9) return std::chrono::milliseconds(std::chrono::hours(24 * 365));
    return std::chrono::seconds(std::stol(std::string(value)));
  }
  auto when = ParseHttpDate(value);
  if (!when) return std::nullopt;
  if (*when <= now) return std::chrono::milliseconds(0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(*when - now);
}

}  // namespace ferry::http
