#include "adapters/postgres/pg_connection.hpp"

#include <catch2/catch.hpp>

namespace ferry::postgres {

TEST_CASE("Quoted parts of server messages are hidden", "[postgres]") {
  CHECK(HideQuoted("invalid input syntax for type integer: \"12a\"") ==
        "invalid input syntax for type integer: \"<hidden>\"");
  CHECK(HideQuoted("value \"x\" and \"y\"") == "value \"<hidden>\" and \"<hidden>\"");
  CHECK(HideQuoted("unterminated \"abc") == "unterminated \"<hidden>");
  CHECK(HideQuoted("division by zero") == "division by zero");
}

TEST_CASE("Server errors read as message and SQLSTATE", "[postgres]") {
  ServerError error{"42P01", "relation \"patient\" does not exist"};
  CHECK(error.ToString() == "relation \"patient\" does not exist (SQLSTATE 42P01)");
  CHECK(error.Redacted() == "relation \"<hidden>\" does not exist (SQLSTATE 42P01)");
  CHECK(ServerError{"", "out of memory"}.ToString() == "out of memory");
}

TEST_CASE("Only data errors blame one record", "[postgres]") {
  CHECK(IsDataError("22P02"));        // invalid text representation
  CHECK(IsDataError("22P05"));        // untranslatable character
  CHECK(IsDataError("23505"));        // unique violation
  CHECK(IsDataError("54000"));        // program limit exceeded
  CHECK_FALSE(IsDataError("42501"));  // insufficient privilege
  CHECK_FALSE(IsDataError("08006"));  // connection failure
  CHECK_FALSE(IsDataError(""));
}

TEST_CASE("libpq's multi-line messages become one line", "[postgres]") {
  CHECK(OneLine("connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  password "
                "authentication failed for user \"clinic\"\n") ==
        "connection to server at \"127.0.0.1\", port 5432 failed: FATAL: password "
        "authentication failed for user \"clinic\"");
  CHECK(OneLine("server closed the connection unexpectedly\n\tThis probably means the server "
                "terminated abnormally\n\tbefore or while processing the request.\n") ==
        "server closed the connection unexpectedly. This probably means the server terminated "
        "abnormally before or while processing the request");
  CHECK(OneLine("first line.  \nsecond\n\n") == "first line; second");
  CHECK(OneLine("port 1 failed: Connection refused\n\tIs the server running?\n") ==
        "port 1 failed: Connection refused. Is the server running?");
  CHECK(OneLine("") == "");
}

}  // namespace ferry::postgres
