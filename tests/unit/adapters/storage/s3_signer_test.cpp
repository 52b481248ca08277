#include "adapters/storage/s3_signer.hpp"

#include <catch2/catch.hpp>

namespace ferry::storage {

namespace {

// AWS's published S3 SigV4 examples ("Signature Calculations for the Authorization
// Header: Transferring Payload in a Single Chunk"): bucket examplebucket, 24 May 2013.
const S3Credentials kExampleKeys = {"AKIAIOSFODNN7EXAMPLE",
                                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""};
constexpr std::time_t k20130524 = 1369353600;  // 2013-05-24T00:00:00Z

std::string Header(const http::Request& request, std::string_view name) {
  for (const http::Header& header : request.headers) {
    if (http::EqualsIgnoreCase(header.name, name)) return header.value;
  }
  return "";
}

}  // namespace

TEST_CASE("SigV4 for S3: AWS's GET Object example (Range header)", "[storage]") {
  http::Request request;
  request.url = "https://examplebucket.s3.amazonaws.com/test.txt";
  request.headers = {{"Range", "bytes=0-9"}, {"x-amz-content-sha256", kEmptySha256}};
  SignS3Request(request, kExampleKeys, "us-east-1", k20130524);
  CHECK(Header(request, "x-amz-date") == "20130524T000000Z");
  CHECK(Header(request, "Authorization") ==
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST_CASE("SigV4 for S3: AWS's PUT Object example (signed payload hash, storage class)", "[storage]") {
  http::Request request;
  request.method = "PUT";
  request.url = "https://examplebucket.s3.amazonaws.com/test%24file.text";
  request.body = "Welcome to Amazon S3.";
  request.headers = {
      {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
      {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
      {"x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"}};
  SignS3Request(request, kExampleKeys, "us-east-1", k20130524);
  CHECK(Header(request, "Authorization") ==
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, "
        "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST_CASE("SigV4 for S3: AWS's GET Bucket (list) example sorts the query", "[storage]") {
  http::Request request;
  request.url = "https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2";
  request.headers = {{"x-amz-content-sha256", kEmptySha256}};
  SignS3Request(request, kExampleKeys, "us-east-1", k20130524);
  CHECK(Header(request, "Authorization") ==
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
        "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST_CASE("SigV4 for S3: a session token is sent and signed; re-signing replaces", "[storage]") {
  S3Credentials temporary = kExampleKeys;
  temporary.session_token = "token-value";
  S3Signer signer(temporary, "eu-west-1");
  http::Request request;
  request.url = "http://127.0.0.1:7480/bucket/key";
  request.headers = {{"x-amz-content-sha256", kEmptySha256}};
  signer.Authorize(request);
  signer.Authorize(request);  // a retry: one signature, not two
  CHECK(request.headers.size() == 4);
  CHECK(Header(request, "x-amz-security-token") == "token-value");
  CHECK(Header(request, "Authorization").find("SignedHeaders=host;x-amz-content-sha256;x-amz-date;"
                                              "x-amz-security-token,") != std::string::npos);
  CHECK(Header(request, "Authorization").find("/eu-west-1/s3/aws4_request") != std::string::npos);
}

}  // namespace ferry::storage
