#pragma once
/// URL pieces and percent-encoding (RFC 3986), for form bodies, SigV4 canonical requests
/// and token endpoint discovery.
///
///     UrlParts parts = SplitUrl("https://h.example:8443/a/b?x=1#f");
///     // scheme "https", authority "h.example:8443", path "/a/b", query "x=1"
///     FormEncode({{"grant_type", "client_credentials"}, {"scope", "system/*.rs"}});
///     // "grant_type=client_credentials&scope=system%2F%2A.rs"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ferry::http {

struct UrlParts {
  std::string scheme;     ///< lowercase, e.g. "https"
  std::string authority;  ///< host[:port], without any user:password@
  std::string path;       ///< as written, "/" when empty
  std::string query;      ///< without the '?', "" when none
};

/// The pieces of an absolute URL; anything malformed gives empty scheme/authority.
UrlParts SplitUrl(std::string_view url);

/// Percent-encodes every byte except the unreserved set A-Z a-z 0-9 - . _ ~ (and '/'
/// when `keep_slash`), with uppercase hex.
std::string UriEncode(std::string_view text, bool keep_slash = false);

/// Decodes %XX escapes (a '+' stays a '+'); malformed escapes are kept as written.
std::string PercentDecode(std::string_view text);

/// `application/x-www-form-urlencoded` body of `fields`, in order.
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);

/// `base` + `path`, with exactly one '/' between them.
std::string JoinUrl(std::string_view base, std::string_view path);

}  // namespace ferry::http
