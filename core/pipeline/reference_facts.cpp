#include "core/pipeline/reference_facts.hpp"

#include <algorithm>
#include <functional>

#include "adapters/fhir/references.hpp"
#include "adapters/http/url.hpp"
#include "core/fhir/json.hpp"
#include "core/state/state_store.hpp"

namespace ferry {

namespace {

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

void AddIdentity(const JsonValue& doc, ResourceFacts& facts) {
  std::string_view id = StringOf(doc, "id");
  if (!id.empty()) {
    facts.key = RecordKey(facts.type, id);
    facts.present.push_back(facts.key);
    facts.present.push_back(RecordKey(kUrnSpace, id));
  }
  auto it = doc.FindMember("identifier");
  if (it == doc.MemberEnd() || !it->value.IsArray()) return;
  for (const auto& identifier : it->value.GetArray()) {
    if (!identifier.IsObject() || StringOf(identifier, "value").empty()) continue;
    std::string value(StringOf(identifier, "value"));
    facts.present.push_back(RecordKey(IdentifierSpace(facts.type), std::string(StringOf(identifier, "system")) + "|" + value));
    facts.present.push_back(RecordKey(AnySystemSpace(facts.type), value));
  }
}

ReferenceFact Conditional(const std::string& path, std::string_view type, std::string_view query) {
  std::string value;
  if (!IdentifierCriterion(query, value)) return {path, std::string(type), DanglingKind::kUnchecked, 0};
  std::string_view space = value.find('|') == std::string::npos ? "?identifier:any" : "?identifier";
  return {path, std::string(type), DanglingKind::kConditional, RecordKey(std::string(type) + std::string(space), value)};
}

/// Classifies one reference into `out`; false for a contained reference that resolves
/// (nothing to look up or report).
bool Classify(const std::string& path, std::string_view text, std::string_view hint,
              const std::vector<std::string>& contained_ids, const std::vector<std::string>& local_bases,
              ReferenceFact& out) {
  for (const auto& base : local_bases) {
    if (text.starts_with(base)) text.remove_prefix(base.size());
  }
  fhir::ParsedReference ref = fhir::ParseReference(text);
  switch (ref.kind) {
    case fhir::ReferenceKind::kRelative:
      out = {path, ref.type, DanglingKind::kMissing, RecordKey(ref.type, ref.id)};
      return true;
    case fhir::ReferenceKind::kUrn:
      out = {path, std::string(hint), DanglingKind::kUrn, RecordKey(kUrnSpace, ref.id)};
      return true;
    case fhir::ReferenceKind::kConditional:
      out = Conditional(path, ref.type, ref.query);
      return true;
    case fhir::ReferenceKind::kAbsolute:
      out = {path, ref.type.empty() ? std::string(hint) : ref.type, DanglingKind::kAbsolute, 0};
      return true;
    case fhir::ReferenceKind::kContained: {
      std::string_view local = text.substr(1);
      if (local.empty() || std::find(contained_ids.begin(), contained_ids.end(), local) != contained_ids.end())
        return false;
      out = {path, std::string(hint), DanglingKind::kContained, 0};
      return true;
    }
    case fhir::ReferenceKind::kOther:
      out = {path, std::string(hint), DanglingKind::kInvalid, 0};
      return true;
  }
  return false;
}

}  // namespace

std::uint64_t ResourceKeyHash(std::string_view type, std::string_view id) { return RecordKey(type, id); }

ResourceFacts ExtractReferenceFacts(std::string_view json, SourceLocation location,
                                    const std::vector<std::string>& local_bases) {
  ResourceFacts facts;
  // Plain RapidJSON in place on a copy, numbers left as text: the facts read strings
  // only, and this costs less than ParseJson's exact-number document.
  std::string buffer(json);
  JsonDocument doc;
  doc.ParseInsitu<rapidjson::kParseNumbersAsStringsFlag>(buffer.data());
  if (doc.HasParseError() || !doc.IsObject()) return facts;
  facts.type = StringOf(doc, "resourceType");
  if (facts.type.empty()) return facts;
  facts.ok = true;
  facts.location = std::move(location);
  AddIdentity(doc, facts);
  std::vector<std::string> contained = ContainedIds(doc);
  std::string path = facts.type;
  WalkReferences(doc, path, [&](const std::string& element_path, std::string_view text, std::string_view hint) {
    ++facts.checked;
    ReferenceFact fact;
    if (Classify(element_path, text, hint, contained, local_bases, fact)) facts.references.push_back(std::move(fact));
  });
  return facts;
}

}  // namespace ferry
