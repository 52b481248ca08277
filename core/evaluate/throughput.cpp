#include "core/evaluate/throughput.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

#include "core/evaluate/population.hpp"

namespace ferry::evaluate {

namespace {

using Clock = std::chrono::steady_clock;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// What the workers of one level share.
struct LevelState {
  std::mutex mutex;
  std::vector<double> latencies_ms;
  LevelResult result;

  void Fail(const std::string& message) {
    std::lock_guard<std::mutex> lock(mutex);
    if (result.error.empty()) result.error = message;
  }
};

void WriteShare(const SinkFactory& open_sink, std::span<const Resource> share, std::size_t batch_size,
                LevelState& state) {
  try {
    std::unique_ptr<Sink> sink = open_sink();
    for (std::size_t at = 0; at < share.size(); at += batch_size) {
      std::span<const Resource> batch = share.subspan(at, std::min(batch_size, share.size() - at));
      Clock::time_point start = Clock::now();
      std::vector<WriteOutcome> outcomes = sink->Write(batch);
      sink->Commit();
      double elapsed = MillisecondsSince(start);
      std::lock_guard<std::mutex> lock(state.mutex);
      state.latencies_ms.push_back(elapsed);
      state.result.requests++;
      for (const WriteOutcome& outcome : outcomes) {
        if (outcome.status != WriteStatus::kFailed) state.result.resources++;
        else state.result.failed++;
        if (outcome.status == WriteStatus::kFailed && IsThrottled(outcome.error)) state.result.throttled++;
      }
    }
    sink->Finish();
  } catch (const std::exception& error) {
    if (IsThrottled(error.what())) {
      std::lock_guard<std::mutex> lock(state.mutex);
      state.result.throttled++;
    }
    state.Fail(error.what());
  }
}

void ReadAll(const SinkFactory& open_sink, LevelState& state) {
  try {
    std::unique_ptr<Sink> sink = open_sink();
    std::uint64_t seen = 0;
    Clock::time_point start = Clock::now();
    sink->Scan([&seen](const StoredResource&) { ++seen; });
    double elapsed = MillisecondsSince(start);
    std::lock_guard<std::mutex> lock(state.mutex);
    state.latencies_ms.push_back(elapsed);
    state.result.requests++;
    state.result.resources += seen;
  } catch (const std::exception& error) {
    {
      std::lock_guard<std::mutex> lock(state.mutex);
      state.result.failed++;
    }
    state.Fail(error.what());
  }
}

LevelResult Finish(LevelState& state, int concurrency, Clock::time_point start) {
  LevelResult result = std::move(state.result);
  result.concurrency = concurrency;
  result.seconds = MillisecondsSince(start) / 1000.0;
  result.resources_per_second = result.seconds > 0 ? static_cast<double>(result.resources) / result.seconds : 0;
  result.latency = Percentiles(state.latencies_ms);
  return result;
}

LevelResult ImportLevel(const SinkFactory& open_sink, const std::vector<Resource>& copy, int concurrency,
                        std::size_t batch_size) {
  LevelState state;
  std::size_t workers = static_cast<std::size_t>(concurrency);
  std::size_t share = (copy.size() + workers - 1) / workers;
  Clock::time_point start = Clock::now();
  std::vector<std::thread> threads;
  for (std::size_t worker = 0; worker < workers && worker * share < copy.size(); ++worker) {
    std::span<const Resource> part(copy.data() + worker * share, std::min(share, copy.size() - worker * share));
    threads.emplace_back(WriteShare, std::cref(open_sink), part, batch_size, std::ref(state));
  }
  for (std::thread& thread : threads) thread.join();
  return Finish(state, concurrency, start);
}

LevelResult ExportLevel(const SinkFactory& open_sink, int concurrency) {
  LevelState state;
  Clock::time_point start = Clock::now();
  std::vector<std::thread> threads;
  for (int reader = 0; reader < concurrency; ++reader) threads.emplace_back(ReadAll, std::cref(open_sink), std::ref(state));
  for (std::thread& thread : threads) thread.join();
  return Finish(state, concurrency, start);
}

}  // namespace

Latency Percentiles(std::vector<double>& samples_ms) {
  if (samples_ms.empty()) return {};
  std::sort(samples_ms.begin(), samples_ms.end());
  auto rank = [&samples_ms](double p) {
    auto index = static_cast<std::size_t>(std::ceil(p * static_cast<double>(samples_ms.size())));
    return samples_ms[std::clamp<std::size_t>(index, 1, samples_ms.size()) - 1];
  };
  return {rank(0.50), rank(0.95), rank(0.99)};
}

bool IsThrottled(const std::string& message) {
  return message.find("429") != std::string::npos || message.find("Too Many Requests") != std::string::npos ||
         message.find("too many requests") != std::string::npos;
}

ThroughputResult MeasureThroughput(const SinkFactory& open_sink, const std::vector<Resource>& population,
                                   const std::string& id_prefix, const std::vector<int>& levels,
                                   std::size_t batch_size, std::vector<ResourceKey>& written) {
  ThroughputResult result;
  result.batch_size = batch_size;
  for (int level : levels) {
    std::vector<Resource> copy = Relabel(population, id_prefix + "t" + std::to_string(level) + "-");
    for (const Resource& resource : copy) written.push_back({resource.resource_type, resource.id});
    result.import_levels.push_back(ImportLevel(open_sink, copy, level, batch_size));
    if (result.import_levels.back().throttled > 0 && !result.throttled_from) result.throttled_from = level;
  }
  for (int level : levels) result.export_levels.push_back(ExportLevel(open_sink, level));
  return result;
}

}  // namespace ferry::evaluate
