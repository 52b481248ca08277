#include "adapters/storage/azure_signer.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>
#include <vector>

#include "adapters/storage/checksums.hpp"
#include "adapters/storage/uri_encode.hpp"
#include "core/common/error.hpp"
#include "core/common/strings.hpp"
#include "core/common/hash.hpp"

namespace ferry::storage {

namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] == '%' && at + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[at + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[at + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(at + 1, 2)), nullptr, 16));
      at += 2;
    } else {
      out += text[at];
    }
  }
  return out;
}

/// The value of header `name` (case-insensitive) of `request`, or "".
std::string HeaderOf(const http::Request& request, std::string_view name) {
  for (const http::Header& header : request.headers) {
    if (Lower(header.name) == name) return header.value;
  }
  return "";
}

std::string CanonicalizedHeaders(const http::Request& request) {
  std::vector<std::pair<std::string, std::string>> headers;
  for (const http::Header& header : request.headers) {
    std::string name = Lower(header.name);
    if (name.starts_with("x-ms-")) headers.emplace_back(name, std::string(Trim(header.value)));
  }
  std::sort(headers.begin(), headers.end());
  std::string out;
  for (const auto& [name, value] : headers) out += name + ":" + value + "\n";
  return out;
}

std::string CanonicalizedResource(const std::string& account, const std::string& url) {
  UrlParts parts = SplitUrl(url);
  std::string out = "/" + account + parts.path;
  std::map<std::string, std::vector<std::string>> params;
  if (!parts.query.empty()) {
    for (const std::string& pair : Split(parts.query, '&')) {
      std::size_t eq = pair.find('=');
      std::string name = Lower(PercentDecode(pair.substr(0, eq)));
      params[name].push_back(eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1)));
    }
  }
  for (auto& [name, values] : params) {
    std::sort(values.begin(), values.end());
    out += "\n" + name + ":" + Join(values, ",");
  }
  return out;
}

std::string HttpDate(std::time_t now) {
  std::tm utc{};
  gmtime_r(&now, &utc);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[utc.tm_wday],
                utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                utc.tm_sec);
  return text;
}

}  // namespace

std::string DecodeBase64(const std::string& text, bool& ok) {
  std::string out(text.size(), '\0');
  int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                             reinterpret_cast<const unsigned char*>(text.data()),
                             static_cast<int>(text.size()));
  ok = size >= 0 && text.size() % 4 == 0;
  if (!ok) return "";
  std::size_t padding = 0;
  for (std::size_t at = text.size(); at > 0 && text[at - 1] == '='; --at) ++padding;
  out.resize(static_cast<std::size_t>(size) - padding);
  return out;
}

void SignAzureRequest(http::Request& request, const std::string& account,
                      const std::string& key_base64, std::time_t now) {
  request.headers.push_back({"x-ms-date", HttpDate(now)});
  std::string length = request.body.empty() ? "" : std::to_string(request.body.size());
  std::string to_sign = request.method + "\n" + HeaderOf(request, "content-encoding") + "\n" +
                        HeaderOf(request, "content-language") + "\n" + length + "\n" +
                        HeaderOf(request, "content-md5") + "\n" + HeaderOf(request, "content-type") +
                        "\n\n" + HeaderOf(request, "if-modified-since") + "\n" +
                        HeaderOf(request, "if-match") + "\n" + HeaderOf(request, "if-none-match") +
                        "\n" + HeaderOf(request, "if-unmodified-since") + "\n" +
                        HeaderOf(request, "range") + "\n" + CanonicalizedHeaders(request) +
                        CanonicalizedResource(account, request.url);
  bool ok = false;
  std::string key = DecodeBase64(key_base64, ok);
  if (!ok) throw PlanError("Azure Blob: account_key is not base64; copy the key as the portal shows it");
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(to_sign.data()), to_sign.size(), mac, &size);
  request.headers.push_back(
      {"Authorization", "SharedKey " + account + ":" +
                            Base64(std::string_view(reinterpret_cast<char*>(mac), size))});
}

AzureSharedKeySigner::AzureSharedKeySigner(std::string account, std::string key_base64)
    : account_(std::move(account)), key_base64_(std::move(key_base64)) {}

void AzureSharedKeySigner::Authorize(http::Request& request) {
  std::erase_if(request.headers, [](const http::Header& header) {
    std::string name = Lower(header.name);
    return name == "authorization" || name == "x-ms-date";
  });
  SignAzureRequest(request, account_, key_base64_, std::time(nullptr));
}

}  // namespace ferry::storage
