#include "adapters/storage/store_config.hpp"

#include <cstdlib>

#include "adapters/auth/static_auth.hpp"
#include "adapters/storage/azure_store.hpp"
#include "adapters/storage/gcs_json_store.hpp"
#include "adapters/storage/s3_store.hpp"
#include "adapters/storage/store_auth.hpp"
#include "core/common/error.hpp"

namespace ferry::storage {

namespace {

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;

std::string Where(const AdapterConfig& config) {
  return config.location.empty() ? "" : config.location + ": ";
}

/// The key's value, else the environment variable `env` (the standard AWS names), else "".
std::string KeyOrEnv(const AdapterConfig& config, const std::string& key, const char* env) {
  if (config.Has(key)) return config.GetString(key);
  const char* value = env == nullptr ? nullptr : std::getenv(env);
  return value == nullptr ? "" : value;
}

http::ClientOptions HttpOptions(const AdapterConfig& config) {
  http::ClientOptions options;
  options.max_connections = static_cast<int>(config.GetInteger("parallel_parts", 4));
  options.ca_bundle = config.GetString("ca_bundle");
  options.bwlimit = static_cast<std::uint64_t>(config.GetInteger("bwlimit", 0));
  options.trace = true;  // shown only at -vv (the logger's trace level), redacted
  return options;
}

/// S3 and the GCS XML API sign with HMAC keys: an `auth` kind there is a plan error.
void RejectTokenAuth(const AdapterConfig& config, const std::string& store) {
  std::string auth = config.GetString("auth", "none");
  if (auth == "none" || auth.empty()) return;
  throw PlanError(Where(config) + store + ": auth '" + auth +
                  "' is for Azure Blob (azure-entra) and the GCS JSON API (google-service-account); " +
                  store.substr(0, store.find(' ')) + " takes access_key_id and secret_access_key");
}

std::unique_ptr<Store> OpenS3(const StorageUrl& url, const AdapterConfig& config) {
  S3Config s3;
  s3.name = url.kind == StoreKind::kGcs ? "GCS" : "S3";
  s3.url_text = url.text;
  s3.bucket = url.bucket;
  s3.endpoint = config.GetString("endpoint");
  if (s3.endpoint.empty() && url.kind == StoreKind::kGcs) s3.endpoint = "https://storage.googleapis.com";
  s3.region = config.GetString("region", url.kind == StoreKind::kGcs ? "auto" : "us-east-1");
  std::string addressing = config.GetString("addressing");
  if (addressing.empty()) addressing = config.Has("endpoint") ? "path" : "virtual";
  if (addressing != "path" && addressing != "virtual") {
    throw PlanError(Where(config) + "addressing must be 'path' or 'virtual', not '" + addressing + "'");
  }
  s3.path_style = addressing == "path";
  RejectTokenAuth(config, s3.name + " " + url.text);
  s3.credentials.access_key_id = KeyOrEnv(config, "access_key_id", "AWS_ACCESS_KEY_ID");
  s3.credentials.secret_access_key = KeyOrEnv(config, "secret_access_key", "AWS_SECRET_ACCESS_KEY");
  s3.credentials.session_token = KeyOrEnv(config, "session_token", "AWS_SESSION_TOKEN");
  if (s3.credentials.access_key_id.empty() || s3.credentials.secret_access_key.empty()) {
    throw PlanError(Where(config) + s3.name + " " + url.text +
                    ": no credentials; set access_key_id and secret_access_key (env:NAME or "
                    "file:PATH) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
  }
  s3.sse_kms_key_id = config.GetString("sse_kms");
  s3.part_size = static_cast<std::uint64_t>(config.GetInteger("part_size_mib", 8)) * kMiB;
  if (s3.part_size < 5 * kMiB) {
    throw PlanError(Where(config) + "part_size_mib must be at least 5 (the S3 minimum part size)");
  }
  s3.parallel = static_cast<int>(config.GetInteger("parallel_parts", 4));
  s3.http = HttpOptions(config);
  return std::make_unique<S3Store>(std::move(s3));
}

std::unique_ptr<Store> OpenAzure(const StorageUrl& url, const AdapterConfig& config) {
  AzureConfig azure;
  azure.url_text = url.text;
  azure.account = url.account;
  azure.container = url.bucket;
  azure.endpoint = config.GetString("endpoint", url.endpoint);
  azure.account_key = config.GetString("account_key");
  azure.sas_token = config.GetString("sas_token");
  while (azure.sas_token.starts_with('?')) azure.sas_token.erase(0, 1);
  azure.block_size = static_cast<std::uint64_t>(config.GetInteger("part_size_mib", 8)) * kMiB;
  azure.parallel = static_cast<int>(config.GetInteger("parallel_parts", 4));
  azure.http = HttpOptions(config);
  azure.token_auth = StoreTokenAuth(config, "azure-entra", kAzureStorageScope, "Azure Blob " + url.text, azure.http);
  int ways = (azure.account_key.empty() ? 0 : 1) + (azure.sas_token.empty() ? 0 : 1) + (azure.token_auth ? 1 : 0);
  if (ways != 1) {
    throw PlanError(Where(config) + "Azure Blob " + url.text +
                    ": set exactly one of account_key, sas_token (env:NAME or file:PATH) and auth: azure-entra");
  }
  return std::make_unique<AzureStore>(std::move(azure));
}

std::unique_ptr<Store> OpenGcsJson(const StorageUrl& url, const AdapterConfig& config) {
  GcsJsonConfig gcs;
  gcs.url_text = url.text;
  gcs.bucket = url.bucket;
  if (config.Has("endpoint")) gcs.endpoint = config.GetString("endpoint");
  gcs.chunk_size = static_cast<std::uint64_t>(config.GetInteger("part_size_mib", 8)) * kMiB;
  gcs.http = HttpOptions(config);
  std::string token = config.GetString("access_token");
  gcs.auth = StoreTokenAuth(config, "google-service-account", kGcsScope, "GCS " + url.text, gcs.http);
  if (token.empty() == !gcs.auth) {
    throw PlanError(Where(config) + "GCS " + url.text +
                    ": gcs_api: json needs exactly one of access_token (an OAuth 2.0 token, env:NAME or "
                    "file:PATH) and auth: google-service-account");
  }
  gcs.service_account = gcs.auth != nullptr;
  if (!token.empty()) gcs.auth = std::make_shared<http::BearerAuth>(token);
  return std::make_unique<GcsJsonStore>(std::move(gcs));
}

}  // namespace

void AppendStorageKeys(std::vector<KeySpec>& keys) {
  std::vector<KeySpec> storage = {
      {"endpoint", KeyType::kString, false, "",
       "store endpoint: S3-compatible host (scheme://host:port), or Azure account blob URL"},
      {"region", KeyType::kString, false, "", "S3 region (default us-east-1; GCS: auto)"},
      {"addressing", KeyType::kString, false, "",
       "S3 addressing: virtual (bucket.host) or path (host/bucket); default path with endpoint"},
      {"access_key_id", KeyType::kSecret, false, "", "S3 / GCS HMAC access key id (else AWS_ACCESS_KEY_ID)"},
      {"secret_access_key", KeyType::kSecret, false, "",
       "S3 / GCS HMAC secret (else AWS_SECRET_ACCESS_KEY)"},
      {"session_token", KeyType::kSecret, false, "", "S3 session token (else AWS_SESSION_TOKEN)"},
      {"account_key", KeyType::kSecret, false, "", "Azure Blob: storage account key (SharedKey)"},
      {"sas_token", KeyType::kSecret, false, "", "Azure Blob: SAS token (query string)"},
      {"gcs_api", KeyType::kString, false, "xml",
       "GCS: xml (S3-interoperable, HMAC keys) or json (OAuth 2.0 bearer token)"},
      {"access_token", KeyType::kSecret, false, "", "GCS JSON API: OAuth 2.0 access token"},
      {"sse_kms", KeyType::kString, false, "", "S3 SSE-KMS key id or ARN to encrypt objects with"},
      {"part_size_mib", KeyType::kInteger, false, "8", "upload part / block size in MiB (>= 5)"},
      {"parallel_parts", KeyType::kInteger, false, "4", "parts uploaded at once"},
      {"ca_bundle", KeyType::kPath, false, "", "extra CA certificates (PEM) to trust"},
      {"bwlimit", KeyType::kInteger, false, "0", "bytes per second cap to the store, 0 = none (--bwlimit overrides)"},
  };
  keys.insert(keys.end(), storage.begin(), storage.end());
  AppendStoreAuthKeys(keys);
}

std::unique_ptr<Store> OpenStore(const StorageUrl& url, const AdapterConfig& config) {
  switch (url.kind) {
    case StoreKind::kGcs:
      if (config.GetString("gcs_api", "xml") == "json") return OpenGcsJson(url, config);
      if (config.GetString("gcs_api", "xml") != "xml") {
        throw PlanError(Where(config) + "gcs_api must be 'xml' (HMAC keys) or 'json' (OAuth token)");
      }
      return OpenS3(url, config);
    case StoreKind::kS3:
      return OpenS3(url, config);
    case StoreKind::kAzure:
      return OpenAzure(url, config);
    case StoreKind::kLocal:
      break;
  }
  throw PlanError(Where(config) + KindName(url.kind) + " paths are not supported yet: " + url.text);
}

}  // namespace ferry::storage
