#pragma once
/// AWS Signature Version 4 (header form): canonical request, string to sign, signing key
/// and the Authorization header, for HealthLake and any other AWS service, and directly
/// usable by S3 code.
///
///     AwsCredentials credentials{access_key_id, secret_access_key, session_token};
///     SignRequest(request, credentials, "us-east-1", "s3", std::chrono::system_clock::now());
///     // request now carries x-amz-date, x-amz-content-sha256 (s3), X-Amz-Security-Token
///     // (when a session token is set) and Authorization: AWS4-HMAC-SHA256 ...
///
/// The payload hash is SHA-256 of request.body unless the request already has an
/// `x-amz-content-sha256` header (e.g. `UNSIGNED-PAYLOAD` for a streamed upload). Every
/// header of the request is signed, plus `host` (from the URL, as curl will send it).
/// For services other than s3 the path is normalised and encoded once more, as AWS
/// requires; s3 paths are signed as written.

#include <chrono>
#include <functional>
#include <string>

#include "adapters/auth/authenticator.hpp"

namespace ferry::http {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  ///< "" for long-term credentials
};

/// The intermediate texts of a signature (for tests and debugging; the signature key
/// itself is not kept).
struct SigV4Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string authorization;  ///< the Authorization header value
};

/// Signs `request` in place at time `now` and returns the texts it signed.
SigV4Signature SignRequest(Request& request, const AwsCredentials& credentials, const std::string& region,
                           const std::string& service, std::chrono::system_clock::time_point now);

/// Signs every request with SigV4 at the time of each attempt.
class SigV4Auth : public Authenticator {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  SigV4Auth(AwsCredentials credentials, std::string region, std::string service, Clock clock = nullptr);
  void Authorize(Request& request) override;

 private:
  AwsCredentials credentials_;
  std::string region_, service_;
  Clock clock_;
};

}  // namespace ferry::http
