#include "adapters/http/http_client.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <set>
#include <thread>

#include "adapters/auth/static_auth.hpp"
#include "core/common/error.hpp"
#include "tests/unit/adapters/http/scripted_server.hpp"

namespace ferry::http {
namespace {

using test::ScriptedServer;
using Clock = std::chrono::steady_clock;

ClientOptions FastRetries() {
  ClientOptions options;
  options.backoff_base_ms = 10;
  options.backoff_max_ms = 50;
  return options;
}

Request Get(const std::string& url) {
  Request request;
  request.url = url;
  return request;
}

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

TEST_CASE("Send returns status, headers and body; connections are kept alive", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"status": 200, "body": "hello", "headers": {"X-Thing": "v1"}}]}})");
  Client client(FastRetries());
  for (int i = 0; i < 5; ++i) {
    Response response = client.Send(Get(server.Url("/a")));
    CHECK(response.status == 200);
    CHECK(response.body == "hello");
    CHECK(response.HeaderValue("x-thing") == "v1");
    CHECK(response.attempts == 1);
  }
  auto log = server.Log();
  REQUIRE(log.Size() == 5);
  std::set<int> connections;
  for (const auto& entry : log.GetArray()) connections.insert(entry["connection"].GetInt());
  CHECK(connections.size() == 1);
  CHECK(client.RetryCounts().empty());
}

TEST_CASE("429 with Retry-After in seconds is waited out and retried", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"status": 429, "headers": {"Retry-After": "1"}}, {"status": 200, "body": "ok"}]}})");
  Client client(FastRetries());
  auto start = Clock::now();
  Response response = client.Send(Get(server.Url("/a")));
  double elapsed = SecondsSince(start);
  CHECK(response.status == 200);
  CHECK(response.body == "ok");
  CHECK(response.attempts == 2);
  CHECK(elapsed >= 0.95);
  CHECK(elapsed < 3.0);
  CHECK(client.RetryCounts() == std::map<std::string, std::uint64_t>{{"429", 1}});
}

TEST_CASE("503 and 502 are retried with backoff and counted by kind", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"status": 503}, {"status": 503}, {"status": 502}, {"status": 200, "body": "ok"}]}})");
  Client client(FastRetries());
  Response response = client.Send(Get(server.Url("/a")));
  CHECK(response.status == 200);
  CHECK(response.attempts == 4);
  CHECK(client.RetryCounts() == std::map<std::string, std::uint64_t>{{"502", 1}, {"503", 2}});
}

TEST_CASE("A connection reset and a truncated body are retried as connection errors", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"action": "reset"}, {"action": "close", "body": "0123456789"},
                                      {"status": 200, "body": "0123456789"}]}})");
  Client client(FastRetries());
  Response response = client.Send(Get(server.Url("/a")));
  CHECK(response.status == 200);
  CHECK(response.body == "0123456789");
  CHECK(response.attempts == 3);
  CHECK(client.RetryCounts() == std::map<std::string, std::uint64_t>{{"connection", 2}});
}

TEST_CASE("A fault that never clears ends with the last status after max_attempts", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"status": 503, "body": "busy"}]}})");
  ClientOptions options = FastRetries();
  options.max_attempts = 3;
  Client client(options);
  Response response = client.Send(Get(server.Url("/a")));
  CHECK(response.status == 503);
  CHECK(response.body == "busy");
  CHECK(response.attempts == 3);
  CHECK(response.error == "HTTP 503 (gave up after 3 attempts)");
  CHECK(server.Log().Size() == 3);
}

TEST_CASE("Request::max_attempts overrides the client's attempts for that request only", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"status": 503}], "/b": [{"status": 503}]}})");
  ClientOptions options = FastRetries();
  options.max_attempts = 5;
  Client client(options);
  Request few = Get(server.Url("/a"));
  few.max_attempts = 2;
  CHECK(client.Send(few).attempts == 2);
  CHECK(client.Send(Get(server.Url("/b"))).attempts == 5);
  CHECK(server.Log().Size() == 7);
}

TEST_CASE("A refused connection ends with status 0 and the transport error", "[http]") {
  int port = 0;
  {
    ScriptedServer server;  // learn a free port, then stop the server
    port = std::stoi(server.Url("").substr(std::string("http://127.0.0.1:").size()));
  }
  ClientOptions options = FastRetries();
  options.max_attempts = 2;
  Client client(options);
  Response response = client.Send(Get("http://127.0.0.1:" + std::to_string(port) + "/a"));
  CHECK(response.status == 0);
  CHECK(response.attempts == 2);
  CHECK_THAT(response.error, Catch::StartsWith("Couldn't connect to server"));
  CHECK_THAT(response.error, Catch::EndsWith("(gave up after 2 attempts)"));
  CHECK(client.RetryCounts() == std::map<std::string, std::uint64_t>{{"connection", 1}});
}

TEST_CASE("A non-retryable POST is not repeated after a 503, but is after a 429", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"status": 503}, {"status": 200}],
                               "/b": [{"status": 429}, {"status": 201}]}})");
  Client client(FastRetries());
  Request post;
  post.method = "POST";
  post.url = server.Url("/a");
  post.body = "{}";
  post.retryable = false;
  CHECK(client.Send(post).status == 503);
  post.url = server.Url("/b");
  Response created = client.Send(post);
  CHECK(created.status == 201);
  CHECK(created.attempts == 2);
}

TEST_CASE("SendAll runs requests concurrently and returns responses in order", "[http]") {
  ScriptedServer server;
  std::string routes;
  for (int i = 0; i < 20; ++i)
    routes += std::string(i ? "," : "") + "\"/r" + std::to_string(i) + R"(": [{"delay_ms": 300, "body": "b)" +
              std::to_string(i) + "\"}]";
  server.Script(R"({"routes": {)" + routes + "}}");
  ClientOptions options = FastRetries();
  options.max_connections = 10;
  Client client(options);
  std::vector<Request> requests;
  for (int i = 0; i < 20; ++i) requests.push_back(Get(server.Url("/r" + std::to_string(i))));
  auto start = Clock::now();
  std::vector<Response> responses = client.SendAll(std::move(requests));
  double elapsed = SecondsSince(start);
  REQUIRE(responses.size() == 20);
  for (int i = 0; i < 20; ++i) CHECK(responses[static_cast<std::size_t>(i)].body == "b" + std::to_string(i));
  CHECK(elapsed >= 0.6);  // two waves of 10
  CHECK(elapsed < 2.0);   // not 20 x 0.3 s
}

TEST_CASE("max_rps spaces requests to the cap", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"status": 200}]}})");
  ClientOptions options = FastRetries();
  options.max_rps = 20;
  Client client(options);
  std::vector<Request> requests(21, Get(server.Url("/a")));
  auto start = Clock::now();
  client.SendAll(std::move(requests));
  double elapsed = SecondsSince(start);
  auto log = server.Log();
  REQUIRE(log.Size() == 21);
  double span = log[20]["time"].GetDouble() - log[0]["time"].GetDouble();
  double measured_rps = 20 / span;
  INFO("21 requests in " << elapsed << " s; measured " << measured_rps << " requests/s at the server");
  CHECK(elapsed >= 0.95);               // 20 intervals of 50 ms after the first (7/8 of one after idle)
  CHECK(measured_rps <= 20 * 1.15);     // server clock: allows for its own scheduling jitter
  CHECK(measured_rps >= 20 * 0.7);
}

TEST_CASE("A 2xx body is streamed to on_body, gzip decoded; an error body is kept", "[http]") {
  ScriptedServer server;
  std::string big(200000, 'x');
  server.Script(R"({"routes": {"/a": [{"body": ")" + big + R"(", "gzip": true}], "/e": [{"status": 404, "body": "gone"}]}})");
  Client client(FastRetries());
  Request request = Get(server.Url("/a"));
  std::string received;
  int pieces = 0;
  request.on_body = [&](std::string_view piece) {
    received += piece;
    ++pieces;
    return true;
  };
  Response response = client.Send(request);
  CHECK(response.status == 200);
  CHECK(response.body.empty());
  CHECK(response.HeaderValue("Content-Encoding") == "gzip");
  CHECK(received == big);
  CHECK(response.streamed_bytes == big.size());
  CHECK(pieces > 1);
  request.url = server.Url("/e");
  received.clear();
  Response missing = client.Send(request);
  CHECK(missing.status == 404);
  CHECK(missing.body == "gone");
  CHECK(received.empty());
}

TEST_CASE("on_body returning false aborts without a retry", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"body": "some data"}]}})");
  Client client(FastRetries());
  Request request = Get(server.Url("/a"));
  request.on_body = [](std::string_view) { return false; };
  Response response = client.Send(request);
  CHECK(response.status == 0);
  CHECK(response.attempts == 1);
  CHECK(response.error == "transfer aborted by the receiver");
}

/// Counts invalidations; presents "stale" until invalidated, then "fresh".
class RotatingAuth : public Authenticator {
 public:
  void Authorize(Request& request) override { SetAuthorization(request, "Bearer " + std::string(invalidated ? "fresh" : "stale")); }
  void Invalidate() override { ++invalidated; }
  int invalidated = 0;
};

TEST_CASE("A 401 invalidates the credentials and is tried once more", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"status": 401}, {"status": 200}], "/b": [{"status": 401}]}})");
  auto auth = std::make_shared<RotatingAuth>();
  Client client(FastRetries(), auth);
  Response response = client.Send(Get(server.Url("/a")));
  CHECK(response.status == 200);
  CHECK(auth->invalidated == 1);
  auto log = server.Log();
  CHECK(std::string(log[0]["headers"]["Authorization"].GetString()) == "Bearer stale");
  CHECK(std::string(log[1]["headers"]["Authorization"].GetString()) == "Bearer fresh");
  Response denied = client.Send(Get(server.Url("/b")));
  CHECK(denied.status == 401);
  CHECK(denied.attempts == 2);
  CHECK(client.RetryCounts() == std::map<std::string, std::uint64_t>{{"401", 2}});
}

TEST_CASE("authorize = false sends no credentials", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"status": 200}]}})");
  Client client(FastRetries(), std::make_shared<BearerAuth>("secret-token"));
  Request request = Get(server.Url("/a"));
  request.authorize = false;
  client.Send(request);
  client.Send(Get(server.Url("/a")));
  auto log = server.Log();
  CHECK_FALSE(log[0]["headers"].HasMember("Authorization"));
  CHECK(std::string(log[1]["headers"]["Authorization"].GetString()) == "Bearer secret-token");
}

TEST_CASE("A request timeout is retried as a timeout", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"delay_ms": 1500}, {"status": 200}]}})");
  ClientOptions options = FastRetries();
  options.request_timeout_ms = 500;
  Client client(options);
  Response response = client.Send(Get(server.Url("/a")));
  CHECK(response.status == 200);
  CHECK(client.RetryCounts() == std::map<std::string, std::uint64_t>{{"timeout", 1}});
}


TEST_CASE("A stop request ends a pending retry wait with Interrupted", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"status": 503, "headers": {"Retry-After": "30"}}, {"status": 200}],
                               "/b": [{"status": 200, "body": "ok"}]}})");
  std::atomic<bool> stop = false;
  ClientOptions options = FastRetries();
  options.stop = &stop;
  Client client(options);
  CHECK(client.Send(Get(server.Url("/b"))).body == "ok");  // nothing to wait for: not interrupted
  std::thread signal([&stop] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
  });
  auto start = Clock::now();
  CHECK_THROWS_AS(client.Send(Get(server.Url("/a"))), Interrupted);
  signal.join();
  CHECK(SecondsSince(start) < 2.0);
  CHECK(server.Log().Size() == 2);  // /b, then /a once
}


TEST_CASE("bwlimit caps the bytes per second received", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"body": ")" + std::string(300000, 'x') + R"("}]}})");
  ClientOptions options = FastRetries();
  options.bwlimit = 150000;
  options.max_connections = 1;
  Client client(options);
  auto start = Clock::now();
  Response response = client.Send(Get(server.Url("/a")));
  double elapsed = SecondsSince(start);
  INFO("300 kB at a 150 kB/s cap took " << elapsed << " s");
  CHECK(response.body.size() == 300000);
  CHECK(elapsed >= 1.6);
  CHECK(elapsed < 4.0);
}

TEST_CASE("bwlimit is shared by concurrent transfers", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"body": ")" + std::string(100000, 'x') + R"("}]}})");
  ClientOptions options = FastRetries();
  options.bwlimit = 150000;
  options.max_connections = 3;
  Client client(options);
  auto start = Clock::now();
  std::vector<Response> responses = client.SendAll(std::vector<Request>(3, Get(server.Url("/a"))));
  double elapsed = SecondsSince(start);
  INFO("3 x 100 kB at a 150 kB/s cap took " << elapsed << " s");
  for (const auto& response : responses) CHECK(response.body.size() == 100000);
  CHECK(elapsed >= 1.6);
  CHECK(elapsed < 4.0);
}


TEST_CASE("503 with Retry-After as an HTTP-date is waited out", "[http]") {
  ScriptedServer server;
  std::time_t when = std::time(nullptr) + 3;  // 2 to 3 s from now: dates have whole seconds
  std::tm tm{};
  gmtime_r(&when, &tm);
  char date[64];
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  server.Script(std::string(R"({"routes": {"/a": [{"status": 503, "headers": {"Retry-After": ")") + date +
                R"("}}, {"status": 200}]}})");
  Client client(FastRetries());
  auto start = Clock::now();
  Response response = client.Send(Get(server.Url("/a")));
  double elapsed = SecondsSince(start);
  CHECK(response.status == 200);
  CHECK(elapsed >= 1.5);
  CHECK(elapsed < 4.5);
  CHECK(client.RetryCounts() == std::map<std::string, std::uint64_t>{{"503", 1}});
}


TEST_CASE("A streamed download is limited by stalls, not by its total time", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/a": [{"body": ")" + std::string(300000, 'x') + R"("}],
                               "/slow": [{"delay_ms": 2500}, {"body": "late"}]}})");
  ClientOptions options = FastRetries();
  options.request_timeout_ms = 1000;
  options.bwlimit = 150000;  // the download takes about 2 s, twice the timeout
  Client client(options);
  Request request = Get(server.Url("/a"));
  std::size_t received = 0;
  request.on_body = [&received](std::string_view piece) {
    received += piece.size();
    return true;
  };
  Response response = client.Send(request);
  CHECK(response.status == 200);
  CHECK(received == 300000);
  CHECK(client.RetryCounts().empty());
  request.url = server.Url("/slow");  // a 2.5 s stall before the headers is one
  Response stalled = client.Send(request);
  CHECK(stalled.status == 200);
  CHECK(client.RetryCounts() == std::map<std::string, std::uint64_t>{{"timeout", 1}});
}


TEST_CASE("PUT, DELETE and HEAD send their method and body", "[http]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/r": [{"status": 200, "body": "done", "headers": {"ETag": "W/\"2\""}}]}})");
  Client client(FastRetries());
  Request put = Get(server.Url("/r"));
  put.method = "PUT";
  put.body = R"({"resourceType":"Patient"})";
  put.headers = {{"Content-Type", "application/fhir+json"}, {"If-Match", "W/\"1\""}};
  CHECK(client.Send(put).status == 200);
  Request remove = Get(server.Url("/r"));
  remove.method = "DELETE";
  CHECK(client.Send(remove).body == "done");
  Request head = Get(server.Url("/r"));
  head.method = "HEAD";
  Response headers_only = client.Send(head);
  CHECK(headers_only.status == 200);
  CHECK(headers_only.body.empty());
  CHECK(headers_only.HeaderValue("etag") == "W/\"2\"");
  auto log = server.Log();
  REQUIRE(log.Size() == 3);
  CHECK(std::string(log[0]["method"].GetString()) == "PUT");
  CHECK(std::string(log[0]["body"].GetString()) == R"({"resourceType":"Patient"})");
  CHECK(std::string(log[0]["headers"]["If-Match"].GetString()) == "W/\"1\"");
  CHECK(std::string(log[1]["method"].GetString()) == "DELETE");
  CHECK(std::string(log[1]["body"].GetString()).empty());
  CHECK(std::string(log[2]["method"].GetString()) == "HEAD");
}

}  // namespace
}  // namespace ferry::http
