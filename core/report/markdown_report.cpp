#include "core/report/markdown_report.hpp"

#include <algorithm>
#include <cstdio>

#include "core/common/atomic_file.hpp"

namespace ferry {
namespace {

/// Punctuation that could start emphasis, code, links, HTML, a table cell or a heading end.
constexpr std::string_view kEscaped = "\\`*_[]<|#~&!";

std::string Cell(std::uint64_t count) { return std::to_string(count); }

std::string Row(const std::vector<std::string>& cells) {
  std::string row = "|";
  for (const std::string& cell : cells) row += " " + cell + " |";
  return row + "\n";
}

std::string CountCells(const Counts& counts) {
  return " " + Cell(counts.read) + " | " + Cell(counts.written) + " | " + Cell(counts.unchanged) +
         " | " + Cell(counts.filtered) + " | " + Cell(counts.dead) + " | " + Cell(counts.deleted) + " |";
}

std::string Overview(const RunSummary& summary) {
  std::string target = summary.target_adapter.empty() ? "none" : summary.target_adapter;
  std::string flags;
  if (summary.dry_run) flags += ", dry run";
  if (summary.resumed) flags += ", resumed";
  if (summary.interrupted) flags += ", interrupted";
  std::string out = "- source: " + EscapeMarkdown(summary.source_adapter) +
                    ", target: " + EscapeMarkdown(target) + flags + "\n";
  out += "- exit code: " + std::to_string(summary.exit_code) + "\n";
  if (!summary.dead_letter_path.empty()) {
    out += "- dead-letter file: " + EscapeMarkdown(summary.dead_letter_path) + "\n";
  }
  return out;
}

std::string TypeTable(const std::vector<GroupResult>& types) {
  if (types.empty()) return "";
  std::string out = "\n## Resource types\n\n";
  out += Row({"type", "read", "written", "unchanged", "filtered", "dead-lettered", "deleted"});
  out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const GroupResult& type : types) {
    out += "| " + EscapeMarkdown(type.name) + " |" + CountCells(type.counts) + "\n";
  }
  return out;
}

std::string RuleTable(const std::vector<GroupResult>& rules) {
  if (rules.empty()) return "";
  std::string out = "\n## Mapping rules\n\n";
  out += Row({"rule", "detail", "read", "written", "unchanged", "filtered", "dead-lettered", "deleted"});
  out += "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const GroupResult& rule : rules) {
    out += "| " + EscapeMarkdown(rule.name) + " | " + EscapeMarkdown(rule.detail) + " |" +
           CountCells(rule.counts) + "\n";
  }
  return out;
}

/// The rules' failures for tabular sources, else the types' (the same records either way).
std::vector<FailureNote> FirstFailures(const RunSummary& summary) {
  bool by_rule = std::any_of(summary.per_rule.begin(), summary.per_rule.end(),
                             [](const GroupResult& rule) { return !rule.failures.empty(); });
  std::vector<FailureNote> notes;
  for (const GroupResult& group : by_rule ? summary.per_rule : summary.per_type) {
    for (const FailureNote& note : group.failures) {
      if (notes.size() == kMarkdownFailures) return notes;
      notes.push_back(note);
    }
  }
  return notes;
}

std::string FailureTable(const RunSummary& summary) {
  std::vector<FailureNote> notes = FirstFailures(summary);
  if (notes.empty()) return "";
  std::string out = "\n## First failures\n\n";
  out += Row({"stage", "location", "message"});
  out += "| --- | --- | --- |\n";
  for (const FailureNote& note : notes) {
    out += Row(
        {EscapeMarkdown(note.stage), EscapeMarkdown(note.location), EscapeMarkdown(note.message)});
  }
  if (summary.total.dead > notes.size()) {
    out += "\nand " + std::to_string(summary.total.dead - notes.size()) + " more";
    if (!summary.dead_letter_path.empty()) out += " in " + EscapeMarkdown(summary.dead_letter_path);
    out += "\n";
  }
  return out;
}

std::string Seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", seconds);
  return buffer;
}

std::string ElementChangeTable(const std::vector<ElementChange>& changes) {
  if (changes.empty()) return "";
  std::string out = "\n## De-identification\n\n";
  out += Row({"element", "change", "count"});
  out += "| --- | --- | ---: |\n";
  for (const ElementChange& change : changes)
    out += Row({EscapeMarkdown(change.path), change.change, std::to_string(change.count)});
  return out;
}

std::string TimingTable(const Timings& timings) {
  std::string out = "\n## Timings\n\n";
  out += Row({"phase", "seconds"});
  out += "| --- | ---: |\n";
  out += Row({"total", Seconds(timings.total_seconds)});
  out += Row({"read", Seconds(timings.read_seconds)});
  out += Row({"map (summed over workers)", Seconds(timings.map_seconds)});
  out += Row({"validate (summed over workers)", Seconds(timings.validate_seconds)});
  out += Row({"write", Seconds(timings.write_seconds)});
  return out;
}

}  // namespace

std::string AccountingLine(const Counts& counts) {
  bool balanced = counts.Balanced();
  return "read " + std::to_string(counts.read) + (balanced ? " = " : " != ") + "written " +
         std::to_string(counts.written) + " + unchanged " + std::to_string(counts.unchanged) +
         " + filtered " + std::to_string(counts.filtered) + " + dead-lettered " +
         std::to_string(counts.dead) + (counts.deleted ? " + deleted " + std::to_string(counts.deleted) : "") +
         (balanced ? "" : " (does not balance)");
}

std::string EscapeMarkdown(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += ' ';
    } else {
      if (kEscaped.find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

std::string RenderMarkdownReport(const RunSummary& summary, bool include_timings) {
  std::string out = "# Ferry run: " + EscapeMarkdown(summary.plan_name) + "\n\n";
  out += AccountingLine(summary.total) + "\n\n";
  out += Overview(summary);
  out += TypeTable(summary.per_type);
  out += RuleTable(summary.per_rule);
  out += FailureTable(summary);
  out += ElementChangeTable(summary.element_changes);
  if (include_timings) out += TimingTable(summary.timings);
  return out;
}

void WriteMarkdownReport(const RunSummary& summary, const std::string& path) {
  WriteFileAtomically(path, RenderMarkdownReport(summary, true), 0600);
}

}  // namespace ferry
