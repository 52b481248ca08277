#include "adapters/fhir/search_page.hpp"

#include <cstdlib>

#include "core/fhir/json.hpp"

namespace ferry::fhir {

namespace {

Result<void> ParseBundle(std::string_view json, JsonDocument& doc) {
  if (auto parsed = ParseJson(json, doc); !parsed) return Failure("search response: " + parsed.error());
  if (!doc.IsObject() || !doc.HasMember("resourceType") || !doc["resourceType"].IsString() ||
      std::string_view(doc["resourceType"].GetString()) != "Bundle")
    return Failure("search response is not a Bundle");
  return {};
}

std::optional<std::uint64_t> Total(const JsonDocument& doc) {
  if (!doc.HasMember("total") || !IsRawNumber(doc["total"])) return std::nullopt;
  std::string text(RawNumberText(doc["total"]));
  return std::strtoull(text.c_str(), nullptr, 10);
}

std::string NextLink(const JsonDocument& doc) {
  if (!doc.HasMember("link") || !doc["link"].IsArray()) return "";
  for (const auto& link : doc["link"].GetArray()) {
    if (!link.IsObject() || !link.HasMember("relation") || !link.HasMember("url")) continue;
    if (!link["relation"].IsString() || !link["url"].IsString()) continue;
    if (std::string_view(link["relation"].GetString()) == "next") return link["url"].GetString();
  }
  return "";
}

bool IsMatch(const JsonValue& entry) {
  if (!entry.HasMember("search") || !entry["search"].IsObject()) return true;
  const JsonValue& search = entry["search"];
  if (!search.HasMember("mode") || !search["mode"].IsString()) return true;
  return std::string_view(search["mode"].GetString()) == "match";
}

}  // namespace

Result<SearchPage> ParseSearchPage(std::string_view json) {
  JsonDocument doc;
  if (auto parsed = ParseBundle(json, doc); !parsed) return Failure(parsed.error());
  SearchPage page;
  page.total = Total(doc);
  page.next = NextLink(doc);
  if (!doc.HasMember("entry")) return page;
  if (!doc["entry"].IsArray()) return Failure("search response: Bundle.entry is not an array");
  for (const auto& entry : doc["entry"].GetArray()) {
    if (!entry.IsObject() || !entry.HasMember("resource") || !entry["resource"].IsObject() || !IsMatch(entry)) {
      ++page.skipped;
      continue;
    }
    page.resources.push_back(WriteJson(entry["resource"]));
  }
  return page;
}

Result<std::uint64_t> ParseSearchTotal(std::string_view json) {
  JsonDocument doc;
  if (auto parsed = ParseBundle(json, doc); !parsed) return Failure(parsed.error());
  auto total = Total(doc);
  if (!total) return Failure("search response has no Bundle.total");
  return *total;
}

}  // namespace ferry::fhir
