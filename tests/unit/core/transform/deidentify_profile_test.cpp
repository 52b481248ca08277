#include "core/transform/deidentify_profile.hpp"

#include <catch2/catch.hpp>

#include "core/common/error.hpp"

namespace ferry::transform {

namespace {

std::string ErrorOf(const std::string& text) {
  try {
    ParseDeidProfile(text, "p.yaml");
  } catch (const PlanError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("The built-in safe-harbor profile loads") {
  DeidProfile profile = LoadDeidProfile("safe-harbor", "/nonexistent");
  CHECK(profile.name == "safe-harbor");
  CHECK(profile.dates == DateRule::kShift);
  CHECK(profile.age_limit == 89);
  CHECK(profile.restricted_zip3.size() == 17);
  CHECK(profile.ActionFor("Patient.name", "HumanName", "") == DeidAction::kRemove);
  CHECK(profile.ActionFor("Address.postalCode", "", "string") == DeidAction::kZip3);
  CHECK(profile.ActionFor("Coding.display", "", "string") == DeidAction::kKeep);
  CHECK(profile.ActionFor("Observation.valueString", "", "string") == DeidAction::kRemove);
  CHECK(profile.ActionFor("Coding.code", "", "code") == DeidAction::kKeep);
}

TEST_CASE("The most specific entry wins: element, then datatype, then kind") {
  DeidProfile profile = ParseDeidProfile(
      "version: 1\nelements:\n  string: remove\n  HumanName: pseudonymise\n  HumanName.family: keep\n", "p.yaml");
  CHECK(profile.name == "p");
  CHECK(profile.ActionFor("HumanName.family", "", "string") == DeidAction::kKeep);
  CHECK(profile.ActionFor("Patient.name", "HumanName", "") == DeidAction::kPseudonymise);
  CHECK(profile.ActionFor("HumanName.given", "", "string") == DeidAction::kRemove);
  CHECK(profile.ActionFor("Patient.gender", "", "code") == DeidAction::kKeep);
}

TEST_CASE("Profile mistakes are reported at once with file:line:col") {
  std::string error = ErrorOf("version: 1\ndates: month\nelements:\n  Adress.city: remove\n  Patient.nam: remove\n"
                              "  Patient.gender: delete\n");
  CHECK(error.find("p.yaml:2:8: 'dates' must be 'shift', 'year' or 'keep'") != std::string::npos);
  CHECK(error.find("p.yaml:4:3: in elements: 'Adress' is not a FHIR R4 resource, datatype or backbone element") !=
        std::string::npos);
  CHECK(error.find("p.yaml:5:3: in elements: 'Patient' has no element 'nam'; did you mean 'name'?") != std::string::npos);
  CHECK(error.find("p.yaml:6:19: unknown action 'delete'") != std::string::npos);
}

TEST_CASE("A missing profile file names the built-in profiles") {
  CHECK_THROWS_WITH(LoadDeidProfile("no-such.yaml", "/tmp"),
                    "cannot read the de-identification profile /tmp/no-such.yaml; give a readable file or a "
                    "built-in profile (safe-harbor)");
}

}  // namespace ferry::transform
