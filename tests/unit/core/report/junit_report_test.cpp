#include "core/report/junit_report.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/unit/core/report/sample_summary.hpp"

namespace ferry {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSampleXml =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="ferry.clinic-a" tests="4" failures="2" errors="0" skipped="0" time="2.500">
  <testsuite name="mapping rules" tests="2" failures="1" errors="0" skipped="0" time="1.000">
    <testcase name="patients-&gt;Patient" classname="ferry.clinic-a" time="0.000">
      <failure message="2 records dead-lettered" type="dead-letter">map patients.csv:3: Patient.birthDate: not a date in format %Y-%m-%d
... and 1 more in .ferry/clinic-a.dead.ndjson</failure>
    </testcase>
    <testcase name="observations-&gt;Observation" classname="ferry.clinic-a" time="0.000"/>
  </testsuite>
  <testsuite name="resource types" tests="2" failures="1" errors="0" skipped="0" time="1.250">
    <testcase name="Observation" classname="ferry.clinic-a" time="0.000"/>
    <testcase name="Patient" classname="ferry.clinic-a" time="0.000">
      <failure message="2 records dead-lettered" type="dead-letter">map patients.csv:3: Patient.birthDate: not a date in format %Y-%m-%d
... and 1 more in .ferry/clinic-a.dead.ndjson</failure>
    </testcase>
  </testsuite>
</testsuites>
)";

/// A scratch directory removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "ferry_junit_XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~ScratchDir() { fs::remove_all(path_); }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

bool HavePython() { return std::system("command -v python3 >/dev/null 2>&1") == 0; }

/// Runs `script` (Python, with `root` bound to the parsed document's root element) on the
/// XML file at `xml_path`; true when the XML parsed and every assert held.
bool CheckWithPython(const ScratchDir& dir, const std::string& xml_path,
                     const std::string& script) {
  std::string script_path = dir.File("check.py");
  std::ofstream(script_path) << "import sys, xml.etree.ElementTree as E\n"
                                "root = E.parse(sys.argv[1]).getroot()\n"
                             << script;
  std::string command = "python3 " + script_path + " " + xml_path;
  return std::system(command.c_str()) == 0;
}

}  // namespace

TEST_CASE("The JUnit report has one suite for rules and one for types", "[report][junit]") {
  CHECK(RenderJUnitReport(testing::SampleSummary()) == kSampleXml);
}

TEST_CASE("The JUnit report parses with a real XML parser", "[report][junit]") {
  if (!HavePython()) {
    WARN("python3 not found: the JUnit report was not checked by an XML parser");
    return;
  }
  ScratchDir dir;
  std::string path = dir.File("junit.xml");
  WriteJUnitReport(testing::SampleSummary(), path);
  CHECK(CheckWithPython(dir, path, R"(
assert root.tag == "testsuites"
assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "0")
suites = root.findall("testsuite")
assert [s.get("name") for s in suites] == ["mapping rules", "resource types"]
assert [s.get("tests") for s in suites] == ["2", "2"]
case = suites[0].find("testcase")
assert case.get("name") == "patients->Patient", case.get("name")
assert case.get("classname") == "ferry.clinic-a"
failure = case.find("failure")
assert failure.get("message") == "2 records dead-lettered"
assert failure.get("type") == "dead-letter"
assert failure.text.split("\n") == [
    "map patients.csv:3: Patient.birthDate: not a date in format %Y-%m-%d",
    "... and 1 more in .ferry/clinic-a.dead.ndjson"], failure.text
assert len(root.findall(".//failure")) == 2
)"));
}

TEST_CASE("Hostile text survives XML escaping and parses back", "[report][junit]") {
  if (!HavePython()) {
    WARN("python3 not found: the JUnit report was not checked by an XML parser");
    return;
  }
  RunSummary summary = testing::SampleSummary();
  summary.plan_name = "a&b<c>\"d'e\tf\ng\x01h\x1bi";
  summary.per_rule[0].name = "bad utf8 \xff \xc0\xaf \xed\xa0\x80 \xef\xbf\xbe end\xe2\x82";
  summary.per_rule[0].failures[0].message = "]]></failure><x a='1'>\r caf\xc3\xa9 \xf0\x9f\x9a\xa2";
  summary.per_type[0].counts.read = 99;  // unbalanced: an accounting error
  ScratchDir dir;
  std::string path = dir.File("junit.xml");
  WriteJUnitReport(summary, path);
  CHECK(CheckWithPython(dir, path, R"(
R = "\ufffd"
assert root.get("name") == "ferry.a&b<c>\"d'e\tf\ng" + R + "h" + R + "i", repr(root.get("name"))
assert root.get("errors") == "1"
rule = root.find("testsuite/testcase")
assert rule.get("name") == "bad utf8 " + R + " " + R + R + " " + R * 3 + " " + R + " end" + R * 2, repr(rule.get("name"))
text = rule.find("failure").text
assert text.startswith("map patients.csv:3: ]]></failure><x a='1'>\r caf\u00e9 \U0001F6A2\n"), repr(text)
error = root.find("testsuite[@name='resource types']/testcase[@name='Observation']/error")
assert error.get("type") == "accounting"
assert error.get("message") == "counts do not balance: read 99 != written 3 + unchanged 0 + filtered 1 + dead-lettered 0"
)"));
}

TEST_CASE("EscapeXml escapes markup, keeps UTF-8 and replaces what XML forbids",
          "[report][junit]") {
  CHECK(EscapeXml("a<b>&\"c'", XmlContext::kText) == "a&lt;b&gt;&amp;\"c'");
  CHECK(EscapeXml("a<b>&\"c'", XmlContext::kAttribute) == "a&lt;b&gt;&amp;&quot;c&apos;");
  CHECK(EscapeXml("l1\nl2\tx\r", XmlContext::kText) == "l1\nl2\tx&#13;");
  CHECK(EscapeXml("l1\nl2\tx\r", XmlContext::kAttribute) == "l1&#10;l2&#9;x&#13;");
  CHECK(EscapeXml(std::string_view("\0\x1f", 2), XmlContext::kText) == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(EscapeXml("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\xa2", XmlContext::kText) ==
        "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\xa2");
  CHECK(EscapeXml("\xff\xc0\xaf", XmlContext::kText) == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(EscapeXml("\xef\xbf\xbf", XmlContext::kText) == "\xEF\xBF\xBD");
  CHECK(EscapeXml("\xf4\x90\x80\x80", XmlContext::kText) ==
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace ferry
