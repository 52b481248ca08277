#pragma once
/// `Result<T>`: a value or a record-level error message (C++20 has no std::expected).
///
/// A record-level error is expected and ends only one record: the pipeline writes the
/// record to the dead-letter file with this message. The message names the place
/// (`patients.csv:42: Patient.birthDate: not a date in format %Y-%m-%d`) and never a
/// field value.
///
///     Result<int> ParseAge(std::string_view text);
///     auto age = ParseAge(cell);
///     if (!age) return Failure(age.error());

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace ferry {

/// The error side of a Result: a message safe to log (no PHI).
struct Failure {
  std::string message;
  explicit Failure(std::string m) : message(std::move(m)) {}
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}       // NOLINT: implicit by design
  Result(Failure failure) : v_(std::move(failure)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { assert(ok()); return std::get<0>(v_); }
  const T& value() const { assert(ok()); return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  /// The error message; only valid when !ok().
  const std::string& error() const { assert(!ok()); return std::get<1>(v_).message; }

 private:
  std::variant<T, Failure> v_;
};

/// Result of an operation with no value.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Failure failure) : error_(std::move(failure.message)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const std::string& error() const { assert(!ok_); return error_; }

 private:
  std::string error_;
  bool ok_ = true;
};

}  // namespace ferry
