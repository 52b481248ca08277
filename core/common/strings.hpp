#pragma once
/// Small string helpers shared across modules.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ferry {

/// Edit distance between `a` and `b` (optimal string alignment: insert, delete,
/// replace, or swap two neighbours each cost 1).
std::size_t EditDistance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is close enough to be a likely typo
/// (distance <= max(1, len/3)); empty when none is.
std::string ClosestMatch(std::string_view word, std::span<const std::string> candidates);

/// "; did you mean 'x'?" for the closest candidate, or "" when none is close.
std::string DidYouMean(std::string_view word, std::span<const std::string> candidates);

/// Joins `parts` with `separator`.
std::string Join(std::span<const std::string> parts, std::string_view separator);

/// Splits `text` at every `separator`; keeps empty parts.
std::vector<std::string> Split(std::string_view text, char separator);

/// `text` without leading and trailing ASCII white space.
std::string_view Trim(std::string_view text);

bool StartsWith(std::string_view text, std::string_view prefix);
bool EndsWith(std::string_view text, std::string_view suffix);

}  // namespace ferry
