#include "adapters/storage/gcs_json_store.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "adapters/storage/checksums.hpp"
#include "adapters/storage/upload_journal.hpp"
#include "adapters/storage/uri_encode.hpp"
#include "core/common/error.hpp"
#include "core/common/hash.hpp"

namespace ferry::storage {

namespace {

bool Ok(const http::Response& response) { return response.status >= 200 && response.status < 300; }

std::uint64_t ToNumber(const std::string& text) {
  try {
    return text.empty() ? 0 : std::stoull(text);
  } catch (const std::exception&) {
    return 0;
  }
}

std::string Member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

/// The upload metadata: name, content type and the CRC32C GCS checks the bytes against.
std::string Metadata(const std::string& key, const std::string& content_type, const std::string& crc32c) {
  rapidjson::StringBuffer text;
  rapidjson::Writer<rapidjson::StringBuffer> writer(text);
  writer.StartObject();
  writer.Key("name");
  writer.String(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
  writer.Key("contentType");
  writer.String(content_type.c_str(), static_cast<rapidjson::SizeType>(content_type.size()));
  writer.Key("crc32c");
  writer.String(crc32c.c_str(), static_cast<rapidjson::SizeType>(crc32c.size()));
  writer.EndObject();
  return text.GetString();
}

std::string FileCrc32c(const std::string& path, std::uint64_t size) {
  constexpr std::uint64_t kPiece = std::uint64_t{1} << 20;
  std::uint32_t crc = 0;
  for (std::uint64_t offset = 0; offset < size; offset += kPiece) {
    crc = Crc32c(ReadFilePart(path, offset, std::min(kPiece, size - offset)), crc);
  }
  return Base64(Crc32cBytes(crc));
}

/// The bytes a 308 Resume Incomplete says the session holds (`Range: bytes=0-N`).
std::uint64_t HeldBytes(const http::Response& response) {
  std::string range = response.HeaderValue("Range");
  std::size_t dash = range.find('-');
  return dash == std::string::npos ? 0 : ToNumber(range.substr(dash + 1)) + 1;
}

}  // namespace

GcsJsonStore::GcsJsonStore(GcsJsonConfig config) : config_(std::move(config)) {
  while (config_.endpoint.ends_with('/')) config_.endpoint.pop_back();
  client_ = std::make_unique<http::Client>(config_.http, config_.auth);
}

std::string GcsJsonStore::Name() const { return "GCS " + config_.url_text; }

std::string GcsJsonStore::ObjectUrl(const std::string& key) const {
  return config_.endpoint + "/storage/v1/b/" + UriEncode(config_.bucket, true) + "/o/" + UriEncode(key, true);
}

void GcsJsonStore::Fail(const std::string& operation, const http::Response& response) const {
  std::string message = Name() + ": " + operation + " failed: ";
  if (response.status == 0) {
    throw ConnectError(message + "cannot connect (" + response.error +
                       "); check `endpoint` and that the store is reachable");
  }
  message += "HTTP " + std::to_string(response.status);
  if (response.status == 401 || response.status == 403) {
    message += config_.service_account ? "; check the service account's roles on the bucket"
                                       : "; check access_token and the bucket's permissions";
  }
  throw ConnectError(message);
}

ListPage GcsJsonStore::List(const std::string& prefix, const std::string& token) {
  std::map<std::string, std::string> query = {{"prefix", prefix}, {"maxResults", "1000"}};
  if (!token.empty()) query["pageToken"] = token;
  http::Request request;
  request.url = config_.endpoint + "/storage/v1/b/" + UriEncode(config_.bucket, true) + "/o" + QueryString(query);
  http::Response response = client_->Send(std::move(request));
  if (!Ok(response)) Fail("list", response);
  rapidjson::Document doc;
  doc.Parse(response.body.c_str(), response.body.size());
  if (doc.HasParseError() || !doc.IsObject()) Fail("list (not JSON)", response);
  ListPage page;
  if (auto items = doc.FindMember("items"); items != doc.MemberEnd() && items->value.IsArray()) {
    for (const rapidjson::Value& item : items->value.GetArray()) {
      if (item.IsObject()) page.objects.push_back({Member(item, "name"), ToNumber(Member(item, "size"))});
    }
  }
  page.next_token = Member(doc, "nextPageToken");
  return page;
}

void GcsJsonStore::Read(const std::string& key, std::uint64_t offset, std::uint64_t length,
                        const std::function<bool(std::string_view)>& on_bytes) {
  http::Request request;
  request.url = ObjectUrl(key) + "?alt=media";
  if (offset > 0 || length > 0) {
    std::string last = length > 0 ? std::to_string(offset + length - 1) : "";
    request.headers.push_back({"Range", "bytes=" + std::to_string(offset) + "-" + last});
  }
  request.on_body = on_bytes;
  http::Response response = client_->Send(std::move(request));
  if (!Ok(response)) Fail("reading " + key, response);
}

void GcsJsonStore::Delete(const std::string& key) {
  http::Request request;
  request.method = "DELETE";
  request.url = ObjectUrl(key);
  http::Response response = client_->Send(std::move(request));
  if (!Ok(response) && response.status != 404) Fail("deleting " + key, response);
}

void GcsJsonStore::AbandonUpload(const std::string& journal) {
  if (auto old = LoadJournal(journal)) {
    http::Request request;
    request.method = "DELETE";
    request.url = old->id;
    try {
      client_->Send(std::move(request));  // 499: cancelled
    } catch (const Error&) {
      // best effort
    }
  }
  RemoveJournal(journal);
}

UploadStats GcsJsonStore::Upload(const std::string& key, const std::string& path,
                                 const UploadOptions& options) {
  std::uint64_t size = LocalFileSize(path);
  UploadStats stats;
  stats.bytes = size;
  stats.parts = std::max<std::uint64_t>(1, (size + config_.chunk_size - 1) / config_.chunk_size);
  std::string session;
  std::optional<std::uint64_t> offset;
  if (auto old = LoadJournal(options.journal); old && old->Matches(key, size, config_.chunk_size)) {
    session = old->id;
    offset = SessionOffset(session, size);
  }
  if (!offset) {
    session = StartSession(key, path, size, options);
    if (!options.journal.empty()) SaveJournal(options.journal, {key, session, size, config_.chunk_size});
    offset = 0;
  }
  stats.parts_reused = *offset / config_.chunk_size;
  if (*offset < size || size == 0) SendChunks(key, session, path, size, *offset, stats);
  RemoveJournal(options.journal);
  return stats;
}

std::string GcsJsonStore::StartSession(const std::string& key, const std::string& path,
                                       std::uint64_t size, const UploadOptions& options) {
  std::map<std::string, std::string> query = {{"uploadType", "resumable"}, {"name", key}};
  if (!options.overwrite) query["ifGenerationMatch"] = "0";
  http::Request request;
  request.method = "POST";
  request.url = config_.endpoint + "/upload/storage/v1/b/" + UriEncode(config_.bucket, true) + "/o" + QueryString(query);
  request.body = Metadata(key, options.content_type, FileCrc32c(path, size));
  request.headers = {{"Content-Type", "application/json; charset=UTF-8"},
                     {"X-Upload-Content-Type", options.content_type},
                     {"X-Upload-Content-Length", std::to_string(size)}};
  request.retryable = false;
  http::Response response = client_->Send(std::move(request));
  if (response.status == 412) {
    throw PlanError(Name() + ": " + key + " exists already; set overwrite: true or choose another prefix");
  }
  std::string location = response.HeaderValue("Location");
  if (!Ok(response) || location.empty()) Fail("starting the upload of " + key, response);
  return location;
}

std::optional<std::uint64_t> GcsJsonStore::SessionOffset(const std::string& session, std::uint64_t size) {
  http::Request request;
  request.method = "PUT";
  request.url = session;
  request.headers = {{"Content-Range", "bytes */" + std::to_string(size)}};
  http::Response response = client_->Send(std::move(request));
  if (Ok(response)) return size;
  if (response.status != 308) return std::nullopt;  // 404/410: the session is gone
  return HeldBytes(response);
}

void GcsJsonStore::SendChunks(const std::string& key, const std::string& session,
                              const std::string& path, std::uint64_t size, std::uint64_t offset,
                              UploadStats& stats) {
  do {
    std::uint64_t length = std::min(config_.chunk_size, size - offset);
    bool last = offset + length == size;
    http::Request request;
    request.method = "PUT";
    request.url = session;
    request.body = ReadFilePart(path, offset, length);
    std::string range = length == 0 ? "*" : std::to_string(offset) + "-" + std::to_string(offset + length - 1);
    request.headers = {{"Content-Range", "bytes " + range + "/" + (last ? std::to_string(size) : "*")},
                       {"Content-Type", "application/octet-stream"}};
    http::Response response = client_->Send(std::move(request));
    if (response.status == 412) {
      throw PlanError(Name() + ": " + key + " exists already; set overwrite: true or choose another prefix");
    }
    if (last ? !Ok(response) : response.status != 308) Fail("uploading " + key, response);
    ++stats.parts_sent;
    offset = last ? size : HeldBytes(response);  // the service may keep less than was sent
  } while (offset < size);
}

}  // namespace ferry::storage
