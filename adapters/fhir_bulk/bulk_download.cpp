#include "adapters/fhir_bulk/bulk_download.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "adapters/fhir_bulk/bulk_job.hpp"
#include "core/common/error.hpp"

namespace ferry::fhir_bulk {

namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

FilePtr OpenForWrite(const std::string& path) {
  FilePtr file(std::fopen(path.c_str(), "wb"));
  if (!file) throw IoError("fhir-bulk source: cannot write the spool file " + path);
  return file;
}

bool Succeeded(const http::Response& response) { return response.status == 200 && response.error.empty(); }

}  // namespace

SpoolDir::SpoolDir(const std::string& parent) {
  std::filesystem::path base = parent.empty() ? std::filesystem::temp_directory_path() : std::filesystem::path(parent);
  std::string pattern = (base / "ferry-bulk.XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw IoError("fhir-bulk source: cannot create a spool directory in " + base.string());
  path_ = pattern;  // mkdtemp makes it 0700
}

SpoolDir::~SpoolDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

http::Request Downloader::MakeRequest(const ManifestFile& file, bool with_token, std::FILE* out) const {
  http::Request request;
  request.url = file.url;
  request.headers = {{"Accept", "application/fhir+ndjson"}};
  request.authorize = with_token;
  request.on_body = [out](std::string_view data) { return std::fwrite(data.data(), 1, data.size(), out) == data.size(); };
  return request;
}

std::vector<Spooled> Downloader::Fetch(std::span<const ManifestFile> files, std::size_t first_index, bool with_token) {
  std::vector<Spooled> spooled(files.size());
  std::vector<FilePtr> outs;
  std::vector<http::Request> requests;
  for (std::size_t file_idx = 0; file_idx < files.size(); ++file_idx) {
    spooled[file_idx].path = spool_.path() + "/" + std::to_string(first_index + file_idx) + ".ndjson";
    outs.push_back(OpenForWrite(spooled[file_idx].path));
    requests.push_back(MakeRequest(files[file_idx], with_token, outs.back().get()));
  }
  std::vector<http::Response> responses = client_.SendAll(std::move(requests));
  outs.clear();  // flushes and closes
  for (std::size_t file_idx = 0; file_idx < files.size(); ++file_idx) {
    if (!Succeeded(responses[file_idx]))
      spooled[file_idx] = Retry(files[file_idx], spooled[file_idx].path, with_token, std::move(responses[file_idx]));
  }
  return spooled;
}

Spooled Downloader::Retry(const ManifestFile& file, const std::string& path, bool with_token, http::Response last) {
  int attempts = last.attempts;
  // Only a body cut off after some bytes arrived is worth starting over; the client has
  // already retried everything else as far as it would.
  while (last.streamed_bytes > 0 && attempts < max_attempts_) {
    ++restarts_;
    FilePtr out = OpenForWrite(path);
    last = client_.Send(MakeRequest(file, with_token, out.get()));
    attempts += std::max(1, last.attempts);
    if (Succeeded(last)) return {path, ""};
  }
  std::filesystem::remove(path);
  last.attempts = attempts;
  return {"", "download failed: " + DescribeFailure(last)};
}

}  // namespace ferry::fhir_bulk
