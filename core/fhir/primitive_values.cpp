#include "core/fhir/primitive_values.hpp"

#include <array>
#include <cstddef>
#include <string_view>

#include "core/fhir/fhir_primitives.hpp"

namespace ferry {

namespace {

using r4::ValueKind;

/// How a kind is named in messages and what it expects.
struct KindText {
  const char* not_a;     ///< "not a date"
  const char* expected;  ///< the lexical form expected
};

constexpr std::size_t kKindCount = static_cast<std::size_t>(ValueKind::kReference) + 1;

constexpr std::array<KindText, kKindCount> kKindTexts = {{
    {"not a boolean", "true or false"},
    {"not an integer", "a whole number from -2147483648 to 2147483647"},
    {"not a positiveInt", "a whole number from 1 to 2147483647"},
    {"not an unsignedInt", "a whole number from 0 to 2147483647"},
    {"not a decimal", "a JSON number"},
    {"not a string", "a JSON string"},
    {"not a markdown", "a JSON string"},
    {"not a code", "no leading, trailing or repeated white space"},
    {"not an id", "1 to 64 of A-Z, a-z, 0-9, '-' and '.'"},
    {"not a uri", "no white space"},
    {"not a url", "no white space"},
    {"not a canonical", "no white space"},
    {"not an oid", "urn:oid: and a dotted number"},
    {"not a uuid", "urn:uuid: and a lower-case UUID"},
    {"not a base64Binary", "base64 text (A-Z, a-z, 0-9, +, /, padded with =)"},
    {"not a date", "YYYY, YYYY-MM or YYYY-MM-DD"},
    {"not a dateTime", "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[.sss] with a time zone"},
    {"not an instant", "YYYY-MM-DDThh:mm:ss[.sss] with a time zone"},
    {"not a time", "hh:mm:ss[.sss]"},
    {"not xhtml", "a <div> element"},
    {"not a valid reference",
     "Type/id, Type/id/_history/version, an absolute URL, urn:uuid:, urn:oid:, "
     "#id or Type?search"},
}};

/// IsRawNumber with the common case (a string not starting with the mark) inlined.
bool IsNumberText(const JsonValue& value) {
  return value.IsString() && value.GetStringLength() > 1 &&
         value.GetString()[0] == kRawNumberMark && IsRawNumber(value);
}

const KindText& TextOf(ValueKind kind) { return kKindTexts[static_cast<std::size_t>(kind)]; }

std::string FormatProblem(ValueKind kind) {
  return std::string(TextOf(kind).not_a) + ": expected " + TextOf(kind).expected;
}

std::string KindProblem(ValueKind kind, const char* expected_json, const JsonValue& value) {
  return std::string(TextOf(kind).not_a) + ": expected " + expected_json + ", found " +
         JsonKindName(value);
}

bool StartsWithDiv(std::string_view text) {
  std::size_t start = text.find_first_not_of(" \t\r\n");
  return start != std::string_view::npos && text.substr(start, 4) == "<div";
}

bool IsValidText(ValueKind kind, std::string_view text) {
  switch (kind) {
    case ValueKind::kCode:
      return IsFhirCode(text);
    case ValueKind::kId:
      return IsFhirId(text);
    case ValueKind::kUri:
    case ValueKind::kUrl:
    case ValueKind::kCanonical:
      return IsFhirUri(text);
    case ValueKind::kOid:
      return IsFhirOid(text);
    case ValueKind::kUuid:
      return IsFhirUuid(text);
    case ValueKind::kBase64Binary:
      return IsFhirBase64(text);
    case ValueKind::kDate:
      return IsFhirDate(text);
    case ValueKind::kDateTime:
      return IsFhirDateTime(text);
    case ValueKind::kInstant:
      return IsFhirInstant(text);
    case ValueKind::kTime:
      return IsFhirTime(text);
    case ValueKind::kXhtml:
      return StartsWithDiv(text);
    case ValueKind::kReference:
      return IsFhirReference(text);
    case ValueKind::kBoolean:
    case ValueKind::kInteger:
    case ValueKind::kPositiveInt:
    case ValueKind::kUnsignedInt:
    case ValueKind::kDecimal:
    case ValueKind::kString:
    case ValueKind::kMarkdown:
    case ValueKind::kComplex:
    case ValueKind::kResource:
      return true;  // any non-empty text (numbers and booleans are checked before)
  }
  return true;
}

std::int64_t MinOf(ValueKind kind) {
  if (kind == ValueKind::kPositiveInt) return kPositiveIntMin;
  if (kind == ValueKind::kUnsignedInt) return kUnsignedIntMin;
  return kIntegerMin;
}

std::optional<std::string> IntegerProblem(const JsonValue& value, ValueKind kind) {
  if (IsNumberText(value)) {
    if (IsFhirInteger(RawNumberText(value), MinOf(kind))) return std::nullopt;
    return FormatProblem(kind);
  }
  if (!value.IsNumber()) return KindProblem(kind, "a JSON number", value);
  constexpr std::int64_t kMax = 2147483647;
  if (value.IsInt64() && value.GetInt64() >= MinOf(kind) && value.GetInt64() <= kMax) {
    return std::nullopt;
  }
  return FormatProblem(kind);
}

std::optional<std::string> TextProblem(const JsonValue& value, ValueKind kind) {
  if (!value.IsString() || IsNumberText(value)) return KindProblem(kind, "a JSON string", value);
  std::string_view text(value.GetString(), value.GetStringLength());
  if (text.empty()) return std::string(TextOf(kind).not_a) + ": must not be an empty string";
  if (!IsValidText(kind, text)) return FormatProblem(kind);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> PrimitiveValueProblem(const JsonValue& value, ValueKind kind) {
  if (kind == ValueKind::kBoolean) {
    if (value.IsBool()) return std::nullopt;
    return KindProblem(kind, "true or false", value);
  }
  if (kind == ValueKind::kDecimal) {
    if (IsNumberText(value) || value.IsNumber()) return std::nullopt;
    return KindProblem(kind, "a JSON number", value);
  }
  if (kind == ValueKind::kInteger || kind == ValueKind::kPositiveInt ||
      kind == ValueKind::kUnsignedInt) {
    return IntegerProblem(value, kind);
  }
  return TextProblem(value, kind);
}

const char* JsonKindName(const JsonValue& value) {
  if (IsRawNumber(value) || value.IsNumber()) return "a number";
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "a boolean";
    case rapidjson::kObjectType:
      return "an object";
    case rapidjson::kArrayType:
      return "an array";
    case rapidjson::kStringType:
      return "a string";
    case rapidjson::kNumberType:
      return "a number";
  }
  return "a value";
}

}  // namespace ferry
