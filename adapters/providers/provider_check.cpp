#include "adapters/providers/provider_check.hpp"

#include <cstdlib>
#include <regex>

#include "adapters/providers/layout_check.hpp"
#include "adapters/providers/provider_profile.hpp"
#include "core/common/error.hpp"
#include "core/common/strings.hpp"

namespace ferry::providers {

namespace {

const ProviderProfile* ProfileOf(const AdapterConfig& config) {
  if (!config.Has("provider")) return nullptr;
  const ConfigValue& value = config.values.at("provider");
  if (const ProviderProfile* profile = FindProfile(value.text)) return profile;
  std::vector<std::string> names;
  for (const ProviderProfile& profile : AllProfiles()) names.push_back(profile.name + "@" + profile.version);
  std::string where = value.location.empty() ? config.location : value.location;
  throw PlanError((where.empty() ? "" : where + ": ") + "unknown provider '" + value.text + "'; known: " +
                  Join(names, ", "));
}

bool SetByPlan(const AdapterConfig& config, const std::string& key) {
  auto it = config.values.find(key);
  return it != config.values.end() && !it->second.location.empty();
}

bool Declares(const std::vector<KeySpec>& keys, const std::string& name) {
  for (const KeySpec& spec : keys) {
    if (spec.name == name) return true;
  }
  return false;
}

/// Warnings come from one profile, about one block.
class Checker {
 public:
  Checker(const AdapterConfig& config, const ProviderProfile& profile, std::string_view role)
      : config_(config), profile_(profile), role_(role) {}

  void Warn(const std::string& key, const std::string& message) {
    auto it = config_.values.find(key);
    std::string where = it != config_.values.end() && !it->second.location.empty() ? it->second.location
                                                                                   : config_.location;
    warnings_.push_back((where.empty() ? "" : where + ": ") + role_ + " provider " + profile_.name + "@" +
                        profile_.version + ": " + message);
  }
  void CheckBundleSize() {
    if (!SetByPlan(config_, "batch_size") || profile_.max_bundle_entries == 0) return;
    long long size = config_.GetInteger("batch_size");
    if (size > profile_.max_bundle_entries)
      Warn("batch_size", "batch_size " + std::to_string(size) + " is over the " +
                             std::to_string(profile_.max_bundle_entries) +
                             " entries per Bundle the provider accepts; use " +
                             std::to_string(profile_.max_bundle_entries) + " or less (" + profile_.source + ")");
  }
  void CheckRate() {
    if (!SetByPlan(config_, "max_rps") || profile_.max_rps == 0) return;
    std::string text = config_.GetString("max_rps");
    double rps = std::strtod(text.c_str(), nullptr);
    if (rps <= 0 || rps > profile_.max_rps)
      Warn("max_rps", "max_rps " + (rps <= 0 ? std::string("0 (no cap)") : text) +
                          " is above the provider's default rate limit of " + std::to_string(profile_.max_rps) +
                          " requests/s; expect 429s (" + profile_.source + ")");
  }
  void CheckIds() {
    std::string ids = config_.GetString("ids");
    if (ids != "preserve") return;
    if (profile_.ids == IdRule::kNotAllNumeric)
      Warn("ids", "ids: preserve keeps source ids, and this provider refuses ids made only of digits; "
                  "use ids: uuid5 or ids: server if the source has such ids");
    if (profile_.ids == IdRule::kStoreSetting)
      Warn("ids", "ids: preserve writes with client-assigned ids, which this provider takes only when the store "
                  "allows update-as-create (enableUpdateCreate); otherwise use ids: server");
  }
  void CheckBundleKind() {
    if (!profile_.transactions && config_.GetString("bundle") == "transaction")
      Warn("bundle", "bundle: transaction is not supported by this provider; use bundle: batch");
  }
  void CheckBaseUrl() {
    if (profile_.base_url_regex.empty() || !config_.Has("base_url")) return;
    if (!std::regex_match(config_.GetString("base_url"), std::regex(profile_.base_url_regex)))
      Warn("base_url", "base_url does not have the provider's shape " + profile_.base_url_shape);
  }
  void CheckAuth() {
    std::string kind = config_.GetString("auth");
    if (profile_.auth_kind.empty() || !SetByPlan(config_, "auth") || kind == profile_.auth_kind) return;
    Warn("auth", "auth: " + kind + " is not what this provider uses (" + profile_.auth_kind + ")");
  }
  std::vector<std::string> Take() { return std::move(warnings_); }

 private:
  const AdapterConfig& config_;
  const ProviderProfile& profile_;
  std::string role_;
  std::vector<std::string> warnings_;
};

}  // namespace

KeySpec ProviderKey() {
  return {"provider", KeyType::kString, false, "",
          "provider profile (azure-health-data-services, google-cloud-healthcare, aws-healthlake, hapi, "
          "generic-r4; pin with @version): safe defaults, and validate warns past its limits"};
}

AdapterConfig WithProviderDefaults(const AdapterConfig& config, const std::vector<KeySpec>& keys) {
  const ProviderProfile* profile = ProfileOf(config);
  if (!profile) return config;
  AdapterConfig out = config;
  auto set = [&](const std::string& key, const std::string& text) {
    if (!Declares(keys, key) || SetByPlan(config, key)) return;
    ConfigValue value;
    value.type = KeyType::kInteger;
    value.text = text;
    for (const KeySpec& spec : keys) {
      if (spec.name == key) value.type = spec.type;
    }
    out.values[key] = std::move(value);
  };
  set("batch_size", std::to_string(profile->batch_size));
  set("max_rps", std::to_string(profile->max_rps));
  set("concurrency", std::to_string(profile->concurrency));
  if (!profile->transactions) set("bundle", "batch");
  set("layout", profile->ndjson_layout);
  return out;
}

std::vector<std::string> ProviderWarnings(const AdapterConfig& config, std::string_view role) {
  const ProviderProfile* profile = ProfileOf(config);
  std::vector<std::string> layout = LayoutWarnings(config, profile, role);
  if (!profile) return layout;
  Checker checker(config, *profile, role);
  checker.CheckBundleSize();
  checker.CheckRate();
  checker.CheckIds();
  checker.CheckBundleKind();
  checker.CheckBaseUrl();
  checker.CheckAuth();
  std::vector<std::string> warnings = checker.Take();
  warnings.insert(warnings.end(), layout.begin(), layout.end());
  return warnings;
}

}  // namespace ferry::providers
