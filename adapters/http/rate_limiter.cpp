#include "adapters/http/rate_limiter.hpp"

#include <algorithm>

namespace ferry::http {

RateLimiter::RateLimiter(double rate) {
  if (rate > 0) interval_ = std::chrono::nanoseconds(static_cast<long long>(1e9 / rate));
}

std::chrono::nanoseconds RateLimiter::TryAcquire(Clock::time_point now) {
  if (interval_.count() == 0) return std::chrono::nanoseconds(0);
  if (now < next_) return next_ - now;
  // Lateness of up to 1/8 interval (poll wake-up) is made up, so a busy client keeps the
  // full rate; after an idle spell the next request still waits 7/8 of an interval.
  next_ = std::max(next_, now - interval_ / 8) + interval_;
  return std::chrono::nanoseconds(0);
}

long BackoffDelayMs(int attempt, long base_ms, long max_ms, std::mt19937_64& random) {
  long ceiling = base_ms;
  for (int i = 1; i < attempt && ceiling < max_ms; ++i) ceiling *= 2;
  ceiling = std::clamp(ceiling, 0L, max_ms);
  std::uniform_int_distribution<long> pick(0, ceiling);
  return pick(random);
}

}  // namespace ferry::http
