#include "mappings/engine/load_context.hpp"

#include <algorithm>

#include "core/common/strings.hpp"

namespace ferry {

std::string LoadContext::Location(const YAML::Mark& mark) const {
  return diag_.display_name() + ":" + std::to_string(mark.line + 1) + ":" +
         std::to_string(mark.column + 1);
}

ColumnRef LoadContext::Column(const std::string& written) {
  std::string name = written;
  if (substitution_) {
    for (std::size_t pos = name.find('$'); pos != std::string::npos;
         pos = name.find('$', pos + substitution_->size())) {
      name.replace(pos, 1, *substitution_);
    }
  }
  auto found = std::find(stream_columns_->begin(), stream_columns_->end(), name);
  if (found == stream_columns_->end()) {
    stream_columns_->push_back(name);
    found = stream_columns_->end() - 1;
  }
  return ColumnRef{name, static_cast<std::size_t>(found - stream_columns_->begin())};
}

void LoadContext::SetSpecTypes(const std::vector<std::string>& types) {
  spec_types_.clear();
  for (const auto& type : types) {
    if (IsR4ResourceType(type)) spec_types_.push_back(type);
  }
}

bool LoadContext::CheckResourceType(const YAML::Node& node, std::string_view what) {
  const std::string type = node.Scalar();
  if (IsR4ResourceType(type)) return true;
  std::string hint = DidYouMean(type, spec_types_);
  Error(node.Mark(),
        "'" + type + "' in '" + std::string(what) + "' is not a FHIR R4 resource type" + hint);
  return false;
}

void LoadContext::CheckKeys(const YAML::Node& node, std::span<const std::string> allowed,
                            std::string_view what) {
  if (!node.IsMap()) return;
  for (const auto& entry : node) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "?";
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string hint = DidYouMean(key, allowed);
    if (hint.empty()) {
      auto stem = std::find_if(allowed.begin(), allowed.end(), [&](const std::string& candidate) {
        return candidate.size() >= 3 && key.size() >= 3 &&
               (key.starts_with(candidate) || candidate.starts_with(key));
      });
      hint = stem != allowed.end() ? "; did you mean '" + *stem + "'?"
                                   : "; expected one of: " + Join(allowed, ", ");
    }
    Error(entry.first.Mark(), "unknown key '" + key + "' in " + std::string(what) + hint);
  }
}

void LoadContext::CheckDuplicateKeys(const YAML::Node& node, std::string_view what) {
  if (!node.IsMap()) return;
  std::vector<std::pair<std::string, YAML::Mark>> seen;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) continue;
    const std::string& key = entry.first.Scalar();
    auto first =
        std::find_if(seen.begin(), seen.end(), [&](const auto& item) { return item.first == key; });
    if (first != seen.end()) {
      Error(entry.first.Mark(), "duplicate key '" + key + "' in " + std::string(what) +
                                    " (first at line " + std::to_string(first->second.line + 1) +
                                    ")");
      continue;
    }
    seen.emplace_back(key, entry.first.Mark());
  }
}

std::vector<std::string> LoadContext::KeysPresent(const YAML::Node& node,
                                                  std::span<const std::string> keys) const {
  std::vector<std::string> present;
  if (!node.IsMap()) return present;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) continue;
    const std::string& key = entry.first.Scalar();
    const bool wanted = std::find(keys.begin(), keys.end(), key) != keys.end();
    if (wanted && std::find(present.begin(), present.end(), key) == present.end())
      present.push_back(key);
  }
  return present;
}

}  // namespace ferry
