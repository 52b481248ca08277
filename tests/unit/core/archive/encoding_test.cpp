#include "core/archive/encoding.hpp"

#include <catch2/catch.hpp>

#include "tests/unit/core/archive/archive_test_support.hpp"

namespace ferry::archive {
namespace {

using test::Hex;

constexpr char kSpecIdentity[] =
    "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
constexpr char kSpecRecipient[] = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

TEST_CASE("base64 encodes RFC 4648 vectors without padding", "[archive][encoding]") {
  CHECK(EncodeBase64(AsBytes("")) == "");
  CHECK(EncodeBase64(AsBytes("f")) == "Zg");
  CHECK(EncodeBase64(AsBytes("fo")) == "Zm8");
  CHECK(EncodeBase64(AsBytes("foo")) == "Zm9v");
  CHECK(EncodeBase64(AsBytes("foob")) == "Zm9vYg");
  CHECK(EncodeBase64(AsBytes("fooba")) == "Zm9vYmE");
  CHECK(EncodeBase64(AsBytes("foobar")) == "Zm9vYmFy");
}

TEST_CASE("base64 round-trips every length and byte", "[archive][encoding]") {
  for (std::size_t size = 0; size < 70; ++size) {
    Bytes bytes(size);
    for (std::size_t idx = 0; idx < size; ++idx)
      bytes[idx] = static_cast<std::uint8_t>(idx * 37 + size);
    std::optional<Bytes> decoded = DecodeBase64(EncodeBase64(bytes));
    REQUIRE(decoded);
    CHECK(*decoded == bytes);
  }
}

TEST_CASE("base64 decoding rejects padding and non-canonical text", "[archive][encoding]") {
  CHECK_FALSE(DecodeBase64("Zg=="));  // padding
  CHECK_FALSE(DecodeBase64("Zh"));    // unused bits set: not canonical
  CHECK_FALSE(DecodeBase64("Zm9"));   // also not canonical...
  CHECK(DecodeBase64("Zm8"));         // ...this is "fo"
  CHECK_FALSE(DecodeBase64("Z"));     // a length of 1 mod 4
  CHECK_FALSE(DecodeBase64("Zm9v\n"));
  CHECK_FALSE(DecodeBase64("Zm-v"));  // URL-safe alphabet
  CHECK_FALSE(DecodeBase64("Zm9v Zg"));
}

TEST_CASE("Bech32 accepts BIP 173's valid strings and round-trips them", "[archive][encoding]") {
  for (const char* text :
       {"A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"}) {
    Bech32Error error{};
    std::optional<Bech32> decoded = DecodeBech32(text, &error);
    REQUIRE(decoded);
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(EncodeBech32(decoded->hrp, decoded->data) == lower);
  }
}

TEST_CASE("Bech32 names what is wrong with a bad string", "[archive][encoding]") {
  auto error_of = [](std::string_view text) {
    Bech32Error error{};
    REQUIRE_FALSE(DecodeBech32(text, &error));
    return error;
  };
  CHECK(error_of("A1G7SGD8") == Bech32Error::kBadChecksum);  // checksum over the upper-case hrp
  CHECK(error_of("a12UEL5L") == Bech32Error::kMixedCase);
  CHECK(error_of("10a06t8") == Bech32Error::kNoSeparator);   // empty hrp
  CHECK(error_of("li1dgmt3") == Bech32Error::kNoSeparator);  // checksum too short
  CHECK(error_of("x1b4n0q5v") == Bech32Error::kBadCharacter);
  CHECK(error_of(std::string("a\x7f") + "1qqqqqq") == Bech32Error::kBadCharacter);
  std::string typo = kSpecRecipient;
  typo[10] = typo[10] == 'q' ? 'p' : 'q';
  CHECK(error_of(typo) == Bech32Error::kBadChecksum);
  CHECK(std::string(Bech32ErrorText(Bech32Error::kBadChecksum)) ==
        "its Bech32 checksum does not match (a typo?)");
}

TEST_CASE("Bech32 decodes the age spec's example keys", "[archive][encoding]") {
  Bech32Error error{};
  std::optional<Bech32> identity = DecodeBech32(kSpecIdentity, &error);
  REQUIRE(identity);
  CHECK(identity->hrp == "age-secret-key-");
  std::string forty_twos;
  for (int idx = 0; idx < 32; ++idx) forty_twos += "42";
  CHECK(Hex(identity->data) == forty_twos);
  std::optional<Bech32> recipient = DecodeBech32(kSpecRecipient, &error);
  REQUIRE(recipient);
  CHECK(recipient->hrp == "age");
  CHECK(recipient->data.size() == 32);
  CHECK(EncodeBech32("age", recipient->data) == kSpecRecipient);
}

}  // namespace
}  // namespace ferry::archive
