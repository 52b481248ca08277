#pragma once
/// What the `fhir` source and target share: the plan keys of a FHIR server (base URL,
/// auth, rate and bandwidth caps, CA bundle, concurrency), the HTTP client built from
/// them, and a few checked requests (GET a JSON resource, read the CapabilityStatement).
/// A transport failure, 401 or 403 ends the run with ConnectError naming the URL (never
/// its query, which may carry search values) and the cause.
///
/// Opening a source or target reads the CapabilityStatement once (CheckedCapabilities:
/// fewer attempts, so a wrong URL, a refused connection, a certificate the CA bundle does
/// not vouch for or wrong credentials stop the run with exit 3 before anything is written).
///
///     Connection server(config);                 // checked AdapterConfig of a fhir block
///     Capabilities caps = server.CheckedCapabilities();
///     http::Response page = server.Get(server.base_url() + "/Patient?_count=100");

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "adapters/fhir/capability.hpp"
#include "adapters/http/http_client.hpp"
#include "core/adapter.hpp"

namespace ferry::fhir {

/// Appends the keys every fhir block has (base_url, auth*, max_rps, bwlimit, ca_bundle,
/// concurrency) to `keys`.
void AppendConnectionKeys(std::vector<KeySpec>& keys);

class Connection {
 public:
  explicit Connection(const AdapterConfig& config);

  const std::string& base_url() const { return base_url_; }
  http::Client& client() { return *client_; }
  int concurrency() const { return concurrency_; }
  /// Retried requests so far, by kind (for the run report).
  std::map<std::string, std::uint64_t> RetryCounts() const { return client_->RetryCounts(); }

  /// GET `url` (absolute) with `Accept: application/fhir+json`. Returns the response for
  /// any HTTP status; throws ConnectError on transport failure, 401 and 403.
  /// `max_attempts` > 0 overrides the client's number of attempts.
  http::Response Get(const std::string& url, int max_attempts = 0);
  /// Reads `[base]/metadata`; throws ConnectError when it cannot.
  Capabilities ReadCapabilities(int max_attempts = 0);
  /// ReadCapabilities with the few attempts of a check made when opening (a server that
  /// is not there at the start is a configuration problem, not a fault to wait out).
  Capabilities CheckedCapabilities();
  /// Throws ConnectError when `url` is not under base_url's origin (scheme, host, port):
  /// credentials are never sent to another server named in a link.
  void CheckSameOrigin(const std::string& url) const;
  /// Throws ConnectError for a transport failure, 401 or 403 of `response` to `what`.
  void ThrowIfUnreachable(const http::Response& response, const std::string& what) const;

 private:
  std::string base_url_;
  std::string origin_;
  int concurrency_ = 4;
  std::unique_ptr<http::Client> client_;
};

/// `url` without its query string (for messages: queries may hold search values).
std::string WithoutQuery(const std::string& url);

/// The checks of Connection for any http::Client (e.g. the fhir-bulk source's):
/// ConnectError naming `what`, the cause and a hint for a transport failure (a TLS
/// certificate not trusted included), 401 and 403.
void ThrowIfServerUnreachable(const http::Response& response, const std::string& what);
/// GET `url` with `Accept: application/fhir+json`, then ThrowIfServerUnreachable.
http::Response GetChecked(http::Client& client, const std::string& url, int max_attempts = 0);
/// Reads `[base_url]/metadata`; ConnectError when it cannot.
Capabilities ReadServerCapabilities(http::Client& client, const std::string& base_url, int max_attempts = 0);
/// The check made when a source or target is opened: ReadServerCapabilities with few attempts.
Capabilities CheckServer(http::Client& client, const std::string& base_url);

}  // namespace ferry::fhir
