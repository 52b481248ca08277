#pragma once
/// Azure Storage SharedKey authorization for Blob requests, as an http::Authenticator the
/// HTTP client calls before every attempt (fresh `x-ms-date` each time). Signs the
/// standard headers, every `x-ms-*` header and the canonicalized resource
/// (`/<account><url path>` plus the query parameters, sorted, one per line), with the
/// account key (base64, as the portal shows it). `x-ms-version` must be on the request.
///
///     auto signer = std::make_shared<AzureSharedKeySigner>("devstoreaccount1", key_base64);
///     http::Client client(options, signer);

#include <ctime>
#include <string>

#include "adapters/auth/authenticator.hpp"

namespace ferry::storage {

/// The pinned Blob service version Ferry speaks (Azurite 3.35 accepts up to 2025-11-05).
inline constexpr const char* kAzureVersion = "2021-08-06";

/// Adds `x-ms-date` (for `now`) and `Authorization: SharedKey account:signature`.
/// Deterministic, for the unit tests. Throws PlanError when the key is not base64.
void SignAzureRequest(http::Request& request, const std::string& account,
                      const std::string& key_base64, std::time_t now);

class AzureSharedKeySigner final : public http::Authenticator {
 public:
  AzureSharedKeySigner(std::string account, std::string key_base64);
  void Authorize(http::Request& request) override;

 private:
  std::string account_;
  std::string key_base64_;
};

/// Standard base64 decoded; nullopt-like empty result with `ok` false when not base64.
std::string DecodeBase64(const std::string& text, bool& ok);

}  // namespace ferry::storage
