#include "adapters/http/http_types.hpp"

namespace ferry::http {

namespace {
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (Lower(a[i]) != Lower(b[i])) return false;
  return true;
}

std::string Response::HeaderValue(std::string_view name) const {
  std::string value;
  for (const auto& header : headers)
    if (EqualsIgnoreCase(header.name, name)) value = header.value;
  return value;
}

}  // namespace ferry::http
