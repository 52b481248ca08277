#include "mappings/engine/column_cache.hpp"

#include <algorithm>
#include <atomic>

#include "mappings/engine/eval_context.hpp"

namespace ferry {

namespace {

struct CacheEntry {
  std::uint64_t serial = 0;
  std::size_t stream_idx = 0;
  const Columns* raw = nullptr;
  std::weak_ptr<const Columns> owner;
  std::vector<std::size_t> indexes;
};

/// Entries per thread; a run has a few streams and one `columns` object per stream.
constexpr std::size_t kCacheSize = 16;

struct ThreadCache {
  std::vector<CacheEntry> entries;
  std::size_t next_victim = 0;
};

thread_local ThreadCache t_cache;

std::atomic<std::uint64_t> g_next_serial{1};

void Fill(CacheEntry& entry, const std::vector<std::string>& slot_names, const Columns& columns) {
  entry.indexes.clear();
  for (const auto& name : slot_names) {
    auto found = std::find(columns.begin(), columns.end(), name);
    entry.indexes.push_back(found == columns.end()
                                ? kColumnNotFound
                                : static_cast<std::size_t>(found - columns.begin()));
  }
}

CacheEntry& Victim(ThreadCache& cache) {
  if (cache.entries.size() < kCacheSize) return cache.entries.emplace_back();
  CacheEntry& entry = cache.entries[cache.next_victim];
  cache.next_victim = (cache.next_victim + 1) % kCacheSize;
  return entry;
}

}  // namespace

ColumnResolver::ColumnResolver() : serial_(g_next_serial.fetch_add(1)) {}

std::span<const std::size_t> ColumnResolver::Resolve(
    std::size_t stream_idx, const std::vector<std::string>& slot_names,
    const std::shared_ptr<const Columns>& columns) const {
  ThreadCache& cache = t_cache;
  for (const auto& entry : cache.entries) {
    if (entry.raw == columns.get() && entry.serial == serial_ && entry.stream_idx == stream_idx &&
        !entry.owner.expired()) {
      return entry.indexes;
    }
  }
  CacheEntry& entry = Victim(cache);
  entry.serial = serial_;
  entry.stream_idx = stream_idx;
  entry.raw = columns.get();
  entry.owner = columns;
  Fill(entry, slot_names, *columns);
  return entry.indexes;
}

}  // namespace ferry
