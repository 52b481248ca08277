#include "adapters/auth/static_auth.hpp"

#include <algorithm>

namespace ferry::http {

void SetAuthorization(Request& request, const std::string& value) {
  auto& headers = request.headers;
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [](const Header& header) { return EqualsIgnoreCase(header.name, "Authorization"); }),
                headers.end());
  headers.push_back({"Authorization", value});
}

void BearerAuth::Authorize(Request& request) { SetAuthorization(request, "Bearer " + token_); }

BasicAuth::BasicAuth(const std::string& username, const std::string& password)
    : value_("Basic " + Base64(username + ":" + password)) {}

void BasicAuth::Authorize(Request& request) { SetAuthorization(request, value_); }

std::string Base64(std::string_view data) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    unsigned triple = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                      static_cast<unsigned char>(data[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(triple >> shift) & 63];
  }
  std::size_t rest = data.size() - i;
  if (rest > 0) {
    unsigned triple = static_cast<unsigned>(static_cast<unsigned char>(data[i]) << 16);
    if (rest == 2) triple |= static_cast<unsigned>(static_cast<unsigned char>(data[i + 1]) << 8);
    out += kAlphabet[(triple >> 18) & 63];
    out += kAlphabet[(triple >> 12) & 63];
    out += rest == 2 ? kAlphabet[(triple >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string Base64Url(std::string_view data) {
  std::string out = Base64(data);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : (c == '/' ? '_' : c);
  return out;
}

}  // namespace ferry::http
