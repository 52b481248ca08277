// TLS verification is always on: a server whose certificate no trusted CA signed is
// refused (and not retried), and ClientOptions::ca_bundle makes its CA trusted.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <catch2/catch.hpp>

#include <cstdio>

#include "adapters/http/http_client.hpp"
#include "tests/unit/adapters/http/scripted_server.hpp"
#include "tests/unit/adapters/test_util.hpp"

namespace ferry::http {
namespace {

void AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
}

/// Writes a self-signed certificate for 127.0.0.1 and its key as PEM files.
void WriteSelfSigned(const std::string& cert_file, const std::string& key_file) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  AddExtension(cert, NID_basic_constraints, "critical,CA:TRUE");
  AddExtension(cert, NID_subject_alt_name, "IP:127.0.0.1");
  X509_sign(cert, key, EVP_sha256());
  std::FILE* out = std::fopen(cert_file.c_str(), "w");
  PEM_write_X509(out, cert);
  std::fclose(out);
  out = std::fopen(key_file.c_str(), "w");
  PEM_write_PrivateKey(out, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(out);
  X509_free(cert);
  EVP_PKEY_free(key);
}

TEST_CASE("An untrusted certificate is refused; ca_bundle trusts it", "[http][tls]") {
  test::TempDir dir;
  WriteSelfSigned(dir / "cert.pem", dir / "key.pem");
  test::ScriptedServer server(dir / "cert.pem", dir / "key.pem");
  server.Script(R"({"routes": {"/a": [{"body": "secure"}]}})");
  Request request;
  request.url = server.Url("/a");

  Client untrusting(ClientOptions{});
  Response refused = untrusting.Send(request);
  CHECK(refused.status == 0);
  CHECK(refused.attempts == 1);  // a certificate problem is not retried
  CHECK_THAT(refused.error, Catch::StartsWith("SSL peer certificate or SSH remote key was not OK"));

  ClientOptions options;
  options.ca_bundle = dir / "cert.pem";
  Client trusting(options);
  Response response = trusting.Send(request);
  CHECK(response.status == 200);
  CHECK(response.body == "secure");
}

TEST_CASE("A missing CA bundle is a plan error", "[http][tls]") {
  ClientOptions options;
  options.ca_bundle = "/nonexistent/ca.pem";
  CHECK_THROWS_WITH(Client(options), "cannot read CA bundle /nonexistent/ca.pem");
}

}  // namespace
}  // namespace ferry::http
