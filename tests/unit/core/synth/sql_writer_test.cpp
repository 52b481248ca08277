#include "core/synth/sql_writer.hpp"

#include <catch2/catch.hpp>

namespace ferry::synth {

TEST_CASE("SQL text literals double quotes; empty is NULL", "[synth][sql]") {
  CHECK(SqlText("O'Brien") == "'O''Brien'");
  CHECK(SqlText("plain") == "'plain'");
  CHECK(SqlText("''") == "''''''");
  CHECK(SqlText("") == "NULL");
}

}  // namespace ferry::synth
