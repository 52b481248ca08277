#include "adapters/storage/s3_signer.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "adapters/auth/sigv4.hpp"

namespace ferry::storage {

namespace {

bool IsSignatureHeader(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "authorization" || lower == "x-amz-date" || lower == "x-amz-security-token";
}

}  // namespace

void SignS3Request(http::Request& request, const S3Credentials& credentials,
                   const std::string& region, std::time_t now, const std::string& service) {
  http::AwsCredentials aws{credentials.access_key_id, credentials.secret_access_key,
                           credentials.session_token};
  http::SignRequest(request, aws, region, service, std::chrono::system_clock::from_time_t(now));
}

S3Signer::S3Signer(S3Credentials credentials, std::string region, std::string service)
    : credentials_(std::move(credentials)), region_(std::move(region)), service_(std::move(service)) {}

void S3Signer::Authorize(http::Request& request) {
  std::erase_if(request.headers,
                [](const http::Header& header) { return IsSignatureHeader(header.name); });
  SignS3Request(request, credentials_, region_, std::time(nullptr), service_);
}

}  // namespace ferry::storage
