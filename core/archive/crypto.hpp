#pragma once
/// The primitives age is built from, each a thin wrapper over OpenSSL 3 (no home-made
/// cryptography): X25519, HKDF-SHA-256, HMAC-SHA-256, scrypt, ChaCha20-Poly1305, SHA-256
/// and the system CSPRNG.
///
/// Keys live in `Secret<N>`, which wipes itself when it goes away.
///
///     Key32 wrap_key = HkdfSha256(shared_secret.span(), salt, "age-encryption.org/v1/X25519");
///     ChaChaPoly aead(wrap_key);
///     Bytes body = aead.Seal(kZeroNonce, file_key.span());

#include <openssl/types.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/archive/byte_stream.hpp"
#include "core/common/hash.hpp"  // Sha256Stream

namespace ferry::archive {

/// Overwrites `size` bytes at `data` in a way the compiler cannot drop.
void Wipe(void* data, std::size_t size);

/// N secret bytes, wiped on destruction.
template <std::size_t N>
class Secret {
 public:
  Secret() = default;
  Secret(const Secret&) = default;
  Secret& operator=(const Secret&) = default;
  ~Secret() { Wipe(bytes_.data(), N); }
  /// The bytes, for reading.
  ByteSpan span() const { return bytes_; }
  /// The bytes, for filling.
  MutableByteSpan mutable_span() { return bytes_; }
  /// The first byte.
  const std::uint8_t* data() const { return bytes_.data(); }

 private:
  std::array<std::uint8_t, N> bytes_{};
};

using Key32 = Secret<32>;                     ///< a symmetric key or an X25519 scalar
using FileKey = Secret<16>;                   ///< an age file key
using Digest = std::array<std::uint8_t, 32>;  ///< a SHA-256 or HMAC-SHA-256 value
using AeadNonce = std::array<std::uint8_t, 12>;

/// Fills `out` from the system CSPRNG; throws std::runtime_error if it cannot.
void RandomBytes(MutableByteSpan out);

/// HKDF-SHA-256 (RFC 5869) extract-and-expand to 32 bytes.
Key32 HkdfSha256(ByteSpan ikm, ByteSpan salt, std::string_view info);

/// HMAC-SHA-256 of `data` under `key`.
Digest HmacSha256(ByteSpan key, ByteSpan data);

/// scrypt (RFC 7914) with N = 2^log_n, r = 8, p = 1 to 32 bytes.
Key32 Scrypt(std::string_view passphrase, ByteSpan salt, unsigned log_n);

/// The X25519 public key of a 32-byte scalar (RFC 7748).
std::array<std::uint8_t, 32> X25519PublicKey(const Key32& secret);

/// X25519(secret, peer); nullopt when the result is all zero (a low-order peer point),
/// which age requires to reject.
std::optional<Key32> X25519SharedSecret(const Key32& secret, ByteSpan peer_public);

/// True if the two equal-sized spans are equal, in time independent of their content.
bool ConstantTimeEqual(ByteSpan a, ByteSpan b);

/// ChaCha20-Poly1305 (RFC 7539) under one key; reusable for many messages.
class ChaChaPoly {
 public:
  static constexpr std::size_t kTagSize = 16;
  explicit ChaChaPoly(const Key32& key);
  ~ChaChaPoly();
  ChaChaPoly(const ChaChaPoly&) = delete;
  ChaChaPoly& operator=(const ChaChaPoly&) = delete;
  /// Encrypts `plaintext` into `out` (plaintext size + 16 bytes: ciphertext then tag).
  void Seal(const AeadNonce& nonce, ByteSpan plaintext, MutableByteSpan out);
  /// Decrypts `ciphertext` (with its tag) into `out` (ciphertext size - 16 bytes); false if
  /// the tag does not verify, and then `out` must not be used.
  bool Open(const AeadNonce& nonce, ByteSpan ciphertext, MutableByteSpan out);

 private:
  EVP_CIPHER_CTX* encrypt_;
  EVP_CIPHER_CTX* decrypt_;
};

}  // namespace ferry::archive
