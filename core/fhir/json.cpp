#include "core/fhir/json.hpp"

#include "core/common/utf8.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace ferry {

namespace {

/// Forwards SAX events to a Document, turning raw numbers into marked strings.
class RawNumberFilter {
 public:
  explicit RawNumberFilter(JsonDocument& doc) : doc_(doc) {}
  bool Null() { return doc_.Null(); }
  bool Bool(bool b) { return doc_.Bool(b); }
  bool Int(int i) { return doc_.Int(i); }
  bool Uint(unsigned u) { return doc_.Uint(u); }
  bool Int64(int64_t i) { return doc_.Int64(i); }
  bool Uint64(uint64_t u) { return doc_.Uint64(u); }
  bool Double(double d) { return doc_.Double(d); }
  bool RawNumber(const char* str, rapidjson::SizeType length, bool) {
    scratch_.assign(1, kRawNumberMark);
    scratch_.append(str, length);
    return doc_.String(scratch_.data(), static_cast<rapidjson::SizeType>(scratch_.size()), true);
  }
  bool String(const char* str, rapidjson::SizeType length, bool copy) { return doc_.String(str, length, copy); }
  bool StartObject() { return doc_.StartObject(); }
  bool Key(const char* str, rapidjson::SizeType length, bool copy) { return doc_.Key(str, length, copy); }
  bool EndObject(rapidjson::SizeType count) { return doc_.EndObject(count); }
  bool StartArray() { return doc_.StartArray(); }
  bool EndArray(rapidjson::SizeType count) { return doc_.EndArray(count); }

 private:
  JsonDocument& doc_;
  std::string scratch_;
};

constexpr unsigned kAsciiFlags = rapidjson::kParseNumbersAsStringsFlag;
constexpr unsigned kUtf8Flags = kAsciiFlags | rapidjson::kParseValidateEncodingFlag;


struct Generator {
  std::string_view text;
  rapidjson::ParseResult result;
  bool operator()(JsonDocument& doc) {
    rapidjson::MemoryStream stream(text.data(), text.size());
    rapidjson::Reader reader;
    RawNumberFilter filter(doc);
    result = IsAscii(text) ? reader.Parse<kAsciiFlags>(stream, filter) : reader.Parse<kUtf8Flags>(stream, filter);
    return !result.IsError();
  }
};

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteString(const JsonValue& value, Writer& writer) {
  if (IsRawNumber(value)) {
    std::string_view text = RawNumberText(value);
    writer.RawValue(text.data(), text.size(), rapidjson::kNumberType);
    return;
  }
  writer.String(value.GetString(), value.GetStringLength());
}

void Write(const JsonValue& value, JsonStyle style, Writer& writer) {
  switch (value.GetType()) {
    case rapidjson::kStringType:
      WriteString(value, writer);
      return;
    case rapidjson::kObjectType: {
      writer.StartObject();
      if (style == JsonStyle::kCanonical) {
        std::vector<const JsonValue::Member*> members;
        for (const auto& member : value.GetObject()) members.push_back(&member);
        std::sort(members.begin(), members.end(), [](auto* a, auto* b) {
          return std::string_view(a->name.GetString(), a->name.GetStringLength()) <
                 std::string_view(b->name.GetString(), b->name.GetStringLength());
        });
        for (const auto* member : members) {
          writer.Key(member->name.GetString(), member->name.GetStringLength());
          Write(member->value, style, writer);
        }
      } else {
        for (const auto& member : value.GetObject()) {
          writer.Key(member.name.GetString(), member.name.GetStringLength());
          Write(member.value, style, writer);
        }
      }
      writer.EndObject();
      return;
    }
    case rapidjson::kArrayType:
      writer.StartArray();
      for (const auto& item : value.GetArray()) Write(item, style, writer);
      writer.EndArray();
      return;
    case rapidjson::kNullType:
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
    case rapidjson::kNumberType:
      value.Accept(writer);
      return;
  }
}

}  // namespace

Result<void> ParseJson(std::string_view text, JsonDocument& doc) {
  Generator generator{text, {}};
  doc.Populate(generator);
  if (generator.result.IsError()) {
    return Failure("JSON syntax error at offset " + std::to_string(generator.result.Offset()) + ": " +
                   rapidjson::GetParseError_En(generator.result.Code()));
  }
  return {};
}

std::string WriteJson(const JsonValue& value, JsonStyle style) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  Write(value, style, writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

bool IsRawNumber(const JsonValue& value) {
  if (!value.IsString() || value.GetStringLength() < 2 || value.GetString()[0] != kRawNumberMark) return false;
  return IsJsonNumberText(std::string_view(value.GetString() + 1, value.GetStringLength() - 1));
}

std::string_view RawNumberText(const JsonValue& value) {
  return std::string_view(value.GetString() + 1, value.GetStringLength() - 1);
}

JsonValue MakeRawNumber(std::string_view text, JsonAllocator& allocator) {
  std::string marked(1, kRawNumberMark);
  marked.append(text);
  return JsonValue(marked.data(), static_cast<rapidjson::SizeType>(marked.size()), allocator);
}

JsonValue MakeString(std::string_view text, JsonAllocator& allocator) {
  return JsonValue(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
}

bool IsJsonNumberText(std::string_view text) {
  std::size_t pos = 0;
  auto digits = [&] {
    std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    return pos - start;
  };
  if (pos < text.size() && text[pos] == '-') ++pos;
  if (pos >= text.size()) return false;
  if (text[pos] == '0') {
    ++pos;
  } else if (digits() == 0) {
    return false;
  }
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    if (digits() == 0) return false;
  }
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
    if (digits() == 0) return false;
  }
  return pos == text.size();
}

std::string DeleteEntryJson(std::string_view resource_type, std::string_view id) {
  std::string url = std::string(resource_type) + "/" + std::string(id);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("request");
  writer.StartObject();
  writer.Key("method");
  writer.String("DELETE");
  writer.Key("url");
  writer.String(url.data(), static_cast<rapidjson::SizeType>(url.size()));
  writer.EndObject();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace ferry
