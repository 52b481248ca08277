#include "adapters/fhir/references.hpp"

#include <catch2/catch.hpp>

namespace ferry::fhir {

TEST_CASE("ParseReference tells the kinds apart") {
  auto relative = ParseReference("Patient/p-1");
  CHECK(relative.kind == ReferenceKind::kRelative);
  CHECK(relative.type == "Patient");
  CHECK(relative.id == "p-1");
  auto versioned = ParseReference("Patient/p1/_history/3");
  CHECK(versioned.kind == ReferenceKind::kRelative);
  CHECK(versioned.id == "p1");
  CHECK(versioned.version == "3");
  auto urn = ParseReference("urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  CHECK(urn.kind == ReferenceKind::kUrn);
  CHECK(urn.id == "1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  auto conditional = ParseReference("Patient?identifier=urn:mrn|42");
  CHECK(conditional.kind == ReferenceKind::kConditional);
  CHECK(conditional.type == "Patient");
  CHECK(conditional.query == "identifier=urn:mrn|42");
  auto absolute = ParseReference("https://host/fhir/Organization/o1");
  CHECK(absolute.kind == ReferenceKind::kAbsolute);
  CHECK(absolute.type == "Organization");
  CHECK(absolute.id == "o1");
  CHECK(ParseReference("#contained").kind == ReferenceKind::kContained);
  CHECK(ParseReference("patient/1").kind == ReferenceKind::kOther);
  CHECK(ParseReference("Patient/bad id").kind == ReferenceKind::kOther);
}

TEST_CASE("RewriteReferences reaches every reference, at any depth, and reports unresolved ones") {
  JsonDocument doc;
  REQUIRE(ParseJson(R"({"resourceType":"Encounter","subject":{"reference":"Patient/1"},)"
                    R"("participant":[{"individual":{"reference":"Practitioner/2","display":"x"}}],)"
                    R"("extension":[{"url":"u","valueReference":{"reference":"Location/9"}}],)"
                    R"("contained":[{"resourceType":"Group","member":[{"entity":{"reference":"Patient/1"}}]}],)"
                    R"("partOf":{"reference":"#c1"}})",
                    doc));
  auto unresolved = RewriteReferences(doc, doc.GetAllocator(), [](const ParsedReference& ref) {
    if (ref.type == "Location") return Resolution::Unresolved("no Location");
    if (ref.kind != ReferenceKind::kRelative) return Resolution::Keep();
    return Resolution::Replace(ref.type + "/new-" + ref.id);
  });
  CHECK(WriteJson(doc) ==
        R"({"resourceType":"Encounter","subject":{"reference":"Patient/new-1"},)"
        R"("participant":[{"individual":{"reference":"Practitioner/new-2","display":"x"}}],)"
        R"("extension":[{"url":"u","valueReference":{"reference":"Location/9"}}],)"
        R"("contained":[{"resourceType":"Group","member":[{"entity":{"reference":"Patient/new-1"}}]}],)"
        R"("partOf":{"reference":"#c1"}})");
  REQUIRE(unresolved.size() == 1);
  CHECK(unresolved[0] == "no Location");
}

TEST_CASE("IsFhirId follows the id grammar") {
  CHECK(IsFhirId("a-B.9"));
  CHECK_FALSE(IsFhirId(""));
  CHECK_FALSE(IsFhirId("a_b"));
  CHECK_FALSE(IsFhirId(std::string(65, 'a')));
}

}  // namespace ferry::fhir
