#pragma once
/// A map from record key to digest prefix (both 64-bit, see state_store.hpp) for the
/// commits not yet durable: open addressing in one flat array, so that a look-up is one
/// cache miss and an insert allocates nothing once the table has grown. Keys are SHA-256
/// prefixes, so their low bits serve as the hash.
///
///     KeyDigestMap pending;
///     pending.Set(key, digest);
///     if (const std::uint64_t* digest = pending.Find(key)) ...;
///     pending.Clear();  // keeps the storage

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ferry {

class KeyDigestMap {
 public:
  /// The digest stored for `key`, or nullptr.
  const std::uint64_t* Find(std::uint64_t key) const {
    if (key == 0) return has_zero_ ? &zero_digest_ : nullptr;
    if (slots_.empty()) return nullptr;
    for (std::size_t idx = key & mask_;; idx = (idx + 1) & mask_) {
      if (slots_[idx].key == key) return &slots_[idx].digest;
      if (slots_[idx].key == 0) return nullptr;
    }
  }

  /// Stores `digest` for `key` (replacing what was there).
  void Set(std::uint64_t key, std::uint64_t digest) {
    if (key == 0) {
      has_zero_ = true;
      zero_digest_ = digest;
      return;
    }
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    for (std::size_t idx = key & mask_;; idx = (idx + 1) & mask_) {
      if (slots_[idx].key == key) {
        slots_[idx].digest = digest;
        return;
      }
      if (slots_[idx].key == 0) {
        slots_[idx] = {key, digest};
        ++size_;
        return;
      }
    }
  }

  /// Forgets every entry; keeps the storage for the next round.
  void Clear() {
    if (size_ > 0) slots_.assign(slots_.size(), Slot{});
    size_ = 0;
    has_zero_ = false;
  }

 private:
  struct Slot {
    std::uint64_t key = 0;  ///< 0 = empty (key 0 itself is kept aside)
    std::uint64_t digest = 0;
  };

  static constexpr std::size_t kInitialSlots = 1024;

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? kInitialSlots : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Slot& slot : old) {
      if (slot.key != 0) Set(slot.key, slot.digest);
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
  bool has_zero_ = false;
  std::uint64_t zero_digest_ = 0;
};

}  // namespace ferry
