#pragma once
/// Test helpers for signed JWTs: fresh keys as PEM, base64url decoding, and verification
/// of a JWT's signature with OpenSSL (EVP_DigestVerify on the public key).
///
///     std::string pem = NewKeyPem("RSA");
///     CHECK(VerifyJwt(jwt, pem, "RS384"));
///     rapidjson::Document claims = JwtPart(jwt, 1);

#include <openssl/bio.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <rapidjson/document.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/common/strings.hpp"

namespace ferry::test {

/// A new private key as PKCS#8 PEM: "RSA" (2048 bits) or "EC" (P-384).
inline std::string NewKeyPem(const std::string& type) {
  EVP_PKEY* key = type == "RSA" ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(2048))
                                : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
  if (key == nullptr) throw std::runtime_error("keygen failed");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  EVP_PKEY_free(key);
  return pem;
}

inline std::string Base64UrlDecode(std::string text) {
  for (char& c : text) c = c == '-' ? '+' : (c == '_' ? '/' : c);
  while (text.size() % 4 != 0) text += '=';
  std::string out(text.size() / 4 * 3, '\0');
  int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                             reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (size < 0) throw std::runtime_error("bad base64url");
  std::size_t padding = 0;
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) ++padding;
  out.resize(static_cast<std::size_t>(size) - padding);
  return out;
}

/// Part `index` (0 header, 1 claims) of a JWT, parsed.
inline rapidjson::Document JwtPart(const std::string& jwt, std::size_t index) {
  std::vector<std::string> parts = Split(jwt, '.');
  rapidjson::Document json;
  json.Parse(Base64UrlDecode(parts.at(index)).c_str());
  return json;
}

/// True when the JWT's signature verifies with the public half of `private_pem`.
inline bool VerifyJwt(const std::string& jwt, const std::string& private_pem, const std::string& algorithm) {
  std::vector<std::string> parts = Split(jwt, '.');
  if (parts.size() != 3) return false;
  const std::string input = parts[0] + "." + parts[1];
  std::string signature = Base64UrlDecode(parts[2]);
  if (algorithm == "ES384") {  // raw r||s -> DER for OpenSSL
    if (signature.size() != 96) return false;
    ECDSA_SIG* sig = ECDSA_SIG_new();
    ECDSA_SIG_set0(sig, BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()), 48, nullptr),
                   BN_bin2bn(reinterpret_cast<const unsigned char*>(signature.data()) + 48, 48, nullptr));
    unsigned char* der = nullptr;
    int size = i2d_ECDSA_SIG(sig, &der);
    signature.assign(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
  }
  BIO* bio = BIO_new_mem_buf(private_pem.data(), static_cast<int>(private_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  const EVP_MD* digest = algorithm == "RS256" ? EVP_sha256() : EVP_sha384();
  bool ok = EVP_DigestVerifyInit(context, nullptr, digest, nullptr, key) == 1 &&
            EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                             reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
  EVP_MD_CTX_free(context);
  EVP_PKEY_free(key);
  return ok;
}

}  // namespace ferry::test
