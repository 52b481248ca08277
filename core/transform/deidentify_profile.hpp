#pragma once
/// A de-identification profile: YAML data saying what happens to each element of a resource
/// (ferry-plan(5), DE-IDENTIFICATION PROFILES). Ferry ships `safe-harbor`
/// (mappings/deidentify/safe-harbor.yaml, built in); a site writes a stricter one.
///
///     DeidProfile profile = LoadDeidProfile("safe-harbor", plan_dir);  // or a path
///     DeidAction action = profile.ActionFor("Patient.birthDate", "", "date");
///
/// An element gets the action of its most specific entry: `Struct.element`, then its
/// datatype (`HumanName`), then its primitive kind (`string`); none = keep.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::transform {

/// What happens to one element.
enum class DeidAction {
  kKeep,          ///< left as it is
  kRemove,        ///< removed (with everything under it)
  kPseudonymise,  ///< a string replaced by its keyed pseudonym
  kZip3,          ///< a US zip code cut to its first three digits (000 when restricted)
  kDate,          ///< a date, dateTime or instant shifted or cut to its year (`dates`)
  kBirthDate,     ///< as kDate, then an age above `age_limit` grouped
  kAgeGroup,      ///< an Age in years above `age_limit` becomes `age_limit` + 1 (the group)
};

/// The name of `action` as written in profiles and reports ("remove").
std::string_view DeidActionName(DeidAction action);

/// How dates are treated.
enum class DateRule {
  kShift,  ///< shifted by a keyed per-patient number of days (intervals kept)
  kYear,   ///< cut to the year (an instant, which cannot be a year, is removed)
  kKeep,   ///< left as they are (only for profiles that are not Safe Harbor)
};

/// A loaded, checked profile.
struct DeidProfile {
  std::string name;
  std::string source;  ///< where it was loaded from: a path, or `built-in safe-harbor`
  DateRule dates = DateRule::kShift;
  int max_shift_days = 365;
  int age_limit = 89;   ///< ages above it are grouped; 0 = no grouping
  bool pseudonymise_ids = true;
  std::set<std::string> restricted_zip3;
  std::map<std::string, DeidAction, std::less<>> elements;  ///< key -> action

  /// The action for the element `element_key` (`Struct.element`) whose datatype is
  /// `datatype` ("" for primitives) and primitive kind `kind` ("" for complex elements).
  DeidAction ActionFor(std::string_view element_key, std::string_view datatype, std::string_view kind) const;
};

/// Loads the built-in profile `name_or_path` when it names one, else the YAML file at that
/// path (relative to `base_dir`). Throws PlanError listing every mistake as file:line:col.
DeidProfile LoadDeidProfile(const std::string& name_or_path, const std::string& base_dir);

/// Parses profile text; `display_name` names it in messages. Throws PlanError.
DeidProfile ParseDeidProfile(const std::string& text, const std::string& display_name);

/// Names of the built-in profiles.
std::vector<std::string> BuiltinDeidProfiles();

}  // namespace ferry::transform
