#pragma once
/// Small owning wrappers over the SQLite C API, shared by the sqlite source and sink.
/// Failures throw IoError whose message names the database (`what`) and quotes SQLite's
/// own message, which names tables and columns but never a value.
///
///     Database db("/data/store.db", Database::Mode::kReadWriteCreate, "sqlite store
///     /data/store.db"); Statement select = db.Prepare("SELECT id FROM resources WHERE
///     resource_type = ?1"); select.BindText(1, "Patient"); while (select.Step())
///     Use(select.Text(0));

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace ferry::sqlite {

/// A prepared statement. Bind, Step until false, Reset to run it again.
class Statement {
 public:
  /// Takes ownership of `statement`; `what` names the database in messages.
  Statement(sqlite3_stmt* statement, std::string what);

  /// Runs to the next row: true when there is one, false when done. Throws IoError.
  bool Step();
  /// Rewinds the statement and clears its bindings.
  void Reset();
  /// Binds `text` (copied) to 1-based parameter `index`.
  void BindText(int index, std::string_view text);
  /// Binds `value` to 1-based parameter `index`.
  void BindInt(int index, std::int64_t value);

  int ColumnCount() const;
  /// Name of 0-based result `column`.
  std::string ColumnName(int column) const;
  /// True when `column` of the current row is SQL NULL.
  bool IsNull(int column) const;
  /// `column` of the current row as text (numbers converted by SQLite); valid until the
  /// next Step or Reset.
  std::string_view Text(int column) const;
  std::int64_t Int(int column) const;
  /// True when the statement cannot change the database.
  bool ReadOnly() const;

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  std::unique_ptr<sqlite3_stmt, Finalizer> statement_;
  std::string what_;
};

/// An open database connection.
class Database {
 public:
  enum class Mode { kReadOnly, kReadWriteCreate };
  /// Opens `path`; `what` names it in messages. Throws IoError when it cannot.
  Database(const std::string& path, Mode mode, std::string what);

  /// Runs `sql` (any number of statements, no results). Throws IoError.
  void Exec(const std::string& sql);
  /// Compiles `sql`, or says why it does not compile (SQLite's message).
  Result<Statement> TryPrepare(std::string_view sql);
  /// Compiles `sql`; throws IoError when it does not compile.
  Statement Prepare(std::string_view sql);

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Closer> db_;
  std::string what_;
};

/// A write transaction (BEGIN IMMEDIATE) that rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  /// Commits; throws IoError when it cannot.
  void Commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace ferry::sqlite
