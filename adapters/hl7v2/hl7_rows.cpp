#include "adapters/hl7v2/hl7_rows.hpp"

#include <algorithm>
#include <utility>

namespace ferry::hl7v2 {

namespace {

/// Field counts of HL7 v2.5.1 segments.
constexpr std::pair<std::string_view, std::size_t> kFieldCounts[] = {
    {"ACC", 11}, {"AL1", 6},  {"DG1", 21}, {"ERR", 12}, {"EVN", 7},  {"FT1", 31}, {"GT1", 57},
    {"IAM", 20}, {"IN1", 53}, {"IN2", 72}, {"MRG", 7},  {"MSA", 6},  {"MSH", 21}, {"NK1", 39},
    {"NTE", 4},  {"OBR", 50}, {"OBX", 25}, {"ORC", 31}, {"PD1", 21}, {"PID", 39}, {"PR1", 20},
    {"PV1", 52}, {"PV2", 49}, {"ROL", 12}, {"RXA", 26}, {"RXC", 9},  {"RXD", 33}, {"RXE", 44},
    {"RXO", 28}, {"RXR", 6},  {"SFT", 6},  {"SPM", 30}, {"TQ1", 14}, {"TXA", 23},
};

constexpr std::string_view kNull = "\"\"";

/// `SEG-f` or `SEG-f[r]`.
std::string FieldName(std::string_view segment_id, std::size_t field, std::size_t repetition) {
  std::string name = std::string(segment_id) + "-" + std::to_string(field);
  if (repetition > 1) name += "[" + std::to_string(repetition) + "]";
  return name;
}

void AddColumns(Columns& columns, std::string_view segment_id, std::size_t repetitions) {
  std::size_t field_count = FieldCount(segment_id);
  for (std::size_t field = 1; field <= field_count; ++field) {
    for (std::size_t repetition = 1; repetition <= repetitions; ++repetition) {
      std::string name = FieldName(segment_id, field, repetition);
      columns.push_back(name);
      for (std::size_t component = 1; component <= kComponents; ++component) {
        columns.push_back(name + "." + std::to_string(component));
      }
    }
  }
}

void Push(RawRecord& record, std::string text, bool null) {
  record.values.push_back(std::move(text));
  record.nulls.push_back(null);
}

/// Appends one repetition's columns (the field, then its components).
void FillRepetition(const Hl7Message& message, std::string_view text, bool null,
                    RawRecord& record) {
  const Hl7Encoding& encoding = message.encoding();
  std::size_t first = record.values.size();
  Push(record, "", false);  // the field column: the same as component 1
  for (std::size_t component = 1; component <= kComponents; ++component) {
    std::string_view part =
        Piece(Piece(text, encoding.component, component), encoding.subcomponent, 1);
    bool part_null = null || part == kNull;
    Push(record, part_null ? std::string() : Unescape(part, encoding), part_null);
  }
  record.values[first] = record.values[first + 1];
  record.nulls[first] = record.nulls[first + 1];
}

/// Appends the columns of `segment` (or empty ones when it is null) for `repetitions`.
void FillSegment(const Hl7Message& message, std::string_view segment_id, const Hl7Segment* segment,
                 std::size_t repetitions, RawRecord& record) {
  bool is_msh = segment_id == "MSH";
  std::size_t field_count = FieldCount(segment_id);
  for (std::size_t field = 1; field <= field_count; ++field) {
    std::string_view text = segment ? segment->Field(field) : std::string_view();
    bool null = text == kNull;
    for (std::size_t repetition = 1; repetition <= repetitions; ++repetition) {
      if (is_msh && field <= 2 && segment) {  // the separators themselves
        Push(record, repetition == 1 ? std::string(text) : std::string(), false);
        for (std::size_t component = 1; component <= kComponents; ++component)
          Push(record, "", false);
        continue;
      }
      FillRepetition(message, Piece(text, message.encoding().repetition, repetition), null, record);
    }
  }
}

/// The last segment `id` before `segment_idx`, else the first one after it; nullptr if none.
const Hl7Segment* Nearest(const Hl7Message& message, std::string_view id, std::size_t segment_idx) {
  const auto& segments = message.segments();
  for (std::size_t idx = segment_idx; idx-- > 0;) {
    if (segments[idx].id() == id) return &segments[idx];
  }
  for (std::size_t idx = segment_idx + 1; idx < segments.size(); ++idx) {
    if (segments[idx].id() == id) return &segments[idx];
  }
  return nullptr;
}

/// The OBR of the order group of `segment_idx`, or nullptr.
const Hl7Segment* OrderGroup(const Hl7Message& message, std::size_t segment_idx) {
  const auto& segments = message.segments();
  for (std::size_t idx = segment_idx; idx-- > 0;) {
    const std::string& id = segments[idx].id();
    if (id == "OBR") return &segments[idx];
    if (id == "PID" || id == "ORC") return nullptr;
  }
  return nullptr;
}

}  // namespace

std::size_t FieldCount(std::string_view segment_id) {
  for (const auto& [id, count] : kFieldCounts) {
    if (id == segment_id) return count;
  }
  return kDefaultFieldCount;
}

RowSchema::RowSchema(std::string segment_id) : segment_id_(std::move(segment_id)) {
  for (std::string_view id : {"MSH", "PID", "PV1"}) {
    if (id != segment_id_) context_ids_.emplace_back(id);
  }
  if (segment_id_ == "OBX" || segment_id_ == "NTE") context_ids_.emplace_back("OBR");
  auto columns = std::make_shared<Columns>(
      Columns{"message_index", "segment_index", "message_type", "control_id"});
  AddColumns(*columns, segment_id_, segment_id_ == "MSH" ? 1 : kRepetitions);
  for (const std::string& id : context_ids_) AddColumns(*columns, id, 1);
  columns_ = std::move(columns);
}

void RowSchema::Fill(const Hl7Message& message, std::size_t segment_idx,
                     std::uint64_t message_index, RawRecord& record) const {
  record.values.clear();
  record.nulls.clear();
  record.values.reserve(columns_->size());
  record.nulls.reserve(columns_->size());
  Push(record, std::to_string(message_index), false);
  Push(record, std::to_string(segment_idx + 1), false);
  Push(record, message.MessageType(), false);
  Push(record, message.ControlId(), false);
  const Hl7Segment& segment = message.segments()[segment_idx];
  FillSegment(message, segment_id_, &segment, segment_id_ == "MSH" ? 1 : kRepetitions, record);
  for (const std::string& id : context_ids_) {
    const Hl7Segment* context = id == "MSH"   ? &message.segments().front()
                                : id == "OBR" ? OrderGroup(message, segment_idx)
                                              : Nearest(message, id, segment_idx);
    FillSegment(message, id, context, 1, record);
  }
}

}  // namespace ferry::hl7v2
