#include "core/evaluate/fidelity.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/common/strings.hpp"
#include "core/common/utf8.hpp"

namespace ferry::evaluate {

namespace {

std::string Key(const std::string& type, const std::string& id) { return type + "/" + id; }

bool IsMetaPath(const std::string& type, const std::string& path) { return StartsWith(path, type + ".meta."); }

bool InExtension(const std::string& path) { return path.find("xtension('") != std::string::npos; }

using ByPath = std::map<std::string, std::vector<const Leaf*>>;

ByPath GroupLeaves(const FlatResource* resource) {
  ByPath groups;
  if (resource) {
    for (const Leaf& leaf : resource->leaves) groups[leaf.path].push_back(&leaf);
  }
  return groups;
}

bool ByValue(const Leaf* a, const Leaf* b) { return a->value < b->value; }

double Ratio(std::uint64_t kept, std::uint64_t total) {
  return total == 0 ? 1.0 : static_cast<double>(kept) / static_cast<double>(total);
}

}  // namespace

double TypeFidelity::Score() const { return Ratio(leaves.kept, leaves.Sent()); }

LeafCounts FidelityResult::Total() const {
  LeafCounts total;
  for (const auto& [type, counts] : types) {
    total.kept += counts.leaves.kept;
    total.changed += counts.leaves.changed;
    total.dropped += counts.leaves.dropped;
    total.added += counts.leaves.added;
  }
  return total;
}

double FidelityResult::Score() const {
  LeafCounts total = Total();
  return Ratio(total.kept, total.Sent());
}

void FidelityDiff::AddSent(std::string_view json) {
  if (auto flat = FlattenResource(json)) {
    result_.types[flat->resource_type].resources_sent++;
    sent_.push_back(std::move(*flat));
  }
}

void FidelityDiff::AddReceived(std::string_view json) {
  auto flat = FlattenResource(json);
  if (!flat) {
    result_.unreadable++;
    return;
  }
  result_.types[flat->resource_type].resources_received++;
  received_.push_back(std::move(*flat));
}

FidelityResult FidelityDiff::Finish() {
  std::unordered_map<std::string, const FlatResource*> by_tag, by_key;
  for (const FlatResource& resource : received_) {
    if (!resource.eval_tag.empty()) by_tag.emplace(resource.eval_tag, &resource);
    by_key.emplace(Key(resource.resource_type, resource.id), &resource);
  }
  std::set<const FlatResource*> matched;
  for (const FlatResource& sent : sent_) {
    std::string key = Key(sent.resource_type, sent.id);
    auto found = by_tag.find(key);
    const FlatResource* received = found != by_tag.end() ? found->second : nullptr;
    if (!received) {
      auto same_id = by_key.find(key);
      if (same_id != by_key.end() && (same_id->second->eval_tag.empty() || same_id->second->eval_tag == key))
        received = same_id->second;
    }
    if (received && !matched.insert(received).second) received = nullptr;
    DiffPair(sent, received);
  }
  for (const FlatResource& received : received_) {
    if (matched.count(&received)) continue;
    ByPath groups = GroupLeaves(&received);
    for (auto& [path, leaves] : groups) {
      if (IsMetaPath(received.resource_type, path)) continue;
      std::vector<const Leaf*> none;
      DiffPath(received.resource_type, path, none, leaves);
    }
  }
  CountReferences(received_);
  for (auto& [key, diff] : paths_) {
    result_.paths_compared++;
    const LeafCounts& c = diff.counts;
    if (c.changed + c.dropped + c.added > 0) result_.paths.push_back(std::move(diff));
  }
  return std::move(result_);
}

void FidelityDiff::DiffPair(const FlatResource& sent, const FlatResource* received) {
  const std::string& type = sent.resource_type;
  if (received) {
    result_.types[type].resources_matched++;
    result_.checks.ids.total++;
    if (received->id == sent.id) result_.checks.ids.kept++;
  }
  ByPath sent_groups = GroupLeaves(&sent);
  ByPath received_groups = GroupLeaves(received);
  for (auto& [path, leaves] : sent_groups) {
    auto other = received_groups.find(path);
    std::vector<const Leaf*> none;
    DiffPath(type, path, leaves, other == received_groups.end() ? none : other->second);
    if (path == type + ".meta.lastUpdated") {
      result_.checks.last_updated.total++;
      if (other != received_groups.end() && other->second.size() == 1 && other->second[0]->value == leaves[0]->value)
        result_.checks.last_updated.kept++;
    }
  }
  for (auto& [path, leaves] : received_groups) {
    if (sent_groups.count(path) || IsMetaPath(type, path)) continue;  // server-added meta is no difference
    std::vector<const Leaf*> none;
    DiffPath(type, path, none, leaves);
  }
}

// Matches equal values as a multiset; the rest pair up as changed, then dropped or added.
void FidelityDiff::DiffPath(const std::string& type, const std::string& path, std::vector<const Leaf*>& sent,
                            std::vector<const Leaf*>& received) {
  std::stable_sort(sent.begin(), sent.end(), ByValue);
  std::stable_sort(received.begin(), received.end(), ByValue);
  std::vector<const Leaf*> lost, extra;
  std::size_t s = 0, r = 0;
  PathDiff& diff = PathFor(type, path);
  while (s < sent.size() || r < received.size()) {
    if (s < sent.size() && r < received.size() && sent[s]->value == received[r]->value) {
      diff.counts.kept++;
      Tally(*sent[s++], true);
      ++r;
    } else if (r == received.size() || (s < sent.size() && sent[s]->value < received[r]->value)) {
      lost.push_back(sent[s++]);
    } else {
      extra.push_back(received[r++]);
    }
  }
  std::size_t changed = std::min(lost.size(), extra.size());
  for (std::size_t index = 0; index < lost.size(); ++index) {
    const Leaf& leaf = *lost[index];
    Tally(leaf, false);
    if (index < changed) {
      diff.counts.changed++;
      if (leaf.is_number && extra[index]->is_number && SameDecimalValue(leaf.value, extra[index]->value))
        result_.checks.decimals_precision_lost++;
    } else {
      diff.counts.dropped++;
    }
    AddExample(diff, leaf.concrete);
  }
  for (std::size_t index = changed; index < extra.size(); ++index) {
    diff.counts.added++;
    AddExample(diff, extra[index]->concrete);
  }
  TypeFidelity& counts = result_.types[type];
  counts.leaves.kept += sent.size() - lost.size();
  counts.leaves.changed += changed;
  counts.leaves.dropped += lost.size() - changed;
  counts.leaves.added += extra.size() - changed;
}

void FidelityDiff::Tally(const Leaf& leaf, bool kept) {
  auto count = [kept](Check& check) {
    check.total++;
    if (kept) check.kept++;
  };
  if (leaf.is_number) count(result_.checks.decimals);
  if (InExtension(leaf.path)) count(result_.checks.extensions);
  if (!leaf.is_number && !IsAscii(leaf.value)) count(result_.checks.unicode);
}

PathDiff& FidelityDiff::PathFor(const std::string& type, const std::string& path) {
  auto [it, inserted] = paths_.try_emplace({type, path});
  if (inserted) {
    it->second.resource_type = type;
    it->second.path = path;
  }
  return it->second;
}

void FidelityDiff::AddExample(PathDiff& diff, const std::string& concrete) {
  if (diff.examples.size() >= max_examples_) return;
  if (std::find(diff.examples.begin(), diff.examples.end(), concrete) == diff.examples.end())
    diff.examples.push_back(concrete);
}

void FidelityDiff::CountReferences(const std::vector<FlatResource>& received) {
  std::set<std::string> present;
  for (const FlatResource& resource : received) present.insert(Key(resource.resource_type, resource.id));
  for (const FlatResource& resource : received) {
    for (const Leaf& leaf : resource.leaves) {
      if (!EndsWith(leaf.path, ".reference") || leaf.value.size() < 2 || leaf.value.front() != '"') continue;
      std::string target = leaf.value.substr(1, leaf.value.size() - 2);
      std::size_t slash = target.find('/');
      if (slash == std::string::npos || slash == 0 || target.find("://") != std::string::npos ||
          target.find('/', slash + 1) != std::string::npos)
        continue;  // absolute, contained (#) or versioned references are not checked
      result_.checks.references.total++;
      if (present.count(target)) result_.checks.references.kept++;
    }
  }
}

}  // namespace ferry::evaluate
