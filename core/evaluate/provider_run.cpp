#include "core/evaluate/provider_run.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <set>

#include "adapters/fhir/connection.hpp"
#include "core/common/error.hpp"
#include "core/common/strings.hpp"
#include "core/evaluate/capability_statement.hpp"
#include "core/fhir/json.hpp"
#include "core/evaluate/population.hpp"

namespace ferry::evaluate {

namespace fs = std::filesystem;

namespace {
int scratch_serial = 0;  // names the crosswalk files of the providers of one process
}  // namespace

ProviderRun::ProviderRun(const EvalConfig& config, const ProviderConfig& provider, const AdapterInfo& info)
    : config_(config), provider_(provider), info_(info), target_(provider.target) {
  // Server-assigned ids live in the sink's crosswalk; every sink instance of this
  // provider (writers, readers, cleanup) must share it, so it gets a file of its own.
  if (target_.GetString("ids") == "server" && target_.state_path.empty())
    target_.state_path = (fs::temp_directory_path() / ("ferry-evaluate-" + std::to_string(::getpid()) + "-" +
                                                       std::to_string(++scratch_serial) + ".state"))
                             .string();
  for (const KeySpec& spec : info.target_keys) {
    if (spec.name == "path" && spec.type == KeyType::kPath) store_file_ = provider.target.GetString("path");
  }
  if (!store_file_.empty()) store_file_existed_ = fs::exists(store_file_);
}

std::unique_ptr<Sink> ProviderRun::Open() const { return info_.open_sink(target_); }

bool ProviderRun::Owned(std::string_view id) const { return provider_.prefix.empty() || StartsWith(id, provider_.prefix); }

std::string ProviderRun::Preflight() {
  struct Found {};  // ends the scan at the first resource when any resource is too many
  std::uint64_t held = 0, ours = 0;
  try {
    Open()->Scan([&](const StoredResource& stored) {
      ++held;
      if (provider_.prefix.empty()) throw Found{};
      if (StartsWith(stored.id, provider_.prefix)) ++ours;
    });
  } catch (const Found&) {
  }
  std::string where = provider_.location + ": provider '" + provider_.name + "': ";
  if (provider_.prefix.empty() && held > 0)
    return where + "the target already holds data; ferry evaluate writes and then deletes test data, so give it "
           "an empty target, or set 'prefix: <text>' to keep the evaluation's resources apart by id";
  if (ours > 0)
    return where + "the target already holds " + std::to_string(ours) + " resources whose id starts with prefix '" +
           provider_.prefix + "'; choose another prefix";
  return "";
}

ProviderReport ProviderRun::Run(const std::vector<Resource>& population, bool keep) {
  ProviderReport report;
  report.name = provider_.name;
  report.adapter = info_.name;
  report.location = provider_.location;
  report.prefix = provider_.prefix;
  try {
    std::unique_ptr<Sink> sink = Open();
    if (config_.Runs(Probe::kCapabilities)) report.capabilities = ProbeCapabilities(population, *sink);
    if (config_.Runs(Probe::kFidelity) || config_.Runs(Probe::kCost)) RoundTrip(population, report);
    if (config_.Runs(Probe::kThroughput))
      report.throughput = MeasureThroughput([this] { return Open(); }, population, provider_.prefix,
                                            config_.concurrency, config_.batch_size, written_);
    if (config_.Runs(Probe::kLimits)) {
      LimitsOptions options{provider_.prefix, config_.max_resource_bytes, config_.max_batch};
      report.limits = ProbeLimits([this] { return Open(); }, options, written_);
    }
  } catch (...) {
    if (!keep) CleanUp(report);
    throw;
  }
  CheckThresholds(report);
  if (keep) report.cleanup.kept = true;
  else CleanUp(report);
  return report;
}

Capabilities ProviderRun::ProbeCapabilities(const std::vector<Resource>& population, Sink& sink) const {
  Capabilities capabilities;
  capabilities.kind = "store";
  capabilities.summary = info_.summary;
  capabilities.replaces_in_place = sink.ReplacesInPlace();
  capabilities.deletes = sink.Remove({});
  std::set<std::string> types;
  for (const Resource& resource : population) types.insert(resource.resource_type);
  capabilities.types_needed.assign(types.begin(), types.end());
  if (info_.name == "fhir") ReadStatement(capabilities);
  return capabilities;
}

void ProviderRun::ReadStatement(Capabilities& capabilities) const {
  fhir::Connection server(target_);
  std::string url = server.base_url() + "/metadata";
  http::Response response = server.Get(url);
  if (response.status != 200) throw ConnectError("GET " + url + ": HTTP " + std::to_string(response.status));
  auto statement = ParseCapabilityStatement(response.body);
  if (!statement) throw ConnectError("GET " + url + ": " + statement.error());
  capabilities.kind = "fhir";
  Capabilities::Fhir fhir;
  fhir.fhir_version = statement->fhir_version;
  fhir.software = statement->software;
  fhir.resource_types = statement->interactions.size();
  fhir.search_params = statement->search_params;
  fhir.batch = statement->batch;
  fhir.transaction = statement->transaction;
  fhir.bulk_export = statement->bulk_export;
  fhir.bulk_import = statement->bulk_import;
  for (const std::string& type : capabilities.types_needed) {
    if (!statement->interactions.count(type)) capabilities.types_missing.push_back(type);
    else if (!statement->Allows(type, "update")) fhir.types_without_update.push_back(type);
  }
  capabilities.fhir = std::move(fhir);
}

void ProviderRun::RoundTrip(const std::vector<Resource>& base, ProviderReport& report) {
  std::vector<Resource> population = provider_.prefix.empty() ? base : Relabel(base, provider_.prefix);
  std::unique_ptr<Sink> sink = Open();
  CostMeasures measures;
  measures.resources = population.size();
  std::uint64_t unit = provider_.pricing ? provider_.pricing->write_unit_bytes : 1024;
  for (std::size_t at = 0; at < population.size(); at += config_.batch_size) {
    std::span<const Resource> batch(population.data() + at, std::min(config_.batch_size, population.size() - at));
    for (const Resource& resource : batch) {
      written_.push_back({resource.resource_type, resource.id});
      measures.write_units += (resource.json.size() + unit - 1) / unit;
    }
    for (const WriteOutcome& outcome : sink->Write(batch)) {
      if (outcome.status == WriteStatus::kFailed) report.write_refused++;
    }
    sink->Commit();
    measures.write_requests++;
  }
  sink->Finish();
  FidelityDiff diff(config_.max_examples);
  for (const Resource& resource : population) diff.AddSent(resource.json);
  Open()->Scan([&](const StoredResource& stored) {
    if (!Owned(stored.id)) return;
    measures.stored_bytes += stored.json.size();
    diff.AddReceived(stored.json);
  });
  FidelityResult fidelity = diff.Finish();
  fidelity.checks.history = ProbeHistory(population, report);
  if (config_.Runs(Probe::kFidelity)) report.fidelity = std::move(fidelity);
  if (config_.Runs(Probe::kCost)) {
    if (provider_.pricing) report.cost = EstimateCost(*provider_.pricing, measures, config_.patients, config_.extrapolate_to);
    else report.notes.push_back("cost: no pricing block for this provider");
  }
}

std::optional<Check> ProviderRun::ProbeHistory(const std::vector<Resource>& population, ProviderReport& report) {
  if (info_.name != "fhir") return std::nullopt;
  if (target_.GetString("ids", "preserve") != "preserve") {
    report.notes.push_back("history: probed only with ids: preserve (the target's id is needed to ask for it)");
    return std::nullopt;
  }
  std::string id = provider_.prefix + kProbePatientId;
  auto probe = std::find_if(population.begin(), population.end(),
                            [&](const Resource& r) { return r.resource_type == "Patient" && r.id == id; });
  if (probe == population.end()) return std::nullopt;
  JsonDocument doc;
  if (!ParseJson(probe->json, doc)) return std::nullopt;
  doc.AddMember("active", true, doc.GetAllocator());
  std::unique_ptr<Sink> sink = Open();
  Resource updated = MakeResource(WriteJson(doc));
  std::vector<WriteOutcome> outcomes = sink->Write({&updated, 1});
  sink->Commit();
  if (outcomes.empty() || outcomes[0].status == WriteStatus::kFailed) {
    report.notes.push_back("history: the update of the probe patient was refused");
    return Check{1, 0};
  }
  fhir::Connection server(target_);
  http::Response response = server.Get(server.base_url() + "/Patient/" + id + "/_history");
  JsonDocument history;
  bool read = response.status == 200 && ParseJson(response.body, history) && history.IsObject();
  if (!read) report.notes.push_back("history: GET Patient/[id]/_history answered HTTP " + std::to_string(response.status));
  bool two = read && history.HasMember("entry") && history["entry"].IsArray() && history["entry"].Size() >= 2;
  return Check{1, two ? 1u : 0u};
}

void ProviderRun::CheckThresholds(ProviderReport& report) const {
  if (!config_.min_fidelity) return;
  if (!report.fidelity) {
    report.notes.push_back("min_fidelity not checked: the fidelity probe did not run");
    return;
  }
  double score = report.fidelity->Score();
  if (score < *config_.min_fidelity) {
    char text[160];
    std::snprintf(text, sizeof text, "fidelity %.4f is below min_fidelity %.4f", score, *config_.min_fidelity);
    report.failures.push_back(text);
  }
}

bool ProviderRun::RemoveCreatedFiles() {
  std::error_code ignored;
  if (!target_.state_path.empty() && provider_.target.state_path.empty()) {
    for (const char* suffix : {".fhir-ids.db", ".fhir-ids.db-wal", ".fhir-ids.db-shm"}) fs::remove(target_.state_path + suffix, ignored);
  }
  if (store_file_.empty() || store_file_existed_) return false;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(store_file_ + suffix, ignored);
  return true;
}

void ProviderRun::CleanUp(ProviderReport& report) {
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<ResourceKey> keys;
  for (const ResourceKey& key : written_) {
    if (seen.insert({key.resource_type, key.id}).second) keys.push_back(key);
  }
  try {
    report.cleanup.supported = Open()->Remove(keys);
  } catch (const std::exception& error) {
    report.cleanup.supported = false;
    report.notes.push_back(std::string("cleanup failed: ") + error.what());
  }
  if (report.cleanup.supported) report.cleanup.removed = keys.size();
  else report.notes.push_back("cleanup: the adapter cannot delete; " + std::to_string(keys.size()) + " resources remain");
  report.cleanup.removed_store_file = RemoveCreatedFiles();
  written_.clear();
}

}  // namespace ferry::evaluate
