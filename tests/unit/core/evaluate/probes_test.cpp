// Throughput, limits and cost probes against an in-memory fake sink.
#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <mutex>


#include "core/evaluate/cost.hpp"
#include "core/evaluate/limits.hpp"
#include "core/evaluate/population.hpp"
#include "core/evaluate/throughput.hpp"

namespace ferry::evaluate {

namespace {

/// A store shared by every sink instance; it refuses resources over `max_bytes`, ids over
/// `max_id`, batches over `max_batch`, and says 429 to every sink opened after the first
/// `max_sinks` (deterministic, unlike counting writers in flight).
struct FakeStore {
  std::mutex mutex;
  std::map<std::string, std::string> resources;
  std::size_t max_bytes = 1 << 30, max_id = 64, max_batch = 1 << 30;
  int max_sinks = 1000;
  std::atomic<int> opened{0};
};

class FakeSink final : public Sink {
 public:
  explicit FakeSink(FakeStore& store) : store_(store), serial_(++store.opened) {}
  std::vector<WriteOutcome> Write(std::span<const Resource> batch) override {
    std::vector<WriteOutcome> outcomes;
    std::lock_guard<std::mutex> lock(store_.mutex);
    for (const Resource& resource : batch) {
      if (serial_ > store_.max_sinks) outcomes.push_back({WriteStatus::kFailed, "HTTP 429: slow down"});
      else if (batch.size() > store_.max_batch || resource.json.size() > store_.max_bytes || resource.id.size() > store_.max_id)
        outcomes.push_back({WriteStatus::kFailed, "HTTP 413: too large"});
      else {
        store_.resources[resource.resource_type + "/" + resource.id] = resource.json;
        outcomes.push_back({WriteStatus::kWritten, ""});
      }
    }
    return outcomes;
  }
  void Scan(const std::function<void(const StoredResource&)>& visit) override {
    std::lock_guard<std::mutex> lock(store_.mutex);
    for (const auto& [key, json] : store_.resources) {
      std::string_view view(key);
      visit({view.substr(0, view.find('/')), view.substr(view.find('/') + 1), json});
    }
  }

 private:
  FakeStore& store_;
  int serial_;
};

}  // namespace

TEST_CASE("Percentiles are nearest-rank") {
  std::vector<double> samples = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
  Latency latency = Percentiles(samples);
  CHECK(latency.p50_ms == 5);
  CHECK(latency.p95_ms == 10);
  CHECK(latency.p99_ms == 10);
  std::vector<double> none;
  CHECK(Percentiles(none).p99_ms == 0);
}

TEST_CASE("Throughput counts every resource per level and finds where 429 starts") {
  FakeStore store;
  store.max_sinks = 2;  // the level-1 writer and one of the level-4 writers
  std::vector<Resource> population = MakePopulation({1, 3, ""});
  std::vector<ResourceKey> written;
  ThroughputResult result =
      MeasureThroughput([&store] { return std::make_unique<FakeSink>(store); }, population, "", {1, 4}, 10, written);
  REQUIRE(result.import_levels.size() == 2);
  CHECK(result.import_levels[0].concurrency == 1);
  CHECK(result.import_levels[0].resources == population.size());
  CHECK(result.import_levels[0].throttled == 0);
  CHECK(result.import_levels[0].requests == (population.size() + 9) / 10);
  CHECK(result.import_levels[1].concurrency == 4);
  CHECK(result.import_levels[1].resources + result.import_levels[1].failed == population.size());
  CHECK(result.throttled_from == 4);
  CHECK(written.size() == 2 * population.size());
  CHECK(written.front().id.rfind("t1-", 0) == 0);
  REQUIRE(result.export_levels.size() == 2);
  CHECK(result.export_levels[1].resources == 4 * store.resources.size());
}

TEST_CASE("Limits bisect to the largest resource and batch the target accepts") {
  FakeStore store;
  store.max_bytes = 5000;
  store.max_batch = 37;
  std::vector<ResourceKey> written;
  LimitsResult limits = ProbeLimits([&store] { return std::make_unique<FakeSink>(store); },
                                    {"", 65536, 100}, written);
  CHECK(limits.largest_resource_bytes == 5000);
  CHECK_FALSE(limits.reached_resource_cap);
  CHECK(limits.largest_batch == 37);
  CHECK(limits.numeric_id == Acceptance::kKept);
  CHECK(limits.id_64_chars == Acceptance::kKept);
  CHECK(limits.id_65_chars == Acceptance::kRefused);
  CHECK(limits.refusals.at("id_65_chars") == "HTTP 413: too large");
  CHECK(limits.invalid_resource == Acceptance::kKept);  // the fake stores anything
  CHECK(written.size() >= store.resources.size());
}

TEST_CASE("Cost extrapolates linearly from the evaluated population") {
  Pricing pricing;
  pricing.storage_gb_month = 0.10;
  pricing.per_1000_requests = 2.0;
  pricing.per_write_unit = 0.001;
  pricing.egress_gb = 0.5;
  CostMeasures measured{.stored_bytes = 2'000'000, .write_requests = 10, .write_units = 300, .resources = 250};
  CostResult cost = EstimateCost(pricing, measured, 10, 1000);
  CHECK(cost.evaluated.stored_gb == Approx(0.002));
  CHECK(cost.evaluated.migrate == Approx(10 / 1000.0 * 2.0 + 300 * 0.001));
  CHECK(cost.extrapolated.patients == 1000);
  CHECK(cost.extrapolated.migrate == Approx(100 * cost.evaluated.migrate));
  CHECK(cost.extrapolated.keep_per_month == Approx(0.2 * 0.10));
  CHECK(cost.extrapolated.export_once == Approx(0.2 * 0.5));
}

}  // namespace ferry::evaluate
