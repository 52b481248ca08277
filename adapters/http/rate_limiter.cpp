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

ByteBudget::ByteBudget(std::uint64_t rate)
    : rate_(static_cast<double>(rate)), capacity_(rate_ / 20), balance_(capacity_), last_(Clock::now()) {}

void ByteBudget::Refill(Clock::time_point now) {
  if (now <= last_) return;
  balance_ = std::min(capacity_, balance_ + rate_ * std::chrono::duration<double>(now - last_).count());
  last_ = now;
}

bool ByteBudget::Available(Clock::time_point now) {
  if (!limited()) return true;
  Refill(now);
  return balance_ > 0;
}

void ByteBudget::Take(std::size_t bytes) {
  if (limited()) balance_ -= static_cast<double>(bytes);
}

std::chrono::nanoseconds ByteBudget::WaitTime(Clock::time_point now) {
  if (Available(now)) return std::chrono::nanoseconds(0);
  return std::chrono::nanoseconds(static_cast<long long>((-balance_ / rate_) * 1e9) + 1);
}

long BackoffDelayMs(int attempt, long base_ms, long max_ms, std::mt19937_64& random) {
  long ceiling = base_ms;
  for (int i = 1; i < attempt && ceiling < max_ms; ++i) ceiling *= 2;
  ceiling = std::clamp(ceiling, 0L, max_ms);
  std::uniform_int_distribution<long> pick(0, ceiling);
  return pick(random);
}

}  // namespace ferry::http
