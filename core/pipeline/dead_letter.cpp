#include "core/pipeline/dead_letter.hpp"

#include "core/common/utf8.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/common/error.hpp"
#include "core/fhir/json.hpp"
#include "core/common/hash.hpp"

namespace ferry {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Member(Writer& writer, const char* key, std::string_view value) {
  if (value.empty()) return;
  writer.Key(key);
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void WriteRow(Writer& writer, const RawRecord& record) {
  writer.Key("record");
  writer.StartObject();
  for (std::size_t column_idx = 0; column_idx < record.columns->size(); ++column_idx) {
    const std::string& name = (*record.columns)[column_idx];
    writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    if (column_idx >= record.values.size() || record.IsNull(column_idx)) {
      writer.Null();
    } else {
      const std::string& value = record.values[column_idx];
      writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    }
  }
  writer.EndObject();
}

/// Embeds `json` as a value when it parses, else as a string under `raw`.
void WriteDocument(Writer& writer, const char* key, std::string_view json) {
  JsonDocument doc;
  if (ParseJson(json, doc).ok()) {
    std::string text = WriteJson(doc);
    writer.Key(key);
    writer.RawValue(text.data(), text.size(), rapidjson::kObjectType);
  } else {
    Member(writer, "raw", json);
  }
}

void WriteRecord(Writer& writer, const RawRecord& record) {
  if (!record.read_error.empty()) {
    // Bytes that are not UTF-8 (a binary file) cannot be a JSON string: base64 keeps them.
    if (IsValidUtf8(record.payload)) {
      Member(writer, "raw", record.payload);
    } else {
      Member(writer, "raw_base64", Base64(record.payload));
    }
  } else if (record.is_row()) {
    WriteRow(writer, record);
  } else {
    WriteDocument(writer, "record", record.payload);
  }
}

}  // namespace

std::string RenderDeadLetter(const DeadLetterEntry& entry) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  Member(writer, "stage", entry.stage);
  if (entry.record) Member(writer, "location", entry.record->location.ToString());
  Member(writer, "rule", entry.rule);
  Member(writer, "resource_type", entry.resource_type);
  Member(writer, "error", entry.error);
  if (entry.record) WriteRecord(writer, *entry.record);
  if (!entry.resource_json.empty()) WriteDocument(writer, "resource", entry.resource_json);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

DeadLetterFile::DeadLetterFile(const std::string& path, std::uint64_t valid_bytes,
                               const std::vector<std::string>& encrypt_to)
    : path_(path), size_(valid_bytes) {
  if (!encrypt_to.empty()) {
    archive::AgeRecipients to;
    to.recipients = encrypt_to;
    encrypted_ = std::make_unique<EncryptedDeadLetter>(path, valid_bytes, std::move(to));
    return;
  }
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || ftruncate(fd, static_cast<off_t>(valid_bytes)) != 0 || lseek(fd, 0, SEEK_END) < 0) {
    std::string reason = std::strerror(errno);
    if (fd >= 0) close(fd);
    throw IoError(path + ": cannot open the dead-letter file: " + reason + "; check the directory is writable");
  }
  fchmod(fd, 0600);
  file_ = fdopen(fd, "a");
}

DeadLetterFile::~DeadLetterFile() {
  if (file_) std::fclose(file_);
}

void DeadLetterFile::Append(std::string_view line) {
  if (encrypted_) return encrypted_->Append(line);
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fputc('\n', file_) == EOF)
    throw IoError(path_ + ": cannot write the dead-letter file: " + std::strerror(errno));
  size_ += line.size() + 1;
}

std::uint64_t DeadLetterFile::Flush() {
  if (encrypted_) return encrypted_->Flush();
  if (size_ == synced_size_) return size_;  // nothing appended since the last sync
  if (std::fflush(file_) != 0 || fdatasync(fileno(file_)) != 0)
    throw IoError(path_ + ": cannot write the dead-letter file: " + std::strerror(errno));
  synced_size_ = size_;
  return size_;
}

}  // namespace ferry
