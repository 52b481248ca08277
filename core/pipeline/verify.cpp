#include "core/pipeline/verify.hpp"

#include <filesystem>
#include <map>

#include "core/common/hash.hpp"
#include "core/fhir/json.hpp"
#include "core/fhir/validator.hpp"
#include "core/pipeline/plan_parts.hpp"
#include "core/pipeline/provenance.hpp"
#include "core/pipeline/record_processor.hpp"
#include "core/state/sqlite_db.hpp"

namespace ferry {

namespace {

constexpr std::size_t kBatchSize = 1000;

class Scratch {
 public:
  explicit Scratch(const std::string& path) : path_(path) {
    std::filesystem::remove(path_);
    db_ = std::make_unique<SqliteDb>(path_);
    db_->Exec(R"sql(PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
      CREATE TABLE side (side INTEGER NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL, digest TEXT NOT NULL,
        copies INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (side, type, id)) WITHOUT ROWID; BEGIN;)sql");
    insert_ = std::make_unique<SqliteStatement>(*db_, R"sql(INSERT INTO side (side, type, id, digest) VALUES (?1, ?2, ?3, ?4)
      ON CONFLICT (side, type, id) DO UPDATE SET copies = copies + 1, digest = ?4)sql");
  }
  ~Scratch() {
    insert_.reset();
    db_.reset();
    std::filesystem::remove(path_);
  }
  void Add(int side, std::string_view type, std::string_view id, const std::string& digest) {
    insert_->Bind(1, static_cast<std::int64_t>(side)).Bind(2, type).Bind(3, id).Bind(4, digest).Run();
  }
  SqliteDb& db() { return *db_; }

 private:
  std::string path_;
  std::unique_ptr<SqliteDb> db_;
  std::unique_ptr<SqliteStatement> insert_;
};

constexpr int kSource = 0;
constexpr int kTarget = 1;
constexpr int kDeleted = 2;  ///< a delete record of the source: expected absent from the target

void RemoveServerMeta(JsonDocument& doc) {
  if (!doc.IsObject()) return;
  auto meta = doc.FindMember("meta");
  if (meta == doc.MemberEnd() || !meta->value.IsObject()) return;
  for (const char* name : {"versionId", "lastUpdated", "source"}) meta->value.RemoveMember(name);
  if (meta->value.ObjectEmpty()) doc.RemoveMember("meta");
}

std::uint64_t ReadSource(const Plan& plan, const VerifyOptions& options, Scratch& scratch) {
  SourceParts parts = OpenSourceParts(plan, options.only_types);
  Validator validator;
  RecordProcessor processor(parts.spec.get(), parts.mapper.get(), validator, parts.wanted_types,
                            parts.transforms.get());
  parts.source->Seek("");
  std::uint64_t failed = 0;
  std::uint64_t done = 0;
  double ignored_seconds = 0;
  for (RecordBatch batch = parts.source->Next(kBatchSize); !batch.records.empty(); batch = parts.source->Next(kBatchSize)) {
    std::vector<ProcessedItem> items;
    for (const auto& record : batch.records) processor.Process(record, items, ignored_seconds, ignored_seconds);
    for (const auto& item : items) {
      if (item.kind == ProcessedItem::Kind::kDead) ++failed;
      if (item.kind == ProcessedItem::Kind::kDelete)
        scratch.Add(kDeleted, item.resource.resource_type, item.resource.id, "");
      if (item.kind != ProcessedItem::Kind::kResource) continue;
      scratch.Add(kSource, item.resource.resource_type, item.resource.id, CanonicalDigest(item.resource.json));
    }
    done += batch.records.size();
    if (options.progress) options.progress->Update(done, parts.source->Progress());
  }
  if (options.progress) options.progress->Finish(done);
  return failed;
}

void ReadTarget(const Plan& plan, const std::set<std::string>& wanted, Scratch& scratch) {
  std::unique_ptr<Sink> sink = OpenTarget(plan);
  sink->Scan([&](const StoredResource& stored) {
    if (!wanted.empty() && !wanted.count(std::string(stored.resource_type))) return;
    if (plan.provenance && IsFerryProvenance(stored.resource_type, stored.id)) return;  // not migrated: ferry's own
    scratch.Add(kTarget, stored.resource_type, stored.id, CanonicalDigest(stored.json));
  });
}

void CountSides(Scratch& scratch, std::map<std::string, TypeVerification>& types) {
  SqliteStatement rows(scratch.db(), "SELECT side, type, digest, copies FROM side WHERE side < 2 ORDER BY type");
  std::map<std::string, std::pair<DigestSum, DigestSum>> sums;
  while (rows.Step()) {
    std::string type = rows.Text(1);
    TypeVerification& entry = types[type];
    entry.resource_type = type;
    Sha256 digest = Sha256Of(rows.TextView(2));
    if (rows.Integer(0) == kSource) {
      ++entry.source_count;
      sums[type].first.Add(digest);
    } else {
      entry.target_count += static_cast<std::uint64_t>(rows.Integer(3));
      sums[type].second.Add(digest);
    }
  }
  for (auto& [type, pair] : sums) {
    types[type].source_digest = pair.first.Hex();
    types[type].target_digest = pair.second.Hex();
  }
}

void FindDifferences(Scratch& scratch, std::map<std::string, TypeVerification>& types, std::size_t max_ids) {
  SqliteStatement rows(scratch.db(), R"sql(
    SELECT 'missing', s.type, s.id FROM side s WHERE s.side = 0 AND NOT EXISTS
      (SELECT 1 FROM side t WHERE t.side = 1 AND t.type = s.type AND t.id = s.id)
    UNION ALL SELECT 'unexpected', t.type, t.id FROM side t WHERE t.side = 1 AND NOT EXISTS
      (SELECT 1 FROM side s WHERE s.side IN (0, 2) AND s.type = t.type AND s.id = t.id)
    UNION ALL SELECT 'deleted-present', d.type, d.id FROM side d WHERE d.side = 2 AND EXISTS
      (SELECT 1 FROM side t WHERE t.side = 1 AND t.type = d.type AND t.id = d.id)
    UNION ALL SELECT 'different', s.type, s.id FROM side s JOIN side t
      ON t.side = 1 AND s.side = 0 AND t.type = s.type AND t.id = s.id AND t.digest <> s.digest
    UNION ALL SELECT 'duplicated', t.type, t.id FROM side t WHERE t.side = 1 AND t.copies > 1
    ORDER BY 2, 1, 3)sql");
  while (rows.Step()) {
    std::string kind = rows.Text(0);
    TypeVerification& entry = types[rows.Text(1)];
    if (kind == "missing") ++entry.missing;
    else if (kind == "unexpected") ++entry.unexpected;
    else if (kind == "duplicated") ++entry.duplicated;
    else if (kind == "deleted-present") ++entry.deleted_present;
    else ++entry.different;
    if (entry.example_ids.size() < max_ids) entry.example_ids.push_back(kind + " " + rows.Text(1) + "/" + rows.Text(2));
  }
}

}  // namespace

bool VerifyResult::Matches() const {
  for (const auto& type : types) {
    if (!type.Matches()) return false;
  }
  return true;
}

std::string CanonicalDigest(std::string_view json) {
  JsonDocument doc;
  if (!ParseJson(json, doc).ok()) return "";
  RemoveServerMeta(doc);
  return Sha256Hex(WriteJson(doc, JsonStyle::kCanonical));
}

VerifyResult VerifyPlan(const Plan& plan, const VerifyOptions& options) {
  Scratch scratch(plan.state_path + ".verify-scratch");
  VerifyResult result;
  result.source_failed = ReadSource(plan, options, scratch);
  ReadTarget(plan, WantedTypes(plan, options.only_types), scratch);
  scratch.db().Exec("COMMIT;");
  std::map<std::string, TypeVerification> types;
  CountSides(scratch, types);
  FindDifferences(scratch, types, options.max_ids);
  for (auto& [type, entry] : types) result.types.push_back(std::move(entry));
  return result;
}

}  // namespace ferry
