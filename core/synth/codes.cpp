#include "core/synth/codes.hpp"

#include <array>

namespace ferry::synth {

namespace {

constexpr CodeSystem kSct = CodeSystem::kSnomed;
constexpr CodeSystem kLoinc = CodeSystem::kLoinc;
constexpr CodeSystem kRx = CodeSystem::kRxNorm;
constexpr CodeSystem kCvx = CodeSystem::kCvx;
constexpr EncounterClass kAmb = EncounterClass::kAmbulatory;
constexpr EncounterClass kEmer = EncounterClass::kEmergency;
constexpr EncounterClass kImp = EncounterClass::kInpatient;
constexpr EncounterClass kWell = EncounterClass::kWellness;

// Medications (RxNorm).
constexpr Code kAcetaminophen{kRx, "313782", "Acetaminophen 325 MG Oral Tablet"};
constexpr Code kIbuprofen{kRx, "198405", "Ibuprofen 100 MG Oral Tablet"};
constexpr Code kPenicillin{kRx, "834061", "Penicillin V Potassium 250 MG Oral Tablet"};
constexpr Code kNitrofurantoin{kRx, "311989", "Nitrofurantoin 5 MG/ML Oral Suspension"};
constexpr Code kNaproxen{kRx, "849574", "Naproxen sodium 220 MG Oral Tablet"};
constexpr Code kAmoxicillinClavulanate{kRx, "562251",
                                       "Amoxicillin 250 MG / Clavulanate 125 MG Oral Tablet"};
constexpr Code kLisinopril{kRx, "314076", "lisinopril 10 MG Oral Tablet"};
constexpr Code kMetformin{kRx, "860975",
                          "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet"};
constexpr Code kSimvastatin{kRx, "314231", "Simvastatin 10 MG Oral Tablet"};
constexpr Code kAlbuterol{kRx, "351137", "albuterol 0.21 MG/ML Inhalation Solution"};
constexpr Code kFerrousSulfate{kRx, "310325", "ferrous sulfate 325 MG Oral Tablet"};

// Procedures (SNOMED CT).
constexpr Code kThroatCulture{kSct, "117015009", "Throat culture (procedure)"};
constexpr Code kUrineCulture{kSct, "117010004", "Urine culture"};
constexpr Code kImmobilization{kSct, "274474001", "Bone immobilization"};
constexpr Code kSuture{kSct, "288086009", "Suture open wound"};
constexpr Code kHemogram{kSct, "104091002",
                         "Hemogram, automated, with RBC, WBC, Hgb, Hct, Indices, Platelet count, "
                         "and manual WBC differential"};
constexpr Code kMedicationReconciliation{kSct, "430193006",
                                         "Medication Reconciliation (procedure)"};
constexpr Code kDepressionScreening{kSct, "171207006", "Depression screening (procedure)"};
constexpr Code kNeedsAssessment{kSct, "710824005",
                                "Assessment of health and social care needs (procedure)"};

constexpr std::array kAcute = {
    ConditionDef{{kSct, "195662009", "Acute viral pharyngitis (disorder)"},
                 false,
                 kAmb,
                 &kAcetaminophen,
                 &kThroatCulture,
                 7,
                 14,
                 0},
    ConditionDef{{kSct, "444814009", "Viral sinusitis (disorder)"},
                 false,
                 kAmb,
                 nullptr,
                 nullptr,
                 14,
                 28,
                 0},
    ConditionDef{{kSct, "10509002", "Acute bronchitis (disorder)"},
                 false,
                 kAmb,
                 &kIbuprofen,
                 nullptr,
                 7,
                 21,
                 0},
    ConditionDef{{kSct, "43878008", "Streptococcal sore throat (disorder)"},
                 false,
                 kAmb,
                 &kPenicillin,
                 &kThroatCulture,
                 7,
                 14,
                 2},
    ConditionDef{{kSct, "301011002", "Escherichia coli urinary tract infection"},
                 false,
                 kAmb,
                 &kNitrofurantoin,
                 &kUrineCulture,
                 7,
                 14,
                 5},
    ConditionDef{{kSct, "840539006", "COVID-19"}, false, kAmb, nullptr, nullptr, 10, 21, 0},
    ConditionDef{{kSct, "44465007", "Sprain of ankle"},
                 false,
                 kEmer,
                 &kNaproxen,
                 &kImmobilization,
                 14,
                 42,
                 5},
    ConditionDef{{kSct, "283371005", "Laceration of forearm"},
                 false,
                 kEmer,
                 &kAcetaminophen,
                 &kSuture,
                 7,
                 21,
                 3},
    ConditionDef{{kSct, "16114001", "Fracture of ankle"},
                 false,
                 kEmer,
                 &kNaproxen,
                 &kImmobilization,
                 42,
                 84,
                 5},
    ConditionDef{{kSct, "91302008", "Sepsis (disorder)"},
                 false,
                 kImp,
                 &kAmoxicillinClavulanate,
                 &kHemogram,
                 14,
                 35,
                 0},
};

constexpr std::array kChronic = {
    ConditionDef{{kSct, "59621000", "Essential hypertension (disorder)"},
                 true,
                 kWell,
                 &kLisinopril,
                 nullptr,
                 0,
                 0,
                 30},
    ConditionDef{{kSct, "15777000", "Prediabetes"}, true, kWell, nullptr, nullptr, 0, 0, 25},
    ConditionDef{{kSct, "44054006", "Diabetes mellitus type 2 (disorder)"},
                 true,
                 kWell,
                 &kMetformin,
                 nullptr,
                 0,
                 0,
                 35},
    ConditionDef{
        {kSct, "55822004", "Hyperlipidemia"}, true, kWell, &kSimvastatin, nullptr, 0, 0, 35},
    ConditionDef{{kSct, "162864005", "Body mass index 30+ - obesity (finding)"},
                 true,
                 kWell,
                 nullptr,
                 nullptr,
                 0,
                 0,
                 18},
    ConditionDef{{kSct, "195967001", "Asthma"}, true, kWell, &kAlbuterol, nullptr, 0, 0, 3},
    ConditionDef{
        {kSct, "271737000", "Anemia (disorder)"}, true, kWell, &kFerrousSulfate, nullptr, 0, 0, 12},
};

constexpr std::array kObservationDefs = {
    ObservationDef{{kLoinc, "8302-2", "Body Height"}, "vital-signs", "cm", true},
    ObservationDef{{kLoinc, "29463-7", "Body Weight"}, "vital-signs", "kg", true},
    ObservationDef{
        {kLoinc, "39156-5", "Body mass index (BMI) [Ratio]"}, "vital-signs", "kg/m2", true},
    ObservationDef{{kLoinc, "8480-6", "Systolic Blood Pressure"}, "vital-signs", "mm[Hg]", true},
    ObservationDef{{kLoinc, "8462-4", "Diastolic Blood Pressure"}, "vital-signs", "mm[Hg]", true},
    ObservationDef{{kLoinc, "8867-4", "Heart rate"}, "vital-signs", "/min", true},
    ObservationDef{{kLoinc, "9279-1", "Respiratory rate"}, "vital-signs", "/min", true},
    ObservationDef{{kLoinc, "8310-5", "Body temperature"}, "vital-signs", "Cel", true},
    ObservationDef{
        {kLoinc, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"},
        "survey",
        "{score}",
        true},
    ObservationDef{
        {kLoinc, "2339-0", "Glucose [Mass/volume] in Blood"}, "laboratory", "mg/dL", true},
    ObservationDef{
        {kLoinc, "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood"}, "laboratory", "%", true},
    ObservationDef{{kLoinc, "2093-3", "Cholesterol [Mass/volume] in Serum or Plasma"},
                   "laboratory",
                   "mg/dL",
                   true},
    ObservationDef{{kLoinc, "72166-2", "Tobacco smoking status"}, "survey", "", false},
};

constexpr std::array kAllergyDefs = {
    AllergyDef{{kSct, "84489001", "Mold (organism)"}, "allergy", "environment"},
    AllergyDef{{kSct, "260147004", "House dust mite (organism)"}, "allergy", "environment"},
    AllergyDef{{kSct, "264287008", "Animal dander (substance)"}, "allergy", "environment"},
    AllergyDef{{kSct, "782576004", "Tree pollen (substance)"}, "allergy", "environment"},
    AllergyDef{{kSct, "111088007", "Latex (substance)"}, "allergy", "environment"},
    AllergyDef{{kSct, "288328004", "Bee venom (substance)"}, "allergy", "environment"},
    AllergyDef{{kSct, "442571000124108", "Tree nut (substance)"}, "allergy", "food"},
    AllergyDef{{kSct, "102263004", "Eggs (edible) (substance)"}, "allergy", "food"},
    AllergyDef{{kRx, "1191", "Aspirin"}, "allergy", "medication"},
    AllergyDef{{kRx, "10831", "Sulfamethoxazole / Trimethoprim"}, "intolerance", "medication"},
};

constexpr std::array kReactions = {
    Code{kSct, "247472004", "Wheal (finding)"},
    Code{kSct, "267036007", "Dyspnea (finding)"},
    Code{kSct, "271807003", "Eruption of skin (disorder)"},
    Code{kSct, "878820003", "Rhinoconjunctivitis (disorder)"},
    Code{kSct, "39579001", "Anaphylaxis (disorder)"},
    Code{kSct, "418290006", "Itching (finding)"},
};

constexpr std::array kVaccineDefs = {
    VaccineDef{{kCvx, "08", "Hep B, adolescent or pediatric"}, 0, 18},
    VaccineDef{{kCvx, "20", "DTaP"}, 2, 72},
    VaccineDef{{kCvx, "10", "IPV"}, 2, 72},
    VaccineDef{{kCvx, "49", "Hib (PRP-OMP)"}, 2, 15},
    VaccineDef{{kCvx, "133", "Pneumococcal conjugate PCV 13"}, 2, 15},
    VaccineDef{{kCvx, "03", "MMR"}, 12, 72},
    VaccineDef{{kCvx, "21", "varicella"}, 12, 72},
    VaccineDef{{kCvx, "83", "Hep A, ped/adol, 2 dose"}, 12, 23},
    VaccineDef{{kCvx, "115", "Tdap"}, 132, 155},
    VaccineDef{{kCvx, "62", "HPV, quadrivalent"}, 132, 155},
    VaccineDef{{kCvx, "114", "meningococcal MCV4P"}, 132, 203},
    VaccineDef{
        {kCvx, "113", "Td (adult), 5 Lf tetanus toxoid, preservative free, adsorbed"}, 228, 1200},
    VaccineDef{{kCvx, "121", "zoster vaccine, live"}, 600, 1200},
    VaccineDef{{kCvx, "33", "pneumococcal polysaccharide vaccine, 23 valent"}, 780, 1200},
};

constexpr Code kFlu{kCvx, "140", "Influenza, seasonal, injectable, preservative free"};
constexpr Code kWellChild{kSct, "410620009", "Well child visit (procedure)"};
constexpr Code kGeneralExam{kSct, "162673000", "General examination of patient (procedure)"};
constexpr Code kProblemVisit{kSct, "185347001", "Encounter for problem (procedure)"};
constexpr Code kEmergencyAdmission{kSct, "50849002", "Emergency room admission (procedure)"};
constexpr Code kHospitalAdmission{kSct, "32485007", "Hospital admission (procedure)"};

constexpr std::array<std::string_view, 3> kSmoking = {
    "Never smoked tobacco (finding)", "Ex-smoker (finding)", "Smokes tobacco daily (finding)"};

}  // namespace

std::string_view SystemUri(CodeSystem system) {
  switch (system) {
    case CodeSystem::kSnomed:
      return "http://snomed.info/sct";
    case CodeSystem::kLoinc:
      return "http://loinc.org";
    case CodeSystem::kRxNorm:
      return "http://www.nlm.nih.gov/research/umls/rxnorm";
    case CodeSystem::kCvx:
      return "http://hl7.org/fhir/sid/cvx";
  }
  return "";
}

std::string_view SystemName(CodeSystem system) {
  switch (system) {
    case CodeSystem::kSnomed:
      return "SNOMED-CT";
    case CodeSystem::kLoinc:
      return "LOINC";
    case CodeSystem::kRxNorm:
      return "RxNorm";
    case CodeSystem::kCvx:
      return "CVX";
  }
  return "";
}

std::string_view ClassName(EncounterClass encounter_class) {
  switch (encounter_class) {
    case EncounterClass::kWellness:
      return "wellness";
    case EncounterClass::kAmbulatory:
      return "ambulatory";
    case EncounterClass::kEmergency:
      return "emergency";
    case EncounterClass::kInpatient:
      return "inpatient";
  }
  return "";
}

const ObservationDef& Observation(ObservationKind kind) {
  return kObservationDefs[static_cast<std::size_t>(kind)];
}

std::span<const ConditionDef> AcuteConditions() { return kAcute; }
std::span<const ConditionDef> ChronicConditions() { return kChronic; }
std::span<const AllergyDef> Allergies() { return kAllergyDefs; }
std::span<const Code> AllergyReactions() { return kReactions; }
std::span<const VaccineDef> Vaccines() { return kVaccineDefs; }
const Code& FluVaccine() { return kFlu; }

const Code& EncounterType(EncounterClass encounter_class, bool child) {
  switch (encounter_class) {
    case EncounterClass::kWellness:
      return child ? kWellChild : kGeneralExam;
    case EncounterClass::kAmbulatory:
      return kProblemVisit;
    case EncounterClass::kEmergency:
      return kEmergencyAdmission;
    case EncounterClass::kInpatient:
      return kHospitalAdmission;
  }
  return kProblemVisit;
}

const Code& MedicationReconciliation() { return kMedicationReconciliation; }
const Code& DepressionScreening() { return kDepressionScreening; }
const Code& NeedsAssessment() { return kNeedsAssessment; }
std::span<const std::string_view> SmokingStatuses() { return kSmoking; }

}  // namespace ferry::synth
