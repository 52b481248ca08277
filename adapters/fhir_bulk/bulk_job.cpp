#include "adapters/fhir_bulk/bulk_job.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "adapters/http/retry_after.hpp"
#include "core/common/error.hpp"
#include "core/common/log.hpp"

namespace ferry::fhir_bulk {

namespace {

using Clock = std::chrono::steady_clock;

/// Printable ASCII of a server's X-Progress text, at most 80 characters.
std::string Printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 80)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

std::string IssueCodes(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return "";
  auto issues = doc.FindMember("issue");
  if (issues == doc.MemberEnd() || !issues->value.IsArray()) return "";
  std::string codes;
  for (const auto& issue : issues->value.GetArray()) {
    if (!issue.IsObject()) continue;
    auto code = issue.FindMember("code");
    if (code == issue.MemberEnd() || !code->value.IsString()) continue;
    if (!codes.empty()) codes += ", ";
    codes += code->value.GetString();
  }
  return codes;
}

}  // namespace

std::string DescribeFailure(const http::Response& response) {
  if (response.status == 0) return "no response (" + response.error + ")";
  if (response.status / 100 == 2 && !response.error.empty()) return "transfer cut off (" + response.error + ")";
  std::string text = "HTTP " + std::to_string(response.status);
  std::string codes = IssueCodes(response.body);
  if (!codes.empty()) text += " (" + codes + ")";
  if (response.attempts > 1) text += " after " + std::to_string(response.attempts) + " attempts";
  return text;
}

std::string BulkJob::KickOff(const std::string& kickoff_url) {
  http::Request request;
  request.url = kickoff_url;
  request.headers = {{"Accept", "application/fhir+json"}, {"Prefer", "respond-async"}};
  http::Response response = client_.Send(std::move(request));
  std::string location = response.HeaderValue("Content-Location");
  if (response.status != 202 || location.empty()) {
    std::string why = response.status == 202 ? "HTTP 202 without Content-Location" : DescribeFailure(response);
    throw ConnectError("fhir-bulk source: the server did not start the $export: " + why);
  }
  FERRY_INFO("bulk export started");
  return location;
}

http::Response BulkJob::Poll(const std::string& status_url) {
  http::Request request;
  request.url = status_url;
  request.headers = {{"Accept", "application/json"}};
  return client_.Send(std::move(request));
}

JobState BulkJob::Check(const std::string& status_url) {
  http::Response response = Poll(status_url);
  if (response.status == 202) {
    ShowProgress(response);
    return JobState::kRunning;
  }
  if (response.status == 404 || response.status == 410) return JobState::kGone;
  if (response.status != 200)
    throw ConnectError("fhir-bulk source: the $export job failed: " + DescribeFailure(response));
  return JobState::kComplete;
}

std::optional<Manifest> BulkJob::Wait(const std::string& status_url) {
  auto start = Clock::now();
  while (true) {
    http::Response response = Poll(status_url);
    if (response.status != 202) {
      if (response.status == 404 || response.status == 410) return std::nullopt;
      if (response.status != 200)
        throw ConnectError("fhir-bulk source: the $export job failed: " + DescribeFailure(response));
      Result<Manifest> manifest = ParseManifest(response.body);
      if (!manifest) throw ConnectError("fhir-bulk source: the $export job's " + manifest.error());
      FERRY_INFO("bulk export complete", {"files", manifest->files.size()});
      return std::move(*manifest);
    }
    ShowProgress(response);
    double seconds = WaitSeconds(response);
    if (std::chrono::duration<double>(Clock::now() - start).count() + seconds > options_.poll_timeout_seconds)
      throw ConnectError("fhir-bulk source: the $export job did not complete within the poll timeout (" +
                         std::to_string(static_cast<long>(options_.poll_timeout_seconds)) +
                         " s); run again with --resume to keep waiting for it");
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  }
}

void BulkJob::Delete(const std::string& status_url) {
  http::Request request;
  request.method = "DELETE";
  request.url = status_url;
  http::Response response = client_.Send(std::move(request));
  if (response.status / 100 == 2 || response.status == 404) {
    FERRY_INFO("bulk export job deleted on the server");
    return;
  }
  FERRY_WARN("could not delete the bulk export job on the server", {"status", DescribeFailure(response)});
}

void BulkJob::ShowProgress(const http::Response& response) {
  std::string progress = Printable(response.HeaderValue("X-Progress"));
  if (progress == last_progress_) return;
  last_progress_ = progress;
  FERRY_INFO("bulk export in progress", {"x_progress", progress.empty() ? "-" : progress});
}

double BulkJob::WaitSeconds(const http::Response& response) const {
  auto wait = http::ParseRetryAfter(response.HeaderValue("Retry-After"), std::chrono::system_clock::now());
  double seconds = wait ? static_cast<double>(wait->count()) / 1000.0 : options_.poll_interval_seconds;
  return std::clamp(seconds, 0.0, options_.max_wait_seconds);
}

}  // namespace ferry::fhir_bulk
