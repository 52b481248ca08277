#pragma once
/// A migration plan (YAML, version 1), loaded and checked into plain structs.
///
///     std::vector<const AdapterInfo*> adapters = AllAdapters();
///     Plan plan = LoadPlan("plans/demo.yaml", adapters);   // throws PlanError listing every mistake
///
/// Every error names `file:line:col`. Unknown keys get a "did you mean"; secrets are only
/// `env:NAME` or `file:PATH` (an inline secret is an error); paths are made absolute
/// relative to the plan file. See ferry-plan(5).

#include <span>
#include <string>
#include <vector>

#include "core/adapter.hpp"
#include "core/common/result.hpp"
#include "core/common/yaml_config.hpp"

namespace ferry {

struct PlanOptions {
  int batch_size = 500;   ///< records per source batch and per sink write
  int concurrency = 0;    ///< mapping/validation workers; 0 = number of cores
  int queue_batches = 8;  ///< batches in flight between stages (bounds memory)
  /// Key of the keyed hashes that name records in logs (HMAC-SHA-256); "" = a random
  /// key kept in the state file. Set it (a secret) to compare hashes across state files.
  std::string hash_key;
};

/// One entry of the plan's `transforms:` (ferry-plan(5), TRANSFORMS).
struct TransformConfig {
  std::string kind = "deidentify";  ///< the transform; `deidentify` is the one there is
  std::string profile;   ///< a built-in profile's name (`safe-harbor`) or a path (relative to the plan)
  std::string key;       ///< the HMAC key, a resolved secret; never printed
  std::string location;  ///< `plan.yaml:12:5` of the entry, for messages
};

struct Plan {
  std::string path;   ///< the plan file as the user named it (used in messages)
  std::string dir;    ///< absolute directory of the plan file
  std::string name;   ///< `name:`; defaults to the file's stem
  AdapterConfig source;
  std::string mapping_path;  ///< absolute path of the mapping spec; empty for FHIR sources
  AdapterConfig target;
  std::vector<std::string> resources;  ///< resource types to migrate; empty = all
  PlanOptions options;
  std::vector<TransformConfig> transforms;  ///< applied in order to every resource
  bool provenance = false;  ///< write a FHIR Provenance to the target after each batch
  std::string state_path;        ///< absolute; default `<dir>/.ferry/<name>.state.db`
  std::string dead_letter_path;  ///< absolute; default `<dir>/.ferry/<name>.dead.ndjson`
                                 ///< (`.dead.age.d`, a directory, when encrypted)
  /// age recipients (`age1...`) the dead-letter is encrypted to; empty = plain NDJSON.
  std::vector<std::string> dead_letter_recipients;
  std::vector<std::string> warnings;  ///< non-fatal findings, `file:line:col: message`
};

/// Loads and checks the plan at `path` against the known `adapters`. Throws PlanError
/// whose message lists every error found, one per line.
Plan LoadPlan(const std::string& path, std::span<const AdapterInfo* const> adapters);

/// Checks a target block found in another configuration file (a provider of
/// `ferry evaluate`) exactly as a plan's `target:` is checked; errors go to `diag`, paths
/// are made absolute relative to `base_dir`. Returns the config (incomplete on errors).
AdapterConfig LoadTargetBlock(const YAML::Node& block, const std::string& base_dir,
                              std::span<const AdapterInfo* const> adapters, Diagnostics& diag);

/// Resolves a secret reference (`env:NAME` or `file:PATH`, PATH relative to `base_dir`).
/// Returns an error message (naming the variable or file, never the value) on failure.
Result<std::string> ResolveSecret(const std::string& reference, const std::string& base_dir);

}  // namespace ferry
