// The capture groups of a match whose span is already known, read once per
// kind of span. RE2 reads groups with its NFA, whose every call walks the
// pattern's start closure: for a number rule (thousands of instructions)
// that is a few microseconds per match, more than finding the match. What
// RE2 reads there depends only on the span's bytes and one byte of context
// on each side (its assertions \b, \B, ^, $, \A, \z look no further), and a
// pattern cannot tell apart two digits that each of its character classes
// and literals takes both or neither of (`\d{1,3}` reads 4 as it reads 7;
// `[1-9]` parts 0 from the others). So the groups are kept per thread, by
// pattern and by those bytes with each digit folded to its block's first
// (DigitBlocks), and "14", "27" and "63" are matched once. A bounded cache,
// cleared when full, so memory stays flat.
//
//   const DigitFold fold = DigitBlocks(pattern);   // once per pattern
//   std::vector<re2::StringPiece> pieces;
//   if (SpanGroups(re, owner_id, pattern_index, fold, text, start, end, &pieces)) …
#ifndef CLAIMCHECK_RULES_SPAN_GROUPS_H_
#define CLAIMCHECK_RULES_SPAN_GROUPS_H_

#include <re2/re2.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace claimcheck::rules {

/// For each digit '0'…'9', the digit it is read as: the first digit of its
/// block, the digits `pattern` takes or leaves together everywhere. A
/// pattern holding a construct this reading does not know (\p classes,
/// \Q…\E, octal escapes, POSIX classes) folds nothing: each digit is its own.
using DigitFold = std::array<char, 10>;
DigitFold DigitBlocks(std::string_view pattern);

/// DigitBlocks of each of a list of patterns, each read on first use (most
/// rules never match a given text). Thread-safe.
class DigitFolds {
 public:
  void Add(std::string_view pattern) { patterns_.push_back(pattern); }
  /// Call after the last Add, before the first lookup.
  void Seal() {
    folds_.resize(patterns_.size());
    once_ = std::make_unique<std::once_flag[]>(patterns_.size());
  }
  const DigitFold& operator[](size_t i) const {
    std::call_once(once_[i], [&] { folds_[i] = DigitBlocks(patterns_[i]); });
    return folds_[i];
  }

 private:
  std::vector<std::string_view> patterns_;  // the rules' own strings, which outlive this
  mutable std::vector<DigitFold> folds_;
  std::unique_ptr<std::once_flag[]> once_;
};

/// The groups (pieces[0] the whole match) of `re`'s match of exactly
/// [start, end) of `text`, the rest of `text` as context, as
/// `re.Match(text, start, end, UNANCHORED, …)` reads them when that search
/// finds this span. `owner` is unique to the caller's patterns (a
/// Recognizer, a CandidateFinder), `index` the pattern's index there,
/// `fold` its DigitBlocks. False when `re` does not match the span.
bool SpanGroups(const RE2& re, uint64_t owner, size_t index, const DigitFold& fold,
                std::string_view text, size_t start, size_t end,
                std::vector<re2::StringPiece>* pieces);

/// A new owner id for SpanGroups, unique in the process.
uint64_t NewSpanGroupsOwner();

}  // namespace claimcheck::rules

#endif  // CLAIMCHECK_RULES_SPAN_GROUPS_H_
