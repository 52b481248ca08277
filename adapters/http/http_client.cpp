#include "adapters/http/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <thread>

#include "adapters/http/rate_limiter.hpp"
#include "adapters/http/redact.hpp"
#include "adapters/http/retry_after.hpp"
#include "adapters/http/transfer.hpp"
#include "core/common/error.hpp"
#include "core/common/log.hpp"

namespace ferry::http {

namespace {

using Clock = std::chrono::steady_clock;

/// One request of a Send/SendAll call, across its attempts.
struct Job {
  Request request;
  std::vector<Header> base_headers;  ///< the caller's headers; auth is added anew per attempt
  Response response;
  Clock::time_point not_before{};
  bool reauthorized = false;
  bool done = false;
};

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw PlanError("cannot read CA bundle " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The system CA store plus the extra bundle, so that both are trusted.
std::string CaBlob(const std::string& ca_bundle) {
  if (ca_bundle.empty()) return "";
  std::string blob;
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  if (info->cainfo != nullptr) {
    std::ifstream system_store(info->cainfo, std::ios::binary);
    if (system_store) blob.assign(std::istreambuf_iterator<char>(system_store), {});
  }
  return blob + "\n" + ReadWholeFile(ca_bundle);
}

/// The retry kind of a transport failure, or nullopt when retrying cannot help.
std::optional<std::string> TransportRetryKind(CURLcode code) {
  if (code == CURLE_OPERATION_TIMEDOUT) return "timeout";
  static constexpr CURLcode kConnection[] = {CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_SEND_ERROR,
                                             CURLE_RECV_ERROR,      CURLE_GOT_NOTHING,          CURLE_PARTIAL_FILE,
                                             CURLE_HTTP2,           CURLE_HTTP2_STREAM,         CURLE_SSL_CONNECT_ERROR};
  for (CURLcode connection : kConnection)
    if (code == connection) return "connection";
  return std::nullopt;
}

std::optional<std::string> StatusRetryKind(long status) {
  static constexpr long kRetried[] = {408, 429, 500, 502, 503, 504};
  for (long retried : kRetried)
    if (status == retried) return std::to_string(status);
  return std::nullopt;
}

/// Whether a request that must not be repeated may still be retried: only when the
/// server cannot have acted on it.
bool SafeForNonRetryable(CURLcode code, long status) {
  return code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST || status == 429;
}

std::string JoinHeaders(const std::vector<Header>& headers) {
  std::string out;
  for (const auto& header : headers) out += (out.empty() ? "" : "; ") + RedactHeader(header);
  return out;
}

}  // namespace

class Client::Impl {
 public:
  Impl(ClientOptions options, std::shared_ptr<Authenticator> auth)
      : options_(std::move(options)), auth_(std::move(auth)), limiter_(options_.max_rps), budget_(options_.bwlimit),
        random_(std::random_device{}()) {
    GlobalInit();
    options_.max_connections = std::max(1, options_.max_connections);
    options_.max_attempts = std::max(1, options_.max_attempts);
    settings_.ca_blob = CaBlob(options_.ca_bundle);
    if (options_.bwlimit > 0)
      settings_.max_send_speed =
          std::max<curl_off_t>(1, static_cast<curl_off_t>(options_.bwlimit) / options_.max_connections);
    settings_.budget = &budget_;
    multi_ = curl_multi_init();
    curl_multi_setopt(multi_, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(options_.max_connections));
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(options_.max_connections));
  }

  ~Impl() {
    for (CURL* easy : easies_) curl_easy_cleanup(easy);
    curl_multi_cleanup(multi_);
  }

  std::vector<Response> Run(std::vector<Request> requests) {
    std::lock_guard<std::mutex> lock(run_mutex_);
    std::vector<Job> jobs(requests.size());
    for (std::size_t i = 0; i < requests.size(); ++i) {
      jobs[i].request = std::move(requests[i]);
      jobs[i].base_headers = jobs[i].request.headers;
    }
    try {
      Loop(jobs);
    } catch (...) {
      AbortActive();
      throw;
    }
    std::vector<Response> responses;
    responses.reserve(jobs.size());
    for (auto& job : jobs) responses.push_back(std::move(job.response));
    return responses;
  }

  std::map<std::string, std::uint64_t> RetryCounts() const {
    std::lock_guard<std::mutex> lock(counts_mutex_);
    return retry_counts_;
  }

 private:
  void Loop(std::vector<Job>& jobs) {
    std::size_t remaining = jobs.size();
    while (remaining > 0) {
      if (options_.stop != nullptr && options_.stop->load() && WaitingForRetry(jobs)) throw Interrupted();
      Clock::duration wait = StartReady(jobs);
      int running = 0;
      curl_multi_perform(multi_, &running);
      std::size_t finished = CollectDone(jobs);
      remaining -= finished;
      if (remaining == 0) break;
      wait = std::min(wait, ResumePaused());
      if (finished > 0) continue;  // connections were freed: start the next jobs now, not after a wait
      auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(wait).count();
      int timeout = static_cast<int>(std::clamp<long long>(wait_ms, 1, 100));
      if (active_.empty())
        std::this_thread::sleep_for(std::chrono::milliseconds(timeout));
      else
        curl_multi_poll(multi_, nullptr, 0, timeout, nullptr);
    }
  }

  /// Resumes the transfers paused by the download budget when it allows; returns how
  /// long until it next could.
  Clock::duration ResumePaused() {
    Clock::duration wait = std::chrono::milliseconds(100);
    for (auto& [index, transfer] : active_) {
      if (!transfer->paused()) continue;
      auto now = Clock::now();
      if (budget_.Available(now))
        transfer->Resume();
      else
        wait = std::min(wait, Clock::duration(budget_.WaitTime(now)));
    }
    return wait;
  }

  /// True when a job has been tried and now waits for its next attempt.
  bool WaitingForRetry(const std::vector<Job>& jobs) const {
    for (std::size_t i = 0; i < jobs.size(); ++i)
      if (!jobs[i].done && jobs[i].response.attempts > 0 && active_.count(i) == 0) return true;
    return false;
  }

  /// Starts the jobs that are due, as connections and the rate cap allow; returns how
  /// long until the next one could start.
  Clock::duration StartReady(std::vector<Job>& jobs) {
    Clock::duration wait = std::chrono::milliseconds(100);
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      Job& job = jobs[i];
      if (job.done || active_.count(i) != 0) continue;
      if (active_.size() >= static_cast<std::size_t>(options_.max_connections)) break;
      auto now = Clock::now();
      if (job.not_before > now) {
        wait = std::min(wait, job.not_before - now);
        continue;
      }
      auto rate_wait = limiter_.TryAcquire(now);
      if (rate_wait.count() > 0) return std::min(wait, Clock::duration(rate_wait));
      Start(job, i);
    }
    return wait;
  }

  void Start(Job& job, std::size_t index) {
    job.request.headers = job.base_headers;
    if (auth_ && job.request.authorize) auth_->Authorize(job.request);
    auto transfer = TakeTransfer();
    transfer->Prepare(job.request, options_, settings_);
    ++job.response.attempts;
    curl_multi_add_handle(multi_, transfer->easy());
    active_[index] = std::move(transfer);
  }

  /// Handles finished transfers; returns how many jobs are now complete.
  std::size_t CollectDone(std::vector<Job>& jobs) {
    std::size_t completed = 0;
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      CURLcode code = message->data.result;
      auto it = std::find_if(active_.begin(), active_.end(), [easy](const auto& entry) { return entry.second->easy() == easy; });
      if (it == active_.end()) continue;
      std::size_t index = it->first;
      std::unique_ptr<Transfer> transfer = std::move(it->second);
      active_.erase(it);
      curl_multi_remove_handle(multi_, easy);
      if (Complete(jobs[index], *transfer, code)) ++completed;
      idle_.push_back(std::move(transfer));
    }
    return completed;
  }

  /// Records one attempt's outcome; true when the job is done, false when it will be retried.
  bool Complete(Job& job, Transfer& transfer, CURLcode code) {
    const bool aborted = transfer.aborted_by_receiver();
    transfer.Finish(code, job.response);
    Trace(job, transfer);
    std::optional<std::string> kind = RetryKind(job, code, aborted);
    if (!kind) return job.done = true;
    if (*kind == "401") {
      job.reauthorized = true;
      auth_->Invalidate();
      Count(*kind);
      return false;
    }
    int max_attempts = job.request.max_attempts > 0 ? job.request.max_attempts : options_.max_attempts;
    if (job.response.attempts >= max_attempts) {
      job.response.error = GiveUpMessage(job.response);
      return job.done = true;
    }
    Count(*kind);
    if (options_.stop != nullptr && options_.stop->load()) throw Interrupted();
    job.not_before = Clock::now() + RetryDelay(job.response);
    return false;
  }

  std::optional<std::string> RetryKind(const Job& job, CURLcode code, bool aborted) const {
    const Response& response = job.response;
    if (aborted || response.streamed_bytes > 0) return std::nullopt;  // the receiver saw part of it
    if (response.status == 401 && auth_ && job.request.authorize && !job.reauthorized) return "401";
    if (!job.request.retryable && !SafeForNonRetryable(code, response.status)) return std::nullopt;
    return code == CURLE_OK ? StatusRetryKind(response.status) : TransportRetryKind(code);
  }

  std::chrono::milliseconds RetryDelay(const Response& response) {
    auto retry_after = ParseRetryAfter(response.HeaderValue("Retry-After"), std::chrono::system_clock::now());
    if (retry_after) return std::min(*retry_after, std::chrono::milliseconds(options_.retry_after_max_ms));
    return std::chrono::milliseconds(
        BackoffDelayMs(response.attempts, options_.backoff_base_ms, options_.backoff_max_ms, random_));
  }

  static std::string GiveUpMessage(const Response& response) {
    std::string what = response.status != 0 ? "HTTP " + std::to_string(response.status) : response.error;
    return what + " (gave up after " + std::to_string(response.attempts) + " attempts)";
  }

  void Count(const std::string& kind) {
    std::lock_guard<std::mutex> lock(counts_mutex_);
    ++retry_counts_[kind];
  }

  void Trace(const Job& job, const Transfer& transfer) const {
    if (!options_.trace || !Logger::Get().Enabled(LogLevel::kTrace)) return;
    auto elapsed = std::chrono::duration<double, std::milli>(Clock::now() - transfer.started()).count();
    FERRY_TRACE("http request", {"method", job.request.method}, {"url", RedactUrl(job.request.url)},
                {"attempt", job.response.attempts}, {"status", job.response.status}, {"ms", elapsed},
                {"request_headers", JoinHeaders(job.request.headers)},
                {"response_headers", JoinHeaders(job.response.headers)}, {"error", job.response.error});
  }

  std::unique_ptr<Transfer> TakeTransfer() {
    if (!idle_.empty()) {
      auto transfer = std::move(idle_.back());
      idle_.pop_back();
      return transfer;
    }
    CURL* easy = curl_easy_init();
    if (easy == nullptr) throw ConnectError("cannot create an HTTP handle (out of memory)");
    easies_.push_back(easy);
    return std::make_unique<Transfer>(easy);
  }

  void AbortActive() {
    for (auto& [index, transfer] : active_) {
      curl_multi_remove_handle(multi_, transfer->easy());
      idle_.push_back(std::move(transfer));
    }
    active_.clear();
  }

  ClientOptions options_;
  std::shared_ptr<Authenticator> auth_;
  TransferSettings settings_;
  RateLimiter limiter_;
  ByteBudget budget_;
  std::mt19937_64 random_;
  CURLM* multi_ = nullptr;
  std::vector<CURL*> easies_;  ///< every handle made; cleaned up last
  std::map<std::size_t, std::unique_ptr<Transfer>> active_;  ///< by job index
  std::vector<std::unique_ptr<Transfer>> idle_;
  std::mutex run_mutex_;
  mutable std::mutex counts_mutex_;
  std::map<std::string, std::uint64_t> retry_counts_;
};

Client::Client(ClientOptions options, std::shared_ptr<Authenticator> auth)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(auth))) {}

Client::~Client() = default;

Response Client::Send(Request request) {
  std::vector<Request> one;
  one.push_back(std::move(request));
  return std::move(impl_->Run(std::move(one)).front());
}

std::vector<Response> Client::SendAll(std::vector<Request> requests) { return impl_->Run(std::move(requests)); }

std::map<std::string, std::uint64_t> Client::RetryCounts() const { return impl_->RetryCounts(); }

}  // namespace ferry::http
