#pragma once
/// One attempt of one request on a libcurl easy handle: sets the handle up from a
/// Request and the ClientOptions, and collects status, headers and body as they arrive
/// (streaming a 2xx body to Request::on_body). Used by Client (http_client.cpp) only.
///
///     Transfer transfer(easy);                         // borrows the handle
///     transfer.Prepare(request, options, settings);   // then curl_multi_add_handle
///     ... when curl reports it done:
///     transfer.Finish(code, response);

#include <curl/curl.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "adapters/http/http_types.hpp"
#include "adapters/http/rate_limiter.hpp"

namespace ferry::http {

/// Settings computed once per Client.
struct TransferSettings {
  std::string ca_blob;                 ///< system CAs + ClientOptions::ca_bundle, or "" for the defaults
  curl_off_t max_send_speed = 0;       ///< curl's per-transfer upload cap, 0 = none
  ByteBudget* budget = nullptr;        ///< the Client's download budget (null = none)
};

class Transfer {
 public:
  explicit Transfer(CURL* easy) : easy_(easy) {}
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  /// Resets the handle and sets it up for `request` (borrowed until Finish).
  void Prepare(const Request& request, const ClientOptions& options, const TransferSettings& settings);
  /// Moves what arrived into `response` (status, headers, body, error).
  void Finish(CURLcode code, Response& response);

  CURL* easy() const { return easy_; }
  /// True when on_body returned false (the caller does not want more; never retried).
  bool aborted_by_receiver() const { return aborted_by_receiver_; }
  std::uint64_t streamed_bytes() const { return streamed_bytes_; }
  std::chrono::steady_clock::time_point started() const { return started_; }
  /// True while the transfer waits for the download budget.
  bool paused() const { return paused_; }
  /// Continues a paused transfer (curl may deliver data from within this call).
  void Resume();

 private:
  static std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* self);
  std::size_t Body(std::string_view data);
  long Status() const;

  CURL* easy_;
  curl_slist* header_list_ = nullptr;
  const Request* request_ = nullptr;
  std::vector<Header> headers_;
  std::string body_;
  bool aborted_by_receiver_ = false;
  bool paused_ = false;
  ByteBudget* budget_ = nullptr;
  std::uint64_t streamed_bytes_ = 0;
  char error_buffer_[CURL_ERROR_SIZE] = {};
  std::chrono::steady_clock::time_point started_;
};

}  // namespace ferry::http
