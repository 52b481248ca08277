#pragma once
/// What a run did, in numbers: the input of every report writer (JSON, JUnit, Markdown)
/// and of the accounting line printed at the end. Holds counts, types, rule names,
/// source locations and messages without field values: never PHI.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ferry {

/// The accounting of one group of records (a resource type, a rule, or everything).
/// Invariant, checked at the end of every run:
/// read == written + unchanged + filtered + dead + deleted.
/// `deleted` counts delete records applied to the target (a delete already applied by an
/// earlier run counts as unchanged).
struct Counts {
  std::uint64_t read = 0;
  std::uint64_t written = 0;
  std::uint64_t unchanged = 0;
  std::uint64_t filtered = 0;
  std::uint64_t dead = 0;
  std::uint64_t deleted = 0;
  bool Balanced() const { return read == written + unchanged + filtered + dead + deleted; }
  Counts& operator+=(const Counts& other) {
    read += other.read; written += other.written; unchanged += other.unchanged;
    filtered += other.filtered; dead += other.dead; deleted += other.deleted;
    return *this;
  }
};

/// One dead-lettered record, as reports show it (the dead-letter file holds the content).
struct FailureNote {
  std::string stage;     ///< read | map | validate | write
  std::string location;  ///< `patients.csv:42`
  std::string message;   ///< `Patient.birthDate: not a date in format %Y-%m-%d`
};

/// Per mapping rule (tabular sources) or per resource type.
struct GroupResult {
  std::string name;       ///< rule name (`patients->Patient`) or resource type
  std::string detail;     ///< rule: `from -> to` and spec location; type: ""
  Counts counts;
  std::vector<FailureNote> failures;  ///< the first kMaxFailureNotes failures
};

inline constexpr std::size_t kMaxFailureNotes = 50;

struct Timings {
  double total_seconds = 0;
  double read_seconds = 0;      ///< time the reader spent in the source
  double map_seconds = 0;       ///< summed over workers
  double validate_seconds = 0;  ///< summed over workers
  double write_seconds = 0;     ///< time in the sink and state commits
};

/// What the plan's transforms (de-identification) did at one element path, over a run.
struct ElementChange {
  std::string path;    ///< `Patient.address.postalCode` (element names, no indexes)
  std::string change;  ///< removed | pseudonymised | generalised | shifted
  std::uint64_t count = 0;
};

struct RunSummary {
  std::string plan_name;
  std::string plan_path;
  std::string source_adapter;
  std::string target_adapter;   ///< "" on a dry run
  std::string ferry_version;
  std::string fhir_version;     ///< "4.0.1"
  bool dry_run = false;
  bool resumed = false;
  bool interrupted = false;       ///< stopped by a signal; state saved
  bool stopped_at_limit = false;  ///< stopped by --limit before the source's end; state saved
  Counts total;
  std::vector<GroupResult> per_type;  ///< sorted by type name
  std::vector<GroupResult> per_rule;  ///< in spec order; empty for FHIR sources
  std::vector<ElementChange> element_changes;  ///< sorted by path and change; empty without transforms
  Timings timings;
  /// Retried network requests by kind ("429", "connection", ...), source and target
  /// together; empty when nothing was retried or nothing went over the network.
  std::map<std::string, std::uint64_t> retries;
  std::string dead_letter_path;
  int exit_code = 0;
};

}  // namespace ferry
