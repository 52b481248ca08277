#include "core/evaluate/cost.hpp"

namespace ferry::evaluate {

namespace {

constexpr double kBytesPerGb = 1e9;

CostFigures Figures(const Pricing& pricing, const CostMeasures& measured, double patients, double scale) {
  CostFigures figures;
  figures.patients = patients;
  figures.stored_gb = static_cast<double>(measured.stored_bytes) * scale / kBytesPerGb;
  double requests = static_cast<double>(measured.write_requests) * scale;
  double units = static_cast<double>(measured.write_units) * scale;
  figures.migrate = requests / 1000.0 * pricing.per_1000_requests + units * pricing.per_write_unit;
  figures.keep_per_month = figures.stored_gb * pricing.storage_gb_month;
  figures.export_once = figures.stored_gb * pricing.egress_gb;
  return figures;
}

}  // namespace

CostResult EstimateCost(const Pricing& pricing, const CostMeasures& measured, std::uint64_t patients,
                        std::uint64_t extrapolate_to) {
  CostResult result;
  result.pricing = pricing;
  result.measured = measured;
  double evaluated = static_cast<double>(patients);
  result.evaluated = Figures(pricing, measured, evaluated, 1.0);
  double target = static_cast<double>(extrapolate_to == 0 ? patients : extrapolate_to);
  result.extrapolated = Figures(pricing, measured, target, evaluated > 0 ? target / evaluated : 0);
  return result;
}

}  // namespace ferry::evaluate
