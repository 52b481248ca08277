#pragma once
/// The asynchronous side of a Bulk Data `$export`: kick-off, status polling and deletion
/// of the job, over an http::Client (FHIR Bulk Data Access IG v2, "Bulk Data Kick-off
/// Request" and "Bulk Data Status Request").
///
///     BulkJob job(client, {.poll_timeout_seconds = 3600});
///     std::string status_url = job.KickOff(KickoffUrl(request));   // 202 + Content-Location
///     std::optional<Manifest> manifest = job.Wait(status_url);      // nullopt: the job is gone
///     ... download manifest->files ...
///     job.Delete(status_url);
///
/// Polling honours Retry-After (seconds or HTTP-date; `poll_interval_seconds` when absent)
/// and logs the server's X-Progress text at info level when it changes. Failures that stop
/// the export throw ConnectError naming the step and the HTTP status, never a URL query.

#include <optional>
#include <string>

#include "adapters/fhir_bulk/bulk_manifest.hpp"
#include "adapters/http/http_client.hpp"

namespace ferry::fhir_bulk {

struct PollOptions {
  double poll_interval_seconds = 2;     ///< between polls when the server gives no Retry-After
  double max_wait_seconds = 60;         ///< a longer Retry-After is cut to this
  double poll_timeout_seconds = 86400;  ///< give up on a job that runs longer
};

/// What a single look at the status URL found.
enum class JobState {
  kRunning,   ///< 202: still in progress
  kComplete,  ///< 200: the manifest is ready
  kGone,      ///< 404 / 410: expired, deleted or never known
};

class BulkJob {
 public:
  BulkJob(http::Client& client, PollOptions options) : client_(client), options_(options) {}

  /// Sends the kick-off request; returns the status URL (Content-Location). Throws
  /// ConnectError when the server does not accept the export (status and the
  /// OperationOutcome's issue codes in the message).
  std::string KickOff(const std::string& kickoff_url);
  /// Polls `status_url` once.
  JobState Check(const std::string& status_url);
  /// Polls until the job completes; nullopt when the job is gone (expired or deleted).
  /// Throws ConnectError when the job failed or took longer than the poll timeout.
  std::optional<Manifest> Wait(const std::string& status_url);
  /// Deletes the job on the server (its files may go with it). A failure is logged only.
  void Delete(const std::string& status_url);

 private:
  http::Response Poll(const std::string& status_url);
  void ShowProgress(const http::Response& response);
  double WaitSeconds(const http::Response& response) const;

  http::Client& client_;
  PollOptions options_;
  std::string last_progress_;
};

/// `HTTP 400 (invalid, not-supported)` for a failed response: status and the issue codes
/// of an OperationOutcome body (never its diagnostics), or the transport error.
std::string DescribeFailure(const http::Response& response);

}  // namespace ferry::fhir_bulk
