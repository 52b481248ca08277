#include "core/common/clock.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace ferry {

std::string NowInstant() {
  if (const char* fixed = std::getenv("FERRY_FIXED_TIME"); fixed != nullptr && *fixed != '\0') return fixed;
  auto now = std::chrono::system_clock::now();
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch());
  std::time_t seconds = static_cast<std::time_t>(millis.count() / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis.count() % 1000));
  return text;
}

}  // namespace ferry
