// The HTML report: one self-contained page (inline CSS and SVG, no script, no external
// resource) with the side-by-side table and two charts.
#include <algorithm>
#include <set>
#include <sstream>

#include "core/common/strings.hpp"
#include "core/evaluate/report.hpp"
#include "core/evaluate/report_table.hpp"

namespace ferry::evaluate {

namespace {

const char* const kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

const char* Color(std::size_t index) { return kColors[index % (sizeof kColors / sizeof kColors[0])]; }

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

constexpr const char* kStyle = R"(body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}
th{background:#f3f3f3}tr.section td{background:#e8eef7;font-weight:bold}.fail{color:#b00020;font-weight:bold}
.pass{color:#137333;font-weight:bold}.note{color:#555}svg{border:1px solid #ddd;margin:8px 16px 8px 0;vertical-align:top}
code{font-size:12px})";

void Legend(std::ostringstream& out, const EvalReport& report, int x, int y) {
  for (std::size_t index = 0; index < report.providers.size(); ++index) {
    int top = y + static_cast<int>(index) * 16;
    out << "<rect x=\"" << x << "\" y=\"" << top << "\" width=\"10\" height=\"10\" fill=\"" << Color(index)
        << "\"/><text x=\"" << x + 14 << "\" y=\"" << top + 9 << "\" font-size=\"11\">"
        << Escape(report.providers[index].name) << "</text>";
  }
}

void ThroughputChart(std::ostringstream& out, const EvalReport& report) {
  std::vector<int> levels;
  double top = 0;
  for (const ProviderReport& provider : report.providers) {
    if (!provider.throughput) continue;
    for (const LevelResult& level : provider.throughput->import_levels) {
      if (std::find(levels.begin(), levels.end(), level.concurrency) == levels.end()) levels.push_back(level.concurrency);
      top = std::max(top, level.resources_per_second);
    }
  }
  if (levels.empty() || top <= 0) return;
  std::sort(levels.begin(), levels.end());
  const int width = 520, height = 260, left = 60, bottom = 220, plot_width = 300, plot_height = 180;
  out << "<svg id=\"chart-throughput\" width=\"" << width << "\" height=\"" << height
      << "\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"><title>Import throughput vs concurrency</title>"
      << "<text x=\"10\" y=\"16\" font-size=\"13\">Import resources/s by concurrent writers</text>"
      << "<line x1=\"" << left << "\" y1=\"" << bottom << "\" x2=\"" << left + plot_width << "\" y2=\"" << bottom
      << "\" stroke=\"#444\"/><line x1=\"" << left << "\" y1=\"" << bottom - plot_height << "\" x2=\"" << left
      << "\" y2=\"" << bottom << "\" stroke=\"#444\"/>"
      << "<text x=\"4\" y=\"" << bottom - plot_height + 4 << "\" font-size=\"10\">" << Fixed(top, 0) << "</text>"
      << "<text x=\"" << left - 12 << "\" y=\"" << bottom << "\" font-size=\"10\">0</text>";
  auto x_of = [&](std::size_t index) {
    return left + (levels.size() == 1 ? plot_width / 2 : static_cast<int>(index) * plot_width / static_cast<int>(levels.size() - 1));
  };
  for (std::size_t index = 0; index < levels.size(); ++index)
    out << "<text x=\"" << x_of(index) - 4 << "\" y=\"" << bottom + 14 << "\" font-size=\"10\">" << levels[index] << "</text>";
  out << "<text x=\"" << left + plot_width / 2 - 40 << "\" y=\"" << bottom + 30 << "\" font-size=\"11\">concurrency</text>";
  for (std::size_t p = 0; p < report.providers.size(); ++p) {
    const auto& throughput = report.providers[p].throughput;
    if (!throughput) continue;
    std::string points;
    for (const LevelResult& level : throughput->import_levels) {
      std::size_t index = static_cast<std::size_t>(std::find(levels.begin(), levels.end(), level.concurrency) - levels.begin());
      int y = bottom - static_cast<int>(level.resources_per_second / top * plot_height);
      points += std::to_string(x_of(index)) + "," + std::to_string(y) + " ";
      out << "<circle cx=\"" << x_of(index) << "\" cy=\"" << y << "\" r=\"3\" fill=\"" << Color(p) << "\"/>";
    }
    out << "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" << Color(p) << "\" points=\"" << points << "\"/>";
  }
  Legend(out, report, left + plot_width + 20, 40);
  out << "</svg>\n";
}

void FidelityChart(std::ostringstream& out, const EvalReport& report) {
  std::set<std::string> types;
  for (const ProviderReport& provider : report.providers) {
    if (!provider.fidelity) continue;
    for (const auto& [type, counts] : provider.fidelity->types) {
      if (counts.resources_sent > 0) types.insert(type);
    }
  }
  if (types.empty()) return;
  const int label_width = 150, bar_width = 260, bar_height = 8;
  const int group_height = static_cast<int>(report.providers.size()) * (bar_height + 2) + 8;
  const int height = 40 + static_cast<int>(types.size()) * group_height;
  out << "<svg id=\"chart-fidelity\" width=\"" << label_width + bar_width + 200 << "\" height=\"" << height
      << "\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"><title>Fidelity per resource type</title>"
      << "<text x=\"10\" y=\"16\" font-size=\"13\">Values kept per resource type (0 to 1)</text>";
  int y = 30;
  for (const std::string& type : types) {
    out << "<text x=\"10\" y=\"" << y + bar_height + 2 << "\" font-size=\"11\">" << Escape(type) << "</text>";
    for (std::size_t p = 0; p < report.providers.size(); ++p) {
      const auto& fidelity = report.providers[p].fidelity;
      const TypeFidelity* counts = nullptr;
      if (fidelity) {
        auto found = fidelity->types.find(type);
        if (found != fidelity->types.end()) counts = &found->second;
      }
      if (counts) {
        double score = counts->Score();
        out << "<rect x=\"" << label_width << "\" y=\"" << y << "\" width=\"" << static_cast<int>(score * bar_width)
            << "\" height=\"" << bar_height << "\" fill=\"" << Color(p) << "\"><title>" << Escape(report.providers[p].name)
            << ": " << Fixed(score, 4) << "</title></rect>";
      }
      y += bar_height + 2;
    }
    y += 8;
  }
  Legend(out, report, label_width + bar_width + 20, 30);
  out << "</svg>\n";
}

void Table(std::ostringstream& out, const EvalReport& report) {
  out << "<table id=\"side-by-side\"><thead><tr><th></th>";
  for (const ProviderReport& provider : report.providers) out << "<th>" << Escape(provider.name) << "</th>";
  out << "</tr></thead><tbody>\n";
  for (const TableRow& row : SideBySide(report)) {
    if (!row.section.empty())
      out << "<tr class=\"section\"><td colspan=\"" << row.cells.size() + 1 << "\">" << Escape(row.section) << "</td></tr>\n";
    out << "<tr><th>" << Escape(row.label) << "</th>";
    for (const std::string& cell : row.cells) out << "<td>" << Escape(cell) << "</td>";
    out << "</tr>\n";
  }
  out << "</tbody></table>\n";
}

void Paths(std::ostringstream& out, const ProviderReport& provider) {
  out << "<h3>" << Escape(provider.name) << "</h3>";
  for (const std::string& note : provider.notes) out << "<p class=\"note\">" << Escape(note) << "</p>";
  if (provider.limits) {
    for (const auto& [probe, reason] : provider.limits->refusals)
      out << "<p class=\"note\">Refused (" << Escape(probe) << "): " << Escape(reason) << "</p>";
  }
  if (!provider.fidelity) return;
  if (provider.fidelity->paths.empty()) {
    out << "<p>Every element came back as it was sent.</p>\n";
    return;
  }
  out << "<table class=\"paths\"><thead><tr><th>type</th><th>element path</th><th>kept</th><th>changed</th>"
         "<th>dropped</th><th>added</th><th>examples</th></tr></thead><tbody>\n";
  for (const PathDiff& path : provider.fidelity->paths) {
    out << "<tr><td>" << Escape(path.resource_type) << "</td><td><code>" << Escape(path.path) << "</code></td><td>"
        << path.counts.kept << "</td><td>" << path.counts.changed << "</td><td>" << path.counts.dropped << "</td><td>"
        << path.counts.added << "</td><td><code>" << Escape(Join(path.examples, ", ")) << "</code></td></tr>\n";
  }
  out << "</tbody></table>\n";
}

}  // namespace

std::string WriteHtmlReport(const EvalReport& report) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Provider evaluation: "
      << Escape(report.name) << "</title><style>" << kStyle << "</style></head><body>\n";
  out << "<h1>Provider evaluation: " << Escape(report.name) << "</h1>\n<p>Result: <span class=\""
      << (report.Passed() ? "pass\">passed" : "fail\">FAILED") << "</span>";
  if (report.min_fidelity) out << " (min_fidelity " << Fixed(*report.min_fidelity, 4) << ")";
  out << ". " << report.patients << " synthetic patients (seed " << report.seed << "), " << report.resources
      << " resources. Generated by ferry " << Escape(report.ferry_version) << " at " << Escape(report.generated_at)
      << ".</p>\n<p class=\"note\" id=\"machine\">Machine: " << Escape(report.machine.os) << ", "
      << Escape(report.machine.cpu) << ", " << report.machine.cores << " cores, " << Bytes(report.machine.memory_bytes)
      << " memory. " << kMachineNote << "</p>\n";
  Table(out, report);
  out << "<div>";
  ThroughputChart(out, report);
  FidelityChart(out, report);
  out << "</div>\n<h2>Element paths that differ</h2>\n";
  for (const ProviderReport& provider : report.providers) Paths(out, provider);
  out << "</body></html>\n";
  return out.str();
}

}  // namespace ferry::evaluate
