#include "adapters/storage/upload_journal.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/common/atomic_file.hpp"

namespace ferry::storage {

namespace {

constexpr std::string_view kMagic = "ferry-upload 1";

bool ParseNumber(const std::string& text, std::uint64_t& number) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

std::optional<UploadJournal> LoadJournal(const std::string& path) {
  if (path.empty()) return std::nullopt;
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line) || line != kMagic) return std::nullopt;
  UploadJournal journal;
  bool ok = true;
  while (std::getline(in, line)) {
    std::size_t space = line.find(' ');
    std::string name = line.substr(0, space);
    std::string value = space == std::string::npos ? "" : line.substr(space + 1);
    if (name == "key") journal.key = value;
    else if (name == "id") journal.id = value;
    else if (name == "size") ok = ok && ParseNumber(value, journal.size);
    else if (name == "part_size") ok = ok && ParseNumber(value, journal.part_size);
  }
  if (!ok || journal.key.empty() || journal.id.empty()) return std::nullopt;
  return journal;
}

void SaveJournal(const std::string& path, const UploadJournal& journal) {
  std::ostringstream text;
  text << kMagic << "\nkey " << journal.key << "\nid " << journal.id << "\nsize " << journal.size
       << "\npart_size " << journal.part_size << "\n";
  WriteFileAtomically(path, text.str(), 0600);
}

void RemoveJournal(const std::string& path) {
  if (path.empty()) return;
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
}

}  // namespace ferry::storage
