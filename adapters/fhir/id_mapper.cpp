#include "adapters/fhir/id_mapper.hpp"

#include "core/common/hash.hpp"

namespace ferry::fhir {

std::optional<IdStrategy> ParseIdStrategy(const std::string& text) {
  if (text == "preserve") return IdStrategy::kPreserve;
  if (text == "uuid5") return IdStrategy::kUuid5;
  if (text == "server") return IdStrategy::kServer;
  return std::nullopt;
}

std::string Uuid5Id(const std::string& type, const std::string& id) {
  return Uuid5(kFerryUuidNamespace, "fhir:" + type + "/" + id);
}

std::optional<std::string> IdMapper::TargetId(const std::string& type, const std::string& id) {
  switch (strategy_) {
    case IdStrategy::kPreserve:
      return id;
    case IdStrategy::kUuid5:
      return Uuid5Id(type, id);
    case IdStrategy::kServer:
      return crosswalk_.TargetId(type, id);
  }
  return std::nullopt;
}

void IdMapper::Record(const std::string& type, const std::string& source_id, const std::string& target_id) {
  crosswalk_.Put(type, source_id, target_id);
}

Resolution IdMapper::Resolve(const ParsedReference& ref, const PendingRefs* pending) {
  if (ref.kind == ReferenceKind::kUrn) return ResolveUrn(ref, pending);
  if (ref.kind != ReferenceKind::kRelative) return Resolution::Keep();
  if (strategy_ == IdStrategy::kPreserve) return Resolution::Keep();
  if (auto target = TargetId(ref.type, ref.id)) return Resolution::Replace(ref.type + "/" + *target);
  if (pending) {
    if (auto it = pending->find(ref.type + "/" + ref.id); it != pending->end()) return Resolution::Replace(it->second);
  }
  return Resolution::Unresolved("reference to " + ref.type + "/" + ref.id +
                                " cannot be rewritten: it is not on the target yet (ids: server writes referenced "
                                "resources first; list their types earlier)");
}

Resolution IdMapper::ResolveUrn(const ParsedReference& ref, const PendingRefs* pending) {
  if (auto found = crosswalk_.FindBySourceId(ref.id)) return Resolution::Replace(found->first + "/" + found->second);
  if (pending) {
    for (const auto& [key, urn] : *pending) {
      if (key.substr(key.find('/') + 1) == ref.id) return Resolution::Replace(urn);
    }
  }
  return Resolution::Unresolved("reference urn:uuid:" + ref.id + " names no resource of this data set on the target");
}

Resolution IdMapper::ResolveBack(const ParsedReference& ref) {
  if (strategy_ == IdStrategy::kPreserve || ref.kind != ReferenceKind::kRelative) return Resolution::Keep();
  if (auto source = crosswalk_.SourceId(ref.type, ref.id)) return Resolution::Replace(ref.type + "/" + *source);
  return Resolution::Keep();
}

std::string IdMapper::SourceId(const std::string& type, const std::string& target_id) {
  if (strategy_ == IdStrategy::kPreserve) return target_id;
  return crosswalk_.SourceId(type, target_id).value_or(target_id);
}

}  // namespace ferry::fhir
