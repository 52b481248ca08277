#pragma once
/// How the postgres adapter reaches a server: the connection keys of a plan block, checked
/// and turned into libpq's keyword/value pairs (for PQconnectdbParams, so that no value is
/// ever parsed as a connection string and the password is never part of a text).
///
///     ConnectionParams params = ReadConnectionParams(config, "postgres source");
///     Address(params) == "127.0.0.1:5432/ehr"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/adapter.hpp"

namespace ferry::postgres {

/// The checked connection keys of one plan block.
struct ConnectionParams {
  std::string host = "127.0.0.1";  ///< name, address, or a Unix socket directory
  std::string port = "5432";
  std::string database;
  std::string user;
  std::string password;  ///< "" = none given (libpq may still use ~/.pgpass)
  std::string sslmode = "prefer";
};

/// The values libpq accepts for `sslmode`, in libpq's order.
const std::vector<std::string>& SslModes();

/// True when `sslmode` is one of SslModes().
bool IsSslMode(std::string_view sslmode);

/// `plan.yaml:7:5: ` for `key` of `config` (or of its block), or "" when unknown.
std::string Where(const AdapterConfig& config, const std::string& key);

/// The connection keys of `config` (keys declared in postgres::kInfo). Throws PlanError,
/// prefixed with the key's location and `role` (`postgres source`), for a port outside
/// 1..65535 or an unknown sslmode.
ConnectionParams ReadConnectionParams(const AdapterConfig& config, std::string_view role);

/// Keyword/value pairs for PQconnectdbParams: host, port, dbname, user, password (only
/// when given), sslmode, plus application_name, connect_timeout and client_encoding.
std::vector<std::pair<std::string, std::string>> ConnectionKeywords(const ConnectionParams& params);

/// `host:port/database` for messages (`[::1]:5432/ehr` for an IPv6 address); never the
/// password.
std::string Address(const ConnectionParams& params);

/// `message` with every occurrence of `secret` replaced by `***` (unchanged when
/// `secret` is empty).
std::string RemoveSecret(std::string message, std::string_view secret);

}  // namespace ferry::postgres
