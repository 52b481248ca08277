#pragma once
/// A requests-per-second cap (a token bucket holding one token, so requests are spaced
/// about 1/rate apart and never burst), a bytes-per-second budget shared by concurrent
/// transfers, and the backoff delay of a retry.
///
///     RateLimiter limiter(10.0);                 // 10 requests/second; 0 = no cap
///     auto wait = limiter.TryAcquire(Clock::now());
///     if (wait.count() == 0) StartRequest(); else WaitFor(wait);

#include <chrono>
#include <cstddef>
#include <cstdint>
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

/// A bytes-per-second budget (token bucket holding 50 ms worth of bytes). Bytes are taken
/// as they arrive, so the balance may go below zero by one chunk; a transfer pauses
/// while nothing is available. Not thread-safe: one Client loop uses it.
///
///     ByteBudget budget(1'000'000);
///     if (!budget.Available(now)) return CURL_WRITEFUNC_PAUSE;
///     budget.Take(chunk.size());
class ByteBudget {
 public:
  using Clock = std::chrono::steady_clock;

  /// `rate` bytes per second; 0 = unlimited.
  explicit ByteBudget(std::uint64_t rate);

  bool limited() const { return rate_ > 0; }
  /// True when bytes may be taken at `now` (always, when unlimited).
  bool Available(Clock::time_point now);
  /// Takes `bytes` from the balance.
  void Take(std::size_t bytes);
  /// How long from `now` until Available.
  std::chrono::nanoseconds WaitTime(Clock::time_point now);

 private:
  void Refill(Clock::time_point now);

  double rate_ = 0;
  double capacity_ = 0;
  double balance_ = 0;
  Clock::time_point last_{};
};

/// Full-jitter exponential backoff: uniform in [0, min(max, base * 2^(attempt-1))], in
/// milliseconds; `attempt` counts from 1 (the attempt that just failed).
long BackoffDelayMs(int attempt, long base_ms, long max_ms, std::mt19937_64& random);

}  // namespace ferry::http
