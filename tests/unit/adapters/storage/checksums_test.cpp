#include "adapters/storage/checksums.hpp"

#include <catch2/catch.hpp>

#include "adapters/storage/uri_encode.hpp"
#include "core/common/hash.hpp"

namespace ferry::storage {

TEST_CASE("checksums: CRC32C, MD5 and base64 known values", "[storage]") {
  CHECK(Crc32c("123456789") == 0xE3069283u);  // the CRC32C check value (RFC 3720)
  CHECK(Crc32c("56789", Crc32c("1234")) == 0xE3069283u);
  CHECK(Base64(Crc32cBytes(Crc32c(""))) == "AAAAAA==");
  CHECK(Base64(Md5("")) == "1B2M2Y8AsgTpgAmY7PhCfg==");
  CHECK(Base64("f") == "Zg==");
  CHECK(Base64("foobar") == "Zm9vYmFy");
}

TEST_CASE("URI encoding: unreserved kept, slash by choice, query sorted", "[storage]") {
  CHECK(UriEncode("run 1/Pat$ient.ndjson", false) == "run%201/Pat%24ient.ndjson");
  CHECK(UriEncode("a/b", true) == "a%2Fb");
  CHECK(QueryString({{"uploads", ""}, {"prefix", "run1/"}, {"list-type", "2"}}) ==
        "?list-type=2&prefix=run1%2F&uploads=");
  UrlParts parts = SplitUrl("http://127.0.0.1:7480/b/k%20x?uploadId=1&partNumber=2");
  CHECK(parts.scheme == "http");
  CHECK(parts.host == "127.0.0.1:7480");
  CHECK(parts.path == "/b/k%20x");
  CHECK(parts.query == "uploadId=1&partNumber=2");
  CHECK(SplitUrl("https://h").path == "/");
}

}  // namespace ferry::storage
