#pragma once
/// The plain data of the HTTP layer: a Request to send, the Response that came back, and
/// the ClientOptions of a Client (http_client.hpp), shared with the authenticators
/// (adapters/auth/), which add headers to a Request before each attempt.
///
///     http::Request request;
///     request.method = "POST";
///     request.url = "https://fhir.example.org/Patient";
///     request.headers.push_back({"Content-Type", "application/fhir+json"});
///     request.body = json;
///     http::Response response = client.Send(std::move(request));
///     if (response.status == 0) throw ConnectError(response.error);

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::http {

/// One HTTP header field.
struct Header {
  std::string name, value;
};

/// What to send. A Request is a value; the Client copies nothing it does not need.
struct Request {
  std::string method = "GET";
  std::string url;
  std::vector<Header> headers;
  std::string body;  ///< request body (in memory; parts are bounded)
  /// If set: a 2xx response body is streamed here in pieces (return false = abort, no
  /// retry); Response::body then stays empty. Error bodies (non-2xx) are kept in
  /// Response::body (up to 1 MiB) instead.
  std::function<bool(std::string_view)> on_body;
  bool authorize = true;  ///< false: do not add auth (e.g. pre-signed URLs)
  bool retryable = true;  ///< false for non-idempotent requests (retried only when not sent: connect failure, 429)
  int max_attempts = 0;   ///< > 0: overrides ClientOptions::max_attempts for this request
};

/// What came back, after the last attempt.
struct Response {
  long status = 0;  ///< 0 = transport failure (see error)
  std::vector<Header> headers;
  std::string body;   ///< empty when on_body was set and the status was 2xx
  std::string error;  ///< transport error text, no secrets; also set when retries ran out
  int attempts = 0;
  std::uint64_t streamed_bytes = 0;  ///< bytes handed to on_body
  /// The value of header `name` (case-insensitive); "" if absent. The last one wins.
  std::string HeaderValue(std::string_view name) const;
};

/// How a Client behaves.
struct ClientOptions {
  int max_connections = 8;    ///< concurrent transfers in SendAll
  double max_rps = 0;         ///< requests/second cap, 0 = none (--max-rps)
  /// bytes/second cap, 0 = none (--bwlimit): received bytes are metered across all transfers;
  /// uploads get curl's per-transfer send cap of bwlimit / max_connections.
  std::uint64_t bwlimit = 0;
  std::string ca_bundle;      ///< extra CA file (PEM), trusted besides the system store; TLS verification is always on
  /// request_timeout_ms limits a whole request; for a streamed one (on_body) it is instead
  /// the longest stall allowed (whole seconds), so a long download is not cut off.
  long connect_timeout_ms = 30000, request_timeout_ms = 300000;
  int max_attempts = 8;  ///< attempts on connection errors, 408, 429, 500, 502, 503, 504
  long backoff_base_ms = 200, backoff_max_ms = 30000;  ///< exponential with full jitter; Retry-After honoured
  long retry_after_max_ms = 300000;  ///< a longer Retry-After is cut to this
  bool trace = false;  ///< -vv: method, URL without query secrets, status, redacted headers, no bodies
  std::string user_agent = "ferry";
  /// Set by a signal handler (cli's StopFlag): transfers in flight finish, but a request
  /// that would wait to be retried makes Send/SendAll throw ferry::Interrupted instead.
  const std::atomic<bool>* stop = nullptr;
};

/// ASCII case-insensitive equality (header names).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace ferry::http
