#pragma once
/// Strict loading of YAML configuration files (plans, mapping specs) with every error
/// reported at once as `file:line:col: message`, followed by the offending line and a
/// caret, as ninja does.
///
///     Diagnostics diag("plan.yaml");
///     YAML::Node root = LoadYamlFile("plan.yaml", diag);
///     CheckKeys(root, {"version", "name", "source"}, "the plan", diag);
///     diag.ThrowIfErrors();   // PlanError with all messages, one per line
///
/// No YAML::Node leaves the loaders that use this: they fill plain structs.

#include <yaml-cpp/yaml.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ferry {

/// Collects the errors and warnings of one configuration file.
class Diagnostics {
 public:
  /// `display_name` is how the file is named in messages (as the user gave it).
  explicit Diagnostics(std::string display_name, std::string text = "");

  /// Records an error at `mark` (yaml-cpp marks are 0-based; messages are 1-based).
  /// `show_context` false hides the source line (for lines that may hold secrets).
  void Error(const YAML::Mark& mark, const std::string& message, bool show_context = true);
  /// Records an error about the whole file.
  void Error(const std::string& message);
  /// Records a warning at `mark`.
  void Warning(const YAML::Mark& mark, const std::string& message);

  bool HasErrors() const { return !errors_.empty(); }
  /// Every error so far, each `file:line:col: message` (plus context lines).
  const std::vector<std::string>& errors() const { return errors_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  /// Never show source line `line` (0-based) in messages: it holds a secret.
  void HideLine(int line) { hidden_lines_.push_back(line); }
  const std::string& display_name() const { return display_name_; }
  void set_text(std::string text);

  /// Throws PlanError carrying every error (one per line) when there is any.
  void ThrowIfErrors() const;

 private:
  std::string Locate(const YAML::Mark& mark) const;
  std::string Context(const YAML::Mark& mark) const;

  std::string display_name_;
  std::vector<std::string> lines_;
  std::vector<std::string> errors_;
  std::vector<std::string> warnings_;
  std::vector<int> hidden_lines_;
};

/// Reads and parses `path`; a missing file or a syntax error goes to `diag` and an
/// undefined node is returned.
YAML::Node LoadYamlFile(const std::string& path, Diagnostics& diag);
/// Parses `text` (named `diag.display_name()` in messages).
YAML::Node LoadYamlString(const std::string& text, Diagnostics& diag);

/// True when `node` is a map; otherwise reports "`what` must be a mapping".
bool ExpectMap(const YAML::Node& node, std::string_view what, Diagnostics& diag);

/// Reports every key of map `node` not in `allowed`, with a "did you mean".
/// `what` names the map in messages ("options", "the plan").
void CheckKeys(const YAML::Node& node, std::span<const std::string> allowed,
               std::string_view what, Diagnostics& diag);

/// Reports a missing required key `key` of map `node`.
bool RequireKey(const YAML::Node& node, std::string_view key, std::string_view what,
                Diagnostics& diag);

/// The scalar at `node[key]` as text, if present and a scalar; a non-scalar is reported.
std::optional<std::string> ReadString(const YAML::Node& node, std::string_view key,
                                      std::string_view what, Diagnostics& diag);
/// The scalar at `node[key]` as a whole number in [min, max]; anything else is reported.
std::optional<long long> ReadInteger(const YAML::Node& node, std::string_view key,
                                     std::string_view what, Diagnostics& diag,
                                     long long min = 0, long long max = 1LL << 40);
/// The scalar at `node[key]` as true/false; anything else is reported.
std::optional<bool> ReadBool(const YAML::Node& node, std::string_view key,
                             std::string_view what, Diagnostics& diag);
/// A sequence of scalars at `node[key]` (a single scalar is accepted as a list of one).
std::optional<std::vector<std::string>> ReadStringList(const YAML::Node& node,
                                                       std::string_view key,
                                                       std::string_view what,
                                                       Diagnostics& diag);

/// The mark of `node[key]`'s key where it can be found, else of `node`.
YAML::Mark KeyMark(const YAML::Node& node, std::string_view key);

/// True when a scalar was written quoted in the file (so `"123"` stays a string).
bool IsQuoted(const YAML::Node& scalar);

}  // namespace ferry
