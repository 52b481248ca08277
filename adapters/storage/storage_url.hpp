#pragma once
/// Where a `path:` of the ndjson adapter points: a local directory or an object-store
/// prefix. Accepted forms:
///
///     /data/export, exports/run1          local (made absolute by the plan loader)
///     s3://bucket/prefix                  S3 or an S3-compatible store (`endpoint` key)
///     gs://bucket/prefix                  Google Cloud Storage
///     az://account/container/prefix       Azure Blob Storage
///     https://account.blob.core.windows.net/container/prefix   (the same, https form)
///
///     StorageUrl url = ParseStorageUrl("s3://fhir-bulk/run1");  // kind kS3, bucket, prefix "run1/"
///
/// A prefix is a "directory": empty (the bucket's root) or ending with '/'.

#include <string>
#include <string_view>

namespace ferry::storage {

enum class StoreKind { kLocal, kS3, kGcs, kAzure };

struct StorageUrl {
  StoreKind kind = StoreKind::kLocal;
  std::string text;       ///< as written (for messages)
  std::string local_dir;  ///< kLocal: the directory
  std::string bucket;     ///< kS3/kGcs: bucket; kAzure: container
  std::string account;    ///< kAzure: storage account
  std::string prefix;     ///< "" or "a/b/"
  std::string endpoint;   ///< kAzure https form: `https://host` as written; else ""
};

/// True when `text` has a `scheme://` (so it is not a local path).
bool IsUrl(std::string_view text);

/// Parses `text`; throws PlanError (prefixed by `where`) for an unknown scheme or a URL
/// without a bucket / account / container, naming the accepted forms.
StorageUrl ParseStorageUrl(const std::string& text, const std::string& where = "");

/// The name of `kind` in messages: `S3`, `GCS`, `Azure Blob`, `local`.
std::string KindName(StoreKind kind);

}  // namespace ferry::storage
