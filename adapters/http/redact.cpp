#include "adapters/http/redact.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace ferry::http {

namespace {

constexpr std::string_view kRedacted = "REDACTED";

std::string Lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// `user:password@` in the authority part.
std::string RedactUserInfo(std::string_view url) {
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  std::size_t authority = scheme_end + 3;
  std::size_t authority_end = url.find_first_of("/?#", authority);
  std::size_t at = url.rfind('@', authority_end == std::string_view::npos ? url.size() : authority_end);
  if (at == std::string_view::npos || at < authority) return std::string(url);
  return std::string(url.substr(0, authority)) + std::string(kRedacted) + std::string(url.substr(at));
}

std::string RedactQuery(std::string_view query) {
  std::string out;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = std::min(query.find('&', start), query.size());
    std::string_view pair = query.substr(start, end - start);
    std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && IsSecretName(pair.substr(0, eq)))
      out += std::string(pair.substr(0, eq + 1)) + std::string(kRedacted);
    else
      out += pair;
    if (end == query.size()) break;
    out += '&';
    start = end + 1;
  }
  return out;
}

}  // namespace

bool IsSecretName(std::string_view name) {
  const std::string lower = Lowercase(name);
  static constexpr std::array<std::string_view, 4> kExact = {"authorization", "proxy-authorization", "cookie",
                                                             "set-cookie"};
  for (auto exact : kExact)
    if (lower == exact) return true;
  static constexpr std::array<std::string_view, 11> kParts = {
      "token", "key",  "secret",     "password", "passwd", "signature",
      "sig",   "auth", "credential", "session",  "code"};
  for (auto part : kParts)
    if (lower.find(part) != std::string::npos) return true;
  return false;
}

std::string RedactUrl(std::string_view url) {
  std::string without_user = RedactUserInfo(url);
  std::size_t question = without_user.find('?');
  if (question == std::string::npos) return without_user;
  std::size_t hash = without_user.find('#', question);
  std::string_view view(without_user);
  std::string_view query = view.substr(question + 1, hash == std::string::npos ? std::string::npos : hash - question - 1);
  std::string out = without_user.substr(0, question + 1) + RedactQuery(query);
  if (hash != std::string::npos) out += without_user.substr(hash);
  return out;
}

std::string RedactHeader(const Header& header) {
  return header.name + ": " + (IsSecretName(header.name) ? std::string(kRedacted) : header.value);
}

}  // namespace ferry::http
