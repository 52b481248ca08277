#include "core/evaluate/eval_config.hpp"

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "core/common/strings.hpp"
#include "core/common/yaml_config.hpp"

namespace ferry::evaluate {

namespace fs = std::filesystem;

namespace {

/// The population and both its copies (sent, read back) are held in memory; larger
/// populations are what `extrapolate_to` is for.
constexpr long long kMaxPatients = 1000;
const std::vector<std::string> kRootKeys = {"version", "name", "population", "probes", "thresholds",
                                            "throughput", "limits", "report", "providers"};
const std::vector<std::string> kPopulationKeys = {"patients", "seed", "extrapolate_to"};
const std::vector<std::string> kThresholdKeys = {"min_fidelity"};
const std::vector<std::string> kThroughputKeys = {"concurrency", "batch_size"};
const std::vector<std::string> kLimitKeys = {"max_resource_bytes", "max_batch"};
const std::vector<std::string> kReportKeys = {"examples"};
const std::vector<std::string> kProviderKeys = {"name", "target", "prefix", "pricing"};
const std::vector<std::string> kPricingKeys = {"currency", "storage_gb_month", "per_1000_requests",
                                               "per_write_unit", "write_unit_bytes", "egress_gb"};

std::string MarkText(const Diagnostics& diag, const YAML::Mark& mark) {
  return diag.display_name() + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

class EvalLoader {
 public:
  EvalLoader(const std::string& path, std::span<const AdapterInfo* const> adapters)
      : diag_(path), adapters_(adapters) {
    config_.path = path;
    dir_ = fs::absolute(fs::path(path)).parent_path().lexically_normal().string();
  }

  EvalConfig Load() {
    YAML::Node root = LoadYamlFile(config_.path, diag_);
    if (root.IsDefined() && !root.IsNull() && ExpectMap(root, "the evaluation", diag_)) LoadRoot(root);
    else if (root.IsNull()) diag_.Error("the evaluation file is empty; see ferry-evaluate(5) for the format");
    diag_.ThrowIfErrors();
    return std::move(config_);
  }

 private:
  void LoadRoot(const YAML::Node& root) {
    CheckKeys(root, kRootKeys, "the evaluation", diag_);
    if (RequireKey(root, "version", "the evaluation", diag_)) {
      auto version = ReadInteger(root, "version", "the evaluation", diag_, 1, 1000);
      if (version && *version != 1)
        diag_.Error(root["version"].Mark(), "evaluation version " + std::to_string(*version) +
                                                " is not supported by this ferry; it reads version 1");
    }
    config_.name = ReadString(root, "name", "the evaluation", diag_).value_or(fs::path(config_.path).stem().string());
    if (root["population"] && ExpectMap(root["population"], "population", diag_)) LoadPopulation(root["population"]);
    if (root["probes"]) LoadProbes(root);
    if (root["thresholds"] && ExpectMap(root["thresholds"], "thresholds", diag_)) LoadThresholds(root["thresholds"]);
    if (root["throughput"] && ExpectMap(root["throughput"], "throughput", diag_)) LoadThroughput(root["throughput"]);
    if (root["limits"] && ExpectMap(root["limits"], "limits", diag_)) LoadLimits(root["limits"]);
    if (root["report"] && ExpectMap(root["report"], "report", diag_)) {
      CheckKeys(root["report"], kReportKeys, "report", diag_);
      if (auto v = ReadInteger(root["report"], "examples", "report", diag_, 0, 100)) config_.max_examples = static_cast<std::size_t>(*v);
    }
    if (RequireKey(root, "providers", "the evaluation", diag_)) LoadProviders(root["providers"]);
  }

  void LoadPopulation(const YAML::Node& node) {
    CheckKeys(node, kPopulationKeys, "population", diag_);
    if (auto v = ReadInteger(node, "patients", "population", diag_, 1, kMaxPatients)) config_.patients = static_cast<std::uint64_t>(*v);
    if (auto v = ReadInteger(node, "seed", "population", diag_)) config_.seed = static_cast<std::uint64_t>(*v);
    if (auto v = ReadInteger(node, "extrapolate_to", "population", diag_, 1, 1LL << 40))
      config_.extrapolate_to = static_cast<std::uint64_t>(*v);
  }

  void LoadProbes(const YAML::Node& root) {
    auto names = ReadStringList(root, "probes", "the evaluation", diag_);
    if (!names) return;
    config_.probes.clear();
    for (const std::string& name : *names) {
      const auto& known = ProbeNames();
      auto found = std::find(known.begin(), known.end(), name);
      if (found == known.end()) {
        std::string hint = DidYouMean(name, known);
        diag_.Error(root["probes"].Mark(), "unknown probe '" + name + "'" +
                                               (hint.empty() ? "; the probes are " + Join(known, ", ") : hint));
        continue;
      }
      config_.probes.insert(static_cast<Probe>(found - known.begin()));
    }
  }

  void LoadThresholds(const YAML::Node& node) {
    CheckKeys(node, kThresholdKeys, "thresholds", diag_);
    config_.min_fidelity = ReadFraction(node, "min_fidelity", "thresholds", 0, 1);
  }

  void LoadThroughput(const YAML::Node& node) {
    CheckKeys(node, kThroughputKeys, "throughput", diag_);
    if (node["concurrency"]) {
      const YAML::Node list = node["concurrency"];
      if (!list.IsSequence() || list.size() == 0) {
        diag_.Error(list.Mark(), "'concurrency' in throughput must be a list of whole numbers, e.g. [1, 4, 16]");
      } else {
        config_.concurrency.clear();
        for (std::size_t index = 0; index < list.size(); ++index) {
          YAML::Node wrapper;
          wrapper["level"] = list[index];
          if (auto v = ReadInteger(wrapper, "level", "throughput concurrency", diag_, 1, 64)) config_.concurrency.push_back(static_cast<int>(*v));
        }
      }
    }
    if (auto v = ReadInteger(node, "batch_size", "throughput", diag_, 1, 10000)) config_.batch_size = static_cast<std::size_t>(*v);
  }

  void LoadLimits(const YAML::Node& node) {
    CheckKeys(node, kLimitKeys, "limits", diag_);
    if (auto v = ReadInteger(node, "max_resource_bytes", "limits", diag_, 1024, 1LL << 30))
      config_.max_resource_bytes = static_cast<std::uint64_t>(*v);
    if (auto v = ReadInteger(node, "max_batch", "limits", diag_, 1, 100000)) config_.max_batch = static_cast<std::uint64_t>(*v);
  }

  void LoadProviders(const YAML::Node& node) {
    if (!node.IsSequence() || node.size() == 0) {
      diag_.Error(node.Mark(), "'providers' must be a list of providers, each with a 'name' and a 'target'");
      return;
    }
    std::set<std::string> names;
    for (const YAML::Node& entry : node) {
      if (!ExpectMap(entry, "a provider", diag_)) continue;
      ProviderConfig provider = LoadProvider(entry);
      if (!provider.name.empty() && !names.insert(provider.name).second)
        diag_.Error(entry["name"].Mark(), "provider name '" + provider.name + "' is used twice; names must be unique");
      config_.providers.push_back(std::move(provider));
    }
  }

  ProviderConfig LoadProvider(const YAML::Node& entry) {
    ProviderConfig provider;
    provider.location = MarkText(diag_, entry.Mark());
    CheckKeys(entry, kProviderKeys, "a provider", diag_);
    if (RequireKey(entry, "name", "a provider", diag_)) provider.name = ReadString(entry, "name", "a provider", diag_).value_or("");
    if (RequireKey(entry, "target", "a provider", diag_)) provider.target = LoadTargetBlock(entry["target"], dir_, adapters_, diag_);
    if (auto prefix = ReadString(entry, "prefix", "a provider", diag_)) {
      static const std::regex kPrefix("[A-Za-z0-9.-]{1,16}");
      if (!std::regex_match(*prefix, kPrefix))
        diag_.Error(entry["prefix"].Mark(), "'prefix' must be 1 to 16 letters, digits, '-' or '.' (it starts every id written)");
      else provider.prefix = *prefix;
    }
    if (entry["pricing"] && ExpectMap(entry["pricing"], "pricing", diag_)) provider.pricing = LoadPricing(entry["pricing"]);
    return provider;
  }

  Pricing LoadPricing(const YAML::Node& node) {
    CheckKeys(node, kPricingKeys, "pricing", diag_);
    Pricing pricing;
    pricing.currency = ReadString(node, "currency", "pricing", diag_).value_or("USD");
    pricing.storage_gb_month = ReadFraction(node, "storage_gb_month", "pricing", 0, 1e9).value_or(0);
    pricing.per_1000_requests = ReadFraction(node, "per_1000_requests", "pricing", 0, 1e9).value_or(0);
    pricing.per_write_unit = ReadFraction(node, "per_write_unit", "pricing", 0, 1e9).value_or(0);
    pricing.egress_gb = ReadFraction(node, "egress_gb", "pricing", 0, 1e9).value_or(0);
    if (auto v = ReadInteger(node, "write_unit_bytes", "pricing", diag_, 1, 1LL << 30)) pricing.write_unit_bytes = static_cast<std::uint64_t>(*v);
    return pricing;
  }

  /// A decimal number in [min, max] at node[key].
  std::optional<double> ReadFraction(const YAML::Node& node, const std::string& key, const std::string& what,
                                     double min, double max) {
    auto text = ReadString(node, key, what, diag_);
    if (!text) return std::nullopt;
    static const std::regex kNumber("[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    double value = std::regex_match(*text, kNumber) ? std::stod(*text) : -1;
    if (value < min || value > max) {
      diag_.Error(node[key].Mark(), "'" + key + "' in " + what + " must be a number from " + FormatNumber(min) +
                                        " to " + FormatNumber(max));
      return std::nullopt;
    }
    return value;
  }

  static std::string FormatNumber(double value) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
    return text;
  }

  Diagnostics diag_;
  std::span<const AdapterInfo* const> adapters_;
  std::string dir_;
  EvalConfig config_;
};

}  // namespace

const std::vector<std::string>& ProbeNames() {
  static const std::vector<std::string> kNames = {"capabilities", "fidelity", "throughput", "limits", "cost"};
  return kNames;
}

EvalConfig LoadEvalConfig(const std::string& path, std::span<const AdapterInfo* const> adapters) {
  return EvalLoader(path, adapters).Load();
}

EvalConfig EvalConfigFromPlan(const Plan& plan) {
  EvalConfig config;
  config.path = plan.path;
  config.name = plan.name;
  ProviderConfig provider;
  provider.name = plan.target.adapter;
  provider.location = plan.target.location;
  provider.target = plan.target;
  config.providers.push_back(std::move(provider));
  return config;
}

}  // namespace ferry::evaluate
