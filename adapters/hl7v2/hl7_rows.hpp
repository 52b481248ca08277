#pragma once
/// How the hl7v2 source presents segments as rows for the mapping engine.
///
/// Each segment id is a stream (`PID`, `OBX`, `ZPD`...), and each occurrence of that
/// segment in a message is one row. The engine reads columns by name, and a column a
/// stream does not have fails the record, so every stream has a FIXED schema, shared by
/// all its rows (one `columns` object per stream, as the engine's column cache expects):
///
/// - computed: `message_index`, `segment_index` (1-based), `message_type` (`ORU^R01`),
///   `control_id` (MSH-10);
/// - the segment's own fields 1..N, N from the HL7 v2.5.1 field count of that segment
///   (kDefaultFieldCount for Z-segments and others not in the table): for each of the
///   first kRepetitions repetitions (MSH: the first only), `PID-3` / `PID-3[2]` and its
///   components `PID-3.1` ... `PID-3.7` / `PID-3[2].1` ... (kComponents of them);
/// - the first repetition of the fields of its context segments, named the same way:
///   MSH (always), PID and PV1 (the last one before the segment, else the first one in the
///   message), for OBX and NTE the OBR of their order group (the last OBR before them,
///   unless a PID or ORC comes in between), and for RXA the RXR of its order (the first
///   RXR after it, unless an RXA, ORC or PID comes first), and for PV1 its PV2;
/// - order groups: an OBX row has `group_index`, its position among the OBX of its order
///   group (1-based; empty outside a group), and an OBR row has `group_member[1]` ...
///   `group_member[kGroupMembers]`, holding 1 ... n for the n OBX of its group and empty
///   after, so a report can reference its results by the same key.
///
/// A field or component column holds its first subcomponent, escapes resolved (the
/// terser convention: `PID-5` is `PID-5.1.1`). An empty or absent value is empty; HL7's
/// `""` is NULL (flagged in `nulls`). Values beyond these bounds (more fields, components,
/// repetitions, other subcomponents) are not columns; read them with Hl7Message::Get.
///
/// Cost: a row carries every column of its stream (a PID row about 2,150 values, mostly
/// empty strings without allocation); the trade for a schema the engine can resolve once.
/// A schema built with `only` (the columns a mapping reads) keeps the same names but
/// drops the other columns, and its rows skip decoding them.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "adapters/hl7v2/hl7_message.hpp"
#include "core/record.hpp"

namespace ferry::hl7v2 {

/// Repetitions of a segment's own fields that get columns.
inline constexpr std::size_t kRepetitions = 5;
/// Components of a field that get columns.
inline constexpr std::size_t kComponents = 7;
/// Fields of a segment that is not in the v2.5.1 table (Z-segments).
inline constexpr std::size_t kDefaultFieldCount = 25;
/// OBX of an order group that an OBR row lists (`group_member[N]`); more are not listed.
inline constexpr std::size_t kGroupMembers = 50;

/// The number of fields of `segment_id` in HL7 v2.5.1, or kDefaultFieldCount.
std::size_t FieldCount(std::string_view segment_id);

/// The fixed columns of one segment stream, and how a row fills them.
class RowSchema {
 public:
  /// The schema of stream `segment_id`: all its columns, or only those of them named in
  /// `only` when that is given (in schema order; names it lacks are ignored).
  explicit RowSchema(std::string segment_id, const std::vector<std::string>* only = nullptr);

  /// The stream's columns, shared by all its rows.
  const std::shared_ptr<const Columns>& columns() const { return columns_; }
  /// Fills `record.values` and `record.nulls` for segment `segment_idx` (0-based) of
  /// `message`, message number `message_index` of its file.
  void Fill(const Hl7Message& message, std::size_t segment_idx, std::uint64_t message_index,
            RawRecord& record) const;

 private:
  /// The context segment `id` of segment `segment_idx`, or nullptr.
  const Hl7Segment* Context(const Hl7Message& message, const std::string& id,
                            std::size_t segment_idx) const;

  std::string segment_id_;
  std::vector<std::string> context_ids_;  ///< context segments, in column order
  std::shared_ptr<const Columns> columns_;
  /// With `only`: for each column of the full schema, its index in columns_ or kNoSlot.
  std::vector<std::size_t> slots_;
};

}  // namespace ferry::hl7v2
