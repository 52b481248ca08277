#include "adapters/ndjson/manifest.hpp"

#include <fcntl.h>
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

std::string ManifestJson(const std::vector<ManifestOutput>& outputs,
                         const std::string& transaction_time) {
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
  writer.Key("output");
  writer.StartArray();
  for (const ManifestOutput& output : outputs) {
    writer.StartObject();
    writer.Key("type");
    writer.String(output.type.c_str(), static_cast<rapidjson::SizeType>(output.type.size()));
    writer.Key("url");
    writer.String(output.url.c_str(), static_cast<rapidjson::SizeType>(output.url.size()));
    writer.Key("count");
    writer.Uint64(output.count);
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("error");
  writer.StartArray();
  writer.EndArray();
  writer.EndObject();
  return std::string(text.GetString(), text.GetSize()) + "\n";
}

}  // namespace ferry::ndjson
