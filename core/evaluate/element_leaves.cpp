#include "core/evaluate/element_leaves.hpp"

#include <cstdlib>

#include "core/fhir/json.hpp"

namespace ferry::evaluate {

namespace {

bool IsExtensionArray(std::string_view key) { return key == "extension" || key == "modifierExtension"; }

std::string QuoteString(std::string_view text) {
  JsonDocument doc;
  JsonValue value(text.data(), static_cast<rapidjson::SizeType>(text.size()), doc.GetAllocator());
  return WriteJson(value);
}

class Flattener {
 public:
  explicit Flattener(FlatResource& out) : out_(out) {}

  void Object(const JsonValue& object, const std::string& path, const std::string& concrete) {
    for (auto member = object.MemberBegin(); member != object.MemberEnd(); ++member) {
      std::string key(member->name.GetString(), member->name.GetStringLength());
      if (IsExtensionArray(key) && member->value.IsArray()) {
        Extensions(member->value, path + "." + key, concrete + "." + key);
        continue;
      }
      Value(member->value, path + "." + key, concrete + "." + key);
    }
  }

 private:
  void Extensions(const JsonValue& array, const std::string& path, const std::string& concrete) {
    for (rapidjson::SizeType index = 0; index < array.Size(); ++index) {
      const JsonValue& item = array[index];
      std::string at = concrete + "[" + std::to_string(index) + "]";
      auto url = item.IsObject() ? item.FindMember("url") : JsonValue::ConstMemberIterator();
      if (!item.IsObject() || url == item.MemberEnd() || !url->value.IsString() || IsRawNumber(url->value)) {
        Value(item, path, at);
        continue;
      }
      std::string named = path + "('" + std::string(url->value.GetString(), url->value.GetStringLength()) + "')";
      for (auto member = item.MemberBegin(); member != item.MemberEnd(); ++member) {
        std::string key(member->name.GetString(), member->name.GetStringLength());
        if (key == "url") continue;
        if (IsExtensionArray(key) && member->value.IsArray()) Extensions(member->value, named + "." + key, at + "." + key);
        else Value(member->value, named + "." + key, at + "." + key);
      }
    }
  }

  void Value(const JsonValue& value, const std::string& path, const std::string& concrete) {
    if (value.IsObject()) return Object(value, path, concrete);
    if (value.IsArray()) {
      for (rapidjson::SizeType index = 0; index < value.Size(); ++index)
        Value(value[index], path, concrete + "[" + std::to_string(index) + "]");
      return;
    }
    Leaf leaf{path, concrete, "", false};
    if (IsRawNumber(value)) {
      leaf.value = CanonicalDecimal(RawNumberText(value));
      leaf.is_number = true;
    } else if (value.IsString()) {
      leaf.value = QuoteString(std::string_view(value.GetString(), value.GetStringLength()));
    } else {
      leaf.value = WriteJson(value);
    }
    out_.leaves.push_back(std::move(leaf));
  }

  FlatResource& out_;
};

std::string StringMember(const JsonValue& object, const char* key) {
  auto found = object.FindMember(key);
  if (found == object.MemberEnd() || !found->value.IsString() || IsRawNumber(found->value)) return "";
  return std::string(found->value.GetString(), found->value.GetStringLength());
}

/// Takes the evaluation's tag out of meta.tag (and meta.tag / meta when left empty).
std::string TakeEvalTag(JsonValue& resource) {
  auto meta = resource.FindMember("meta");
  if (meta == resource.MemberEnd() || !meta->value.IsObject()) return "";
  auto tags = meta->value.FindMember("tag");
  if (tags == meta->value.MemberEnd() || !tags->value.IsArray()) return "";
  std::string code;
  for (auto tag = tags->value.Begin(); tag != tags->value.End();) {
    if (tag->IsObject() && StringMember(*tag, "system") == kEvalTagSystem) {
      code = StringMember(*tag, "code");
      tag = tags->value.Erase(tag);
    } else {
      ++tag;
    }
  }
  if (tags->value.Empty()) meta->value.EraseMember(tags);
  if (meta->value.ObjectEmpty()) resource.EraseMember(meta);
  return code;
}

}  // namespace

Result<FlatResource> FlattenResource(std::string_view json) {
  JsonDocument doc;
  if (auto parsed = ParseJson(json, doc); !parsed) return Failure(parsed.error());
  if (!doc.IsObject()) return Failure("not a JSON object");
  FlatResource out;
  out.resource_type = StringMember(doc, "resourceType");
  out.id = StringMember(doc, "id");
  out.eval_tag = TakeEvalTag(doc);
  if (auto type = doc.FindMember("resourceType"); type != doc.MemberEnd()) doc.EraseMember(type);
  Flattener(out).Object(doc, out.resource_type, out.resource_type);
  return out;
}

std::string CanonicalDecimal(std::string_view number) {
  std::string sign;
  if (!number.empty() && number.front() == '-') {
    sign = "-";
    number.remove_prefix(1);
  }
  std::size_t exponent_at = number.find_first_of("eE");
  long exponent = exponent_at == std::string_view::npos
                      ? 0 : std::strtol(std::string(number.substr(exponent_at + 1)).c_str(), nullptr, 10);
  std::string_view mantissa = number.substr(0, exponent_at);
  std::size_t point = mantissa.find('.');
  std::string digits(mantissa.substr(0, point));
  long scale = 0;  // digits after the decimal point
  if (point != std::string_view::npos) {
    digits += mantissa.substr(point + 1);
    scale = static_cast<long>(mantissa.size() - point - 1);
  }
  scale -= exponent;
  if (scale < 0) {
    digits.append(static_cast<std::size_t>(-scale), '0');
    scale = 0;
  }
  std::size_t whole = digits.size() > static_cast<std::size_t>(scale) ? digits.size() - static_cast<std::size_t>(scale) : 0;
  if (whole == 0) {
    digits.insert(0, static_cast<std::size_t>(scale) - digits.size() + 1, '0');
    whole = 1;
  }
  std::size_t first = digits.find_first_not_of('0');
  std::size_t trim = first == std::string::npos ? whole - 1 : std::min(first, whole - 1);
  digits.erase(0, trim);
  whole -= trim;
  if (scale == 0) return sign + digits;
  return sign + digits.substr(0, whole) + "." + digits.substr(whole);
}

bool SameDecimalValue(std::string_view a, std::string_view b) {
  auto strip = [](std::string_view text) {
    std::string out(text);
    if (out.find('.') == std::string::npos) return out;
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
    if (out == "-0") out = "0";
    return out;
  };
  return strip(a) == strip(b);
}

}  // namespace ferry::evaluate
