#include "adapters/postgres/pg_params.hpp"

#include <algorithm>

#include "core/common/error.hpp"
#include "core/common/strings.hpp"

namespace ferry::postgres {

namespace {

constexpr long long kMaxPort = 65535;
constexpr const char* kConnectTimeoutSeconds = "10";

}  // namespace

const std::vector<std::string>& SslModes() {
  static const std::vector<std::string> kModes = {"disable", "allow",     "prefer",
                                                  "require", "verify-ca", "verify-full"};
  return kModes;
}

bool IsSslMode(std::string_view sslmode) {
  const std::vector<std::string>& modes = SslModes();
  return std::find(modes.begin(), modes.end(), sslmode) != modes.end();
}

std::string Where(const AdapterConfig& config, const std::string& key) {
  auto it = config.values.find(key);
  const std::string& location = it != config.values.end() && !it->second.location.empty()
                                    ? it->second.location
                                    : config.location;
  return location.empty() ? "" : location + ": ";
}

ConnectionParams ReadConnectionParams(const AdapterConfig& config, std::string_view role) {
  ConnectionParams params;
  params.host = config.GetString("host", params.host);
  long long port = config.GetInteger("port", 5432);
  if (port < 1 || port > kMaxPort) {
    throw PlanError(Where(config, "port") + std::string(role) + ": port " + std::to_string(port) +
                    " is not a TCP port; give a number from 1 to 65535");
  }
  params.port = std::to_string(port);
  params.database = config.GetString("database");
  params.user = config.GetString("user");
  params.password = config.GetString("password");
  params.sslmode = config.GetString("sslmode", params.sslmode);
  if (!IsSslMode(params.sslmode)) {
    throw PlanError(Where(config, "sslmode") + std::string(role) + ": sslmode '" + params.sslmode +
                    "' is not known; use one of " + Join(SslModes(), ", "));
  }
  return params;
}

std::vector<std::pair<std::string, std::string>> ConnectionKeywords(
    const ConnectionParams& params) {
  std::vector<std::pair<std::string, std::string>> keywords = {
      {"host", params.host},
      {"port", params.port},
      {"dbname", params.database},
      {"user", params.user},
  };
  if (!params.password.empty()) keywords.emplace_back("password", params.password);
  keywords.emplace_back("sslmode", params.sslmode);
  keywords.emplace_back("application_name", "ferry");
  keywords.emplace_back("connect_timeout", kConnectTimeoutSeconds);
  keywords.emplace_back("client_encoding", "UTF8");
  return keywords;
}

std::string Address(const ConnectionParams& params) {
  bool ipv6 = params.host.find(':') != std::string::npos;
  std::string host = ipv6 ? "[" + params.host + "]" : params.host;
  return host + ":" + params.port + "/" + params.database;
}

std::string RemoveSecret(std::string message, std::string_view secret) {
  if (secret.empty()) return message;
  for (std::size_t at = message.find(secret); at != std::string::npos;
       at = message.find(secret, at + 3)) {
    message.replace(at, secret.size(), "***");
  }
  return message;
}

}  // namespace ferry::postgres
