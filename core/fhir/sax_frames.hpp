#pragma once
/// The state of the streaming validator (sax_validator.hpp) while it is inside a
/// resource: one frame per open object or array, the element path they make, and the
/// issues found so far. Storage is kept from line to line, so that a valid resource costs
/// no allocation; a path's text is built only for an issue.
///
/// Objects keep a few lists that only they read (choice groups, `_name` members, pending
/// checks, codings of a bound CodeableConcept). They live in shared vectors used as
/// stacks: an object owns the entries from its `*_begin` on, and they go when it closes.
///
///     sax::FrameStack frames;
///     frames.Push(sax::FrameKind::kObject, sax::Segment{"name", false, 0}, &info);
///     frames.Report(nullptr, "must not be an empty object");  // Patient.name[0]: ...
///     frames.Pop();

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/fhir/r4_tables.hpp"
#include "core/fhir/validator.hpp"

namespace ferry::sax {

/// Segment::index of a step that is not an array item.
inline constexpr int kNoIndex = -1;

/// One step of an element path: `name`, `_name` or `name[2]`. Names point into the string
/// pool of r4_tables (or, for an issue reported at once, into the parser's key).
struct Segment {
  std::string_view name;
  bool underscore = false;
  int index = kNoIndex;
};

enum class FrameKind : std::uint8_t {
  kResourceStart,  ///< a resource before its `resourceType`
  kUnknownType,    ///< a resource of no R4 type: its members are not checked
  kObject,         ///< an object of struct `info`
  kArray,          ///< the items of `element`
};

/// One open object or array.
struct Frame {
  FrameKind kind = FrameKind::kObject;
  Segment segment;                           ///< empty name: the top resource, type unknown yet
  const r4::StructInfo* info = nullptr;      ///< objects
  const r4::ElementInfo* element = nullptr;  ///< arrays: what the items are
  std::uint64_t seen = 0;                    ///< objects: slots of the members so far
  std::uint32_t deferred_begin = 0;          ///< this object's entries in the shared stacks
  std::uint32_t choices_begin = 0;
  std::uint32_t extensions_begin = 0;
  std::uint32_t bad_codings_begin = 0;
  std::uint16_t value_set = r4::kNoValueSet;  ///< a binding checked when the object closes
  int next_index = 0;                         ///< arrays: index of the next item
  bool contained = false;                     ///< a resource held by `contained`
  bool empty_check = false;                   ///< an empty object is an issue
  bool has_extension = false;                 ///< has an `extension` member
  bool has_contained = false;                 ///< has a `contained` member
  bool primitive_extension = false;           ///< arrays: items of `_name`
  bool codings = false;                       ///< arrays: the codings of a bound CodeableConcept
  bool concept_coding = false;                ///< objects: an item of such codings
  bool coding_seen = false;                   ///< bound CodeableConcepts: the first `coding` came
  bool matched = false;                       ///< bound CodeableConcepts: a coding of the value set
};

/// What a deferred check is about.
enum class Pending : std::uint8_t {
  kChoice,    ///< a second member of a choice group, all of one type so far
  kNullItem,  ///< a null in a primitive array, no `_name` so far
};

/// A check settled when its object closes; its issue, if any, goes to `position`.
struct Deferred {
  std::size_t position;
  Pending kind;
  const r4::ElementInfo* element;
  int index;
};

/// A choice group of an open object: its first type, and whether another type came.
struct ChoiceGroup {
  std::uint8_t slot;
  const r4::ElementInfo* first;
  bool mixed;
};

class FrameStack {
 public:
  FrameStack();

  /// Forgets every frame and issue (keeps the storage).
  void Clear();
  /// Opens a frame; references to other frames stay valid only until the next Push.
  Frame& Push(FrameKind kind, const Segment& segment, const r4::StructInfo* info);
  /// Closes the top frame and drops the shared entries it owned.
  void Pop();
  /// The open frame `down` steps below the top (0 = the top).
  Frame& Top(std::size_t down = 0) { return frames_[depth_ - 1 - down]; }
  std::size_t depth() const { return depth_; }

  /// Adds an issue at the top frame's path, then `tail` ("(resource)" for an empty path).
  void Report(const Segment* tail, std::string message);
  /// Adds an issue at the top frame's path and `tail`, at `position` in the list.
  void Insert(std::size_t position, const Segment& tail, std::string message);
  /// Adds an issue at `path` (at the end when `position` is past it).
  void AddIssue(std::string path, std::string message, std::size_t position = SIZE_MAX);
  /// The top frame's path and `tail`: an array shows only in its items (`name[2]`),
  /// unless the issue is about the array itself.
  std::string PathTo(const Segment* tail) const;
  std::vector<ValidationIssue>& issues() { return issues_; }

  /// The choice group of `slot` in `frame` (which has seen a member of it).
  ChoiceGroup& GroupOf(const Frame& frame, std::uint8_t slot);
  /// True when `frame` has a `_name` member for `element`.
  bool HasPrimitiveExtension(const Frame& frame, const r4::ElementInfo& element) const;

  std::vector<Deferred> deferred;                            ///< see Deferred
  std::vector<ChoiceGroup> choices;                          ///< see ChoiceGroup
  std::vector<const r4::ElementInfo*> primitive_extensions;  ///< `_name` members
  std::vector<int> bad_codings;  ///< codings (by index) of a bound CodeableConcept whose
                                 ///< code is not in the value set

 private:
  std::vector<Frame> frames_;
  std::size_t depth_ = 0;
  std::vector<ValidationIssue> issues_;
};

}  // namespace ferry::sax
