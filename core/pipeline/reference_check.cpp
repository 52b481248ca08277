#include "core/pipeline/reference_check.hpp"

#include <algorithm>
#include <cstring>
#include <functional>

#include "adapters/fhir/references.hpp"
#include "adapters/http/url.hpp"
#include "core/common/error.hpp"
#include "core/fhir/json.hpp"
#include "core/state/state_store.hpp"

namespace ferry {

namespace {

constexpr std::size_t kSpoolBuffer = 4096;

/// Pseudo types that keep the other hashes apart from `Type/id` (a type is capitalised).
constexpr std::string_view kUrnSpace = "urn";
std::string IdentifierSpace(std::string_view type) { return std::string(type) + "?identifier"; }
std::string AnySystemSpace(std::string_view type) { return std::string(type) + "?identifier:any"; }

std::string_view StringOf(const JsonValue& object, const char* name) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString() || IsRawNumber(it->value)) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

using Visit = std::function<void(const std::string& path, std::string_view text, std::string_view type_hint)>;

/// Calls `visit` for every Reference.reference under `value`, with the element path of
/// the Reference (member names joined by '.', no array indices).
void WalkReferences(const JsonValue& value, std::string& path, const Visit& visit) {
  if (value.IsArray()) {
    for (const auto& item : value.GetArray()) WalkReferences(item, path, visit);
    return;
  }
  if (!value.IsObject()) return;
  std::string_view reference = StringOf(value, "reference");
  if (!reference.empty()) visit(path, reference, StringOf(value, "type"));
  for (const auto& member : value.GetObject()) {
    if (!member.value.IsObject() && !member.value.IsArray()) continue;
    std::size_t size = path.size();
    path.append(".").append(member.name.GetString(), member.name.GetStringLength());
    WalkReferences(member.value, path, visit);
    path.resize(size);
  }
}

std::vector<std::string> ContainedIds(const JsonValue& resource) {
  std::vector<std::string> ids;
  auto it = resource.FindMember("contained");
  if (it == resource.MemberEnd() || !it->value.IsArray()) return ids;
  for (const auto& item : it->value.GetArray()) {
    if (item.IsObject()) ids.emplace_back(StringOf(item, "id"));
  }
  return ids;
}

/// The value of a conditional reference's only `identifier` parameter; false when the
/// criteria are anything else (more parameters, modifiers, other parameters).
bool IdentifierCriterion(std::string_view query, std::string& value) {
  constexpr std::string_view kParam = "identifier=";
  if (!query.starts_with(kParam) || query.find('&') != std::string_view::npos) return false;
  value = http::PercentDecode(query.substr(kParam.size()));
  return !value.empty() && value.back() != '|';
}

}  // namespace

/// One spooled reference: the hash it needs, its group and where it was read.
struct ReferenceCheck::Pending {
  std::uint64_t key = 0;
  std::uint64_t line = 0;
  std::uint32_t group = 0;
  std::uint32_t file = 0;
};

const char* DanglingKindName(DanglingKind kind) {
  switch (kind) {
    case DanglingKind::kMissing: return "missing";
    case DanglingKind::kUrn: return "urn";
    case DanglingKind::kConditional: return "conditional";
    case DanglingKind::kUnchecked: return "conditional-unchecked";
    case DanglingKind::kAbsolute: return "absolute";
    case DanglingKind::kContained: return "contained";
    case DanglingKind::kInvalid: return "invalid";
  }
  return "?";
}

std::uint64_t ReferenceReport::Dangling() const {
  std::uint64_t total = 0;
  for (const auto& group : groups) total += group.count;
  return total;
}

std::uint64_t ResourceKeyHash(std::string_view type, std::string_view id) { return RecordKey(type, id); }

ReferenceCheck::ReferenceCheck(std::vector<std::string> local_bases, std::size_t max_locations)
    : local_bases_(std::move(local_bases)), max_locations_(max_locations) {
  for (auto& base : local_bases_) {
    if (!base.empty() && base.back() != '/') base += '/';
  }
  buffer_.reserve(kSpoolBuffer);
}

ReferenceCheck::~ReferenceCheck() {
  if (spool_) std::fclose(spool_);
}

bool ReferenceCheck::Add(std::string_view json, const SourceLocation& location) {
  JsonDocument doc;
  if (!ParseJson(json, doc) || !doc.IsObject()) return false;
  std::string type(StringOf(doc, "resourceType"));
  if (type.empty()) return false;
  std::string_view id = StringOf(doc, "id");
  ++resources_;
  if (!id.empty()) {
    present_.push_back(RecordKey(type, id));
    present_.push_back(RecordKey(kUrnSpace, id));
  }
  if (auto it = doc.FindMember("identifier"); it != doc.MemberEnd() && it->value.IsArray()) {
    for (const auto& identifier : it->value.GetArray()) {
      if (!identifier.IsObject() || StringOf(identifier, "value").empty()) continue;
      std::string value(StringOf(identifier, "value"));
      present_.push_back(RecordKey(IdentifierSpace(type), std::string(StringOf(identifier, "system")) + "|" + value));
      present_.push_back(RecordKey(AnySystemSpace(type), value));
    }
  }
  Where where = Locate(location);
  std::vector<std::string> contained = ContainedIds(doc);
  std::string path = type;
  WalkReferences(doc, path, [&](const std::string& element_path, std::string_view text, std::string_view hint) {
    Check(type, element_path, text, hint, contained, where);
  });
  return true;
}

void ReferenceCheck::Check(const std::string& source_type, const std::string& path, std::string_view text,
                           std::string_view type_hint, const std::vector<std::string>& contained_ids, Where where) {
  ++references_;
  for (const auto& base : local_bases_) {
    if (text.starts_with(base)) text.remove_prefix(base.size());
  }
  fhir::ParsedReference ref = fhir::ParseReference(text);
  switch (ref.kind) {
    case fhir::ReferenceKind::kRelative:
      return CheckTarget(RecordKey(ref.type, ref.id), Group(source_type, path, ref.type, DanglingKind::kMissing), where);
    case fhir::ReferenceKind::kUrn:
      return CheckTarget(RecordKey(kUrnSpace, ref.id), Group(source_type, path, type_hint, DanglingKind::kUrn), where);
    case fhir::ReferenceKind::kConditional:
      return CheckConditional(source_type, path, ref.type, ref.query, where);
    case fhir::ReferenceKind::kAbsolute:
      return Count(Group(source_type, path, ref.type.empty() ? type_hint : ref.type, DanglingKind::kAbsolute), where);
    case fhir::ReferenceKind::kContained: {
      std::string_view local = text.substr(1);
      if (local.empty() || std::find(contained_ids.begin(), contained_ids.end(), local) != contained_ids.end()) return;
      return Count(Group(source_type, path, type_hint, DanglingKind::kContained), where);
    }
    case fhir::ReferenceKind::kOther:
      return Count(Group(source_type, path, type_hint, DanglingKind::kInvalid), where);
  }
}

void ReferenceCheck::CheckConditional(const std::string& source_type, const std::string& path, std::string_view type,
                                      std::string_view query, Where where) {
  std::string value;
  if (!IdentifierCriterion(query, value)) return Count(Group(source_type, path, type, DanglingKind::kUnchecked), where);
  std::uint32_t group = Group(source_type, path, type, DanglingKind::kConditional);
  if (value.find('|') == std::string::npos) return CheckTarget(RecordKey(AnySystemSpace(type), value), group, where);
  CheckTarget(RecordKey(IdentifierSpace(type), value), group, where);
}

void ReferenceCheck::CheckTarget(std::uint64_t key, std::uint32_t group, Where where) {
  buffer_.push_back({key, where.line, group, where.file});
  if (buffer_.size() == kSpoolBuffer) Flush();
}

void ReferenceCheck::Flush() {
  if (buffer_.empty()) return;
  if (!spool_ && !(spool_ = std::tmpfile())) throw IoError("cannot create a temporary file for the reference check");
  if (std::fwrite(buffer_.data(), sizeof(Pending), buffer_.size(), spool_) != buffer_.size())
    throw IoError("cannot write the reference check's temporary file (disk full?)");
  spooled_ += buffer_.size();
  buffer_.clear();
}

std::uint32_t ReferenceCheck::Group(const std::string& source_type, const std::string& path,
                                    std::string_view target_type, DanglingKind kind) {
  GroupKey key{source_type, path, std::string(target_type), kind};
  auto [it, added] = group_index_.emplace(key, static_cast<std::uint32_t>(groups_.size()));
  if (added) groups_.push_back({source_type, path, std::string(target_type), kind, 0, {}});
  return it->second;
}

void ReferenceCheck::Count(std::uint32_t group, Where where) {
  DanglingGroup& entry = groups_[group];
  ++entry.count;
  if (entry.first_locations.size() >= max_locations_) return;
  SourceLocation location{files_[where.file], where.line};
  entry.first_locations.push_back(location.ToString());
}

ReferenceCheck::Where ReferenceCheck::Locate(const SourceLocation& location) {
  auto [it, added] = file_index_.emplace(location.file, static_cast<std::uint32_t>(files_.size()));
  if (added) files_.push_back(location.file);
  return {it->second, location.line};
}

ReferenceReport ReferenceCheck::Finish() {
  std::sort(present_.begin(), present_.end());
  present_.erase(std::unique(present_.begin(), present_.end()), present_.end());
  auto dangling = [&](const Pending& pending) {
    if (!std::binary_search(present_.begin(), present_.end(), pending.key)) Count(pending.group, {pending.file, pending.line});
  };
  if (spool_) {
    Flush();
    std::rewind(spool_);
    std::vector<Pending> chunk(kSpoolBuffer);
    for (std::size_t read; (read = std::fread(chunk.data(), sizeof(Pending), chunk.size(), spool_)) > 0;) {
      std::for_each(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(read), dangling);
    }
    if (std::ferror(spool_)) throw IoError("cannot read the reference check's temporary file");
  } else {
    std::for_each(buffer_.begin(), buffer_.end(), dangling);
  }
  ReferenceReport report;
  report.resources = resources_;
  report.references = references_;
  report.key_bytes = present_.capacity() * sizeof(std::uint64_t);
  report.spool_bytes = spooled_ * sizeof(Pending);
  for (auto& group : groups_) {
    if (group.count) report.groups.push_back(std::move(group));
  }
  std::sort(report.groups.begin(), report.groups.end(), [](const DanglingGroup& a, const DanglingGroup& b) {
    return std::tie(a.source_type, a.element_path, a.target_type, a.kind) <
           std::tie(b.source_type, b.element_path, b.target_type, b.kind);
  });
  return report;
}

}  // namespace ferry
