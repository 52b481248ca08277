#pragma once
/// The token grants that sign a JWT with a private key:
/// - SMART Backend Services (HL7 SMART App Launch, "client-confidential-asymmetric"): a
///   client assertion signed RS384 or ES384 (iss = sub = client id, aud = token URL,
///   exp <= 5 minutes, a fresh jti, the registered kid) in a client-credentials grant; the
///   token endpoint comes from `<base>/.well-known/smart-configuration` unless auth_url
///   is set.
/// - Google service accounts: the JSON key's client_email signs an RS256 assertion for the
///   JWT bearer grant (RFC 7523) at its token_uri (auth_url overrides it).
///
///     auto smart = std::make_shared<SmartBackendAuth>(config);
///     auto google = std::make_shared<GoogleServiceAccountAuth>(config);

#include <string>

#include "adapters/auth/auth_config.hpp"
#include "adapters/auth/jwt.hpp"
#include "adapters/auth/token_auth.hpp"

namespace ferry::http {

class SmartBackendAuth : public TokenAuth {
 public:
  /// Throws PlanError for an unknown algorithm or an unusable key.
  explicit SmartBackendAuth(const AuthConfig& config);

 protected:
  AccessToken Mint() override;

 private:
  /// The token endpoint, discovered once.
  const std::string& TokenUrl();

  std::string token_url_, base_url_, client_id_, key_id_, scope_;
  SigningKey key_;
};

class GoogleServiceAccountAuth : public TokenAuth {
 public:
  /// Throws PlanError when the JSON key is malformed or lacks a field.
  explicit GoogleServiceAccountAuth(const AuthConfig& config);

 protected:
  AccessToken Mint() override;

 private:
  std::string token_url_, client_email_, key_id_, scope_;
  SigningKey key_;
};

}  // namespace ferry::http
