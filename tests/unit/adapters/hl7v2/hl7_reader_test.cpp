#include "adapters/hl7v2/hl7_reader.hpp"

#include <catch2/catch.hpp>
#include <sstream>

namespace ferry::hl7v2 {

namespace {

std::vector<FramedMessage> ReadMessages(const std::string& bytes, ReaderLimits limits = {}) {
  Hl7Reader reader(std::make_unique<std::istringstream>(bytes), limits);
  std::vector<FramedMessage> messages;
  for (FramedMessage message; reader.Next(message);) messages.push_back(message);
  return messages;
}

}  // namespace

TEST_CASE("HL7 reader splits many messages and numbers their lines", "[hl7v2]") {
  auto messages = ReadMessages("MSH|^~\\&|A\rPID|1\r\rMSH|^~\\&|B\nPID|2\nOBX|1\n");
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].text == "MSH|^~\\&|A\rPID|1\r");
  CHECK(messages[0].segment_lines == std::vector<std::uint64_t>{1, 2});
  CHECK(messages[0].offset == 0);
  CHECK(messages[0].index == 1);
  CHECK(messages[1].text == "MSH|^~\\&|B\rPID|2\rOBX|1\r");
  CHECK(messages[1].segment_lines == std::vector<std::uint64_t>{4, 5, 6});
  CHECK(messages[1].offset == 18);
  CHECK(messages[1].line == 4);
  CHECK(messages[1].index == 2);
  CHECK(messages[1].error == "");
}

TEST_CASE("HL7 reader skips a byte order mark", "[hl7v2]") {
  auto messages = ReadMessages("\xEF\xBB\xBFMSH|^~\\&\rPID|1\r");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].text == "MSH|^~\\&\rPID|1\r");
  CHECK(messages[0].offset == 0);
}

TEST_CASE("HL7 reader counts CRLF as one line break", "[hl7v2]") {
  auto messages = ReadMessages("MSH|^~\\&\r\nPID|1\r\nMSH|^~\\&\r\nPID|2");
  REQUIRE(messages.size() == 2);
  CHECK(messages[1].segment_lines == std::vector<std::uint64_t>{3, 4});
  CHECK(messages[1].offset == 17);
  CHECK(messages[1].text == "MSH|^~\\&\rPID|2\r");
}

TEST_CASE("HL7 reader drops MLLP frames", "[hl7v2]") {
  auto messages = ReadMessages("\x0BMSH|^~\\&|A\rPID|1\r\x1C\r\x0BMSH|^~\\&|B\rPID|2\x1C\r");
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].text == "MSH|^~\\&|A\rPID|1\r");
  CHECK(messages[1].text == "MSH|^~\\&|B\rPID|2\r");
  CHECK(messages[1].offset == 20);
}

TEST_CASE("HL7 reader skips batch wrappers", "[hl7v2]") {
  auto messages = ReadMessages(
      "FHS|^~\\&|F\rBHS|^~\\&|B\rMSH|^~\\&|1\rPID|1\rMSH|^~\\&|2\rPID|2\rBTS|2\rFTS|1\r");
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].text == "MSH|^~\\&|1\rPID|1\r");
  CHECK(messages[0].line == 3);
  CHECK(messages[1].text == "MSH|^~\\&|2\rPID|2\r");
}

TEST_CASE("HL7 reader keeps lines before the first MSH as a message", "[hl7v2]") {
  auto messages = ReadMessages("PID|1\rOBX|1\rMSH|^~\\&\r");
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].text == "PID|1\rOBX|1\r");
  CHECK(messages[1].text == "MSH|^~\\&\r");
}

TEST_CASE("HL7 reader reports binary bytes without their values", "[hl7v2]") {
  auto messages =
      ReadMessages(std::string("MSH|^~\\&\rPID|\0\xff|x\rMSH|^~\\&\rPID|\xC3\xA9\r", 34));
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].error ==
        "segment 2 is not UTF-8 text (it has a NUL byte or an invalid byte sequence)");
  CHECK(messages[1].error == "");
  CHECK(messages[1].text == "MSH|^~\\&\rPID|\xC3\xA9\r");
}

TEST_CASE("HL7 reader skips a segment or message over the limit", "[hl7v2]") {
  ReaderLimits limits;
  limits.buffer_bytes = 16;
  limits.max_segment_bytes = 64;
  limits.max_message_bytes = 128;
  std::string long_segment = "OBX|1|" + std::string(100, 'x');
  std::string big_message = "MSH|^~\\&\r";
  for (int segment_idx = 0; segment_idx < 5; ++segment_idx)
    big_message += "NTE|" + std::string(40, 'y') + "\r";
  auto messages = ReadMessages(
      "MSH|^~\\&\r" + long_segment + "\rPID|1\r" + big_message + "MSH|^~\\&\rPID|3\r", limits);
  REQUIRE(messages.size() == 3);
  CHECK(messages[0].error == "segment 2 is longer than the limit of 64 bytes");
  CHECK(messages[0].text == "MSH|^~\\&\rPID|1\r");
  CHECK(messages[1].error == "the message is longer than the limit of 128 bytes");
  CHECK(messages[2].error == "");
  CHECK(messages[2].text == "MSH|^~\\&\rPID|3\r");
}

TEST_CASE("HL7 reader resumes at a message offset", "[hl7v2]") {
  std::string bytes = "MSH|^~\\&|A\r\nPID|1\r\nMSH|^~\\&|B\r\nPID|2\r\n";
  Hl7Reader reader(std::make_unique<std::istringstream>(bytes));
  FramedMessage first;
  REQUIRE(reader.Next(first));
  std::uint64_t offset = reader.offset();
  std::uint64_t line = reader.line();
  CHECK(offset == 19);
  CHECK(line == 3);
  Hl7Reader resumed(std::make_unique<std::istringstream>(bytes));
  resumed.Seek(offset, line, reader.next_index());
  FramedMessage second;
  REQUIRE(resumed.Next(second));
  CHECK(second.text == "MSH|^~\\&|B\rPID|2\r");
  CHECK(second.segment_lines == std::vector<std::uint64_t>{3, 4});
  CHECK(second.index == 2);
  CHECK_FALSE(resumed.Next(second));
}

}  // namespace ferry::hl7v2

namespace ferry::hl7v2 {

TEST_CASE("HL7 reader memory stays bounded by its limits", "[hl7v2]") {
  ReaderLimits limits;
  limits.buffer_bytes = 256;
  limits.max_segment_bytes = 1024;
  limits.max_message_bytes = 4096;
  std::string bytes = "MSH|^~\\&\r";
  for (int segment_idx = 0; segment_idx < 100000; ++segment_idx) bytes += "NTE|1\r";
  bytes += std::string(50000, 'z') + "\r";
  Hl7Reader reader(std::make_unique<std::istringstream>(bytes), limits);
  FramedMessage message;
  REQUIRE(reader.Next(message));
  CHECK(message.error == "the message is longer than the limit of 4096 bytes");
  CHECK(message.text.size() <= 4096);
  CHECK(message.segment_lines.size() == message.text.size() / 6);
  CHECK_FALSE(reader.Next(message));
  CHECK(reader.PeakBufferedBytes() < 256 + 2 * (1024 + 4096));
}

}  // namespace ferry::hl7v2
