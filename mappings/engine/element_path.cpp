#include "mappings/engine/element_path.hpp"

#include <optional>

namespace ferry {

namespace {

bool IsNameStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

/// Reads `[N]` or `[+]` at `pos` (just after '['); on success `pos` is after ']'.
std::optional<PathError> ParseIndex(std::string_view text, std::size_t& pos, PathStep& step) {
  if (pos < text.size() && text[pos] == '+') {
    step.index_kind = PathStep::Index::kAppend;
    ++pos;
  } else if (pos < text.size() && IsDigit(text[pos])) {
    const std::size_t start = pos;
    std::uint64_t number = 0;
    while (pos < text.size() && IsDigit(text[pos])) {
      number = number * 10 + static_cast<std::uint64_t>(text[pos] - '0');
      if (number > kMaxPathIndex) {
        return PathError{"index is too large (at most " + std::to_string(kMaxPathIndex) + ")",
                         start};
      }
      ++pos;
    }
    step.index_kind = PathStep::Index::kAt;
    step.index = static_cast<std::uint32_t>(number);
  } else {
    return PathError{"expected a number or '+' inside '[ ]'", pos};
  }
  if (pos >= text.size() || text[pos] != ']') return PathError{"expected ']'", pos};
  ++pos;
  return std::nullopt;
}

/// Reads one step at `pos`; on success `pos` is after it.
std::optional<PathError> ParseStep(std::string_view text, std::size_t& pos, PathStep& step) {
  if (pos >= text.size() || !IsNameStart(text[pos])) {
    return PathError{
        "expected an element name (a letter or '_' first, then letters, digits or '_')", pos};
  }
  const std::size_t start = pos;
  while (pos < text.size() && IsNameChar(text[pos])) ++pos;
  step.name.assign(text.substr(start, pos - start));
  if (pos < text.size() && text[pos] == '[') {
    ++pos;
    return ParseIndex(text, pos, step);
  }
  return std::nullopt;
}

/// A path flattened to tokens (a name, or an index), for prefix comparisons.
struct Token {
  std::string_view name;
  PathStep::Index kind = PathStep::Index::kNone;
  std::uint32_t index = 0;
  bool operator==(const Token& other) const {
    return name == other.name && kind == other.kind && index == other.index &&
           kind != PathStep::Index::kAppend;
  }
};

std::vector<Token> Tokens(const ElementPath& path) {
  std::vector<Token> tokens;
  for (const auto& step : path.steps) {
    tokens.push_back(Token{step.name, PathStep::Index::kNone, 0});
    if (step.index_kind != PathStep::Index::kNone)
      tokens.push_back(Token{{}, step.index_kind, step.index});
  }
  return tokens;
}

JsonValue& MemberOf(JsonValue& object, const std::string& name, JsonAllocator& allocator) {
  if (!object.IsObject()) object.SetObject();
  const JsonValue key(
      rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size())));
  auto found = object.FindMember(key);
  if (found != object.MemberEnd()) return found->value;
  object.AddMember(MakeString(name, allocator), JsonValue(), allocator);
  return (object.MemberEnd() - 1)->value;
}

JsonValue& ItemOf(JsonValue& array, const PathStep& step, JsonAllocator& allocator) {
  if (!array.IsArray()) array.SetArray();
  if (step.index_kind == PathStep::Index::kAppend) {
    array.PushBack(JsonValue(), allocator);
    return array[array.Size() - 1];
  }
  while (array.Size() <= step.index) array.PushBack(JsonValue(), allocator);
  return array[step.index];
}

bool IsEmptyContainer(const JsonValue& value) {
  return (value.IsObject() && value.MemberCount() == 0) || (value.IsArray() && value.Empty());
}

/// Compacts `value` in place; returns false when it should be removed from its parent.
bool Compact(JsonValue& value) {
  if (value.IsNull()) return false;
  if (value.IsObject()) {
    for (auto member = value.MemberBegin(); member != value.MemberEnd();) {
      member = Compact(member->value) ? member + 1 : value.EraseMember(member);
    }
  } else if (value.IsArray()) {
    rapidjson::SizeType kept = 0;
    for (rapidjson::SizeType item_idx = 0; item_idx < value.Size(); ++item_idx) {
      if (!Compact(value[item_idx])) continue;
      if (kept != item_idx) value[kept] = value[item_idx];  // RapidJSON assignment moves
      ++kept;
    }
    while (value.Size() > kept) value.PopBack();
  }
  return !IsEmptyContainer(value);
}

}  // namespace

bool ElementPath::Appends() const {
  for (const auto& step : steps) {
    if (step.index_kind == PathStep::Index::kAppend) return true;
  }
  return false;
}

std::string ElementPath::ToString() const {
  std::string text;
  for (const auto& step : steps) {
    if (!text.empty()) text += '.';
    text += step.name;
    if (step.index_kind == PathStep::Index::kAt) text += "[" + std::to_string(step.index) + "]";
    if (step.index_kind == PathStep::Index::kAppend) text += "[+]";
  }
  return text;
}

std::variant<ElementPath, PathError> ParseElementPath(std::string_view text) {
  ElementPath path;
  std::size_t pos = 0;
  while (true) {
    PathStep step;
    if (auto error = ParseStep(text, pos, step)) return *error;
    path.steps.push_back(std::move(step));
    if (pos == text.size()) return path;
    if (text[pos] != '.') return PathError{"expected '.' or '[' after an element name", pos};
    ++pos;
  }
}

bool IsStrictPrefix(const ElementPath& prefix, const ElementPath& path) {
  const std::vector<Token> short_tokens = Tokens(prefix);
  const std::vector<Token> long_tokens = Tokens(path);
  if (short_tokens.size() >= long_tokens.size()) return false;
  for (std::size_t token_idx = 0; token_idx < short_tokens.size(); ++token_idx) {
    if (!(short_tokens[token_idx] == long_tokens[token_idx])) return false;
  }
  return true;
}

bool SameElement(const ElementPath& a, const ElementPath& b) {
  if (a.Appends() || b.Appends()) return false;
  return Tokens(a) == Tokens(b);
}

void SetAtPath(JsonValue& root, const ElementPath& path, JsonValue&& value,
               JsonAllocator& allocator) {
  JsonValue* node = &root;
  for (const auto& step : path.steps) {
    node = &MemberOf(*node, step.name, allocator);
    if (step.index_kind != PathStep::Index::kNone) node = &ItemOf(*node, step, allocator);
  }
  *node = value;  // RapidJSON assignment moves
}

void CompactResource(JsonValue& root) { Compact(root); }

}  // namespace ferry
