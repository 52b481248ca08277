#pragma once
/// Parsing of HTTP dates and of the `Retry-After` header (RFC 9110 §10.2.3), which is
/// either delta-seconds (`120`) or an HTTP-date (`Sun, 06 Nov 1994 08:49:37 GMT`; the
/// obsolete RFC 850 and asctime forms are accepted too).
///
///     auto wait = ParseRetryAfter(response.HeaderValue("Retry-After"), std::chrono::system_clock::now());
///     if (wait) sleep_for(*wait);   // a date in the past gives 0

#include <chrono>
#include <optional>
#include <string_view>

namespace ferry::http {

/// The instant an HTTP-date names, or nullopt when `text` is not one of the three forms.
std::optional<std::chrono::system_clock::time_point> ParseHttpDate(std::string_view text);

/// How long to wait according to a Retry-After value, measured from `now`; nullopt when
/// the value is empty or malformed. Never negative.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value,
                                                         std::chrono::system_clock::time_point now);

}  // namespace ferry::http
