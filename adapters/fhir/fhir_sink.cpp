#include "adapters/fhir/fhir_sink.hpp"

#include <algorithm>
#include <thread>

#include "adapters/fhir/operation_outcome.hpp"
#include "adapters/fhir/search_page.hpp"
#include "adapters/fhir/type_order.hpp"
#include "adapters/http/rate_limiter.hpp"
#include "core/common/error.hpp"
#include "core/fhir/json.hpp"

namespace ferry::fhir {

namespace {

constexpr std::size_t kTransactionConditionalLimit = 8;  // Medplum: transactions with conditional entries
constexpr std::size_t kDefaultBundleSize = 50;           // Medplum: updates per transaction
constexpr const char* kScanPageSize = "1000";
constexpr long kConflictBackoffBaseMs = 250;  // doubled per resend, full jitter
constexpr long kConflictBackoffMaxMs = 8000;

bool IsConflict(long status) { return status == 409 || status == 412; }

BundleKind KindFrom(const AdapterConfig& config) {
  std::string text = config.GetString("bundle", "batch");
  if (text == "batch") return BundleKind::kBatch;
  if (text == "transaction") return BundleKind::kTransaction;
  throw PlanError(config.location + ": bundle must be 'batch' or 'transaction'");
}

IdStrategy StrategyFrom(const AdapterConfig& config) {
  auto strategy = ParseIdStrategy(config.GetString("ids", "preserve"));
  if (!strategy) throw PlanError(config.location + ": ids must be 'preserve', 'uuid5' or 'server'");
  return *strategy;
}

std::string CrosswalkPath(const AdapterConfig& config) {
  return config.state_path.empty() ? "" : config.state_path + ".fhir-ids.db";
}

std::vector<std::size_t> DependencyOrder(std::span<const Resource> batch) {
  std::vector<std::size_t> order(batch.size());
  for (std::size_t idx = 0; idx < order.size(); ++idx) order[idx] = idx;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return DependencyRank(batch[a].resource_type) < DependencyRank(batch[b].resource_type);
  });
  return order;
}

WriteOutcome Failed(std::string error) { return {WriteStatus::kFailed, std::move(error)}; }

std::string StringMember(const JsonValue& object, const char* name) {
  if (!object.IsObject() || !object.HasMember(name) || !object[name].IsString()) return "";
  return object[name].GetString();
}

}  // namespace

FhirSink::FhirSink(const AdapterConfig& config)
    : server_(config),
      capabilities_(server_.CheckedCapabilities()),  // unreachable, refusing or untrusted: exit 3, nothing written
      kind_(KindFrom(config)),
      random_(std::random_device{}()),
      crosswalk_(CrosswalkPath(config), server_.base_url()),
      ids_(StrategyFrom(config), crosswalk_) {
  bool conditional = kind_ == BundleKind::kTransaction && ids_.strategy() == IdStrategy::kServer;
  long long size = config.GetInteger("batch_size", 0);
  bundle_size_ = size > 0 ? static_cast<std::size_t>(size) : conditional ? kTransactionConditionalLimit : kDefaultBundleSize;
  long long retries = config.GetInteger("conflict_retries", 3);
  if (retries < 0) throw PlanError(config.location + ": conflict_retries must not be negative");
  conflict_retries_ = static_cast<int>(std::min(retries, 100LL));
}

std::map<std::string, std::uint64_t> FhirSink::RetryCounts() const {
  std::map<std::string, std::uint64_t> counts = server_.RetryCounts();
  std::lock_guard<std::mutex> lock(conflict_mutex_);
  for (const auto& [kind, count] : conflict_counts_) counts[kind] += count;
  return counts;
}

std::vector<WriteOutcome> FhirSink::Write(std::span<const Resource> batch) {
  std::vector<WriteOutcome> outcomes(batch.size());
  ResolveConditionals(batch);
  std::vector<std::size_t> remaining = DependencyOrder(batch);
  while (!remaining.empty()) {
    std::vector<std::vector<Item>> ready;
    std::size_t before = remaining.size();
    PrepareWave(batch, remaining, ready, outcomes);
    if (remaining.size() == before) {  // nothing could go: a cycle, or what they point at failed
      for (std::size_t idx : remaining)
        outcomes[idx] = Failed("its references point at resources of this batch that could not be written first");
      break;
    }
    SendGroups(batch, std::move(ready), outcomes);
  }
  crosswalk_.Commit();
  return outcomes;
}

void FhirSink::PrepareWave(std::span<const Resource> batch, std::vector<std::size_t>& remaining,
                           std::vector<std::vector<Item>>& ready, std::vector<WriteOutcome>& outcomes) {
  std::set<std::string> waiting;
  for (std::size_t idx : remaining) {
    waiting.insert(batch[idx].resource_type + "/" + batch[idx].id);
    waiting.insert("urn:" + batch[idx].id);
  }
  bool shared_transaction = kind_ == BundleKind::kTransaction && ids_.strategy() == IdStrategy::kServer;
  std::size_t group_size = shared_transaction ? bundle_size_ : remaining.size();
  std::vector<std::size_t> next;
  for (std::size_t start = 0; start < remaining.size(); start += group_size) {
    std::size_t end = std::min(remaining.size(), start + group_size);
    PendingRefs pending;
    for (std::size_t pos = start; pos < end; ++pos) {
      const Resource& resource = batch[remaining[pos]];
      auto target = ids_.TargetId(resource.resource_type, resource.id);
      if (target) pending[resource.resource_type + "/" + resource.id] = resource.resource_type + "/" + *target;
      else if (shared_transaction) pending[resource.resource_type + "/" + resource.id] = PendingUrn(resource.resource_type, resource.id);
    }
    std::vector<Item> group;
    for (std::size_t pos = start; pos < end; ++pos) {
      std::size_t idx = remaining[pos];
      PreparedEntry prepared = PrepareEntry(batch[idx], ids_, pending, waiting, conditional_);
      if (prepared.state == PreparedEntry::State::kFailed) outcomes[idx] = Failed(prepared.error);
      else if (prepared.state == PreparedEntry::State::kWaiting) next.push_back(idx);
      else group.push_back({idx, std::move(prepared)});
    }
    for (std::size_t chunk = 0; chunk < group.size(); chunk += bundle_size_) {
      auto first = group.begin() + static_cast<std::ptrdiff_t>(chunk);
      auto last = group.begin() + static_cast<std::ptrdiff_t>(std::min(group.size(), chunk + bundle_size_));
      ready.emplace_back(std::make_move_iterator(first), std::make_move_iterator(last));
    }
  }
  remaining = std::move(next);
}

http::Request FhirSink::BundleRequest(const std::vector<Item>& group) const {
  std::vector<BundleEntry> entries;
  entries.reserve(group.size());
  for (const Item& item : group) entries.push_back(item.prepared.entry);
  http::Request request;
  request.method = "POST";
  request.url = server_.base_url();
  request.headers = {{"Content-Type", "application/fhir+json"}, {"Accept", "application/fhir+json"}};
  request.body = BuildBundle(kind_, entries);
  request.retryable = ids_.strategy() != IdStrategy::kServer;  // PUTs are idempotent; POSTs are not
  return request;
}

void FhirSink::SendGroups(std::span<const Resource> batch, std::vector<std::vector<Item>> groups,
                          std::vector<WriteOutcome>& outcomes) {
  for (int round = 0; !groups.empty(); ++round) {
    std::vector<http::Request> requests;
    for (const auto& group : groups) requests.push_back(BundleRequest(group));
    std::vector<http::Response> responses = server_.client().SendAll(std::move(requests));
    Conflicts conflicts;
    for (std::size_t group_idx = 0; group_idx < groups.size(); ++group_idx)
      Apply(batch, groups[group_idx], responses[group_idx], outcomes, conflicts);
    if (conflicts.groups.empty()) return;
    if (round == conflict_retries_) {  // the outcomes keep the conflict's status
      for (const auto& group : conflicts.groups)
        for (const Item& item : group)
          outcomes[item.index].error +=
              " (still in conflict after " + std::to_string(round) + (round == 1 ? " resend)" : " resends)");
      return;
    }
    BeforeConflictRetry(conflicts, round + 1);
    groups = std::move(conflicts.groups);
  }
}

void FhirSink::BeforeConflictRetry(const Conflicts& conflicts, int round) {
  {
    std::lock_guard<std::mutex> lock(conflict_mutex_);
    for (long status : conflicts.statuses) ++conflict_counts_[std::to_string(status)];
  }
  long delay = http::BackoffDelayMs(round, kConflictBackoffBaseMs, kConflictBackoffMaxMs, random_);
  std::this_thread::sleep_for(std::chrono::milliseconds(delay));
}

void FhirSink::Apply(std::span<const Resource> batch, const std::vector<Item>& group, const http::Response& response,
                     std::vector<WriteOutcome>& outcomes, Conflicts& conflicts) {
  if (response.status == 401 || response.status == 403) server_.ThrowIfUnreachable(response, "POST " + server_.base_url());
  std::optional<std::vector<EntryResult>> results;
  std::string bundle_error;
  if (response.status == 0) {
    bundle_error = "no response from the FHIR server (" + response.error + ")";
  } else if (response.status != 200) {
    bundle_error = OutcomeText(response.status, response.body);
    if (kind_ == BundleKind::kTransaction) bundle_error += " (the whole transaction was refused)";
  } else if (auto parsed = ParseBundleResponse(response.body, group.size()); parsed) {
    results = std::move(*parsed);
  } else {
    bundle_error = "HTTP 200 with an unreadable response: " + parsed.error();
  }
  if (!results && IsConflict(response.status)) {  // the whole Bundle: send it again as it was
    conflicts.groups.push_back(group);
    conflicts.statuses.push_back(response.status);  // one retry: the Bundle
  }
  std::vector<Item> entry_conflicts;
  for (std::size_t entry_idx = 0; entry_idx < group.size(); ++entry_idx) {
    const Item& item = group[entry_idx];
    if (!results) {
      outcomes[item.index] = Failed(bundle_error);
      continue;
    }
    const EntryResult& result = (*results)[entry_idx];
    const Resource& resource = batch[item.index];
    if (result.status >= 200 && result.status < 300) {
      std::string target_id = !result.id.empty() ? result.id : item.prepared.entry.url.substr(resource.resource_type.size() + 1);
      ids_.Record(resource.resource_type, resource.id, target_id);
      outcomes[item.index] = {WriteStatus::kWritten, ""};
    } else {
      outcomes[item.index] = Failed(result.error);  // a conflict's is replaced if a resend succeeds
      if (IsConflict(result.status)) {
        entry_conflicts.push_back(item);
        conflicts.statuses.push_back(result.status);
      }
    }
  }
  if (!entry_conflicts.empty()) conflicts.groups.push_back(std::move(entry_conflicts));
}

void FhirSink::ResolveConditionals(std::span<const Resource> batch) {
  for (const Resource& resource : batch) {
    if (resource.json.find('?') == std::string::npos) continue;
    JsonDocument doc;
    if (!ParseJson(resource.json, doc)) continue;
    ForEachReference(doc, [&](const ParsedReference& ref) {
      if (ref.kind != ReferenceKind::kConditional) return;
      std::string key = ref.type + "?" + ref.query;
      if (conditional_.count(key)) return;
      // POST [type]/_search with a form body: the criteria (identifier values) stay out of
      // URLs, traces and server access logs.
      http::Request request;
      request.method = "POST";
      request.url = server_.base_url() + "/" + ref.type + "/_search";
      request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/fhir+json"}};
      request.body = ref.query + "&_count=2";
      std::string what = "POST " + request.url;
      http::Response response = server_.client().Send(std::move(request));
      server_.ThrowIfUnreachable(response, what);
      auto page = response.status == 200 ? ParseSearchPage(response.body) : Result<SearchPage>(Failure(""));
      std::optional<std::string> target;
      if (page && page->resources.size() == 1) {
        JsonDocument found;
        if (ParseJson(page->resources[0], found) && found.IsObject())
          target = ref.type + "/" + StringMember(found, "id");
      }
      conditional_[key] = target;
    });
  }
}

std::string FhirSink::Commit() {
  crosswalk_.Commit();
  return "";
}

void FhirSink::Scan(const std::function<void(const StoredResource&)>& visit) {
  std::vector<std::string> types;
  for (const auto& [type, searchable] : capabilities_.types) {
    if (searchable) types.push_back(type);
  }
  for (const auto& type : types) ScanType(type, visit);
}

void FhirSink::ScanType(const std::string& type, const std::function<void(const StoredResource&)>& visit) {
  std::string url = server_.base_url() + "/" + type + "?_count=" + kScanPageSize;
  while (!url.empty()) {
    server_.CheckSameOrigin(url);
    http::Response response = server_.Get(url);
    if (response.status != 200)
      throw ConnectError("GET " + WithoutQuery(url) + ": " + OutcomeText(response.status, response.body) +
                         " while reading the target back");
    auto page = ParseSearchPage(response.body);
    if (!page) throw ConnectError("GET " + WithoutQuery(url) + ": " + page.error());
    for (const std::string& json : page->resources) {
      JsonDocument doc;
      if (!ParseJson(json, doc) || !doc.IsObject()) continue;
      std::string id = ids_.SourceId(type, StringMember(doc, "id"));
      std::string text = json;
      if (ids_.strategy() != IdStrategy::kPreserve) {
        RewriteReferences(doc, doc.GetAllocator(), [&](const ParsedReference& ref) { return ids_.ResolveBack(ref); });
        doc["id"] = MakeString(id, doc.GetAllocator());
        text = WriteJson(doc);
      }
      visit({type, id, text});
    }
    url = page->next;
  }
}

bool FhirSink::Remove(std::span<const ResourceKey> keys) {
  std::vector<http::Request> requests;
  std::vector<BundleEntry> entries;
  auto flush = [&] {
    if (entries.empty()) return;
    http::Request request;
    request.method = "POST";
    request.url = server_.base_url();
    request.headers = {{"Content-Type", "application/fhir+json"}, {"Accept", "application/fhir+json"}};
    request.body = BuildBundle(BundleKind::kBatch, entries);
    request.retryable = true;  // DELETE is idempotent
    requests.push_back(std::move(request));
    entries.clear();
  };
  for (const ResourceKey& key : keys) {
    std::optional<std::string> target = ids_.TargetId(key.resource_type, key.id);
    if (!target) continue;  // never written
    entries.push_back({"DELETE", key.resource_type + "/" + *target, "", "", ""});
    if (entries.size() == bundle_size_) flush();
  }
  flush();
  bool all = true;
  for (const http::Response& response : server_.client().SendAll(std::move(requests))) {
    server_.ThrowIfUnreachable(response, "POST " + server_.base_url());
    all = all && response.status == 200;
  }
  return all;
}

std::unique_ptr<Sink> OpenSink(const AdapterConfig& config) { return std::make_unique<FhirSink>(config); }

}  // namespace ferry::fhir
