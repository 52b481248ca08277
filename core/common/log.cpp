#include "core/common/log.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <cmath>
#include <ctime>

namespace ferry {
namespace {

std::string FormatDouble(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, end);
}

/// True when `value` may be written to JSON as it is (a number or a boolean).
bool IsJsonLiteral(std::string_view value) {
  if (value == "true" || value == "false") return true;
  if (value.empty()) return false;
  for (char c : value) {
    bool number_char =
        (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    if (!number_char) return false;
  }
  return value.front() == '-' || (value.front() >= '0' && value.front() <= '9');
}

bool NeedsQuotes(std::string_view value) {
  if (value.empty()) return true;
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f || c == ' ' || c == ',' || c == '(' || c == ')' || c == '=' ||
        c == '"' || c == '\\') {
      return true;
    }
  }
  return false;
}

/// `value` as it appears after `key=` in a text line: bare when unambiguous, else quoted
/// with C escapes, so that one event is always one line.
std::string TextValue(std::string_view value) {
  if (!NeedsQuotes(value)) return std::string(value);
  std::string out = "\"";
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string TextLine(LogLevel level, std::string_view message,
                     std::initializer_list<LogField> fields) {
  std::string line = "ferry: ";
  if (level != LogLevel::kInfo) (line += LogLevelName(level)) += ": ";
  line += message;
  const char* separator = " (";
  for (const LogField& field : fields) {
    line += separator;
    line += field.key + "=" + TextValue(field.value);
    separator = ", ";
  }
  if (fields.size() != 0) line += ")";
  return line;
}

std::string IsoTime(std::chrono::system_clock::time_point time) {
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch());
  std::time_t seconds =
      static_cast<std::time_t>(std::chrono::floor<std::chrono::seconds>(millis).count());
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[40];
  std::size_t length = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  long long fraction = ((millis.count() % 1000) + 1000) % 1000;
  std::snprintf(buffer + length, sizeof buffer - length, ".%03lldZ", fraction);
  return buffer;
}

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteString(JsonWriter& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

std::string JsonLine(LogLevel level, std::string_view message,
                     std::initializer_list<LogField> fields,
                     std::chrono::system_clock::time_point time) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("time");
  WriteString(writer, IsoTime(time));
  writer.Key("level");
  WriteString(writer, LogLevelName(level));
  writer.Key("message");
  WriteString(writer, message);
  for (const LogField& field : fields) {
    WriteString(writer, field.key);
    if (!field.quoted && IsJsonLiteral(field.value)) {
      writer.RawValue(field.value.data(), field.value.size(), rapidjson::kNumberType);
    } else {
      WriteString(writer, field.value);
    }
  }
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kError:
      return "error";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kTrace:
      return "trace";
  }
  return "unknown";
}

LogField::LogField(std::string k, std::string_view v) : key(std::move(k)), value(v) {}
LogField::LogField(std::string k, const char* v) : key(std::move(k)), value(v ? v : "") {}
LogField::LogField(std::string k, double v)
    : key(std::move(k)), value(FormatDouble(v)), quoted(!std::isfinite(v)) {}

Logger& Logger::Get() {
  static Logger* const logger = new Logger();  // never destroyed: usable until exit
  return *logger;
}

void Logger::Configure(LogLevel level, LogFormat format, std::FILE* out) {
  std::lock_guard<std::mutex> lock(mutex_);
  level_ = level;
  format_ = format;
  out_ = out;
}

void Logger::SetClock(Clock clock) {
  std::lock_guard<std::mutex> lock(mutex_);
  clock_ = std::move(clock);
}

bool Logger::Enabled(LogLevel level) const {
  return level <= level_.load(std::memory_order_relaxed);
}

LogLevel Logger::level() const { return level_; }
LogFormat Logger::format() const { return format_; }

void Logger::Write(LogLevel level, std::string_view message,
                   std::initializer_list<LogField> fields) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto time = clock_ ? clock_() : std::chrono::system_clock::now();
  std::string line = format_ == LogFormat::kJson ? JsonLine(level, message, fields, time)
                                                 : TextLine(level, message, fields);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace ferry
