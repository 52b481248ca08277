#include "adapters/http/redact.hpp"

#include <catch2/catch.hpp>

#include <random>

#include "adapters/http/rate_limiter.hpp"

namespace ferry::http {
namespace {

TEST_CASE("Secret query values and URL credentials are redacted", "[http]") {
  CHECK(RedactUrl("https://h/p?_count=10&access_token=abc") == "https://h/p?_count=10&access_token=REDACTED");
  CHECK(RedactUrl("https://b.s3.amazonaws.com/k?X-Amz-Credential=AK%2F1&X-Amz-Signature=ff&X-Amz-Expires=60") ==
        "https://b.s3.amazonaws.com/k?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED&X-Amz-Expires=60");
  CHECK(RedactUrl("https://a.blob.core.windows.net/c/f?sv=2020&sig=xyz#frag") ==
        "https://a.blob.core.windows.net/c/f?sv=2020&sig=REDACTED#frag");
  CHECK(RedactUrl("https://user:pw@h/p?x=1") == "https://REDACTED@h/p?x=1");
  CHECK(RedactUrl("https://h/Patient?name=x&_since=2020") == "https://h/Patient?name=x&_since=2020");
  CHECK(RedactUrl("https://h/p") == "https://h/p");
}

TEST_CASE("Credential headers are redacted, others shown", "[http]") {
  CHECK(RedactHeader({"Authorization", "Bearer abc"}) == "Authorization: REDACTED");
  CHECK(RedactHeader({"Cookie", "a=b"}) == "Cookie: REDACTED");
  CHECK(RedactHeader({"Set-Cookie", "a=b"}) == "Set-Cookie: REDACTED");
  CHECK(RedactHeader({"x-amz-security-token", "t"}) == "x-amz-security-token: REDACTED");
  CHECK(RedactHeader({"x-ms-blob-key", "k"}) == "x-ms-blob-key: REDACTED");
  CHECK(RedactHeader({"X-Api-Key", "k"}) == "X-Api-Key: REDACTED");
  CHECK(RedactHeader({"Content-Type", "application/fhir+json"}) == "Content-Type: application/fhir+json");
  CHECK(RedactHeader({"x-amz-date", "20150830T123600Z"}) == "x-amz-date: 20150830T123600Z");
}

TEST_CASE("Backoff is full jitter under an exponential ceiling", "[http]") {
  std::mt19937_64 random(42);
  long highest_first = 0, highest_fifth = 0;
  for (int i = 0; i < 2000; ++i) {
    long first = BackoffDelayMs(1, 100, 5000, random);
    long fifth = BackoffDelayMs(5, 100, 5000, random);
    long tenth = BackoffDelayMs(10, 100, 5000, random);
    REQUIRE(first >= 0);
    REQUIRE(first <= 100);
    REQUIRE(fifth <= 1600);
    REQUIRE(tenth <= 5000);
    highest_first = std::max(highest_first, first);
    highest_fifth = std::max(highest_fifth, fifth);
  }
  CHECK(highest_first > 90);
  CHECK(highest_fifth > 1400);
}

TEST_CASE("The rate limiter spaces tokens 1/rate apart", "[http]") {
  RateLimiter limiter(10);
  auto t0 = RateLimiter::Clock::now();
  CHECK(limiter.TryAcquire(t0).count() == 0);
  using std::chrono::microseconds;
  // After an idle spell the next token comes 7/8 of an interval later; from then on,
  // tokens are exactly 1/rate apart, and lateness up to 1/8 interval is made up.
  CHECK(limiter.TryAcquire(t0) == microseconds(87500));
  CHECK(limiter.TryAcquire(t0 + microseconds(60000)) == microseconds(27500));
  CHECK(limiter.TryAcquire(t0 + microseconds(87500)).count() == 0);
  CHECK(limiter.TryAcquire(t0 + microseconds(87500)) == microseconds(100000));
  CHECK(limiter.TryAcquire(t0 + microseconds(197500)).count() == 0);  // 10 ms late
  CHECK(limiter.TryAcquire(t0 + microseconds(197500)) == microseconds(90000));
  RateLimiter unlimited(0);
  CHECK(unlimited.TryAcquire(t0).count() == 0);
  CHECK(unlimited.TryAcquire(t0).count() == 0);
}

}  // namespace
}  // namespace ferry::http
