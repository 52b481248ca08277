#include "adapters/ndjson/manifest.hpp"

#include <fcntl.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "core/common/error.hpp"

namespace ferry::ndjson {

namespace {

void FileArray(rapidjson::PrettyWriter<rapidjson::StringBuffer>& writer, const char* key,
               const std::vector<ManifestOutput>& files) {
  writer.Key(key);
  writer.StartArray();
  for (const ManifestOutput& output : files) {
    writer.StartObject();
    writer.Key("type");
    writer.String(output.type.c_str(), static_cast<rapidjson::SizeType>(output.type.size()));
    writer.Key("url");
    writer.String(output.url.c_str(), static_cast<rapidjson::SizeType>(output.url.size()));
    writer.Key("count");
    writer.Uint64(output.count);
    if (!output.sha256.empty()) {
      writer.Key("size");
      writer.Uint64(output.size);
      writer.Key("sha256");
      writer.String(output.sha256.c_str(), static_cast<rapidjson::SizeType>(output.sha256.size()));
    }
    writer.EndObject();
  }
  writer.EndArray();
}

}  // namespace

std::string ManifestJson(const std::vector<ManifestOutput>& outputs,
                         const std::string& transaction_time,
                         const std::vector<ManifestOutput>& deleted) {
  rapidjson::StringBuffer text;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(text);
  writer.SetIndent(' ', 2);
  writer.StartObject();
  writer.Key("transactionTime");
  writer.String(transaction_time.c_str(),
                static_cast<rapidjson::SizeType>(transaction_time.size()));
  writer.Key("request");
  writer.String("ferry run");
  writer.Key("requiresAccessToken");
  writer.Bool(false);
  FileArray(writer, "output", outputs);
  writer.Key("error");
  writer.StartArray();
  writer.EndArray();
  if (!deleted.empty()) FileArray(writer, "deleted", deleted);
  writer.EndObject();
  return std::string(text.GetString(), text.GetSize()) + "\n";
}

namespace {

std::string StringMember(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

std::uint64_t NumberMember(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsUint64() ? it->value.GetUint64() : 0;
}

}  // namespace

std::vector<ManifestOutput> ParseManifestOutputs(const std::string& text,
                                                 const std::string& display_name) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("output") || !doc["output"].IsArray()) {
    throw PlanError(display_name + ": not a bulk-data manifest (no \"output\" array)");
  }
  std::vector<ManifestOutput> outputs;
  for (const rapidjson::Value& entry : doc["output"].GetArray()) {
    if (!entry.IsObject()) continue;
    outputs.push_back({StringMember(entry, "type"), StringMember(entry, "url"),
                       NumberMember(entry, "count"), NumberMember(entry, "size"),
                       StringMember(entry, "sha256")});
  }
  return outputs;
}

}  // namespace ferry::ndjson
