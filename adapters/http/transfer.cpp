#include "adapters/http/transfer.hpp"

#include <algorithm>
#include <cstring>

#include "core/common/strings.hpp"

namespace ferry::http {

namespace {

constexpr std::size_t kMaxErrorBody = 1 << 20;   ///< kept of a non-2xx body when streaming
constexpr std::size_t kMaxMemoryBody = std::size_t{1} << 31;  ///< a body in memory beyond this is refused

void SetMethod(CURL* easy, const Request& request) {
  if (request.method == "GET" && request.body.empty()) {
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    return;
  }
  if (request.method == "HEAD") {
    curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    return;
  }
  if (request.method != "GET" || !request.body.empty()) {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
  }
  if (request.method != "POST") curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
}

}  // namespace

Transfer::~Transfer() { curl_slist_free_all(header_list_); }

void Transfer::Prepare(const Request& request, const ClientOptions& options, const TransferSettings& settings) {
  curl_easy_reset(easy_);
  curl_slist_free_all(header_list_);
  header_list_ = nullptr;
  request_ = &request;
  headers_.clear();
  body_.clear();
  aborted_by_receiver_ = false;
  paused_ = false;
  budget_ = settings.budget;
  streamed_bytes_ = 0;
  error_buffer_[0] = '\0';
  started_ = std::chrono::steady_clock::now();

  curl_easy_setopt(easy_, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy_, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy_, CURLOPT_PRIVATE, this);
  curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, error_buffer_);
  curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy_, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  // Wait for a connection that may multiplex (HTTP/2 is offered over TLS only); on plain
  // http:// waiting would hold the first requests of a run back for one round trip.
  if (request.url.starts_with("https://")) curl_easy_setopt(easy_, CURLOPT_PIPEWAIT, 1L);
  curl_easy_setopt(easy_, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!settings.ca_blob.empty()) {
    curl_blob blob{const_cast<char*>(settings.ca_blob.data()), settings.ca_blob.size(), CURL_BLOB_NOCOPY};
    curl_easy_setopt(easy_, CURLOPT_CAINFO_BLOB, &blob);
  }
  curl_easy_setopt(easy_, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
  if (request.on_body) {  // a streamed download may take hours: limit stalls, not the total
    curl_easy_setopt(easy_, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(easy_, CURLOPT_LOW_SPEED_TIME, std::max(1L, options.request_timeout_ms / 1000));
  } else {
    curl_easy_setopt(easy_, CURLOPT_TIMEOUT_MS, options.request_timeout_ms);
  }
  curl_easy_setopt(easy_, CURLOPT_USERAGENT, options.user_agent.c_str());
  if (settings.max_send_speed > 0) curl_easy_setopt(easy_, CURLOPT_MAX_SEND_SPEED_LARGE, settings.max_send_speed);
  SetMethod(easy_, request);
  for (const auto& header : request.headers)
    header_list_ = curl_slist_append(header_list_, (header.name + ": " + header.value).c_str());
  header_list_ = curl_slist_append(header_list_, "Expect:");  // no 100-continue round trip
  curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, header_list_);
  curl_easy_setopt(easy_, CURLOPT_HEADERFUNCTION, &Transfer::OnHeader);
  curl_easy_setopt(easy_, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &Transfer::OnBody);
  curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this);
}

std::size_t Transfer::OnHeader(char* data, std::size_t size, std::size_t count, void* self) {
  auto* transfer = static_cast<Transfer*>(self);
  std::string_view line(data, size * count);
  if (StartsWith(line, "HTTP/")) {
    transfer->headers_.clear();  // a new response (after 100 Continue or an interim one)
    return size * count;
  }
  std::size_t colon = line.find(':');
  if (colon != std::string_view::npos)
    transfer->headers_.push_back({std::string(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1)))});
  return size * count;
}

std::size_t Transfer::OnBody(char* data, std::size_t size, std::size_t count, void* self) {
  return static_cast<Transfer*>(self)->Body(std::string_view(data, size * count));
}

long Transfer::Status() const {
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  return status;
}

void Transfer::Resume() {
  paused_ = false;
  curl_easy_pause(easy_, CURLPAUSE_CONT);
}

std::size_t Transfer::Body(std::string_view data) {
  if (budget_ != nullptr && budget_->limited()) {
    if (!budget_->Available(std::chrono::steady_clock::now())) {
      paused_ = true;
      return CURL_WRITEFUNC_PAUSE;  // curl keeps the data and delivers it again after Resume
    }
    budget_->Take(data.size());
  }
  const bool stream = request_->on_body && Status() / 100 == 2;
  if (stream) {
    if (!request_->on_body(data)) {
      aborted_by_receiver_ = true;
      return 0;
    }
    streamed_bytes_ += data.size();
    return data.size();
  }
  const std::size_t limit = request_->on_body ? kMaxErrorBody : kMaxMemoryBody;
  if (body_.size() < limit) body_.append(data.substr(0, limit - body_.size()));
  return data.size();
}

void Transfer::Finish(CURLcode code, Response& response) {
  response.status = code == CURLE_OK ? Status() : 0;
  response.headers = std::move(headers_);
  response.body = std::move(body_);
  response.streamed_bytes = streamed_bytes_;
  response.error.clear();
  if (code != CURLE_OK) {
    response.error = aborted_by_receiver_ ? "transfer aborted by the receiver"
                                          : std::string(curl_easy_strerror(code));
    if (error_buffer_[0] != '\0' && !aborted_by_receiver_) response.error += std::string(": ") + error_buffer_;
  }
  headers_.clear();
  body_.clear();
  request_ = nullptr;
}

}  // namespace ferry::http
