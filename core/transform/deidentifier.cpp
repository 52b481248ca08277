#include "core/transform/deidentifier.hpp"

#include <cstring>

#include "core/common/hash.hpp"
#include "core/transform/date_shift.hpp"
#include "core/transform/r4_structs.hpp"

namespace ferry::transform {

namespace {

using r4::ValueKind;

constexpr std::string_view kDomain = "ferry-deidentify/1 ";
constexpr std::size_t kPseudonymHex = 32;
/// Top-level references that name the patient a resource belongs to, in order of trust.
constexpr const char* kPatientMembers[] = {"subject", "patient", "beneficiary"};

std::string_view Text(const JsonValue& value) { return {value.GetString(), value.GetStringLength()}; }

bool IsPlainString(const JsonValue& value) { return value.IsString() && !IsRawNumber(value); }

/// The id of the patient `doc` is about: its own for a Patient, else the `Patient/<id>` of a
/// patient reference; "" when it names none.
std::string PatientOf(const JsonValue& doc, std::string_view resource_type) {
  if (resource_type == "Patient") {
    auto id = doc.FindMember("id");
    return id != doc.MemberEnd() && IsPlainString(id->value) ? std::string(Text(id->value)) : "";
  }
  for (const char* member : kPatientMembers) {
    auto it = doc.FindMember(member);
    if (it == doc.MemberEnd() || !it->value.IsObject()) continue;
    auto reference = it->value.FindMember("reference");
    if (reference == it->value.MemberEnd() || !IsPlainString(reference->value)) continue;
    std::string_view text = Text(reference->value);
    if (text.substr(0, 8) == "Patient/") return std::string(text.substr(8, text.find('/', 8) - 8));
  }
  return "";
}

/// True for an Extension left with neither a value nor nested extensions (invalid FHIR).
bool IsHollowExtension(const JsonValue& object) {
  for (const auto& member : object.GetObject()) {
    std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (name != "url" && name != "id") return false;
  }
  return true;
}

}  // namespace

/// What one Apply carries down the walk.
struct Deidentifier::Walk {
  JsonAllocator& allocator;
  int shift_days;
  ChangeCounts& counts;
  void Count(const std::string& path, const char* change) { ++counts[{path, change}]; }
};

Deidentifier::Deidentifier(DeidProfile profile, std::string key, int reference_year)
    : profile_(std::move(profile)), key_(std::move(key)), reference_year_(reference_year) {
  for (std::uint16_t struct_index : AllStructs()) {
    const r4::StructInfo& info = r4::kStructs[struct_index];
    std::string prefix = std::string(StructPath(struct_index)) + ".";
    for (std::uint32_t row = info.first_element; row < info.first_element + info.element_count; ++row) {
      const r4::ElementInfo& element = r4::kElements[row];
      std::string element_key = prefix + std::string(r4::PoolText(element.name, element.name_size));
      std::string_view datatype = element.kind == ValueKind::kComplex ? StructPath(element.type) : "";
      if (actions_.size() <= row) actions_.resize(row + 1, DeidAction::kKeep);
      actions_[row] = profile_.ActionFor(element_key, datatype, KindName(element.kind));
    }
  }
}

std::string Deidentifier::Pseudonym(std::string_view domain, std::string_view text) const {
  std::string message(kDomain);
  message.append(domain).append(" ").append(text);
  return HmacSha256Hex(key_, message).substr(0, kPseudonymHex);
}

int Deidentifier::ShiftDays(std::string_view patient_id) const {
  std::string digest = HmacSha256Hex(key_, std::string(kDomain) + "shift " + std::string(patient_id));
  unsigned long long bits = std::stoull(digest.substr(0, 15), nullptr, 16);
  int magnitude = static_cast<int>(bits % static_cast<unsigned long long>(profile_.max_shift_days)) + 1;
  return (bits >> 58) & 1 ? magnitude : -magnitude;
}

void Deidentifier::Apply(JsonDocument& doc, ChangeCounts& counts) const {
  if (!doc.IsObject()) return;
  auto type = doc.FindMember("resourceType");
  if (type == doc.MemberEnd() || !IsPlainString(type->value)) return;
  std::string path(Text(type->value));
  int struct_index = r4::FindResourceStruct(path);
  if (struct_index < 0) return;
  Walk walk{doc.GetAllocator(), ShiftDays(PatientOf(doc, path)), counts};
  WalkObject(doc, static_cast<std::uint16_t>(struct_index), /*is_root=*/true, path, walk);
}

void Deidentifier::WalkObject(JsonValue& object, std::uint16_t struct_index, bool is_root, std::string& path,
                              Walk& walk) const {
  const r4::StructInfo& info = r4::kStructs[struct_index];
  std::string resource_type = is_root ? std::string(Text(object["resourceType"])) : "";
  for (bool twins : {false, true}) {  // a primitive's `_twin` is decided after the primitive
    for (auto it = object.MemberBegin(); it != object.MemberEnd();) {
      std::string_view name(it->name.GetString(), it->name.GetStringLength());
      if (name == "resourceType" || (name.front() == '_') != twins) {
        ++it;
        continue;
      }
      std::size_t path_size = path.size();
      path.append(".").append(twins ? name.substr(1) : name);
      bool keep = true;
      if (twins) {
        keep = object.HasMember(std::string(name.substr(1)).c_str()) && WalkTwin(it->value, path, walk);
      } else if (is_root && name == "id") {
        PseudonymiseId(it->value, resource_type, path, walk);
      } else if (const r4::ElementInfo* element = r4::FindElement(info, name)) {
        keep = WalkMember(it->value, *element, path, walk);
      } else {
        walk.Count(path, "removed");  // not an R4 element: nothing vouches for it
        keep = false;
      }
      path.resize(path_size);
      it = keep ? it + 1 : object.EraseMember(it);
    }
  }
}

void Deidentifier::PseudonymiseId(JsonValue& id, const std::string& resource_type, const std::string& path,
                                  Walk& walk) const {
  if (!profile_.pseudonymise_ids || !IsPlainString(id)) return;
  std::string pseudonym = Pseudonym("id", resource_type + "/" + std::string(Text(id)));
  id.SetString(pseudonym.c_str(), static_cast<rapidjson::SizeType>(pseudonym.size()), walk.allocator);
  walk.Count(path, "pseudonymised");
}

bool Deidentifier::WalkTwin(JsonValue& value, std::string& path, Walk& walk) const {
  if (value.IsArray()) {
    for (auto& item : value.GetArray()) {
      if (item.IsObject()) WalkObject(item, r4::kElementStruct, false, path, walk);
    }
    return true;
  }
  if (value.IsObject()) WalkObject(value, r4::kElementStruct, false, path, walk);
  return !value.IsObject() || !value.ObjectEmpty();
}

bool Deidentifier::WalkMember(JsonValue& value, const r4::ElementInfo& element, std::string& path,
                              Walk& walk) const {
  auto row = static_cast<std::size_t>(&element - r4::kElements);
  DeidAction action = row < actions_.size() ? actions_[row] : DeidAction::kKeep;
  if (!value.IsArray()) return WalkItem(value, element, action, path, walk);
  auto array = value.GetArray();
  for (auto it = array.Begin(); it != array.End();) {
    it = WalkItem(*it, element, action, path, walk) ? it + 1 : array.Erase(it);
  }
  return !array.Empty();
}

bool Deidentifier::WalkItem(JsonValue& item, const r4::ElementInfo& element, DeidAction action, std::string& path,
                            Walk& walk) const {
  if (action == DeidAction::kRemove) {
    walk.Count(path, "removed");
    return false;
  }
  if (element.kind == ValueKind::kComplex) {
    if (!item.IsObject()) return true;
    WalkObject(item, element.type, false, path, walk);
    if (action == DeidAction::kAgeGroup) GroupAgeValue(item, path, walk);
    if (element.type == r4::kExtensionStruct && IsHollowExtension(item)) return false;
    return !item.ObjectEmpty();
  }
  if (element.kind == ValueKind::kResource) {
    auto type = item.IsObject() ? item.FindMember("resourceType") : JsonValue::MemberIterator();
    if (!item.IsObject() || type == item.MemberEnd() || !IsPlainString(type->value)) return true;
    int struct_index = r4::FindResourceStruct(Text(type->value));
    if (struct_index >= 0) WalkObject(item, static_cast<std::uint16_t>(struct_index), false, path, walk);
    return true;
  }
  return ApplyToPrimitive(item, element.kind, action, path, walk);
}

bool Deidentifier::ApplyToPrimitive(JsonValue& value, ValueKind kind, DeidAction action, const std::string& path,
                                    Walk& walk) const {
  if (!IsPlainString(value)) return true;  // numbers and booleans carry no identifier kinds here
  switch (action) {
    case DeidAction::kKeep:
      return kind == ValueKind::kReference ? ApplyReference(value, path, walk) : true;
    case DeidAction::kRemove:
      walk.Count(path, "removed");
      return false;
    case DeidAction::kPseudonymise:
      value.SetString(Pseudonym("value", Text(value)).c_str(), walk.allocator);
      walk.Count(path, "pseudonymised");
      return true;
    case DeidAction::kZip3:
      return ApplyZip3(value, path, walk);
    case DeidAction::kDate:
      return ApplyDate(value, kind, path, walk);
    case DeidAction::kAgeGroup:  // applies to Age objects (WalkItem); a primitive stays
      return true;
    case DeidAction::kBirthDate: {
      std::optional<int> original_year = YearOf(Text(value));
      if (!ApplyDate(value, kind, path, walk)) return false;
      if (original_year) GroupAge(value, *original_year, path, walk);
      return true;
    }
  }
  return true;
}

bool Deidentifier::ApplyDate(JsonValue& value, ValueKind kind, const std::string& path, Walk& walk) const {
  std::string_view text = Text(value);
  if (profile_.dates == DateRule::kKeep) return true;
  if (profile_.dates == DateRule::kShift) {
    std::optional<std::string> shifted = ShiftDate(text, walk.shift_days);
    if (!shifted) {
      walk.Count(path, "removed");
      return false;
    }
    value.SetString(shifted->c_str(), static_cast<rapidjson::SizeType>(shifted->size()), walk.allocator);
    walk.Count(path, "shifted");
    return true;
  }
  std::optional<int> year = YearOf(text);
  if (!year || kind == ValueKind::kInstant) {  // an instant cannot be cut to a year
    walk.Count(path, "removed");
    return false;
  }
  if (text.size() > 4) {
    value.SetString(std::to_string(*year).c_str(), walk.allocator);
    walk.Count(path, "generalised");
  }
  return true;
}

void Deidentifier::GroupAge(JsonValue& value, int original_year, const std::string& path, Walk& walk) const {
  if (profile_.age_limit == 0) return;
  std::optional<int> year = YearOf(Text(value));
  int oldest = std::min(original_year, year.value_or(original_year));
  if (reference_year_ - oldest <= profile_.age_limit) return;
  value.SetString(std::to_string(reference_year_ - profile_.age_limit - 1).c_str(), walk.allocator);
  walk.Count(path, "generalised");
}

void Deidentifier::GroupAgeValue(JsonValue& age, const std::string& path, Walk& walk) const {
  if (profile_.age_limit == 0 || !age.IsObject()) return;
  auto value = age.FindMember("value");
  auto code = age.FindMember("code");
  bool in_years = code != age.MemberEnd() && IsPlainString(code->value) && Text(code->value) == "a";
  if (value == age.MemberEnd() || !IsRawNumber(value->value) || !in_years) return;
  if (std::stod(std::string(RawNumberText(value->value))) <= profile_.age_limit) return;
  value->value = MakeRawNumber(std::to_string(profile_.age_limit + 1), walk.allocator);
  walk.Count(path + ".value", "generalised");
}

bool Deidentifier::ApplyReference(JsonValue& value, const std::string& path, Walk& walk) const {
  if (!profile_.pseudonymise_ids) return true;
  std::string_view text = Text(value);
  if (!text.empty() && text.front() == '#') return true;  // a contained resource: local
  std::size_t slash = text.find('/');
  bool relative = slash != std::string_view::npos && slash > 0 &&
                  r4::FindResourceStruct(text.substr(0, slash)) >= 0 &&
                  text.find(':') == std::string_view::npos;
  if (!relative) {
    walk.Count(path, "removed");  // an absolute URL or URN may itself identify
    return false;
  }
  std::string_view type = text.substr(0, slash);
  std::string_view id = text.substr(slash + 1, text.find('/', slash + 1) - slash - 1);
  std::string pseudonym = std::string(type) + "/" + Pseudonym("id", std::string(type) + "/" + std::string(id));
  value.SetString(pseudonym.c_str(), static_cast<rapidjson::SizeType>(pseudonym.size()), walk.allocator);
  walk.Count(path, "pseudonymised");
  return true;
}

bool Deidentifier::ApplyZip3(JsonValue& value, const std::string& path, Walk& walk) const {
  std::string_view text = Text(value);
  bool digits = text.size() >= 3 && std::strspn(text.data(), "0123456789") >= 3;
  if (!digits) {
    walk.Count(path, "removed");
    return false;
  }
  std::string zip3(text.substr(0, 3));
  if (profile_.restricted_zip3.count(zip3)) zip3 = "000";
  value.SetString(zip3.c_str(), walk.allocator);
  walk.Count(path, "generalised");
  return true;
}

}  // namespace ferry::transform
