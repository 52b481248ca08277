#include "core/pipeline/reference_check.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <unordered_set>

#include "core/common/error.hpp"

namespace ferry {

namespace {

constexpr std::size_t kSpoolBuffer = 4096;
/// Passes over the spool the cascade makes at most (each follows one more level).
constexpr int kMaxCascadePasses = 16;

}  // namespace

/// One spooled reference: the hash it needs, its group and where it was read.
struct ReferenceCheck::Pending {
  std::uint64_t key = 0;
  std::uint64_t from = 0;  ///< the referring resource's RecordKey; 0 when it has no id
  std::uint64_t line = 0;
  std::uint32_t group = 0;
  std::uint32_t file = 0;
};

const char* DanglingKindName(DanglingKind kind) {
  switch (kind) {
    case DanglingKind::kMissing: return "missing";
    case DanglingKind::kUrn: return "urn";
    case DanglingKind::kConditional: return "conditional";
    case DanglingKind::kUnchecked: return "conditional-unchecked";
    case DanglingKind::kAbsolute: return "absolute";
    case DanglingKind::kContained: return "contained";
    case DanglingKind::kInvalid: return "invalid";
  }
  return "?";
}

std::uint64_t ReferenceReport::Dangling() const {
  std::uint64_t total = 0;
  for (const auto& group : groups) total += group.count;
  return total;
}

ReferenceCheck::ReferenceCheck(ReferenceCheckOptions options) : options_(std::move(options)) {
  for (auto& base : options_.local_bases) {
    if (!base.empty() && base.back() != '/') base += '/';
  }
  buffer_.reserve(kSpoolBuffer);
}

ReferenceCheck::~ReferenceCheck() {
  if (spool_) std::fclose(spool_);
}

bool ReferenceCheck::Add(std::string_view json, const SourceLocation& location) {
  ResourceFacts facts = ExtractReferenceFacts(json, location, options_.local_bases);
  if (!facts.ok) return false;
  Merge(std::move(facts));
  return true;
}

void ReferenceCheck::Merge(ResourceFacts&& facts) {
  ++resources_;
  references_ += facts.checked;
  present_.insert(present_.end(), facts.present.begin(), facts.present.end());
  from_ = facts.key;
  Where where = Locate(facts.location);
  for (const ReferenceFact& fact : facts.references) {
    std::uint32_t group = Group(facts.type, fact.element_path, fact.target_type, fact.kind);
    if (fact.target) {
      CheckTarget(fact.target, group, where);
    } else {
      Count(group, where);
    }
  }
}

void ReferenceCheck::CheckTarget(std::uint64_t key, std::uint32_t group, Where where) {
  buffer_.push_back({key, from_, where.line, group, where.file});
  if (buffer_.size() == kSpoolBuffer) Flush();
}

void ReferenceCheck::Flush() {
  if (buffer_.empty()) return;
  if (!spool_ && !(spool_ = std::tmpfile())) throw IoError("cannot create a temporary file for the reference check");
  if (std::fwrite(buffer_.data(), sizeof(Pending), buffer_.size(), spool_) != buffer_.size())
    throw IoError("cannot write the reference check's temporary file (disk full?)");
  spooled_ += buffer_.size();
  buffer_.clear();
}

std::uint32_t ReferenceCheck::Group(const std::string& source_type, const std::string& path,
                                    std::string_view target_type, DanglingKind kind) {
  GroupKey key{source_type, path, std::string(target_type), kind};
  auto [it, added] = group_index_.emplace(key, static_cast<std::uint32_t>(groups_.size()));
  if (added) groups_.push_back({source_type, path, std::string(target_type), kind, 0, {}});
  return it->second;
}

void ReferenceCheck::Count(std::uint32_t group, Where where) {
  DanglingGroup& entry = groups_[group];
  ++entry.count;
  if (entry.first_locations.size() >= options_.max_locations) return;
  SourceLocation location{files_[where.file], where.line};
  entry.first_locations.push_back(location.ToString());
}

ReferenceCheck::Where ReferenceCheck::Locate(const SourceLocation& location) {
  auto [it, added] = file_index_.emplace(location.file, static_cast<std::uint32_t>(files_.size()));
  if (added) files_.push_back(location.file);
  return {it->second, location.line};
}

void ReferenceCheck::ScanSpool(const std::function<void(const Pending&)>& visit) {
  if (!spool_) {
    std::for_each(buffer_.begin(), buffer_.end(), visit);
    return;
  }
  Flush();
  std::rewind(spool_);
  std::vector<Pending> chunk(kSpoolBuffer);
  for (std::size_t read; (read = std::fread(chunk.data(), sizeof(Pending), chunk.size(), spool_)) > 0;) {
    std::for_each(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(read), visit);
  }
  if (std::ferror(spool_)) throw IoError("cannot read the reference check's temporary file");
}

ReferenceReport ReferenceCheck::Finish() {
  std::sort(present_.begin(), present_.end());
  present_.erase(std::unique(present_.begin(), present_.end()), present_.end());
  std::vector<bool> refusing(groups_.size(), false);
  for (std::size_t group_idx = 0; group_idx < groups_.size(); ++group_idx) {
    const auto& kinds = options_.refused_kinds;
    refusing[group_idx] = std::find(kinds.begin(), kinds.end(), groups_[group_idx].kind) != kinds.end();
  }
  std::vector<std::uint64_t> refused;
  ScanSpool([&](const Pending& pending) {
    if (std::binary_search(present_.begin(), present_.end(), pending.key)) return;
    Count(pending.group, {pending.file, pending.line});
    if (refusing[pending.group] && pending.from) refused.push_back(pending.from);
  });
  ReferenceReport report;
  report.resources = resources_;
  report.references = references_;
  report.key_bytes = present_.capacity() * sizeof(std::uint64_t);
  report.spool_bytes = spooled_ * sizeof(Pending);
  if (!options_.refused_kinds.empty()) Cascade(std::move(refused), report);
  for (auto& group : groups_) {
    if (group.count) report.groups.push_back(std::move(group));
  }
  std::sort(report.groups.begin(), report.groups.end(), [](const DanglingGroup& a, const DanglingGroup& b) {
    return std::tie(a.source_type, a.element_path, a.target_type, a.kind) <
           std::tie(b.source_type, b.element_path, b.target_type, b.kind);
  });
  return report;
}

void ReferenceCheck::Cascade(std::vector<std::uint64_t> refused, ReferenceReport& report) {
  std::unordered_set<std::uint64_t> gone(refused.begin(), refused.end());
  std::map<std::string, CascadeGroup> by_type;
  bool grew = !gone.empty();
  int passes = 0;
  for (; grew && passes < kMaxCascadePasses; ++passes) {
    grew = false;
    ScanSpool([&](const Pending& pending) {
      const DanglingGroup& group = groups_[pending.group];
      if (group.kind != DanglingKind::kMissing || !pending.from || !gone.count(pending.key)) return;
      if (!gone.insert(pending.from).second) return;
      grew = true;
      CascadeGroup& entry = by_type[group.source_type];
      entry.resource_type = group.source_type;
      ++entry.count;
      if (entry.first_locations.size() < options_.max_locations)
        entry.first_locations.push_back(SourceLocation{files_[pending.file], pending.line}.ToString());
    });
  }
  report.cascade_complete = !grew;
  for (auto& [type, entry] : by_type) report.cascade.push_back(std::move(entry));
}

}  // namespace ferry
