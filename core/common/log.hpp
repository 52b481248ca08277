#pragma once
/// The leveled logger: one line per event on stderr, as text for people or JSON for
/// log collectors.
///
/// The macros check the level before anything is formatted, so a disabled debug line costs
/// one comparison and its arguments are never evaluated:
///
///     FERRY_WARN("record dead-lettered", {"location", "patients.csv:42"}, {"stage", "map"});
///     FERRY_DEBUG("batch written", {"type", "Patient"}, {"records", batch.size()});
///
/// text: `ferry: warning: record dead-lettered (location=patients.csv:42, stage=map)`
/// json: `{"time":"2026-01-02T03:04:05.678Z","level":"warning","message":"record
///        dead-lettered","location":"patients.csv:42","stage":"map"}`
///
/// No PHI, ever: the message is a fixed text, and fields carry only counts, resource types,
/// rule names, source locations (`file:line`) and keyed hashes (HmacSha256Hex), never a
/// field value read from a record. The logger cannot tell; keeping to this is the caller's
/// duty.

#include <atomic>
#include <chrono>
#include <concepts>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace ferry {

/// How much to log; each level includes the ones above it.
enum class LogLevel { kError, kWarning, kInfo, kDebug, kTrace };

/// How a line is written.
enum class LogFormat {
  kText,  ///< `ferry: warning: message (key=value, ...)`
  kJson,  ///< one JSON object per line
};

/// "error", "warning", "info", "debug" or "trace".
std::string_view LogLevelName(LogLevel level);

/// One key/value of a log line. Strings are quoted in JSON; numbers and booleans are not.
struct LogField {
  std::string key;
  std::string value;
  bool quoted = true;  ///< false only for values the constructors below made from numbers

  /// A text value (a type, a rule name, a location, a keyed hash: never PHI).
  LogField(std::string k, std::string_view v);
  /// A text value.
  LogField(std::string k, const char* v);
  /// A count or other integer.
  template <std::integral T>
    requires(!std::same_as<T, bool> && !std::same_as<T, char>)
  LogField(std::string k, T v) : key(std::move(k)), value(std::to_string(v)), quoted(false) {}
  /// A duration or ratio; written in the shortest form that reads back the same.
  LogField(std::string k, double v);
  /// A flag, written `true` or `false` (a template, so that a pointer is not taken for one).
  template <std::same_as<bool> T>
  LogField(std::string k, T v) : key(std::move(k)), value(v ? "true" : "false"), quoted(false) {}
};

/// The process-wide logger. Configure it once from `cli/` before work starts; every
/// method is safe to call from any thread.
class Logger {
 public:
  /// Wall clock used for the JSON `time` member.
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  /// The process-wide instance: kInfo, text, stderr until configured.
  static Logger& Get();

  /// Sets what is logged, how, and where. `out` is borrowed and must outlive the logging.
  void Configure(LogLevel level, LogFormat format, std::FILE* out = stderr);
  /// Replaces the clock of the JSON `time` member (tests); an empty function restores the
  /// system clock.
  void SetClock(Clock clock);

  /// True when a line at `level` would be written. The macros call this first.
  bool Enabled(LogLevel level) const;
  /// Writes one line, whatever the level (callers use the macros, which check it).
  void Write(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {});

  /// The configured level.
  LogLevel level() const;
  /// The configured format.
  LogFormat format() const;

 private:
  Logger() = default;

  std::atomic<LogLevel> level_{LogLevel::kInfo};
  std::atomic<LogFormat> format_{LogFormat::kText};
  std::mutex mutex_;  ///< guards out_, clock_ and the writing of a line
  std::FILE* out_ = stderr;
  Clock clock_;
};

}  // namespace ferry

/// Logs `message` with optional `LogField`s (`{"key", value}`, ...) when `level` is enabled;
/// neither the message nor the fields are evaluated otherwise.
#define FERRY_LOG(level, message, ...)                             \
  do {                                                             \
    if (::ferry::Logger::Get().Enabled(level))                     \
      ::ferry::Logger::Get().Write(level, message, {__VA_ARGS__}); \
  } while (0)

/// FERRY_LOG at kError: the run cannot go on, or a part of it was lost.
#define FERRY_ERROR(message, ...) FERRY_LOG(::ferry::LogLevel::kError, message, __VA_ARGS__)
/// FERRY_LOG at kWarning: something the user should look at; the run goes on.
#define FERRY_WARN(message, ...) FERRY_LOG(::ferry::LogLevel::kWarning, message, __VA_ARGS__)
/// FERRY_LOG at kInfo: milestones of a run (shown by default).
#define FERRY_INFO(message, ...) FERRY_LOG(::ferry::LogLevel::kInfo, message, __VA_ARGS__)
/// FERRY_LOG at kDebug: per batch detail (`-v`).
#define FERRY_DEBUG(message, ...) FERRY_LOG(::ferry::LogLevel::kDebug, message, __VA_ARGS__)
/// FERRY_LOG at kTrace: per record detail (`-vv`); locations only, never values.
#define FERRY_TRACE(message, ...) FERRY_LOG(::ferry::LogLevel::kTrace, message, __VA_ARGS__)
