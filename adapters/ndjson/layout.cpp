#include "adapters/ndjson/layout.hpp"

#include <algorithm>
#include <charconv>

#include "adapters/ndjson/ndjson_files.hpp"
#include "adapters/providers/layout_presets.hpp"
#include "core/common/error.hpp"

namespace ferry::ndjson {

namespace {

constexpr std::string_view kExtension = ".ndjson";
constexpr std::size_t kPartDigits = 6;

std::uint64_t IntegerOr(const AdapterConfig& config, const std::string& key, std::uint64_t fallback) {
  if (!config.Has(key) || config.GetString(key).empty()) return fallback;
  return static_cast<std::uint64_t>(config.GetInteger(key));
}

}  // namespace

FileLimits LimitsFromConfig(const AdapterConfig& config, const std::string& where) {
  std::string name = config.GetString("layout", "bulk");
  const providers::LayoutPreset* preset = providers::FindLayout(name);
  if (!preset) {
    throw PlanError(where + "unknown layout '" + name + "'; known: " + providers::LayoutNames());
  }
  FileLimits limits;
  limits.layout = preset->name;
  limits.title = preset->title;
  limits.max_file_bytes = IntegerOr(config, "max_file_bytes", preset->max_file_bytes);
  limits.max_file_resources = IntegerOr(config, "max_file_resources", preset->max_file_resources);
  limits.max_files = preset->max_files;
  return limits;
}

std::string PartFileName(std::string_view resource_type, std::uint32_t part) {
  std::string name(resource_type);
  if (part > 0) {
    std::string digits = std::to_string(part);
    name += "." + std::string(kPartDigits - std::min(kPartDigits, digits.size()), '0') + digits;
  }
  return name + std::string(kExtension);
}

std::optional<OutputName> ParseOutputName(std::string_view file_name) {
  if (!file_name.ends_with(kExtension)) return std::nullopt;
  std::string_view stem = file_name.substr(0, file_name.size() - kExtension.size());
  if (IsResourceTypeName(stem)) return OutputName{std::string(stem), 0};
  std::size_t dot = stem.rfind('.');
  if (dot == std::string_view::npos || stem.size() - dot - 1 != kPartDigits) return std::nullopt;
  std::string_view type = stem.substr(0, dot);
  std::string_view digits = stem.substr(dot + 1);
  std::uint32_t part = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), part);
  if (ec != std::errc() || end != digits.data() + digits.size() || part == 0 || !IsResourceTypeName(type)) {
    return std::nullopt;
  }
  return OutputName{std::string(type), part};
}

bool MustRoll(const FileLimits& limits, std::uint64_t bytes, std::uint64_t lines, std::uint64_t line_bytes) {
  if (lines == 0) return false;
  if (limits.max_file_resources > 0 && lines >= limits.max_file_resources) return true;
  return limits.max_file_bytes > 0 && bytes + line_bytes > limits.max_file_bytes;
}

bool TooLargeForAnyFile(const FileLimits& limits, std::uint64_t line_bytes) {
  return limits.max_file_bytes > 0 && line_bytes > limits.max_file_bytes;
}

}  // namespace ferry::ndjson
