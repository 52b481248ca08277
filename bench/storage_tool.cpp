// ferry_bench_storage: moves files to and from an object store through Ferry's storage
// layer (adapters/storage), for bench/storage: upload (parallel multipart), download
// (one streamed GET) and `lines` (the ndjson source's ranged reads, line by line), each
// printing bytes and seconds. Configuration from the environment, as a plan would give it:
//   STORE_ENDPOINT   e.g. http://127.0.0.1:7480 (path-style S3)
//   AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
//   PART_SIZE_MIB (8), PARALLEL_PARTS (4)
//
//   ferry_bench_storage put  s3://bucket/prefix FILE...    keys: prefix + file name
//   ferry_bench_storage get  s3://bucket/prefix NAME OUT
//   ferry_bench_storage lines s3://bucket/prefix NAME
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "adapters/ndjson/object_line_reader.hpp"
#include "adapters/storage/store_config.hpp"
#include "core/common/error.hpp"

namespace {

using namespace ferry;

std::string Env(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value == nullptr ? fallback : value;
}

AdapterConfig ConfigFromEnv() {
  AdapterConfig config;
  config.adapter = "ndjson";
  auto set = [&](const std::string& key, const std::string& value) {
    if (!value.empty()) config.values[key].text = value;
  };
  set("endpoint", Env("STORE_ENDPOINT", ""));
  set("part_size_mib", Env("PART_SIZE_MIB", "8"));
  set("parallel_parts", Env("PARALLEL_PARTS", "4"));
  return config;
}

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int Run(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: ferry_bench_storage put|get|lines URL ARGS...\n";
    return 2;
  }
  std::string command = argv[1];
  storage::StorageUrl url = storage::ParseStorageUrl(argv[2]);
  std::unique_ptr<storage::Store> store = storage::OpenStore(url, ConfigFromEnv());
  auto start = std::chrono::steady_clock::now();
  std::uint64_t bytes = 0;
  if (command == "put") {
    storage::UploadOptions options;
    options.overwrite = true;
    options.content_type = "application/octet-stream";
    for (int arg_idx = 3; arg_idx < argc; ++arg_idx) {
      std::string name = std::filesystem::path(argv[arg_idx]).filename().string();
      bytes += store->Upload(url.prefix + name, argv[arg_idx], options).bytes;
    }
  } else if (command == "get" && argc == 5) {
    std::ofstream out(argv[4], std::ios::binary);
    store->Read(url.prefix + argv[3], 0, 0, [&](std::string_view data) {
      out.write(data.data(), static_cast<std::streamsize>(data.size()));
      bytes += data.size();
      return static_cast<bool>(out);
    });
  } else if (command == "lines") {
    std::string key = url.prefix + argv[3];
    std::uint64_t size = 0;
    for (const storage::ObjectInfo& object : storage::ListAll(*store, key)) {
      if (object.key == key) size = object.size;
    }
    ndjson::ObjectLineReader reader(*store, key, argv[3], size);
    std::uint64_t lines = 0;
    for (ndjson::Line line; reader.Next(line);) ++lines;
    bytes = size;
    std::printf("lines %llu\n", static_cast<unsigned long long>(lines));
  } else {
    std::cerr << "unknown command " << command << "\n";
    return 2;
  }
  std::printf("bytes %llu seconds %.3f\n", static_cast<unsigned long long>(bytes), Seconds(start));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const ferry::Error& error) {
    std::cerr << "ferry_bench_storage: " << error.what() << "\n";
    return static_cast<int>(error.code());
  }
}
