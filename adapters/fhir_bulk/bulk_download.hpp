#pragma once
/// Downloads `$export` files into a private spool directory, several at once, streamed to
/// disk (memory stays bounded whatever the file size); gzip transfer encoding is decoded by
/// the HTTP client, and a file that is itself gzip is read through zlib later
/// (ndjson::LineReader). The Authorization header is sent only when the manifest says
/// `requiresAccessToken: true` (the files may sit on storage that rejects it).
///
/// A download cut off part-way (a truncated body, a reset connection) is started again
/// from zero, up to `max_attempts` times; each restart is counted as a retry of kind
/// "partial-download". A file that still cannot be fetched comes back with `error` set
/// (HTTP status, attempts) so the source can dead-letter it and go on.
///
///     Downloader downloader(client, spool, {.max_attempts = 8});
///     std::vector<Spooled> got = downloader.Fetch(files_in_window, manifest.requires_access_token);

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "adapters/fhir_bulk/bulk_manifest.hpp"
#include "adapters/http/http_client.hpp"

namespace ferry::fhir_bulk {

/// A private temp directory (mode 0700) removed with everything in it on destruction.
class SpoolDir {
 public:
  /// Creates `<parent>/ferry-bulk.XXXXXX` (parent "" = the system temp directory).
  explicit SpoolDir(const std::string& parent);
  ~SpoolDir();
  SpoolDir(const SpoolDir&) = delete;
  SpoolDir& operator=(const SpoolDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// One downloaded file.
struct Spooled {
  std::string path;   ///< local file ("" when the download failed)
  std::string error;  ///< why the download failed ("" when it did not)
};

class Downloader {
 public:
  Downloader(http::Client& client, const SpoolDir& spool, int max_attempts)
      : client_(client), spool_(spool), max_attempts_(max_attempts) {}

  /// Downloads `files` in parallel; one result per file, in order. `first_index` names
  /// the spool files (file number in the manifest).
  std::vector<Spooled> Fetch(std::span<const ManifestFile> files, std::size_t first_index, bool with_token);
  /// Restarts of cut-off downloads so far.
  std::uint64_t restarts() const { return restarts_; }

 private:
  http::Request MakeRequest(const ManifestFile& file, bool with_token, std::FILE* out) const;
  /// Downloads one file again, alone, until it succeeds or attempts run out.
  Spooled Retry(const ManifestFile& file, const std::string& path, bool with_token, http::Response last);

  http::Client& client_;
  const SpoolDir& spool_;
  int max_attempts_;
  std::uint64_t restarts_ = 0;
};

}  // namespace ferry::fhir_bulk
