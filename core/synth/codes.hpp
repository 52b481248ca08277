#pragma once
/// The standard codes the synthetic population uses: a few dozen real SNOMED CT, LOINC,
/// RxNorm and CVX codes with their standard displays, the systems they belong to, and
/// the small clinical tables built from them (which acute problem gets which medicine,
/// which vital sign has which unit). Everything is constant data.

#include <span>
#include <string_view>

namespace ferry::synth {

/// The terminologies the codes come from.
enum class CodeSystem { kSnomed, kLoinc, kRxNorm, kCvx };

/// One code of a standard terminology.
struct Code {
  CodeSystem system;
  std::string_view code;
  std::string_view display;
};

/// The FHIR URI of `system` (`http://snomed.info/sct`, ...).
std::string_view SystemUri(CodeSystem system);
/// Synthea's short name of `system` as written in its CSV SYSTEM columns (`SNOMED-CT`,
/// `LOINC`, `RxNorm`, `CVX`).
std::string_view SystemName(CodeSystem system);

/// The encounter classes the population has (a subset of Synthea's ENCOUNTERCLASS).
enum class EncounterClass { kWellness, kAmbulatory, kEmergency, kInpatient };

/// Synthea's ENCOUNTERCLASS value (`wellness`, `ambulatory`, `emergency`, `inpatient`).
std::string_view ClassName(EncounterClass encounter_class);

/// The vital signs, labs and surveys the population has; indexes into Observations().
enum class ObservationKind {
  kHeight,
  kWeight,
  kBmi,
  kSystolic,
  kDiastolic,
  kHeartRate,
  kRespiratoryRate,
  kTemperature,
  kPain,
  kGlucose,
  kHbA1c,
  kCholesterol,
  kSmoking,
};

/// An observation's LOINC code, Synthea category, UCUM unit ("" for text values).
struct ObservationDef {
  Code code;
  std::string_view category;
  std::string_view units;
  bool numeric;
};

/// The definition of `kind`.
const ObservationDef& Observation(ObservationKind kind);

/// A problem the population can have, and what is done about it.
struct ConditionDef {
  Code code;
  bool chronic;                    ///< never resolves (STOP stays empty)
  EncounterClass encounter_class;  ///< where an acute episode is seen
  const Code* medication;          ///< prescribed at diagnosis, or null
  const Code* procedure;           ///< performed at diagnosis, or null
  int min_days;                    ///< acute: shortest course
  int max_days;                    ///< acute: longest course
  int min_age;                     ///< youngest age (years) it is diagnosed at
};

/// Problems seen in ambulatory, emergency and inpatient episodes.
std::span<const ConditionDef> AcuteConditions();
/// Long-term problems found at wellness visits.
std::span<const ConditionDef> ChronicConditions();

/// An allergy: its code (SNOMED CT substance or RxNorm ingredient) and Synthea's TYPE and
/// CATEGORY columns.
struct AllergyDef {
  Code code;
  std::string_view type;
  std::string_view category;
};

/// Allergens the population can be allergic to.
std::span<const AllergyDef> Allergies();
/// Reactions to allergens (SNOMED CT findings).
std::span<const Code> AllergyReactions();

/// A vaccine and the ages (in months, inclusive) at which a wellness visit gives it.
struct VaccineDef {
  Code code;
  int min_months;
  int max_months;
};

/// Routine vaccines other than the seasonal flu shot.
std::span<const VaccineDef> Vaccines();
/// The seasonal flu shot (CVX 140).
const Code& FluVaccine();

/// Encounter types (SNOMED CT) by class; wellness has a child and an adult form.
const Code& EncounterType(EncounterClass encounter_class, bool child);

/// Procedures done at wellness visits: reconciling medications (when there are some),
/// depression screening and a social-needs assessment (adults).
const Code& MedicationReconciliation();
const Code& DepressionScreening();  ///< SNOMED CT 171207006
const Code& NeedsAssessment();      ///< SNOMED CT 710824005

/// Smoking-status answers (the text Synthea writes in VALUE).
std::span<const std::string_view> SmokingStatuses();

}  // namespace ferry::synth
