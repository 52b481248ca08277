#pragma once
/// The run as JUnit XML (`ferry run --junit FILE`), so that CI systems show each mapping
/// rule and each resource type as a test, failed when it dead-lettered records.
///
///     <?xml version="1.0" encoding="UTF-8"?>
///     <testsuites name="ferry.clinic-a" tests="3" failures="2" errors="0" skipped="0"
///                 time="12.500">
///       <testsuite name="mapping rules" tests="1" failures="1" errors="0" skipped="0"
///                  time="3.400">
///         <testcase name="patients-&gt;Patient" classname="ferry.clinic-a" time="0.000">
///           <failure message="2 records dead-lettered" type="dead-letter">map patients.csv:42: ...
///     map patients.csv:57: Patient.gender: unknown code</failure>
///         </testcase>
///       </testsuite>
///       <testsuite name="resource types" tests="2" ...> one testcase per type </testsuite>
///     </testsuites>
///
/// Both suites are always present (the rules suite is empty for FHIR sources). A group
/// whose counts do not balance gets an `<error type="accounting">`. Times are seconds:
/// the root has the run's total, the rules suite the mapping time and the types suite the
/// validation and write time; test cases have 0, as the run does not time groups apart.

#include <string>
#include <string_view>

#include "core/report/run_summary.hpp"

namespace ferry {

/// Where escaped text goes.
enum class XmlContext {
  kText,       ///< element content: line breaks and tabs kept
  kAttribute,  ///< a quoted attribute value: line breaks and tabs as character references
};

/// `text` made safe for XML 1.0 in `context`: `& < > " '` escaped, characters XML 1.0
/// does not allow (control characters, U+FFFE, U+FFFF) and bytes that are not UTF-8
/// replaced with U+FFFD.
std::string EscapeXml(std::string_view text, XmlContext context);

/// The JUnit XML of `summary`, ending with a newline.
std::string RenderJUnitReport(const RunSummary& summary);

/// Writes the JUnit XML to `path` (mode 0600, atomically); throws IoError.
void WriteJUnitReport(const RunSummary& summary, const std::string& path);

}  // namespace ferry
