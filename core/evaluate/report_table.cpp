#include "core/evaluate/report_table.hpp"

#include <cstdio>
#include <functional>

namespace ferry::evaluate {

namespace {

using Cell = std::function<std::string(const ProviderReport&)>;

class Table {
 public:
  explicit Table(const EvalReport& report) : report_(report) {}
  void Section(const std::string& name) { section_ = name; }
  void Row(const std::string& label, const Cell& cell) {
    TableRow row{section_, label, {}};
    section_.clear();
    for (const ProviderReport& provider : report_.providers) row.cells.push_back(cell(provider));
    rows_.push_back(std::move(row));
  }
  std::vector<TableRow> Take() { return std::move(rows_); }

 private:
  const EvalReport& report_;
  std::string section_;
  std::vector<TableRow> rows_;
};

const std::string kNotRun = "–";

template <typename T>
Cell When(std::optional<T> ProviderReport::*member, std::function<std::string(const T&)> text) {
  return [member, text](const ProviderReport& provider) {
    const std::optional<T>& value = provider.*member;
    return value ? text(*value) : kNotRun;
  };
}

std::string LevelText(const std::vector<LevelResult>& levels, std::size_t index, bool latency) {
  if (index >= levels.size()) return kNotRun;
  const LevelResult& level = levels[index];
  std::string text = latency ? Fixed(level.latency.p50_ms, 1) + " / " + Fixed(level.latency.p95_ms, 1) + " / " +
                                   Fixed(level.latency.p99_ms, 1)
                             : Fixed(level.resources_per_second, 0);
  if (level.failed > 0) text += " (" + std::to_string(level.failed) + " failed)";
  return text;
}

void FidelityRows(Table& table) {
  table.Section("Fidelity");
  table.Row("score (kept / sent values)", When<FidelityResult>(&ProviderReport::fidelity, [](const FidelityResult& f) {
    return Fixed(f.Score(), 4);
  }));
  table.Row("values changed / dropped / added", When<FidelityResult>(&ProviderReport::fidelity, [](const FidelityResult& f) {
    LeafCounts total = f.Total();
    return std::to_string(total.changed) + " / " + std::to_string(total.dropped) + " / " + std::to_string(total.added);
  }));
  table.Row("element paths that differ", When<FidelityResult>(&ProviderReport::fidelity, [](const FidelityResult& f) {
    return std::to_string(f.paths.size()) + " of " + std::to_string(f.paths_compared);
  }));
  struct Named { const char* label; Check FidelityChecks::*check; };
  for (Named named : {Named{"ids kept", &FidelityChecks::ids}, Named{"references resolve", &FidelityChecks::references},
                      Named{"meta.lastUpdated kept", &FidelityChecks::last_updated},
                      Named{"decimals kept, precision too", &FidelityChecks::decimals},
                      Named{"extensions kept", &FidelityChecks::extensions}, Named{"unicode kept", &FidelityChecks::unicode}}) {
    auto check = named.check;
    table.Row(named.label, When<FidelityResult>(&ProviderReport::fidelity, [check](const FidelityResult& f) {
      return CheckText(f.checks.*check);
    }));
  }
  table.Row("version history kept (update, then _history)", When<FidelityResult>(&ProviderReport::fidelity, [](const FidelityResult& f) {
    return f.checks.history ? CheckText(*f.checks.history) : kNotRun;
  }));
}

void ThroughputRows(Table& table, const EvalReport& report) {
  std::vector<int> levels;
  for (const ProviderReport& provider : report.providers) {
    if (provider.throughput && provider.throughput->import_levels.size() > levels.size()) {
      levels.clear();
      for (const LevelResult& level : provider.throughput->import_levels) levels.push_back(level.concurrency);
    }
  }
  table.Section("Throughput (this machine)");
  for (std::size_t index = 0; index < levels.size(); ++index) {
    std::string at = " at concurrency " + std::to_string(levels[index]);
    table.Row("import resources/s" + at, When<ThroughputResult>(&ProviderReport::throughput, [index](const ThroughputResult& t) {
      return LevelText(t.import_levels, index, false);
    }));
    table.Row("import latency p50/p95/p99 ms" + at, When<ThroughputResult>(&ProviderReport::throughput, [index](const ThroughputResult& t) {
      return LevelText(t.import_levels, index, true);
    }));
    table.Row("export resources/s" + at, When<ThroughputResult>(&ProviderReport::throughput, [index](const ThroughputResult& t) {
      return LevelText(t.export_levels, index, false);
    }));
  }
  table.Row("429 from concurrency", When<ThroughputResult>(&ProviderReport::throughput, [](const ThroughputResult& t) {
    return t.throttled_from ? std::to_string(*t.throttled_from) : std::string("never");
  }));
}

void LimitRows(Table& table) {
  table.Section("Limits");
  table.Row("largest resource accepted", When<LimitsResult>(&ProviderReport::limits, [](const LimitsResult& l) {
    return (l.reached_resource_cap ? "≥ " : "") + Bytes(l.largest_resource_bytes);
  }));
  table.Row("largest write batch accepted", When<LimitsResult>(&ProviderReport::limits, [](const LimitsResult& l) {
    return (l.reached_batch_cap ? "≥ " : "") + std::to_string(l.largest_batch) + " resources";
  }));
  table.Row("numeric id", When<LimitsResult>(&ProviderReport::limits, [](const LimitsResult& l) {
    return l.numeric_id_tried ? std::string(AcceptanceName(l.numeric_id)) : std::string("not tried (prefix set)");
  }));
  table.Row("64-character id", When<LimitsResult>(&ProviderReport::limits, [](const LimitsResult& l) {
    return std::string(AcceptanceName(l.id_64_chars));
  }));
  table.Row("65-character id (FHIR allows 64)", When<LimitsResult>(&ProviderReport::limits, [](const LimitsResult& l) {
    return std::string(AcceptanceName(l.id_65_chars));
  }));
  table.Row("invalid resource", When<LimitsResult>(&ProviderReport::limits, [](const LimitsResult& l) {
    return l.invalid_resource == Acceptance::kRefused ? std::string("refused") : std::string("stored silently");
  }));
}

void CostRows(Table& table, const EvalReport& report) {
  table.Section("Cost");
  table.Row("stored for the population", When<CostResult>(&ProviderReport::cost, [](const CostResult& c) {
    return Bytes(c.measured.stored_bytes) + " in " + std::to_string(c.measured.write_requests) + " requests";
  }));
  std::string at = " (" + std::to_string(report.extrapolate_to) + " patients)";
  table.Row("migrate" + at, When<CostResult>(&ProviderReport::cost, [](const CostResult& c) {
    return Fixed(c.extrapolated.migrate, 2) + " " + c.pricing.currency;
  }));
  table.Row("keep, per month" + at, When<CostResult>(&ProviderReport::cost, [](const CostResult& c) {
    return Fixed(c.extrapolated.keep_per_month, 2) + " " + c.pricing.currency;
  }));
  table.Row("export once" + at, When<CostResult>(&ProviderReport::cost, [](const CostResult& c) {
    return Fixed(c.extrapolated.export_once, 2) + " " + c.pricing.currency;
  }));
}

}  // namespace

std::vector<TableRow> SideBySide(const EvalReport& report) {
  Table table(report);
  table.Section("Provider");
  table.Row("adapter", [](const ProviderReport& p) { return p.adapter; });
  table.Row("result", [](const ProviderReport& p) { return p.Passed() ? std::string("passed") : "FAILED: " + p.failures.front(); });
  table.Row("kind", When<Capabilities>(&ProviderReport::capabilities, [](const Capabilities& c) { return c.kind; }));
  table.Row("population types not taken", When<Capabilities>(&ProviderReport::capabilities, [](const Capabilities& c) {
    return c.types_missing.empty() ? std::string("none") : std::to_string(c.types_missing.size());
  }));
  table.Row("FHIR version / types / search params", When<Capabilities>(&ProviderReport::capabilities, [](const Capabilities& c) {
    if (!c.fhir) return kNotRun;
    return c.fhir->fhir_version + " / " + std::to_string(c.fhir->resource_types) + " / " + std::to_string(c.fhir->search_params);
  }));
  table.Row("batch / transaction / $export / $import", When<Capabilities>(&ProviderReport::capabilities, [](const Capabilities& c) {
    if (!c.fhir) return kNotRun;
    auto yes = [](bool flag) { return std::string(flag ? "yes" : "no"); };
    return yes(c.fhir->batch) + " / " + yes(c.fhir->transaction) + " / " + yes(c.fhir->bulk_export) + " / " +
           yes(c.fhir->bulk_import);
  }));
  FidelityRows(table);
  ThroughputRows(table, report);
  LimitRows(table);
  CostRows(table, report);
  return table.Take();
}

std::string Fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string CheckText(const Check& check) {
  return std::to_string(check.kept) + "/" + std::to_string(check.total) + (check.Ok() ? " ✓" : " ✗");
}

std::string Bytes(std::uint64_t bytes) {
  double value = static_cast<double>(bytes);
  if (bytes < 1000) return std::to_string(bytes) + " B";
  if (bytes < 1000000) return Fixed(value / 1e3, 1) + " kB";
  if (bytes < 1000000000) return Fixed(value / 1e6, 1) + " MB";
  return Fixed(value / 1e9, 2) + " GB";
}

}  // namespace ferry::evaluate
