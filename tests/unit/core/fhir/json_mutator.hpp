#pragma once
/// Random damage to valid resources, for differential tests: `MutatedResource` takes one
/// of the corpus' valid resources and applies one to three edits to its document (rename a
/// key, change a value's JSON kind, drop or duplicate a member, wrap a value in an array or
/// take an array's first item, move `resourceType` last, shuffle members, add nulls and
/// `_name` members), then sometimes damages the text (invalid or valid UTF-8, truncation,
/// a stray character). The same seed gives the same texts.
///
///     std::mt19937 random(42);
///     std::string json = MutatedResource(random);

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/fhir/json.hpp"
#include "tests/unit/core/fhir/streaming_validator_corpus.hpp"

namespace ferry::testing {

namespace mutation {

inline std::size_t Pick(std::mt19937& random, std::size_t count) {
  return std::uniform_int_distribution<std::size_t>(0, count - 1)(random);
}

/// Every value under `value` (not `value` itself), depth first.
inline void Collect(JsonValue& value, std::vector<JsonValue*>& values) {
  if (value.IsObject()) {
    for (auto& member : value.GetObject()) {
      values.push_back(&member.value);
      Collect(member.value, values);
    }
  } else if (value.IsArray()) {
    for (auto& item : value.GetArray()) {
      values.push_back(&item);
      Collect(item, values);
    }
  }
}

/// The objects (with `root`) that satisfy `keep`.
template <typename Keep>
std::vector<JsonValue*> Objects(JsonValue& root, Keep keep) {
  std::vector<JsonValue*> values{&root};
  Collect(root, values);
  std::vector<JsonValue*> objects;
  for (JsonValue* value : values) {
    if (value->IsObject() && keep(*value)) objects.push_back(value);
  }
  return objects;
}

inline const std::vector<std::string>& Keys() {
  static const std::vector<std::string> keys = {"foo",
                                                "_foo",
                                                "id",
                                                "resourceType",
                                                "extension",
                                                "modifierExtension",
                                                "contained",
                                                "coding",
                                                "system",
                                                "code",
                                                "status",
                                                "_status",
                                                "text",
                                                "value",
                                                "url",
                                                "reference",
                                                "name",
                                                "given",
                                                "_given",
                                                "family",
                                                "birthDate",
                                                "_birthDate",
                                                "gender",
                                                "meta",
                                                "valueString",
                                                "valueBoolean",
                                                "valueQuantity",
                                                "_valueString",
                                                "valueCoding",
                                                "effectiveDateTime",
                                                "effectivePeriod",
                                                "deceasedBoolean",
                                                "deceasedDateTime",
                                                "subject",
                                                "clinicalStatus",
                                                "identifier",
                                                "div",
                                                "entry",
                                                "resource",
                                                "item"};
  return keys;
}

inline const std::vector<std::string>& Values() {
  static const std::vector<std::string> values = {
      R"("x")",
      R"("")",
      "1.5",
      "0",
      "-1",
      "2147483648",
      "1e3",
      "true",
      "false",
      "null",
      "{}",
      "[]",
      R"({"a":1})",
      R"(["x"])",
      "[null]",
      "[{}]",
      R"({"url":"u"})",
      R"("\u001f12")",
      R"("Patient/1")",
      R"("2020-13-01")",
      R"("2020-01-01T10:00:00Z")",
      R"("final")",
      R"("F")",
      R"("urn:uuid:4b2c8f1e-0a6d-4c1e-9f3a-2b7d5e6f8a90")",
      R"({"resourceType":"Patient"})",
      R"({"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical",)"
      R"("code":"bad"}]})",
      R"([{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}])",
      R"({"reference":"Nope/1"})",
      R"({"id":"x","extension":[{"url":"u","valueString":"v"}]})"};
  return values;
}

inline JsonValue RandomValue(std::mt19937& random, JsonAllocator& allocator) {
  JsonDocument parsed;
  (void)ParseJson(Values()[Pick(random, Values().size())], parsed);
  return JsonValue(parsed, allocator);
}

inline void RandomEdit(JsonDocument& doc, std::mt19937& random) {
  JsonAllocator& allocator = doc.GetAllocator();
  std::vector<JsonValue*> values;
  Collect(doc, values);
  auto with_members = Objects(doc, [](const JsonValue& v) { return v.MemberCount() > 0; });
  if (values.empty() || with_members.empty()) return;
  JsonValue& value = *values[Pick(random, values.size())];
  JsonValue& object = *with_members[Pick(random, with_members.size())];
  auto member = object.MemberBegin() + static_cast<long>(Pick(random, object.MemberCount()));
  switch (Pick(random, 11)) {
    case 0:  // rename a key
      member->name.SetString(Keys()[Pick(random, Keys().size())].c_str(), allocator);
      break;
    case 1:  // change a value's JSON kind
      value = RandomValue(random, allocator);
      break;
    case 2:  // drop a member
      object.EraseMember(member);
      break;
    case 3: {  // wrap a value in an array
      JsonValue array(rapidjson::kArrayType);
      array.PushBack(value, allocator);
      value = array;
      break;
    }
    case 4:  // take an array's first item
      if (value.IsArray() && !value.Empty()) {
        JsonValue first;
        first = value[0];
        value = first;
      }
      break;
    case 5: {  // move resourceType last
      auto typed = Objects(doc, [](const JsonValue& v) { return v.HasMember("resourceType"); });
      if (typed.empty()) break;
      JsonValue& resource = *typed[Pick(random, typed.size())];
      JsonValue type(resource["resourceType"], allocator);
      resource.RemoveMember("resourceType");
      resource.AddMember("resourceType", type, allocator);
      break;
    }
    case 6: {  // shuffle the members of an object
      std::vector<std::pair<JsonValue, JsonValue>> members;
      for (auto& each : object.GetObject()) {
        members.emplace_back(JsonValue(each.name, allocator), JsonValue(each.value, allocator));
      }
      std::shuffle(members.begin(), members.end(), random);
      object.RemoveAllMembers();
      for (auto& [name, member_value] : members) object.AddMember(name, member_value, allocator);
      break;
    }
    case 7: {  // duplicate a member
      JsonValue name(member->name, allocator);
      JsonValue copy(member->value, allocator);
      object.AddMember(name, copy, allocator);
      break;
    }
    case 8:  // a null in an array
      if (value.IsArray())
        value.PushBack(JsonValue(), allocator);
      else
        value.SetNull();
      break;
    case 9: {  // a `_name` beside a member
      std::string key = "_" + std::string(member->name.GetString(), member->name.GetStringLength());
      JsonValue name(key.c_str(), allocator);
      JsonValue extension = RandomValue(random, allocator);
      object.AddMember(name, extension, allocator);
      break;
    }
    default: {  // a new member
      JsonValue name(Keys()[Pick(random, Keys().size())].c_str(), allocator);
      JsonValue added = RandomValue(random, allocator);
      object.AddMember(name, added, allocator);
      break;
    }
  }
}

inline void DamageText(std::string& text, std::mt19937& random) {
  static const std::vector<std::string> inserts = {
      "\xC3\x28", "\xFF", "\xE2\x82", "\xC3\xA9", ",", ":", "{", "]", "\"", "0", " ", "\\"};
  std::size_t position = Pick(random, text.size() + 1);
  switch (Pick(random, 3)) {
    case 0:
      text.resize(position);
      break;
    case 1:
      text.insert(position, inserts[Pick(random, inserts.size())]);
      break;
    default:
      if (position < text.size()) text.erase(position, 1);
      break;
  }
}

}  // namespace mutation

/// A valid resource of the corpus with random damage (see the file comment).
inline std::string MutatedResource(std::mt19937& random) {
  static const std::vector<NamedJson> seeds = ValidResources();
  JsonDocument doc;
  (void)ParseJson(seeds[mutation::Pick(random, seeds.size())].second, doc);
  std::size_t edits = 1 + mutation::Pick(random, 3);
  for (std::size_t edit_idx = 0; edit_idx < edits; ++edit_idx) mutation::RandomEdit(doc, random);
  std::string text = WriteJson(doc);
  if (mutation::Pick(random, 5) == 0) mutation::DamageText(text, random);
  return text;
}

}  // namespace ferry::testing
