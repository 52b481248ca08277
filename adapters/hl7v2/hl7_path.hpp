#pragma once
/// HL7 paths: the address of one value in a message, as `PID-5`, `PID-5.1`, `PID-3[2].4`,
/// `PID-5.1.1` or `OBX[3]-5`.
///
/// Grammar: `SEG[occurrence]-field[repetition].component.subcomponent`, where the segment
/// id is three letters or digits and every number is 1-based; the bracketed parts and the
/// component levels are optional. A level left out means its first element (the HAPI
/// terser convention): `PID-5` is the first subcomponent of the first component of the
/// first repetition of PID-5.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ferry::hl7v2 {

/// A parsed HL7 path; numbers are 1-based.
struct Hl7Path {
  std::string segment;           ///< `PID`
  std::size_t occurrence = 1;    ///< `OBX[3]` → 3
  std::size_t field = 0;         ///< `PID-5` → 5
  std::size_t repetition = 1;    ///< `PID-3[2]` → 2
  std::size_t component = 1;     ///< `.1`
  std::size_t subcomponent = 1;  ///< `.1.1`
};

/// The path `text` means, or nullopt when it does not follow the grammar above.
std::optional<Hl7Path> ParsePath(std::string_view text);

}  // namespace ferry::hl7v2
