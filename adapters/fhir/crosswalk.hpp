#pragma once
/// The id crosswalk of a FHIR target: which id each source resource has on the target
/// (`Patient/123` -> `Patient/8f3c...`), for the `server` id strategy (the target assigns
/// ids; ferry learns them from the response) and `uuid5`. Kept in a SQLite file beside
/// the plan's state (`<state>.fhir-ids.db`, mode 0600), keyed by the target's base URL, so
/// a re-run or `--resume` rewrites references to what is already on the target, and
/// `ferry verify` maps the target's ids back to the source's.
///
///     Crosswalk ids(state_path + ".fhir-ids.db", base_url);
///     ids.Put("Patient", "123", "8f3c...");
///     ids.Commit();
///     ids.TargetId("Patient", "123");   // "8f3c..."
///     ids.SourceId("Patient", "8f3c...");  // "123"

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "adapters/sqlite/sqlite_db.hpp"

namespace ferry::fhir {

class Crosswalk {
 public:
  /// Opens (creating) the crosswalk at `path` ("" = in memory) for target `target`.
  Crosswalk(const std::string& path, std::string target);
  ~Crosswalk();

  std::optional<std::string> TargetId(const std::string& type, const std::string& source_id);
  std::optional<std::string> SourceId(const std::string& type, const std::string& target_id);
  /// For `urn:uuid:` references: the type and target id of the source id `source_id`.
  std::optional<std::pair<std::string, std::string>> FindBySourceId(const std::string& source_id);
  /// Records (or replaces) a mapping; durable at the next Commit.
  void Put(const std::string& type, const std::string& source_id, const std::string& target_id);
  /// Makes every Put so far durable.
  void Commit();

 private:
  void Begin();

  std::string target_;
  sqlite::Database db_;
  sqlite::Statement put_, by_source_, by_target_, by_source_id_;
  bool in_transaction_ = false;
};

}  // namespace ferry::fhir
