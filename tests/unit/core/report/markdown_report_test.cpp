#include "core/report/markdown_report.hpp"

#include <catch2/catch.hpp>

#include "tests/unit/core/report/sample_summary.hpp"

namespace ferry {

TEST_CASE("The Markdown summary has the equation, tables, failures and timings",
          "[report][markdown]") {
  CHECK(RenderMarkdownReport(testing::SampleSummary()) ==
        R"(# Ferry run: clinic-a

read 12 = written 9 + unchanged 0 + filtered 1 + dead-lettered 2

- source: csv, target: ndjson
- exit code: 1
- dead-letter file: .ferry/clinic-a.dead.ndjson

## Resource types

| type | read | written | unchanged | filtered | dead-lettered | deleted |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
| Observation | 4 | 3 | 0 | 1 | 0 | 0 |
| Patient | 8 | 6 | 0 | 0 | 2 | 0 |

## Mapping rules

| rule | detail | read | written | unchanged | filtered | dead-lettered | deleted |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
| patients->Patient | patients.csv -> Patient (mappings/synthea.yaml:4) | 8 | 6 | 0 | 0 | 2 | 0 |
| observations->Observation | observations.csv -> Observation (mappings/synthea.yaml:12) | 4 | 3 | 0 | 1 | 0 | 0 |

## First failures

| stage | location | message |
| --- | --- | --- |
| map | patients.csv:3 | Patient.birthDate: not a date in format %Y-%m-%d |

and 1 more in .ferry/clinic-a.dead.ndjson

## Timings

| phase | seconds |
| --- | ---: |
| total | 2.50 |
| read | 0.25 |
| map (summed over workers) | 1.00 |
| validate (summed over workers) | 0.50 |
| write | 0.75 |
)");
}

TEST_CASE("A dry run from a FHIR source has no rule table, no failures", "[report][markdown]") {
  RunSummary summary;
  summary.plan_name = "fhir-check";
  summary.source_adapter = "ndjson";
  summary.dry_run = true;
  summary.total = {3, 3, 0, 0, 0};
  summary.per_type = {{"Patient", "", {3, 3, 0, 0, 0}, {}}};
  CHECK(RenderMarkdownReport(summary, false) ==
        R"(# Ferry run: fhir-check

read 3 = written 3 + unchanged 0 + filtered 0 + dead-lettered 0

- source: ndjson, target: none, dry run
- exit code: 0

## Resource types

| type | read | written | unchanged | filtered | dead-lettered | deleted |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
| Patient | 3 | 3 | 0 | 0 | 0 | 0 |
)");
}

TEST_CASE("Failures are listed up to the limit, from the types when there are no rules",
          "[report][markdown]") {
  RunSummary summary;
  summary.total = {30, 0, 0, 0, 30};
  GroupResult patients{"Patient", "", {30, 0, 0, 0, 30}, {}};
  for (int line = 1; line <= 12; ++line) {
    patients.failures.push_back({"validate", "p.ndjson:" + std::to_string(line), "bad"});
  }
  summary.per_type = {patients};
  std::string markdown = RenderMarkdownReport(summary, false);
  CHECK(markdown.find("| validate | p.ndjson:10 | bad |\n\nand 20 more\n") != std::string::npos);
  CHECK(markdown.find("p.ndjson:11") == std::string::npos);
}

TEST_CASE("AccountingLine says when the counts do not balance", "[report][markdown]") {
  CHECK(AccountingLine({1200, 1180, 0, 10, 10}) ==
        "read 1200 = written 1180 + unchanged 0 + filtered 10 + dead-lettered 10");
  CHECK(AccountingLine({5, 1, 0, 0, 0}) ==
        "read 5 != written 1 + unchanged 0 + filtered 0 + dead-lettered 0 (does not balance)");
}

TEST_CASE("AccountingLine adds the deletes when a run deleted something", "[report][markdown]") {
  CHECK(AccountingLine({10, 6, 1, 0, 1, 2}) ==
        "read 10 = written 6 + unchanged 1 + filtered 0 + dead-lettered 1 + deleted 2");
  CHECK(AccountingLine({10, 6, 1, 0, 1, 1}) ==
        "read 10 != written 6 + unchanged 1 + filtered 0 + dead-lettered 1 + deleted 1 (does not balance)");
}

TEST_CASE("EscapeMarkdown keeps hostile text inside one cell", "[report][markdown]") {
  CHECK(EscapeMarkdown("a|b\nc*d_e`f<g>[h](i)\\j#k&l!m~n\x01o") ==
        "a\\|b c\\*d\\_e\\`f\\<g>\\[h\\](i)\\\\j\\#k\\&l\\!m\\~n o");
}

}  // namespace ferry
