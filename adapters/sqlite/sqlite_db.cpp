#include "adapters/sqlite/sqlite_db.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include "core/common/error.hpp"

namespace ferry::sqlite {

namespace {

constexpr int kBusyTimeoutMs = 5000;

}  // namespace

Statement::Statement(sqlite3_stmt* statement, std::string what)
    : statement_(statement), what_(std::move(what)) {}

bool Statement::Step() {
  int code = sqlite3_step(statement_.get());
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  throw IoError(what_ + ": " + sqlite3_errmsg(sqlite3_db_handle(statement_.get())));
}

void Statement::Reset() {
  sqlite3_reset(statement_.get());
  sqlite3_clear_bindings(statement_.get());
}

void Statement::BindText(int index, std::string_view text) {
  sqlite3_bind_text(statement_.get(), index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
}

void Statement::BindInt(int index, std::int64_t value) {
  sqlite3_bind_int64(statement_.get(), index, value);
}

int Statement::ColumnCount() const { return sqlite3_column_count(statement_.get()); }

std::string Statement::ColumnName(int column) const {
  const char* name = sqlite3_column_name(statement_.get(), column);
  return name ? name : "";
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(statement_.get(), column) == SQLITE_NULL;
}

std::string_view Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_.get(), column));
  int bytes = sqlite3_column_bytes(statement_.get(), column);
  return text ? std::string_view(text, static_cast<std::size_t>(bytes)) : std::string_view();
}

std::int64_t Statement::Int(int column) const {
  return sqlite3_column_int64(statement_.get(), column);
}

bool Statement::ReadOnly() const { return sqlite3_stmt_readonly(statement_.get()) != 0; }

Database::Database(const std::string& path, Mode mode, std::string what) : what_(std::move(what)) {
  int flags =
      mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  sqlite3* handle = nullptr;
  bool existed = access(path.c_str(), F_OK) == 0;
  int code = sqlite3_open_v2(path.c_str(), &handle, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (code == SQLITE_OK && !existed) chmod(path.c_str(), 0600);  // it will hold health records
  db_.reset(handle);
  if (code != SQLITE_OK) {
    std::string message = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(code);
    throw IoError(what_ + ": cannot open: " + message + "; check `path` and its permissions");
  }
  sqlite3_busy_timeout(handle, kBusyTimeoutMs);
  sqlite3_extended_result_codes(handle, 1);
}

void Database::Exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return;
  std::string text = message ? message : sqlite3_errmsg(db_.get());
  sqlite3_free(message);
  throw IoError(what_ + ": " + text);
}

Result<Statement> Database::TryPrepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  int code =
      sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
  if (code != SQLITE_OK) {
    sqlite3_finalize(statement);
    return Failure(sqlite3_errmsg(db_.get()));
  }
  if (statement == nullptr) return Failure("no SQL statement");
  return Statement(statement, what_);
}

Statement Database::Prepare(std::string_view sql) {
  Result<Statement> statement = TryPrepare(sql);
  if (!statement) throw IoError(what_ + ": " + statement.error());
  return std::move(*statement);
}

Transaction::Transaction(Database& db) : db_(db) { db_.Exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (done_) return;
  try {
    db_.Exec("ROLLBACK");
  } catch (const IoError&) {  // the connection is gone; SQLite rolls back on its own
  }
}

void Transaction::Commit() {
  db_.Exec("COMMIT");
  done_ = true;
}

}  // namespace ferry::sqlite
