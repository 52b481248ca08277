#include "core/archive/crypto.hpp"

#include <catch2/catch.hpp>

#include "core/archive/age_keys.hpp"
#include "tests/unit/core/archive/archive_test_support.hpp"

namespace ferry::archive {
namespace {

using test::FromHex;
using test::Hex;

Key32 KeyFromHex(std::string_view hex) {
  Key32 key;
  Bytes bytes = FromHex(hex);
  std::copy(bytes.begin(), bytes.end(), key.mutable_span().begin());
  return key;
}

AeadNonce NonceFromHex(std::string_view hex) {
  AeadNonce nonce{};
  Bytes bytes = FromHex(hex);
  std::copy(bytes.begin(), bytes.end(), nonce.begin());
  return nonce;
}

TEST_CASE("HKDF-SHA-256 matches RFC 5869 test case 1", "[archive][crypto]") {
  Bytes ikm(22, 0x0b);
  Bytes salt = FromHex("000102030405060708090a0b0c");
  std::string info(reinterpret_cast<const char*>(FromHex("f0f1f2f3f4f5f6f7f8f9").data()), 10);
  // The first 32 bytes of the RFC's 42-byte OKM.
  CHECK(Hex(HkdfSha256(ikm, salt, info).span()) ==
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
}

TEST_CASE("HKDF-SHA-256 matches RFC 5869 test case 3 (empty salt and info)", "[archive][crypto]") {
  Bytes ikm(22, 0x0b);
  CHECK(Hex(HkdfSha256(ikm, {}, "").span()) ==
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d");
}

TEST_CASE("HMAC-SHA-256 matches RFC 4231 test case 2", "[archive][crypto]") {
  CHECK(Hex(HmacSha256(AsBytes("Jefe"), AsBytes("what do ya want for nothing?"))) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("ChaCha20-Poly1305 matches Wycheproof vectors without AAD", "[archive][crypto]") {
  SECTION("tcId 2: empty message") {
    ChaChaPoly aead(KeyFromHex("80ba3192c803ce965ea371d5ff073cf0f43b6a2ab576b208426e11409c09b9b0"));
    AeadNonce nonce = NonceFromHex("4da5bf8dfd5852c1ea12379d");
    Bytes sealed(16);
    aead.Seal(nonce, {}, sealed);
    CHECK(Hex(sealed) == "76acb342cf3166a5b63c0c0ea1383c8d");
    Bytes opened;
    CHECK(aead.Open(nonce, sealed, opened));
  }
  SECTION("tcId 34: 16-byte message") {
    ChaChaPoly aead(KeyFromHex("59d4eafb4de0cfc7d3db99a8f54b15d7b39f0acc8da69763b019c1699f87674a"));
    AeadNonce nonce = NonceFromHex("2fcb1b38a99e71b84740ad9b");
    Bytes message = FromHex("549b365af913f3b081131ccb6b825588");
    Bytes sealed(32);
    aead.Seal(nonce, message, sealed);
    CHECK(Hex(sealed) == "e9110e9f56ab3ca483500ceabab67a13836ccabf15a6a22a51c1071cfa68fa0c");
    Bytes opened(16);
    REQUIRE(aead.Open(nonce, sealed, opened));
    CHECK(opened == message);
    sealed[3] ^= 1;
    CHECK_FALSE(aead.Open(nonce, sealed, opened));
    sealed[3] ^= 1;
    CHECK_FALSE(aead.Open(NonceFromHex("2fcb1b38a99e71b84740ad9c"), sealed, opened));
  }
}

TEST_CASE("scrypt matches RFC 7914's N=16384, r=8, p=1 vector", "[archive][crypto]") {
  // The first 32 bytes of the RFC's 64-byte output.
  CHECK(Hex(Scrypt("pleaseletmein", AsBytes("SodiumChloride"), 14).span()) ==
        "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2");
}

TEST_CASE("X25519 matches RFC 7748 section 6.1", "[archive][crypto]") {
  Key32 alice = KeyFromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  Key32 bob = KeyFromHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
  auto alice_public = X25519PublicKey(alice);
  auto bob_public = X25519PublicKey(bob);
  CHECK(Hex(alice_public) == "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  CHECK(Hex(bob_public) == "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  std::optional<Key32> shared = X25519SharedSecret(alice, bob_public);
  REQUIRE(shared);
  CHECK(Hex(shared->span()) == "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
}

TEST_CASE("X25519 refuses a low-order peer (an all-zero shared secret)", "[archive][crypto]") {
  Key32 secret = KeyFromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  std::array<std::uint8_t, 32> zero_point{};
  CHECK_FALSE(X25519SharedSecret(secret, zero_point));
}

TEST_CASE("the age spec's example identity gives its example recipient", "[archive][crypto]") {
  CHECK(RecipientOf("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX") ==
        "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj");
}

TEST_CASE("SHA-256 streams to the one-shot digest", "[archive][crypto]") {
  Sha256Stream sha;
  sha.Update(AsBytes("ab"));
  sha.Update(AsBytes("c"));
  CHECK(Hex(sha.Final()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace ferry::archive
