#include <string>

#include "adapters/auth/auth_config.hpp"
#include "adapters/auth/make_authenticator.hpp"
#include "adapters/fhir/connection.hpp"
#include "adapters/fhir_bulk/fhir_bulk_source.hpp"
#include "core/common/error.hpp"
#include "core/common/log.hpp"

namespace ferry::fhir_bulk {

namespace {

std::string Where(const AdapterConfig& config, const std::string& key) {
  auto it = config.values.find(key);
  std::string location = it != config.values.end() && !it->second.location.empty() ? it->second.location : config.location;
  return location.empty() ? "" : location + ": ";
}

BulkRequest RequestFrom(const AdapterConfig& config, const SourceContext& context) {
  BulkRequest request;
  request.base_url = config.GetString("base_url");
  while (!request.base_url.empty() && request.base_url.back() == '/') request.base_url.pop_back();
  bool ok = false;
  request.level = ParseExportLevel(config.GetString("level", "system"), ok);
  if (!ok) throw PlanError(Where(config, "level") + "fhir-bulk source: level must be system, patient or group");
  request.group_id = config.GetString("group_id");
  if (request.level == ExportLevel::kGroup && request.group_id.empty())
    throw PlanError(Where(config, "level") + "fhir-bulk source: level: group needs group_id");
  request.types = context.streams;
  request.since = config.GetString("since");
  request.until = config.GetString("until");
  request.type_filters = config.GetList("type_filter");
  request.output_format = config.GetString("output_format", "application/fhir+ndjson");
  return request;
}

http::ClientOptions ClientOptionsFrom(const AdapterConfig& config) {
  http::ClientOptions options;
  options.max_connections = static_cast<int>(std::max(1LL, config.GetInteger("concurrency", 4)));
  options.max_attempts = static_cast<int>(std::max(1LL, config.GetInteger("max_attempts", 8)));
  options.max_rps = static_cast<double>(config.GetInteger("max_rps", 0));
  options.bwlimit = static_cast<std::uint64_t>(config.GetInteger("bwlimit", 0));
  options.ca_bundle = config.GetString("ca_bundle");
  options.request_timeout_ms = config.GetInteger("timeout", 300) * 1000;
  options.trace = Logger::Get().Enabled(LogLevel::kTrace);
  return options;
}

}  // namespace

std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context) {
  SourceSettings settings;
  settings.request = RequestFrom(config, context);
  settings.poll.poll_interval_seconds = static_cast<double>(config.GetInteger("poll_interval", 2));
  settings.poll.poll_timeout_seconds = static_cast<double>(config.GetInteger("poll_timeout", 86400));
  settings.concurrency = static_cast<int>(std::max(1LL, config.GetInteger("concurrency", 4)));
  settings.max_attempts = static_cast<int>(std::max(1LL, config.GetInteger("max_attempts", 8)));
  settings.delete_job = config.GetBool("delete_job", true);
  settings.spool_dir = config.GetString("spool_dir");
  http::ClientOptions options = ClientOptionsFrom(config);
  http::AuthConfig auth = http::AuthConfigFrom(config);
  auth.base_url = settings.request.base_url;
  auth.http = options;
  auto client = std::make_unique<http::Client>(options, http::MakeAuthenticator(auth));
  fhir::CheckServer(*client, settings.request.base_url);  // unreachable, refusing or untrusted: exit 3 now
  return std::make_unique<FhirBulkSource>(std::move(settings), std::move(client));
}

}  // namespace ferry::fhir_bulk
