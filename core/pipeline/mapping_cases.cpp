#include "core/pipeline/mapping_cases.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "adapters/registry.hpp"
#include "core/common/error.hpp"
#include "core/common/file_text.hpp"
#include "core/common/strings.hpp"
#include "core/fhir/validator.hpp"
#include "core/pipeline/record_processor.hpp"
#include "mappings/engine/mapper.hpp"

namespace ferry {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kBatchSize = 1000;

/// "hl7v2" when `dir` holds HL7 v2 files (*.hl7, *.mllp), else "csv".
std::string InputAdapter(const std::string& dir) {
  if (!fs::is_directory(dir)) return "csv";
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string extension = entry.path().extension().string();
    if (extension == ".hl7" || extension == ".mllp") return "hl7v2";
  }
  return "csv";
}

AdapterConfig InputConfig(const std::string& adapter, const std::string& dir) {
  const AdapterInfo* info = FindAdapter(adapter);
  AdapterConfig config;
  config.adapter = adapter;
  for (const auto& key : info->source_keys) {
    if (!key.default_value.empty()) config.values[key.name] = ConfigValue{key.type, key.default_value, {}, {}, ""};
  }
  config.values["path"] = ConfigValue{KeyType::kPath, dir, {}, {}, ""};
  return config;
}

/// File name -> content the mapping produces for the case's input.
std::map<std::string, std::string> Produce(const MappingSpec& spec, const std::string& input_dir) {
  Mapper mapper(spec);
  Validator validator;
  RecordProcessor processor(&spec, &mapper, validator, {});
  SourceContext context{mapper.Streams()};
  const std::string adapter = InputAdapter(input_dir);
  std::unique_ptr<Source> source = FindAdapter(adapter)->open_source(InputConfig(adapter, input_dir), context);
  source->OnlyColumns(spec.stream_columns);
  source->Seek("");
  std::map<std::string, std::string> files;
  double ignored_seconds = 0;
  for (RecordBatch batch = source->Next(kBatchSize); !batch.records.empty(); batch = source->Next(kBatchSize)) {
    std::vector<ProcessedItem> items;
    for (const auto& record : batch.records) processor.Process(record, items, ignored_seconds, ignored_seconds);
    for (const auto& item : items) {
      if (item.kind == ProcessedItem::Kind::kResource) files[item.resource_type + ".ndjson"] += item.resource.json + "\n";
      if (item.kind == ProcessedItem::Kind::kDead) files["dead.ndjson"] += item.dead_letter + "\n";
    }
  }
  return files;
}

std::map<std::string, std::string> ReadExpected(const fs::path& dir) {
  std::map<std::string, std::string> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".ndjson")
      files[entry.path().filename().string()] = ReadFileText(entry.path().string()).value_or("");
  }
  return files;
}

/// "expected/Patient.ndjson:3: differs\n  expected: ...\n  actual:   ..."
std::string FirstDifference(const std::string& name, const std::string& expected, const std::string& actual) {
  std::vector<std::string> want = Split(expected, '\n');
  std::vector<std::string> got = Split(actual, '\n');
  std::size_t count = std::max(want.size(), got.size());
  for (std::size_t line_idx = 0; line_idx < count; ++line_idx) {
    std::string a = line_idx < want.size() ? want[line_idx] : "<end of file>";
    std::string b = line_idx < got.size() ? got[line_idx] : "<end of file>";
    if (a != b)
      return "expected/" + name + ":" + std::to_string(line_idx + 1) + ": differs\n  expected: " + a + "\n  actual:   " + b;
  }
  return "expected/" + name + ": differs";
}

std::string Compare(const std::map<std::string, std::string>& expected, const std::map<std::string, std::string>& actual) {
  for (const auto& [name, content] : expected) {
    auto it = actual.find(name);
    if (it == actual.end()) return "expected/" + name + ": the mapping produced no such output";
    if (it->second != content) return FirstDifference(name, content, it->second);
  }
  for (const auto& [name, content] : actual) {
    if (!expected.count(name))
      return "expected/" + name + ": missing; the mapping produced it (run with --update to write it, then review)";
  }
  return "";
}

void WriteExpected(const fs::path& dir, const std::map<std::string, std::string>& files) {
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".ndjson") fs::remove(entry.path());
  }
  for (const auto& [name, content] : files) std::ofstream(dir / name, std::ios::binary) << content;
}

}  // namespace

CaseResult RunMappingCase(const std::string& spec_path, const std::string& case_dir, bool update) {
  CaseResult result;
  result.path = case_dir;
  result.name = fs::path(case_dir).filename().string();
  MappingSpec spec = LoadMappingSpec(spec_path);
  std::map<std::string, std::string> actual = Produce(spec, (fs::path(case_dir) / "input").string());
  if (update) WriteExpected(fs::path(case_dir) / "expected", actual);
  result.failure = Compare(ReadExpected(fs::path(case_dir) / "expected"), actual);
  result.passed = result.failure.empty();
  return result;
}

std::vector<CaseResult> RunMappingCases(const std::string& spec_path, const std::string& cases_dir, bool update) {
  if (!fs::is_directory(cases_dir))
    throw PlanError(cases_dir + ": no such directory of cases; pass --cases DIR with one folder per case");
  std::vector<std::string> dirs;
  for (const auto& entry : fs::directory_iterator(cases_dir)) {
    if (entry.is_directory() && fs::is_directory(entry.path() / "input")) dirs.push_back(entry.path().string());
  }
  std::sort(dirs.begin(), dirs.end());
  std::vector<CaseResult> results;
  for (const auto& dir : dirs) results.push_back(RunMappingCase(spec_path, dir, update));
  return results;
}

}  // namespace ferry
