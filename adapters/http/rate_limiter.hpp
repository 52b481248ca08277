#pragma once
/// A requests-per-second cap (a token bucket holding one token, so requests are spaced
/// about 1/rate apart and never burst), and the backoff delay of a retry.
///
///     RateLimiter limiter(10.0);                 // 10 requests/second; 0 = no cap
///     auto wait = limiter.TryAcquire(Clock::now());
///     if (wait.count() == 0) StartRequest(); else WaitFor(wait);

#include <chrono>
#include <random>

namespace ferry::http {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  /// `rate` requests per second; 0 or less = unlimited.
  explicit RateLimiter(double rate);

  /// Takes the token and returns 0 if a request may start at `now`; otherwise takes
  /// nothing and returns how long to wait.
  std::chrono::nanoseconds TryAcquire(Clock::time_point now);

 private:
  std::chrono::nanoseconds interval_{0};
  Clock::time_point next_{};
};

/// Full-jitter exponential backoff: uniform in [0, min(max, base * 2^(attempt-1))], in
/// milliseconds; `attempt` counts from 1 (the attempt that just failed).
long BackoffDelayMs(int attempt, long base_ms, long max_ms, std::mt19937_64& random);

}  // namespace ferry::http
