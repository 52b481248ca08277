#pragma once
/// Google Cloud Storage through its JSON API as a Store, with an OAuth 2.0 bearer token
/// (a fixed one, or minted from a service-account key and re-minted before it expires):
/// objects.list with page tokens, media download with Range, objects.delete, and the
/// resumable upload protocol (POST uploadType=resumable → session URI; PUT chunks of
/// `chunk_size` (a multiple of 256 KiB) with Content-Range; 308 Resume Incomplete with
/// the Range the service holds; 200/201 at the end). The whole object's CRC32C goes in
/// the metadata, and GCS refuses the upload when the bytes do not match it.
///
/// Resuming: the session URI is kept in the journal (a private file; the URI is a
/// credential for that one upload and is never printed); a resumed upload asks the
/// session how many bytes it holds (`Content-Range: bytes */SIZE`) and sends from there.
/// A session's chunks go one after another (the protocol is sequential). Conditional
/// create: `ifGenerationMatch=0`. Abandoning cancels the session (DELETE → 499).
///
///     GcsJsonConfig config{.bucket = "b", .token = token};
///     GcsJsonStore store(config);

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "adapters/http/http_client.hpp"
#include "adapters/storage/store.hpp"

namespace ferry::storage {

struct GcsJsonConfig {
  std::string url_text;  ///< the plan's URL, for messages
  std::string bucket;
  std::string endpoint = "https://storage.googleapis.com";
  std::shared_ptr<http::Authenticator> auth;  ///< bearer token (static or minted)
  bool service_account = false;  ///< auth mints tokens from a service-account key (for messages)
  std::uint64_t chunk_size = std::uint64_t{8} << 20;
  http::ClientOptions http;
};

class GcsJsonStore final : public Store {
 public:
  explicit GcsJsonStore(GcsJsonConfig config);

  std::string Name() const override;
  ListPage List(const std::string& prefix, const std::string& token) override;
  void Read(const std::string& key, std::uint64_t offset, std::uint64_t length,
            const std::function<bool(std::string_view)>& on_bytes) override;
  UploadStats Upload(const std::string& key, const std::string& path,
                     const UploadOptions& options) override;
  void Delete(const std::string& key) override;
  void AbandonUpload(const std::string& journal) override;

 private:
  std::string ObjectUrl(const std::string& key) const;
  [[noreturn]] void Fail(const std::string& operation, const http::Response& response) const;
  std::string StartSession(const std::string& key, const std::string& path, std::uint64_t size,
                           const UploadOptions& options);
  /// Bytes the session holds; SIZE when it is complete; nullopt when it is gone.
  std::optional<std::uint64_t> SessionOffset(const std::string& session, std::uint64_t size);
  void SendChunks(const std::string& key, const std::string& session, const std::string& path,
                  std::uint64_t size, std::uint64_t offset, UploadStats& stats);

  GcsJsonConfig config_;
  std::unique_ptr<http::Client> client_;
};

}  // namespace ferry::storage
