#include "core/archive/crypto.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace ferry::archive {
namespace {

[[noreturn]] void ThrowOpenSsl(const char* what) {
  throw std::runtime_error(std::string("OpenSSL failed: ") + what);
}

struct KdfDeleter {
  void operator()(EVP_KDF* kdf) const { EVP_KDF_free(kdf); }
  void operator()(EVP_KDF_CTX* ctx) const { EVP_KDF_CTX_free(ctx); }
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};

/// Runs the KDF `name` with `params` into `out`.
void DeriveKey(const char* name, const OSSL_PARAM* params, MutableByteSpan out) {
  std::unique_ptr<EVP_KDF, KdfDeleter> kdf(EVP_KDF_fetch(nullptr, name, nullptr));
  if (!kdf) ThrowOpenSsl(name);
  std::unique_ptr<EVP_KDF_CTX, KdfDeleter> ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx || EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) != 1) ThrowOpenSsl(name);
}

void* Mutable(const void* data) { return const_cast<void*>(data); }

std::unique_ptr<EVP_PKEY, KdfDeleter> X25519Key(const Key32& secret) {
  std::unique_ptr<EVP_PKEY, KdfDeleter> key(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, secret.data(), 32));
  if (!key) ThrowOpenSsl("X25519 key");
  return key;
}

EVP_CIPHER_CTX* NewChaChaContext(const Key32& key, bool encrypt) {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  if (!ctx || EVP_CipherInit_ex2(ctx, EVP_chacha20_poly1305(), key.data(), nullptr, encrypt ? 1 : 0,
                                 nullptr) != 1) {
    EVP_CIPHER_CTX_free(ctx);
    ThrowOpenSsl("ChaCha20-Poly1305 init");
  }
  return ctx;
}

}  // namespace

void Wipe(void* data, std::size_t size) { OPENSSL_cleanse(data, size); }

void RandomBytes(MutableByteSpan out) {
  if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) ThrowOpenSsl("random bytes");
}

Key32 HkdfSha256(ByteSpan ikm, ByteSpan salt, std::string_view info) {
  OSSL_PARAM params[5];
  OSSL_PARAM* param = params;
  *param++ =
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>("SHA256"), 0);
  *param++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, Mutable(ikm.data()), ikm.size());
  if (!salt.empty()) {
    *param++ =
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, Mutable(salt.data()), salt.size());
  }
  *param++ =
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, Mutable(info.data()), info.size());
  *param = OSSL_PARAM_construct_end();
  Key32 key;
  DeriveKey("HKDF", params, key.mutable_span());
  return key;
}

Digest HmacSha256(ByteSpan key, ByteSpan data) {
  Digest mac{};
  unsigned int size = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data.data(), data.size(),
            mac.data(), &size)) {
    ThrowOpenSsl("HMAC-SHA-256");
  }
  return mac;
}

Key32 Scrypt(std::string_view passphrase, ByteSpan salt, unsigned log_n) {
  std::uint64_t n = std::uint64_t{1} << log_n;
  std::uint32_t r = 8;
  std::uint32_t p = 1;
  std::uint64_t max_memory = 128 * r * (n + 2) + (std::uint64_t{1} << 20);
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, Mutable(passphrase.data()),
                                        passphrase.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, Mutable(salt.data()), salt.size()),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
      OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &max_memory),
      OSSL_PARAM_construct_end()};
  Key32 key;
  DeriveKey("SCRYPT", params, key.mutable_span());
  return key;
}

std::array<std::uint8_t, 32> X25519PublicKey(const Key32& secret) {
  auto key = X25519Key(secret);
  std::array<std::uint8_t, 32> public_key{};
  std::size_t size = public_key.size();
  if (EVP_PKEY_get_raw_public_key(key.get(), public_key.data(), &size) != 1 || size != 32) {
    ThrowOpenSsl("X25519 public key");
  }
  return public_key;
}

std::optional<Key32> X25519SharedSecret(const Key32& secret, ByteSpan peer_public) {
  auto key = X25519Key(secret);
  std::unique_ptr<EVP_PKEY, KdfDeleter> peer(EVP_PKEY_new_raw_public_key(
      EVP_PKEY_X25519, nullptr, peer_public.data(), peer_public.size()));
  if (!peer) return std::nullopt;
  std::unique_ptr<EVP_PKEY_CTX, KdfDeleter> ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
  Key32 shared;
  std::size_t size = 32;
  // OpenSSL refuses an all-zero result, which is exactly the case age says to reject.
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
      EVP_PKEY_derive_set_peer(ctx.get(), peer.get()) != 1 ||
      EVP_PKEY_derive(ctx.get(), shared.mutable_span().data(), &size) != 1 || size != 32) {
    return std::nullopt;
  }
  std::array<std::uint8_t, 32> zero{};
  if (ConstantTimeEqual(shared.span(), zero)) return std::nullopt;
  return shared;
}

bool ConstantTimeEqual(ByteSpan a, ByteSpan b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

ChaChaPoly::ChaChaPoly(const Key32& key)
    : encrypt_(NewChaChaContext(key, true)), decrypt_(nullptr) {
  try {
    decrypt_ = NewChaChaContext(key, false);
  } catch (...) {
    EVP_CIPHER_CTX_free(encrypt_);
    throw;
  }
}

ChaChaPoly::~ChaChaPoly() {
  EVP_CIPHER_CTX_free(encrypt_);
  EVP_CIPHER_CTX_free(decrypt_);
}

void ChaChaPoly::Seal(const AeadNonce& nonce, ByteSpan plaintext, MutableByteSpan out) {
  if (out.size() != plaintext.size() + kTagSize) throw std::logic_error("ChaChaPoly::Seal size");
  int written = 0;
  int final_written = 0;
  if (EVP_EncryptInit_ex2(encrypt_, nullptr, nullptr, nonce.data(), nullptr) != 1 ||
      EVP_EncryptUpdate(encrypt_, out.data(), &written, plaintext.data(),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(encrypt_, out.data() + written, &final_written) != 1 ||
      EVP_CIPHER_CTX_ctrl(encrypt_, EVP_CTRL_AEAD_GET_TAG, kTagSize,
                          out.data() + plaintext.size()) != 1) {
    ThrowOpenSsl("ChaCha20-Poly1305 seal");
  }
}

bool ChaChaPoly::Open(const AeadNonce& nonce, ByteSpan ciphertext, MutableByteSpan out) {
  if (ciphertext.size() < kTagSize || out.size() != ciphertext.size() - kTagSize) {
    throw std::logic_error("ChaChaPoly::Open size");
  }
  std::size_t size = out.size();
  int written = 0;
  int final_written = 0;
  if (EVP_DecryptInit_ex2(decrypt_, nullptr, nullptr, nonce.data(), nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(decrypt_, EVP_CTRL_AEAD_SET_TAG, kTagSize,
                          const_cast<std::uint8_t*>(ciphertext.data() + size)) != 1 ||
      EVP_DecryptUpdate(decrypt_, out.data(), &written, ciphertext.data(),
                        static_cast<int>(size)) != 1) {
    ThrowOpenSsl("ChaCha20-Poly1305 open");
  }
  return EVP_DecryptFinal_ex(decrypt_, out.data() + written, &final_written) == 1;
}

}  // namespace ferry::archive
