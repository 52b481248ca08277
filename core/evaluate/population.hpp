#pragma once
/// The population an evaluation writes: `ferry synth` patients (no real data) plus two
/// probe resources that ask the fidelity questions the synthetic data does not (a 1.50
/// decimal, non-ASCII names, an extension holding an address). Every resource is given
/// `meta.lastUpdated` (a fixed instant, to see whether the target keeps it) and the
/// evaluation's meta.tag (kEvalTagSystem, code `Type/id`), by which it is recognised when
/// read back even if the target renamed it.
///
///     std::vector<Resource> population = MakePopulation({.patients = 10, .seed = 7});
///     std::vector<Resource> copy = Relabel(population, "t4-");   // ids and references prefixed

#include <cstdint>
#include <string>
#include <vector>

#include "core/adapter.hpp"

namespace ferry::evaluate {

/// The id of the probe Patient (before any prefix).
inline constexpr const char* kProbePatientId = "eval-probe-patient";

/// The meta.lastUpdated every evaluation resource is sent with.
inline constexpr const char* kSentLastUpdated = "2025-06-01T12:00:00.000Z";

struct PopulationOptions {
  std::uint64_t patients = 10;
  std::uint64_t seed = 1;
  std::string id_prefix;  ///< put before every id (and every reference to it)
};

/// Makes the population, in a stable order (by type, then as synth writes them). Throws
/// IoError when the temporary synth files cannot be written.
std::vector<Resource> MakePopulation(const PopulationOptions& options);

/// A copy of `population` whose ids, internal references and tags are prefixed with
/// `prefix` (ids stay within FHIR's 64 characters only if the prefix is short).
std::vector<Resource> Relabel(const std::vector<Resource>& population, const std::string& prefix);

/// Builds a Resource from JSON text (type, id and digest filled in). The text must be a
/// JSON object with `resourceType` and `id`.
Resource MakeResource(std::string json);

}  // namespace ferry::evaluate
