#include "adapters/storage/s3_signer.hpp"

#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include "adapters/storage/uri_encode.hpp"
#include "core/common/hash.hpp"
#include "core/common/strings.hpp"

namespace ferry::storage {

namespace {

std::string Hmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &size);
  return std::string(reinterpret_cast<char*>(out), size);
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// `value` trimmed, with runs of spaces made one (SigV4's header value rule).
std::string CanonicalValue(std::string_view value) {
  std::string out;
  for (char c : Trim(value)) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  return out;
}

/// `k=v` pairs of `query`, sorted; a bare `k` becomes `k=`.
std::string CanonicalQuery(std::string_view query) {
  if (query.empty()) return "";
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const std::string& part : Split(query, '&')) {
    std::size_t eq = part.find('=');
    if (eq == std::string::npos) pairs.emplace_back(part, "");
    else pairs.emplace_back(part.substr(0, eq), part.substr(eq + 1));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [key, value] : pairs) out += (out.empty() ? "" : "&") + key + "=" + value;
  return out;
}

std::string Timestamp(std::time_t now, const char* format) {
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, format, &utc);
  return text;
}

bool IsSignatureHeader(std::string_view name) {
  std::string lower = Lower(name);
  return lower == "authorization" || lower == "x-amz-date" || lower == "x-amz-security-token";
}

}  // namespace

void SignS3Request(http::Request& request, const S3Credentials& credentials,
                   const std::string& region, std::time_t now, const std::string& service) {
  std::string amz_date = Timestamp(now, "%Y%m%dT%H%M%SZ");
  std::string date = amz_date.substr(0, 8);
  request.headers.push_back({"x-amz-date", amz_date});
  if (!credentials.session_token.empty()) {
    request.headers.push_back({"x-amz-security-token", credentials.session_token});
  }
  UrlParts url = SplitUrl(request.url);
  std::vector<std::pair<std::string, std::string>> headers = {{"host", url.host}};
  std::string payload_hash;
  for (const http::Header& header : request.headers) {
    headers.emplace_back(Lower(header.name), CanonicalValue(header.value));
    if (headers.back().first == "x-amz-content-sha256") payload_hash = headers.back().second;
  }
  std::sort(headers.begin(), headers.end());
  std::string canonical_headers, signed_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    signed_headers += (signed_headers.empty() ? "" : ";") + name;
  }
  std::string canonical_request = request.method + "\n" + url.path + "\n" +
                                  CanonicalQuery(url.query) + "\n" + canonical_headers + "\n" +
                                  signed_headers + "\n" + payload_hash;
  std::string scope = date + "/" + region + "/" + service + "/aws4_request";
  std::string to_sign =
      "AWS4-HMAC-SHA256\n" + amz_date + "\n" + scope + "\n" + Sha256Hex(canonical_request);
  std::string key = Hmac("AWS4" + credentials.secret_access_key, date);
  key = Hmac(Hmac(Hmac(key, region), service), "aws4_request");
  std::string signature = Hmac(key, to_sign);
  request.headers.push_back(
      {"Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" + scope +
                            ",SignedHeaders=" + signed_headers + ",Signature=" +
                            ToHex(reinterpret_cast<const std::uint8_t*>(signature.data()),
                                  signature.size())});
}

S3Signer::S3Signer(S3Credentials credentials, std::string region, std::string service)
    : credentials_(std::move(credentials)), region_(std::move(region)), service_(std::move(service)) {}

void S3Signer::Authorize(http::Request& request) {
  std::erase_if(request.headers,
                [](const http::Header& header) { return IsSignatureHeader(header.name); });
  SignS3Request(request, credentials_, region_, std::time(nullptr), service_);
}

}  // namespace ferry::storage
