#include "adapters/fhir_bulk/bulk_request.hpp"

#include <cctype>

#include "core/common/strings.hpp"

namespace ferry::fhir_bulk {

namespace {

std::string OperationPath(const BulkRequest& request) {
  switch (request.level) {
    case ExportLevel::kSystem:
      return "/$export";
    case ExportLevel::kPatient:
      return "/Patient/$export";
    case ExportLevel::kGroup:
      return "/Group/" + PercentEncode(request.group_id) + "/$export";
  }
  return "/$export";
}

void AddParam(std::string& url, char& separator, std::string_view name, std::string_view value) {
  url += separator;
  url.append(name);
  url += '=';
  url += PercentEncode(value);
  separator = '&';
}

}  // namespace

ExportLevel ParseExportLevel(std::string_view text, bool& ok) {
  ok = true;
  if (text == "system") return ExportLevel::kSystem;
  if (text == "patient") return ExportLevel::kPatient;
  if (text == "group") return ExportLevel::kGroup;
  ok = false;
  return ExportLevel::kSystem;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

std::string KickoffUrl(const BulkRequest& request) {
  std::string url = request.base_url + OperationPath(request);
  char separator = '?';
  if (!request.output_format.empty()) AddParam(url, separator, "_outputFormat", request.output_format);
  if (!request.types.empty()) AddParam(url, separator, "_type", Join(request.types, ","));
  if (!request.since.empty()) AddParam(url, separator, "_since", request.since);
  if (!request.until.empty()) AddParam(url, separator, "_until", request.until);
  for (const std::string& filter : request.type_filters) AddParam(url, separator, "_typeFilter", filter);
  return url;
}

}  // namespace ferry::fhir_bulk
