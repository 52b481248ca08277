#include "core/transform/deidentify_profile.hpp"

#include <filesystem>

#include "core/common/error.hpp"
#include "core/common/file_text.hpp"
#include "core/common/strings.hpp"
#include "core/common/yaml_config.hpp"
#include "core/fhir/r4_tables.hpp"
#include "core/transform/builtin_profiles.hpp"
#include "core/transform/r4_structs.hpp"

namespace ferry::transform {

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kProfileKeys = {"version", "name", "dates", "max_shift_days", "age_limit",
                                               "ids", "restricted_zip3", "elements"};
const std::vector<std::pair<std::string_view, DeidAction>> kActions = {
    {"keep", DeidAction::kKeep},   {"remove", DeidAction::kRemove}, {"pseudonymise", DeidAction::kPseudonymise},
    {"zip3", DeidAction::kZip3},   {"date", DeidAction::kDate},     {"birthdate", DeidAction::kBirthDate},
    {"agegroup", DeidAction::kAgeGroup},
};

/// Empty when `key` names an element, datatype or kind; else what is wrong with it.
std::string CheckElementKey(const std::string& key) {
  if (IsKindName(key) || FindStructByPath(key)) return "";
  std::size_t dot = key.rfind('.');
  if (dot == std::string::npos)
    return "'" + key + "' is neither a FHIR R4 datatype (HumanName) nor a primitive kind (string)";
  std::optional<std::uint16_t> parent = FindStructByPath(key.substr(0, dot));
  if (!parent) return "'" + key.substr(0, dot) + "' is not a FHIR R4 resource, datatype or backbone element";
  const r4::StructInfo& info = r4::kStructs[*parent];
  if (r4::FindElement(info, key.substr(dot + 1))) return "";
  std::vector<std::string> names;
  for (std::uint32_t row = info.first_element; row < info.first_element + info.element_count; ++row)
    names.emplace_back(r4::PoolText(r4::kElements[row].name, r4::kElements[row].name_size));
  return "'" + key.substr(0, dot) + "' has no element '" + key.substr(dot + 1) + "'" +
         DidYouMean(key.substr(dot + 1), names);
}

class ProfileLoader {
 public:
  ProfileLoader(const std::string& text, const std::string& display_name) : diag_(display_name), text_(text) {
    profile_.source = display_name;
  }

  DeidProfile Load() {
    YAML::Node root = LoadYamlString(text_, diag_);
    if (root.IsDefined() && ExpectMap(root, "the profile", diag_)) LoadRoot(root);
    diag_.ThrowIfErrors();
    return std::move(profile_);
  }

 private:
  void LoadRoot(const YAML::Node& root) {
    CheckKeys(root, kProfileKeys, "the profile", diag_);
    if (RequireKey(root, "version", "the profile", diag_)) {
      auto version = ReadInteger(root, "version", "the profile", diag_, 1, 1000);
      if (version && *version != 1) diag_.Error(root["version"].Mark(), "profile version must be 1");
    }
    profile_.name = ReadString(root, "name", "the profile", diag_).value_or(fs::path(profile_.source).stem().string());
    LoadDates(root);
    if (auto days = ReadInteger(root, "max_shift_days", "the profile", diag_, 1, 3650))
      profile_.max_shift_days = static_cast<int>(*days);
    if (auto limit = ReadInteger(root, "age_limit", "the profile", diag_, 0, 150)) profile_.age_limit = static_cast<int>(*limit);
    if (auto ids = ReadString(root, "ids", "the profile", diag_)) {
      if (*ids != "pseudonymise" && *ids != "keep")
        diag_.Error(root["ids"].Mark(), "'ids' must be 'pseudonymise' or 'keep'");
      profile_.pseudonymise_ids = *ids == "pseudonymise";
    }
    if (auto zips = ReadStringList(root, "restricted_zip3", "the profile", diag_))
      profile_.restricted_zip3.insert(zips->begin(), zips->end());
    if (RequireKey(root, "elements", "the profile", diag_)) LoadElements(root["elements"]);
  }

  void LoadDates(const YAML::Node& root) {
    auto dates = ReadString(root, "dates", "the profile", diag_);
    if (!dates) return;
    if (*dates == "shift") profile_.dates = DateRule::kShift;
    else if (*dates == "year") profile_.dates = DateRule::kYear;
    else if (*dates == "keep") profile_.dates = DateRule::kKeep;
    else diag_.Error(root["dates"].Mark(), "'dates' must be 'shift', 'year' or 'keep'");
  }

  void LoadElements(const YAML::Node& node) {
    if (!ExpectMap(node, "elements", diag_)) return;
    for (const auto& entry : node) {
      std::string key = entry.first.Scalar();
      if (std::string problem = CheckElementKey(key); !problem.empty()) {
        diag_.Error(entry.first.Mark(), "in elements: " + problem);
        continue;
      }
      std::optional<DeidAction> action = ParseAction(entry.second);
      if (action) profile_.elements[key] = *action;
    }
  }

  std::optional<DeidAction> ParseAction(const YAML::Node& value) {
    std::string text = value.IsScalar() ? value.Scalar() : "";
    std::vector<std::string> names;
    for (const auto& [name, action] : kActions) {
      if (name == text) return action;
      names.emplace_back(name);
    }
    std::string hint = DidYouMean(text, names);
    diag_.Error(value.Mark(), "unknown action '" + text + "'" +
                                  (hint.empty() ? "; actions are " + Join(names, ", ") : hint));
    return std::nullopt;
  }

  Diagnostics diag_;
  std::string text_;
  DeidProfile profile_;
};

}  // namespace

std::string_view DeidActionName(DeidAction action) {
  for (const auto& [name, known] : kActions) {
    if (known == action) return name;
  }
  return "keep";
}

DeidAction DeidProfile::ActionFor(std::string_view element_key, std::string_view datatype, std::string_view kind) const {
  for (std::string_view key : {element_key, datatype, kind}) {
    if (key.empty()) continue;
    if (auto it = elements.find(key); it != elements.end()) return it->second;
  }
  return DeidAction::kKeep;
}

DeidProfile ParseDeidProfile(const std::string& text, const std::string& display_name) {
  return ProfileLoader(text, display_name).Load();
}

DeidProfile LoadDeidProfile(const std::string& name_or_path, const std::string& base_dir) {
  if (std::optional<std::string_view> text = BuiltinProfileText(name_or_path))
    return ParseDeidProfile(std::string(*text), "built-in " + name_or_path);
  fs::path path(name_or_path);
  if (path.is_relative()) path = fs::path(base_dir) / path;
  std::optional<std::string> text = ReadFileText(path.string());
  if (!text)
    throw PlanError("cannot read the de-identification profile " + path.string() + "; give a readable file or a " +
                    "built-in profile (" + Join(BuiltinProfileNames(), ", ") + ")");
  return ParseDeidProfile(*text, path.string());
}

std::vector<std::string> BuiltinDeidProfiles() { return BuiltinProfileNames(); }

}  // namespace ferry::transform
