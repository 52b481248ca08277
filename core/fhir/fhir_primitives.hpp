#pragma once
/// Lexical checks of FHIR R4 primitive values, hand-written equivalents of the regular
/// expressions in the specification (https://hl7.org/fhir/R4/datatypes.html), without
/// std::regex and without allocating.
///
/// Each function takes the text of a JSON string (or the text of a JSON number for the
/// numeric types) and says whether it is a valid value of that type. Where the R4 regex
/// is known to be wrong, the specification's prose wins: dateTime and instant hours go up
/// to 23 (the regex says `2[3]`), base64Binary allows `/`, and dates must exist on the
/// calendar (no 2019-02-30).
///
///     if (!IsFhirDate("2019-02-28")) { ... }
///     if (!IsFhirInteger("12", kPositiveIntMin)) { ... }

#include <cstdint>
#include <string_view>

namespace ferry {

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (year 0001-9999).
bool IsFhirDate(std::string_view text);
/// A date, or `YYYY-MM-DDThh:mm:ss[.f+]` followed by `Z` or `±hh:mm`.
bool IsFhirDateTime(std::string_view text);
/// `YYYY-MM-DDThh:mm:ss[.f+]` followed by `Z` or `±hh:mm` (all parts required).
bool IsFhirInstant(std::string_view text);
/// `hh:mm:ss[.f+]` (no time zone).
bool IsFhirTime(std::string_view text);
/// 1 to 64 of `A-Z a-z 0-9 - .`.
bool IsFhirId(std::string_view text);
/// `urn:oid:` then a dotted number starting with 0, 1 or 2.
bool IsFhirOid(std::string_view text);
/// `urn:uuid:` then a lower-case 8-4-4-4-12 hex UUID.
bool IsFhirUuid(std::string_view text);
/// Non-empty, no white space (also used for url and canonical).
bool IsFhirUri(std::string_view text);
/// Non-empty, no leading or trailing white space, no run of two white space characters.
bool IsFhirCode(std::string_view text);
/// Base64 (`A-Z a-z 0-9 + / =`, white space ignored), a multiple of 4 characters, `=` only
/// as one or two trailing pad characters.
bool IsFhirBase64(std::string_view text);

/// The lowest value of each FHIR integer type (all share the maximum 2147483647).
inline constexpr std::int64_t kIntegerMin = -2147483648LL;
inline constexpr std::int64_t kUnsignedIntMin = 0;
inline constexpr std::int64_t kPositiveIntMin = 1;

/// The text of a JSON number that is a whole number from `min` to 2147483647, written
/// without fraction or exponent.
bool IsFhirInteger(std::string_view text, std::int64_t min);

/// Reference.reference syntax: `Type/id`, `Type/id/_history/version`, an absolute URL
/// (`scheme://...`), `urn:uuid:...`, `urn:oid:...`, `#id` or `#`, or a conditional
/// reference `Type?search`. `Type` must be an R4 resource type.
bool IsFhirReference(std::string_view text);

}  // namespace ferry
