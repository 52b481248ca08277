#pragma once
/// A FHIR resource flattened into its leaves for comparison: every primitive value with
/// its element path, after canonicalisation, so that two resources can be diffed element
/// by element without caring about key order or the spelling of equal decimals.
///
///     std::vector<Leaf> leaves = FlattenResource(json_text).value();
///     leaves[0].path;      // "Patient.extension('http://x/birthsex').valueCode"
///     leaves[0].concrete;  // "Patient.extension[3].valueCode"
///
/// Paths carry no array indexes (`Patient.name.given`), so a removed array element does
/// not shift the others; an element of `extension`/`modifierExtension` is named by its
/// `url` instead (the url itself is then not a leaf). `concrete` keeps the indexes for
/// examples. Values are canonical JSON text: strings quoted, decimals in plain notation
/// keeping their precision (`1.50E0` -> `1.50`, so `1.50` and `1.5` differ), never shown
/// in reports.

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace ferry::evaluate {

/// Where the evaluation marks its own resources (a meta.tag); excluded from the diff.
inline constexpr std::string_view kEvalTagSystem = "urn:ferry:evaluate";

/// One primitive value of a resource.
struct Leaf {
  std::string path;      ///< element path without indexes, extensions named by url
  std::string concrete;  ///< element path with indexes (for examples)
  std::string value;     ///< canonical JSON text of the value
  bool is_number = false;
};

/// The flattened resource, plus what the diff needs to know about it.
struct FlatResource {
  std::string resource_type;
  std::string id;
  std::string eval_tag;  ///< code of the evaluation's meta.tag ("" when absent)
  std::vector<Leaf> leaves;
};

/// Flattens resource JSON text. A syntax error or a non-object comes back as an error
/// (without the text).
Result<FlatResource> FlattenResource(std::string_view json);

/// Plain-notation text of a JSON number keeping its precision: `1.50E0` -> `1.50`,
/// `15e-1` -> `1.5`, `-0.0` -> `-0.0`, `1e2` -> `100`.
std::string CanonicalDecimal(std::string_view number);

/// True when two canonical decimals have the same value (`1.50` and `1.5`).
bool SameDecimalValue(std::string_view a, std::string_view b);

}  // namespace ferry::evaluate
