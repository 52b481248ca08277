#include "core/common/yaml_config.hpp"

#include <fstream>
#include <sstream>

#include "core/common/error.hpp"
#include "core/common/file_text.hpp"
#include "core/common/strings.hpp"

namespace ferry {

Diagnostics::Diagnostics(std::string display_name, std::string text)
    : display_name_(std::move(display_name)) {
  set_text(std::move(text));
}

void Diagnostics::set_text(std::string text) { lines_ = Split(text, '\n'); }

std::string Diagnostics::Locate(const YAML::Mark& mark) const {
  if (mark.is_null()) return display_name_;
  return display_name_ + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

std::string Diagnostics::Context(const YAML::Mark& mark) const {
  if (mark.is_null() || mark.line < 0 || static_cast<std::size_t>(mark.line) >= lines_.size()) return "";
  for (int hidden : hidden_lines_) {
    if (hidden == mark.line) return "";
  }
  std::string line = lines_[static_cast<std::size_t>(mark.line)];
  if (!line.empty() && line.back() == '\r') line.pop_back();
  constexpr std::size_t kMaxWidth = 72;
  if (line.size() > kMaxWidth) line = line.substr(0, kMaxWidth) + "...";
  std::size_t column = std::min<std::size_t>(static_cast<std::size_t>(mark.column), kMaxWidth);
  return "\n  " + line + "\n  " + std::string(column, ' ') + "^";
}

void Diagnostics::Error(const YAML::Mark& mark, const std::string& message, bool show_context) {
  errors_.push_back(Locate(mark) + ": " + message + (show_context ? Context(mark) : ""));
}

void Diagnostics::Error(const std::string& message) { errors_.push_back(display_name_ + ": " + message); }

void Diagnostics::Warning(const YAML::Mark& mark, const std::string& message) {
  warnings_.push_back(Locate(mark) + ": " + message);
}

void Diagnostics::ThrowIfErrors() const {
  if (errors_.empty()) return;
  throw PlanError(Join(errors_, "\n"));
}

YAML::Node LoadYamlString(const std::string& text, Diagnostics& diag) {
  diag.set_text(text);
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    diag.Error(e.mark, "YAML syntax error: " + e.msg);
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node LoadYamlFile(const std::string& path, Diagnostics& diag) {
  std::optional<std::string> text = ReadFileText(path);
  if (!text) {
    diag.Error("cannot read the file; check that the path exists and is readable");
    return YAML::Node(YAML::NodeType::Undefined);
  }
  return LoadYamlString(*text, diag);
}

bool ExpectMap(const YAML::Node& node, std::string_view what, Diagnostics& diag) {
  if (node.IsMap()) return true;
  diag.Error(node.Mark(), std::string(what) + " must be a mapping of keys to values");
  return false;
}

YAML::Mark KeyMark(const YAML::Node& node, std::string_view key) {
  if (node.IsMap()) {
    for (const auto& entry : node) {
      if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.first.Mark();
    }
  }
  return node.Mark();
}

void CheckKeys(const YAML::Node& node, std::span<const std::string> allowed, std::string_view what,
               Diagnostics& diag) {
  if (!node.IsMap()) return;
  for (const auto& entry : node) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "?";
    bool known = false;
    for (const auto& candidate : allowed) known = known || candidate == key;
    if (!known) {
      std::string hint = DidYouMean(key, allowed);
      if (hint.empty()) hint = "; expected one of: " + Join(allowed, ", ");
      diag.Error(entry.first.Mark(), "unknown key '" + key + "' in " + std::string(what) + hint);
    }
  }
}

bool RequireKey(const YAML::Node& node, std::string_view key, std::string_view what, Diagnostics& diag) {
  if (node.IsMap() && node[std::string(key)]) return true;
  diag.Error(node.Mark(), "missing required key '" + std::string(key) + "' in " + std::string(what));
  return false;
}

std::optional<std::string> ReadString(const YAML::Node& node, std::string_view key, std::string_view what,
                                      Diagnostics& diag) {
  YAML::Node value = node[std::string(key)];
  if (!value) return std::nullopt;
  if (!value.IsScalar()) {
    diag.Error(value.Mark(), "'" + std::string(key) + "' in " + std::string(what) + " must be a single value, not a list or mapping");
    return std::nullopt;
  }
  return value.Scalar();
}

std::optional<long long> ReadInteger(const YAML::Node& node, std::string_view key, std::string_view what,
                                     Diagnostics& diag, long long min, long long max) {
  auto text = ReadString(node, key, what, diag);
  if (!text) return std::nullopt;
  YAML::Node value = node[std::string(key)];
  try {
    std::size_t used = 0;
    long long number = std::stoll(*text, &used);
    if (used == text->size() && !IsQuoted(value) && number >= min && number <= max) return number;
  } catch (const std::exception&) {
  }
  diag.Error(value.Mark(), "'" + std::string(key) + "' in " + std::string(what) + " must be a whole number from " +
                               std::to_string(min) + " to " + std::to_string(max));
  return std::nullopt;
}

std::optional<bool> ReadBool(const YAML::Node& node, std::string_view key, std::string_view what,
                             Diagnostics& diag) {
  auto text = ReadString(node, key, what, diag);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  diag.Error(node[std::string(key)].Mark(), "'" + std::string(key) + "' in " + std::string(what) + " must be true or false");
  return std::nullopt;
}

std::optional<std::vector<std::string>> ReadStringList(const YAML::Node& node, std::string_view key,
                                                       std::string_view what, Diagnostics& diag) {
  YAML::Node value = node[std::string(key)];
  if (!value) return std::nullopt;
  if (value.IsScalar()) return std::vector<std::string>{value.Scalar()};
  if (!value.IsSequence()) {
    diag.Error(value.Mark(), "'" + std::string(key) + "' in " + std::string(what) + " must be a list");
    return std::nullopt;
  }
  std::vector<std::string> items;
  for (const auto& item : value) {
    if (!item.IsScalar()) {
      diag.Error(item.Mark(), "items of '" + std::string(key) + "' in " + std::string(what) + " must be single values");
      continue;
    }
    items.push_back(item.Scalar());
  }
  return items;
}

bool IsQuoted(const YAML::Node& scalar) { return scalar.Tag() == "!"; }

}  // namespace ferry
