#include "adapters/ndjson/ndjson_files.hpp"

#include <algorithm>
#include <cctype>
#include <system_error>

#include "adapters/ndjson/layout.hpp"
#include "core/common/error.hpp"

namespace ferry::ndjson {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPlain = ".ndjson";
constexpr std::string_view kGzip = ".ndjson.gz";

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLetter(char c) { return IsUpper(c) || (c >= 'a' && c <= 'z'); }

/// The regular files of `dir` for which `type_of(name)` is a type, sorted by name.
template <typename TypeOf>
std::vector<NdjsonFile> List(const fs::path& dir, TypeOf type_of) {
  std::vector<NdjsonFile> files;
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    std::string name = it->path().filename().string();
    std::string type = type_of(name);
    if (type.empty() || !it->is_regular_file()) continue;
    files.push_back({name, type, it->path().string(), it->file_size()});
  }
  if (error) {
    throw IoError("cannot list " + dir.string() + ": " + error.message() +
                  "; check that the directory exists and is readable");
  }
  std::sort(files.begin(), files.end(),
            [](const NdjsonFile& a, const NdjsonFile& b) { return a.name < b.name; });
  return files;
}

}  // namespace

bool IsResourceTypeName(std::string_view text) {
  return !text.empty() && IsUpper(text[0]) && std::all_of(text.begin(), text.end(), IsLetter);
}

std::string ResourceTypeOfInput(std::string_view file_name) {
  std::string_view stem;
  if (file_name.ends_with(kGzip)) {
    stem = file_name.substr(0, file_name.size() - kGzip.size());
  } else if (file_name.ends_with(kPlain)) {
    stem = file_name.substr(0, file_name.size() - kPlain.size());
  }
  std::size_t letters = 0;
  while (letters < stem.size() && IsLetter(stem[letters])) ++letters;
  std::string_view type = stem.substr(0, letters);
  return IsResourceTypeName(type) ? std::string(type) : std::string();
}

std::string ResourceTypeOfOutput(std::string_view file_name) {
  std::optional<OutputName> name = ParseOutputName(file_name);
  return name ? name->resource_type : std::string();
}

std::vector<NdjsonFile> ListInputs(const fs::path& dir, const std::vector<std::string>& types) {
  return SelectTypes(List(dir, [](const std::string& name) { return ResourceTypeOfInput(name); }),
                     types);
}

std::vector<NdjsonFile> SelectTypes(std::vector<NdjsonFile> all,
                                    const std::vector<std::string>& types) {
  if (types.empty()) return all;
  std::vector<NdjsonFile> chosen;
  for (const std::string& type : types) {
    for (const NdjsonFile& file : all) {
      if (file.resource_type == type) chosen.push_back(file);
    }
  }
  return chosen;
}

std::vector<NdjsonFile> ListOutputs(const fs::path& dir) {
  if (!fs::exists(dir)) return {};
  return List(dir, [](const std::string& name) { return ResourceTypeOfOutput(name); });
}

}  // namespace ferry::ndjson
