#pragma once
/// The HTTP client of every network adapter: libcurl multi underneath, with concurrency,
/// keep-alive (connections are reused across calls), HTTP/2 where the server offers it,
/// gzip, timeouts, retries with exponential backoff and full jitter on connection errors
/// and 408/429/500/502/503/504 (honouring Retry-After), a requests/second cap, a bandwidth
/// cap, TLS verification always on, and a redacted -vv trace (no bodies, no secrets).
///
/// A 401 makes the Client call Authenticator::Invalidate and try once more. When retries
/// run out the last response comes back (status and body of the last attempt, `error`
/// saying how many attempts were made); a transport failure has status 0. Send and SendAll
/// never throw for HTTP or network failures; they throw only what the Authenticator throws,
/// and ferry::Interrupted when ClientOptions::stop is set while a retry is pending.
///
///     http::ClientOptions options;
///     options.max_connections = 16;
///     options.max_rps = 50;
///     http::Client client(options, auth);
///     http::Request metadata;
///     metadata.url = base + "/metadata";
///     http::Response one = client.Send(metadata);
///     std::vector<http::Response> many = client.SendAll(std::move(requests));  // in order
///     for (auto& [kind, count] : client.RetryCounts()) report.Add("retries." + kind, count);
///
/// A Client may be used from several threads; calls are then served one at a time.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "adapters/auth/authenticator.hpp"
#include "adapters/http/http_types.hpp"

namespace ferry::http {

class Client {
 public:
  /// `auth` may be null (no credentials added).
  Client(ClientOptions options, std::shared_ptr<Authenticator> auth = nullptr);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// Sends one request, blocking, with retries.
  Response Send(Request request);
  /// Sends all requests concurrently (up to max_connections at once); one response per
  /// request, in the order given.
  std::vector<Response> SendAll(std::vector<Request> requests);
  /// Retries made so far, by kind: "408", "429", "500", "502", "503", "504", "401",
  /// "connection", "timeout".
  std::map<std::string, std::uint64_t> RetryCounts() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ferry::http
