#include "core/fhir/fhir_primitives.hpp"

#include <catch2/catch.hpp>

namespace ferry {

TEST_CASE("IsFhirDate: year, year-month or full date that exists", "[fhir_primitives]") {
  for (const char* ok :
       {"2019", "2019-02", "2019-02-28", "2020-02-29", "0001-01-01", "2000-02-29"}) {
    INFO(ok);
    CHECK(IsFhirDate(ok));
  }
  for (const char* bad : {"", "0000", "19", "2019-2", "2019-13", "2019-02-29", "1900-02-29",
                          "2019-04-31", "2019-01-01T00:00:00Z", "2019-01-01 ", "201a"}) {
    INFO(bad);
    CHECK_FALSE(IsFhirDate(bad));
  }
}

TEST_CASE("IsFhirDateTime: partial dates, or a full time with seconds and zone",
          "[fhir_primitives]") {
  for (const char* ok : {"2019", "2019-07", "2019-07-03", "2019-07-03T10:11:12Z",
                         "2019-07-03T23:59:60.123+14:00", "2019-07-03T00:00:00-05:30"}) {
    INFO(ok);
    CHECK(IsFhirDateTime(ok));
  }
  for (const char* bad : {"2019-07-03T10:11Z", "2019-07-03T10:11:12", "2019-07-03T24:00:00Z",
                          "2019-07-03T10:11:12+14:30", "2019-07-03T10:11:12.Z", "2019-07T10:11:12Z",
                          "2019-07-03T10:11:12+0500", "2019-07-03t10:11:12Z"}) {
    INFO(bad);
    CHECK_FALSE(IsFhirDateTime(bad));
  }
}

TEST_CASE("IsFhirInstant and IsFhirTime", "[fhir_primitives]") {
  CHECK(IsFhirInstant("2015-02-07T13:28:17.239+02:00"));
  CHECK(IsFhirInstant("2015-02-07T13:28:17Z"));
  CHECK_FALSE(IsFhirInstant("2015-02-07"));
  CHECK_FALSE(IsFhirInstant("2015-02-07T13:28:17"));
  CHECK(IsFhirTime("00:00:00"));
  CHECK(IsFhirTime("23:59:59.999"));
  CHECK_FALSE(IsFhirTime("24:00:00"));
  CHECK_FALSE(IsFhirTime("10:00"));
  CHECK_FALSE(IsFhirTime("10:00:00Z"));
}

TEST_CASE("IsFhirId, IsFhirOid, IsFhirUuid", "[fhir_primitives]") {
  CHECK(IsFhirId("a-B.9"));
  CHECK(IsFhirId(std::string(64, 'a')));
  CHECK_FALSE(IsFhirId(std::string(65, 'a')));
  CHECK_FALSE(IsFhirId(""));
  CHECK_FALSE(IsFhirId("a_b"));
  CHECK(IsFhirOid("urn:oid:2.16.840.1.113883.6.238"));
  CHECK_FALSE(IsFhirOid("urn:oid:3.1"));
  CHECK_FALSE(IsFhirOid("urn:oid:1.02"));
  CHECK_FALSE(IsFhirOid("urn:oid:1"));
  CHECK_FALSE(IsFhirOid("urn:oid:1..2"));
  CHECK(IsFhirUuid("urn:uuid:c757873d-ec9a-4326-a141-556f43239520"));
  CHECK_FALSE(IsFhirUuid("urn:uuid:C757873D-EC9A-4326-A141-556F43239520"));
  CHECK_FALSE(IsFhirUuid("c757873d-ec9a-4326-a141-556f43239520"));
  CHECK_FALSE(IsFhirUuid("urn:uuid:c757873d-ec9a-4326-a141-556f4323952"));
}

TEST_CASE("IsFhirUri and IsFhirCode: white space rules", "[fhir_primitives]") {
  CHECK(IsFhirUri("http://loinc.org"));
  CHECK(IsFhirUri("urn:ietf:bcp:47"));
  CHECK_FALSE(IsFhirUri(""));
  CHECK_FALSE(IsFhirUri("http://x.org/a b"));
  CHECK(IsFhirCode("mm[Hg]"));
  CHECK(IsFhirCode("two words"));
  CHECK_FALSE(IsFhirCode("two  spaces"));
  CHECK_FALSE(IsFhirCode(" leading"));
  CHECK_FALSE(IsFhirCode("trailing\n"));
}

TEST_CASE("IsFhirBase64: alphabet, padding, white space", "[fhir_primitives]") {
  CHECK(IsFhirBase64("SGVsbG8sIHdvcmxkIQ=="));
  CHECK(IsFhirBase64("SGVs bG8s\r\nIHdv cmxk IQ=="));
  CHECK(IsFhirBase64("ab+/"));
  CHECK_FALSE(IsFhirBase64("abc"));
  CHECK_FALSE(IsFhirBase64("ab=c"));
  CHECK_FALSE(IsFhirBase64("a==="));
  CHECK_FALSE(IsFhirBase64("ab-_"));
}

TEST_CASE("IsFhirInteger: whole numbers in range for each integer type", "[fhir_primitives]") {
  CHECK(IsFhirInteger("0", kIntegerMin));
  CHECK(IsFhirInteger("-2147483648", kIntegerMin));
  CHECK(IsFhirInteger("2147483647", kPositiveIntMin));
  CHECK_FALSE(IsFhirInteger("2147483648", kIntegerMin));
  CHECK_FALSE(IsFhirInteger("-2147483649", kIntegerMin));
  CHECK_FALSE(IsFhirInteger("0", kPositiveIntMin));
  CHECK_FALSE(IsFhirInteger("-1", kUnsignedIntMin));
  CHECK_FALSE(IsFhirInteger("1.0", kIntegerMin));
  CHECK_FALSE(IsFhirInteger("1e3", kIntegerMin));
  CHECK_FALSE(IsFhirInteger("01", kIntegerMin));
  CHECK_FALSE(IsFhirInteger("99999999999999999999", kIntegerMin));
}

TEST_CASE("IsFhirReference: relative, versioned, absolute, urn, local, conditional",
          "[fhir_primitives]") {
  CHECK(IsFhirReference("Observation/1"));
  CHECK(IsFhirReference("Observation/1/_history/2"));
  CHECK(IsFhirReference("http://a.org/fhir/Observation/1"));
  CHECK(IsFhirReference("urn:uuid:c757873d-ec9a-4326-a141-556f43239520"));
  CHECK(IsFhirReference("urn:oid:1.2.3"));
  CHECK(IsFhirReference("#contained-1"));
  CHECK(IsFhirReference("Organization?identifier=https://github.com/synthetichealth/synthea|x"));
  CHECK_FALSE(IsFhirReference(""));
  CHECK_FALSE(IsFhirReference("Observation/1/_history/"));
  CHECK_FALSE(IsFhirReference("Observation/1/history/2"));
  CHECK_FALSE(IsFhirReference("Unknown/1"));
  CHECK_FALSE(IsFhirReference("://x"));
  CHECK_FALSE(IsFhirReference("urn:isbn:0451450523"));
}

}  // namespace ferry
