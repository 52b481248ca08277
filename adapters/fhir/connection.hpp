#pragma once
/// What the `fhir` source and target share: the plan keys of a FHIR server (base URL,
/// auth, rate and bandwidth caps, CA bundle, concurrency), the HTTP client built from
/// them, and a few checked requests (GET a JSON resource, read the CapabilityStatement).
/// A transport failure, 401 or 403 ends the run with ConnectError naming the URL (never
/// its query, which may carry search values).
///
///     Connection server(config);                 // checked AdapterConfig of a fhir block
///     Capabilities caps = server.ReadCapabilities();
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
  http::Response Get(const std::string& url);
  /// Reads `[base]/metadata`; throws ConnectError when it cannot.
  Capabilities ReadCapabilities();
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

}  // namespace ferry::fhir
