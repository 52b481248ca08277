#include "core/pipeline/encrypted_dead_letter.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/common/error.hpp"

namespace ferry {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSuffix = ".ndjson.age";

/// The index of a segment file name (`000012.ndjson.age` -> 12), or -1 for anything else.
long long SegmentIndex(const std::string& name) {
  if (name.size() != 6 + kSuffix.size() || name.compare(6, kSuffix.size(), kSuffix) != 0) return -1;
  long long index = 0;
  for (std::size_t idx = 0; idx < 6; ++idx) {
    if (name[idx] < '0' || name[idx] > '9') return -1;
    index = index * 10 + (name[idx] - '0');
  }
  return index;
}

}  // namespace

EncryptedDeadLetter::EncryptedDeadLetter(std::string dir, std::uint64_t valid_segments, archive::AgeRecipients to)
    : dir_(std::move(dir)), to_(std::move(to)), segments_(valid_segments) {
  archive::MemorySink probe;
  archive::AgeEncryptor check(probe, to_);  // bad recipients fail now, not at the first failure
  std::error_code error;
  fs::create_directories(dir_, error);
  if (::chmod(dir_.c_str(), 0700) != 0)
    throw IoError(dir_ + ": cannot create the encrypted dead-letter directory: " + std::strerror(errno));
  for (const auto& entry : fs::directory_iterator(dir_)) {
    long long index = SegmentIndex(entry.path().filename().string());
    bool ours = index >= 0 || entry.path().filename().string().find(kSuffix) != std::string::npos;
    if (ours && (index < 0 || static_cast<std::uint64_t>(index) >= segments_)) fs::remove(entry.path(), error);
  }
}

EncryptedDeadLetter::~EncryptedDeadLetter() = default;  // an unsealed segment's temp file is removed

std::string EncryptedDeadLetter::SegmentPath(std::uint64_t index) const {
  char name[32];
  std::snprintf(name, sizeof name, "%06llu", static_cast<unsigned long long>(index));
  return (fs::path(dir_) / (std::string(name) + std::string(kSuffix))).string();
}

void EncryptedDeadLetter::Append(std::string_view line) {
  if (!age_) {
    file_ = std::make_unique<archive::FileSink>(SegmentPath(segments_));
    age_ = std::make_unique<archive::AgeEncryptor>(*file_, to_);
  }
  age_->Write(archive::AsBytes(line));
  age_->Write(archive::AsBytes("\n"));
}

std::uint64_t EncryptedDeadLetter::Flush() {
  if (!age_) return segments_;
  age_->Finish();
  file_->Commit();
  age_.reset();
  file_.reset();
  return ++segments_;
}

}  // namespace ferry
