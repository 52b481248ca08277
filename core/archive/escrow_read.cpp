#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>

#include "core/archive/archive_error.hpp"
#include "core/archive/escrow.hpp"
#include "core/archive/escrow_check.hpp"
#include "core/archive/zstd_stream.hpp"
#include "core/common/error.hpp"
#include "core/common/hash.hpp"

namespace ferry::archive {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kReadBlock = 256 * 1024;
constexpr std::uint64_t kMaxManifest = 16 * 1024 * 1024;

/// Where an entry's bytes go: a new file, or nowhere (nullptr) when only checking.
using OutputFor = std::function<std::unique_ptr<FileSink>(const std::string& name)>;

/// What reading an archive to its end found.
struct Scan {
  std::map<std::string, ScannedFile> files;
  std::optional<std::string> manifest;
};

ScannedFile CopyNdjson(TarReader& tar, ByteSink* out) {
  NdjsonDigest digest;
  Bytes buffer(kReadBlock);
  while (std::size_t got = tar.ReadData(buffer)) {
    ByteSpan chunk(buffer.data(), got);
    digest.Write(chunk);
    if (out) out->Write(chunk);
  }
  return digest.Result();
}

std::string ReadManifest(TarReader& tar, std::uint64_t size, ByteSink* out) {
  if (size > kMaxManifest) throw ArchiveError("the archive's manifest.json is larger than 16 MiB");
  std::string json(static_cast<std::size_t>(size), '\0');
  MutableByteSpan bytes(reinterpret_cast<std::uint8_t*>(json.data()), json.size());
  std::size_t filled = 0;
  while (std::size_t got = tar.ReadData(bytes.subspan(filled))) filled += got;
  if (out) out->Write(bytes);
  return json;
}

/// Reads the archive to its authenticated end, checking and hashing each entry.
Scan ScanArchive(const std::string& in_path, const AgeIdentities& with,
                 const OutputFor& output_for) {
  FileSource file(in_path);
  AgeDecryptor age(file, with);
  ZstdDecompressor zstd(age);
  TarReader tar(zstd);
  Scan scan;
  while (std::optional<TarEntry> entry = tar.Next()) {
    std::optional<std::string> name = CheckedEntryName(*entry);
    if (!name) continue;
    bool is_manifest = *name == kManifestName;
    if (is_manifest ? scan.manifest.has_value() : scan.files.count(*name) > 0) {
      throw ArchiveError("archive has the entry '" + *name + "' twice");
    }
    std::unique_ptr<FileSink> out = output_for ? output_for(*name) : nullptr;
    if (is_manifest) {
      scan.manifest = ReadManifest(tar, entry->size, out.get());
    } else {
      scan.files[*name] = CopyNdjson(tar, out.get());
    }
    if (out) out->Commit();
  }
  return scan;
}

/// A private directory beside the restore target, removed unless it becomes the target.
class StagingDir {
 public:
  explicit StagingDir(const std::string& out_dir) : target_(Normalized(out_dir)) {
    std::error_code error;
    if (fs::exists(target_, error) &&
        !(fs::is_directory(target_, error) && fs::is_empty(target_, error))) {
      throw IoError("cannot restore into '" + out_dir +
                    "': it exists and is not an empty directory");
    }
    fs::path parent = target_.parent_path().empty() ? fs::path(".") : target_.parent_path();
    fs::create_directories(parent, error);
    std::string leaf = ".";  // built step by step: GCC 12 -O3 warns on "." + std::string
    leaf += target_.filename().string();
    leaf += ".partial.XXXXXX";
    std::string pattern = (parent / leaf).string();
    if (!::mkdtemp(pattern.data()))
      throw IoError("cannot create a directory beside '" + out_dir + "'");
    path_ = pattern;
  }
  ~StagingDir() {
    std::error_code error;
    if (!path_.empty()) fs::remove_all(path_, error);
  }
  StagingDir(const StagingDir&) = delete;
  StagingDir& operator=(const StagingDir&) = delete;

  std::string PathOf(const std::string& name) const { return (path_ / name).string(); }

  /// Renames the directory to the target (replacing it if it is an empty directory).
  void Publish() {
    std::error_code error;
    fs::rename(path_, target_, error);
    if (error) throw IoError("cannot restore into '" + target_.string() + "': " + error.message());
    path_.clear();
  }

 private:
  static fs::path Normalized(const std::string& out_dir) {
    fs::path target = fs::path(out_dir).lexically_normal();
    return target.filename().empty() ? target.parent_path() : target;
  }
  fs::path target_;
  fs::path path_;
};

std::string Summary(const std::vector<std::string>& problems) {
  std::string text = "archive does not match its manifest: " + problems.front();
  if (problems.size() > 1) text += " (and " + std::to_string(problems.size() - 1) + " more)";
  return text;
}

}  // namespace

std::vector<ManifestFile> ReadEscrowArchive(const std::string& in_path, const AgeIdentities& with,
                                            const std::string& out_dir) {
  FileSource probe(in_path);  // a missing archive is reported before anything is created
  StagingDir staging(out_dir);
  Scan scan = ScanArchive(in_path, with, [&](const std::string& name) {
    return std::make_unique<FileSink>(staging.PathOf(name));
  });
  EscrowVerification verification = CompareWithManifest(scan.files, scan.manifest);
  if (!verification.problems.empty()) throw ArchiveMismatch(Summary(verification.problems));
  staging.Publish();
  return verification.files;
}

std::vector<TarEntry> ListEscrowArchive(const std::string& in_path, const AgeIdentities& with) {
  FileSource file(in_path);
  AgeDecryptor age(file, with);
  ZstdDecompressor zstd(age);
  TarReader tar(zstd);
  std::vector<TarEntry> entries;
  while (std::optional<TarEntry> entry = tar.Next()) entries.push_back(*entry);
  return entries;
}

EscrowVerification VerifyEscrowArchive(const std::string& in_path, const AgeIdentities& with) {
  Scan scan = ScanArchive(in_path, with, nullptr);
  return CompareWithManifest(scan.files, scan.manifest);
}

}  // namespace ferry::archive
