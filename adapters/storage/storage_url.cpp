#include "adapters/storage/storage_url.hpp"

#include <cctype>

#include "core/common/error.hpp"
#include "core/common/strings.hpp"

namespace ferry::storage {

namespace {

/// `path` (after the bucket or container) as a prefix: no leading '/', and '/' at the end
/// unless empty.
std::string AsPrefix(std::string_view path) {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  std::string prefix(path);
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  return prefix;
}

/// Splits "first/rest" at the first '/'.
std::pair<std::string, std::string> SplitFirst(std::string_view text) {
  std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return {std::string(text), ""};
  return {std::string(text.substr(0, slash)), std::string(text.substr(slash + 1))};
}

[[noreturn]] void Bad(const std::string& where, const std::string& text, const std::string& why) {
  throw PlanError(where + "path '" + text + "': " + why +
                  "; use s3://bucket/prefix, gs://bucket/prefix, az://account/container/prefix, "
                  "https://account.blob.core.windows.net/container/prefix or a local directory");
}

StorageUrl ParseBucketUrl(StoreKind kind, const std::string& text, std::string_view rest,
                          const std::string& where) {
  auto [bucket, path] = SplitFirst(rest);
  if (bucket.empty()) Bad(where, text, "no bucket");
  StorageUrl url;
  url.kind = kind;
  url.text = text;
  url.bucket = bucket;
  url.prefix = AsPrefix(path);
  return url;
}

StorageUrl ParseAzureUrl(const std::string& text, std::string_view rest, const std::string& where) {
  auto [account, after] = SplitFirst(rest);
  auto [container, path] = SplitFirst(after);
  if (account.empty() || container.empty()) Bad(where, text, "no account or container");
  StorageUrl url;
  url.kind = StoreKind::kAzure;
  url.text = text;
  url.bucket = container;
  url.account = account;
  url.prefix = AsPrefix(path);
  return url;
}

StorageUrl ParseAzureHttps(const std::string& text, std::string_view rest,
                           const std::string& where) {
  auto [host, after] = SplitFirst(rest);
  std::size_t dot = host.find(".blob.");
  if (dot == std::string::npos || dot == 0) {
    Bad(where, text, "an https path must be an Azure Blob URL (account.blob.core.windows.net)");
  }
  auto [container, path] = SplitFirst(after);
  if (container.empty()) Bad(where, text, "no container");
  StorageUrl url;
  url.kind = StoreKind::kAzure;
  url.text = text;
  url.bucket = container;
  url.account = host.substr(0, dot);
  url.prefix = AsPrefix(path);
  url.endpoint = "https://" + host;
  return url;
}

}  // namespace

bool IsUrl(std::string_view text) {
  std::size_t colon = text.find("://");
  if (colon == std::string_view::npos || colon == 0) return false;
  for (std::size_t char_idx = 0; char_idx < colon; ++char_idx) {
    unsigned char c = static_cast<unsigned char>(text[char_idx]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return std::isalpha(static_cast<unsigned char>(text[0])) != 0;
}

StorageUrl ParseStorageUrl(const std::string& text, const std::string& where) {
  if (!IsUrl(text)) {
    StorageUrl url;
    url.text = text;
    url.local_dir = text;
    return url;
  }
  std::size_t colon = text.find("://");
  std::string scheme = text.substr(0, colon);
  std::string_view rest = std::string_view(text).substr(colon + 3);
  if (scheme == "s3") return ParseBucketUrl(StoreKind::kS3, text, rest, where);
  if (scheme == "gs") return ParseBucketUrl(StoreKind::kGcs, text, rest, where);
  if (scheme == "az") return ParseAzureUrl(text, rest, where);
  if (scheme == "https") return ParseAzureHttps(text, rest, where);
  Bad(where, text, "unknown scheme '" + scheme + "'");
}

std::string KindName(StoreKind kind) {
  switch (kind) {
    case StoreKind::kLocal: return "local";
    case StoreKind::kS3: return "S3";
    case StoreKind::kGcs: return "GCS";
    case StoreKind::kAzure: return "Azure Blob";
  }
  return "local";
}

}  // namespace ferry::storage
