#pragma once
/// Signed JSON Web Tokens (RFC 7519, JWS compact form) with OpenSSL: RS256 and RS384
/// (RSASSA-PKCS1-v1_5) and ES384 (ECDSA P-384, signature as raw r||s per RFC 7518 §3.4),
/// for SMART Backend Services client assertions and Google service-account grants.
///
///     SigningKey key = SigningKey::FromPem(pem, JwtAlgorithm::kRS384, "plan.yaml:9:5");
///     std::string jwt = SignJwt(R"({"alg":"RS384","typ":"JWT","kid":"k1"})", claims_json, key);

#include <openssl/evp.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ferry::http {

enum class JwtAlgorithm { kRS256, kRS384, kES384 };

/// "RS256" / "RS384" / "ES384" -> the algorithm; nullopt otherwise.
std::optional<JwtAlgorithm> JwtAlgorithmFromName(std::string_view name);
/// The JOSE name of `algorithm`.
std::string JwtAlgorithmName(JwtAlgorithm algorithm);

/// A private key checked to fit an algorithm (RSA for RS*, EC P-384 for ES384).
class SigningKey {
 public:
  /// Reads a PEM private key (PKCS#8 or traditional). Throws PlanError naming `where`
  /// (never the key) when it cannot be read or does not fit `algorithm`.
  static SigningKey FromPem(const std::string& pem, JwtAlgorithm algorithm, const std::string& where);

  JwtAlgorithm algorithm() const { return algorithm_; }
  EVP_PKEY* pkey() const { return key_.get(); }

 private:
  SigningKey(EVP_PKEY* key, JwtAlgorithm algorithm) : key_(key, &EVP_PKEY_free), algorithm_(algorithm) {}
  std::shared_ptr<EVP_PKEY> key_;
  JwtAlgorithm algorithm_;
};

/// `base64url(header).base64url(claims).base64url(signature)`. Throws ConnectError if
/// OpenSSL fails to sign.
std::string SignJwt(std::string_view header_json, std::string_view claims_json, const SigningKey& key);

/// A random 128-bit identifier in hex (for `jti`).
std::string RandomId();

}  // namespace ferry::http
