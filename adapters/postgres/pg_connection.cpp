#include "adapters/postgres/pg_connection.hpp"

#include <cctype>

#include "core/common/error.hpp"

namespace ferry::postgres {

namespace {

constexpr const char* kSessionSettings[] = {
    "SET DateStyle = 'ISO, YMD'",
    "SET TimeZone = 'UTC'",
    "SET extra_float_digits = 1",
};

void DropNotice(void* /*unused*/, const char* /*message*/) {}

}  // namespace

std::string ServerError::ToString() const {
  return sqlstate.empty() ? message : message + " (SQLSTATE " + sqlstate + ")";
}

std::string ServerError::Redacted() const {
  return ServerError{sqlstate, HideQuoted(message)}.ToString();
}

bool IsDataError(std::string_view sqlstate) {
  std::string_view category = sqlstate.substr(0, 2);
  return category == "22" || category == "23" || category == "54";
}

std::string HideQuoted(std::string_view text) {
  std::string hidden;
  bool inside = false;
  for (char c : text) {
    if (c == '"') {
      if (!inside) hidden += "\"<hidden>";
      inside = !inside;
    }
    if (!inside) hidden += c;
  }
  return hidden;
}

namespace {

/// True when the continuation line after `rest` (which starts at its line break) starts a
/// new sentence, while `line` ends without a full stop.
bool NewSentence(std::string_view line, std::string_view rest) {
  std::size_t first = rest.find_first_not_of(" \t\n");
  return first != std::string_view::npos && std::isupper(static_cast<unsigned char>(rest[first])) &&
         !line.empty() && std::isalnum(static_cast<unsigned char>(line.back()));
}

}  // namespace

std::string OneLine(std::string_view text) {
  std::string line;
  for (std::size_t at = 0; at < text.size(); ++at) {
    char c = text[at];
    // A line that starts with white space continues the sentence before it.
    bool continued = at + 1 < text.size() && (text[at + 1] == ' ' || text[at + 1] == '\t');
    if (c == '\n' && !continued && !line.empty()) {
      while (!line.empty() && (line.back() == ' ' || line.back() == '.')) line.pop_back();
      line += "; ";
    } else if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      if (c == '\n' && NewSentence(line, text.substr(at))) line += '.';
      if (!line.empty() && line.back() != ' ') line += ' ';
    } else {
      line += c;
    }
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == ';' || line.back() == '.')) {
    line.pop_back();
  }
  return line;
}

// ---------------------------------------------------------------------------------------
// PgResult

PgResult::PgResult(PGresult* result) : result_(result) {}

bool PgResult::ok() const {
  ExecStatusType status = PQresultStatus(result_.get());
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

ServerError PgResult::error() const {
  const char* sqlstate = PQresultErrorField(result_.get(), PG_DIAG_SQLSTATE);
  const char* primary = PQresultErrorField(result_.get(), PG_DIAG_MESSAGE_PRIMARY);
  return {sqlstate ? sqlstate : "",
          OneLine(primary ? primary : PQresultErrorMessage(result_.get()))};
}

int PgResult::Rows() const { return PQntuples(result_.get()); }

int PgResult::Columns() const { return PQnfields(result_.get()); }

std::string PgResult::ColumnName(int column) const {
  const char* name = PQfname(result_.get(), column);
  return name ? name : "";
}

bool PgResult::IsNull(int row, int column) const {
  return PQgetisnull(result_.get(), row, column) != 0;
}

std::string_view PgResult::Text(int row, int column) const {
  return {PQgetvalue(result_.get(), row, column),
          static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

// ---------------------------------------------------------------------------------------
// Connection

Connection::Connection(const ConnectionParams& params, std::string what, const std::string& where)
    : what_(std::move(what)), password_(params.password) {
  std::vector<std::pair<std::string, std::string>> keywords = ConnectionKeywords(params);
  std::vector<const char*> names;
  std::vector<const char*> values;
  for (const auto& [name, value] : keywords) {
    names.push_back(name.c_str());
    values.push_back(value.c_str());
  }
  names.push_back(nullptr);
  values.push_back(nullptr);
  connection_.reset(PQconnectdbParams(names.data(), values.data(), /*expand_dbname=*/0));
  if (!connection_ || PQstatus(connection_.get()) != CONNECTION_OK) {
    std::string reason = connection_ ? OneLine(PQerrorMessage(connection_.get())) : "out of memory";
    throw ConnectError(where + what_ + ": cannot connect as user '" + params.user +
                       "': " + RemoveSecret(reason, password_) +
                       "; check host, port, database, user, password and sslmode");
  }
  PQsetNoticeProcessor(connection_.get(), &DropNotice, nullptr);
  for (const char* setting : kSessionSettings) Exec(setting, "setting up the session");
}

PgResult Connection::Run(const std::string& sql, const Params& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  return Checked(PQexecParams(connection_.get(), sql.c_str(), static_cast<int>(values.size()),
                              nullptr, values.data(), nullptr, nullptr, /*resultFormat=*/0));
}

PgResult Connection::Exec(const std::string& sql, std::string_view doing, const Params& params) {
  PgResult result = Run(sql, params);
  if (!result.ok()) {
    throw ConnectError(what_ + ": " + std::string(doing) + ": " + result.error().Redacted() +
                       "; see the server's log for the cause, then run again with --resume");
  }
  return result;
}

PgResult Connection::DescribeCursor(const std::string& name) {
  PgResult result = Checked(PQdescribePortal(connection_.get(), name.c_str()));
  if (!result.ok()) {
    throw ConnectError(what_ + ": cannot describe a cursor: " + result.error().Redacted());
  }
  return result;
}

// A null result or a dead connection ends the run; any other failure is the caller's.
PgResult Connection::Checked(PGresult* result) {
  if (result != nullptr && PQstatus(connection_.get()) == CONNECTION_OK) return PgResult(result);
  PQclear(result);
  std::string reason = RemoveSecret(OneLine(PQerrorMessage(connection_.get())), password_);
  throw ConnectError(what_ + ": lost the connection to the server: " + reason +
                     "; check that the server is up, then run again with --resume");
}

}  // namespace ferry::postgres
