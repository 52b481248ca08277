#include "adapters/fhir/references.hpp"

#include <cctype>

namespace ferry::fhir {

namespace {

bool IsTypeName(std::string_view text) {
  if (text.empty() || !std::isupper(static_cast<unsigned char>(text[0]))) return false;
  for (char c : text) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

/// Splits `Type/id[/_history/version]` (the tail of a relative or absolute reference).
bool ParseTypeAndId(std::string_view text, ParsedReference& out) {
  std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  std::string_view type = text.substr(0, slash);
  std::string_view rest = text.substr(slash + 1);
  std::string_view version;
  if (std::size_t history = rest.find("/_history/"); history != std::string_view::npos) {
    version = rest.substr(history + 10);
    rest = rest.substr(0, history);
  }
  if (!IsTypeName(type) || !IsFhirId(rest)) return false;
  out.type = type;
  out.id = rest;
  out.version = version;
  return true;
}

/// For an absolute URL: the last `Type/id` (or `Type/id/_history/v`) segments.
bool ParseAbsoluteTail(std::string_view text, ParsedReference& out) {
  std::size_t history = text.rfind("/_history/");
  std::string_view head = history == std::string_view::npos ? text : text.substr(0, history);
  std::size_t id_slash = head.rfind('/');
  if (id_slash == std::string_view::npos || id_slash == 0) return false;
  std::size_t type_slash = head.rfind('/', id_slash - 1);
  if (type_slash == std::string_view::npos) return false;
  return ParseTypeAndId(text.substr(type_slash + 1), out);
}

void Walk(JsonValue& value, JsonAllocator& allocator, const ReferenceResolver& resolve,
          std::vector<std::string>& unresolved) {
  if (value.IsArray()) {
    for (auto& item : value.GetArray()) Walk(item, allocator, resolve, unresolved);
    return;
  }
  if (!value.IsObject()) return;
  for (auto& member : value.GetObject()) {
    if (member.name == "reference" && member.value.IsString() && !IsRawNumber(member.value)) {
      Resolution resolution = resolve(ParseReference({member.value.GetString(), member.value.GetStringLength()}));
      if (resolution.action == Resolution::Action::kReplace) {
        member.value = MakeString(resolution.text, allocator);
      } else if (resolution.action == Resolution::Action::kUnresolved) {
        unresolved.push_back(std::move(resolution.text));
      }
      continue;
    }
    Walk(member.value, allocator, resolve, unresolved);
  }
}

void WalkConst(const JsonValue& value, const std::function<void(const ParsedReference&)>& visit) {
  if (value.IsArray()) {
    for (const auto& item : value.GetArray()) WalkConst(item, visit);
    return;
  }
  if (!value.IsObject()) return;
  for (const auto& member : value.GetObject()) {
    if (member.name == "reference" && member.value.IsString() && !IsRawNumber(member.value)) {
      visit(ParseReference({member.value.GetString(), member.value.GetStringLength()}));
      continue;
    }
    WalkConst(member.value, visit);
  }
}

}  // namespace

bool IsFhirId(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return false;
  }
  return true;
}

ParsedReference ParseReference(std::string_view text) {
  ParsedReference out;
  if (text.starts_with("#")) {
    out.kind = ReferenceKind::kContained;
  } else if (text.starts_with("urn:uuid:") || text.starts_with("urn:oid:")) {
    out.kind = ReferenceKind::kUrn;
    out.id = text.substr(text.find(':', 4) + 1);
  } else if (text.starts_with("http://") || text.starts_with("https://")) {
    out.kind = ReferenceKind::kAbsolute;
    ParseAbsoluteTail(text, out);
  } else if (std::size_t question = text.find('?'); question != std::string_view::npos) {
    if (IsTypeName(text.substr(0, question))) {
      out.kind = ReferenceKind::kConditional;
      out.type = text.substr(0, question);
      out.query = text.substr(question + 1);
    }
  } else if (ParseTypeAndId(text, out)) {
    out.kind = ReferenceKind::kRelative;
  }
  return out;
}

std::vector<std::string> RewriteReferences(JsonValue& root, JsonAllocator& allocator, const ReferenceResolver& resolve) {
  std::vector<std::string> unresolved;
  Walk(root, allocator, resolve, unresolved);
  return unresolved;
}

void ForEachReference(const JsonValue& root, const std::function<void(const ParsedReference&)>& visit) {
  WalkConst(root, visit);
}

}  // namespace ferry::fhir
