#include "core/evaluate/limits.hpp"

#include <exception>
#include <map>

#include "core/evaluate/fidelity.hpp"
#include "core/evaluate/population.hpp"

namespace ferry::evaluate {

namespace {

/// A Basic resource of about `bytes` bytes (padding in a text extension).
Resource BasicOfSize(const std::string& id, std::uint64_t bytes) {
  std::string head = R"({"resourceType":"Basic","id":")" + id +
                     R"(","code":{"text":"ferry evaluate limit probe"},"extension":[{"url":"urn:ferry:evaluate:padding","valueString":")";
  std::string tail = R"("}]})";
  std::uint64_t fixed = head.size() + tail.size();
  std::string padding(bytes > fixed ? bytes - fixed : 1, 'x');  // FHIR strings are never empty
  return MakeResource(head + padding + tail);
}

class Prober {
 public:
  Prober(const SinkFactory& open_sink, const LimitsOptions& options, std::vector<ResourceKey>& written)
      : sink_(open_sink()), options_(options), written_(written) {}

  /// Writes `batch`; true when every resource was accepted. A refusal is kept in
  /// `refusals[probe]`.
  bool Accepts(const std::vector<Resource>& batch, const std::string& probe) {
    for (const Resource& resource : batch) written_.push_back({resource.resource_type, resource.id});
    try {
      std::vector<WriteOutcome> outcomes = sink_->Write(batch);
      sink_->Commit();
      for (const WriteOutcome& outcome : outcomes) {
        if (outcome.status != WriteStatus::kFailed) continue;
        refusals_[probe] = outcome.error;
        return false;
      }
      return true;
    } catch (const std::exception& error) {
      refusals_[probe] = error.what();
      return false;
    }
  }

  Acceptance Try(const Resource& resource, const std::string& probe) {
    if (!Accepts({resource}, probe)) return Acceptance::kRefused;
    FidelityDiff diff(0);
    diff.AddSent(resource.json);
    bool found = false;
    sink_->Scan([&](const StoredResource& stored) {
      if (stored.resource_type != resource.resource_type || stored.id != resource.id) return;
      found = true;
      diff.AddReceived(stored.json);
    });
    return found && diff.Finish().paths.empty() ? Acceptance::kKept : Acceptance::kAltered;
  }

  std::map<std::string, std::string> TakeRefusals() { return std::move(refusals_); }

  /// Largest n in [1, cap] with accepts(n), by bisection; 0 when 1 fails.
  template <typename Accepts>
  std::uint64_t Bisect(std::uint64_t cap, Accepts accepts) {
    if (accepts(cap)) return cap;
    std::uint64_t low = 0, high = cap;  // low accepted (0 = none yet), high refused
    while (high - low > 1 && probes_++ < kMaxProbes) {
      std::uint64_t middle = low + (high - low) / 2;
      if (accepts(middle)) low = middle;
      else high = middle;
    }
    return low;
  }

  std::string Id(const std::string& name) { return options_.id_prefix + "lim-" + name + "-" + std::to_string(serial_++); }

 private:
  static constexpr int kMaxProbes = 24;
  std::unique_ptr<Sink> sink_;
  const LimitsOptions& options_;
  std::vector<ResourceKey>& written_;
  int probes_ = 0;
  int serial_ = 0;
  std::map<std::string, std::string> refusals_;
};

std::string IdOfLength(const std::string& prefix, std::size_t length) {
  std::string id = prefix + "lim-id-";
  if (id.size() < length) id.append(length - id.size(), 'a');
  return id.substr(0, length);
}

}  // namespace

LimitsResult ProbeLimits(const SinkFactory& open_sink, const LimitsOptions& options, std::vector<ResourceKey>& written) {
  LimitsResult result;
  result.options = options;
  Prober prober(open_sink, options, written);
  result.largest_resource_bytes = prober.Bisect(options.max_resource_bytes, [&](std::uint64_t bytes) {
    return prober.Accepts({BasicOfSize(prober.Id("size"), bytes)}, "largest_resource");
  });
  result.reached_resource_cap = result.largest_resource_bytes == options.max_resource_bytes;
  result.largest_batch = prober.Bisect(options.max_batch, [&](std::uint64_t count) {
    std::vector<Resource> batch;
    for (std::uint64_t index = 0; index < count; ++index) batch.push_back(BasicOfSize(prober.Id("batch"), 200));
    return prober.Accepts(batch, "largest_batch");
  });
  result.reached_batch_cap = result.largest_batch == options.max_batch;
  if (options.id_prefix.empty()) {
    result.numeric_id_tried = true;
    result.numeric_id = prober.Try(BasicOfSize("9007199254740993", 200), "numeric_id");
  }
  result.id_64_chars = prober.Try(BasicOfSize(IdOfLength(options.id_prefix, 64), 200), "id_64_chars");
  result.id_65_chars = prober.Try(BasicOfSize(IdOfLength(options.id_prefix, 65), 200), "id_65_chars");
  result.invalid_resource = prober.Try(MakeResource(
      R"({"resourceType":"Patient","id":")" + prober.Id("invalid") +
      R"(","birthDate":"not-a-date","gender":42,"notAnElement":true})"), "invalid_resource");
  result.refusals = prober.TakeRefusals();
  return result;
}

const char* AcceptanceName(Acceptance acceptance) {
  switch (acceptance) {
    case Acceptance::kKept: return "kept";
    case Acceptance::kAltered: return "altered";
    case Acceptance::kRefused: return "refused";
  }
  return "refused";
}

}  // namespace ferry::evaluate
