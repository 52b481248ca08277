#include "core/report/junit_report.hpp"

#include <cstdio>

#include "core/common/atomic_file.hpp"

namespace ferry {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

/// Length of the well-formed UTF-8 sequence at the start of `text` (1 to 4), or 0 when
/// the bytes there are not UTF-8 (overlong, surrogate, above U+10FFFF, cut short).
std::size_t Utf8Length(std::string_view text, char32_t& code_point) {
  auto lead = static_cast<unsigned char>(text[0]);
  std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (lead >= 0xF5 || length == 0 || text.size() < length) return 0;
  code_point = lead & (0x7F >> length);
  for (std::size_t idx = 1; idx < length; ++idx) {
    auto next = static_cast<unsigned char>(text[idx]);
    if ((next & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (next & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (code_point < kSmallest[length] || surrogate || code_point > 0x10FFFF) return 0;
  return length;
}

/// The escape of one ASCII character, or "" when it stands for itself.
std::string_view AsciiEscape(char c, XmlContext context) {
  bool attribute = context == XmlContext::kAttribute;
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return attribute ? "&quot;" : "";
    case '\'':
      return attribute ? "&apos;" : "";
    case '\t':
      return attribute ? "&#9;" : "";
    case '\n':
      return attribute ? "&#10;" : "";
    case '\r':
      return "&#13;";
    default:
      return static_cast<unsigned char>(c) < 0x20 ? kReplacement : "";
  }
}

std::string Seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", seconds);
  return buffer;
}

/// ` name="value"` with the value escaped.
std::string Attribute(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + EscapeXml(value, XmlContext::kAttribute) + "\"";
}

struct SuiteCounts {
  std::size_t tests = 0;
  std::size_t failures = 0;
  std::size_t errors = 0;
  SuiteCounts& operator+=(const SuiteCounts& other) {
    tests += other.tests;
    failures += other.failures;
    errors += other.errors;
    return *this;
  }
};

std::string CountAttributes(const SuiteCounts& counts, double seconds) {
  return Attribute("tests", std::to_string(counts.tests)) +
         Attribute("failures", std::to_string(counts.failures)) +
         Attribute("errors", std::to_string(counts.errors)) + Attribute("skipped", "0") +
         Attribute("time", Seconds(seconds));
}

std::string FailureText(const GroupResult& group, const std::string& dead_letter_path) {
  std::string text;
  for (const FailureNote& note : group.failures) {
    if (!text.empty()) text += '\n';
    text += note.stage + " " + note.location + ": " + note.message;
  }
  if (group.counts.dead > group.failures.size()) {
    if (!text.empty()) text += '\n';
    text += "... and " + std::to_string(group.counts.dead - group.failures.size()) + " more";
    if (!dead_letter_path.empty()) text += " in " + dead_letter_path;
  }
  return EscapeXml(text, XmlContext::kText);
}

std::string AccountingError(const Counts& counts) {
  return "counts do not balance: read " + std::to_string(counts.read) + " != written " +
         std::to_string(counts.written) + " + unchanged " + std::to_string(counts.unchanged) +
         " + filtered " + std::to_string(counts.filtered) + " + dead-lettered " +
         std::to_string(counts.dead) + (counts.deleted ? " + deleted " + std::to_string(counts.deleted) : "");
}

std::string TestCase(const GroupResult& group, const RunSummary& summary, SuiteCounts& counts) {
  std::string xml = "    <testcase" + Attribute("name", group.name) +
                    Attribute("classname", "ferry." + summary.plan_name) +
                    Attribute("time", Seconds(0));
  ++counts.tests;
  std::string body;
  if (group.counts.dead > 0) {
    ++counts.failures;
    body += "      <failure" +
            Attribute("message", std::to_string(group.counts.dead) + " records dead-lettered") +
            Attribute("type", "dead-letter") + ">" + FailureText(group, summary.dead_letter_path) +
            "</failure>\n";
  }
  if (group.counts.deleted > 0) {
    body += "      <system-out>" +
            EscapeXml("deleted from the target: " + std::to_string(group.counts.deleted), XmlContext::kText) +
            "</system-out>\n";
  }
  if (!group.counts.Balanced()) {
    ++counts.errors;
    body += "      <error" + Attribute("message", AccountingError(group.counts)) +
            Attribute("type", "accounting") + "/>\n";
  }
  return xml + (body.empty() ? "/>\n" : ">\n" + body + "    </testcase>\n");
}

std::string TestSuite(std::string_view name, const std::vector<GroupResult>& groups, double seconds,
                      const RunSummary& summary, SuiteCounts& total) {
  SuiteCounts counts;
  std::string cases;
  for (const GroupResult& group : groups) cases += TestCase(group, summary, counts);
  total += counts;
  std::string open = "  <testsuite" + Attribute("name", name) + CountAttributes(counts, seconds);
  return cases.empty() ? open + "/>\n" : open + ">\n" + cases + "  </testsuite>\n";
}

}  // namespace

std::string EscapeXml(std::string_view text, XmlContext context) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    if (static_cast<unsigned char>(text[0]) < 0x80) {
      std::string_view escape = AsciiEscape(text[0], context);
      if (escape.empty()) {
        out += text[0];
      } else {
        out += escape;
      }
      text.remove_prefix(1);
      continue;
    }
    char32_t code_point = 0;
    std::size_t length = Utf8Length(text, code_point);
    bool allowed = length > 0 && code_point != 0xFFFE && code_point != 0xFFFF;
    out += allowed ? text.substr(0, length) : kReplacement;
    text.remove_prefix(length > 0 ? length : 1);
  }
  return out;
}

std::string RenderJUnitReport(const RunSummary& summary) {
  const Timings& timings = summary.timings;
  SuiteCounts total;
  std::string suites =
      TestSuite("mapping rules", summary.per_rule, timings.map_seconds, summary, total) +
      TestSuite("resource types", summary.per_type,
                timings.validate_seconds + timings.write_seconds, summary, total);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites" +
         Attribute("name", "ferry." + summary.plan_name) +
         CountAttributes(total, timings.total_seconds) + ">\n" + suites + "</testsuites>\n";
}

void WriteJUnitReport(const RunSummary& summary, const std::string& path) {
  WriteFileAtomically(path, RenderJUnitReport(summary), 0600);
}

}  // namespace ferry
