#pragma once
/// The authenticators without a token endpoint: a static bearer token and HTTP basic.
///
///     auto auth = std::make_shared<BearerAuth>(token);   // Authorization: Bearer <token>
///     auto auth = std::make_shared<BasicAuth>("user", password);

#include <string>

#include "adapters/auth/authenticator.hpp"

namespace ferry::http {

/// Sets `Authorization: <value>` on a request, replacing any Authorization header.
void SetAuthorization(Request& request, const std::string& value);

/// `Authorization: Bearer <token>` with a fixed token.
class BearerAuth : public Authenticator {
 public:
  explicit BearerAuth(std::string token) : token_(std::move(token)) {}
  void Authorize(Request& request) override;

 private:
  std::string token_;
};

/// `Authorization: Basic base64(user:password)` (RFC 7617).
class BasicAuth : public Authenticator {
 public:
  BasicAuth(const std::string& username, const std::string& password);
  void Authorize(Request& request) override;

 private:
  std::string value_;
};


}  // namespace ferry::http
