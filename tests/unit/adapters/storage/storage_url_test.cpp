#include "adapters/storage/storage_url.hpp"

#include <catch2/catch.hpp>

#include "core/common/error.hpp"

namespace ferry::storage {

TEST_CASE("storage URLs: s3 and gs give bucket and a directory prefix", "[storage]") {
  StorageUrl s3 = ParseStorageUrl("s3://fhir-bulk/run1");
  CHECK(s3.kind == StoreKind::kS3);
  CHECK(s3.bucket == "fhir-bulk");
  CHECK(s3.prefix == "run1/");
  StorageUrl gs = ParseStorageUrl("gs://b-1/a/b/");
  CHECK(gs.kind == StoreKind::kGcs);
  CHECK(gs.bucket == "b-1");
  CHECK(gs.prefix == "a/b/");
  CHECK(ParseStorageUrl("s3://bucket").prefix.empty());
  CHECK(ParseStorageUrl("s3://bucket/").prefix.empty());
}

TEST_CASE("storage URLs: az and the https form give account, container, prefix", "[storage]") {
  StorageUrl az = ParseStorageUrl("az://acct/exports/2024/run");
  CHECK(az.kind == StoreKind::kAzure);
  CHECK(az.account == "acct");
  CHECK(az.bucket == "exports");
  CHECK(az.prefix == "2024/run/");
  CHECK(az.endpoint.empty());
  StorageUrl https = ParseStorageUrl("https://acct.blob.core.windows.net/exports/run");
  CHECK(https.kind == StoreKind::kAzure);
  CHECK(https.account == "acct");
  CHECK(https.bucket == "exports");
  CHECK(https.prefix == "run/");
  CHECK(https.endpoint == "https://acct.blob.core.windows.net");
}

TEST_CASE("storage URLs: local paths stay local", "[storage]") {
  StorageUrl local = ParseStorageUrl("/data/out");
  CHECK(local.kind == StoreKind::kLocal);
  CHECK(local.local_dir == "/data/out");
  CHECK(ParseStorageUrl("relative/dir").kind == StoreKind::kLocal);
  CHECK_FALSE(IsUrl("/a/b://c"));
  CHECK(IsUrl("s3://b"));
}

TEST_CASE("storage URLs: unknown schemes and missing parts are plan errors", "[storage]") {
  const std::string forms =
      "; use s3://bucket/prefix, gs://bucket/prefix, az://account/container/prefix, "
      "https://account.blob.core.windows.net/container/prefix or a local directory";
  CHECK_THROWS_WITH(ParseStorageUrl("ftp://x/y", "plan.yaml:9:9: "),
                    "plan.yaml:9:9: path 'ftp://x/y': unknown scheme 'ftp'" + forms);
  CHECK_THROWS_WITH(ParseStorageUrl("s3:///x"), "path 's3:///x': no bucket" + forms);
  CHECK_THROWS_WITH(ParseStorageUrl("az://acct"), "path 'az://acct': no account or container" + forms);
  CHECK_THROWS_AS(ParseStorageUrl("https://example.org/x"), PlanError);
}

}  // namespace ferry::storage
