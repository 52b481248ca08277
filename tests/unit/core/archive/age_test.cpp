#include "core/archive/age.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "core/archive/age_keys.hpp"
#include "core/archive/encoding.hpp"
#include "tests/unit/core/archive/archive_test_support.hpp"

namespace ferry::archive {
namespace {

using test::Decrypt;
using test::Encrypt;
using test::ErrorOf;
using test::Pattern;

constexpr char kSpecIdentity[] =
    "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
// "hello ferry\n" as encrypted by age 1.1.1: `age -r age1zvkyg...` (kSpecIdentity's recipient)
// and `age -p` with the passphrase "kat-passphrase" (scrypt work factor 18).
constexpr char kAgeX25519File[] =
    "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+"
    "IFgyNTUxOSBBQXpqcjF6MFBXcC9PYWpoWFVkR0ZsSFFzL0x0aEkvN3NwV0VVMFpteWsw"
    "ClpOMlh1WmYwTlB2KzB4K0F5bnJiOVdJRHNaSXpoV2xNWHNqdWs1VHpNcG8KLS0tIGVsaEhnQitYVHZZS2JiZkQxNUdKN2"
    "VMUEJS"
    "Y3BQWFFxYWczTzUydHh3N1kKaw9t4E5aZXAs5fBl8mtONhquhIlo0/OqZh/mXOrmiEXG+pkcXDqhXyVcaRU";
constexpr char kAgeScryptFile[] =
    "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+"
    "IHNjcnlwdCBDNVdqMnVWcDl3K1BGMlNCd2k0OEhRIDE4CnhiQitJdnVzV1NYTC8yOFVN"
    "TTZ0MUd3Y2VWdzRVUHduOXFZdUxkTnI5Y0kKLS0tIHdHTzhKdFZlR1I4STBtbTBpWmo4Y3V1SHM0WW1QQkxsUDZaTE1XVz"
    "JLcjQK"
    "sXUJBvTw0uENbdmnVwTukT5Psndvm+Pve9qfMtEmQKT7ZJcnOvq8jNJoZCk";

/// A fresh identity and what encrypts to it.
struct KeyPair {
  std::string identity = GenerateIdentity();
  AgeRecipients to{{RecipientOf(identity)}, "", 18};
  AgeIdentities with{{identity}, "", 22};
};

std::size_t HeaderSize(const Bytes& file) {
  std::string_view text = AsText(file);
  return text.find('\n', text.find("\n--- ") + 1) + 1;
}

Bytes Truncated(Bytes file, std::size_t size) {
  file.resize(size);
  return file;
}

TEST_CASE("age: files made by the age tool decrypt (known answers)", "[archive][age]") {
  Bytes x25519 = *DecodeBase64(kAgeX25519File);
  CHECK(AsText(Decrypt(x25519, AgeIdentities{{kSpecIdentity}, "", 22})) == "hello ferry\n");
  Bytes scrypt = *DecodeBase64(kAgeScryptFile);
  CHECK(AsText(Decrypt(scrypt, AgeIdentities{{}, "kat-passphrase", 22})) == "hello ferry\n");
}

TEST_CASE("age: STREAM chunk boundaries round-trip with the right sizes", "[archive][age]") {
  KeyPair keys;
  for (std::size_t size : {0ul, 1ul, 65535ul, 65536ul, 65537ul, 131072ul, 200000ul}) {
    Bytes plaintext = Pattern(size);
    Bytes file = Encrypt(plaintext, keys.to);
    std::size_t chunks = size == 0 ? 1 : (size + kAgeChunkSize - 1) / kAgeChunkSize;
    INFO("size " << size);
    CHECK(file.size() == HeaderSize(file) + 16 + size + 16 * chunks);
    CHECK(Decrypt(file, keys.with, 7) == plaintext);
    CHECK(Decrypt(file, keys.with, 100000) == plaintext);
  }
}

TEST_CASE("age: writes of any size give the same chunks", "[archive][age]") {
  KeyPair keys;
  Bytes plaintext = Pattern(150000);
  MemorySink sink;
  AgeEncryptor encryptor(sink, keys.to);
  for (std::size_t at = 0, step = 1; at < plaintext.size(); at += step, step = step * 3 + 1) {
    encryptor.Write(ByteSpan(plaintext).subspan(at, std::min(step, plaintext.size() - at)));
  }
  encryptor.Finish();
  CHECK(Decrypt(sink.bytes(), keys.with) == plaintext);
}

TEST_CASE("age: any of several recipients opens the file", "[archive][age]") {
  KeyPair first;
  KeyPair second;
  AgeRecipients both{
      {first.to.recipients[0] + "\n# a comment\n\n" + second.to.recipients[0]}, "", 18};
  Bytes file = Encrypt(AsBytes("shared"), both);
  CHECK(AsText(Decrypt(file, first.with)) == "shared");
  CHECK(AsText(Decrypt(file, second.with)) == "shared");
  AgeIdentities key_file{
      {"# created: 2024-01-01\n# public key: x\n" + second.identity + "\n"}, "", 22};
  CHECK(AsText(Decrypt(file, key_file)) == "shared");
}

TEST_CASE("age: a passphrase round-trips and its work factor is bounded", "[archive][age]") {
  Bytes file = Encrypt(AsBytes("secret"), AgeRecipients{{}, "correct horse", 10});
  CHECK(AsText(Decrypt(file, AgeIdentities{{}, "correct horse", 22})) == "secret");
  CHECK(ErrorOf([&] {
          Decrypt(file, AgeIdentities{{}, "wrong horse", 22});
        }) == "wrong passphrase: it does not open this archive");
  CHECK(ErrorOf([&] {
          Decrypt(file, AgeIdentities{{}, "correct horse", 9});
        }) ==
        "the archive's passphrase work factor (scrypt log2 N = 10) is above the limit of 9; raise "
        "the "
        "limit only for an archive you trust");
  CHECK(ErrorOf([&] { Decrypt(file, KeyPair().with); }) ==
        "the archive is encrypted with a passphrase; give the passphrase, not an identity");
  Bytes to_key = Encrypt(AsBytes("x"), KeyPair().to);
  CHECK(ErrorOf([&] {
          Decrypt(to_key, AgeIdentities{{}, "pw", 22});
        }) ==
        "the archive is encrypted to age recipients, not with a passphrase; give an identity");
}

TEST_CASE("age: the wrong key is named as such", "[archive][age]") {
  KeyPair owner;
  Bytes file = Encrypt(AsBytes("for the owner"), owner.to);
  CHECK(ErrorOf([&] { Decrypt(file, KeyPair().with); }) ==
        "no identity matches any recipient of the archive");
}

TEST_CASE("age: a truncated file is always an error", "[archive][age]") {
  KeyPair keys;
  Bytes two_chunks = Encrypt(Pattern(kAgeChunkSize + 10), keys.to);
  std::size_t payload = HeaderSize(two_chunks) + 16;
  auto error_at = [&](const Bytes& file, std::size_t size) {
    return ErrorOf([&] { Decrypt(Truncated(file, size), keys.with); });
  };
  CHECK(error_at(two_chunks, payload + kAgeChunkSize + 16) ==
        "archive is truncated: the last chunk is missing");
  CHECK(error_at(two_chunks, payload + kAgeChunkSize + 16 + 5) ==
        "archive is truncated: the last chunk is missing");
  CHECK(error_at(two_chunks, two_chunks.size() - 1) ==
        "archive is corrupted or truncated: chunk 1 failed authentication");
  CHECK(error_at(two_chunks, payload) == "archive is truncated: the last chunk is missing");
  CHECK(error_at(two_chunks, payload - 3) == "archive is truncated: the last chunk is missing");
  CHECK(error_at(two_chunks, HeaderSize(two_chunks) - 10) ==
        "archive is truncated: the header ends before its MAC line");
  Bytes one_full_chunk = Encrypt(Pattern(kAgeChunkSize), keys.to);
  CHECK(error_at(one_full_chunk, one_full_chunk.size() - 1) ==
        "archive is corrupted or truncated: chunk 0 failed authentication");
}

TEST_CASE("age: data after the last chunk is an error", "[archive][age]") {
  KeyPair keys;
  Bytes file = Encrypt(Pattern(kAgeChunkSize), keys.to);
  file.push_back(0);
  CHECK(ErrorOf([&] { Decrypt(file, keys.with); }) ==
        "archive is corrupted: data follows the last chunk");
}

TEST_CASE("age: a bad chunk in the middle stops the read at that chunk", "[archive][age]") {
  KeyPair keys;
  Bytes plaintext = Pattern(3 * kAgeChunkSize);
  Bytes file = Encrypt(plaintext, keys.to);
  file[HeaderSize(file) + 16 + (kAgeChunkSize + 16) + 100] ^= 1;  // inside chunk 1
  MemorySource source(file);
  AgeDecryptor decryptor(source, keys.with);
  Bytes buffer(kAgeChunkSize);
  REQUIRE(decryptor.Read(buffer) == kAgeChunkSize);  // chunk 0 authenticated
  CHECK(buffer == Bytes(plaintext.begin(), plaintext.begin() + kAgeChunkSize));
  CHECK(ErrorOf([&] { decryptor.Read(buffer); }) ==
        "archive is corrupted: chunk 1 failed authentication");
}

/// Every message a single changed byte of a one-chunk X25519 file may give.
std::set<std::string> FlipMessages() {
  std::set<std::string> messages = {
      "not an age archive: the file does not start with the line age-encryption.org/v1",
      "archive is truncated: the header ends before its MAC line",
      "no identity matches any recipient of the archive",
      "header MAC mismatch: the archive header was modified",
      "archive is corrupted or truncated: chunk 0 failed authentication",
      "archive header is malformed: an X25519 stanza does not have exactly one share",
      "archive header is malformed: an X25519 stanza's share is not 32 bytes of canonical base64",
      "archive header is malformed: an X25519 stanza's body is not 32 bytes",
  };
  for (const char* reason :
       {"expected a recipient stanza (->) or the MAC line (---)", "a stanza has an empty argument",
        "a stanza argument has a character that is not printable ASCII",
        "a stanza body line is longer than 64 columns", "a stanza body is not base64",
        "a stanza body is not canonical base64", "the MAC is not 43 characters of base64",
        "the header has no recipient stanza"}) {
    for (int line = 2; line <= 5; ++line) {
      messages.insert("archive header is malformed: line " + std::to_string(line) + ": " + reason);
    }
  }
  return messages;
}

TEST_CASE("age: every changed byte of a small file gives a known error", "[archive][age]") {
  KeyPair keys;
  const Bytes file = Encrypt(AsBytes("{\"resourceType\":\"Patient\"}\n"), keys.to);
  const std::set<std::string> allowed = FlipMessages();
  std::map<std::string, int> seen;
  for (std::size_t position = 0; position < file.size(); ++position) {
    for (std::uint8_t mask : {0x01, 0x80}) {
      Bytes flipped = file;
      flipped[position] ^= mask;
      std::string message = ErrorOf([&] { Decrypt(flipped, keys.with); });
      INFO("byte " << position << " ^ " << int(mask));
      CHECK(allowed.count(message) == 1);
      ++seen[message];
    }
  }
  const std::size_t header = HeaderSize(file);
  auto error_flipping = [&](std::size_t position) {
    Bytes flipped = file;
    flipped[position] ^= 1;
    return ErrorOf([&] { Decrypt(flipped, keys.with); });
  };
  CHECK(error_flipping(0) ==
        "not an age archive: the file does not start with the line age-encryption.org/v1");
  Bytes other_mac = file;  // another valid base64 character, so the MAC still parses
  other_mac[header - 10] = other_mac[header - 10] == 'A' ? 'B' : 'A';
  CHECK(ErrorOf([&] { Decrypt(other_mac, keys.with); }) ==
        "header MAC mismatch: the archive header was modified");
  CHECK(error_flipping(header + 3) ==
        "archive is corrupted or truncated: chunk 0 failed authentication");  // nonce
  CHECK(error_flipping(file.size() - 1) ==
        "archive is corrupted or truncated: chunk 0 failed authentication");
  CHECK(seen["no identity matches any recipient of the archive"] > 0);
}

TEST_CASE("age: bad keys are usage errors that never show the key", "[archive][age]") {
  KeyPair keys;
  std::string typo = keys.to.recipients[0];
  typo[8] = typo[8] == 'q' ? 'p' : 'q';
  CHECK(ErrorOf([&] {
          Encrypt({}, AgeRecipients{{typo}, "", 18});
        }) ==
        "age recipient 1, line 1: not an age recipient: its Bech32 checksum does not match (a "
        "typo?)");
  CHECK(ErrorOf([&] {
          Encrypt({}, AgeRecipients{{keys.identity}, "", 18});
        }) ==
        "age recipient 1, line 1: this is a secret key, not a recipient; give its public key "
        "(age1...)");
  CHECK(ErrorOf([&] {
          Encrypt({}, AgeRecipients{{"ssh-ed25519 AAAA"}, "", 18});
        }) ==
        "age recipient 1, line 1: SSH keys are not supported; give an X25519 recipient (age1...)");
  CHECK(ErrorOf([&] {
          Decrypt({}, AgeIdentities{{"# only a comment\n", keys.to.recipients[0]}, "", 22});
        }) ==
        "age identity 2, line 1: this is a public key (age1...), not an identity; give the "
        "AGE-SECRET-KEY-1... line");
  CHECK(ErrorOf([&] { Encrypt({}, AgeRecipients{}); }) == "no age recipients or passphrase given");
  CHECK(ErrorOf([&] {
          Encrypt({}, AgeRecipients{keys.to.recipients, "pw", 18});
        }) == "give age recipients or a passphrase, not both");
  CHECK(ErrorOf([&] {
          Encrypt({}, AgeRecipients{{"# nothing\n"}, "", 18});
        }) == "no age recipient given");
  CHECK(ErrorOf([&] { Decrypt({}, AgeIdentities{}); }) == "no age identities or passphrase given");
  CHECK(ErrorOf([&] {
          Encrypt({}, AgeRecipients{{}, "pw", 31});
        }) == "the scrypt work factor must be from 1 to 30 (log2 N)");
}

}  // namespace
}  // namespace ferry::archive
