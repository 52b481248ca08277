#pragma once
/// Percent-encoding as the storage APIs sign it (RFC 3986: every byte except
/// A-Z a-z 0-9 - _ . ~ is %XX, upper-case hex), and the pieces of a URL.
///
///     UriEncode("run 1/Patient.ndjson", false)  // "run%201/Patient.ndjson"
///     UriEncode("run1/", true)                  // "run1%2F"

#include <map>
#include <string>
#include <string_view>

namespace ferry::storage {

/// `text` percent-encoded; '/' is kept unless `encode_slash`.
std::string UriEncode(std::string_view text, bool encode_slash);

/// `?k1=v1&k2=v2` with keys and values encoded, sorted by key (the order SigV4 signs);
/// "" when `params` is empty. A parameter with an empty value is written `k=`.
std::string QueryString(const std::map<std::string, std::string>& params);

/// The parts of `scheme://host[:port]/path?query`.
struct UrlParts {
  std::string scheme;
  std::string host;   ///< with `:port` when the URL has one
  std::string path;   ///< "/" when the URL has none
  std::string query;  ///< without '?'
};

/// Splits `url`; a part that is absent is empty.
UrlParts SplitUrl(std::string_view url);

}  // namespace ferry::storage
