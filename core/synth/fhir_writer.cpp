#include "core/synth/fhir_writer.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <array>
#include <vector>

#include "core/synth/calendar.hpp"
#include "core/synth/fhir_resources.hpp"
#include "core/synth/output_file.hpp"

namespace ferry::synth {

namespace {

enum Type : std::size_t {
  kPatient,
  kEncounter,
  kCondition,
  kObservation,
  kMedicationRequest,
  kAllergyIntolerance,
  kProcedure,
  kImmunization,
  kOrganization,
  kPractitioner,
  kPractitionerRole,
  kTypeCount,
};

constexpr std::array<std::string_view, kTypeCount> kTypeNames = {
    "Patient",           "Encounter",          "Condition",       "Observation",
    "MedicationRequest", "AllergyIntolerance", "Procedure",       "Immunization",
    "Organization",      "Practitioner",       "PractitionerRole"};

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void ManifestOutput(Writer& json, const std::map<std::string, std::uint64_t>& counts) {
  json.Key("output");
  json.StartArray();
  for (std::string_view type : kTypeNames) {
    json.StartObject();
    json.Key("type");
    json.String(type.data(), static_cast<rapidjson::SizeType>(type.size()));
    json.Key("url");
    json.String((std::string(type) + ".ndjson").c_str());
    json.Key("count");
    json.Uint64(counts.at(std::string(type)));
    json.EndObject();
  }
  json.EndArray();
}

/// A bulk export completion manifest: the files are relative to the manifest, and the
/// transaction time is the population's reference time (output never depends on today).
std::string ManifestJson(const std::string& request,
                         const std::map<std::string, std::uint64_t>& counts) {
  rapidjson::StringBuffer buffer;
  Writer json(buffer);
  json.SetIndent(' ', 2);
  json.StartObject();
  json.Key("transactionTime");
  json.String(FormatTimestamp(ReferenceTime()).c_str());
  json.Key("request");
  json.String(request.c_str());
  json.Key("requiresAccessToken");
  json.Bool(false);
  ManifestOutput(json, counts);
  json.Key("error");
  json.StartArray();
  json.EndArray();
  json.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

struct FhirWriter::Files {
  explicit Files(const World& world) : references(world) {}
  std::vector<std::unique_ptr<OutputFile>> types;
  WorldReferences references;
  FhirJson json;
  OutputFile& operator[](Type type) { return *types[type]; }
};

FhirWriter::FhirWriter(const std::string& dir, const World& world)
    : files_(std::make_unique<Files>(world)), dir_(dir), world_(world) {
  MakeDirectories(dir);
  for (std::string_view name : kTypeNames) {
    files_->types.push_back(
        std::make_unique<OutputFile>(dir + "/" + std::string(name) + ".ndjson"));
  }
}

FhirWriter::~FhirWriter() = default;

void FhirWriter::WritePatient(const PatientRecord& p) {
  Files& f = *files_;
  FhirJson& json = f.json;
  const PatientReferences refs(p, f.references);
  f[kPatient].WriteLine(PatientResource(json, p));
  for (std::size_t idx = 0; idx < p.encounters.size(); ++idx) {
    f[kEncounter].WriteLine(EncounterResource(json, p, refs, idx));
  }
  for (const auto& row : p.conditions)
    f[kCondition].WriteLine(ConditionResource(json, p, refs, row));
  for (const auto& row : p.observations)
    f[kObservation].WriteLine(ObservationResource(json, p, refs, row));
  for (const auto& row : p.medications) {
    f[kMedicationRequest].WriteLine(MedicationRequestResource(json, p, refs, row));
  }
  for (const auto& row : p.allergies) {
    f[kAllergyIntolerance].WriteLine(AllergyIntoleranceResource(json, p, refs, row));
  }
  for (const auto& row : p.procedures)
    f[kProcedure].WriteLine(ProcedureResource(json, p, refs, row));
  for (const auto& row : p.immunizations)
    f[kImmunization].WriteLine(ImmunizationResource(json, p, refs, row));
}

void FhirWriter::WriteWorld(const Utilization& use) {
  Files& f = *files_;
  for (std::size_t idx = 0; idx < world_.organizations.size(); ++idx) {
    f[kOrganization].WriteLine(
        OrganizationResource(f.json, world_.organizations[idx], use.organization_encounters[idx]));
  }
  for (std::size_t idx = 0; idx < world_.clinicians.size(); ++idx) {
    f[kPractitioner].WriteLine(
        PractitionerResource(f.json, world_.clinicians[idx], use.clinician_encounters[idx]));
    f[kPractitionerRole].WriteLine(
        PractitionerRoleResource(f.json, world_.clinicians[idx], world_));
  }
}

void FhirWriter::Close(const std::string& request) {
  for (auto& file : files_->types) file->Close();
  OutputFile manifest(dir_ + "/manifest.json");
  manifest.WriteLine(ManifestJson(request, Counts()));
  manifest.Close();
}

std::map<std::string, std::uint64_t> FhirWriter::Counts() const {
  std::map<std::string, std::uint64_t> counts;
  for (std::size_t idx = 0; idx < kTypeCount; ++idx) {
    counts[std::string(kTypeNames[idx])] = files_->types[idx]->lines();
  }
  return counts;
}

}  // namespace ferry::synth
