#pragma once
/// A thin RAII wrapper over SQLite for Ferry's own files (state, verify scratch).
/// Every failure throws IoError naming the database file and SQLite's message.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ferry {

class SqliteStatement;

class SqliteDb {
 public:
  /// Opens (creating if needed) `path`; the file is made mode 0600.
  explicit SqliteDb(const std::string& path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  /// Runs one or more statements without results.
  void Exec(std::string_view sql);
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  /// Throws IoError for SQLite result `rc` with context `what`.
  [[noreturn]] void Fail(int rc, std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

/// A prepared statement; reset after each Step() loop by Reset().
class SqliteStatement {
 public:
  SqliteStatement(SqliteDb& db, std::string_view sql);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  SqliteStatement& Bind(int index, std::string_view text);
  SqliteStatement& Bind(int index, std::int64_t number);
  /// True while a row is available; false when done.
  bool Step();
  /// Runs a statement that returns no rows, then resets it.
  void Run();
  void Reset();
  std::string Text(int column) const;
  std::string_view TextView(int column) const;
  std::int64_t Integer(int column) const;
  bool IsNull(int column) const;

 private:
  SqliteDb& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace ferry
