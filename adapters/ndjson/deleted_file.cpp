#include "adapters/ndjson/deleted_file.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fstream>
#include <sstream>

#include "core/common/error.hpp"
#include "core/fhir/json.hpp"

namespace ferry::ndjson {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

/// The member `name` of `object`, or null when `object` is not an object or lacks it.
const rapidjson::Value* Find(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::string Member(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value* value = Find(object, name);
  return value && value->IsString() ? value->GetString() : "";
}

std::string Compact(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

RawRecord Base(std::string stream, const std::string& label, const Line& line) {
  RawRecord record;
  record.stream = std::move(stream);
  record.location.file = label;
  record.location.line = line.number;
  return record;
}

/// The record of one entry: a delete of `Type/id`, or a read error.
RawRecord DeleteRecord(const rapidjson::Value& entry, const std::string& label, const std::string& what,
                       const Line& line) {
  const rapidjson::Value* request = Find(entry, "request");
  std::string url = request ? Member(*request, "url") : "";
  std::string method = request ? Member(*request, "method") : "";
  std::size_t slash = url.find('/');
  std::string type = url.substr(0, slash);
  std::string id = slash == std::string::npos ? "" : url.substr(slash + 1);
  RawRecord record = Base(type.empty() ? "Bundle" : type, label, line);
  record.payload = Compact(entry);
  if (method != "DELETE" || type.empty() || id.empty() || id.find_first_of("/?#") != std::string::npos)
    record.read_error = what + ": an entry that is not a request DELETE Type/id (request.method, request.url)";
  else
    record.delete_id = std::move(id);
  return record;
}

}  // namespace

std::string DeletedBundleLine(std::span<const ResourceKey> keys) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  writer.Key("resourceType");
  writer.String("Bundle");
  writer.Key("type");
  writer.String("transaction");
  writer.Key("entry");
  writer.StartArray();
  for (const ResourceKey& key : keys) {
    std::string entry = DeleteEntryJson(key.resource_type, key.id);
    writer.RawValue(entry.data(), entry.size(), rapidjson::kObjectType);
  }
  writer.EndArray();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

void AppendDeleteRecords(const Line& line, const std::string& label, const std::string& what,
                         std::vector<RawRecord>& out) {
  rapidjson::Document doc;
  doc.Parse(line.text.data(), line.text.size());
  const rapidjson::Value* entries = doc.HasParseError() ? nullptr : Find(doc, "entry");
  if (!line.error.empty() || !entries || !entries->IsArray()) {
    RawRecord record = Base("Bundle", label, line);
    record.payload.assign(line.text);
    record.read_error = line.error.empty() ? what + ": a line that is not a Bundle with entries" : line.error;
    out.push_back(std::move(record));
    return;
  }
  for (const auto& entry : entries->GetArray()) out.push_back(DeleteRecord(entry, label, what, line));
}

namespace {

/// The `url`s of the manifest's `deleted` array; empty when the manifest has none.
std::vector<std::string> ManifestDeletedUrls(const std::filesystem::path& manifest) {
  std::ifstream in(manifest, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  std::string content = text.str();
  doc.Parse(content.data(), content.size());
  const rapidjson::Value* deleted = doc.HasParseError() ? nullptr : Find(doc, "deleted");
  std::vector<std::string> urls;
  if (!deleted || !deleted->IsArray()) return urls;
  for (const auto& file : deleted->GetArray()) urls.push_back(Member(file, "url"));
  return urls;
}

}  // namespace

std::vector<NdjsonFile> ListDeletedInputs(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  if (fs::exists(dir / "manifest.json")) names = ManifestDeletedUrls(dir / "manifest.json");
  else if (fs::exists(dir / kDeletedFileName)) names.emplace_back(kDeletedFileName);
  std::vector<NdjsonFile> files;
  for (const std::string& name : names) {
    fs::path path = dir / name;
    bool plain = !name.empty() && name.find('/') == std::string::npos && name != "." && name != "..";
    if (!plain || !fs::is_regular_file(path)) {
      throw PlanError((dir / "manifest.json").string() + ": its `deleted` array lists a file that is not a file "
                      "beside it; fix the manifest or remove the entry");
    }
    files.push_back({name, "Bundle", path.string(), fs::file_size(path), true});
  }
  return files;
}

}  // namespace ferry::ndjson
