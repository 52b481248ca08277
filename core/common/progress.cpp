#include "core/common/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace ferry {
namespace {

constexpr double kRedrawSeconds = 0.1;
constexpr double kPlainLineSeconds = 5;
constexpr std::size_t kBarWidth = 20;

double SteadySeconds() {
  auto since_start = std::chrono::steady_clock::now().time_since_epoch();
  return std::chrono::duration<double>(since_start).count();
}

/// 12345 -> "12,345".
std::string Grouped(std::uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t idx = 0; idx < digits.size(); ++idx) {
    if (idx != 0 && (digits.size() - idx) % 3 == 0) out += ',';
    out += digits[idx];
  }
  return out;
}

/// 42 -> "0:42", 3723 -> "1:02:03".
std::string ClockTime(double seconds) {
  auto total = static_cast<std::uint64_t>(std::ceil(std::max(seconds, 0.0)));
  char buffer[32];
  if (total >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%llu:%02llu:%02llu",
                  static_cast<unsigned long long>(total / 3600),
                  static_cast<unsigned long long>(total / 60 % 60),
                  static_cast<unsigned long long>(total % 60));
  } else {
    std::snprintf(buffer, sizeof buffer, "%llu:%02llu", static_cast<unsigned long long>(total / 60),
                  static_cast<unsigned long long>(total % 60));
  }
  return buffer;
}

std::string Bar(double fraction) {
  auto filled = static_cast<std::size_t>(fraction * kBarWidth);
  return "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '.') + "]";
}

int Percent(double fraction) { return static_cast<int>(std::floor(fraction * 100)); }

std::optional<double> Clamp(std::optional<double> fraction) {
  if (!fraction || std::isnan(*fraction)) return std::nullopt;
  return std::clamp(*fraction, 0.0, 1.0);
}

/// Records a second over the whole run; nothing while no time has passed.
std::optional<std::uint64_t> Rate(std::uint64_t done, double elapsed) {
  if (elapsed <= 0) return std::nullopt;
  return static_cast<std::uint64_t>(std::llround(static_cast<double>(done) / elapsed));
}

std::string JoinParts(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

/// The clock and output shared by both visible modes.
class ProgressBase : public Progress {
 protected:
  ProgressBase(std::FILE* out, ProgressOptions options) : out_(out), options_(std::move(options)) {
    if (!options_.now) options_.now = SteadySeconds;
    start_ = options_.now();
  }
  double Elapsed() const { return options_.now() - start_; }
  void Emit(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), out_);
    std::fflush(out_);
  }

  std::FILE* out_;
  ProgressOptions options_;
  double start_ = 0;
  bool finished_ = false;
};

/// One line redrawn in place, as ninja's LinePrinter does on a smart terminal.
class TerminalProgress : public ProgressBase {
 public:
  TerminalProgress(std::FILE* out, ProgressOptions options)
      : ProgressBase(out, std::move(options)) {}

  void Update(std::uint64_t done, std::optional<double> fraction) override {
    if (finished_) return;
    double now = options_.now();
    if (drawn_ && now - last_draw_ < kRedrawSeconds) return;
    drawn_ = true;
    last_draw_ = now;
    Draw(StatusLine(done, Clamp(fraction), now - start_), "");
  }

  void Finish(std::uint64_t done) override {
    if (finished_) return;
    finished_ = true;
    double elapsed = Elapsed();
    std::optional<std::uint64_t> rate = Rate(done, elapsed);
    Draw(JoinParts({options_.label, Grouped(done) + " records", rate ? Grouped(*rate) + "/s" : "",
                    "done in " + ClockTime(elapsed)},
                   "  "),
         "\n");
  }

 private:
  std::string StatusLine(std::uint64_t done, std::optional<double> fraction, double elapsed) {
    std::string head = options_.label;
    std::string eta;
    if (fraction) {
      head += (head.empty() ? "" : " ") + Bar(*fraction) + " " +
              std::to_string(Percent(*fraction)) + "%";
      if (*fraction > 0 && elapsed > 0)
        eta = "ETA " + ClockTime(elapsed * (1 - *fraction) / *fraction);
    }
    std::optional<std::uint64_t> rate = Rate(done, elapsed);
    return JoinParts({head, Grouped(done) + " records", rate ? Grouped(*rate) + "/s" : "", eta},
                     "  ");
  }

  /// `\r`, the line cut to the terminal's width, erase to the end of the line, `end`.
  void Draw(std::string line, const char* end) {
    if (options_.width > 0 && line.size() >= options_.width) line.resize(options_.width - 1);
    Emit("\r" + line + "\x1b[K" + end);
  }

  bool drawn_ = false;
  double last_draw_ = 0;
};

/// A line every kPlainLineSeconds, for logs and CI jobs.
class PlainProgress : public ProgressBase {
 public:
  PlainProgress(std::FILE* out, ProgressOptions options)
      : ProgressBase(out, std::move(options)), last_line_(start_) {}

  void Update(std::uint64_t done, std::optional<double> fraction) override {
    if (finished_) return;
    double now = options_.now();
    if (now - last_line_ < kPlainLineSeconds) return;
    last_line_ = now;
    fraction = Clamp(fraction);
    std::optional<std::uint64_t> rate = Rate(done, now - start_);
    Line({std::to_string(done) + " records", rate ? std::to_string(*rate) + "/s" : "",
          fraction ? std::to_string(Percent(*fraction)) + "%" : ""});
  }

  void Finish(std::uint64_t done) override {
    if (finished_) return;
    finished_ = true;
    double elapsed = Elapsed();
    std::optional<std::uint64_t> rate = Rate(done, elapsed);
    Line({std::to_string(done) + " records", rate ? std::to_string(*rate) + "/s" : "",
          "done in " + ClockTime(elapsed)});
  }

 private:
  void Line(const std::vector<std::string>& parts) {
    Emit(options_.label + ": " + JoinParts(parts, ", ") + "\n");
  }

  double last_line_;
};

class QuietProgress : public Progress {
 public:
  void Update(std::uint64_t, std::optional<double>) override {}
  void Finish(std::uint64_t) override {}
};

std::size_t TerminalWidth(std::FILE* out) {
  winsize size{};
  if (ioctl(fileno(out), TIOCGWINSZ, &size) != 0) return 0;
  return size.ws_col;
}

}  // namespace

ProgressMode DetectProgressMode(std::FILE* out, bool quiet) {
  if (quiet) return ProgressMode::kQuiet;
  const char* term = std::getenv("TERM");
  bool smart = isatty(fileno(out)) && term && std::string_view(term) != "dumb";
  return smart ? ProgressMode::kTerminal : ProgressMode::kPlain;
}

std::unique_ptr<Progress> MakeProgress(std::FILE* out, ProgressOptions options) {
  switch (options.mode) {
    case ProgressMode::kQuiet:
      return std::make_unique<QuietProgress>();
    case ProgressMode::kTerminal:
      return std::make_unique<TerminalProgress>(out, std::move(options));
    case ProgressMode::kPlain:
      return std::make_unique<PlainProgress>(out, std::move(options));
  }
  return std::make_unique<QuietProgress>();
}

std::unique_ptr<Progress> MakeProgress(std::FILE* out, bool quiet, std::string label) {
  ProgressOptions options;
  options.mode = DetectProgressMode(out, quiet);
  options.label = std::move(label);
  if (options.mode == ProgressMode::kTerminal) options.width = TerminalWidth(out);
  return MakeProgress(out, std::move(options));
}

}  // namespace ferry
