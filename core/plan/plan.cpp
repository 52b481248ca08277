#include "core/plan/plan.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/common/error.hpp"
#include "core/common/file_text.hpp"
#include "core/common/strings.hpp"
#include "core/common/yaml_config.hpp"

namespace ferry {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kPlanKeys = {"version", "name",    "source",     "target",
                                            "resources", "options", "state", "dead_letter",
                                            "transforms", "provenance"};
const std::vector<std::string> kDeadLetterKeys = {"path", "encrypt_to"};
const std::vector<std::string> kTransformKinds = {"deidentify"};
const std::vector<std::string> kDeidentifyKeys = {"profile", "key"};
/// Shorter HMAC keys would let someone guess pseudonymised values (an SSN has 10^9).
constexpr std::size_t kMinDeidentifyKeyBytes = 16;
const std::vector<std::string> kOptionKeys = {"batch_size", "concurrency", "queue_batches", "hash_key"};
/// Keys every source/target block has besides its adapter's own.
const std::vector<std::string> kSourceCommonKeys = {"adapter", "mapping"};
const std::vector<std::string> kTargetCommonKeys = {"adapter", "write"};

/// Names that only ever hold secrets; their values must be env:/file: references.
bool LooksLikeSecretName(const std::string& key) {
  static const std::regex kSecretName("(^|_)(secret|password|passwd|passphrase|token|key|api_key|private_key|client_secret)($|_)",
                                      std::regex::icase);
  return std::regex_search(key, kSecretName);
}

bool IsSecretReference(const std::string& text) { return StartsWith(text, "env:") || StartsWith(text, "file:"); }

/// True for `scheme://...` (an object-store URL such as s3://bucket/prefix), which is not
/// a local path and is left as written.
bool IsUrl(const std::string& text) {
  static const std::regex kUrl("^[A-Za-z][A-Za-z0-9+.-]*://");
  return std::regex_search(text, kUrl);
}

std::string AbsolutePath(const std::string& dir, const std::string& path) {
  if (IsUrl(path)) return path;
  fs::path p(path);
  if (p.is_relative()) p = fs::path(dir) / p;
  return p.lexically_normal().string();
}

std::string MarkText(const Diagnostics& diag, const YAML::Mark& mark) {
  return diag.display_name() + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

class PlanLoader {
 public:
  PlanLoader(const std::string& path, std::span<const AdapterInfo* const> adapters)
      : own_diag_(path), diag_(own_diag_), adapters_(adapters) {
    plan_.path = path;
    plan_.dir = fs::absolute(fs::path(path)).parent_path().lexically_normal().string();
  }
  /// For a target block inside another file: errors go to `diag`, paths are relative to `dir`.
  PlanLoader(Diagnostics& diag, const std::string& dir, std::span<const AdapterInfo* const> adapters)
      : own_diag_(diag.display_name()), diag_(diag), adapters_(adapters) {
    plan_.dir = dir;
  }

  AdapterConfig LoadTargetOnly(const YAML::Node& block) {
    HideSecretLines(block);
    LoadTarget(block);
    return std::move(plan_.target);
  }

  Plan Load() {
    YAML::Node root = LoadYamlFile(plan_.path, diag_);
    HideSecretLines(root);
    if (root.IsDefined() && !root.IsNull() && ExpectMap(root, "the plan", diag_)) LoadRoot(root);
    else if (root.IsNull()) diag_.Error("the plan is empty; see ferry-plan(5) for the format");
    diag_.ThrowIfErrors();
    plan_.warnings = diag_.warnings();
    return std::move(plan_);
  }

 private:
  /// Lines holding keys named like secrets are never shown in messages, whatever the
  /// error on them (an unknown key's line would otherwise echo an inline secret).
  void HideSecretLines(const YAML::Node& node) {
    if (node.IsSequence()) {
      for (const auto& item : node) HideSecretLines(item);
    }
    if (!node.IsMap()) return;
    for (const auto& entry : node) {
      if (entry.first.IsScalar() && LooksLikeSecretName(entry.first.Scalar())) {
        diag_.HideLine(entry.first.Mark().line);
        diag_.HideLine(entry.second.Mark().line);
      }
      HideSecretLines(entry.second);
    }
  }

  void LoadRoot(const YAML::Node& root) {
    CheckKeys(root, kPlanKeys, "the plan", diag_);
    if (RequireKey(root, "version", "the plan", diag_)) {
      auto version = ReadInteger(root, "version", "the plan", diag_, 1, 1000);
      if (version && *version != 1)
        diag_.Error(root["version"].Mark(), "plan version " + std::to_string(*version) +
                                                " is not supported by this ferry; it reads version 1");
    }
    plan_.name = ReadString(root, "name", "the plan", diag_).value_or(fs::path(plan_.path).stem().string());
    if (RequireKey(root, "source", "the plan", diag_)) LoadSource(root["source"]);
    if (RequireKey(root, "target", "the plan", diag_)) LoadTarget(root["target"]);
    plan_.resources = ReadStringList(root, "resources", "the plan", diag_).value_or(std::vector<std::string>{});
    if (root["options"]) LoadOptions(root["options"]);
    if (root["transforms"]) LoadTransforms(root["transforms"]);
    plan_.provenance = ReadBool(root, "provenance", "the plan", diag_).value_or(false);
    std::string default_base = plan_.dir + "/.ferry/" + plan_.name;
    plan_.state_path = AbsolutePath(plan_.dir, ReadString(root, "state", "the plan", diag_).value_or(default_base + ".state.db"));
    LoadDeadLetter(root, default_base);
  }

  /// `dead_letter: PATH`, or `dead_letter: { path: PATH, encrypt_to: [age1...] }`.
  void LoadDeadLetter(const YAML::Node& root, const std::string& default_base) {
    const YAML::Node node = root["dead_letter"];
    if (!node || !node.IsMap()) {
      plan_.dead_letter_path = AbsolutePath(
          plan_.dir, ReadString(root, "dead_letter", "the plan", diag_).value_or(default_base + ".dead.ndjson"));
      return;
    }
    CheckKeys(node, kDeadLetterKeys, "dead_letter", diag_);
    plan_.dead_letter_recipients = ReadStringList(node, "encrypt_to", "dead_letter", diag_).value_or(std::vector<std::string>{});
    if (node["encrypt_to"] && plan_.dead_letter_recipients.empty())
      diag_.Error(node["encrypt_to"].Mark(), "'encrypt_to' lists no recipient; give age1... keys or leave it out");
    std::string fallback = default_base + (plan_.dead_letter_recipients.empty() ? ".dead.ndjson" : ".dead.age.d");
    plan_.dead_letter_path = AbsolutePath(plan_.dir, ReadString(node, "path", "dead_letter", diag_).value_or(fallback));
  }

  const AdapterInfo* LookupAdapter(const YAML::Node& block, std::string_view what) {
    auto name = ReadString(block, "adapter", what, diag_);
    if (!name) return nullptr;
    std::vector<std::string> names;
    for (const auto* info : adapters_) {
      if (info->name == *name) return info;
      names.push_back(info->name);
    }
    std::string hint = DidYouMean(*name, names);
    if (hint.empty()) hint = "; this build has: " + Join(names, ", ") + " (see `ferry adapters`)";
    diag_.Error(block["adapter"].Mark(), "unknown adapter '" + *name + "'" + hint);
    return nullptr;
  }

  void LoadSource(const YAML::Node& block) {
    if (!ExpectMap(block, "source", diag_) || !RequireKey(block, "adapter", "source", diag_)) return;
    const AdapterInfo* info = LookupAdapter(block, "source");
    plan_.source.location = MarkText(diag_, block.Mark());
    if (!info) return;
    if (!info->CanRead()) {
      diag_.Error(block["adapter"].Mark(), "adapter '" + info->name + "' cannot be a source; it only writes");
      return;
    }
    plan_.source.adapter = info->name;
    LoadAdapterKeys(block, info->source_keys, kSourceCommonKeys, "source", plan_.source);
    auto mapping = ReadString(block, "mapping", "source", diag_);
    if (info->shape == RecordShape::kRows && !mapping)
      diag_.Error(block.Mark(), "source adapter '" + info->name +
                                    "' reads tables, so the source needs 'mapping: <spec.yaml>' (see ferry-mapping(5))");
    if (info->shape == RecordShape::kResources && mapping)
      diag_.Error(block["mapping"].Mark(), "source adapter '" + info->name +
                                               "' reads FHIR resources already; remove 'mapping'");
    if (mapping) plan_.mapping_path = AbsolutePath(plan_.dir, *mapping);
  }

  void LoadTarget(const YAML::Node& block) {
    if (!ExpectMap(block, "target", diag_) || !RequireKey(block, "adapter", "target", diag_)) return;
    const AdapterInfo* info = LookupAdapter(block, "target");
    plan_.target.location = MarkText(diag_, block.Mark());
    if (!info) return;
    if (!info->CanWrite()) {
      diag_.Error(block["adapter"].Mark(), "adapter '" + info->name + "' cannot be a target; it only reads");
      return;
    }
    plan_.target.adapter = info->name;
    LoadAdapterKeys(block, info->target_keys, kTargetCommonKeys, "target", plan_.target);
    if (auto write = ReadString(block, "write", "target", diag_)) {
      if (*write != "upsert")
        diag_.Error(block["write"].Mark(), "'write' must be 'upsert' (create or replace by id; the only mode so far)");
    }
  }

  void LoadOptions(const YAML::Node& node) {
    if (!ExpectMap(node, "options", diag_)) return;
    CheckKeys(node, kOptionKeys, "options", diag_);
    if (auto v = ReadInteger(node, "batch_size", "options", diag_, 1, 100000)) plan_.options.batch_size = static_cast<int>(*v);
    if (auto v = ReadInteger(node, "concurrency", "options", diag_, 0, 256)) plan_.options.concurrency = static_cast<int>(*v);
    if (auto v = ReadInteger(node, "queue_batches", "options", diag_, 1, 1024)) plan_.options.queue_batches = static_cast<int>(*v);
    if (node["hash_key"]) {
      if (auto key = ReadSecret(node, "hash_key", "options")) plan_.options.hash_key = key->text;
    }
  }

  void LoadTransforms(const YAML::Node& node) {
    if (!node.IsSequence()) {
      diag_.Error(node.Mark(), "'transforms' must be a list, e.g. `transforms: [ { deidentify: { profile: "
                               "safe-harbor, key: env:DEID_KEY } } ]`");
      return;
    }
    for (const auto& entry : node) {
      if (!ExpectMap(entry, "a transform", diag_)) continue;
      CheckKeys(entry, kTransformKinds, "a transform", diag_);
      if (entry.size() != 1) {
        diag_.Error(entry.Mark(), "a transform names exactly one kind (deidentify)");
        continue;
      }
      if (entry["deidentify"]) LoadDeidentify(entry["deidentify"]);
    }
  }

  void LoadDeidentify(const YAML::Node& node) {
    if (!ExpectMap(node, "deidentify", diag_)) return;
    CheckKeys(node, kDeidentifyKeys, "deidentify", diag_);
    TransformConfig config;
    config.location = MarkText(diag_, node.Mark());
    bool has_profile = RequireKey(node, "profile", "deidentify", diag_);
    bool has_key = RequireKey(node, "key", "deidentify", diag_);
    if (has_profile) config.profile = ReadString(node, "profile", "deidentify", diag_).value_or("");
    if (!has_key) return;
    std::optional<ConfigValue> key = ReadSecret(node, "key", "deidentify");
    if (!key) return;
    if (key->text.size() < kMinDeidentifyKeyBytes) {
      diag_.Error(node["key"].Mark(), "the deidentify key is shorter than 16 bytes; use a long random one "
                                      "(e.g. `openssl rand -hex 32`)", false);
      return;
    }
    config.key = std::move(key->text);
    plan_.transforms.push_back(std::move(config));
  }

  void LoadAdapterKeys(const YAML::Node& block, const std::vector<KeySpec>& specs,
                       const std::vector<std::string>& common, std::string_view what, AdapterConfig& config) {
    std::vector<std::string> allowed = common;
    for (const auto& spec : specs) allowed.push_back(spec.name);
    CheckKeys(block, allowed, std::string(what) + " (adapter " + config.adapter + ")", diag_);
    CheckInlineSecrets(block, specs, what);
    for (const auto& spec : specs) {
      if (!block[spec.name]) {
        if (spec.required)
          diag_.Error(block.Mark(), "missing required key '" + spec.name + "' in " + std::string(what) +
                                        " (adapter " + config.adapter + "): " + spec.help);
        else if (!spec.default_value.empty())
          config.values[spec.name] = DefaultValue(spec);
        continue;
      }
      if (auto value = ReadValue(block, spec, what)) config.values[spec.name] = std::move(*value);
    }
  }

  ConfigValue DefaultValue(const KeySpec& spec) const {
    ConfigValue value;
    value.type = spec.type;
    value.text = spec.type == KeyType::kPath ? AbsolutePath(plan_.dir, spec.default_value) : spec.default_value;
    if (spec.type == KeyType::kStringList) value.list = {spec.default_value};
    return value;
  }

  /// Keys named like secrets must hold env:/file: references, even keys the adapter
  /// does not know (so a misplaced password is never accepted silently).
  void CheckInlineSecrets(const YAML::Node& block, const std::vector<KeySpec>& specs, std::string_view what) {
    for (const auto& entry : block) {
      if (!entry.first.IsScalar() || !entry.second.IsScalar()) continue;
      const std::string key = entry.first.Scalar();
      bool declared_secret = false;
      for (const auto& spec : specs) declared_secret = declared_secret || (spec.name == key && spec.type == KeyType::kSecret);
      if (!declared_secret && LooksLikeSecretName(key) && !IsSecretReference(entry.second.Scalar()))
        ReportInlineSecret(entry.second.Mark(), key, what);
    }
  }

  void ReportInlineSecret(const YAML::Mark& mark, const std::string& key, std::string_view what) {
    diag_.Error(mark, "inline secret in '" + key + "' of " + std::string(what) +
                          "; secrets must be references: 'env:NAME' or 'file:PATH'", /*show_context=*/false);
  }

  std::optional<ConfigValue> ReadSecret(const YAML::Node& block, const std::string& key, std::string_view what) {
    const YAML::Node node = block[key];
    if (!node.IsScalar()) {
      diag_.Error(node.Mark(), "'" + key + "' in " + std::string(what) + " must be 'env:NAME' or 'file:PATH'", false);
      return std::nullopt;
    }
    if (!IsSecretReference(node.Scalar())) {
      ReportInlineSecret(node.Mark(), key, what);
      return std::nullopt;
    }
    auto resolved = ResolveSecret(node.Scalar(), plan_.dir);
    if (!resolved) {
      diag_.Error(node.Mark(), resolved.error(), false);
      return std::nullopt;
    }
    WarnIfOthersCanRead(node.Scalar(), node.Mark());
    ConfigValue value;
    value.type = KeyType::kSecret;
    value.text = std::move(*resolved);
    value.location = MarkText(diag_, node.Mark());
    return value;
  }

  std::optional<ConfigValue> ReadValue(const YAML::Node& block, const KeySpec& spec, std::string_view what) {
    if (spec.type == KeyType::kSecret) return ReadSecret(block, spec.name, what);
    const YAML::Node node = block[spec.name];
    ConfigValue value;
    value.type = spec.type;
    value.location = MarkText(diag_, node.Mark());
    const std::string where(what);
    switch (spec.type) {
      case KeyType::kStringList: {
        auto list = ReadStringList(block, spec.name, where, diag_);
        if (!list) return std::nullopt;
        value.list = std::move(*list);
        return value;
      }
      case KeyType::kStringMap:
        return ReadMap(node, spec.name, where, value);
      case KeyType::kInteger: {
        auto number = ReadInteger(block, spec.name, where, diag_);
        if (!number) return std::nullopt;
        value.text = std::to_string(*number);
        return value;
      }
      case KeyType::kBool: {
        auto flag = ReadBool(block, spec.name, where, diag_);
        if (!flag) return std::nullopt;
        value.text = *flag ? "true" : "false";
        return value;
      }
      case KeyType::kString:
      case KeyType::kPath:
      case KeyType::kChar:
      case KeyType::kSecret:
        break;
    }
    auto text = ReadString(block, spec.name, where, diag_);
    if (!text) return std::nullopt;
    if (spec.type == KeyType::kChar && text->size() != 1) {
      diag_.Error(node.Mark(), "'" + spec.name + "' in " + where + " must be exactly one character");
      return std::nullopt;
    }
    value.text = spec.type == KeyType::kPath ? AbsolutePath(plan_.dir, *text) : *text;
    return value;
  }

  std::optional<ConfigValue> ReadMap(const YAML::Node& node, const std::string& key, const std::string& where,
                                     ConfigValue& value) {
    if (!node.IsMap()) {
      diag_.Error(node.Mark(), "'" + key + "' in " + where + " must be a mapping of names to values");
      return std::nullopt;
    }
    for (const auto& entry : node) {
      if (!entry.first.IsScalar() || !entry.second.IsScalar()) {
        diag_.Error(entry.first.Mark(), "entries of '" + key + "' in " + where + " must be single values");
        continue;
      }
      value.entries[entry.first.Scalar()] = entry.second.Scalar();
    }
    return value;
  }

  void WarnIfOthersCanRead(const std::string& reference, const YAML::Mark& mark) {
    if (!StartsWith(reference, "file:")) return;
    struct stat info {};
    std::string path = AbsolutePath(plan_.dir, reference.substr(5));
    if (stat(path.c_str(), &info) == 0 && (info.st_mode & 0077))
      diag_.Warning(mark, "secret file " + path + " can be read by other users; run: chmod 600 " + path);
  }

  Diagnostics own_diag_;
  Diagnostics& diag_;
  std::span<const AdapterInfo* const> adapters_;
  Plan plan_;
};

}  // namespace

Plan LoadPlan(const std::string& path, std::span<const AdapterInfo* const> adapters) {
  return PlanLoader(path, adapters).Load();
}

AdapterConfig LoadTargetBlock(const YAML::Node& block, const std::string& base_dir,
                              std::span<const AdapterInfo* const> adapters, Diagnostics& diag) {
  return PlanLoader(diag, base_dir, adapters).LoadTargetOnly(block);
}

Result<std::string> ResolveSecret(const std::string& reference, const std::string& base_dir) {
  if (StartsWith(reference, "env:")) {
    std::string name = reference.substr(4);
    const char* value = std::getenv(name.c_str());
    if (!value) return Failure("environment variable " + name + " is not set; export it before running ferry");
    return std::string(value);
  }
  if (StartsWith(reference, "file:")) {
    std::string path = AbsolutePath(base_dir, reference.substr(5));
    std::optional<std::string> read = ReadFileText(path);
    if (!read) return Failure("cannot read secret file " + path + "; check the path and its permissions");
    std::string text = std::move(*read);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
  }
  return Failure("a secret must be 'env:NAME' or 'file:PATH'");
}

}  // namespace ferry
