#include "adapters/hl7v2/hl7_message.hpp"

#include <catch2/catch.hpp>

#include "adapters/hl7v2/hl7_path.hpp"

namespace ferry::hl7v2 {

namespace {

const char* const kOru =
    "MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240102030405||ORU^R01^ORU_R01|CTRL42|P|2.5.1\r"
    "PID|1||123^^^HOSP^MR~456^^^SSA^SS||Smith&Van^John^Q||19700101|M\r"
    "OBR|1||ORD1|24331-1^Lipid panel^LN\r"
    "OBX|1|NM|2093-3^Cholesterol^LN||182|mg/dL\r"
    "OBX|2|NM|2571-8^Triglyceride^LN||\"\"|mg/dL\r"
    "OBX|3|ST|8251-1^Note^LN||\r"
    "ZPD|1|custom^value\r";

Hl7Message MustParse(std::string_view text) {
  auto message = Hl7Message::Parse(text);
  REQUIRE(message.ok());
  return std::move(*message);
}

std::string Text(const Hl7Message& message, std::string_view path) {
  auto value = message.Get(path);
  REQUIRE(value.ok());
  return value->text;
}

std::string ParseError(std::string_view text) {
  auto message = Hl7Message::Parse(text);
  REQUIRE_FALSE(message.ok());
  return message.error();
}

}  // namespace

TEST_CASE("HL7 message reads fields, repetitions, components and subcomponents", "[hl7v2]") {
  Hl7Message message = MustParse(kOru);
  CHECK(message.segments().size() == 7);
  CHECK(message.MessageType() == "ORU^R01");
  CHECK(message.MessageStructure() == "ORU_R01");
  CHECK(message.ControlId() == "CTRL42");
  CHECK(Text(message, "MSH-1") == "|");
  CHECK(Text(message, "MSH-2") == "^~\\&");
  CHECK(Text(message, "MSH-3") == "LAB");
  CHECK(Text(message, "MSH-12") == "2.5.1");
  CHECK(Text(message, "PID-3") == "123");
  CHECK(Text(message, "PID-3.4") == "HOSP");
  CHECK(Text(message, "PID-3[2].1") == "456");
  CHECK(Text(message, "PID-3[2].5") == "SS");
  CHECK(Text(message, "PID-3[3].1") == "");
  CHECK(Text(message, "PID-5") == "Smith");
  CHECK(Text(message, "PID-5.1") == "Smith");
  CHECK(Text(message, "PID-5.1.2") == "Van");
  CHECK(Text(message, "PID-5.2") == "John");
  CHECK(Text(message, "PID-99") == "");
  CHECK(Text(message, "OBX[1]-5") == "182");
  CHECK(Text(message, "OBX[3]-3.2") == "Note");
  CHECK(Text(message, "OBX[4]-5") == "");
  CHECK(Text(message, "ZPD-2.2") == "value");
}

TEST_CASE("HL7 message tells empty from null", "[hl7v2]") {
  Hl7Message message = MustParse(kOru);
  auto null_value = message.Get("OBX[2]-5");
  REQUIRE(null_value.ok());
  CHECK(null_value->null);
  CHECK(null_value->text == "");
  auto empty_value = message.Get("OBX[3]-5");
  REQUIRE(empty_value.ok());
  CHECK_FALSE(empty_value->null);
  CHECK(empty_value->text == "");
  Hl7Message component_null = MustParse("MSH|^~\\&\rPID|1||\"\"^x\r");
  CHECK(component_null.Get("PID-3.1")->null);
  CHECK_FALSE(component_null.Get("PID-3.2")->null);
}

TEST_CASE("HL7 message takes its separators from MSH-1 and MSH-2", "[hl7v2]") {
  Hl7Message message = MustParse("MSH#$*@%#APP#FAC\rPID#1##a$b*c$d%e@f#x@F@y\r");
  CHECK(message.encoding().field == '#');
  CHECK(message.encoding().component == '$');
  CHECK(message.encoding().repetition == '*');
  CHECK(message.encoding().escape == '@');
  CHECK(message.encoding().subcomponent == '%');
  CHECK(Text(message, "MSH-2") == "$*@%");
  CHECK(Text(message, "MSH-3") == "APP");
  CHECK(Text(message, "PID-3.2") == "b");
  CHECK(Text(message, "PID-3[2].2.1") == "d");
  CHECK(Text(message, "PID-3[2].2.2") == "e@f");
  CHECK(Text(message, "PID-4") == "x#y");
}

TEST_CASE("HL7 message accepts a truncation character in MSH-2", "[hl7v2]") {
  Hl7Message message = MustParse("MSH|^~\\&#|APP\rPID|1\r");
  CHECK(message.encoding().truncation == '#');
  CHECK(Text(message, "MSH-2") == "^~\\&#");
  CHECK(Text(message, "MSH-3") == "APP");
}

TEST_CASE("HL7 message resolves every escape sequence", "[hl7v2]") {
  Hl7Message message = MustParse(
      "MSH|^~\\&\r"
      "NTE|1|a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f|x\\X4869\\y|one\\.br\\two|\\H\\bold\\N\\|\\Xzz\\|"
      "end\\\r");
  CHECK(Text(message, "NTE-2") == "a|b^c&d~e\\f");
  CHECK(Text(message, "NTE-3") == "xHiy");
  CHECK(Text(message, "NTE-4") == "one\ntwo");
  CHECK(Text(message, "NTE-5") == "\\H\\bold\\N\\");
  CHECK(Text(message, "NTE-6") == "\\Xzz\\");
  CHECK(Text(message, "NTE-7") == "end\\");
}

TEST_CASE("HL7 message splits segments at CR, LF and CRLF and keeps truncated ones", "[hl7v2]") {
  Hl7Message message = MustParse("MSH|^~\\&\r\nPID\nPV1|1|I\r\n\r\nZZ1|\r");
  REQUIRE(message.segments().size() == 4);
  CHECK(message.segments()[1].id() == "PID");
  CHECK(message.segments()[1].FieldCount() == 0);
  CHECK(Text(message, "PID-3") == "");
  CHECK(Text(message, "PV1-2") == "I");
  CHECK(message.segments()[3].id() == "ZZ1");
  CHECK(message.segments()[3].line() == 4);
}

TEST_CASE("HL7 message errors name the segment and never a value", "[hl7v2]") {
  CHECK(ParseError("PID|1||SECRET\r") ==
        "segment 1 is not an MSH segment; every message must start with MSH");
  CHECK(ParseError("MSH|^~\\&\r|SECRET\r") == "segment 2 has no segment id");
  CHECK(ParseError("MSH|^~\\&\rpid|SECRET\r") ==
        "segment 2: the segment id is not three upper-case letters or digits");
  CHECK(ParseError("MSH|^~|SECRET\r") ==
        "segment 1 (MSH): MSH-2 must hold 4 or 5 encoding characters");
  CHECK(ParseError("MSH|^^\\&\r") ==
        "segment 1 (MSH): MSH-2 encoding characters must be distinct punctuation");
  CHECK(ParseError("MSHA^~\\&\r") == "segment 1 (MSH): MSH-1 is not a valid field separator");
  CHECK(ParseError("\r\n") == "the message is empty");
}

TEST_CASE("HL7 paths follow SEG[n]-field[rep].component.subcomponent", "[hl7v2]") {
  auto path = ParsePath("OBX[3]-5[2].4.1");
  REQUIRE(path);
  CHECK(path->segment == "OBX");
  CHECK(path->occurrence == 3);
  CHECK(path->field == 5);
  CHECK(path->repetition == 2);
  CHECK(path->component == 4);
  CHECK(path->subcomponent == 1);
  CHECK(ParsePath("PID-5"));
  CHECK_FALSE(ParsePath("PID"));
  CHECK_FALSE(ParsePath("PID-0"));
  CHECK_FALSE(ParsePath("PID-5."));
  CHECK_FALSE(ParsePath("PID-5.1.1.1"));
  CHECK_FALSE(ParsePath("pid-5"));
  CHECK_FALSE(ParsePath("PID[0]-5"));
  auto bad = MustParse(kOru).Get("PID.5");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error() ==
        "'PID.5' is not an HL7 path; write it as SEG-field[repetition].component.subcomponent, "
        "e.g. PID-3[2].1");
}

}  // namespace ferry::hl7v2
