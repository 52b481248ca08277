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

std::string TransactionTime() {
  if (const char* fixed = std::getenv("FERRY_FIXED_TIME"); fixed != nullptr && *fixed != '\0') {
    return fixed;
  }
  auto now = std::chrono::system_clock::now();
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch());
  std::time_t seconds = static_cast<std::time_t>(millis.count() / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis.count() % 1000));
  return text;
}

void WriteFileAtomically(const std::string& path, const std::string& content) {
  std::string temp = path + ".tmp";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool ok = fd >= 0;
  for (std::size_t done = 0; ok && done < content.size();) {
    ssize_t wrote = ::write(fd, content.data() + done, content.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    ok = wrote > 0;
    if (ok) done += static_cast<std::size_t>(wrote);
  }
  ok = ok && ::fsync(fd) == 0;
  if (fd >= 0) ok = ::close(fd) == 0 && ok;
  ok = ok && std::rename(temp.c_str(), path.c_str()) == 0;
  if (!ok) {
    throw IoError("cannot write " + path + ": " + std::strerror(errno) +
                  "; check free space and permissions of the target directory");
  }
}

}  // namespace ferry::ndjson
