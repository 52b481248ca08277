// Secrets never reach the -vv trace: every kind of credential is a canary, the trace is
// captured, and no canary may appear in it.
#include <catch2/catch.hpp>

#include <cstdio>

#include "adapters/auth/make_authenticator.hpp"
#include "adapters/http/http_client.hpp"
#include "core/common/log.hpp"
#include "tests/unit/adapters/http/scripted_server.hpp"

namespace ferry::http {
namespace {

using test::ScriptedServer;

/// Captures everything logged at trace level while alive.
class CapturedLog {
 public:
  CapturedLog() : file_(std::tmpfile()) { Logger::Get().Configure(LogLevel::kTrace, LogFormat::kText, file_); }
  ~CapturedLog() {
    Logger::Get().Configure(LogLevel::kInfo, LogFormat::kText, stderr);
    std::fclose(file_);
  }
  std::string Text() {
    std::fflush(file_);
    std::rewind(file_);
    std::string text;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file_)) > 0;) text.append(buffer, n);
    return text;
  }

 private:
  std::FILE* file_;
};

Request Get(const std::string& url) {
  Request request;
  request.url = url;
  return request;
}

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

TEST_CASE("No secret or token appears in the -vv trace", "[auth][canary]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/data": [{"auth": "token", "body": "CANARY-BODY",
                                          "headers": {"Set-Cookie": "session=CANARY-COOKIE"}}],
                               "/plain": [{"body": "CANARY-BODY", "headers": {"X-Upstream-Token": "CANARY-UPSTREAM"}}]}})");
  CapturedLog log;
  ClientOptions options;
  options.trace = true;

  AuthConfig oauth2;
  oauth2.kind = "oauth2-client-credentials";
  oauth2.token_url = server.Url("/token?client_secret=CANARY-URL-SECRET");
  oauth2.client_id = "ferry";
  oauth2.client_secret = "CANARY-CLIENT-SECRET";
  oauth2.http.trace = true;
  Client with_token(options, MakeAuthenticator(oauth2));
  Request request;
  request.url = server.Url("/data?_count=5&access_token=CANARY-QUERY");
  request.headers = {{"Cookie", "id=CANARY-REQUEST-COOKIE"}, {"x-api-key", "CANARY-API-KEY"}};
  CHECK(with_token.Send(request).status == 200);

  AuthConfig basic;
  basic.kind = "basic";
  basic.username = "ferry";
  basic.password = "CANARY-PASSWORD";
  Client with_basic(options, MakeAuthenticator(basic));
  CHECK(with_basic.Send(Get(server.Url("/plain"))).status == 200);

  AuthConfig bearer;
  bearer.kind = "bearer";
  bearer.token = "CANARY-BEARER";
  Client with_bearer(options, MakeAuthenticator(bearer));
  CHECK(with_bearer.Send(Get(server.Url("/plain"))).status == 200);

  AuthConfig aws;
  aws.kind = "aws-sigv4";
  aws.region = "us-east-1";
  aws.service = "healthlake";
  aws.access_key_id = "AKIDCANARY";
  aws.secret_access_key = "CANARY-AWS-SECRET";
  aws.session_token = "CANARY-SESSION";
  Client with_aws(options, MakeAuthenticator(aws));
  CHECK(with_aws.Send(Get(server.Url("/plain"))).status == 200);

  const std::string text = log.Text();
  INFO(text);
  CHECK(Count(text, "http request") == 5);  // the token request, /data, and three /plain
  CHECK(Count(text, "method=POST") == 1);
  CHECK(Count(text, "status=200") == 5);
  CHECK(Count(text, "_count=5&access_token=REDACTED") == 1);
  CHECK(Count(text, "Authorization: REDACTED") == 5);  // basic client auth at /token, then 4 requests
  CHECK(Count(text, "CANARY") == 0);
  CHECK(Count(text, "tok-") == 0);
}

TEST_CASE("Without -vv (trace off) nothing is traced", "[auth][canary]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/plain": [{"body": "ok"}]}})");
  CapturedLog log;
  Client client(ClientOptions{});
  CHECK(client.Send(Get(server.Url("/plain"))).status == 200);
  CHECK(log.Text().empty());
}

}  // namespace
}  // namespace ferry::http
