#include "core/archive/escrow_check.hpp"

#include <cstring>
#include <set>

#include "core/archive/archive_error.hpp"
#include "core/common/hash.hpp"

namespace ferry::archive {
namespace {

constexpr std::string_view kNdjsonSuffix = ".ndjson";

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// `name` if it is safe to print, else a stand-in (names come from the archive's author).
std::string Shown(const std::string& name) {
  return IsSafeEntryName(name) ? name : "(a file with an unsafe name)";
}

void CompareFile(const ManifestFile& listed, const ScannedFile& found,
                 std::vector<std::string>* problems) {
  std::string name = Shown(listed.url);
  if (found.bytes != listed.bytes) {
    problems->push_back(name + ": " + std::to_string(found.bytes) + " bytes, the manifest says " +
                        std::to_string(listed.bytes));
  } else if (found.sha256 != listed.sha256) {
    problems->push_back(name + ": its SHA-256 differs from the manifest's");
  }
  if (found.count != listed.count) {
    problems->push_back(name + ": " + std::to_string(found.count) +
                        " resources, the manifest says " + std::to_string(listed.count));
  }
}

}  // namespace

std::uint64_t CountNewlines(ByteSpan bytes) {
  std::uint64_t count = 0;
  const std::uint8_t* at = bytes.data();
  const std::uint8_t* end = at + bytes.size();
  while (at < end) {
    const void* newline = std::memchr(at, '\n', static_cast<std::size_t>(end - at));
    if (!newline) break;
    ++count;
    at = static_cast<const std::uint8_t*>(newline) + 1;
  }
  return count;
}

void NdjsonDigest::Write(ByteSpan bytes) {
  if (bytes.empty()) return;
  sha_.Update(bytes);
  lines_ += CountNewlines(bytes);
  last_byte_ = bytes.back();
  bytes_ += bytes.size();
}

ScannedFile NdjsonDigest::Result() {
  Digest digest = sha_.Final();
  return ScannedFile{bytes_, lines_ + (last_byte_ == '\n' ? 0 : 1),
                     ToHex(digest.data(), digest.size())};
}

bool IsSafeEntryName(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '.') return false;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> CheckedEntryName(const TarEntry& entry) {
  std::string name = entry.name.rfind("./", 0) == 0 ? entry.name.substr(2) : entry.name;
  if (entry.type == TarEntry::Type::kDirectory) {
    if (name.empty() || name == ".") return std::nullopt;
    throw ArchiveError(
        "archive has a subdirectory; an escrow archive holds only <Type>.ndjson files and "
        "manifest.json");
  }
  if (entry.type != TarEntry::Type::kFile)
    throw ArchiveError("archive has an entry that is not a regular file");
  if (!IsSafeEntryName(name)) {
    throw ArchiveError(
        "archive has an entry with an unsafe name (only letters, digits, '.', '_' and '-' are "
        "allowed)");
  }
  if (name != kManifestName && !EndsWith(name, kNdjsonSuffix)) {
    throw ArchiveError("archive has an entry '" + name +
                       "' that is neither <Type>.ndjson nor manifest.json");
  }
  return name;
}

EscrowVerification CompareWithManifest(const std::map<std::string, ScannedFile>& files,
                                       const std::optional<std::string>& manifest_json) {
  EscrowVerification result;
  if (!manifest_json) {
    result.problems.push_back("the archive has no manifest.json");
    return result;
  }
  result.files = ParseEscrowManifest(*manifest_json);
  std::set<std::string> listed;
  for (const ManifestFile& file : result.files) {
    if (!listed.insert(file.url).second)
      result.problems.push_back(Shown(file.url) + ": listed twice in the manifest");
    if (file.url != file.type + std::string(kNdjsonSuffix)) {
      result.problems.push_back(Shown(file.url) + ": the manifest gives it another resource type");
    }
    auto found = files.find(file.url);
    if (found == files.end()) {
      result.problems.push_back(Shown(file.url) +
                                ": listed in the manifest but not in the archive");
      continue;
    }
    CompareFile(file, found->second, &result.problems);
  }
  for (const auto& [name, found] : files) {
    if (!listed.count(name))
      result.problems.push_back(Shown(name) + ": in the archive but not in the manifest");
  }
  return result;
}

}  // namespace ferry::archive
