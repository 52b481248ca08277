#pragma once
/// The base of every authenticator that presents an access token from a token endpoint
/// (OAuth2 client credentials, SMART Backend Services, Google service accounts, Azure
/// Entra ID): it caches the token, re-mints it before it expires, and posts the form to
/// the token endpoint.
///
/// A token is re-minted once a quarter of its lifetime is left (at most 60 s before the
/// end), so a 3-second token is replaced after 2.25 s and a one-hour token after 59 min.
///
///     class MyAuth : public TokenAuth {
///       AccessToken Mint() override { return PostTokenForm(url, {{"grant_type", "..."}}); }
///     };

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "adapters/auth/authenticator.hpp"
#include "adapters/http/http_client.hpp"

namespace ferry::http {

/// A token and how long it is valid from when it was issued.
struct AccessToken {
  std::string value;
  std::chrono::seconds lifetime{3600};
};

/// How long after issue a token of `lifetime` is replaced.
std::chrono::milliseconds RefreshAfter(std::chrono::seconds lifetime);

class TokenAuth : public Authenticator {
 public:
  /// `http` says how the token endpoint is reached (CA bundle, timeouts, trace).
  explicit TokenAuth(const ClientOptions& http);
  /// Sets `Authorization: Bearer <token>`, minting a token first when none is valid.
  void Authorize(Request& request) override;
  /// Drops the cached token.
  void Invalidate() override;

 protected:
  /// Obtains a new token; throws ConnectError when the endpoint refuses or is down.
  virtual AccessToken Mint() = 0;
  /// Posts `form` to `token_url` and reads `access_token` and `expires_in` from the JSON
  /// answer. `headers` are added (e.g. Basic client authentication).
  AccessToken PostTokenForm(const std::string& token_url, const std::vector<std::pair<std::string, std::string>>& form,
                            std::vector<Header> headers = {});
  /// The client used for token endpoints (and discovery).
  Client& endpoint_client() { return endpoint_client_; }

 private:
  std::mutex mutex_;
  std::string token_;
  std::chrono::steady_clock::time_point refresh_at_{};
  Client endpoint_client_;
};

}  // namespace ferry::http
