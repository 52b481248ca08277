#pragma once
/// Digests, keyed hashes and name-based ids (OpenSSL).

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ferry {

using Sha256 = std::array<std::uint8_t, 32>;

/// SHA-256 of `data`.
Sha256 Sha256Of(std::string_view data);

/// Lower-case hex of `bytes`.
std::string ToHex(const std::uint8_t* bytes, std::size_t size);
inline std::string ToHex(const Sha256& digest) { return ToHex(digest.data(), digest.size()); }

/// Value of one hex digit (0-9, a-f, A-F), or -1.
int HexDigitValue(char c);

/// Standard base64 (RFC 4648 §4, with padding) of `data`.
std::string Base64(std::string_view data);
/// base64url without padding (RFC 4648 §5), as JWTs use it.
std::string Base64Url(std::string_view data);

/// SHA-256 of data given in pieces.
///
///     Sha256Stream digest;
///     digest.Update(part1); digest.Update(part2);
///     std::string hex = ToHex(digest.Final());
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void Update(std::string_view data);
  void Update(std::span<const std::uint8_t> bytes) {
    Update(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  }
  /// The digest of everything given; call once.
  Sha256 Final();

 private:
  void* context_;  ///< EVP_MD_CTX
};

/// Hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

/// HMAC-SHA-256 of `data` under `key`, hex. Used for keyed hashes in logs: a value can be
/// recognised by someone holding the key, and by nobody else.
std::string HmacSha256Hex(std::string_view key, std::string_view data);

/// Name-based UUID version 5 (RFC 4122, SHA-1) of `name` in the namespace `ns` (a UUID in
/// text form), as lower-case text: "urn:ferry:synthea" + key gives the same id every run.
std::string Uuid5(std::string_view ns, std::string_view name);

/// The namespace Ferry uses for resource ids: Uuid5(kUrlNamespace, "urn:ferry").
extern const char* const kFerryUuidNamespace;

/// Order-independent accumulator of per-item digests: the sum modulo 2^256 of the
/// SHA-256 of each item. Two multisets of items give the same total, whatever the order.
class DigestSum {
 public:
  void Add(const Sha256& digest);
  std::string Hex() const;
  bool operator==(const DigestSum& other) const { return sum_ == other.sum_; }

 private:
  std::array<std::uint8_t, 32> sum_{};
};

}  // namespace ferry
