#pragma once
/// The checksums object stores check on upload (Content-MD5, x-amz-content-sha256,
/// CRC32C), base64, and reading one part of a local file.
///
///     request.headers.push_back({"Content-MD5", Base64(Md5(part))});
///     request.headers.push_back({"x-amz-content-sha256", Sha256Hex(part)});

#include <cstdint>
#include <string>
#include <string_view>

namespace ferry::storage {

/// The 16 raw bytes of the MD5 of `data`.
std::string Md5(std::string_view data);

/// CRC32C (Castagnoli) of `data`, continuing from `crc` (0 to start).
std::uint32_t Crc32c(std::string_view data, std::uint32_t crc = 0);

/// The 4 bytes of `crc`, big-endian (as GCS and Azure send it before base64).
std::string Crc32cBytes(std::uint32_t crc);

/// Hex SHA-256 of the local file `path`, read in 1 MiB pieces; throws IoError.
std::string FileSha256(const std::string& path);

/// Bytes [offset, offset + length) of the local file `path`; throws IoError when it
/// cannot be read or is shorter.
std::string ReadFilePart(const std::string& path, std::uint64_t offset, std::uint64_t length);

/// The size of the local file `path`; throws IoError when it cannot be read.
std::uint64_t LocalFileSize(const std::string& path);

}  // namespace ferry::storage
