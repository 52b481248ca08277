#pragma once
/// Small owning wrappers over libpq, shared by the postgres source and sink: a connection
/// and the result of one command.
///
/// Every command goes through the extended protocol (PQexecParams), so one call runs one
/// statement and a query from a plan cannot smuggle a second one in. Messages name the
/// server as `what` (`postgres source 127.0.0.1:5432/ehr`), never carry the password,
/// and keep only the server's primary message (its DETAIL and CONTEXT may quote values).
///
///     Connection db(params, "postgres target " + Address(params));
///     PgResult rows = db.Exec("SELECT id FROM t WHERE resource_type = $1", "reading ids",
///                             {std::string("Patient")});
///     for (int row = 0; row < rows.Rows(); ++row) Use(rows.Text(row, 0));

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/postgres/pg_params.hpp"

namespace ferry::postgres {

/// What the server said about a failed command.
struct ServerError {
  std::string sqlstate;  ///< five characters (`42P01`), "" when unknown
  std::string message;   ///< the primary message only, on one line

  /// `message (SQLSTATE 42P01)`, for failures caused by the plan (names, SQL).
  std::string ToString() const;
  /// ToString() with every double-quoted part hidden, for failures caused by data, whose
  /// messages may quote a value (`invalid input syntax for type integer: "<hidden>"`).
  std::string Redacted() const;
};

/// True for SQLSTATE classes that blame the data of a row (22 data exception, 23
/// integrity constraint violation, 54 program limit exceeded), not the server, the
/// table or the SQL.
bool IsDataError(std::string_view sqlstate);

/// `text` with the inside of every double-quoted part replaced by `<hidden>`.
std::string HideQuoted(std::string_view text);

/// libpq's multi-line error text on one line: lines joined with "; " (a line indented
/// with white space continues the one before, joined with a space, or with ". " when it
/// starts a sentence), runs of white space collapsed, and no full stop at the end.
std::string OneLine(std::string_view text);

/// Text parameters of a command, $1 first; nullopt is SQL NULL.
using Params = std::vector<std::optional<std::string>>;

/// The result of one command (owns the PGresult).
class PgResult {
 public:
  /// Takes ownership of `result` (not null).
  explicit PgResult(PGresult* result);

  /// True when the command succeeded.
  bool ok() const;
  /// Why the command failed; only meaningful when !ok().
  ServerError error() const;
  /// Number of rows the command returned (0 for a command without rows).
  int Rows() const;
  /// Number of columns of the rows.
  int Columns() const;
  /// Name of 0-based result `column`.
  std::string ColumnName(int column) const;
  /// True when `column` of `row` is SQL NULL.
  bool IsNull(int row, int column) const;
  /// `column` of `row` as text; valid while this result lives.
  std::string_view Text(int row, int column) const;

 private:
  struct Clear {
    void operator()(PGresult* result) const { PQclear(result); }
  };
  std::unique_ptr<PGresult, Clear> result_;
};

/// An open connection. Not thread-safe: use it from one thread at a time.
class Connection {
 public:
  /// Connects and logs in with `params`; `what` names the server in messages. Throws
  /// ConnectError, prefixed with `where` (the plan location, `plan.yaml:4:3: `), with
  /// libpq's reason (password removed) when it cannot. Sets the
  /// session's DateStyle (ISO), TimeZone (UTC) and extra_float_digits (1), so values read
  /// as text do not depend on the server's settings, and drops server notices.
  Connection(const ConnectionParams& params, std::string what, const std::string& where);

  /// Runs `sql` (one statement); the result tells whether it succeeded. Throws
  /// ConnectError when the connection is lost.
  PgResult Run(const std::string& sql, const Params& params = {});
  /// Runs `sql` (one statement). Throws ConnectError (`what: doing: reason; see the
  /// server's log...`, reason redacted) when it fails.
  PgResult Exec(const std::string& sql, std::string_view doing, const Params& params = {});
  /// Describes the open cursor `name`: a result with its columns and no rows.
  PgResult DescribeCursor(const std::string& name);
  /// The server as messages name it.
  const std::string& what() const { return what_; }

 private:
  PgResult Checked(PGresult* result);

  struct Finish {
    void operator()(PGconn* connection) const { PQfinish(connection); }
  };
  std::unique_ptr<PGconn, Finish> connection_;
  std::string what_;
  std::string password_;  ///< removed from libpq's messages
};

}  // namespace ferry::postgres
