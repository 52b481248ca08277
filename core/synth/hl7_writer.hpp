#pragma once
/// Writes the synthetic population as HL7 v2.5.1 messages (ER7, segments ended by CR),
/// the feed a legacy hospital interface engine would have archived:
///   - ADT^A04 (register a patient visit) for each encounter: PID and PV1;
///   - ORU^R01 for each encounter with observations: PID, PV1, one OBR (filler order
///     number = encounter id) and an OBX per observation (NM with UCUM units, or ST);
///   - VXU^V04 for each immunization: PID, ORC, RXA (CVX code);
///   - ADT^A08 (update patient information) once per patient, after its visits.
/// A patient's PID and an encounter's PV1 are the same in every message, so the resources
/// mapped from them do not change from message to message. Text is escaped as ER7 needs
/// (`\F\ \S\ \T\ \R\ \E\`); times are `YYYYMMDDHHMMSS+0000`, dates `YYYYMMDD`.
/// The facts are the ones the FHIR writer writes: mapping the messages with
/// mappings/hl7v2.yaml gives back the same patients, encounters and observations
/// (tests/cli/hl7_round_trip.sh).
///
///     Hl7Writer hl7(out_dir + "/hl7v2", world);   // creates messages.hl7
///     for (...) hl7.WritePatient(record);
///     hl7.Close();
///     hl7.Messages();                              // {"ADT^A04": 812, ...}

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/synth/output_file.hpp"
#include "core/synth/population.hpp"

namespace ferry::synth {

/// `text` with the ER7 delimiters `| ^ & ~ \` written as escape sequences.
std::string Hl7Escape(std::string_view text);

/// `YYYYMMDDHHMMSS+0000` from Synthea's `YYYY-MM-DDTHH:MM:SSZ`; `YYYYMMDD` from a date.
std::string Hl7Time(std::string_view iso);

class Hl7Writer {
 public:
  /// Creates `dir` and `dir/messages.hl7`. Throws IoError.
  Hl7Writer(const std::string& dir, const World& world);

  /// Every message about the patient in `record`.
  void WritePatient(const PatientRecord& record);
  /// Flushes and closes. Throws IoError.
  void Close();
  /// Messages written per type (`ADT^A04`, `ORU^R01`, ...).
  const std::map<std::string, std::uint64_t>& Messages() const { return messages_; }

 private:
  /// Writes one message: MSH (type^structure, sent at `time`) and `body`'s segments.
  void Message(std::string_view type, std::string_view structure, std::string_view time,
               const std::string& body);

  const World& world_;
  OutputFile file_;
  std::uint64_t control_id_ = 0;
  std::map<std::string, std::uint64_t> messages_;
};

}  // namespace ferry::synth
