#include "adapters/hl7v2/hl7_rows.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace ferry::hl7v2 {

namespace {

constexpr std::size_t kNoSlot = static_cast<std::size_t>(-1);

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

/// Fills a record sized to its schema, column by column (Fill sizes it once: a row has
/// about 2,000 columns, mostly empty, and growing the vectors column by column showed).
/// Columns are counted in the full schema; `slots` (empty: all kept) maps them to the
/// record's columns.
class Cells {
 public:
  Cells(RawRecord& record, const std::vector<std::size_t>& slots)
      : record_(record), slots_(slots) {}
  /// Whether full-schema column `column` is in the record.
  bool Wants(std::size_t column) const { return slots_.empty() || slots_[column] != kNoSlot; }
  /// Full-schema column `column` gets `text` (dropped when the record does not have it).
  void Set(std::size_t column, std::string text, bool null) {
    const std::size_t slot = slots_.empty() ? column : slots_[column];
    if (slot == kNoSlot) return;
    record_.values[slot] = std::move(text);
    record_.nulls[slot] = null;
  }
  /// The next column gets `text`.
  void Put(std::string text, bool null) { Set(next_++, std::move(text), null); }
  /// The next `count` columns stay empty.
  void Skip(std::size_t count) { next_ += count; }
  /// The full-schema index of the next column.
  std::size_t next() const { return next_; }

 private:
  RawRecord& record_;
  const std::vector<std::size_t>& slots_;
  std::size_t next_ = 0;
};

/// Cuts the next `separator`-delimited piece off the front of `rest` (all of it when there
/// is no separator; empty when `rest` is empty).
std::string_view NextPiece(std::string_view& rest, char separator) {
  const std::size_t end = rest.find(separator);
  const std::string_view piece = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  return piece;
}

/// Fills one repetition's columns (the field, then its components).
void FillRepetition(const Hl7Message& message, std::string_view text, bool null, Cells& cells) {
  if (text.empty() && !null) return cells.Skip(kComponents + 1);  // most fields
  const Hl7Encoding& encoding = message.encoding();
  const std::size_t field_column = cells.next();  // the same as component 1
  cells.Skip(1);
  std::string_view rest = text;
  for (std::size_t component = 1; component <= kComponents; ++component) {
    std::string_view component_text = NextPiece(rest, encoding.component);
    const std::size_t column = cells.next();
    cells.Skip(1);
    const bool is_first = component == 1;
    if (!cells.Wants(column) && !(is_first && cells.Wants(field_column))) continue;
    std::string_view part = component_text.substr(0, component_text.find(encoding.subcomponent));
    bool part_null = null || part == kNull;
    std::string value = part_null ? std::string() : Unescape(part, encoding);
    if (is_first) cells.Set(field_column, value, part_null);
    cells.Set(column, std::move(value), part_null);
  }
}

/// Fills the columns of `segment` (or empty ones when it is null) for `repetitions`.
void FillSegment(const Hl7Message& message, std::string_view segment_id, const Hl7Segment* segment,
                 std::size_t repetitions, Cells& cells) {
  bool is_msh = segment_id == "MSH";
  std::size_t field_count = FieldCount(segment_id);
  for (std::size_t field = 1; field <= field_count; ++field) {
    std::string_view text = segment ? segment->Field(field) : std::string_view();
    bool null = text == kNull;
    if (is_msh && field <= 2 && segment) {  // the separators themselves, not split
      cells.Put(std::string(text), false);
      cells.Skip(kComponents + (repetitions - 1) * (kComponents + 1));
      continue;
    }
    std::string_view rest = text;
    for (std::size_t repetition = 1; repetition <= repetitions; ++repetition) {
      FillRepetition(message, NextPiece(rest, message.encoding().repetition), null, cells);
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

/// The RXR of the order of the RXA at `segment_idx`, or nullptr.
const Hl7Segment* RouteOf(const Hl7Message& message, std::size_t segment_idx) {
  const auto& segments = message.segments();
  for (std::size_t idx = segment_idx + 1; idx < segments.size(); ++idx) {
    const std::string& id = segments[idx].id();
    if (id == "RXR") return &segments[idx];
    if (id == "RXA" || id == "ORC" || id == "PID") return nullptr;
  }
  return nullptr;
}

/// The position of the OBX at `segment_idx` among the OBX of its order group; 0 outside one.
std::size_t GroupIndex(const Hl7Message& message, std::size_t segment_idx) {
  const auto& segments = message.segments();
  std::size_t position = 1;
  for (std::size_t idx = segment_idx; idx-- > 0;) {
    const std::string& id = segments[idx].id();
    if (id == "OBX") ++position;
    if (id == "OBR") return position;
    if (id == "PID" || id == "ORC") return 0;
  }
  return 0;
}

/// The number of OBX in the order group of the OBR at `segment_idx`.
std::size_t GroupSize(const Hl7Message& message, std::size_t segment_idx) {
  const auto& segments = message.segments();
  std::size_t count = 0;
  for (std::size_t idx = segment_idx + 1; idx < segments.size(); ++idx) {
    const std::string& id = segments[idx].id();
    if (id == "OBX") ++count;
    if (id == "OBR" || id == "PID" || id == "ORC") break;
  }
  return count;
}

/// Fills the order-group columns of a `segment_id` row (`group_index`, `group_member[N]`).
void FillGroup(std::string_view segment_id, const Hl7Message& message, std::size_t segment_idx,
               Cells& cells) {
  if (segment_id == "OBX") {
    std::size_t index = GroupIndex(message, segment_idx);
    cells.Put(index == 0 ? std::string() : std::to_string(index), false);
  }
  if (segment_id == "OBR") {
    std::size_t size = GroupSize(message, segment_idx);
    for (std::size_t member = 1; member <= kGroupMembers; ++member)
      cells.Put(member <= size ? std::to_string(member) : std::string(), false);
  }
}

}  // namespace

std::size_t FieldCount(std::string_view segment_id) {
  for (const auto& [id, count] : kFieldCounts) {
    if (id == segment_id) return count;
  }
  return kDefaultFieldCount;
}

RowSchema::RowSchema(std::string segment_id, const std::vector<std::string>* only)
    : segment_id_(std::move(segment_id)) {
  for (std::string_view id : {"MSH", "PID", "PV1"}) {
    if (id != segment_id_) context_ids_.emplace_back(id);
  }
  if (segment_id_ == "OBX" || segment_id_ == "NTE") context_ids_.emplace_back("OBR");
  if (segment_id_ == "RXA") context_ids_.emplace_back("RXR");
  if (segment_id_ == "PV1") context_ids_.emplace_back("PV2");
  auto columns = std::make_shared<Columns>(
      Columns{"message_index", "segment_index", "message_type", "control_id"});
  AddColumns(*columns, segment_id_, segment_id_ == "MSH" ? 1 : kRepetitions);
  for (const std::string& id : context_ids_) AddColumns(*columns, id, 1);
  if (segment_id_ == "OBX") columns->push_back("group_index");
  if (segment_id_ == "OBR") {
    for (std::size_t member = 1; member <= kGroupMembers; ++member)
      columns->push_back("group_member[" + std::to_string(member) + "]");
  }
  if (only) {
    const std::set<std::string> kept(only->begin(), only->end());
    auto narrow = std::make_shared<Columns>();
    slots_.assign(columns->size(), kNoSlot);
    for (std::size_t column_idx = 0; column_idx < columns->size(); ++column_idx) {
      if (!kept.count((*columns)[column_idx])) continue;
      slots_[column_idx] = narrow->size();
      narrow->push_back((*columns)[column_idx]);
    }
    columns = std::move(narrow);
  }
  columns_ = std::move(columns);
}

const Hl7Segment* RowSchema::Context(const Hl7Message& message, const std::string& id,
                                     std::size_t segment_idx) const {
  if (id == "MSH") return &message.segments().front();
  if (id == "OBR") return OrderGroup(message, segment_idx);
  if (id == "RXR") return RouteOf(message, segment_idx);
  return Nearest(message, id, segment_idx);
}


void RowSchema::Fill(const Hl7Message& message, std::size_t segment_idx,
                     std::uint64_t message_index, RawRecord& record) const {
  record.values.clear();
  record.values.resize(columns_->size());
  record.nulls.assign(columns_->size(), false);
  Cells cells(record, slots_);
  cells.Put(std::to_string(message_index), false);
  cells.Put(std::to_string(segment_idx + 1), false);
  cells.Put(message.MessageType(), false);
  cells.Put(message.ControlId(), false);
  const Hl7Segment& segment = message.segments()[segment_idx];
  FillSegment(message, segment_id_, &segment, segment_id_ == "MSH" ? 1 : kRepetitions, cells);
  for (const std::string& id : context_ids_) {
    FillSegment(message, id, Context(message, id, segment_idx), 1, cells);
  }
  FillGroup(segment_id_, message, segment_idx, cells);
}

}  // namespace ferry::hl7v2
