// Vectors: the AWS Signature Version 4 test suite (credentials AKIDEXAMPLE, region
// us-east-1, service "service", 2015-08-30T12:36:00Z) and the S3 "GET Object" example of
// "Authenticating Requests: Using the Authorization Header" (AKIAIOSFODNN7EXAMPLE).
#include "adapters/auth/sigv4.hpp"

#include <catch2/catch.hpp>

namespace ferry::http {
namespace {

const AwsCredentials kSuite{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
const auto kSuiteTime = std::chrono::system_clock::from_time_t(1440938160);  // 20150830T123600Z
const std::string kEmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

Request SuiteRequest(const std::string& method, const std::string& path_and_query,
                     std::vector<Header> extra = {}, std::string body = "") {
  Request request;
  request.method = method;
  request.url = "https://example.amazonaws.com" + path_and_query;
  request.headers = {{"Host", "example.amazonaws.com"}};
  for (auto& header : extra) request.headers.push_back(std::move(header));
  request.headers.push_back({"X-Amz-Date", "20150830T123600Z"});
  request.body = std::move(body);
  return request;
}

std::string Authz(const std::string& signed_headers, const std::string& signature) {
  return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=" +
         signed_headers + ", Signature=" + signature;
}

std::string Header(const Request& request, const std::string& name) {
  for (const auto& header : request.headers)
    if (EqualsIgnoreCase(header.name, name)) return header.value;
  return "";
}

TEST_CASE("SigV4 suite: get-vanilla", "[sigv4]") {
  Request request = SuiteRequest("GET", "/");
  SigV4Signature signature = SignRequest(request, kSuite, "us-east-1", "service", kSuiteTime);
  CHECK(signature.canonical_request ==
        "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + kEmptyHash);
  CHECK(signature.string_to_sign ==
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
        "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  CHECK(signature.authorization ==
        Authz("host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
  CHECK(Header(request, "Authorization") == signature.authorization);
}

TEST_CASE("SigV4 suite: get-vanilla-query-order-key-case", "[sigv4]") {
  Request request = SuiteRequest("GET", "/?Param2=value2&Param1=value1");
  SigV4Signature signature = SignRequest(request, kSuite, "us-east-1", "service", kSuiteTime);
  CHECK(signature.canonical_request ==
        "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
        "host;x-amz-date\n" + kEmptyHash);
  CHECK(signature.string_to_sign ==
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
        "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0");
  CHECK(signature.authorization ==
        Authz("host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"));
}

TEST_CASE("SigV4 suite: query order by value, unreserved and UTF-8 query", "[sigv4]") {
  Request order = SuiteRequest("GET", "/?Param1=value2&Param1=Value1");
  CHECK(SignRequest(order, kSuite, "us-east-1", "service", kSuiteTime).authorization ==
        Authz("host;x-amz-date", "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"));
  const std::string unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  Request query = SuiteRequest("GET", "/?" + unreserved + "=" + unreserved);
  CHECK(SignRequest(query, kSuite, "us-east-1", "service", kSuiteTime).authorization ==
        Authz("host;x-amz-date", "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"));
  Request utf8 = SuiteRequest("GET", "/?\xE1\x88\xB4=bar");
  SigV4Signature signature = SignRequest(utf8, kSuite, "us-east-1", "service", kSuiteTime);
  CHECK(signature.canonical_request.substr(0, 20) == "GET\n/\n%E1%88%B4=bar\n");
  CHECK(signature.authorization ==
        Authz("host;x-amz-date", "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"));
}

TEST_CASE("SigV4 suite: paths (unreserved, UTF-8, relative, slash)", "[sigv4]") {
  Request unreserved = SuiteRequest("GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
  CHECK(SignRequest(unreserved, kSuite, "us-east-1", "service", kSuiteTime).authorization ==
        Authz("host;x-amz-date", "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"));
  Request utf8 = SuiteRequest("GET", "/\xE1\x88\xB4");
  CHECK(SignRequest(utf8, kSuite, "us-east-1", "service", kSuiteTime).authorization ==
        Authz("host;x-amz-date", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"));
  for (std::string path : {"/example/..", "/example1/example2/../..", "//"}) {
    Request relative = SuiteRequest("GET", path);
    INFO(path);
    CHECK(SignRequest(relative, kSuite, "us-east-1", "service", kSuiteTime).authorization ==
          Authz("host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
  }
}

TEST_CASE("SigV4 suite: header values are trimmed, duplicates joined in order", "[sigv4]") {
  Request trim = SuiteRequest("GET", "/", {{"My-Header1", " value1"}, {"My-Header2", " \"a   b   c\""}});
  SigV4Signature signature = SignRequest(trim, kSuite, "us-east-1", "service", kSuiteTime);
  CHECK(signature.canonical_request ==
        "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\n"
        "x-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n" + kEmptyHash);
  CHECK(signature.authorization ==
        Authz("host;my-header1;my-header2;x-amz-date", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"));
  Request duplicate =
      SuiteRequest("GET", "/", {{"My-Header1", "value4"}, {"My-Header1", "value1"}, {"My-Header1", "value3"},
                                {"My-Header1", "value2"}});
  CHECK(SignRequest(duplicate, kSuite, "us-east-1", "service", kSuiteTime).authorization ==
        Authz("host;my-header1;x-amz-date", "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"));
}

TEST_CASE("SigV4 suite: post-vanilla, post-header-key-sort, post-vanilla-query", "[sigv4]") {
  Request vanilla = SuiteRequest("POST", "/");
  CHECK(SignRequest(vanilla, kSuite, "us-east-1", "service", kSuiteTime).authorization ==
        Authz("host;x-amz-date", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"));
  Request sorted = SuiteRequest("POST", "/", {{"My-Header1", "value1"}});
  CHECK(SignRequest(sorted, kSuite, "us-east-1", "service", kSuiteTime).authorization ==
        Authz("host;my-header1;x-amz-date", "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"));
  Request query = SuiteRequest("POST", "/?Param1=value1");
  CHECK(SignRequest(query, kSuite, "us-east-1", "service", kSuiteTime).authorization ==
        Authz("host;x-amz-date", "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"));
}

TEST_CASE("SigV4 suite: post-x-www-form-urlencoded hashes the body", "[sigv4]") {
  Request request =
      SuiteRequest("POST", "/", {{"Content-Type", "application/x-www-form-urlencoded"}}, "Param1=value1");
  SigV4Signature signature = SignRequest(request, kSuite, "us-east-1", "service", kSuiteTime);
  CHECK(signature.canonical_request ==
        "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\n"
        "x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n"
        "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
  CHECK(signature.authorization ==
        Authz("content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"));
}

TEST_CASE("SigV4: S3 GET Object example from the Authorization header docs", "[sigv4]") {
  Request request;
  request.url = "https://examplebucket.s3.amazonaws.com/test.txt";
  request.headers = {{"Range", "bytes=0-9"}};
  const AwsCredentials credentials{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""};
  SigV4Signature signature =
      SignRequest(request, credentials, "us-east-1", "s3", std::chrono::system_clock::from_time_t(1369353600));
  CHECK(signature.canonical_request ==
        "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\nx-amz-content-sha256:" + kEmptyHash +
            "\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n" + kEmptyHash);
  CHECK(signature.authorization ==
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  CHECK(Header(request, "x-amz-content-sha256") == kEmptyHash);
  CHECK(Header(request, "x-amz-date") == "20130524T000000Z");
}

TEST_CASE("SigV4: a session token is sent and signed; the host carries a non-default port", "[sigv4]") {
  Request request;
  request.url = "http://127.0.0.1:8080/datastore/abc/r4/Patient?_count=10";
  const AwsCredentials credentials{"AKID", "SECRET", "SESSION"};
  SigV4Signature signature = SignRequest(request, credentials, "us-east-1", "healthlake", kSuiteTime);
  CHECK(Header(request, "X-Amz-Security-Token") == "SESSION");
  CHECK(signature.canonical_request ==
        "GET\n/datastore/abc/r4/Patient\n_count=10\nhost:127.0.0.1:8080\nx-amz-date:20150830T123600Z\n"
        "x-amz-security-token:SESSION\n\nhost;x-amz-date;x-amz-security-token\n" + kEmptyHash);
  Request again = request;  // re-signing an attempt replaces, never duplicates, the headers
  SignRequest(again, credentials, "us-east-1", "healthlake", kSuiteTime);
  CHECK(again.headers.size() == request.headers.size());
}

}  // namespace
}  // namespace ferry::http
