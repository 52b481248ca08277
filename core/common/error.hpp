#pragma once
/// Fatal errors and exit codes.
///
/// Ferry separates what ends the run from what ends one record (see STYLE.md):
/// - a fatal failure (plan, auth, I/O) throws a `ferry::Error` subclass carrying its exit
///   code; only `cli/` catches it and turns it into the process exit status;
/// - a record-level failure is a value (`Result<T>`, result.hpp) and the pipeline
///   dead-letters the record and goes on.
///
///     throw PlanError("plan.yaml:7:5: unknown key 'bacth_size' in options; did you mean 'batch_size'?");

#include <stdexcept>
#include <string>

namespace ferry {

/// Process exit codes, as documented in ferry(1).
enum class ExitCode : int {
  kOk = 0,              ///< every record accounted for, none failed
  kRecordsFailed = 1,   ///< finished, some records dead-lettered
  kUsage = 2,           ///< usage, plan or mapping error
  kConnect = 3,         ///< could not reach or authenticate to a source or target
  kVerifyMismatch = 4,  ///< verification found a difference
  kInternal = 70,       ///< a bug in ferry (EX_SOFTWARE)
  kInterrupted = 130,   ///< interrupted; state saved, `--resume` continues
};

/// Base of every fatal error. `what()` is the full user-facing message (no PHI).
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  /// The exit code the process ends with when this error reaches `main`.
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

/// The plan, a mapping spec or the command line is wrong; exit 2.
class PlanError : public Error {
 public:
  explicit PlanError(const std::string& message) : Error(ExitCode::kUsage, message) {}
};

/// A source or target could not be reached, read or authenticated against; exit 3.
class ConnectError : public Error {
 public:
  explicit ConnectError(const std::string& message) : Error(ExitCode::kConnect, message) {}
};

/// A local file could not be read or written (state, dead-letter, output); exit 3.
class IoError : public Error {
 public:
  explicit IoError(const std::string& message) : Error(ExitCode::kConnect, message) {}
};

/// SIGINT/SIGTERM arrived; state was saved; exit 130.
class Interrupted : public Error {
 public:
  Interrupted() : Error(ExitCode::kInterrupted, "interrupted; state saved, run again with --resume to continue") {}
};

}  // namespace ferry
