#include "adapters/storage/xml_text.hpp"

#include <catch2/catch.hpp>

namespace ferry::storage {

TEST_CASE("XML: elements by tag, in order, entities decoded", "[storage]") {
  std::string_view xml =
      "<?xml version=\"1.0\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      "<IsTruncated>true</IsTruncated><Contents><Key>a&amp;b/Patient.ndjson</Key><Size>12</Size>"
      "</Contents><Contents><Key>c&#x41;&#66;</Key><Size>3</Size></Contents>"
      "<NextContinuationToken>tok/1=</NextContinuationToken><KeyCount>2</KeyCount></ListBucketResult>";
  std::vector<std::string_view> contents = XmlElements(xml, "Contents");
  REQUIRE(contents.size() == 2);
  CHECK(XmlText(contents[0], "Key") == "a&b/Patient.ndjson");
  CHECK(XmlText(contents[0], "Size") == "12");
  CHECK(XmlText(contents[1], "Key") == "cAB");
  CHECK(XmlText(xml, "IsTruncated") == "true");
  CHECK(XmlText(xml, "NextContinuationToken") == "tok/1=");
  CHECK(XmlText(xml, "Missing").empty());
  CHECK(XmlText(xml, "Key") == "a&b/Patient.ndjson");  // the first one
}

TEST_CASE("XML: a tag is not matched by a longer name; empty elements count", "[storage]") {
  std::string_view xml = "<Blobs><BlobPrefix>x</BlobPrefix><Blob><Name>n</Name></Blob><NextMarker/></Blobs>";
  CHECK(XmlElements(xml, "Blob").size() == 1);
  CHECK(XmlText(xml, "Name") == "n");
  REQUIRE(XmlElements(xml, "NextMarker").size() == 1);
  CHECK(XmlElements(xml, "NextMarker")[0].empty());
}

TEST_CASE("XML: encode escapes the five special characters", "[storage]") {
  CHECK(XmlEncode("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;");
  CHECK(XmlDecode(XmlEncode("a<b>&\"c'")) == "a<b>&\"c'");
  CHECK(XmlDecode("&unknown; &") == "&unknown; &");
}

}  // namespace ferry::storage
