#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <filesystem>

#include "core/archive/escrow.hpp"
#include "core/archive/escrow_check.hpp"
#include "core/archive/threaded_sink.hpp"
#include "core/archive/zstd_stream.hpp"
#include "core/common/error.hpp"
#include "core/common/hash.hpp"

namespace ferry::archive {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kReadBlock = 256 * 1024;

/// An NDJSON file to archive, as it was when listed.
struct SourceFile {
  std::string path;
  std::string name;
  std::uint64_t size = 0;
  std::int64_t mtime = 0;
};

SourceFile Describe(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) throw IoError("cannot read '" + path.string() + "'");
  return SourceFile{path.string(), path.filename().string(),
                    static_cast<std::uint64_t>(info.st_size),
                    static_cast<std::int64_t>(info.st_mtime)};
}

/// The regular `*.ndjson` files of `dir`, sorted by name.
std::vector<SourceFile> ListNdjsonFiles(const std::string& dir) {
  std::vector<SourceFile> files;
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    std::string name = it->path().filename().string();
    if (name.size() <= 7 || name.substr(name.size() - 7) != ".ndjson" || !it->is_regular_file())
      continue;
    if (!IsSafeEntryName(name)) {
      throw IoError("cannot archive '" + it->path().string() +
                    "': an archived name has only letters, digits, '.', '_' and '-'");
    }
    files.push_back(Describe(it->path()));
  }
  if (error) throw IoError("cannot read directory '" + dir + "': " + error.message());
  if (files.empty()) throw IoError("'" + dir + "' has no .ndjson files to archive");
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return files;
}

[[noreturn]] void ThrowChanged(const SourceFile& file) {
  throw IoError("'" + file.path + "' changed while it was being archived; archive it again");
}

/// Streams `file` into `tar`, hashing and counting its lines on a thread of their own.
ManifestFile AddNdjsonFile(TarWriter& tar, const SourceFile& file) {
  FileSource in(file.path);
  tar.BeginEntry(TarEntry{file.name, file.size, file.mtime, 0600, TarEntry::Type::kFile});
  NdjsonDigest digest;
  ThreadedSink hashing(digest);
  std::uint64_t bytes = 0;
  Bytes buffer(kReadBlock);
  while (std::size_t got = in.Read(buffer)) {
    if (bytes + got > file.size) ThrowChanged(file);
    ByteSpan chunk(buffer.data(), got);
    hashing.Write(chunk);
    tar.WriteData(chunk);
    bytes += got;
  }
  if (bytes != file.size) ThrowChanged(file);
  tar.EndEntry();
  hashing.Finish();
  ScannedFile found = digest.Result();
  std::string type = file.name.substr(0, file.name.size() - 7);
  return ManifestFile{type, file.name, found.count, found.bytes, found.sha256};
}

void AddManifest(TarWriter& tar, const std::vector<ManifestFile>& files) {
  std::string json = EscrowManifestJson(files, ManifestTime());
  tar.BeginEntry(TarEntry{kManifestName, json.size(), static_cast<std::int64_t>(std::time(nullptr)),
                          0600, TarEntry::Type::kFile});
  tar.WriteData(AsBytes(json));
  tar.EndEntry();
}

}  // namespace

std::vector<ManifestFile> WriteEscrowArchive(const std::string& ndjson_dir,
                                             const std::string& out_path, const AgeRecipients& to,
                                             const EscrowOptions& options) {
  std::vector<SourceFile> sources = ListNdjsonFiles(ndjson_dir);
  FileSink file(out_path);
  AgeEncryptor age(file, to);
  ZstdCompressor zstd(age, ZstdOptions{options.zstd_level, options.zstd_workers});
  ThreadedSink compressing(zstd);  // reading and hashing here, compressing and encrypting there
  TarWriter tar(compressing);
  std::vector<ManifestFile> files;
  for (const SourceFile& source : sources) files.push_back(AddNdjsonFile(tar, source));
  AddManifest(tar, files);
  tar.Finish();
  compressing.Finish();
  zstd.Finish();
  age.Finish();
  file.Commit();
  return files;
}

}  // namespace ferry::archive
