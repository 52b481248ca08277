#include <catch2/catch.hpp>

#include <chrono>
#include <map>

#include "core/common/hash.hpp"
#include "adapters/auth/make_authenticator.hpp"
#include "adapters/auth/oauth2_auth.hpp"
#include "adapters/auth/static_auth.hpp"
#include "adapters/auth/token_auth.hpp"
#include "adapters/http/http_client.hpp"
#include "adapters/http/url.hpp"
#include "core/common/error.hpp"
#include "tests/unit/adapters/auth/jwt_test_util.hpp"
#include "tests/unit/adapters/http/scripted_server.hpp"

namespace ferry::http {
namespace {

using test::ScriptedServer;

std::map<std::string, std::string> Form(const std::string& body) {
  std::map<std::string, std::string> fields;
  for (const auto& pair : Split(body, '&')) {
    std::size_t eq = pair.find('=');
    fields[PercentDecode(pair.substr(0, eq))] = PercentDecode(pair.substr(eq + 1));
  }
  return fields;
}

/// The requests the server received at `path`.
std::vector<const rapidjson::Value*> At(const rapidjson::Document& log, const std::string& path) {
  std::vector<const rapidjson::Value*> found;
  for (const auto& entry : log.GetArray())
    if (entry["path"].GetString() == path) found.push_back(&entry);
  return found;
}

Request Get(const std::string& url) {
  Request request;
  request.url = url;
  return request;
}

long long UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

AuthConfig OAuth2Config(const ScriptedServer& server) {
  AuthConfig config;
  config.kind = "oauth2-client-credentials";
  config.token_url = server.Url("/token");
  config.client_id = "ferry client";
  config.client_secret = "s3cret/+";
  config.scope = "system/*.rs";
  return config;
}

TEST_CASE("Token lifetimes: re-minted after three quarters, at most 60 s early", "[auth]") {
  CHECK(RefreshAfter(std::chrono::seconds(3)) == std::chrono::milliseconds(2250));
  CHECK(RefreshAfter(std::chrono::seconds(300)) == std::chrono::seconds(240));
  CHECK(RefreshAfter(std::chrono::seconds(3600)) == std::chrono::seconds(3540));
}

TEST_CASE("OAuth2 client credentials: basic client auth, the grant, the bearer token", "[auth]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/data": [{"auth": "token", "body": "ok"}]}})");
  Client client(ClientOptions{}, MakeAuthenticator(OAuth2Config(server)));
  Response response = client.Send(Get(server.Url("/data")));
  CHECK(response.status == 200);
  auto log = server.Log();
  auto token = At(log, "/token");
  REQUIRE(token.size() == 1);
  CHECK(Form((*token[0])["body"].GetString()) ==
        std::map<std::string, std::string>{{"grant_type", "client_credentials"}, {"scope", "system/*.rs"}});
  CHECK(std::string((*token[0])["headers"]["Authorization"].GetString()) ==
        "Basic " + Base64("ferry%20client:s3cret%2F%2B"));
  CHECK(std::string((*At(log, "/data")[0])["headers"]["Authorization"].GetString()) == "Bearer tok-1");
}

TEST_CASE("A 3-second token lifetime does not break a long transfer", "[auth]") {
  ScriptedServer server;
  server.Script(R"({"token_lifetime": 3, "routes": {"/data": [{"auth": "token", "body": "ok"}]}})");
  ClientOptions options;
  options.max_rps = 5;
  Client client(options, MakeAuthenticator(OAuth2Config(server)));
  auto start = std::chrono::steady_clock::now();
  int requests = 0;
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(8)) {
    std::vector<Request> batch(3, Get(server.Url("/data")));
    for (const auto& response : client.SendAll(std::move(batch))) {
      REQUIRE(response.status == 200);
      ++requests;
    }
  }
  auto log = server.Log();
  INFO(requests << " requests, " << At(log, "/token").size() << " tokens");
  CHECK(At(log, "/token").size() >= 3);
  CHECK(At(log, "/token").size() <= 5);
  CHECK(client.RetryCounts().count("401") == 0);  // re-minted before expiry, never after a refusal
}

TEST_CASE("A 401 makes the token authenticator mint a fresh token", "[auth]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/data": [{"status": 401}, {"auth": "token", "body": "ok"}]}})");
  Client client(ClientOptions{}, MakeAuthenticator(OAuth2Config(server)));
  CHECK(client.Send(Get(server.Url("/data"))).status == 200);
  auto log = server.Log();
  CHECK(At(log, "/token").size() == 2);
  auto data = At(log, "/data");
  REQUIRE(data.size() == 2);
  CHECK(std::string((*data[1])["headers"]["Authorization"].GetString()) == "Bearer tok-2");
}

TEST_CASE("A refusing token endpoint is a connect error naming the OAuth2 error code", "[auth]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/token": [{"status": 401, "body": "{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}"}],
                               "/data": [{"body": "ok"}]}})");
  Client client(ClientOptions{}, MakeAuthenticator(OAuth2Config(server)));
  CHECK_THROWS_MATCHES(client.Send(Get(server.Url("/data"))), ConnectError,
                       Catch::Message("token endpoint " + server.Url("/token") +
                                      ": HTTP 401 (error: invalid_client); check the auth_* keys of the plan"));
}

TEST_CASE("Azure Entra ID: client credentials posted with the .default scope of the FHIR service", "[auth]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/data": [{"auth": "token", "body": "ok"}]}})");
  AuthConfig config;
  config.kind = "azure-entra";
  config.tenant = "contoso";
  config.token_url = server.Url("/token");  // tests stand in for login.microsoftonline.com
  config.client_id = "app-id";
  config.client_secret = "app-secret";
  config.base_url = "https://ws-fhir.fhir.azurehealthcareapis.com/";
  Client client(ClientOptions{}, MakeAuthenticator(config));
  CHECK(client.Send(Get(server.Url("/data"))).status == 200);
  auto log = server.Log();
  CHECK(Form((*At(log, "/token")[0])["body"].GetString()) ==
        std::map<std::string, std::string>{{"grant_type", "client_credentials"},
                                           {"scope", "https://ws-fhir.fhir.azurehealthcareapis.com/.default"},
                                           {"client_id", "app-id"},
                                           {"client_secret", "app-secret"}});
  CHECK(AzureTokenUrl("contoso") == "https://login.microsoftonline.com/contoso/oauth2/v2.0/token");
}

TEST_CASE("SMART Backend Services: discovery, then an RS384/ES384 client assertion", "[auth]") {
  for (auto [algorithm, key_type] : {std::pair{"RS384", "RSA"}, std::pair{"ES384", "EC"}}) {
    ScriptedServer server;
    server.Script(R"({"routes": {"/fhir/.well-known/smart-configuration": [{"body": "{\"token_endpoint\": \")" +
                  server.Url("/token") + R"(\"}"}], "/fhir/Patient": [{"auth": "token", "body": "ok"}]}})");
    const std::string pem = test::NewKeyPem(key_type);
    AuthConfig config;
    config.kind = "smart-backend";
    config.base_url = server.Url("/fhir");
    config.client_id = "ferry-client";
    config.private_key = pem;
    config.key_id = "key-1";
    config.algorithm = algorithm;
    config.scope = "system/*.rs";
    auto auth = MakeAuthenticator(config);
    Client client(ClientOptions{}, auth);
    CHECK(client.Send(Get(server.Url("/fhir/Patient"))).status == 200);
    auth->Invalidate();
    CHECK(client.Send(Get(server.Url("/fhir/Patient"))).status == 200);

    auto log = server.Log();
    CHECK(At(log, "/fhir/.well-known/smart-configuration").size() == 1);  // discovered once
    auto tokens = At(log, "/token");
    REQUIRE(tokens.size() == 2);
    auto first = Form((*tokens[0])["body"].GetString());
    auto second = Form((*tokens[1])["body"].GetString());
    INFO(algorithm);
    CHECK(first["grant_type"] == "client_credentials");
    CHECK(first["scope"] == "system/*.rs");
    CHECK(first["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    const std::string& jwt = first["client_assertion"];
    CHECK(test::VerifyJwt(jwt, pem, algorithm));
    auto header = test::JwtPart(jwt, 0);
    CHECK(std::string(header["alg"].GetString()) == algorithm);
    CHECK(std::string(header["kid"].GetString()) == "key-1");
    CHECK(std::string(header["typ"].GetString()) == "JWT");
    auto claims = test::JwtPart(jwt, 1);
    CHECK(std::string(claims["iss"].GetString()) == "ferry-client");
    CHECK(std::string(claims["sub"].GetString()) == "ferry-client");
    CHECK(std::string(claims["aud"].GetString()) == server.Url("/token"));
    CHECK(claims["exp"].GetInt64() > UnixNow());
    CHECK(claims["exp"].GetInt64() <= UnixNow() + 300);
    CHECK(std::string(claims["jti"].GetString()) !=
          std::string(test::JwtPart(second["client_assertion"], 1)["jti"].GetString()));
  }
}

TEST_CASE("Google service account: an RS256 JWT bearer grant from the JSON key", "[auth]") {
  ScriptedServer server;
  server.Script(R"({"routes": {"/data": [{"auth": "token", "body": "ok"}]}})");
  const std::string pem = test::NewKeyPem("RSA");
  std::string escaped;
  for (char c : pem) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
  AuthConfig config;
  config.kind = "google-service-account";
  config.credentials = R"({"type": "service_account", "project_id": "p", "private_key_id": "kid-7",
                           "private_key": ")" + escaped + R"(", "client_email": "ferry@p.iam.gserviceaccount.com",
                           "token_uri": ")" + server.Url("/token") + R"("})";
  Client client(ClientOptions{}, MakeAuthenticator(config));
  CHECK(client.Send(Get(server.Url("/data"))).status == 200);
  auto log = server.Log();
  auto form = Form((*At(log, "/token")[0])["body"].GetString());
  CHECK(form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer");
  CHECK(test::VerifyJwt(form["assertion"], pem, "RS256"));
  CHECK(std::string(test::JwtPart(form["assertion"], 0)["kid"].GetString()) == "kid-7");
  auto claims = test::JwtPart(form["assertion"], 1);
  CHECK(std::string(claims["iss"].GetString()) == "ferry@p.iam.gserviceaccount.com");
  CHECK(std::string(claims["aud"].GetString()) == server.Url("/token"));
  CHECK(std::string(claims["scope"].GetString()) == "https://www.googleapis.com/auth/cloud-platform");
  CHECK(claims["exp"].GetInt64() - claims["iat"].GetInt64() == 3600);
}

TEST_CASE("Malformed credentials are plan errors that do not show them", "[auth]") {
  AuthConfig config;
  config.location = "plan.yaml:4:3";
  config.kind = "google-service-account";
  config.credentials = "not json";
  CHECK_THROWS_WITH(MakeAuthenticator(config), "plan.yaml:4:3: auth_credentials is not a JSON service account key");
  config.credentials = R"({"client_email": "a@b"})";
  CHECK_THROWS_WITH(MakeAuthenticator(config),
                    "plan.yaml:4:3: auth_credentials has no 'private_key' (is it a service account key?)");
  config.kind = "smart-backend";
  config.private_key = test::NewKeyPem("RSA");
  config.algorithm = "RS256";
  CHECK_THROWS_WITH(MakeAuthenticator(config), "plan.yaml:4:3: auth_algorithm must be RS384 or ES384 for smart-backend");
  config.kind = "azure-entra";
  CHECK_THROWS_WITH(MakeAuthenticator(config),
                    "plan.yaml:4:3: auth 'azure-entra' needs 'auth_scope' (e.g. "
                    "https://<workspace>-<service>.fhir.azurehealthcareapis.com/.default)");
}

}  // namespace
}  // namespace ferry::http
