#pragma once
/// FHIR JSON in memory: RapidJSON documents in which numbers keep the exact text they
/// arrived as (FHIR decimals are precise: `1.50` must stay `1.50`).
///
/// A number is held as a string whose first byte is `kRawNumberMark` followed by the
/// number's text. `IsRawNumber` tells such a value apart, `WriteJson` writes it back as a
/// JSON number (only if the text really is a JSON number: a string from data can never be
/// turned into raw JSON). Every module that reads or writes resources uses these functions.
///
///     rapidjson::Document doc;
///     if (auto parsed = ParseJson(line, doc); !parsed) return Failure(parsed.error());
///     std::string out = WriteJson(doc);                 // as it came, compact
///     std::string canonical = WriteJson(doc, JsonStyle::kCanonical);  // keys sorted

#include <rapidjson/document.h>

#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace ferry {

using JsonValue = rapidjson::Value;
using JsonDocument = rapidjson::Document;
using JsonAllocator = rapidjson::Document::AllocatorType;

/// First byte of a string value that stands for a JSON number (see file comment).
inline constexpr char kRawNumberMark = '\x1f';

/// Parses `text` into `doc`, keeping number texts. A syntax error comes back as
/// "JSON syntax error at offset N: <reason>".
Result<void> ParseJson(std::string_view text, JsonDocument& doc);

enum class JsonStyle {
  kCompact,    ///< members in document order, no white space
  kCanonical,  ///< members sorted by key (byte order), no white space; for digests
};

/// Serializes `value`.
std::string WriteJson(const JsonValue& value, JsonStyle style = JsonStyle::kCompact);

/// True when `value` is a number kept as text.
bool IsRawNumber(const JsonValue& value);
/// The number's text of a raw number (without the mark).
std::string_view RawNumberText(const JsonValue& value);
/// A raw number value holding `text` (which the caller has checked is a JSON number).
JsonValue MakeRawNumber(std::string_view text, JsonAllocator& allocator);
/// A string value holding a copy of `text`.
JsonValue MakeString(std::string_view text, JsonAllocator& allocator);

/// True when `text` is a JSON number per RFC 8259 (and so a valid FHIR decimal lexically).
bool IsJsonNumberText(std::string_view text);

/// `{"request":{"method":"DELETE","url":"Type/id"}}`: the delete of one resource as a
/// Bundle entry (Bulk Data `deleted` files, dead-lettered deletes).
std::string DeleteEntryJson(std::string_view resource_type, std::string_view id);

}  // namespace ferry
