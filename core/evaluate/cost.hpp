#pragma once
/// Cost of migrating to and keeping data with a provider, from its pricing block and the
/// sizes and request counts the evaluation measured, extrapolated linearly from the
/// evaluated population to a stated number of patients.
///
///     Pricing pricing{.storage_gb_month = 0.10, .per_1000_requests = 0.005, .egress_gb = 0.09};
///     CostResult cost = EstimateCost(pricing, measured, /*patients=*/10, /*extrapolate_to=*/100000);
///     cost.extrapolated.migrate;   // in pricing.currency

#include <cstdint>
#include <string>

namespace ferry::evaluate {

/// A provider's prices (all optional; absent = 0).
struct Pricing {
  std::string currency = "USD";
  double storage_gb_month = 0;   ///< per GB (10^9 bytes) stored for a month
  double per_1000_requests = 0;  ///< per 1,000 write requests
  double per_write_unit = 0;     ///< per write unit (a resource of up to write_unit_bytes)
  std::uint64_t write_unit_bytes = 1024;
  double egress_gb = 0;          ///< per GB read out
};

/// What the evaluation measured for the population.
struct CostMeasures {
  std::uint64_t stored_bytes = 0;    ///< JSON bytes the target gave back
  std::uint64_t write_requests = 0;  ///< Sink::Write calls to write the population once
  std::uint64_t write_units = 0;     ///< sum of ceil(resource bytes / write_unit_bytes)
  std::uint64_t resources = 0;
};

/// Costs for one population size.
struct CostFigures {
  double patients = 0;
  double stored_gb = 0;
  double migrate = 0;         ///< requests + write units
  double keep_per_month = 0;  ///< storage
  double export_once = 0;     ///< egress of reading everything back once
};

struct CostResult {
  Pricing pricing;
  CostMeasures measured;
  CostFigures evaluated;     ///< for the evaluated population
  CostFigures extrapolated;  ///< for `extrapolate_to` patients
};

CostResult EstimateCost(const Pricing& pricing, const CostMeasures& measured, std::uint64_t patients,
                        std::uint64_t extrapolate_to);

}  // namespace ferry::evaluate
