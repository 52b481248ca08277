#include "adapters/providers/layout_check.hpp"

#include "adapters/providers/layout_presets.hpp"
#include "core/common/error.hpp"

namespace ferry::providers {

namespace {

bool SetByPlan(const AdapterConfig& config, const std::string& key) {
  auto it = config.values.find(key);
  return it != config.values.end() && !it->second.location.empty() && !it->second.text.empty();
}

std::string Where(const AdapterConfig& config, const std::string& key) {
  auto it = config.values.find(key);
  std::string where = it != config.values.end() && !it->second.location.empty() ? it->second.location
                                                                                : config.location;
  return where.empty() ? "" : where + ": ";
}

/// "50000000 bytes or 20000 resources" (either part left out when 0).
std::string MinimumText(const LayoutPreset& preset) {
  std::string bytes = preset.min_file_bytes ? std::to_string(preset.min_file_bytes) + " bytes" : "";
  std::string resources = preset.min_file_resources ? std::to_string(preset.min_file_resources) + " resources" : "";
  return bytes + (bytes.empty() || resources.empty() ? "" : " or ") + resources;
}

/// The warnings about one limit key (`max_file_bytes` with the preset's `maximum` and
/// `minimum`, in `unit`).
void CheckLimit(const AdapterConfig& config, const LayoutPreset& preset, const std::string& key,
                std::uint64_t maximum, std::uint64_t minimum, const std::string& prefix,
                std::vector<std::string>& warnings) {
  if (!SetByPlan(config, key)) return;
  auto value = static_cast<std::uint64_t>(config.GetInteger(key));
  std::string text = key + " " + (value == 0 ? std::string("0 (no limit)") : std::to_string(value));
  if (maximum > 0 && (value == 0 || value > maximum)) {
    warnings.push_back(Where(config, key) + prefix + text + " lets a file pass the " + std::to_string(maximum) +
                       " per file " + preset.title + " takes (" + preset.source + ")");
  }
  if (value > 0 && value < minimum) {
    warnings.push_back(Where(config, key) + prefix + text + " cuts files below the " + MinimumText(preset) +
                       " " + preset.title + " recommends as the least (" + preset.source + ")");
  }
}

}  // namespace

std::string LayoutOf(const AdapterConfig& config, const ProviderProfile* profile) {
  if (SetByPlan(config, "layout")) return config.GetString("layout");
  return profile ? profile->ndjson_layout : config.GetString("layout", "bulk");
}

std::vector<std::string> LayoutWarnings(const AdapterConfig& config, const ProviderProfile* profile,
                                        std::string_view role) {
  if (!config.Has("layout")) return {};
  std::string name = LayoutOf(config, profile);
  const LayoutPreset* preset = FindLayout(name);
  if (!preset) throw PlanError(Where(config, "layout") + "unknown layout '" + name + "'; known: " + LayoutNames());
  std::string prefix = std::string(role) + " layout " + name + ": ";
  std::vector<std::string> warnings;
  if (profile && SetByPlan(config, "layout") && name != profile->ndjson_layout) {
    warnings.push_back(Where(config, "layout") + prefix + "provider " + profile->name + " imports the " +
                       profile->ndjson_layout + " layout; use layout: " + profile->ndjson_layout);
  }
  std::uint64_t min_bytes = preset->min_file_bytes;
  std::uint64_t min_resources = preset->min_file_resources;
  CheckLimit(config, *preset, "max_file_bytes", preset->max_file_bytes, min_bytes, prefix, warnings);
  CheckLimit(config, *preset, "max_file_resources", preset->max_file_resources, min_resources, prefix, warnings);
  return warnings;
}

}  // namespace ferry::providers
