#pragma once
/// Helpers shared by the archive unit tests: temporary directories, hex, files, and running
/// the age layer in memory.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "core/archive/age.hpp"
#include "core/archive/byte_stream.hpp"
#include "core/common/error.hpp"

namespace ferry::archive::test {

namespace fs = std::filesystem;

/// A fresh directory under the system's temporary directory, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ferry_archive_XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() { fs::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

/// The bytes of a hex string.
inline Bytes FromHex(std::string_view hex) {
  Bytes bytes;
  for (std::size_t idx = 0; idx + 1 < hex.size(); idx += 2) {
    bytes.push_back(
        static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(idx, 2)), nullptr, 16)));
  }
  return bytes;
}

/// Lower-case hex of `bytes`.
inline std::string Hex(ByteSpan bytes) {
  static const char* const kDigits = "0123456789abcdef";
  std::string text;
  for (std::uint8_t byte : bytes) {
    text.push_back(kDigits[byte >> 4]);
    text.push_back(kDigits[byte & 15]);
  }
  return text;
}

inline void WriteText(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// `plaintext` encrypted in memory.
inline Bytes Encrypt(ByteSpan plaintext, const AgeRecipients& to) {
  MemorySink sink;
  AgeEncryptor encryptor(sink, to);
  encryptor.Write(plaintext);
  encryptor.Finish();
  return sink.bytes();
}

/// `ciphertext` decrypted in memory, read in pieces of `read_size`.
inline Bytes Decrypt(ByteSpan ciphertext, const AgeIdentities& with, std::size_t read_size = 4096) {
  MemorySource source(ciphertext);
  AgeDecryptor decryptor(source, with);
  Bytes plaintext;
  Bytes buffer(read_size);
  while (std::size_t got = decryptor.Read(buffer))
    plaintext.insert(plaintext.end(), buffer.begin(),
                     buffer.begin() + static_cast<std::ptrdiff_t>(got));
  return plaintext;
}

/// The message of the ferry::Error that `action` throws, or "" if it throws none.
inline std::string ErrorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

/// `size` bytes of a repeating pattern that compresses, with some variety.
inline Bytes Pattern(std::size_t size) {
  Bytes bytes(size);
  for (std::size_t idx = 0; idx < size; ++idx)
    bytes[idx] = static_cast<std::uint8_t>((idx * 7 + idx / 251) & 0xff);
  return bytes;
}

}  // namespace ferry::archive::test
