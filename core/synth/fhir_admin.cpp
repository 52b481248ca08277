#include <array>
#include <utility>

#include "core/synth/fhir_json.hpp"
#include "core/synth/fhir_resources.hpp"

namespace ferry::synth {

namespace {

constexpr std::string_view kSyntheaIdentifier = "https://github.com/synthetichealth/synthea";
constexpr std::string_view kIdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";
constexpr std::string_view kOmbSystem = "urn:oid:2.16.840.1.113883.6.238";
constexpr std::string_view kUsCore = "http://hl7.org/fhir/us/core/StructureDefinition/";
constexpr std::string_view kUtilization =
    "http://synthetichealth.github.io/synthea/utilization-encounters-extension";

struct Category {
  std::string_view csv;
  std::string_view code;
  std::string_view display;
};

constexpr std::array<Category, 8> kRaceEthnicity = {{
    {"white", "2106-3", "White"},
    {"black", "2054-5", "Black or African American"},
    {"asian", "2028-9", "Asian"},
    {"native", "1002-5", "American Indian or Alaska Native"},
    {"hawaiian", "2076-8", "Native Hawaiian or Other Pacific Islander"},
    {"other", "2131-1", "Other Race"},
    {"hispanic", "2135-2", "Hispanic or Latino"},
    {"nonhispanic", "2186-5", "Not Hispanic or Latino"},
}};

constexpr std::array<Category, 4> kMarital = {{{"M", "M", "Married"},
                                               {"S", "S", "Never Married"},
                                               {"D", "D", "Divorced"},
                                               {"W", "W", "Widowed"}}};

/// GENDER as the mapping maps it: M male, F female, empty omitted, anything else unknown.
std::string_view AdministrativeGender(std::string_view gender) {
  if (gender.empty()) return "";
  return gender == "M" ? "male" : gender == "F" ? "female" : "unknown";
}

template <std::size_t N>
const Category* Find(const std::array<Category, N>& table, std::string_view csv) {
  for (const Category& entry : table) {
    if (entry.csv == csv) return &entry;
  }
  return nullptr;
}

/// A US Core race or ethnicity extension: ombCategory coding and text.
void OmbExtension(FhirJson& json, std::string_view name, std::string_view csv) {
  const Category* category = Find(kRaceEthnicity, csv);
  if (category == nullptr) return;
  json.StartObject();
  json.Member("url", std::string(kUsCore) + std::string(name));
  json.Key("extension");
  json.StartArray();
  json.StartObject();
  json.Member("url", "ombCategory");
  json.Key("valueCoding");
  json.Coding(kOmbSystem, category->code, category->display);
  json.EndObject();
  json.StartObject();
  json.Member("url", "text");
  json.Member("valueString", category->display);
  json.EndObject();
  json.EndArray();
  json.EndObject();
}

void PatientExtensions(FhirJson& json, const PatientRecord& p) {
  json.Key("extension");
  json.StartArray();
  OmbExtension(json, "us-core-race", p.race);
  OmbExtension(json, "us-core-ethnicity", p.ethnicity);
  if (!p.gender.empty()) {
    json.StartObject();
    json.Member("url", std::string(kUsCore) + "us-core-birthsex");
    json.Member("valueCode", p.gender);
    json.EndObject();
  }
  if (!p.birthplace.empty()) {
    json.StartObject();
    json.Member("url", "http://hl7.org/fhir/StructureDefinition/patient-birthPlace");
    json.Key("valueAddress");
    json.StartObject();
    json.Member("text", p.birthplace);
    json.EndObject();
    json.EndObject();
  }
  json.EndArray();
}

/// An identifier with a v2-0203 type; nothing when `value` is empty.
void TypedIdentifier(FhirJson& json, std::string_view type_code, std::string_view type_text,
                     std::string_view system, std::string_view value) {
  if (value.empty()) return;
  json.StartObject();
  json.Concept("type", kIdentifierType, type_code, type_text);
  json.Member("system", system);
  json.Member("value", value);
  json.EndObject();
}

void PatientIdentifiers(FhirJson& json, const PatientRecord& p) {
  json.Key("identifier");
  json.StartArray();
  json.StartObject();
  json.Member("system", kSyntheaIdentifier);
  json.Member("value", p.id);
  json.EndObject();
  TypedIdentifier(json, "MR", "Medical Record Number", "http://hospital.smarthealthit.org", p.id);
  TypedIdentifier(json, "SS", "Social Security Number", "http://hl7.org/fhir/sid/us-ssn", p.ssn);
  TypedIdentifier(json, "DL", "Driver's license number", "urn:oid:2.16.840.1.113883.4.3.25",
                  p.drivers);
  TypedIdentifier(json, "PPN", "Passport Number",
                  "http://standardhealthrecord.org/fhir/StructureDefinition/passportNumber",
                  p.passport);
  json.EndArray();
}

void StringArray(FhirJson& json, std::string_view key,
                 std::initializer_list<std::string_view> items) {
  bool any = false;
  for (std::string_view item : items) any = any || !item.empty();
  if (!any) return;
  json.Key(key);
  json.StartArray();
  for (std::string_view item : items) {
    if (!item.empty()) json.String(item);
  }
  json.EndArray();
}

void HumanName(FhirJson& json, std::string_view use, std::string_view family,
               const PatientRecord& p, bool with_suffix) {
  json.StartObject();
  json.Member("use", use);
  json.Member("family", family);
  StringArray(json, "given", {p.first, p.middle});
  StringArray(json, "prefix", {p.prefix});
  if (with_suffix) StringArray(json, "suffix", {p.suffix});
  json.EndObject();
}

void PatientAddress(FhirJson& json, const PatientRecord& p) {
  json.Key("address");
  json.StartArray();
  json.StartObject();
  json.Key("extension");
  json.StartArray();
  json.StartObject();
  json.Member("url", "http://hl7.org/fhir/StructureDefinition/geolocation");
  json.Key("extension");
  json.StartArray();
  for (const auto& [url, value] : {std::pair{"latitude", &p.lat}, std::pair{"longitude", &p.lon}}) {
    json.StartObject();
    json.Member("url", url);
    json.Key("valueDecimal");
    json.Number(*value);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  json.EndArray();
  StringArray(json, "line", {p.address});
  json.Member("city", p.city);
  json.Member("district", p.county);
  json.Member("state", p.state);
  json.Member("postalCode", p.zip);
  json.Member("country", "US");
  json.EndObject();
  json.EndArray();
}

/// `"address":[{"line":[..],"city":..,"state":..,"postalCode":..,"country":"US"}]`.
void SimpleAddress(FhirJson& json, std::string_view line, std::string_view city,
                   std::string_view state, std::string_view zip) {
  json.Key("address");
  json.StartArray();
  json.StartObject();
  StringArray(json, "line", {line});
  json.Member("city", city);
  json.Member("state", state);
  json.Member("postalCode", zip);
  json.Member("country", "US");
  json.EndObject();
  json.EndArray();
}

/// Synthea's utilization extension and identifier, shared by Organization and Practitioner.
void UtilizationAndIdentifier(FhirJson& json, std::int64_t encounters, std::string_view id) {
  json.Key("extension");
  json.StartArray();
  json.StartObject();
  json.Member("url", kUtilization);
  json.Key("valueInteger");
  json.Number(std::to_string(encounters));
  json.EndObject();
  json.EndArray();
  json.Key("identifier");
  json.StartArray();
  json.StartObject();
  json.Member("system", kSyntheaIdentifier);
  json.Member("value", id);
  json.EndObject();
  json.EndArray();
  json.Key("active");
  json.Bool(true);
}

}  // namespace

WorldReferences::WorldReferences(const World& world) {
  for (const Organization& organization : world.organizations) {
    organizations.push_back(ReferenceTo("Organization", organization.id));
  }
  for (const Clinician& clinician : world.clinicians) {
    practitioners.push_back(ReferenceTo("Practitioner", clinician.id));
  }
}

PatientReferences::PatientReferences(const PatientRecord& p, const WorldReferences& world_refs)
    : patient(ReferenceTo("Patient", p.id)), world(world_refs) {
  encounters.reserve(p.encounters.size());
  for (const EncounterRecord& encounter : p.encounters)
    encounters.push_back(ReferenceTo("Encounter", encounter.id));
}

std::string_view PatientResource(FhirJson& json, const PatientRecord& p) {
  json.Begin("Patient", ResourceId("Patient", {p.id}));
  PatientExtensions(json, p);
  PatientIdentifiers(json, p);
  json.Key("name");
  json.StartArray();
  HumanName(json, "official", p.last, p, true);
  if (!p.maiden.empty()) HumanName(json, "maiden", p.maiden, p, false);
  json.EndArray();
  json.Member("gender", AdministrativeGender(p.gender));
  json.Member("birthDate", p.birthdate);
  json.Member("deceasedDateTime", p.deathdate);
  PatientAddress(json, p);
  if (const Category* marital = Find(kMarital, p.marital)) {
    json.Concept("maritalStatus", "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus",
                 marital->code, marital->display);
  }
  return json.Finish();
}

std::string_view OrganizationResource(FhirJson& json, const Organization& o,
                                      std::int64_t encounters) {
  json.Begin("Organization", ResourceId("Organization", {o.id}));
  UtilizationAndIdentifier(json, encounters, o.id);
  json.Key("type");
  json.StartArray();
  json.StartObject();
  json.Key("coding");
  json.StartArray();
  json.Coding("http://terminology.hl7.org/CodeSystem/organization-type", "prov",
              "Healthcare Provider");
  json.EndArray();
  json.Member("text", "Healthcare Provider");
  json.EndObject();
  json.EndArray();
  json.Member("name", o.name);
  if (!o.phone.empty()) {
    json.Key("telecom");
    json.StartArray();
    json.StartObject();
    json.Member("system", "phone");
    json.Member("value", o.phone);
    json.EndObject();
    json.EndArray();
  }
  SimpleAddress(json, o.address, o.city, o.state, o.zip);
  return json.Finish();
}

std::string_view PractitionerResource(FhirJson& json, const Clinician& c, std::int64_t encounters) {
  json.Begin("Practitioner", ResourceId("Practitioner", {c.id}));
  UtilizationAndIdentifier(json, encounters, c.id);
  json.Key("name");
  json.StartArray();
  json.StartObject();
  json.Member("text", c.name);
  json.EndObject();
  json.EndArray();
  SimpleAddress(json, c.address, c.city, c.state, c.zip);
  json.Member("gender", AdministrativeGender(c.gender));
  return json.Finish();
}

std::string_view PractitionerRoleResource(FhirJson& json, const Clinician& c, const World& world) {
  json.Begin("PractitionerRole", ResourceId("PractitionerRole", {c.id}));
  json.Reference("practitioner", ReferenceTo("Practitioner", c.id));
  json.Reference("organization",
                 ReferenceTo("Organization", world.organizations[c.organization].id));
  if (!c.speciality.empty()) {
    json.Key("specialty");
    json.StartArray();
    json.StartObject();
    json.Member("text", c.speciality);
    json.EndObject();
    json.EndArray();
  }
  return json.Finish();
}

}  // namespace ferry::synth
