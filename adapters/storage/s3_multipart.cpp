// S3Store's multipart upload (see s3_store.hpp): create or resume, send the missing parts
// in parallel, complete; abort on failure.
#include <algorithm>

#include "adapters/storage/checksums.hpp"
#include "adapters/storage/s3_store.hpp"
#include "adapters/storage/upload_journal.hpp"
#include "adapters/storage/xml_text.hpp"
#include "core/common/error.hpp"
#include "core/common/hash.hpp"

namespace ferry::storage {

namespace {

bool Ok(const http::Response& response) { return response.status >= 200 && response.status < 300; }

std::string Unquoted(std::string etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
  return etag;
}

std::string HexMd5(std::string_view data) {
  std::string md5 = Md5(data);
  return ToHex(reinterpret_cast<const std::uint8_t*>(md5.data()), md5.size());
}

}  // namespace

UploadStats S3Store::PutMultipart(const std::string& key, const std::string& path,
                                  std::uint64_t size, const UploadOptions& options) {
  UploadStats stats;
  stats.bytes = size;
  stats.parts = (size + config_.part_size - 1) / config_.part_size;
  std::map<std::uint64_t, std::string> etags;  // part number -> ETag, parts the store holds
  std::string upload_id;
  if (auto old = LoadJournal(options.journal); old && old->Matches(key, size, config_.part_size)) {
    upload_id = old->id;
    etags = ListParts(key, upload_id);  // empty when the upload is gone
    if (etags.empty()) upload_id.clear();
  }
  if (upload_id.empty()) {
    if (!options.overwrite && Exists(key)) {
      throw PlanError(Name() + ": " + key + " exists already; set overwrite: true or choose another prefix");
    }
    upload_id = CreateMultipart(key, options);
    if (!options.journal.empty()) SaveJournal(options.journal, {key, upload_id, size, config_.part_size});
  }
  try {
    SendParts(key, upload_id, path, size, etags, stats);
    CompleteMultipart(key, upload_id, etags);
  } catch (const Error&) {
    AbortMultipart(key, upload_id);
    RemoveJournal(options.journal);
    throw;
  }
  RemoveJournal(options.journal);
  return stats;
}

std::string S3Store::CreateMultipart(const std::string& key, const UploadOptions& options) {
  http::Request request = MakeRequest("POST", key, {{"uploads", ""}});
  request.headers.push_back({"Content-Type", options.content_type});
  request.retryable = false;
  AddEncryptionHeaders(request);
  http::Response response = client_->Send(std::move(request));
  if (!Ok(response)) Fail("starting the upload of " + key, response);
  std::string upload_id = XmlText(response.body, "UploadId");
  if (upload_id.empty()) Fail("starting the upload of " + key + " (no UploadId)", response);
  return upload_id;
}

// The parts the store holds for `upload_id`, by number; empty when the upload is unknown.
std::map<std::uint64_t, std::string> S3Store::ListParts(const std::string& key,
                                                        const std::string& upload_id) {
  std::map<std::uint64_t, std::string> etags;
  std::string marker;
  while (true) {
    std::map<std::string, std::string> query = {{"uploadId", upload_id}};
    if (!marker.empty()) query["part-number-marker"] = marker;
    http::Response response = client_->Send(MakeRequest("GET", key, query));
    if (response.status == 404) return {};
    if (!Ok(response)) Fail("listing the parts of " + key, response);
    for (std::string_view part : XmlElements(response.body, "Part")) {
      etags[std::stoull(XmlText(part, "PartNumber"))] = Unquoted(XmlText(part, "ETag"));
    }
    if (XmlText(response.body, "IsTruncated") != "true") return etags;
    marker = XmlText(response.body, "NextPartNumberMarker");
  }
}

// Sends every part the store lacks (or holds with another MD5), `parallel` at a time;
// each part is read from the file when its batch is sent, so memory holds one batch.
void S3Store::SendParts(const std::string& key, const std::string& upload_id,
                        const std::string& path, std::uint64_t size,
                        std::map<std::uint64_t, std::string>& etags, UploadStats& stats) {
  std::vector<std::uint64_t> missing;
  for (std::uint64_t number = 1; number <= stats.parts; ++number) {
    auto held = etags.find(number);
    std::uint64_t offset = (number - 1) * config_.part_size;
    std::uint64_t length = std::min(config_.part_size, size - offset);
    if (held != etags.end() && held->second == HexMd5(ReadFilePart(path, offset, length))) {
      ++stats.parts_reused;
      continue;
    }
    missing.push_back(number);
  }
  auto batch_size = static_cast<std::size_t>(std::max(1, config_.parallel));
  for (std::size_t first = 0; first < missing.size(); first += batch_size) {
    std::vector<http::Request> requests;
    std::vector<std::uint64_t> numbers(missing.begin() + static_cast<std::ptrdiff_t>(first),
                                       missing.begin() + static_cast<std::ptrdiff_t>(std::min(missing.size(), first + batch_size)));
    for (std::uint64_t number : numbers) {
      std::uint64_t offset = (number - 1) * config_.part_size;
      std::string body = ReadFilePart(path, offset, std::min(config_.part_size, size - offset));
      std::string md5 = Base64(Md5(body));
      http::Request request = MakeRequest(
          "PUT", key, {{"partNumber", std::to_string(number)}, {"uploadId", upload_id}}, std::move(body));
      request.headers.push_back({"Content-MD5", md5});
      requests.push_back(std::move(request));
    }
    std::vector<http::Response> responses = client_->SendAll(std::move(requests));
    for (std::size_t part_idx = 0; part_idx < numbers.size(); ++part_idx) {
      const http::Response& response = responses[part_idx];
      if (!Ok(response)) Fail("uploading part " + std::to_string(numbers[part_idx]) + " of " + key, response);
      etags[numbers[part_idx]] = Unquoted(response.HeaderValue("ETag"));
      ++stats.parts_sent;
    }
  }
}

void S3Store::CompleteMultipart(const std::string& key, const std::string& upload_id,
                                const std::map<std::uint64_t, std::string>& etags) {
  std::string body = "<CompleteMultipartUpload>";
  for (const auto& [number, etag] : etags) {
    body += "<Part><PartNumber>" + std::to_string(number) + "</PartNumber><ETag>\"" +
            XmlEncode(etag) + "\"</ETag></Part>";
  }
  body += "</CompleteMultipartUpload>";
  http::Request request = MakeRequest("POST", key, {{"uploadId", upload_id}}, std::move(body));
  request.headers.push_back({"Content-Type", "application/xml"});
  http::Response response = client_->Send(std::move(request));
  // S3 may answer 200 with an <Error> body when completing fails late.
  if (!Ok(response) || !XmlElements(response.body, "Error").empty()) {
    Fail("completing the upload of " + key, response);
  }
}

void S3Store::AbandonUpload(const std::string& journal) {
  if (auto old = LoadJournal(journal)) AbortMultipart(old->key, old->id);
  RemoveJournal(journal);
}

void S3Store::AbortMultipart(const std::string& key, const std::string& upload_id) {
  try {
    client_->Send(MakeRequest("DELETE", key, {{"uploadId", upload_id}}));
  } catch (const Error&) {
    // best effort: the failure being reported matters more
  }
}

}  // namespace ferry::storage
