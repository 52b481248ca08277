#pragma once
/// File rollover for the NDJSON target: when a file of one resource type is full, and what
/// the next one is called. The limits come from the target's `layout:` preset
/// (adapters/providers/layout_presets.hpp) and its `max_file_bytes` / `max_file_resources`
/// keys, which override the preset's.
///
/// Names: with no limit (the `bulk` default) a type has one file, `Patient.ndjson`. With a
/// limit, every file carries its part number from the first one on, `Patient.000001.ndjson`,
/// `Patient.000002.ndjson`, ... so that name order is part order and the first file's name
/// does not change when a second one comes.
///
///     FileLimits limits = LimitsFromConfig(config, "plan.yaml:9:3: ");
///     if (MustRoll(limits, file.bytes(), file.lines(), line.size() + 1)) ... next part

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/adapter.hpp"

namespace ferry::ndjson {

/// The highest part number a name can carry (six digits).
inline constexpr std::uint32_t kMaxPart = 999999;

/// How big one NDJSON output file may grow.
struct FileLimits {
  std::string layout = "bulk";           ///< preset name
  std::string title;                     ///< the preset's title, for messages
  std::uint64_t max_file_bytes = 0;      ///< 0 = no limit
  std::uint64_t max_file_resources = 0;  ///< 0 = no limit
  std::uint64_t max_files = 0;           ///< files one import takes (0 = no limit)

  /// True when files carry part numbers (some limit is set).
  bool Numbered() const { return max_file_bytes > 0 || max_file_resources > 0; }
  /// The part number of a type's first file: 1 when numbered, else 0 (no number).
  std::uint32_t FirstPart() const { return Numbered() ? 1 : 0; }
};

/// The limits of an ndjson target block: the `layout` preset (default `bulk`), with
/// `max_file_bytes` and `max_file_resources` taken from the block when present (0 = none).
/// Throws PlanError, prefixed by `where`, for a layout no preset has.
FileLimits LimitsFromConfig(const AdapterConfig& config, const std::string& where);

/// `Patient.ndjson` for part 0, `Patient.000002.ndjson` for part 2.
std::string PartFileName(std::string_view resource_type, std::uint32_t part);

/// A parsed output file name.
struct OutputName {
  std::string resource_type;
  std::uint32_t part = 0;  ///< 0 for `<Type>.ndjson`
};

/// The type and part of a name PartFileName makes; nullopt for any other name.
std::optional<OutputName> ParseOutputName(std::string_view file_name);

/// True when a file holding `lines` lines in `bytes` bytes must be closed before a line
/// of `line_bytes` (its line break included) is added: it holds a line already, and the
/// new one would take it past max_file_bytes or past max_file_resources.
bool MustRoll(const FileLimits& limits, std::uint64_t bytes, std::uint64_t lines, std::uint64_t line_bytes);

/// True when a line of `line_bytes` (its line break included) is larger than any file may be.
bool TooLargeForAnyFile(const FileLimits& limits, std::uint64_t line_bytes);

}  // namespace ferry::ndjson
