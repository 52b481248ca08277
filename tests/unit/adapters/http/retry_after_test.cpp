#include "adapters/http/retry_after.hpp"

#include <catch2/catch.hpp>

namespace ferry::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

system_clock::time_point At(std::time_t seconds) { return system_clock::from_time_t(seconds); }

constexpr std::time_t k1994 = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110's example)

TEST_CASE("HTTP-dates in all three forms", "[http]") {
  CHECK(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT") == At(k1994));
  CHECK(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT") == At(k1994));
  CHECK(ParseHttpDate("Sun Nov  6 08:49:37 1994") == At(k1994));
  CHECK(ParseHttpDate("Wed, 21 Oct 2015 07:28:00 GMT") == At(1445412480));
}

TEST_CASE("Malformed HTTP-dates are refused", "[http]") {
  CHECK_FALSE(ParseHttpDate(""));
  CHECK_FALSE(ParseHttpDate("Sun, 06 Nov 1994 08:49:37"));
  CHECK_FALSE(ParseHttpDate("Sun, 06 Foo 1994 08:49:37 GMT"));
  CHECK_FALSE(ParseHttpDate("Sun, 32 Nov 1994 08:49:37 GMT"));
  CHECK_FALSE(ParseHttpDate("Sun, 06 Nov 1994 25:49:37 GMT"));
  CHECK_FALSE(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT trailing"));
}

TEST_CASE("Retry-After as delta-seconds", "[http]") {
  CHECK(ParseRetryAfter("120", At(0)) == milliseconds(120000));
  CHECK(ParseRetryAfter(" 0 ", At(0)) == milliseconds(0));
  CHECK_FALSE(ParseRetryAfter("", At(0)));
  CHECK_FALSE(ParseRetryAfter("-1", At(0)));
  CHECK_FALSE(ParseRetryAfter("1.5", At(0)));
}

TEST_CASE("Retry-After as an HTTP-date is measured from now; a past date means now", "[http]") {
  CHECK(ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", At(k1994 - 30)) == milliseconds(30000));
  CHECK(ParseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", At(k1994 + 30)) == milliseconds(0));
  CHECK_FALSE(ParseRetryAfter("tomorrow", At(0)));
}

}  // namespace
}  // namespace ferry::http
