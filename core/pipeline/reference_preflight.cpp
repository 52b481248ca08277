#include "core/pipeline/reference_preflight.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <exception>
#include <functional>
#include <set>
#include <span>
#include <sstream>
#include <thread>

#include "core/common/strings.hpp"
#include "core/fhir/validator.hpp"
#include "core/pipeline/plan_parts.hpp"
#include "core/pipeline/record_processor.hpp"

namespace ferry {

namespace {

std::vector<std::string> LocalBases(const Plan& plan) {
  std::string base = plan.source.GetString("base_url");
  return base.empty() ? std::vector<std::string>{} : std::vector<std::string>{base};
}

/// What a kind means, for the legend.
const char* KindMeaning(DanglingKind kind) {
  switch (kind) {
    case DanglingKind::kMissing: return "no resource of that type and id in the data set";
    case DanglingKind::kUrn: return "no resource with that id in the data set";
    case DanglingKind::kConditional: return "no resource of the data set has that identifier";
    case DanglingKind::kUnchecked: return "search criteria other than one identifier; not checked offline";
    case DanglingKind::kAbsolute: return "an absolute URL: a resource on another server";
    case DanglingKind::kContained: return "the resource contains no resource with that id";
    case DanglingKind::kInvalid: return "not a reference FHIR can resolve (no type or a bad id)";
  }
  return "";
}

/// Under `ids: server` a dead-lettered resource gets no target id, so what refers to it fails too.
std::string DeadLettered(const std::string& ids) {
  return ids == "server" ? "the referring resource is dead-lettered, and so is whatever refers to it"
                         : "the referring resource is dead-lettered";
}

std::string FhirConsequence(const std::string& ids, DanglingKind kind) {
  constexpr const char* kUnchanged = "written unchanged; a server that checks references refuses the resource";
  switch (kind) {
    case DanglingKind::kMissing:
      if (ids == "server") return "cannot be rewritten (ids: server): " + DeadLettered(ids);
      if (ids == "uuid5") return std::string("rewritten to the uuid5 id of a resource never written; ") +
                                 "a server that checks references refuses the resource";
      return kUnchanged;
    case DanglingKind::kUrn:
      return "cannot be rewritten: " + DeadLettered(ids);
    case DanglingKind::kConditional:
    case DanglingKind::kUnchecked:
      return "searched on the target at write time: resolved if the target holds exactly one match, otherwise " +
             DeadLettered(ids);
    case DanglingKind::kAbsolute:
      return "written unchanged (it points at another server)";
    case DanglingKind::kContained:
    case DanglingKind::kInvalid:
      return kUnchanged;
  }
  return "";
}

/// What one worker made of its share of a batch.
struct Share {
  std::vector<ResourceFacts> facts;
  std::uint64_t left_out = 0;
  std::exception_ptr error;
};

void Work(const RecordProcessor& processor, std::span<RawRecord> records, const std::vector<std::string>& bases,
          Share& share) {
  try {
    double ignored_seconds = 0;
    std::vector<ProcessedItem> items;
    for (auto& record : records) processor.Process(std::move(record), items, ignored_seconds, ignored_seconds);
    for (auto& item : items) {
      if (item.kind == ProcessedItem::Kind::kDead) ++share.left_out;
      if (item.kind != ProcessedItem::Kind::kResource) continue;
      ResourceFacts facts = ExtractReferenceFacts(item.resource.json, std::move(item.resource.location), bases);
      if (facts.ok) share.facts.push_back(std::move(facts));
    }
  } catch (...) {
    share.error = std::current_exception();
  }
}

/// Maps, validates and extracts `records` on `workers` threads, then merges in source order.
void CheckBatch(const RecordProcessor& processor, std::vector<RawRecord>& records, std::size_t workers,
                ReferenceCheck& check, ReferencePreflight& found) {
  std::size_t per_worker = (records.size() + workers - 1) / workers;
  std::vector<Share> shares(workers);
  std::vector<std::thread> threads;
  for (std::size_t worker = 0; worker < workers && worker * per_worker < records.size(); ++worker) {
    std::size_t begin = worker * per_worker;
    std::span<RawRecord> part(records.data() + begin, std::min(per_worker, records.size() - begin));
    threads.emplace_back(Work, std::cref(processor), part, std::cref(check.local_bases()), std::ref(shares[worker]));
  }
  for (auto& thread : threads) thread.join();
  for (auto& share : shares) {
    if (share.error) std::rethrow_exception(share.error);
    found.left_out += share.left_out;
    for (auto& facts : share.facts) check.Merge(std::move(facts));
  }
}

void Read(const Plan& plan, SourceParts& parts, ReferenceCheck& check, ReferencePreflight& found, Progress* progress) {
  Validator validator;
  RecordProcessor processor(parts.spec.get(), parts.mapper.get(), validator, parts.wanted_types,
                            parts.transforms.get());
  int concurrency = plan.options.concurrency > 0 ? plan.options.concurrency
                                                 : static_cast<int>(std::thread::hardware_concurrency());
  auto workers = static_cast<std::size_t>(std::max(1, concurrency));
  auto batch_size = static_cast<std::size_t>(std::max(1, plan.options.batch_size)) * workers;
  parts.source->Seek("");
  for (RecordBatch batch = parts.source->Next(batch_size); !batch.records.empty(); batch = parts.source->Next(batch_size)) {
    found.records += batch.records.size();
    CheckBatch(processor, batch.records, workers, check, found);
    if (progress) progress->Update(found.records, parts.source->Progress());
  }
  if (progress) progress->Finish(found.records);
}

std::string Plural(std::uint64_t count, const std::string& word) {
  return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

void RenderCascade(const ReferenceReport& report, std::ostringstream& out) {
  if (report.cascade.empty()) return;
  std::uint64_t total = 0;
  for (const auto& entry : report.cascade) total += entry.count;
  out << "  refused with them (ids: server): " << Plural(total, "more resource")
      << " that refer to a refused one, directly or through others" << (report.cascade_complete ? "" : " (at least)")
      << "\n";
  for (const auto& entry : report.cascade)
    out << "    " << entry.resource_type << ": " << entry.count << ", first at " << Join(entry.first_locations, ", ")
        << "\n";
}

void WriteCascade(const ReferenceReport& report, rapidjson::PrettyWriter<rapidjson::StringBuffer>& writer) {
  writer.Key("cascade_complete");
  writer.Bool(report.cascade_complete);
  writer.Key("cascade");
  writer.StartArray();
  for (const auto& entry : report.cascade) {
    writer.StartObject();
    writer.Key("resource_type");
    writer.String(entry.resource_type.c_str());
    writer.Key("count");
    writer.Uint64(entry.count);
    writer.Key("first_locations");
    writer.StartArray();
    for (const auto& location : entry.first_locations) writer.String(location.c_str());
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
}

}  // namespace

ReferencePreflight CheckPlanReferences(const Plan& plan, const std::vector<std::string>& only, Progress* progress) {
  ReferencePreflight found;
  found.target_adapter = plan.target.adapter;
  found.target = plan.target.adapter;
  if (plan.target.adapter == "fhir") {
    found.ids = plan.target.GetString("ids", "preserve");
    found.target += " (ids: " + found.ids + ")";
  }
  SourceParts parts = OpenSourceParts(plan, only);
  ReferenceCheckOptions options{LocalBases(plan), 3, {}};
  if (found.ids == "server") options.refused_kinds = {DanglingKind::kMissing, DanglingKind::kUrn};
  ReferenceCheck check(std::move(options));
  Read(plan, parts, check, found, progress);
  found.report = check.Finish();
  return found;
}

std::string TargetConsequence(const ReferencePreflight& found, DanglingKind kind) {
  if (found.target_adapter == "fhir") return FhirConsequence(found.ids, kind);
  return "written unchanged (the " + found.target_adapter + " target does not resolve references)";
}

std::string RenderReferencePreflight(const ReferencePreflight& found) {
  const ReferenceReport& report = found.report;
  std::ostringstream out;
  out << "\nreferences: " << Plural(report.references, "reference") << " checked in "
      << Plural(report.resources, "resource") << " from " << Plural(found.records, "record") << "; "
      << report.Dangling() << " point outside the data set\n";
  if (found.left_out)
    out << "  (left out of the data set, failing mapping or validation: " << Plural(found.left_out, "resource") << ")\n";
  std::set<DanglingKind> kinds;
  for (const auto& group : report.groups) {
    kinds.insert(group.kind);
    out << "  " << group.element_path << " -> " << (group.target_type.empty() ? "?" : group.target_type) << ": "
        << group.count << " " << DanglingKindName(group.kind) << ", first at " << Join(group.first_locations, ", ")
        << "\n";
  }
  RenderCascade(report, out);
  if (!kinds.empty()) out << "target " << found.target << ":\n";
  for (DanglingKind kind : kinds)
    out << "  " << DanglingKindName(kind) << " (" << KindMeaning(kind) << "): " << TargetConsequence(found, kind) << "\n";
  return out.str();
}

std::string ReferencePreflightJson(const ReferencePreflight& found) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  auto key = [&](const char* name) { writer.Key(name); };
  auto text = [&](const std::string& value) { writer.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size())); };
  writer.StartObject();
  key("references");
  writer.StartObject();
  key("records"); writer.Uint64(found.records);
  key("resources"); writer.Uint64(found.report.resources);
  key("left_out"); writer.Uint64(found.left_out);
  key("checked"); writer.Uint64(found.report.references);
  key("dangling"); writer.Uint64(found.report.Dangling());
  key("target"); text(found.target);
  key("hash_bytes"); writer.Uint64(found.report.key_bytes);
  key("spool_bytes"); writer.Uint64(found.report.spool_bytes);
  key("groups");
  writer.StartArray();
  for (const auto& group : found.report.groups) {
    writer.StartObject();
    key("source_type"); text(group.source_type);
    key("element_path"); text(group.element_path);
    key("target_type"); text(group.target_type);
    key("kind"); writer.String(DanglingKindName(group.kind));
    key("count"); writer.Uint64(group.count);
    key("first_locations");
    writer.StartArray();
    for (const auto& location : group.first_locations) text(location);
    writer.EndArray();
    key("at_target"); text(TargetConsequence(found, group.kind));
    writer.EndObject();
  }
  writer.EndArray();
  WriteCascade(found.report, writer);
  writer.EndObject();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace ferry
