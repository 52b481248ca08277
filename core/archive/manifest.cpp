#include "core/archive/manifest.hpp"

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "core/archive/archive_error.hpp"

namespace ferry::archive {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void WriteString(Writer& writer, const char* key, const std::string& value) {
  writer.Key(key);
  writer.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void WriteFile(Writer& writer, const ManifestFile& file) {
  writer.StartObject();
  WriteString(writer, "type", file.type);
  WriteString(writer, "url", file.url);
  writer.Key("count");
  writer.Uint64(file.count);
  writer.Key("bytes");
  writer.Uint64(file.bytes);
  WriteString(writer, "sha256", file.sha256);
  writer.EndObject();
}

[[noreturn]] void ThrowInvalid(const std::string& reason) {
  throw ArchiveError("the archive's manifest.json is not valid: " + reason);
}

std::string StringField(const rapidjson::Value& object, const char* key, std::size_t index) {
  auto member = object.FindMember(key);
  if (member == object.MemberEnd() || !member->value.IsString()) {
    ThrowInvalid("output " + std::to_string(index) + " has no string '" + key + "'");
  }
  return std::string(member->value.GetString(), member->value.GetStringLength());
}

std::uint64_t NumberField(const rapidjson::Value& object, const char* key, std::size_t index) {
  auto member = object.FindMember(key);
  if (member == object.MemberEnd() || !member->value.IsUint64()) {
    ThrowInvalid("output " + std::to_string(index) + " has no whole number '" + key + "'");
  }
  return member->value.GetUint64();
}

ManifestFile ParseFile(const rapidjson::Value& output, std::size_t index) {
  if (!output.IsObject()) ThrowInvalid("output " + std::to_string(index) + " is not an object");
  return ManifestFile{StringField(output, "type", index), StringField(output, "url", index),
                      NumberField(output, "count", index), NumberField(output, "bytes", index),
                      StringField(output, "sha256", index)};
}

}  // namespace

std::string EscrowManifestJson(const std::vector<ManifestFile>& files,
                               const std::string& transaction_time) {
  rapidjson::StringBuffer text;
  Writer writer(text);
  writer.SetIndent(' ', 2);
  writer.StartObject();
  WriteString(writer, "transactionTime", transaction_time);
  WriteString(writer, "request", "ferry escrow");
  writer.Key("requiresAccessToken");
  writer.Bool(false);
  WriteString(writer, "format", "ferry-escrow/1");
  writer.Key("output");
  writer.StartArray();
  for (const ManifestFile& file : files) WriteFile(writer, file);
  writer.EndArray();
  writer.Key("error");
  writer.StartArray();
  writer.EndArray();
  writer.EndObject();
  return std::string(text.GetString(), text.GetSize()) + "\n";
}

std::vector<ManifestFile> ParseEscrowManifest(std::string_view json) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError() || !document.IsObject()) ThrowInvalid("it is not a JSON object");
  auto output = document.FindMember("output");
  if (output == document.MemberEnd() || !output->value.IsArray())
    ThrowInvalid("it has no 'output' array");
  std::vector<ManifestFile> files;
  std::size_t index = 0;
  for (const rapidjson::Value& entry : output->value.GetArray())
    files.push_back(ParseFile(entry, ++index));
  return files;
}

std::string ManifestTime() {
  if (const char* fixed = std::getenv("FERRY_FIXED_TIME")) return fixed;
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return text;
}

}  // namespace ferry::archive
