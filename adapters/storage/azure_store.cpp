#include "adapters/storage/azure_store.hpp"

#include <algorithm>
#include <cstdio>

#include "adapters/storage/azure_signer.hpp"
#include "adapters/storage/checksums.hpp"
#include "adapters/storage/upload_journal.hpp"
#include "adapters/storage/uri_encode.hpp"
#include "adapters/storage/xml_text.hpp"
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

/// A block id: base64 of `<index, 6 digits>-<first 16 hex of the block's MD5>`; every id
/// of a blob has the same length, as the service requires.
std::string BlockId(std::uint64_t index, std::string_view block) {
  std::string md5 = Md5(block);
  char number[16];
  std::snprintf(number, sizeof number, "%06llu", static_cast<unsigned long long>(index));
  return Base64(std::string(number) + "-" +
                ToHex(reinterpret_cast<const std::uint8_t*>(md5.data()), 8));
}

}  // namespace

AzureStore::AzureStore(AzureConfig config) : config_(std::move(config)) {
  if (config_.endpoint.empty()) config_.endpoint = "https://" + config_.account + ".blob.core.windows.net";
  while (config_.endpoint.ends_with('/')) config_.endpoint.pop_back();
  std::shared_ptr<http::Authenticator> auth = config_.token_auth;
  if (!config_.account_key.empty()) {
    auth = std::make_shared<AzureSharedKeySigner>(config_.account, config_.account_key);
  }
  client_ = std::make_unique<http::Client>(config_.http, auth);
}

std::string AzureStore::Name() const { return "Azure Blob " + config_.url_text; }

http::Request AzureStore::MakeRequest(std::string method, const std::string& key,
                                      std::map<std::string, std::string> query,
                                      std::string body) const {
  http::Request request;
  request.method = std::move(method);
  std::string path = "/" + config_.container + (key.empty() ? "" : "/" + UriEncode(key, false));
  std::string url = config_.endpoint + path + QueryString(query);
  if (config_.account_key.empty() && !config_.sas_token.empty()) {
    url += (query.empty() ? "?" : "&") + config_.sas_token;
  }
  request.url = std::move(url);
  request.headers.push_back({"x-ms-version", kAzureVersion});
  if (request.method != "GET" && request.method != "HEAD") {
    // curl would add a form content type to any body; name one, so SharedKey signs it
    request.headers.push_back({"Content-Type", "application/octet-stream"});
  }
  request.body = std::move(body);
  return request;
}

void AzureStore::Fail(const std::string& operation, const http::Response& response) const {
  std::string message = Name() + ": " + operation + " failed: ";
  if (response.status == 0) {
    throw ConnectError(message + "cannot connect (" + response.error +
                       "); check `endpoint` and that the store is reachable");
  }
  std::string code = response.HeaderValue("x-ms-error-code");
  if (code.empty()) code = XmlText(response.body, "Code");
  message += "HTTP " + std::to_string(response.status) + (code.empty() ? "" : " " + code);
  if (response.status == 401 || response.status == 403) {
    message += config_.token_auth ? "; check the auth_* keys and the identity's role on the container"
                                  : "; check account_key or sas_token and the container's permissions";
  } else if (code == "ContainerNotFound") {
    message += "; create the container or fix the URL";
  }
  throw ConnectError(message);
}

ListPage AzureStore::List(const std::string& prefix, const std::string& token) {
  std::map<std::string, std::string> query = {{"restype", "container"}, {"comp", "list"}, {"prefix", prefix}};
  if (!token.empty()) query["marker"] = token;
  http::Response response = client_->Send(MakeRequest("GET", "", query));
  if (!Ok(response)) Fail("list", response);
  ListPage page;
  for (std::string_view blob : XmlElements(response.body, "Blob")) {
    page.objects.push_back({XmlText(blob, "Name"), ToNumber(XmlText(blob, "Content-Length"))});
  }
  page.next_token = XmlText(response.body, "NextMarker");
  return page;
}

void AzureStore::Read(const std::string& key, std::uint64_t offset, std::uint64_t length,
                      const std::function<bool(std::string_view)>& on_bytes) {
  http::Request request = MakeRequest("GET", key);
  if (offset > 0 || length > 0) {
    std::string last = length > 0 ? std::to_string(offset + length - 1) : "";
    request.headers.push_back({"x-ms-range", "bytes=" + std::to_string(offset) + "-" + last});
  }
  request.on_body = on_bytes;
  http::Response response = client_->Send(std::move(request));
  if (!Ok(response)) Fail("reading " + key, response);
}

void AzureStore::Delete(const std::string& key) {
  http::Response response = client_->Send(MakeRequest("DELETE", key));
  if (!Ok(response) && response.status != 404) Fail("deleting " + key, response);
}

void AzureStore::AbandonUpload(const std::string& journal) { RemoveJournal(journal); }

bool AzureStore::Exists(const std::string& key) {
  http::Response response = client_->Send(MakeRequest("HEAD", key));
  if (response.status == 404) return false;
  if (!Ok(response)) Fail("checking " + key, response);
  return true;
}

// A refused conditional create is a plan error; anything else not 2xx fails the run.
void AzureStore::CheckCreate(const std::string& key, const http::Response& response) const {
  if (response.status == 409 || response.status == 412) {
    throw PlanError(Name() + ": " + key + " exists already; set overwrite: true or choose another prefix");
  }
  if (!Ok(response)) Fail("uploading " + key, response);
}

UploadStats AzureStore::Upload(const std::string& key, const std::string& path,
                               const UploadOptions& options) {
  std::uint64_t size = LocalFileSize(path);
  if (size <= config_.block_size) {
    RemoveJournal(options.journal);
    return PutBlob(key, path, size, options);
  }
  return PutBlocks(key, path, size, options);
}

UploadStats AzureStore::PutBlob(const std::string& key, const std::string& path, std::uint64_t size,
                                const UploadOptions& options) {
  std::string body = ReadFilePart(path, 0, size);
  std::string md5 = Base64(Md5(body));
  http::Request request = MakeRequest("PUT", key, {}, std::move(body));
  request.headers.push_back({"x-ms-blob-type", "BlockBlob"});
  request.headers.push_back({"x-ms-blob-content-type", options.content_type});
  request.headers.push_back({"Content-MD5", md5});
  if (!options.overwrite) request.headers.push_back({"If-None-Match", "*"});
  CheckCreate(key, client_->Send(std::move(request)));
  UploadStats stats;
  stats.bytes = size;
  stats.parts = stats.parts_sent = 1;
  return stats;
}

std::set<std::string> AzureStore::UncommittedBlocks(const std::string& key) {
  http::Response response = client_->Send(
      MakeRequest("GET", key, {{"comp", "blocklist"}, {"blocklisttype", "uncommitted"}}));
  if (response.status == 404) return {};
  if (!Ok(response)) Fail("listing the blocks of " + key, response);
  std::set<std::string> ids;
  for (std::string_view list : XmlElements(response.body, "UncommittedBlocks")) {
    for (std::string_view block : XmlElements(list, "Block")) ids.insert(XmlText(block, "Name"));
  }
  return ids;
}

UploadStats AzureStore::PutBlocks(const std::string& key, const std::string& path,
                                  std::uint64_t size, const UploadOptions& options) {
  UploadStats stats;
  stats.bytes = size;
  stats.parts = (size + config_.block_size - 1) / config_.block_size;
  std::set<std::string> held;
  if (auto old = LoadJournal(options.journal); old && old->Matches(key, size, config_.block_size)) {
    held = UncommittedBlocks(key);
  } else {
    if (!options.overwrite && Exists(key)) {
      throw PlanError(Name() + ": " + key + " exists already; set overwrite: true or choose another prefix");
    }
    if (!options.journal.empty()) SaveJournal(options.journal, {key, "blocks", size, config_.block_size});
  }
  std::vector<std::string> ids;
  std::vector<http::Request> batch;
  auto flush = [&] {
    std::vector<http::Response> responses = client_->SendAll(std::move(batch));
    batch.clear();
    for (const http::Response& response : responses) {
      if (!Ok(response)) Fail("uploading a block of " + key, response);
      ++stats.parts_sent;
    }
  };
  for (std::uint64_t index = 0; index < stats.parts; ++index) {
    std::uint64_t offset = index * config_.block_size;
    std::string block = ReadFilePart(path, offset, std::min(config_.block_size, size - offset));
    ids.push_back(BlockId(index, block));
    if (held.count(ids.back()) != 0) {
      ++stats.parts_reused;
      continue;
    }
    std::string md5 = Base64(Md5(block));
    http::Request request =
        MakeRequest("PUT", key, {{"comp", "block"}, {"blockid", ids.back()}}, std::move(block));
    request.headers.push_back({"Content-MD5", md5});
    batch.push_back(std::move(request));
    if (batch.size() >= static_cast<std::size_t>(std::max(1, config_.parallel))) flush();
  }
  if (!batch.empty()) flush();
  std::string list = "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>";
  for (const std::string& id : ids) list += "<Latest>" + id + "</Latest>";
  list += "</BlockList>";
  // No x-ms-blob-type here: Azurite would store the XML as the blob (a Put Blob).
  http::Request commit = MakeRequest("PUT", key, {{"comp", "blocklist"}}, std::move(list));
  commit.headers.push_back({"x-ms-blob-content-type", options.content_type});
  if (!options.overwrite) commit.headers.push_back({"If-None-Match", "*"});
  CheckCreate(key, client_->Send(std::move(commit)));
  RemoveJournal(options.journal);
  return stats;
}

}  // namespace ferry::storage
