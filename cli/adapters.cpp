#include "cli/adapters.hpp"

#include <algorithm>
#include <cstdio>

#include "adapters/registry.hpp"
#include "cli/exit.hpp"

namespace ferry::cli {

namespace {

const char* TypeName(KeyType type) {
  switch (type) {
    case KeyType::kString: return "string";
    case KeyType::kPath: return "path";
    case KeyType::kInteger: return "integer";
    case KeyType::kBool: return "bool";
    case KeyType::kChar: return "char";
    case KeyType::kSecret: return "secret";
    case KeyType::kStringList: return "list";
    case KeyType::kStringMap: return "map";
  }
  return "string";
}

std::string Detail(const KeySpec& key) {
  return key.required ? "required" : key.default_value.empty() ? "optional" : "default " + key.default_value;
}

/// The keys in aligned columns, each as wide as its longest entry in this list.
void PrintKeys(const char* role, const std::vector<KeySpec>& keys) {
  if (keys.empty()) return;
  int name_width = 0, detail_width = 0;
  for (const auto& key : keys) {
    name_width = std::max(name_width, static_cast<int>(key.name.size()));
    detail_width = std::max(detail_width, static_cast<int>(Detail(key).size()));
  }
  std::printf("  as %s:\n", role);
  for (const auto& key : keys) {
    std::printf("    %-*s  %-7s  %-*s  %s\n", name_width, key.name.c_str(), TypeName(key.type), detail_width,
                Detail(key).c_str(), key.help.c_str());
  }
}

int Run() {
  for (const AdapterInfo* info : AllAdapters()) {
    std::string can = std::string(info->CanRead() ? "source" : "") + (info->CanRead() && info->CanWrite() ? ", " : "") +
                      (info->CanWrite() ? "target" : "");
    std::printf("%-10s %-16s %s\n", info->name.c_str(), can.c_str(), info->summary.c_str());
    PrintKeys("source", info->source_keys);
    PrintKeys("target", info->target_keys);
  }
  return 0;
}

}  // namespace

void SetupAdapters(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("adapters", "List the adapters this build has, what each can do, and their plan keys");
  cmd->footer(R"(Examples:
  ferry adapters)");
  cmd->callback([] { throw ExitWith(Run()); });
}

}  // namespace ferry::cli
