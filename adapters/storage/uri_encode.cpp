#include "adapters/storage/uri_encode.hpp"

namespace ferry::storage {

namespace {

bool Unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

}  // namespace

std::string UriEncode(std::string_view text, bool encode_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (Unreserved(c) || (c == '/' && !encode_slash)) {
      out += c;
    } else {
      auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

std::string QueryString(const std::map<std::string, std::string>& params) {
  std::string query;
  for (const auto& [key, value] : params) {
    query += query.empty() ? '?' : '&';
    query += UriEncode(key, true) + "=" + UriEncode(value, true);
  }
  return query;
}

UrlParts SplitUrl(std::string_view url) {
  UrlParts parts;
  std::size_t scheme_end = url.find("://");
  std::size_t host_start = 0;
  if (scheme_end != std::string_view::npos) {
    parts.scheme = url.substr(0, scheme_end);
    host_start = scheme_end + 3;
  }
  std::size_t path_start = url.find_first_of("/?", host_start);
  parts.host = url.substr(host_start, path_start - host_start);
  if (path_start == std::string_view::npos) {
    parts.path = "/";
    return parts;
  }
  std::size_t query_start = url.find('?', path_start);
  parts.path = url.substr(path_start, query_start - path_start);
  if (parts.path.empty()) parts.path = "/";
  if (query_start != std::string_view::npos) parts.query = url.substr(query_start + 1);
  return parts;
}

}  // namespace ferry::storage
