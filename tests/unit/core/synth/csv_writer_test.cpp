#include "core/synth/csv_writer.hpp"

#include <catch2/catch.hpp>

namespace ferry::synth {

TEST_CASE("CleanCell does what Synthea's clean does", "[synth]") {
  CHECK(CleanCell("Influenza, seasonal, injectable") == "Influenza  seasonal  injectable");
  CHECK(CleanCell("a\r\nb\nc\rd") == "a b c d");
  CHECK(CleanCell(" padded, ") == "padded");
  CHECK(CleanCell("") == "");
  CHECK(CleanCell(",") == "");
  CHECK_FALSE(NeedsCleaning("Body Height"));
  CHECK(NeedsCleaning("a,b"));
  CHECK(NeedsCleaning(" a"));
}

}  // namespace ferry::synth
