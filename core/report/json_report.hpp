#pragma once
/// The machine-readable report of a run (`ferry run --report FILE`).
///
/// Schema, version 1. Members always appear in this order, 2-space indented, with a
/// trailing newline, so that golden tests can compare reports byte for byte. Counts are
/// JSON integers; text is whatever ferry wrote in the summary (no field values, no PHI).
///
///     {
///       "ferry_report": 1,                      // schema version; bumped on incompatible change
///       "plan": {"name": "clinic-a", "path": "plans/clinic-a.yaml"},
///       "source": {"adapter": "csv"},
///       "target": {"adapter": "fhir"},          // adapter null on a dry run
///       "dry_run": false,
///       "resumed": false,                       // continued from saved state (--resume)
///       "interrupted": false,                   // stopped early; counts are partial
///       "fhir_version": "4.0.1",
///       "ferry_version": "0.1.0",
///       "totals": {"read": 1200, "written": 1180, "unchanged": 0, "filtered": 10,
///                  "dead_lettered": 10, "deleted": 0,   // deleted: delete records applied
///                  "balanced": true},                   // read == the sum of the rest
///       "types": [                              // one per resource type, by type name
///         {"type": "Patient", "read": .., "written": .., "unchanged": .., "filtered": ..,
///          "dead_lettered": .., "deleted": .., "failures": [..]}
///       ],
///       "rules": [                              // one per mapping rule, in spec order;
///         {"name": "patients->Patient",         // empty for FHIR sources
///          "detail": "patients.csv -> Patient (mappings/synthea.yaml:12)",
///          "read": .., "written": .., "unchanged": .., "filtered": .., "dead_lettered": ..,
///          "deleted": .., "failures": [                        // the first kMaxFailureNotes only
///            {"stage": "map", "location": "patients.csv:42",
///             "message": "Patient.birthDate: not a date in format %Y-%m-%d"}
///          ]}
///       ],
///       "retries": {"429": 3, "connection": 1},  // retried requests by kind; only when any
///       "deidentified": [                       // only with `transforms:`; what they changed
///         {"path": "Patient.address.postalCode", "change": "generalised", "count": 20}
///       ],                                      // by path, then change (removed,
///                                               // pseudonymised, generalised, shifted)
///       "dead_letter": ".ferry/clinic-a.dead.ndjson",  // null when there is none
///       "exit_code": 1,
///       "timings": {"total_seconds": 12.5, "read_seconds": 1.2, "map_seconds": 3.4,
///                   "validate_seconds": 2.1, "write_seconds": 5.0}  // rounded to ms;
///     }                                         // map/validate summed over workers
///
/// `timings` is left out when the report is rendered without timings (golden files).

#include <string>

#include "core/report/run_summary.hpp"

namespace ferry {

/// The report of `summary` as JSON text in the schema above, ending with a newline;
/// without the `timings` member unless `include_timings`.
std::string RenderJsonReport(const RunSummary& summary, bool include_timings);

/// Writes the report with timings to `path` (mode 0600, atomically); throws IoError.
void WriteJsonReport(const RunSummary& summary, const std::string& path);

}  // namespace ferry
