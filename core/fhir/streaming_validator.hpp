#pragma once
/// Validation of one resource's JSON text in a single pass, without building a document:
/// the parse events are checked as they come (sax_validator.hpp), with the same rules and
/// the same words as `ParseJson` + `Validator::Validate`, so both give the same issues in
/// the same order, the same parse errors, and the same `resourceType` and `id`.
///
/// A few texts need the whole document and are validated through it instead (counted in
/// `document_fallbacks()`): a resource, or a contained or nested resource, whose first
/// member is not `resourceType`. The result is the same either way; only the speed differs.
///
///     StreamingValidator validator;  // one per thread, reused for every line
///     StreamedResource checked = validator.Check(line);
///     if (!checked.parsed) Fail("read", checked.parse_error);
///     else if (!checked.issues.empty()) Fail("validate", checked.issues);

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/fhir/validator.hpp"

namespace ferry {

class SaxValidator;

/// Result of validating one resource's JSON text in one pass.
struct StreamedResource {
  bool parsed = false;        ///< false: `json` is not JSON (see parse_error)
  std::string parse_error;    ///< "JSON syntax error at offset N: <reason>", as ParseJson says
  std::string resource_type;  ///< the top-level `resourceType` if it is a JSON string, else ""
  std::string id;             ///< the top-level `id` if it is a JSON string, else ""
  std::vector<ValidationIssue> issues;  ///< as Validator::Validate reports them; empty = valid
};

class StreamingValidator {
 public:
  StreamingValidator();
  ~StreamingValidator();
  StreamingValidator(const StreamingValidator&) = delete;
  StreamingValidator& operator=(const StreamingValidator&) = delete;

  /// Parses and validates `json` without building a document. Reusable; not thread-safe
  /// (one per worker thread).
  StreamedResource Check(std::string_view json);

  /// How many Checks so far went through the document (see the file comment).
  std::uint64_t document_fallbacks() const { return document_fallbacks_; }

 private:
  StreamedResource CheckDocument(std::string_view json) const;

  std::unique_ptr<SaxValidator> sax_;
  Validator validator_;
  std::uint64_t document_fallbacks_ = 0;
};

}  // namespace ferry
