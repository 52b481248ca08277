#pragma once
/// A small run summary shared by the report tests: two types, two rules, one listed
/// failure out of two dead-lettered records.

#include "core/report/run_summary.hpp"

namespace ferry::testing {

inline RunSummary SampleSummary() {
  RunSummary summary;
  summary.plan_name = "clinic-a";
  summary.plan_path = "plans/clinic-a.yaml";
  summary.source_adapter = "csv";
  summary.target_adapter = "ndjson";
  summary.ferry_version = "0.1.0";
  summary.fhir_version = "4.0.1";
  summary.total = {12, 9, 0, 1, 2};
  FailureNote birth_date{"map", "patients.csv:3",
                         "Patient.birthDate: not a date in format %Y-%m-%d"};
  summary.per_type = {{"Observation", "", {4, 3, 0, 1, 0}, {}},
                      {"Patient", "", {8, 6, 0, 0, 2}, {birth_date}}};
  summary.per_rule = {{"patients->Patient",
                       "patients.csv -> Patient (mappings/synthea.yaml:4)",
                       {8, 6, 0, 0, 2},
                       {birth_date}},
                      {"observations->Observation",
                       "observations.csv -> Observation (mappings/synthea.yaml:12)",
                       {4, 3, 0, 1, 0},
                       {}}};
  summary.timings = {2.5, 0.25, 1.0, 0.5, 0.75};
  summary.dead_letter_path = ".ferry/clinic-a.dead.ndjson";
  summary.exit_code = 1;
  return summary;
}

}  // namespace ferry::testing
