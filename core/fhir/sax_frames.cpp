#include "core/fhir/sax_frames.hpp"

#include <algorithm>

namespace ferry::sax {

namespace {

constexpr std::size_t kInitialDepth = 32;

void AppendSegment(const Segment& segment, std::string& path) {
  if (segment.name.empty()) return;
  if (!path.empty()) path += '.';
  if (segment.underscore) path += '_';
  path.append(segment.name);
  if (segment.index != kNoIndex) path += '[' + std::to_string(segment.index) + ']';
}

}  // namespace

FrameStack::FrameStack() : frames_(kInitialDepth) {}

void FrameStack::Clear() {
  depth_ = 0;
  deferred.clear();
  choices.clear();
  primitive_extensions.clear();
  bad_codings.clear();
  issues_.clear();
}

Frame& FrameStack::Push(FrameKind kind, const Segment& segment, const r4::StructInfo* info) {
  if (depth_ == frames_.size()) frames_.resize(frames_.size() * 2);
  Frame& frame = frames_[depth_++];
  // Field by field: assigning a temporary Frame{} here costs a store-forwarding stall.
  frame.kind = kind;
  frame.segment = segment;
  frame.info = info;
  frame.element = nullptr;
  frame.seen = 0;
  frame.deferred_begin = static_cast<std::uint32_t>(deferred.size());
  frame.choices_begin = static_cast<std::uint32_t>(choices.size());
  frame.extensions_begin = static_cast<std::uint32_t>(primitive_extensions.size());
  frame.bad_codings_begin = static_cast<std::uint32_t>(bad_codings.size());
  frame.value_set = r4::kNoValueSet;
  frame.next_index = 0;
  frame.contained = false;
  frame.empty_check = false;
  frame.has_extension = false;
  frame.has_contained = false;
  frame.primitive_extension = false;
  frame.codings = false;
  frame.concept_coding = false;
  frame.coding_seen = false;
  frame.matched = false;
  return frame;
}

void FrameStack::Pop() {
  const Frame& frame = Top();
  if (frame.kind != FrameKind::kArray) {
    deferred.resize(frame.deferred_begin);
    choices.resize(frame.choices_begin);
    primitive_extensions.resize(frame.extensions_begin);
    bad_codings.resize(frame.bad_codings_begin);
  }
  --depth_;
}

void FrameStack::Report(const Segment* tail, std::string message) {
  AddIssue(PathTo(tail), std::move(message));
}

void FrameStack::Insert(std::size_t position, const Segment& tail, std::string message) {
  AddIssue(PathTo(&tail), std::move(message), position);
}

void FrameStack::AddIssue(std::string path, std::string message, std::size_t position) {
  ValidationIssue issue;
  issue.element_path = path.empty() ? "(resource)" : std::move(path);
  issue.message = std::move(message);
  position = std::min(position, issues_.size());
  issues_.insert(issues_.begin() + static_cast<std::ptrdiff_t>(position), std::move(issue));
}

std::string FrameStack::PathTo(const Segment* tail) const {
  std::string path;
  for (std::size_t idx = 0; idx < depth_; ++idx) {
    const Frame& frame = frames_[idx];
    if (frame.kind == FrameKind::kArray && (idx + 1 < depth_ || tail != nullptr)) continue;
    AppendSegment(frame.segment, path);
  }
  if (tail != nullptr) AppendSegment(*tail, path);
  return path;
}

ChoiceGroup& FrameStack::GroupOf(const Frame& frame, std::uint8_t slot) {
  return *std::find_if(choices.begin() + frame.choices_begin, choices.end(),
                       [&](const ChoiceGroup& group) { return group.slot == slot; });
}

bool FrameStack::HasPrimitiveExtension(const Frame& frame, const r4::ElementInfo& element) const {
  auto begin = primitive_extensions.begin() + frame.extensions_begin;
  return std::find(begin, primitive_extensions.end(), &element) != primitive_extensions.end();
}

}  // namespace ferry::sax
