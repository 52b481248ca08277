// The JSON report; its schema is core/evaluate/evaluate-report.schema.json (keep both in step).
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cmath>

#include "core/evaluate/report.hpp"

namespace ferry::evaluate {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

/// Numbers rounded to 6 significant decimals, so reports diff cleanly.
double Round(double value) { return std::round(value * 1e6) / 1e6; }

void Key(Writer& w, const char* key) { w.Key(key); }
void Str(Writer& w, const char* key, const std::string& value) { w.Key(key); w.String(value.c_str()); }
void U64(Writer& w, const char* key, std::uint64_t value) { w.Key(key); w.Uint64(value); }
void Num(Writer& w, const char* key, double value) { w.Key(key); w.Double(Round(value)); }
void Bool(Writer& w, const char* key, bool value) { w.Key(key); w.Bool(value); }

void Strings(Writer& w, const char* key, const std::vector<std::string>& values) {
  w.Key(key);
  w.StartArray();
  for (const std::string& value : values) w.String(value.c_str());
  w.EndArray();
}

void Counts(Writer& w, const LeafCounts& counts) {
  U64(w, "kept", counts.kept);
  U64(w, "changed", counts.changed);
  U64(w, "dropped", counts.dropped);
  U64(w, "added", counts.added);
}

void WriteCheck(Writer& w, const char* key, const Check& check) {
  Key(w, key);
  w.StartObject();
  U64(w, "total", check.total);
  U64(w, "kept", check.kept);
  Bool(w, "ok", check.Ok());
  w.EndObject();
}

void WriteChecks(Writer& w, const FidelityChecks& checks) {
  Key(w, "checks");
  w.StartObject();
  WriteCheck(w, "ids_kept", checks.ids);
  WriteCheck(w, "references_resolve", checks.references);
  WriteCheck(w, "last_updated_kept", checks.last_updated);
  WriteCheck(w, "decimals_kept", checks.decimals);
  U64(w, "decimal_precision_lost", checks.decimals_precision_lost);
  WriteCheck(w, "extensions_kept", checks.extensions);
  WriteCheck(w, "unicode_kept", checks.unicode);
  if (checks.history) {
    WriteCheck(w, "history_kept", *checks.history);
  } else {
    Key(w, "history_kept");
    w.Null();
  }
  w.EndObject();
}

void WriteFidelity(Writer& w, const FidelityResult& fidelity, std::uint64_t refused) {
  w.StartObject();
  Num(w, "score", fidelity.Score());
  Key(w, "leaves");
  w.StartObject();
  Counts(w, fidelity.Total());
  w.EndObject();
  U64(w, "write_refused", refused);
  U64(w, "unreadable", fidelity.unreadable);
  U64(w, "paths_compared", fidelity.paths_compared);
  Key(w, "by_type");
  w.StartArray();
  for (const auto& [type, counts] : fidelity.types) {
    w.StartObject();
    Str(w, "resource_type", type);
    U64(w, "resources_sent", counts.resources_sent);
    U64(w, "resources_received", counts.resources_received);
    U64(w, "resources_matched", counts.resources_matched);
    Counts(w, counts.leaves);
    Num(w, "score", counts.Score());
    w.EndObject();
  }
  w.EndArray();
  Key(w, "paths");
  w.StartArray();
  for (const PathDiff& path : fidelity.paths) {
    w.StartObject();
    Str(w, "resource_type", path.resource_type);
    Str(w, "path", path.path);
    Counts(w, path.counts);
    Strings(w, "examples", path.examples);
    w.EndObject();
  }
  w.EndArray();
  WriteChecks(w, fidelity.checks);
  w.EndObject();
}

void WriteLevel(Writer& w, const LevelResult& level) {
  w.StartObject();
  w.Key("concurrency");
  w.Int(level.concurrency);
  U64(w, "resources", level.resources);
  U64(w, "requests", level.requests);
  U64(w, "failed", level.failed);
  U64(w, "throttled", level.throttled);
  Num(w, "seconds", level.seconds);
  Num(w, "resources_per_second", level.resources_per_second);
  Key(w, "latency_ms");
  w.StartObject();
  Num(w, "p50", level.latency.p50_ms);
  Num(w, "p95", level.latency.p95_ms);
  Num(w, "p99", level.latency.p99_ms);
  w.EndObject();
  Str(w, "error", level.error);
  w.EndObject();
}

void WriteThroughput(Writer& w, const ThroughputResult& throughput) {
  w.StartObject();
  U64(w, "batch_size", throughput.batch_size);
  Key(w, "import");
  w.StartArray();
  for (const LevelResult& level : throughput.import_levels) WriteLevel(w, level);
  w.EndArray();
  Key(w, "export");
  w.StartArray();
  for (const LevelResult& level : throughput.export_levels) WriteLevel(w, level);
  w.EndArray();
  Key(w, "throttled_from_concurrency");
  if (throughput.throttled_from) w.Int(*throughput.throttled_from);
  else w.Null();
  w.EndObject();
}

void WriteLimits(Writer& w, const LimitsResult& limits) {
  w.StartObject();
  U64(w, "largest_resource_bytes", limits.largest_resource_bytes);
  U64(w, "resource_cap_bytes", limits.options.max_resource_bytes);
  Bool(w, "reached_resource_cap", limits.reached_resource_cap);
  U64(w, "largest_batch", limits.largest_batch);
  U64(w, "batch_cap", limits.options.max_batch);
  Bool(w, "reached_batch_cap", limits.reached_batch_cap);
  Key(w, "numeric_id");
  if (limits.numeric_id_tried) w.String(AcceptanceName(limits.numeric_id));
  else w.Null();
  Str(w, "id_64_chars", AcceptanceName(limits.id_64_chars));
  Str(w, "id_65_chars", AcceptanceName(limits.id_65_chars));
  Str(w, "invalid_resource", AcceptanceName(limits.invalid_resource));
  Key(w, "refusals");
  w.StartObject();
  for (const auto& [probe, reason] : limits.refusals) Str(w, probe.c_str(), reason);
  w.EndObject();
  w.EndObject();
}

void WriteCostFigures(Writer& w, const char* key, const CostFigures& figures) {
  Key(w, key);
  w.StartObject();
  Num(w, "patients", figures.patients);
  Num(w, "stored_gb", figures.stored_gb);
  Num(w, "migrate", figures.migrate);
  Num(w, "keep_per_month", figures.keep_per_month);
  Num(w, "export_once", figures.export_once);
  w.EndObject();
}

void WriteCost(Writer& w, const CostResult& cost) {
  w.StartObject();
  Str(w, "currency", cost.pricing.currency);
  Key(w, "pricing");
  w.StartObject();
  Num(w, "storage_gb_month", cost.pricing.storage_gb_month);
  Num(w, "per_1000_requests", cost.pricing.per_1000_requests);
  Num(w, "per_write_unit", cost.pricing.per_write_unit);
  U64(w, "write_unit_bytes", cost.pricing.write_unit_bytes);
  Num(w, "egress_gb", cost.pricing.egress_gb);
  w.EndObject();
  Key(w, "measured");
  w.StartObject();
  U64(w, "resources", cost.measured.resources);
  U64(w, "stored_bytes", cost.measured.stored_bytes);
  U64(w, "write_requests", cost.measured.write_requests);
  U64(w, "write_units", cost.measured.write_units);
  w.EndObject();
  WriteCostFigures(w, "evaluated", cost.evaluated);
  WriteCostFigures(w, "extrapolated", cost.extrapolated);
  w.EndObject();
}

void WriteCapabilities(Writer& w, const Capabilities& capabilities) {
  w.StartObject();
  Str(w, "kind", capabilities.kind);
  Str(w, "summary", capabilities.summary);
  Bool(w, "reads_back", capabilities.reads_back);
  Bool(w, "deletes", capabilities.deletes);
  Bool(w, "replaces_in_place", capabilities.replaces_in_place);
  Strings(w, "types_needed", capabilities.types_needed);
  Strings(w, "types_missing", capabilities.types_missing);
  Key(w, "fhir");
  if (const auto& fhir = capabilities.fhir) {
    w.StartObject();
    Str(w, "fhir_version", fhir->fhir_version);
    Str(w, "software", fhir->software);
    U64(w, "resource_types", fhir->resource_types);
    U64(w, "search_params", fhir->search_params);
    Bool(w, "batch", fhir->batch);
    Bool(w, "transaction", fhir->transaction);
    Bool(w, "bulk_export", fhir->bulk_export);
    Bool(w, "bulk_import", fhir->bulk_import);
    Strings(w, "types_without_update", fhir->types_without_update);
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
}

template <typename T, typename F>
void Optional(Writer& w, const char* key, const std::optional<T>& value, F write) {
  w.Key(key);
  if (value) write(*value);
  else w.Null();
}

void WriteProvider(Writer& w, const ProviderReport& provider) {
  w.StartObject();
  Str(w, "name", provider.name);
  Str(w, "adapter", provider.adapter);
  Str(w, "location", provider.location);
  Str(w, "prefix", provider.prefix);
  Bool(w, "passed", provider.Passed());
  Strings(w, "failures", provider.failures);
  Strings(w, "notes", provider.notes);
  Optional(w, "capabilities", provider.capabilities, [&](const Capabilities& c) { WriteCapabilities(w, c); });
  Optional(w, "fidelity", provider.fidelity, [&](const FidelityResult& f) { WriteFidelity(w, f, provider.write_refused); });
  Optional(w, "throughput", provider.throughput, [&](const ThroughputResult& t) { WriteThroughput(w, t); });
  Optional(w, "limits", provider.limits, [&](const LimitsResult& l) { WriteLimits(w, l); });
  Optional(w, "cost", provider.cost, [&](const CostResult& c) { WriteCost(w, c); });
  Key(w, "cleanup");
  w.StartObject();
  Bool(w, "kept", provider.cleanup.kept);
  Bool(w, "supported", provider.cleanup.supported);
  U64(w, "removed", provider.cleanup.removed);
  Bool(w, "removed_store_file", provider.cleanup.removed_store_file);
  w.EndObject();
  w.EndObject();
}

void WriteHeader(Writer& w, const EvalReport& report) {
  U64(w, "schema_version", 1);
  Str(w, "name", report.name);
  Str(w, "ferry_version", report.ferry_version);
  Str(w, "generated_at", report.generated_at);
  Key(w, "machine");
  w.StartObject();
  Str(w, "os", report.machine.os);
  Str(w, "cpu", report.machine.cpu);
  U64(w, "cores", report.machine.cores);
  U64(w, "memory_bytes", report.machine.memory_bytes);
  Str(w, "note", kMachineNote);
  w.EndObject();
  Key(w, "population");
  w.StartObject();
  U64(w, "patients", report.patients);
  U64(w, "seed", report.seed);
  U64(w, "resources", report.resources);
  U64(w, "extrapolate_to", report.extrapolate_to);
  Key(w, "by_type");
  w.StartObject();
  for (const auto& [type, count] : report.population_types) U64(w, type.c_str(), count);
  w.EndObject();
  w.EndObject();
  Strings(w, "probes", report.probes);
  Key(w, "thresholds");
  w.StartObject();
  Key(w, "min_fidelity");
  if (report.min_fidelity) w.Double(*report.min_fidelity);
  else w.Null();
  w.EndObject();
  Bool(w, "passed", report.Passed());
}

}  // namespace

std::string WriteJsonReport(const EvalReport& report) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  WriteHeader(w, report);
  Key(w, "providers");
  w.StartArray();
  for (const ProviderReport& provider : report.providers) WriteProvider(w, provider);
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace ferry::evaluate
