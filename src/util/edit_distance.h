#ifndef CLAIMCHECK_UTIL_EDIT_DISTANCE_H_
#define CLAIMCHECK_UTIL_EDIT_DISTANCE_H_

#include <string>
#include <string_view>
#include <vector>

namespace claimcheck {

/// Levenshtein distance (insertions, deletions, substitutions all cost 1).
size_t EditDistance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is close enough to be a typo
/// (distance ≤ max(1, |word|/3)), else "".
std::string SpellingSuggestion(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace claimcheck

#endif  // CLAIMCHECK_UTIL_EDIT_DISTANCE_H_
