#include "adapters/auth/sigv4.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <ctime>
#include <map>

#include "adapters/auth/static_auth.hpp"
#include "adapters/http/url.hpp"
#include "core/common/hash.hpp"
#include "core/common/strings.hpp"

namespace ferry::http {

namespace {

std::string Hmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &size);
  return std::string(reinterpret_cast<char*>(out), size);
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string FormatTime(std::chrono::system_clock::time_point now, const char* format) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, format, &tm);
  return text;
}

void SetHeader(Request& request, const std::string& name, const std::string& value) {
  auto& headers = request.headers;
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [&](const Header& header) { return EqualsIgnoreCase(header.name, name); }),
                headers.end());
  headers.push_back({name, value});
}

std::string FindHeader(const Request& request, std::string_view name) {
  for (const auto& header : request.headers)
    if (EqualsIgnoreCase(header.name, name)) return header.value;
  return "";
}

/// RFC 3986 remove_dot_segments, and empty segments dropped (AWS normalisation).
std::string NormalizePath(const std::string& path) {
  std::vector<std::string> segments;
  for (const auto& segment : Split(path, '/')) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  std::string out = "/" + Join(segments, "/");
  if (out.size() > 1 && path.size() > 1 && path.back() == '/') out += '/';
  return out;
}

std::string CanonicalPath(const std::string& path, const std::string& service) {
  if (service == "s3") return UriEncode(PercentDecode(path), /*keep_slash=*/true);
  return UriEncode(NormalizePath(path), /*keep_slash=*/true);
}

std::string CanonicalQuery(const std::string& query) {
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& pair : Split(query, '&')) {
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string name = eq == std::string::npos ? pair : pair.substr(0, eq);
    std::string value = eq == std::string::npos ? "" : pair.substr(eq + 1);
    params.emplace_back(UriEncode(PercentDecode(name)), UriEncode(PercentDecode(value)));
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) out += (out.empty() ? "" : "&") + name + "=" + value;
  return out;
}

/// Trims and collapses runs of spaces, as the canonical header form requires.
std::string CanonicalValue(std::string_view value) {
  std::string out;
  for (char c : Trim(value)) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  return out;
}

/// Lowercase name -> comma-joined values, host included.
std::map<std::string, std::string> CanonicalHeaders(const Request& request, const UrlParts& url) {
  std::map<std::string, std::string> headers;
  for (const auto& header : request.headers) {
    std::string name = Lower(header.name);
    if (name == "authorization") continue;
    std::string& joined = headers[name];
    joined += (joined.empty() ? "" : ",") + CanonicalValue(header.value);
  }
  if (headers.count("host") == 0) {
    std::string host = url.authority;
    if ((url.scheme == "https" && EndsWith(host, ":443")) || (url.scheme == "http" && EndsWith(host, ":80")))
      host = host.substr(0, host.rfind(':'));
    headers["host"] = host;
  }
  return headers;
}

}  // namespace

SigV4Signature SignRequest(Request& request, const AwsCredentials& credentials, const std::string& region,
                           const std::string& service, std::chrono::system_clock::time_point now) {
  const std::string amz_date = FormatTime(now, "%Y%m%dT%H%M%SZ");
  const std::string date = amz_date.substr(0, 8);
  SetHeader(request, "X-Amz-Date", amz_date);
  std::string payload_hash = FindHeader(request, "x-amz-content-sha256");
  if (payload_hash.empty()) {
    payload_hash = Sha256Hex(request.body);
    if (service == "s3") SetHeader(request, "x-amz-content-sha256", payload_hash);
  }
  if (!credentials.session_token.empty()) SetHeader(request, "X-Amz-Security-Token", credentials.session_token);

  const UrlParts url = SplitUrl(request.url);
  std::string canonical_headers, signed_headers;
  for (const auto& [name, value] : CanonicalHeaders(request, url)) {
    canonical_headers += name + ":" + value + "\n";
    signed_headers += (signed_headers.empty() ? "" : ";") + name;
  }
  SigV4Signature signature;
  signature.canonical_request = request.method + "\n" + CanonicalPath(url.path, service) + "\n" +
                                CanonicalQuery(url.query) + "\n" + canonical_headers + "\n" + signed_headers + "\n" +
                                payload_hash;
  const std::string scope = date + "/" + region + "/" + service + "/aws4_request";
  signature.string_to_sign =
      "AWS4-HMAC-SHA256\n" + amz_date + "\n" + scope + "\n" + Sha256Hex(signature.canonical_request);
  std::string key = Hmac("AWS4" + credentials.secret_access_key, date);
  key = Hmac(Hmac(Hmac(key, region), service), "aws4_request");
  const std::string mac = Hmac(key, signature.string_to_sign);
  signature.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" + scope +
                            ", SignedHeaders=" + signed_headers + ", Signature=" +
                            ToHex(reinterpret_cast<const std::uint8_t*>(mac.data()), mac.size());
  SetAuthorization(request, signature.authorization);
  return signature;
}

SigV4Auth::SigV4Auth(AwsCredentials credentials, std::string region, std::string service, Clock clock)
    : credentials_(std::move(credentials)), region_(std::move(region)), service_(std::move(service)),
      clock_(clock ? std::move(clock) : Clock([] { return std::chrono::system_clock::now(); })) {}

void SigV4Auth::Authorize(Request& request) { SignRequest(request, credentials_, region_, service_, clock_()); }

}  // namespace ferry::http
