#pragma once
/// Totals over all patients that organizations.csv, providers.csv and payers.csv report
/// (encounters per organization, revenue, what each payer covered). Collected while the
/// patients stream by, written once at the end.

#include <cstdint>
#include <vector>

#include "core/synth/population.hpp"

namespace ferry::synth {

/// What one payer covered and did not (payers.csv); cents and counts.
struct PayerTotals {
  std::int64_t covered_cents = 0;
  std::int64_t uncovered_cents = 0;
  std::int64_t covered_encounters = 0;
  std::int64_t uncovered_encounters = 0;
  std::int64_t covered_medications = 0;
  std::int64_t uncovered_medications = 0;
  std::int64_t covered_procedures = 0;
  std::int64_t uncovered_procedures = 0;
  std::int64_t covered_immunizations = 0;
  std::int64_t uncovered_immunizations = 0;
  std::int64_t customers = 0;
  std::int64_t member_months = 0;
};

/// The totals per organization, clinician and payer, indexed as in the World.
class Utilization {
 public:
  /// Zero totals for every organization, clinician and payer of `world`.
  explicit Utilization(const World& world);
  /// Adds one patient's encounters, line items and coverage.
  void Add(const PatientRecord& record);

  std::vector<std::int64_t> organization_encounters;     ///< UTILIZATION
  std::vector<std::int64_t> organization_revenue_cents;  ///< REVENUE
  std::vector<std::int64_t> clinician_encounters;        ///< ENCOUNTERS
  std::vector<std::int64_t> clinician_procedures;        ///< PROCEDURES
  std::vector<PayerTotals> payers;                       ///< per payer

 private:
  std::size_t no_insurance_;
};

}  // namespace ferry::synth
