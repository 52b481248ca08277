#include "adapters/fhir_bulk/bulk_manifest.hpp"

#include <rapidjson/document.h>

namespace ferry::fhir_bulk {

namespace {

/// Appends the files of manifest array `name` (absent = none).
Result<void> AddFiles(const rapidjson::Value& root, const char* name, FileKind kind, Manifest& manifest) {
  auto it = root.FindMember(name);
  if (it == root.MemberEnd() || it->value.IsNull()) return {};
  if (!it->value.IsArray()) return Failure(std::string("manifest: '") + name + "' is not an array");
  rapidjson::SizeType index = 0;
  for (const auto& entry : it->value.GetArray()) {
    std::string where = std::string("manifest: ") + name + "[" + std::to_string(index++) + "]";
    if (!entry.IsObject()) return Failure(where + " is not an object");
    auto url = entry.FindMember("url");
    if (url == entry.MemberEnd() || !url->value.IsString()) return Failure(where + " has no 'url'");
    ManifestFile file;
    file.kind = kind;
    file.url = url->value.GetString();
    auto type = entry.FindMember("type");
    if (type != entry.MemberEnd() && type->value.IsString()) file.type = type->value.GetString();
    if (file.type.empty() && kind == FileKind::kOutput) return Failure(where + " has no 'type'");
    auto count = entry.FindMember("count");
    if (count != entry.MemberEnd() && count->value.IsUint64()) file.count = count->value.GetUint64();
    manifest.files.push_back(std::move(file));
  }
  return {};
}

}  // namespace

const char* FileKindName(FileKind kind) {
  switch (kind) {
    case FileKind::kOutput:
      return "output";
    case FileKind::kError:
      return "error";
    case FileKind::kDeleted:
      return "deleted";
  }
  return "output";
}

Result<Manifest> ParseManifest(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return Failure("manifest: not a JSON object");
  Manifest manifest;
  auto time = doc.FindMember("transactionTime");
  if (time != doc.MemberEnd() && time->value.IsString()) manifest.transaction_time = time->value.GetString();
  auto requires_token = doc.FindMember("requiresAccessToken");
  if (requires_token != doc.MemberEnd() && requires_token->value.IsBool())
    manifest.requires_access_token = requires_token->value.GetBool();
  if (doc.FindMember("output") == doc.MemberEnd()) return Failure("manifest: no 'output' array");
  for (auto [name, kind] : {std::pair{"output", FileKind::kOutput}, std::pair{"error", FileKind::kError},
                            std::pair{"deleted", FileKind::kDeleted}}) {
    if (auto added = AddFiles(doc, name, kind, manifest); !added) return Failure(added.error());
  }
  return manifest;
}

}  // namespace ferry::fhir_bulk
