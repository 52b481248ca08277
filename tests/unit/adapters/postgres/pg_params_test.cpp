#include "adapters/postgres/pg_params.hpp"

#include <catch2/catch.hpp>

#include "core/common/error.hpp"
#include "tests/unit/adapters/test_util.hpp"

namespace ferry::postgres {

namespace {

using Keywords = std::vector<std::pair<std::string, std::string>>;

AdapterConfig Config(std::initializer_list<std::pair<std::string, std::string>> texts) {
  AdapterConfig config = test::MakeConfig("postgres", texts);
  config.location = "plan.yaml:3:3";
  return config;
}

std::string PlanMessage(const AdapterConfig& config) {
  try {
    ReadConnectionParams(config, "postgres source");
  } catch (const PlanError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("Connection keys become libpq keywords, the password only when given", "[postgres]") {
  ConnectionParams params = ReadConnectionParams(Config({{"host", "db.example.org"},
                                                         {"port", "6543"},
                                                         {"database", "ehr"},
                                                         {"user", "reader"},
                                                         {"sslmode", "verify-full"}}),
                                                 "postgres source");
  CHECK(ConnectionKeywords(params) == Keywords{{"host", "db.example.org"},
                                               {"port", "6543"},
                                               {"dbname", "ehr"},
                                               {"user", "reader"},
                                               {"sslmode", "verify-full"},
                                               {"application_name", "ferry"},
                                               {"connect_timeout", "10"},
                                               {"client_encoding", "UTF8"}});
  params.password = "s3cret";
  CHECK(ConnectionKeywords(params)[4] == std::pair<std::string, std::string>{"password", "s3cret"});
}

TEST_CASE("Absent keys fall back to the defaults", "[postgres]") {
  ConnectionParams params =
      ReadConnectionParams(Config({{"database", "ehr"}, {"user", "u"}}), "postgres source");
  CHECK(params.host == "127.0.0.1");
  CHECK(params.port == "5432");
  CHECK(params.sslmode == "prefer");
  CHECK(params.password.empty());
  CHECK(Address(params) == "127.0.0.1:5432/ehr");
  params.host = "::1";
  CHECK(Address(params) == "[::1]:5432/ehr");
}

TEST_CASE("sslmode accepts exactly libpq's values", "[postgres]") {
  for (const char* mode : {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}) {
    CHECK(IsSslMode(mode));
  }
  CHECK_FALSE(IsSslMode("Require"));
  CHECK_FALSE(IsSslMode("verify_full"));
  CHECK_FALSE(IsSslMode(""));
  AdapterConfig config = Config({{"database", "ehr"}, {"user", "u"}, {"sslmode", "maybe"}});
  config.values["sslmode"].location = "plan.yaml:8:12";
  CHECK(PlanMessage(config) ==
        "plan.yaml:8:12: postgres source: sslmode 'maybe' is not known; use one of disable, "
        "allow, prefer, require, verify-ca, verify-full");
}

TEST_CASE("A port outside 1..65535 is a plan error", "[postgres]") {
  CHECK(PlanMessage(Config({{"database", "ehr"}, {"user", "u"}, {"port", "70000"}})) ==
        "plan.yaml:3:3: postgres source: port 70000 is not a TCP port; give a number from 1 to "
        "65535");
  CHECK(PlanMessage(Config({{"database", "ehr"}, {"user", "u"}, {"port", "0"}})) ==
        "plan.yaml:3:3: postgres source: port 0 is not a TCP port; give a number from 1 to "
        "65535");
  CHECK(PlanMessage(Config({{"database", "ehr"}, {"user", "u"}, {"port", "65535"}})).empty());
}

TEST_CASE("The password is removed from messages", "[postgres]") {
  CHECK(RemoveSecret("bad pw hunter2 for hunter2", "hunter2") == "bad pw *** for ***");
  CHECK(RemoveSecret("no secret here", "") == "no secret here");
  CHECK(RemoveSecret("aaaa", "aa") == "******");
}

}  // namespace ferry::postgres
