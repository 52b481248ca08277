#include "core/common/strings.hpp"

#include <algorithm>

namespace ferry {

std::size_t EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus the swap of two neighbours ("bacth").
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t row_idx = 0; row_idx <= a.size(); ++row_idx) d[row_idx][0] = row_idx;
  for (std::size_t col_idx = 0; col_idx <= b.size(); ++col_idx) d[0][col_idx] = col_idx;
  for (std::size_t row_idx = 1; row_idx <= a.size(); ++row_idx) {
    for (std::size_t col_idx = 1; col_idx <= b.size(); ++col_idx) {
      std::size_t cost = a[row_idx - 1] == b[col_idx - 1] ? 0 : 1;
      d[row_idx][col_idx] = std::min({d[row_idx - 1][col_idx] + 1, d[row_idx][col_idx - 1] + 1,
                                      d[row_idx - 1][col_idx - 1] + cost});
      if (row_idx > 1 && col_idx > 1 && a[row_idx - 1] == b[col_idx - 2] && a[row_idx - 2] == b[col_idx - 1])
        d[row_idx][col_idx] = std::min(d[row_idx][col_idx], d[row_idx - 2][col_idx - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

std::string ClosestMatch(std::string_view word, std::span<const std::string> candidates) {
  std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    std::size_t distance = EditDistance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string DidYouMean(std::string_view word, std::span<const std::string> candidates) {
  std::string best = ClosestMatch(word, candidates);
  return best.empty() ? "" : "; did you mean '" + best + "'?";
}

std::string Join(std::span<const std::string> parts, std::string_view separator) {
  std::string out;
  for (std::size_t idx = 0; idx < parts.size(); ++idx) {
    if (idx) out += separator;
    out += parts[idx];
  }
  return out;
}

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? text.npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::string_view Trim(std::string_view text) {
  const char* kSpace = " \t\r\n\f\v";
  std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  std::size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

bool StartsWith(std::string_view text, std::string_view prefix) { return text.starts_with(prefix); }
bool EndsWith(std::string_view text, std::string_view suffix) { return text.ends_with(suffix); }

}  // namespace ferry
