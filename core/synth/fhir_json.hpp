#pragma once
/// Streaming JSON for the synthetic FHIR resources (internal to core/synth): a thin layer
/// over rapidjson::Writer with the FHIR shapes Ferry's Synthea mapping produces
/// (mappings/synthea-csv.yaml). Members whose data is empty are left out, as the mapping
/// engine leaves them out; constants are always written. Numbers are written as the text
/// they have in the CSV (`72.40` stays `72.40`).

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "core/synth/codes.hpp"

namespace ferry::synth {

/// The `system` of the Synthea mapping; ids are Uuid5(ferry namespace, system|Type|key).
inline constexpr std::string_view kSyntheaSystem = "urn:ferry:synthea";

/// The id the mapping gives a `resource_type` row whose key columns hold `key`.
std::string ResourceId(std::string_view resource_type, std::initializer_list<std::string_view> key);

/// `Type/<id>` for a reference to the `resource_type` row keyed `key`.
std::string ReferenceTo(std::string_view resource_type, std::string_view key);

/// Builds one resource at a time in a buffer that is reused.
class FhirJson {
 public:
  FhirJson();
  /// Forgets the previous resource and starts `{"resourceType":type,"id":id`.
  void Begin(std::string_view resource_type, std::string_view id);
  /// Closes the resource and returns its JSON text (one line, no newline), valid until
  /// the next Begin.
  std::string_view Finish();

  /// Raw JSON events, as rapidjson::Writer has them; Number writes `text` as a JSON
  /// number (the caller has checked it is one).
  void Key(std::string_view key);
  void String(std::string_view text);  ///< a string value
  void Number(std::string_view text);  ///< a number value, written as `text`
  void Bool(bool value);               ///< true or false
  void StartObject();                  ///< `{`
  void EndObject();                    ///< `}`
  void StartArray();                   ///< `[`
  void EndArray();                     ///< `]`

  /// `"key":"text"`, written only when `text` is not empty.
  void Member(std::string_view key, std::string_view text);
  /// `{"system":..,"code":..,"display":..}` with empty members left out.
  void Coding(std::string_view system, std::string_view code, std::string_view display);
  /// `"key":{"coding":[Coding],"text":display}`; nothing when `code` is empty.
  void Concept(std::string_view key, std::string_view system, std::string_view code,
               std::string_view display);
  /// The same for a Code of the tables.
  void Concept(std::string_view key, const Code& code);
  /// `"key":[{"coding":[{system,code,display}]}]` (reasonCode); nothing for a null code.
  void ReasonCode(const Code* code);
  /// `"key":{"reference":reference}` (see ReferenceTo); nothing when it is empty.
  void Reference(std::string_view key, std::string_view reference);
  /// `"key":{"coding":[{"system":system,"code":code}]}` (a status CodeableConcept).
  void Status(std::string_view key, std::string_view system, std::string_view code);
  /// `"key":{"start":..,"end":..}`.
  void Period(std::string_view key, std::string_view start, std::string_view end);

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
  std::string scratch_;
};

/// `text` as the CSV cell holds it (Synthea's clean applied), for codes' displays.
std::string Cell(std::string_view text);
/// The same, using `scratch` only when `text` needs cleaning.
std::string_view Cell(std::string_view text, std::string& scratch);

}  // namespace ferry::synth
