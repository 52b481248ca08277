#pragma once
/// AWS Signature Version 4 for S3 requests (header form), as an http::Authenticator the
/// HTTP client calls before every attempt, so that each attempt carries a fresh
/// `x-amz-date`; the signing itself is the auth layer's (adapters/auth/sigv4.hpp). The
/// request should already hold `x-amz-content-sha256` (the hex SHA-256 of its body, which
/// S3 checks); `host` and every header of the request are signed.
/// Works for AWS S3, S3-compatible stores (Ceph RGW) and GCS's XML API with HMAC keys.
///
///     auto signer = std::make_shared<S3Signer>(credentials, "us-east-1");
///     http::Client client(options, signer);
///
/// The canonical request follows the S3 rules: the URL path is signed as sent (already
/// percent-encoded once, never twice), query parameters sorted by key.

#include <ctime>
#include <string>

#include "adapters/auth/authenticator.hpp"

namespace ferry::storage {

/// Static credentials (never printed).
struct S3Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  ///< "" unless temporary credentials
};

/// The hex SHA-256 of an empty body.
inline constexpr const char* kEmptySha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Adds `x-amz-date`, `x-amz-security-token` (when set) and `Authorization` to `request`
/// for the instant `now` (UTC seconds). Deterministic: the unit tests check it against
/// AWS's published S3 examples.
void SignS3Request(http::Request& request, const S3Credentials& credentials,
                   const std::string& region, std::time_t now,
                   const std::string& service = "s3");

class S3Signer final : public http::Authenticator {
 public:
  S3Signer(S3Credentials credentials, std::string region, std::string service = "s3");
  /// Signs `request` for the current time (after removing an earlier attempt's signature).
  void Authorize(http::Request& request) override;

 private:
  S3Credentials credentials_;
  std::string region_;
  std::string service_;
};

}  // namespace ferry::storage
