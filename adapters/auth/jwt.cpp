#include "adapters/auth/jwt.hpp"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <vector>

#include "adapters/auth/static_auth.hpp"
#include "core/common/error.hpp"
#include "core/common/hash.hpp"

namespace ferry::http {

namespace {

const EVP_MD* Digest(JwtAlgorithm algorithm) {
  return algorithm == JwtAlgorithm::kRS256 ? EVP_sha256() : EVP_sha384();
}

bool KeyFits(EVP_PKEY* key, JwtAlgorithm algorithm) {
  if (algorithm != JwtAlgorithm::kES384) return EVP_PKEY_base_id(key) == EVP_PKEY_RSA && EVP_PKEY_get_bits(key) >= 2048;
  char curve[64] = {};
  std::size_t length = 0;
  return EVP_PKEY_base_id(key) == EVP_PKEY_EC &&
         EVP_PKEY_get_utf8_string_param(key, "group", curve, sizeof curve, &length) == 1 &&
         std::string_view(curve) == "secp384r1";
}

/// DER ECDSA-Sig-Value -> fixed-width r||s (48 bytes each for P-384).
std::string DerToRaw(const unsigned char* der, std::size_t size) {
  const unsigned char* cursor = der;
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(size));
  if (sig == nullptr) throw ConnectError("signing a JWT failed: bad ECDSA signature");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig, &r, &s);
  std::string raw(96, '\0');
  BN_bn2binpad(r, reinterpret_cast<unsigned char*>(raw.data()), 48);
  BN_bn2binpad(s, reinterpret_cast<unsigned char*>(raw.data()) + 48, 48);
  ECDSA_SIG_free(sig);
  return raw;
}

}  // namespace

std::optional<JwtAlgorithm> JwtAlgorithmFromName(std::string_view name) {
  if (name == "RS256") return JwtAlgorithm::kRS256;
  if (name == "RS384") return JwtAlgorithm::kRS384;
  if (name == "ES384") return JwtAlgorithm::kES384;
  return std::nullopt;
}

std::string JwtAlgorithmName(JwtAlgorithm algorithm) {
  switch (algorithm) {
    case JwtAlgorithm::kRS256:
      return "RS256";
    case JwtAlgorithm::kRS384:
      return "RS384";
    case JwtAlgorithm::kES384:
      return "ES384";
  }
  return "";
}

SigningKey SigningKey::FromPem(const std::string& pem, JwtAlgorithm algorithm, const std::string& where) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = bio == nullptr ? nullptr : PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  ERR_clear_error();
  if (key == nullptr) throw PlanError(where + ": the private key is not a PEM private key");
  if (!KeyFits(key, algorithm)) {
    EVP_PKEY_free(key);
    throw PlanError(where + ": the private key does not fit " + JwtAlgorithmName(algorithm) +
                    (algorithm == JwtAlgorithm::kES384 ? " (needs an EC key on P-384)" : " (needs an RSA key of 2048 bits or more)"));
  }
  return SigningKey(key, algorithm);
}

std::string SignJwt(std::string_view header_json, std::string_view claims_json, const SigningKey& key) {
  const std::string input = Base64Url(header_json) + "." + Base64Url(claims_json);
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  std::size_t size = 0;
  std::vector<unsigned char> signature;
  bool ok = context != nullptr && EVP_DigestSignInit(context, nullptr, Digest(key.algorithm()), nullptr, key.pkey()) == 1 &&
            EVP_DigestSign(context, nullptr, &size, reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
  if (ok) {
    signature.resize(size);
    ok = EVP_DigestSign(context, signature.data(), &size, reinterpret_cast<const unsigned char*>(input.data()),
                        input.size()) == 1;
  }
  EVP_MD_CTX_free(context);
  if (!ok) {
    ERR_clear_error();
    throw ConnectError("signing a JWT failed (" + JwtAlgorithmName(key.algorithm()) + ")");
  }
  std::string encoded = key.algorithm() == JwtAlgorithm::kES384
                            ? DerToRaw(signature.data(), size)
                            : std::string(reinterpret_cast<char*>(signature.data()), size);
  return input + "." + Base64Url(encoded);
}

std::string RandomId() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw ConnectError("no randomness for a JWT id");
  return ToHex(bytes, sizeof bytes);
}

}  // namespace ferry::http
