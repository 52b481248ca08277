#pragma once
/// NDJSON layout presets: how each cloud's bulk import wants its input files laid out, for
/// the ndjson target's `layout:` key (or the `provider:` that picks one). A preset gives
/// file-size targets (the sink starts a new file of the same type before one passes a
/// maximum), the vendor's recommended minimum (`ferry validate` warns when a plan's own
/// limits cut files below it) and the most files one import job takes.
///
///     const LayoutPreset* preset = FindLayout("azure");
///     preset->min_file_resources;   // 20000
///
/// Every preset keeps one resource type per file, as the FHIR Bulk Data IG asks, and plain
/// (uncompressed) NDJSON: no vendor page below documents gzip input for its import. A
/// limit of 0 means the vendor documents none. Each row names the pages its numbers come
/// from; a new vendor figure is a changed row, noted in the README's layout section.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ferry::providers {

struct LayoutPreset {
  std::string name;                      ///< as written in plans: `azure`
  std::string title;                     ///< `Azure Health Data Services $import`
  std::uint64_t max_file_bytes = 0;      ///< a file never passes this size (0 = no limit)
  std::uint64_t max_file_resources = 0;  ///< nor this many resources (0 = no limit)
  /// The vendor's recommended least size of a file: at least `min_file_bytes` OR at least
  /// `min_file_resources` (0 and 0 = none). Guidance only: used by `ferry validate`.
  std::uint64_t min_file_bytes = 0;
  std::uint64_t min_file_resources = 0;
  std::uint64_t max_files = 0;  ///< files one import job takes (0 = no limit); warned at the end of a run
  std::string import_hint;      ///< one line: how the vendor's import is pointed at the files
  std::string source;           ///< the vendor pages the numbers come from
};

/// Every preset: bulk (the default), azure, healthlake, google.
std::span<const LayoutPreset> AllLayouts();

/// The preset called `name`; null if none.
const LayoutPreset* FindLayout(std::string_view name);

/// "bulk, azure, healthlake, google", for messages and key help.
std::string LayoutNames();

}  // namespace ferry::providers
