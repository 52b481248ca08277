#include "adapters/storage/checksums.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "core/common/error.hpp"
#include "core/common/hash.hpp"

namespace ferry::storage {

namespace {

std::array<std::uint32_t, 256> MakeCrcTable() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
    table[n] = c;
  }
  return table;
}

}  // namespace

std::string Md5(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_md5(), nullptr);
  return std::string(reinterpret_cast<char*>(digest), size);
}

std::uint32_t Crc32c(std::string_view data, std::uint32_t crc) {
  static const std::array<std::uint32_t, 256> kTable = MakeCrcTable();
  crc = ~crc;
  for (char c : data) crc = kTable[(crc ^ static_cast<unsigned char>(c)) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

std::string Crc32cBytes(std::uint32_t crc) {
  std::string out(4, '\0');
  for (int byte_idx = 0; byte_idx < 4; ++byte_idx) {
    out[static_cast<std::size_t>(byte_idx)] = static_cast<char>((crc >> (24 - 8 * byte_idx)) & 0xFF);
  }
  return out;
}

std::string FileSha256(const std::string& path) {
  constexpr std::uint64_t kPiece = std::uint64_t{1} << 20;
  std::uint64_t size = LocalFileSize(path);
  Sha256Stream digest;
  for (std::uint64_t offset = 0; offset < size; offset += kPiece) {
    digest.Update(ReadFilePart(path, offset, std::min(kPiece, size - offset)));
  }
  return ToHex(digest.Final());
}

std::string ReadFilePart(const std::string& path, std::uint64_t offset, std::uint64_t length) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IoError("cannot open " + path + ": " + std::strerror(errno));
  std::string data(length, '\0');
  std::size_t done = 0;
  while (done < length) {
    ssize_t got = ::pread(fd, data.data() + done, length - done, static_cast<off_t>(offset + done));
    if (got <= 0) {
      std::string why = got == 0 ? "the file is shorter than expected" : std::strerror(errno);
      ::close(fd);
      throw IoError("cannot read " + path + ": " + why);
    }
    done += static_cast<std::size_t>(got);
  }
  ::close(fd);
  return data;
}

std::uint64_t LocalFileSize(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    throw IoError("cannot read " + path + ": " + std::strerror(errno));
  }
  return static_cast<std::uint64_t>(info.st_size);
}

}  // namespace ferry::storage
