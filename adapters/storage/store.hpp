#pragma once
/// The storage interface under the ndjson adapter: a flat namespace of objects (keys with
/// '/' in them) in a bucket, container or directory. Backends: S3 and S3-compatible stores
/// (also GCS through its XML API), Azure Blob, the GCS JSON API, and local directories.
///
/// What every backend gives:
/// - List: pages of objects under a prefix, in key order, with a continuation token;
/// - Read: a byte range of an object, streamed (so a read can resume at any offset);
/// - Upload: a local file as one object, in parts sent in parallel (multipart upload,
///   Put Block / Put Block List, resumable upload) with each part's checksum checked by
///   the store, resumable after a crash from a journal file next to the upload, and a
///   conditional create (refused when the object exists, unless `overwrite`);
/// - Delete.
/// Failures throw: ConnectError (exit 3) naming the store, the operation and the HTTP
/// status for unreachable stores and refused credentials; PlanError when the object to
/// create exists.
///
///     std::unique_ptr<Store> store = OpenStore(url, credentials);
///     for (const ObjectInfo& object : ListAll(*store, "run1/")) ...
///     store->Read("run1/Patient.ndjson", 0, 0, [](std::string_view bytes) { ...; return true; });
///     store->Upload("run1/Patient.ndjson", "/tmp/staging/Patient.ndjson", {.journal = "..."});

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::storage {

/// One object of a listing.
struct ObjectInfo {
  std::string key;         ///< full key, including the prefix
  std::uint64_t size = 0;  ///< bytes
};

/// One page of a listing.
struct ListPage {
  std::vector<ObjectInfo> objects;
  std::string next_token;  ///< "" on the last page
};

/// How to upload one object.
struct UploadOptions {
  bool overwrite = false;  ///< false: refuse when the object exists (conditional create)
  std::string content_type = "application/fhir+ndjson";
  /// File that keeps the state of a multi-part upload (upload id, session URI) so that a
  /// run killed midway resumes it without sending the finished parts again; "" = none.
  std::string journal;
};

/// What an upload did (for tests and reports).
struct UploadStats {
  std::uint64_t bytes = 0;
  std::uint64_t parts = 0;         ///< parts the object has (1 for a single-request upload)
  std::uint64_t parts_sent = 0;    ///< parts sent by this call
  std::uint64_t parts_reused = 0;  ///< parts a resumed upload found at the store already
};

class Store {
 public:
  virtual ~Store() = default;
  /// What messages call the store: `S3 s3://bucket/prefix/`.
  virtual std::string Name() const = 0;
  /// Objects whose keys start with `prefix`, in key order, from the page `token` names
  /// ("" = the first page).
  virtual ListPage List(const std::string& prefix, const std::string& token) = 0;
  /// Streams bytes [offset, offset + length) of `key` (length 0 = to the end) to
  /// `on_bytes`; returning false from it stops the read early.
  virtual void Read(const std::string& key, std::uint64_t offset, std::uint64_t length,
                    const std::function<bool(std::string_view)>& on_bytes) = 0;
  /// Uploads the local file `path` as `key`.
  virtual UploadStats Upload(const std::string& key, const std::string& path,
                             const UploadOptions& options) = 0;
  /// Deletes `key`; deleting an absent object is not an error.
  virtual void Delete(const std::string& key) = 0;
  /// Cancels the unfinished upload recorded in `journal` (if any; so that the store keeps
  /// no orphan parts) and removes the journal. Best effort: store errors are ignored.
  virtual void AbandonUpload(const std::string& journal) = 0;
};

/// Every object under `prefix`, all pages.
std::vector<ObjectInfo> ListAll(Store& store, const std::string& prefix);

}  // namespace ferry::storage
