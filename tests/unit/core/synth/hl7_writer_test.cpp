#include "core/synth/hl7_writer.hpp"

#include <catch2/catch.hpp>

namespace ferry::synth {

TEST_CASE("HL7 text escapes every ER7 delimiter", "[synth][hl7v2]") {
  CHECK(Hl7Escape("a|b^c&d~e\\f") == "a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f");
  CHECK(Hl7Escape("Body mass index (BMI) [Ratio]") == "Body mass index (BMI) [Ratio]");
  CHECK(Hl7Escape("") == "");
}

TEST_CASE("HL7 times keep the precision of Synthea's dates and timestamps", "[synth][hl7v2]") {
  CHECK(Hl7Time("2016-01-08T17:21:55Z") == "20160108172155+0000");
  CHECK(Hl7Time("1974-10-07") == "19741007");
  CHECK(Hl7Time("") == "");
}

}  // namespace ferry::synth
