#include "adapters/ndjson/ndjson_sink.hpp"

#include "core/common/atomic_file.hpp"
#include "core/common/clock.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <sstream>

#include "adapters/ndjson/deleted_file.hpp"
#include "adapters/ndjson/line_reader.hpp"
#include "adapters/ndjson/manifest.hpp"
#include "adapters/ndjson/ndjson_files.hpp"
#include "adapters/ndjson/remote_sink.hpp"
#include "adapters/storage/store_config.hpp"
#include "core/common/hash.hpp"
#include "core/common/error.hpp"
#include "core/common/log.hpp"
#include "core/fhir/json.hpp"

namespace ferry::ndjson {

namespace fs = std::filesystem;

namespace {

/// Creates `dir` and any missing parents with mode 0755.
void MakeDirectories(const fs::path& dir) {
  fs::path partial;
  for (const fs::path& part : dir) {
    partial /= part;
    if (::mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST) {
      throw IoError("cannot create directory " + partial.string() + ": " + std::strerror(errno) +
                    "; check the permissions of its parent or set `path` elsewhere");
    }
  }
}

/// Makes the entries of `dir` (newly created files) durable.
void SyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    throw IoError("cannot sync directory " + dir.string() + ": " + std::strerror(errno));
  }
  ::close(fd);
}

/// The `id` of a resource, or "" when it has none.
std::string_view IdOf(const JsonValue& resource) {
  auto id = resource.FindMember("id");
  if (id == resource.MemberEnd() || !id->value.IsString()) return {};
  return std::string_view(id->value.GetString(), id->value.GetStringLength());
}

bool ParseNumber(const std::string& text, std::uint64_t& number) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

std::map<std::string, FileLength> NdjsonSink::ParseCheckpoint(const std::string& checkpoint,
                                                              const std::string& where) {
  std::map<std::string, FileLength> lengths;
  std::istringstream lines(checkpoint);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    std::string file, bytes, count, rest;
    FileLength length;
    bool ok = static_cast<bool>(fields >> file >> bytes >> count) && !(fields >> rest) &&
              (ParseOutputName(file).has_value() || file == kDeletedFileName) &&
              ParseNumber(bytes, length.bytes) &&
              ParseNumber(count, length.lines);
    if (!ok) {
      throw PlanError(where +
                      "ndjson sink: the saved checkpoint is damaged; run again without "
                      "--resume into an empty directory");
    }
    lengths[file] = length;
  }
  return lengths;
}

NdjsonSink::NdjsonSink(fs::path dir, bool overwrite, std::string where, FileLimits limits)
    : dir_(std::move(dir)), overwrite_(overwrite), where_(std::move(where)), limits_(std::move(limits)) {}

void NdjsonSink::Restore(const std::string& checkpoint) {
  restored_ = ParseCheckpoint(checkpoint, where_);
  MakeDirectories(dir_);
  for (const auto& [name, length] : restored_) {
    fs::path path = dir_ / name;
    if (length.bytes > 0 && !fs::exists(path)) {
      throw IoError(path.string() + " is missing, but the last checkpoint holds " +
                    std::to_string(length.bytes) + " bytes of it; the target was changed " +
                    "outside ferry, so run again without --resume into an empty directory");
    }
  }
  for (const NdjsonFile& output : ListOutputs(dir_)) {
    auto it = restored_.find(output.name);
    if (it == restored_.end()) {
      fs::remove(output.path);  // begun after the checkpoint
    } else {
      TruncateFile(output.path, it->second.bytes);
    }
  }
  if (fs::path deleted = dir_ / kDeletedFileName; fs::exists(deleted)) {
    auto it = restored_.find(std::string(kDeletedFileName));
    TruncateFile(deleted.string(), it == restored_.end() ? 0 : it->second.bytes);
  }
  prepared_ = true;
}

bool NdjsonSink::Remove(std::span<const ResourceKey> keys) {
  if (!prepared_) PrepareFreshTarget();
  for (std::size_t begin = 0; begin < keys.size(); begin += kDeletesPerBundle) {
    std::size_t count = std::min(kDeletesPerBundle, keys.size() - begin);
    DeletedFile().AppendLine(DeletedBundleLine(keys.subspan(begin, count)));
  }
  return true;
}

std::vector<WriteOutcome> NdjsonSink::Write(std::span<const Resource> batch) {
  if (!prepared_) PrepareFreshTarget();
  std::vector<WriteOutcome> outcomes(batch.size());
  for (std::size_t resource_idx = 0; resource_idx < batch.size(); ++resource_idx) {
    const Resource& resource = batch[resource_idx];
    WriteOutcome& outcome = outcomes[resource_idx];
    if (!IsResourceTypeName(resource.resource_type)) {
      outcome = {WriteStatus::kFailed, "resource type is not a FHIR resource type name"};
    } else if (resource.json.find('\n') != std::string::npos) {
      outcome = {WriteStatus::kFailed, "resource JSON holds a line break; NDJSON needs one line"};
    } else if (TooLargeForAnyFile(limits_, resource.json.size() + 1)) {
      outcome = {WriteStatus::kFailed, "resource is " + std::to_string(resource.json.size() + 1) +
                                           " bytes as a line, more than max_file_bytes (" +
                                           std::to_string(limits_.max_file_bytes) + ") allows one file"};
    } else {
      new_entries_ = PartsFor(resource.resource_type).Append(resource.json) || new_entries_;
    }
  }
  return outcomes;
}

std::string NdjsonSink::Commit() {
  for (auto& [type, parts] : types_) parts.Sync();
  if (deleted_) deleted_->Sync();
  if (new_entries_) SyncDirectory(dir_);
  new_entries_ = false;
  std::string checkpoint;
  for (const auto& [name, length] : Lengths()) {
    checkpoint += name + " " + std::to_string(length.bytes) + " " + std::to_string(length.lines) + "\n";
  }
  return checkpoint;
}

void NdjsonSink::Finish() {
  MakeDirectories(dir_);
  Commit();
  std::map<std::string, FileLength> lengths = Lengths();
  std::vector<ManifestOutput> outputs;
  for (const NdjsonFile& output : ListOutputs(dir_)) {
    auto it = lengths.find(output.name);
    std::uint64_t count = it != lengths.end() ? it->second.lines : CountLines(output);
    if (count > 0) outputs.push_back({output.resource_type, output.name, count, 0, ""});
  }
  WarnIfTooManyFiles(outputs.size());
  std::vector<ManifestOutput> deleted;
  if (auto it = lengths.find(std::string(kDeletedFileName)); it != lengths.end() && it->second.lines > 0) {
    deleted.push_back({"Bundle", std::string(kDeletedFileName), it->second.lines, 0, ""});
  }
  WriteFileAtomically((dir_ / "manifest.json").string(), ManifestJson(outputs, NowInstant(), deleted), 0644);
  SyncDirectory(dir_);
}

void VisitWrittenLine(const Line& line, const NdjsonFile& file, const char* where, JsonDocument& doc,
                      const std::function<void(const StoredResource&)>& visit) {
  std::string error = line.error;
  if (error.empty()) {
    Result<void> parsed = ParseJson(line.text, doc);
    error = !parsed ? parsed.error() : doc.IsObject() ? "" : "not a JSON object";
  }
  if (!error.empty()) {
    throw PlanError(file.name + ":" + std::to_string(line.number) + ": cannot read the target back: " + error +
                    "; the " + where + " was changed outside ferry");
  }
  visit(StoredResource{file.resource_type, IdOf(doc), line.text});
}

void NdjsonSink::Scan(const std::function<void(const StoredResource&)>& visit) {
  for (auto& [type, parts] : types_) parts.Flush();
  JsonDocument doc;
  for (const NdjsonFile& output : ListOutputs(dir_)) {
    LineReader reader(output.path, output.name);
    for (Line line; reader.Next(line);) VisitWrittenLine(line, output, "file", doc, visit);
  }
}

// First write of a fresh start: refuse a directory holding NDJSON we did not write, or
// with `overwrite`, clear our file names from it.
void NdjsonSink::PrepareFreshTarget() {
  MakeDirectories(dir_);
  if (!overwrite_) {
    for (const NdjsonFile& input : ListInputs(dir_, {})) {
      if (input.size == 0) continue;
      throw PlanError(where_ + "target directory " + dir_.string() + " already holds " +
                      input.name + "; set overwrite: true or choose an empty directory");
    }
  }
  fs::path deleted = dir_ / kDeletedFileName;
  if (!overwrite_ && fs::exists(deleted) && fs::file_size(deleted) > 0) {
    throw PlanError(where_ + "target directory " + dir_.string() + " already holds " +
                    std::string(kDeletedFileName) + "; set overwrite: true or choose an empty directory");
  }
  fs::remove(deleted);
  for (const NdjsonFile& output : ListOutputs(dir_)) fs::remove(output.path);
  prepared_ = true;
}

// `deleted.ndjson`, opened at its checkpointed length when first needed.
OutputFile& NdjsonSink::DeletedFile() {
  if (deleted_) return *deleted_;
  FileLength start;
  if (auto it = restored_.find(std::string(kDeletedFileName)); it != restored_.end()) start = it->second;
  std::string path = (dir_ / kDeletedFileName).string();
  new_entries_ = new_entries_ || !fs::exists(path);
  deleted_ = std::make_unique<OutputFile>(path, start.bytes, start.lines);
  return *deleted_;
}

TypeParts& NdjsonSink::PartsFor(const std::string& resource_type) {
  auto open = types_.find(resource_type);
  if (open != types_.end()) return open->second;
  std::map<std::uint32_t, FileLength> restored;
  for (const auto& [name, length] : restored_) {
    std::optional<OutputName> parsed = ParseOutputName(name);
    if (parsed && parsed->resource_type == resource_type) restored[parsed->part] = length;
  }
  return types_.try_emplace(resource_type, dir_, resource_type, limits_, std::move(restored)).first->second;
}

// The restored lengths, overlaid with those of the files written since.
std::map<std::string, FileLength> NdjsonSink::Lengths() const {
  std::map<std::string, FileLength> lengths = restored_;
  for (const auto& [type, parts] : types_) parts.AddLengths(lengths);
  if (deleted_) lengths[std::string(kDeletedFileName)] = {deleted_->bytes(), deleted_->lines()};
  return lengths;
}

std::uint64_t NdjsonSink::CountLines(const NdjsonFile& file) const {
  std::uint64_t lines = 0;
  LineReader reader(file.path, file.name);
  for (Line line; reader.Next(line);) ++lines;
  return lines;
}

void NdjsonSink::WarnIfTooManyFiles(std::size_t files) const {
  if (limits_.max_files == 0 || files <= limits_.max_files) return;
  FERRY_WARN(where_ + "ndjson target: " + std::to_string(files) + " files, more than the " +
             std::to_string(limits_.max_files) + " one " + limits_.title +
             " job takes; raise max_file_bytes / max_file_resources or import in several jobs");
}

std::unique_ptr<Sink> OpenSink(const AdapterConfig& config) {
  std::string where = config.location.empty() ? "" : config.location + ": ";
  storage::StorageUrl url = storage::ParseStorageUrl(config.GetString("path"), where);
  if (url.kind == storage::StoreKind::kLocal) {
    return std::make_unique<NdjsonSink>(url.local_dir, config.GetBool("overwrite"), where,
                                        LimitsFromConfig(config, where));
  }
  // One staging directory per target URL, so that two plans sharing `staging` do not mix.
  fs::path staging = fs::path(config.GetString("staging")) / Sha256Hex(url.text).substr(0, 16);
  return std::make_unique<RemoteSink>(storage::OpenStore(url, config), url.prefix, staging,
                                      config.GetBool("overwrite"), where, LimitsFromConfig(config, where));
}

}  // namespace ferry::ndjson
