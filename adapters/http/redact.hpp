#pragma once
/// What the -vv trace of the HTTP layer may show: URLs with the values of secret-looking
/// query parameters and any user:password replaced by `REDACTED`, and header values
/// replaced the same way when the header carries credentials (Authorization, Cookie,
/// Set-Cookie, x-amz-security-token, x-ms-*-key, anything named like a token, key,
/// secret, password, signature or credential).
///
///     RedactUrl("https://h/p?_count=10&access_token=abc")  // "https://h/p?_count=10&access_token=REDACTED"
///     RedactHeader({"Authorization", "Bearer abc"})         // "Authorization: REDACTED"

#include <string>
#include <string_view>

#include "adapters/http/http_types.hpp"

namespace ferry::http {

/// True when a query parameter or header called `name` may carry a secret.
bool IsSecretName(std::string_view name);

/// `url` with secret query values and URL credentials replaced by `REDACTED`.
std::string RedactUrl(std::string_view url);

/// `Name: value`, with the value replaced by `REDACTED` for a secret header.
std::string RedactHeader(const Header& header);

}  // namespace ferry::http
