#pragma once
/// One fuzz input through the HL7 v2 reader, parser and row builder: shared by the
/// libFuzzer target (hl7v2_fuzz.cpp) and the corpus replay test (hl7v2_corpus_replay.cpp).
/// Crashes, sanitizer reports and hangs are the only failures; any result is fine.

#include <algorithm>
#include <map>
#include <vector>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "adapters/hl7v2/hl7_message.hpp"
#include "adapters/hl7v2/hl7_path.hpp"
#include "adapters/hl7v2/hl7_reader.hpp"
#include "adapters/hl7v2/hl7_rows.hpp"

namespace ferry::hl7v2 {

/// Small limits, so that the fuzzer reaches them.
inline ReaderLimits FuzzLimits() {
  ReaderLimits limits;
  limits.buffer_bytes = 61;
  limits.max_segment_bytes = 4096;
  limits.max_message_bytes = 16384;
  return limits;
}

/// Reads every value of `message` the rows and the getter can reach.
inline void FuzzMessage(const Hl7Message& message, std::uint64_t message_index) {
  std::map<std::string, RowSchema> schemas;
  for (std::size_t segment_idx = 0; segment_idx < message.segments().size(); ++segment_idx) {
    const std::string& id = message.segments()[segment_idx].id();
    auto it = schemas.try_emplace(id, id).first;
    RawRecord record;
    it->second.Fill(message, segment_idx, message_index, record);
    if (record.values.size() != it->second.columns()->size()) __builtin_trap();
    // A schema of a few columns, as a mapping asks for (Source::OnlyColumns).
    const std::vector<std::string> some = {id + "-1", id + "-3[2].4", id + "-5", "MSH-9.1",
                                           "PID-3.1", "OBR-3.1", "group_index", "RXR-1.2"};
    RowSchema narrow(id, &some);
    RawRecord narrow_record;
    narrow.Fill(message, segment_idx, message_index, narrow_record);
    if (narrow_record.values.size() != narrow.columns()->size()) __builtin_trap();
    for (std::size_t column_idx = 0; column_idx < narrow.columns()->size(); ++column_idx) {
      const auto& names = *it->second.columns();
      const auto full = std::find(names.begin(), names.end(), (*narrow.columns())[column_idx]);
      if (full == names.end()) __builtin_trap();
      if (record.values[static_cast<std::size_t>(full - names.begin())] !=
          narrow_record.values[column_idx])
        __builtin_trap();
    }
  }
  for (std::string_view path : {"MSH-9.2", "PID-3[2].4", "OBX[3]-5.1.2", "ZZZ-1"}) {
    (void)message.Get(path);
  }
  (void)message.MessageType();
}

/// Runs `bytes` through everything (see the file comment).
inline void FuzzOne(std::string_view bytes) {
  Hl7Reader reader(std::make_unique<std::istringstream>(std::string(bytes)), FuzzLimits());
  for (FramedMessage framed; reader.Next(framed);) {
    if (!framed.error.empty()) continue;
    auto message = Hl7Message::Parse(framed.text, framed.segment_lines);
    if (message) FuzzMessage(*message, framed.index);
  }
  auto whole = Hl7Message::Parse(bytes);
  if (whole) FuzzMessage(*whole, 1);
  (void)ParsePath(bytes.substr(0, 40));
  (void)Unescape(bytes.substr(0, 4096), Hl7Encoding{});
}

}  // namespace ferry::hl7v2
