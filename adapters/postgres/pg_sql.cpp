#include "adapters/postgres/pg_sql.hpp"

#include <array>
#include <cctype>
#include <charconv>

namespace ferry::postgres {

std::string QuoteIdentifier(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string QualifiedName(std::string_view schema, std::string_view name) {
  return QuoteIdentifier(schema) + "." + QuoteIdentifier(name);
}

std::string TrimQuery(std::string_view query) {
  auto junk = [](char c) { return c == ';' || std::isspace(static_cast<unsigned char>(c)); };
  while (!query.empty() && junk(query.back())) query.remove_suffix(1);
  while (!query.empty() && std::isspace(static_cast<unsigned char>(query.front())))
    query.remove_prefix(1);
  return std::string(query);
}

namespace {

/// Index just past the literal, quoted identifier or comment starting at `at`, or `at`
/// when none starts there.
std::size_t SkipQuoted(std::string_view query, std::size_t at) {
  auto until = [&](std::string_view end, std::size_t from) {
    std::size_t found = query.find(end, from);
    return found == std::string_view::npos ? query.size() : found + end.size();
  };
  char c = query[at];
  if (c == '\'' || c == '"') {
    std::size_t next = at;
    do next = until(std::string_view(&c, 1), next + 1);  // '' and "" restart the scan
    while (next < query.size() && query[next] == c);
    return next;
  }
  if (query.substr(at, 2) == "--") return until("\n", at);
  if (query.substr(at, 2) == "/*") return until("*/", at + 2);
  return at;
}

/// The words of `query` outside literals and comments, upper-cased.
std::vector<std::string> Words(std::string_view query) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t at = 0; at < query.size();) {
    std::size_t skipped = SkipQuoted(query, at);
    bool letter =
        skipped == at && (std::isalnum(static_cast<unsigned char>(query[at])) || query[at] == '_');
    if (letter) word += static_cast<char>(std::toupper(static_cast<unsigned char>(query[at])));
    if (!letter && !word.empty()) {
      words.push_back(word);
      word.clear();
    }
    at = skipped == at ? at + 1 : skipped;
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace

bool HasOrderBy(std::string_view query) {
  std::vector<std::string> words = Words(query);
  for (std::size_t word_idx = 0; word_idx + 1 < words.size(); ++word_idx) {
    if (words[word_idx] == "ORDER" && words[word_idx + 1] == "BY") return true;
  }
  return false;
}

std::string DefaultQuery(std::string_view schema, std::string_view table,
                         std::span<const std::string> key_columns) {
  std::string query = "SELECT * FROM " + QualifiedName(schema, table) + " ORDER BY ";
  for (std::size_t column_idx = 0; column_idx < key_columns.size(); ++column_idx) {
    if (column_idx > 0) query += ", ";
    query += QuoteIdentifier(key_columns[column_idx]);
  }
  return query;
}

std::string CountQuery(std::string_view query) {
  return "SELECT count(*) FROM (" + std::string(query) + ") q";
}

std::string DeclareCursor(std::string_view name, std::string_view query) {
  return "DECLARE " + QuoteIdentifier(name) + " NO SCROLL CURSOR FOR " + std::string(query);
}

std::string TextArray(std::span<const std::string_view> values) {
  std::string text = "{";
  for (std::size_t value_idx = 0; value_idx < values.size(); ++value_idx) {
    if (value_idx > 0) text += ',';
    text += '"';
    for (char c : values[value_idx]) {
      if (c == '"' || c == '\\') text += '\\';
      text += c;
    }
    text += '"';
  }
  return text + "}";
}

std::optional<StreamPosition> ParsePosition(std::string_view text) {
  const char* end = text.data() + text.size();
  StreamPosition position;
  auto [colon, first] = std::from_chars(text.data(), end, position.stream_idx);
  if (first != std::errc() || colon == text.data() || colon == end || *colon != ':') {
    return std::nullopt;
  }
  auto [stop, second] = std::from_chars(colon + 1, end, position.rows_done);
  if (second != std::errc() || stop != end || stop == colon + 1) return std::nullopt;
  return position;
}

std::string FormatPosition(const StreamPosition& position) {
  return std::to_string(position.stream_idx) + ":" + std::to_string(position.rows_done);
}

// ---------------------------------------------------------------------------------------
// The FHIR store

namespace {

constexpr std::array<std::string_view, 7> kStoreColumns = {
    "resource_type", "id", "version_id", "last_updated", "digest", "resource", "resource_text"};

}  // namespace

std::span<const std::string_view> StoreColumns() { return kStoreColumns; }

std::string CreateStoreSql(std::string_view schema, std::string_view table) {
  return "CREATE TABLE IF NOT EXISTS " + QualifiedName(schema, table) +
         " (resource_type text NOT NULL, id text NOT NULL, version_id bigint NOT NULL, "
         "last_updated timestamptz NOT NULL, digest text NOT NULL, resource jsonb NOT NULL, "
         "resource_text text NOT NULL, PRIMARY KEY (resource_type, id))";
}

std::string UpsertSql(std::string_view schema, std::string_view table) {
  return "INSERT INTO " + QualifiedName(schema, table) +
         " AS t (resource_type, id, version_id, last_updated, digest, resource, resource_text)"
         " SELECT r.resource_type, r.id, 1, $5::timestamptz, r.digest, r.resource_text::jsonb,"
         " r.resource_text"
         " FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])"
         " AS r(resource_type, id, digest, resource_text)"
         " ON CONFLICT (resource_type, id) DO UPDATE SET version_id = t.version_id + 1,"
         " last_updated = EXCLUDED.last_updated, digest = EXCLUDED.digest,"
         " resource = EXCLUDED.resource, resource_text = EXCLUDED.resource_text"
         " WHERE t.digest <> EXCLUDED.digest"
         " RETURNING t.resource_type, t.id";
}

std::string ScanSql(std::string_view schema, std::string_view table) {
  return "SELECT resource_type, id, resource_text FROM " + QualifiedName(schema, table) +
         " ORDER BY resource_type, id";
}

}  // namespace ferry::postgres
