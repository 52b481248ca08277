#pragma once
/// De-identification of one FHIR R4 resource by a profile (deidentify_profile.hpp): a walk
/// of the resource guided by the R4 tables, so every element is seen with its datatype and
/// primitive kind, wherever it is nested (extensions and contained resources too).
///
/// Pseudonyms are HMAC-SHA-256 under the key, so the same key gives the same pseudonyms run
/// after run and a different key different ones, and nobody without the key can reverse
/// them. A resource id and every `Type/id` reference to it become the same pseudonym, so
/// references still join. Dates move by one keyed shift per patient (found from the
/// resource's id or its subject/patient reference), so intervals within a patient are kept.
/// What changed is counted per element path ("Patient.address.postalCode", "generalised").
///
///     Deidentifier deid(LoadDeidProfile("safe-harbor", dir), key, 2026);
///     ChangeCounts counts;
///     deid.Apply(doc, counts);   // doc: a valid resource, changed in place

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/fhir/json.hpp"
#include "core/fhir/r4_tables.hpp"
#include "core/transform/deidentify_profile.hpp"

namespace ferry::transform {

/// (element path, change) -> count; changes are removed, pseudonymised, generalised, shifted.
using ChangeCounts = std::map<std::pair<std::string, std::string>, std::uint64_t>;

class Deidentifier {
 public:
  /// `key`: the HMAC key (at least 16 bytes; the plan loader checks). `reference_year`:
  /// the year ages are counted to (the run's year).
  Deidentifier(DeidProfile profile, std::string key, int reference_year);

  /// De-identifies the resource `doc` in place and adds what changed to `counts`. A
  /// resource whose type is not R4 is left alone (the validator has refused it already).
  void Apply(JsonDocument& doc, ChangeCounts& counts) const;

  /// The keyed pseudonym of `text` in `domain` ("id", "value"): 32 hex digits.
  std::string Pseudonym(std::string_view domain, std::string_view text) const;
  /// The keyed date shift of patient `patient_id` ("" = resources of no patient), in days:
  /// in [-max_shift_days, max_shift_days], never 0.
  int ShiftDays(std::string_view patient_id) const;

 private:
  struct Walk;
  void WalkObject(JsonValue& object, std::uint16_t struct_index, bool is_root, std::string& path, Walk& walk) const;
  /// Returns false when the member is to be removed.
  bool WalkMember(JsonValue& value, const r4::ElementInfo& element, std::string& path, Walk& walk) const;
  void PseudonymiseId(JsonValue& id, const std::string& resource_type, const std::string& path, Walk& walk) const;
  /// A primitive's `_name` twin (its id and extensions); false when it is left empty.
  bool WalkTwin(JsonValue& value, std::string& path, Walk& walk) const;
  bool WalkItem(JsonValue& item, const r4::ElementInfo& element, DeidAction action, std::string& path,
                Walk& walk) const;
  bool ApplyToPrimitive(JsonValue& value, r4::ValueKind kind, DeidAction action, const std::string& path,
                        Walk& walk) const;
  bool ApplyDate(JsonValue& value, r4::ValueKind kind, const std::string& path, Walk& walk) const;
  bool ApplyReference(JsonValue& value, const std::string& path, Walk& walk) const;
  bool ApplyZip3(JsonValue& value, const std::string& path, Walk& walk) const;
  /// An Age (UCUM `a`) above age_limit becomes age_limit + 1.
  void GroupAgeValue(JsonValue& age, const std::string& path, Walk& walk) const;
  void GroupAge(JsonValue& value, int original_year, const std::string& path, Walk& walk) const;

  DeidProfile profile_;
  /// The profile's action for each row of r4::kElements (worked out once, not per element).
  std::vector<DeidAction> actions_;
  std::string key_;
  int reference_year_;
};

}  // namespace ferry::transform
