#pragma once
/// FHIR References inside a resource: parsing one reference string, and rewriting every
/// `reference` of a resource (in any Reference, at any depth, contained resources too)
/// through a resolver, so that references resolve on a target whose ids differ.
///
///     JsonDocument doc;  ParseJson(json, doc);
///     auto unresolved = RewriteReferences(doc, doc.GetAllocator(), [&](const ParsedReference& ref) {
///       if (ref.kind != ReferenceKind::kRelative) return Resolution::Keep();
///       return Resolution::Replace(ref.type + "/" + TargetId(ref.type, ref.id));
///     });

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/fhir/json.hpp"

namespace ferry::fhir {

enum class ReferenceKind {
  kRelative,     ///< `Patient/123` (or `Patient/123/_history/2`)
  kUrn,          ///< `urn:uuid:...` or `urn:oid:...`
  kConditional,  ///< `Patient?identifier=sys|val`
  kAbsolute,     ///< `https://server/fhir/Patient/123` (also kept: type and id when they parse)
  kContained,    ///< `#local`
  kOther,        ///< anything else (left alone)
};

struct ParsedReference {
  ReferenceKind kind = ReferenceKind::kOther;
  std::string type;     ///< resource type (relative, conditional, absolute)
  std::string id;       ///< id (relative, absolute), the uuid/oid (urn)
  std::string query;    ///< search criteria after `?` (conditional)
  std::string version;  ///< `_history` version (relative, absolute), "" if none
};

/// Parses one reference string.
ParsedReference ParseReference(std::string_view text);

/// What to do with one reference.
struct Resolution {
  enum class Action { kKeep, kReplace, kUnresolved } action = Action::kKeep;
  std::string text;  ///< kReplace: the new reference; kUnresolved: why (no field values)
  static Resolution Keep() { return {}; }
  static Resolution Replace(std::string reference) { return {Action::kReplace, std::move(reference)}; }
  static Resolution Unresolved(std::string why) { return {Action::kUnresolved, std::move(why)}; }
};

using ReferenceResolver = std::function<Resolution(const ParsedReference&)>;

/// Rewrites every `reference` string member under `root` through `resolve`. Returns the
/// reasons of references that could not be resolved (those are left unchanged).
std::vector<std::string> RewriteReferences(JsonValue& root, JsonAllocator& allocator, const ReferenceResolver& resolve);

/// Calls `visit` for every reference under `root` (read-only walk).
void ForEachReference(const JsonValue& root, const std::function<void(const ParsedReference&)>& visit);

/// True when `text` is a valid FHIR id ([A-Za-z0-9\-\.]{1,64}).
bool IsFhirId(std::string_view text);

}  // namespace ferry::fhir
