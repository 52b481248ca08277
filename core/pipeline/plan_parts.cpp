#include "core/pipeline/plan_parts.hpp"

#include <fstream>
#include <sstream>

#include "adapters/providers/provider_check.hpp"
#include "adapters/registry.hpp"
#include "core/common/error.hpp"
#include "core/common/file_text.hpp"
#include "core/common/hash.hpp"
#include "core/common/strings.hpp"
#include "core/fhir/validator.hpp"

namespace ferry {

namespace {

std::vector<std::string> StreamsFor(const MappingSpec& spec, const std::set<std::string>& wanted) {
  std::vector<std::string> streams;
  for (const auto& rule : spec.rules) {
    if (!wanted.empty() && !wanted.count(rule.to)) continue;
    bool seen = false;
    for (const auto& stream : streams) seen = seen || stream == rule.from;
    if (!seen) streams.push_back(rule.from);
  }
  return streams;
}

}  // namespace

std::set<std::string> WantedTypes(const Plan& plan, const std::vector<std::string>& only) {
  Validator validator;
  for (const auto* list : {&plan.resources, &only}) {
    for (const auto& type : *list) {
      if (!validator.IsResourceType(type))
        throw PlanError("'" + type + "' is not a FHIR R4 resource type; check 'resources' in " + plan.path +
                        " and --only");
    }
  }
  std::set<std::string> wanted(plan.resources.begin(), plan.resources.end());
  if (only.empty()) return wanted;
  std::set<std::string> narrowed;
  for (const auto& type : only) {
    if (wanted.empty() || wanted.count(type)) narrowed.insert(type);
  }
  if (narrowed.empty()) throw PlanError("--only names no type among the plan's 'resources'");
  return narrowed;
}

SourceParts OpenSourceParts(const Plan& plan, const std::vector<std::string>& only) {
  SourceParts parts;
  parts.info = FindAdapter(plan.source.adapter);
  parts.wanted_types = WantedTypes(plan, only);
  if (!plan.mapping_path.empty()) {
    parts.spec = std::make_unique<MappingSpec>(LoadMappingSpec(plan.mapping_path));
    parts.mapper = std::make_unique<Mapper>(*parts.spec);
    parts.streams = StreamsFor(*parts.spec, parts.wanted_types);
  } else {
    parts.streams.assign(parts.wanted_types.begin(), parts.wanted_types.end());
  }
  parts.transforms = std::make_unique<transform::TransformChain>(plan.transforms, plan.dir);
  SourceContext context{parts.streams};
  parts.source = parts.info->open_source(providers::WithProviderDefaults(plan.source, parts.info->source_keys), context);
  if (parts.spec) parts.source->OnlyColumns(parts.spec->stream_columns);
  return parts;
}

std::unique_ptr<Sink> OpenTarget(const Plan& plan) {
  const AdapterInfo* info = FindAdapter(plan.target.adapter);
  AdapterConfig config = providers::WithProviderDefaults(plan.target, info->target_keys);
  config.state_path = plan.state_path;
  return info->open_sink(config);
}

std::string PlanFingerprint(const Plan& plan) {
  std::string text = ReadFileText(plan.path).value_or("");
  if (!plan.mapping_path.empty()) text += "\n--mapping--\n" + ReadFileText(plan.mapping_path).value_or("");
  return Sha256Hex(text);
}

}  // namespace ferry
