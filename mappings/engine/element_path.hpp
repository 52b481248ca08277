#pragma once
/// Element paths of a mapping spec's `set:` entries (`identifier[0].value`,
/// `name[+].given[0]`), parsed once at load into steps, and the function that writes a
/// value at such a path into a resource being built.
///
///     auto path = ParseElementPath("name[0].given[+]");
///     if (!path) report(path.error().message, path.error().offset);
///     SetAtPath(resource, *path, std::move(value), allocator);

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/fhir/json.hpp"

namespace ferry {

/// One element name of a path, with what follows it in brackets, if anything.
struct PathStep {
  enum class Index {
    kNone,    ///< `name`: the element itself
    kAt,      ///< `name[N]`: item N of the element's array
    kAppend,  ///< `name[+]`: a new item at the end of the element's array
  };
  std::string name;  ///< the element name
  Index index_kind = Index::kNone;
  std::uint32_t index = 0;  ///< N, for kAt
};

/// A parsed element path: at least one step.
struct ElementPath {
  std::vector<PathStep> steps;  ///< at least one
  /// True when some step appends (`[+]`): such a path names a new element each time.
  bool Appends() const;
  /// The path as written in a spec: `name[0].given[+]`.
  std::string ToString() const;
};

/// Why a path text is not a valid element path, and where (0-based offset in the text).
struct PathError {
  std::string message;     ///< what is wrong, for a load error
  std::size_t offset = 0;  ///< 0-based offset of the offending character
};

/// The largest `[N]` a path may use (guards against huge arrays of holes).
inline constexpr std::uint32_t kMaxPathIndex = 9999;

/// Parses `text`. Names are `[A-Za-z_][A-Za-z0-9_]*`; each may be followed by `[N]`
/// (N a decimal number up to kMaxPathIndex) or `[+]`; names are separated by '.'.
std::variant<ElementPath, PathError> ParseElementPath(std::string_view text);

/// True when the steps of `prefix`, with each index counted as a step of its own, are the
/// first steps of `path` (and `prefix` is strictly shorter). `[+]` never matches.
bool IsStrictPrefix(const ElementPath& prefix, const ElementPath& path);

/// True when both paths name the same element and neither appends.
bool SameElement(const ElementPath& a, const ElementPath& b);

/// Stores `value` at `path` inside `root` (an object), creating objects and arrays on the
/// way. Arrays are padded with nulls up to an index (holes, removed by CompactResource);
/// a scalar standing where an object or array is needed is replaced (last write wins).
void SetAtPath(JsonValue& root, const ElementPath& path, JsonValue&& value,
               JsonAllocator& allocator);

/// Removes, recursively, nulls (holes and unset members) and then objects and arrays that
/// are left empty. The root object itself is kept.
void CompactResource(JsonValue& root);

}  // namespace ferry
