#include "adapters/archive/archive_source.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "core/archive/archive_error.hpp"
#include "core/archive/escrow.hpp"
#include "core/archive/escrow_check.hpp"
#include "core/archive/tar.hpp"
#include "core/archive/zstd_stream.hpp"
#include "core/common/error.hpp"
#include "core/common/strings.hpp"

namespace ferry::archive {

namespace {

constexpr std::size_t kReadBlock = 64 * 1024;
constexpr std::size_t kMaxLine = 256 * 1024 * 1024;
constexpr std::string_view kNdjsonSuffix = ".ndjson";

/// A source that counts the bytes read through it (for Progress).
class CountingSource : public ByteSource {
 public:
  explicit CountingSource(ByteSource& in) : in_(in) {}
  std::size_t Read(MutableByteSpan out) override {
    std::size_t got = in_.Read(out);
    count_ += got;
    return got;
  }
  std::uint64_t count() const { return count_; }

 private:
  ByteSource& in_;
  std::uint64_t count_ = 0;
};

std::string ProblemsText(const std::vector<std::string>& problems) {
  std::string text = "archive does not match its manifest: " + problems.front();
  if (problems.size() > 1) text += " (and " + std::to_string(problems.size() - 1) + " more)";
  return text;
}

}  // namespace

/// The decryption chain, file -> age -> zstd -> tar, and the current entry's unread bytes.
struct ArchiveSource::Chain {
  Chain(const std::string& path, const AgeIdentities& with)
      : file(path), counted(file), age(counted, with), zstd(age), tar(zstd), buffer(kReadBlock) {}
  FileSource file;
  CountingSource counted;
  AgeDecryptor age;
  ZstdDecompressor zstd;
  TarReader tar;
  Bytes buffer;
  std::size_t begin = 0;
  std::size_t end = 0;
};

ArchiveSource::ArchiveSource(std::string path, AgeIdentities with, std::set<std::string> types)
    : path_(std::move(path)), with_(std::move(with)), types_(std::move(types)) {}

ArchiveSource::~ArchiveSource() = default;

void ArchiveSource::Seek(const std::string& cursor) {
  if (!verified_) {
    EscrowVerification verification = VerifyEscrowArchive(path_, with_);
    if (!verification.problems.empty()) throw ArchiveMismatch(path_ + ": " + ProblemsText(verification.problems));
    verified_ = true;
  }
  chain_ = std::make_unique<Chain>(path_, with_);
  entry_index_ = 0;
  entry_name_.clear();
  ended_ = false;
  if (cursor.empty()) return;
  std::vector<std::string> parts = Split(cursor, ':');
  std::uint64_t target_entry = 0;
  std::uint64_t target_lines = 0;
  try {
    if (parts.size() != 2) throw std::invalid_argument("parts");
    target_entry = std::stoull(parts[0]);
    target_lines = std::stoull(parts[1]);
  } catch (const std::exception&) {
    throw PlanError("archive source: the saved cursor '" + cursor + "' is not <entry>:<lines>; delete the state file");
  }
  while (entry_index_ < target_entry && OpenNextEntry()) {
  }
  if (entry_index_ < target_entry)
    throw PlanError("archive source: the saved cursor is past the end of " + path_ + "; delete the state file");
  std::string line;
  while (line_number_ < target_lines && ReadLine(line)) {
  }
}

bool ArchiveSource::OpenNextEntry() {
  entry_name_.clear();
  if (ended_) return false;  // the tar reader must not be asked past its end
  while (std::optional<TarEntry> entry = chain_->tar.Next()) {
    ++entry_index_;
    std::optional<std::string> name = CheckedEntryName(*entry);
    if (!name || *name == kManifestName || !EndsWith(*name, kNdjsonSuffix)) continue;
    std::string type = name->substr(0, name->size() - kNdjsonSuffix.size());
    if (!types_.empty() && !types_.count(type)) continue;
    entry_name_ = *name;
    entry_type_ = std::move(type);
    line_number_ = 0;
    chain_->begin = chain_->end = 0;
    return true;
  }
  ended_ = true;
  return false;
}

bool ArchiveSource::ReadLine(std::string& line) {
  line.clear();
  Chain& chain = *chain_;
  while (true) {
    if (chain.begin == chain.end) {
      chain.begin = 0;
      chain.end = chain.tar.ReadData(chain.buffer);
      if (chain.end == 0) {
        if (line.empty()) return false;
        ++line_number_;  // a last line without '\n'
        return true;
      }
    }
    const std::uint8_t* start = chain.buffer.data() + chain.begin;
    std::size_t available = chain.end - chain.begin;
    const void* newline = std::memchr(start, '\n', available);
    std::size_t take = newline ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(newline) - start) : available;
    if (line.size() + take > kMaxLine)
      throw ArchiveError(path_ + ": " + entry_name_ + ":" + std::to_string(line_number_ + 1) +
                         ": a line longer than 256 MiB; this is not an escrow archive's NDJSON");
    line.append(reinterpret_cast<const char*>(start), take);
    chain.begin += take;
    if (newline) {
      ++chain.begin;
      ++line_number_;
      return true;
    }
  }
}

RecordBatch ArchiveSource::Next(std::size_t max) {
  RecordBatch batch;
  if (!chain_) Seek("");
  std::string line;
  while (batch.records.size() < max) {
    if (entry_name_.empty() && !OpenNextEntry()) break;
    if (!ReadLine(line)) {
      entry_name_.clear();
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    RawRecord record;
    record.stream = entry_type_;
    record.location.file = entry_name_;
    record.location.line = line_number_;
    record.payload = std::move(line);
    batch.records.push_back(std::move(record));
    line = std::string();
  }
  batch.cursor = Cursor();
  return batch;
}

std::string ArchiveSource::Cursor() const {
  // At the end of an entry the cursor names the entry, so a resume skips it whole.
  return std::to_string(entry_index_) + ":" + std::to_string(line_number_);
}

std::optional<double> ArchiveSource::Progress() const {
  std::error_code error;
  std::uintmax_t size = std::filesystem::file_size(path_, error);
  if (error || size == 0 || !chain_) return std::nullopt;
  return std::min(1.0, static_cast<double>(chain_->counted.count()) / static_cast<double>(size));
}

std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context) {
  std::string where = config.location.empty() ? "" : config.location + ": ";
  if (int{config.Has("identity")} + int{config.Has("passphrase")} != 1)
    throw PlanError(where + "archive source: give exactly one of `identity` and `passphrase`");
  std::string path = config.GetString("path");
  if (!std::filesystem::is_regular_file(path))
    throw IoError(where + "archive source: " + path + " does not exist; set `path` to the archive file");
  AgeIdentities with;
  if (config.Has("identity")) with.identities.push_back(config.GetString("identity"));
  with.passphrase = config.GetString("passphrase");
  std::set<std::string> types(context.streams.begin(), context.streams.end());
  return std::make_unique<ArchiveSource>(std::move(path), std::move(with), std::move(types));
}

}  // namespace ferry::archive
