#include "adapters/storage/s3_store.hpp"

#include "adapters/storage/checksums.hpp"
#include "adapters/storage/upload_journal.hpp"
#include "adapters/storage/uri_encode.hpp"
#include "adapters/storage/xml_text.hpp"
#include "core/common/error.hpp"
#include "core/common/hash.hpp"

namespace ferry::storage {

namespace {

std::uint64_t ToNumber(const std::string& text) {
  try {
    return text.empty() ? 0 : std::stoull(text);
  } catch (const std::exception&) {
    return 0;
  }
}

bool Ok(const http::Response& response) { return response.status >= 200 && response.status < 300; }

}  // namespace

S3Store::S3Store(S3Config config)
    : config_(std::move(config)),
      client_(std::make_unique<http::Client>(
          config_.http, std::make_shared<S3Signer>(config_.credentials, config_.region))) {
  if (config_.endpoint.empty()) config_.endpoint = "https://s3." + config_.region + ".amazonaws.com";
  while (config_.endpoint.ends_with('/')) config_.endpoint.pop_back();
}

std::string S3Store::Name() const { return config_.name + " " + config_.url_text; }

std::string S3Store::Url(const std::string& key,
                         const std::map<std::string, std::string>& query) const {
  std::string path = "/" + UriEncode(key, false);
  if (config_.path_style) return config_.endpoint + "/" + config_.bucket + path + QueryString(query);
  UrlParts endpoint = SplitUrl(config_.endpoint);
  return endpoint.scheme + "://" + config_.bucket + "." + endpoint.host + path + QueryString(query);
}

http::Request S3Store::MakeRequest(std::string method, const std::string& key,
                                   const std::map<std::string, std::string>& query,
                                   std::string body) const {
  http::Request request;
  request.method = std::move(method);
  request.url = Url(key, query);
  request.headers.push_back({"x-amz-content-sha256", body.empty() ? kEmptySha256 : Sha256Hex(body)});
  request.body = std::move(body);
  return request;
}

void S3Store::AddEncryptionHeaders(http::Request& request) const {
  if (config_.sse_kms_key_id.empty()) return;
  request.headers.push_back({"x-amz-server-side-encryption", "aws:kms"});
  request.headers.push_back({"x-amz-server-side-encryption-aws-kms-key-id", config_.sse_kms_key_id});
}

void S3Store::Fail(const std::string& operation, const http::Response& response) const {
  std::string message = Name() + ": " + operation + " failed: ";
  if (response.status == 0) {
    throw ConnectError(message + "cannot connect (" + response.error +
                       "); check `endpoint` and that the store is reachable");
  }
  std::string code = XmlText(response.body, "Code");
  message += "HTTP " + std::to_string(response.status) + (code.empty() ? "" : " " + code);
  bool writing = operation.starts_with("uploading") || operation.starts_with("starting the upload");
  if (!config_.sse_kms_key_id.empty() && (code.starts_with("KMS.") || (writing && response.status / 100 == 4))) {
    // Credentials were good for the listing before; RGW answers an unknown key 403 InvalidAccessKeyId.
    message += "; check that sse_kms names a key the store's KMS knows and lets these credentials use";
  } else if (response.status == 401 || response.status == 403) {
    message += "; check access_key_id and secret_access_key (or AWS_ACCESS_KEY_ID / "
               "AWS_SECRET_ACCESS_KEY) and the bucket's permissions";
  } else if (code == "NoSuchBucket") {
    message += "; create the bucket or fix the URL";
  }
  throw ConnectError(message);
}

ListPage S3Store::List(const std::string& prefix, const std::string& token) {
  std::map<std::string, std::string> query = {{"list-type", "2"}, {"prefix", prefix}};
  if (!token.empty()) query["continuation-token"] = token;
  http::Response response = client_->Send(MakeRequest("GET", "", query));
  if (!Ok(response)) Fail("list", response);
  ListPage page;
  for (std::string_view item : XmlElements(response.body, "Contents")) {
    page.objects.push_back({XmlText(item, "Key"), ToNumber(XmlText(item, "Size"))});
  }
  if (XmlText(response.body, "IsTruncated") == "true") {
    page.next_token = XmlText(response.body, "NextContinuationToken");
  }
  return page;
}

void S3Store::Read(const std::string& key, std::uint64_t offset, std::uint64_t length,
                   const std::function<bool(std::string_view)>& on_bytes) {
  http::Request request = MakeRequest("GET", key);
  if (offset > 0 || length > 0) {
    std::string last = length > 0 ? std::to_string(offset + length - 1) : "";
    request.headers.push_back({"Range", "bytes=" + std::to_string(offset) + "-" + last});
  }
  request.on_body = on_bytes;
  http::Response response = client_->Send(std::move(request));
  if (!Ok(response)) Fail("reading " + key, response);
}

void S3Store::Delete(const std::string& key) {
  http::Response response = client_->Send(MakeRequest("DELETE", key));
  if (!Ok(response) && response.status != 404) Fail("deleting " + key, response);
}

bool S3Store::Exists(const std::string& key) {
  http::Response response = client_->Send(MakeRequest("HEAD", key));
  if (response.status == 404) return false;
  if (!Ok(response)) Fail("checking " + key, response);
  return true;
}

UploadStats S3Store::Upload(const std::string& key, const std::string& path,
                            const UploadOptions& options) {
  std::uint64_t size = LocalFileSize(path);
  if (size <= config_.part_size) {
    RemoveJournal(options.journal);
    return PutSingle(key, path, size, options);
  }
  return PutMultipart(key, path, size, options);
}

UploadStats S3Store::PutSingle(const std::string& key, const std::string& path, std::uint64_t size,
                               const UploadOptions& options) {
  std::string body = ReadFilePart(path, 0, size);
  std::string md5 = Base64(Md5(body));
  http::Request request = MakeRequest("PUT", key, {}, std::move(body));
  request.headers.push_back({"Content-MD5", md5});
  request.headers.push_back({"Content-Type", options.content_type});
  if (!options.overwrite) request.headers.push_back({"If-None-Match", "*"});
  AddEncryptionHeaders(request);
  http::Response response = client_->Send(std::move(request));
  if (response.status == 412) {
    throw PlanError(Name() + ": " + key + " exists already; set overwrite: true or choose another prefix");
  }
  if (!Ok(response)) Fail("uploading " + key, response);
  UploadStats stats;
  stats.bytes = size;
  stats.parts = stats.parts_sent = 1;
  return stats;
}

std::vector<std::string> S3Store::PendingUploads(const std::string& prefix) {
  http::Response response =
      client_->Send(MakeRequest("GET", "", {{"uploads", ""}, {"prefix", prefix}}));
  if (!Ok(response)) Fail("listing multipart uploads", response);
  std::vector<std::string> keys;
  for (std::string_view upload : XmlElements(response.body, "Upload")) {
    keys.push_back(XmlText(upload, "Key"));
  }
  return keys;
}

}  // namespace ferry::storage
