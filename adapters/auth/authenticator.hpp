#pragma once
/// The Authenticator interface: what the HTTP Client (adapters/http/http_client.hpp) calls
/// before every attempt of a request so that the request carries credentials.
///
/// An implementation adds headers (Authorization: Bearer/Basic, SigV4's headers) to the
/// request it is given; it may fetch and cache a token, and must re-mint it before it
/// expires. After a 401 the Client calls Invalidate() and tries once more, and the next
/// Authorize must then present fresh credentials. Implementations are thread-safe.
/// MakeAuthenticator (make_authenticator.hpp) builds one from an AuthConfig.
///
///     auto auth = MakeAuthenticator(config);        // bearer, basic, oauth2, smart, sigv4...
///     http::Client client(options, auth);           // every Send is authorized

#include "adapters/http/http_types.hpp"

namespace ferry::http {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  /// Adds headers (bearer, basic, SigV4...) to `request`; called per attempt. Throws
  /// ConnectError when credentials cannot be obtained (token endpoint refused or down).
  virtual void Authorize(Request& request) = 0;
  /// After a 401: the next Authorize re-mints the token.
  virtual void Invalidate() {}
};

}  // namespace ferry::http
