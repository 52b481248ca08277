#pragma once
/// S3 (and S3-compatible stores such as Ceph RGW, and GCS's XML API with HMAC keys) as a
/// Store: ListObjectsV2 with continuation tokens, ranged GET, PutObject for small objects
/// and multipart upload (parts of `part_size` >= 5 MiB sent `parallel` at a time, each
/// with Content-MD5 and x-amz-content-sha256; aborted on failure; resumed after a crash
/// from the journal via ListParts, re-sending only the parts the store lacks or holds
/// with a different MD5), DeleteObject. Conditional create: HEAD before a multipart
/// upload, `If-None-Match: *` on PutObject. SSE-KMS headers are sent when a key is set.
///
///     S3Config config{.endpoint = "http://127.0.0.1:7480", .region = "us-east-1",
///                     .bucket = "fhir-bulk", .path_style = true, .credentials = {...}};
///     S3Store store(config);
///     store.Upload("run1/Patient.ndjson", "/tmp/Patient.ndjson", {.journal = "/tmp/j"});

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "adapters/http/http_client.hpp"
#include "adapters/storage/s3_signer.hpp"
#include "adapters/storage/store.hpp"

namespace ferry::storage {

struct S3Config {
  std::string name = "S3";  ///< store name in messages (`GCS` for the XML interop API)
  std::string url_text;     ///< the plan's URL, for messages
  /// `scheme://host[:port]`; "" = AWS (`https://s3.<region>.amazonaws.com`).
  std::string endpoint;
  std::string region = "us-east-1";
  std::string bucket;
  bool path_style = false;  ///< `endpoint/bucket/key` instead of `bucket.endpoint/key`
  S3Credentials credentials;
  std::string sse_kms_key_id;  ///< "" = no SSE-KMS headers
  std::uint64_t part_size = std::uint64_t{8} << 20;
  int parallel = 4;  ///< parts in flight at once
  http::ClientOptions http;
};

class S3Store final : public Store {
 public:
  explicit S3Store(S3Config config);

  std::string Name() const override;
  ListPage List(const std::string& prefix, const std::string& token) override;
  void Read(const std::string& key, std::uint64_t offset, std::uint64_t length,
            const std::function<bool(std::string_view)>& on_bytes) override;
  UploadStats Upload(const std::string& key, const std::string& path,
                     const UploadOptions& options) override;
  void Delete(const std::string& key) override;
  void AbandonUpload(const std::string& journal) override;

  /// Keys of the multipart uploads in progress under `prefix` (ListMultipartUploads), to
  /// check that none is left behind.
  std::vector<std::string> PendingUploads(const std::string& prefix);

 private:
  std::string Url(const std::string& key, const std::map<std::string, std::string>& query = {}) const;
  http::Request MakeRequest(std::string method, const std::string& key,
                            const std::map<std::string, std::string>& query = {},
                            std::string body = "") const;
  void AddEncryptionHeaders(http::Request& request) const;
  [[noreturn]] void Fail(const std::string& operation, const http::Response& response) const;
  bool Exists(const std::string& key);
  UploadStats PutSingle(const std::string& key, const std::string& path, std::uint64_t size,
                        const UploadOptions& options);
  UploadStats PutMultipart(const std::string& key, const std::string& path, std::uint64_t size,
                           const UploadOptions& options);
  std::string CreateMultipart(const std::string& key, const UploadOptions& options);
  std::map<std::uint64_t, std::string> ListParts(const std::string& key, const std::string& upload_id);
  void SendParts(const std::string& key, const std::string& upload_id, const std::string& path,
                 std::uint64_t size, std::map<std::uint64_t, std::string>& etags,
                 UploadStats& stats);
  void CompleteMultipart(const std::string& key, const std::string& upload_id,
                         const std::map<std::uint64_t, std::string>& etags);
  void AbortMultipart(const std::string& key, const std::string& upload_id);

  S3Config config_;
  std::unique_ptr<http::Client> client_;
};

}  // namespace ferry::storage
