#include "adapters/auth/jwt.hpp"

#include <catch2/catch.hpp>

#include "core/common/error.hpp"
#include "tests/unit/adapters/auth/jwt_test_util.hpp"

namespace ferry::http {
namespace {

using test::JwtPart;
using test::NewKeyPem;
using test::VerifyJwt;

const std::string kClaims = R"({"iss":"ferry","sub":"ferry","aud":"https://auth.example/token","exp":1700000000})";

TEST_CASE("RS384 and RS256 JWTs verify with the RSA public key", "[jwt]") {
  const std::string pem = NewKeyPem("RSA");
  for (auto [name, algorithm] : {std::pair{"RS384", JwtAlgorithm::kRS384}, std::pair{"RS256", JwtAlgorithm::kRS256}}) {
    SigningKey key = SigningKey::FromPem(pem, algorithm, "plan.yaml:9:5");
    std::string header = std::string(R"({"alg":")") + name + R"(","typ":"JWT","kid":"k1"})";
    std::string jwt = SignJwt(header, kClaims, key);
    INFO(name);
    CHECK(VerifyJwt(jwt, pem, name));
    CHECK(std::string(JwtPart(jwt, 0)["alg"].GetString()) == name);
    CHECK(std::string(JwtPart(jwt, 1)["aud"].GetString()) == "https://auth.example/token");
    std::string tampered = jwt;
    tampered[tampered.find('.') + 3] ^= 1;
    CHECK_FALSE(VerifyJwt(tampered, pem, name));
    CHECK_FALSE(VerifyJwt(jwt, NewKeyPem("RSA"), name));
  }
}

TEST_CASE("ES384 JWTs carry a 96-byte r||s signature that verifies with the EC public key", "[jwt]") {
  const std::string pem = NewKeyPem("EC");
  SigningKey key = SigningKey::FromPem(pem, JwtAlgorithm::kES384, "plan.yaml:9:5");
  for (int i = 0; i < 20; ++i) {  // r and s of varying length are padded to 48 bytes each
    std::string jwt = SignJwt(R"({"alg":"ES384","typ":"JWT","kid":"k1"})", kClaims, key);
    REQUIRE(test::Base64UrlDecode(Split(jwt, '.')[2]).size() == 96);
    REQUIRE(VerifyJwt(jwt, pem, "ES384"));
  }
}

TEST_CASE("A key that does not fit the algorithm is refused without showing it", "[jwt]") {
  CHECK_THROWS_WITH(SigningKey::FromPem(NewKeyPem("EC"), JwtAlgorithm::kRS384, "plan.yaml:9:5"),
                    "plan.yaml:9:5: the private key does not fit RS384 (needs an RSA key of 2048 bits or more)");
  CHECK_THROWS_WITH(SigningKey::FromPem(NewKeyPem("RSA"), JwtAlgorithm::kES384, "plan.yaml:9:5"),
                    "plan.yaml:9:5: the private key does not fit ES384 (needs an EC key on P-384)");
  CHECK_THROWS_WITH(SigningKey::FromPem("-----BEGIN NOTHING-----", JwtAlgorithm::kRS384, "plan.yaml:9:5"),
                    "plan.yaml:9:5: the private key is not a PEM private key");
  CHECK_THROWS_AS(SigningKey::FromPem("", JwtAlgorithm::kRS384, "x"), PlanError);
}

TEST_CASE("JWT algorithm names", "[jwt]") {
  CHECK(JwtAlgorithmFromName("RS384") == JwtAlgorithm::kRS384);
  CHECK(JwtAlgorithmFromName("ES384") == JwtAlgorithm::kES384);
  CHECK_FALSE(JwtAlgorithmFromName("HS256"));
  CHECK(RandomId().size() == 32);
  CHECK(RandomId() != RandomId());
}

}  // namespace
}  // namespace ferry::http
