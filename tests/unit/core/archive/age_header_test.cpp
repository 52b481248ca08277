#include "core/archive/age_header.hpp"

#include <catch2/catch.hpp>

#include "core/archive/encoding.hpp"
#include "tests/unit/core/archive/archive_test_support.hpp"

namespace ferry::archive {
namespace {

using test::ErrorOf;

constexpr char kSpecHeader[] =
    "age-encryption.org/v1\n"
    "-> X25519 XEl0dJ6y3C7KZkgmgWUicg63EyXJiwBJW8PdYJ/cYBE\n"
    "qRS0AMjdjPvZ/WT08U2KL4G+PIooA3hy38SvLpvaC1E\n"
    "--- HK2NmOBN9Dpq0Gw6xMCuhFcQlQLvZ/wQUi/2scLG75s\n";

AgeHeader Parse(std::string_view text) {
  MemorySource source(AsBytes(text));
  BufferedSource buffered(source);
  return ReadHeader(buffered);
}

std::string ParseError(std::string_view text) {
  return ErrorOf([&] { Parse(text); });
}

TEST_CASE("the age spec's example header parses", "[archive][header]") {
  std::string text = std::string(kSpecHeader) + "PAYLOAD";
  MemorySource source(AsBytes(text));
  BufferedSource buffered(source);
  AgeHeader header = ReadHeader(buffered);
  REQUIRE(header.stanzas.size() == 1);
  CHECK(header.stanzas[0].args ==
        std::vector<std::string>{"X25519", "XEl0dJ6y3C7KZkgmgWUicg63EyXJiwBJW8PdYJ/cYBE"});
  CHECK(header.stanzas[0].body.size() == 32);
  CHECK(header.mac_input + " HK2NmOBN9Dpq0Gw6xMCuhFcQlQLvZ/wQUi/2scLG75s\n" == kSpecHeader);
  CHECK(HeaderMacInput(header.stanzas) == header.mac_input);
  Bytes rest(16);
  CHECK(AsText(ByteSpan(rest.data(), ReadFull(buffered, rest))) == "PAYLOAD");
}

TEST_CASE("a header round-trips, bodies wrapped at 64 columns", "[archive][header]") {
  std::vector<Stanza> stanzas = {
      {{"empty"}, {}},
      {{"one-line", "a", "b"}, Bytes(32, 7)},
      {{"exactly-64-columns"}, Bytes(48, 9)},  // a full line, then an empty final line
      {{"two-lines"}, Bytes(100, 1)},
  };
  FileKey file_key;
  RandomBytes(file_key.mutable_span());
  std::string text = SerializeHeader(stanzas, file_key);
  std::string full_line = EncodeBase64(Bytes(48, 9));
  REQUIRE(full_line.size() == 64);
  CHECK(text.find("-> exactly-64-columns\n" + full_line + "\n\n-> two-lines\n") !=
        std::string::npos);
  AgeHeader header = Parse(text);
  REQUIRE(header.stanzas.size() == stanzas.size());
  for (std::size_t idx = 0; idx < stanzas.size(); ++idx) {
    CHECK(header.stanzas[idx].args == stanzas[idx].args);
    CHECK(header.stanzas[idx].body == stanzas[idx].body);
  }
  CHECK(header.mac == HeaderMac(file_key, header.mac_input));
}

TEST_CASE("a file that is not age is named as such", "[archive][header]") {
  const std::string expected =
      "not an age archive: the file does not start with the line age-encryption.org/v1";
  CHECK(ParseError("") == expected);
  CHECK(ParseError("age-encryption.org/v2\n-> X25519 a\n\n--- x\n") == expected);
  CHECK(ParseError("-----BEGIN AGE ENCRYPTED FILE-----\n") == expected);
  CHECK(ParseError(std::string("\x28\xb5\x2f\xfd", 4)) == expected);  // zstd, not age
}

TEST_CASE("a malformed header names its line and what is wrong", "[archive][header]") {
  const std::string v1 = "age-encryption.org/v1\n";
  const std::string mac = "--- HK2NmOBN9Dpq0Gw6xMCuhFcQlQLvZ/wQUi/2scLG75s\n";
  const std::string prefix = "archive header is malformed: ";
  CHECK(ParseError(v1) == "archive is truncated: the header ends before its MAC line");
  CHECK(ParseError(v1 + "-> X25519 abc\n") ==
        "archive is truncated: the header ends before its MAC line");
  CHECK(ParseError(v1 + mac) == prefix + "line 2: the header has no recipient stanza");
  CHECK(ParseError(v1 + "hello\n" + mac) ==
        prefix + "line 2: expected a recipient stanza (->) or the MAC line (---)");
  CHECK(ParseError(v1 + "-> X25519  abc\n\n" + mac) ==
        prefix + "line 2: a stanza has an empty argument");
  CHECK(ParseError(v1 + "-> X25519 a\tb\n\n" + mac) ==
        prefix + "line 2: a stanza argument has a character that is not printable ASCII");
  CHECK(ParseError(v1 + "-> a\n" + std::string(65, 'A') + "\n" + mac) ==
        prefix + "line 3: a stanza body line is longer than 64 columns");
  CHECK(ParseError(v1 + "-> a\nqRS0AMjdjPvZ/WT08U2KL4G+PIooA3hy38SvLpvaC1F\n" + mac) ==
        prefix + "line 3: a stanza body is not canonical base64");
  CHECK(ParseError(v1 + "-> a\nqRS0AMjd=\n" + mac) ==
        prefix + "line 3: a stanza body is not base64");
  CHECK(ParseError(v1 + "-> a\n\n--- HK2NmOBN9Dpq0Gw6\n") ==
        prefix + "line 4: the MAC is not 43 characters of base64");
  CHECK(ParseError(v1 + "-> a\n" + std::string(20000, 'A')) ==
        prefix + "line 3: the line is longer than 16 KiB");
}

}  // namespace
}  // namespace ferry::archive
