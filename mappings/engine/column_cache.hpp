#pragma once
/// Resolves the columns a stream's rules read (slots) to the column indexes of a record's
/// `columns`, once per distinct `columns` object and thread.
///
/// Each worker thread keeps a small cache keyed by (resolver, stream, columns object), so
/// Map calls take no lock and share nothing. A cached entry holds a weak_ptr to the
/// `columns` it was made for: if that object dies and a new one reuses its address, the
/// entry is seen as stale and resolved again.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/record.hpp"

namespace ferry {

/// Slot → column index resolution with a per-thread cache (see file comment).
class ColumnResolver {
 public:
  /// A resolver with its own cache entries (a fresh serial).
  ColumnResolver();

  /// For each of `slot_names` (the columns stream `stream_idx` reads), its index in
  /// `columns`, or kColumnNotFound. The span stays valid until the next call of Resolve
  /// on the same thread.
  std::span<const std::size_t> Resolve(std::size_t stream_idx,
                                       const std::vector<std::string>& slot_names,
                                       const std::shared_ptr<const Columns>& columns) const;

 private:
  std::uint64_t serial_;  ///< unique per resolver in the process (never reused)
};

}  // namespace ferry
