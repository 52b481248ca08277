#pragma once
/// Azure Blob Storage (and Azurite) as a Store: List Blobs with markers, Get Blob with
/// x-ms-range, Put Blob for small objects and Put Block / Put Block List for large ones
/// (blocks of `block_size` sent `parallel` at a time, each with Content-MD5, which the
/// service checks), Delete Blob. Auth: SharedKey (account key), a SAS token, or an Entra
/// ID bearer token (OAuth, HTTPS only; re-minted before it expires); the `x-ms-version`
/// is pinned (kAzureVersion, which accepts OAuth: 2017-11-09 and later).
///
/// A block's id encodes its index and the MD5 of its bytes, so a resumed upload asks the
/// service for the uncommitted blocks (Get Block List) and sends only the blocks whose
/// ids are missing. Uncommitted blocks cannot be deleted through the API; the service
/// drops them after a week, and a completed or restarted upload replaces them.
/// Conditional create: `If-None-Match: *` on Put Blob / Put Block List.
///
///     AzureConfig config{...};   // endpoint http://127.0.0.1:10000/devstoreaccount1 for Azurite
///     AzureStore store(config);

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "adapters/auth/authenticator.hpp"
#include "adapters/http/http_client.hpp"
#include "adapters/storage/store.hpp"

namespace ferry::storage {

struct AzureConfig {
  std::string url_text;  ///< the plan's URL, for messages
  std::string account;
  std::string container;
  /// The account's blob endpoint: `https://<account>.blob.core.windows.net` (the default),
  /// or e.g. `http://127.0.0.1:10000/devstoreaccount1` for Azurite.
  std::string endpoint;
  std::string account_key;  ///< SharedKey (base64); or
  std::string sas_token;    ///< a SAS query string (without '?'); or
  /// an Entra ID token source (`Authorization: Bearer`, scope https://storage.azure.com/.default)
  std::shared_ptr<http::Authenticator> token_auth;
  std::uint64_t block_size = std::uint64_t{8} << 20;
  int parallel = 4;
  http::ClientOptions http;
};

class AzureStore final : public Store {
 public:
  explicit AzureStore(AzureConfig config);

  std::string Name() const override;
  ListPage List(const std::string& prefix, const std::string& token) override;
  void Read(const std::string& key, std::uint64_t offset, std::uint64_t length,
            const std::function<bool(std::string_view)>& on_bytes) override;
  UploadStats Upload(const std::string& key, const std::string& path,
                     const UploadOptions& options) override;
  void Delete(const std::string& key) override;
  void AbandonUpload(const std::string& journal) override;

 private:
  http::Request MakeRequest(std::string method, const std::string& key,
                            std::map<std::string, std::string> query = {},
                            std::string body = "") const;
  [[noreturn]] void Fail(const std::string& operation, const http::Response& response) const;
  void CheckCreate(const std::string& key, const http::Response& response) const;
  bool Exists(const std::string& key);
  UploadStats PutBlob(const std::string& key, const std::string& path, std::uint64_t size,
                      const UploadOptions& options);
  UploadStats PutBlocks(const std::string& key, const std::string& path, std::uint64_t size,
                        const UploadOptions& options);
  std::set<std::string> UncommittedBlocks(const std::string& key);

  AzureConfig config_;
  std::unique_ptr<http::Client> client_;
};

}  // namespace ferry::storage
