#include "adapters/auth/static_auth.hpp"
#include "core/common/hash.hpp"

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

}  // namespace ferry::http
