// Numbers → quantity intervals (DESIGN.md §3–§4). Every word comes from
// lexicons in rules/ (see rules/README.md for the tables read here); this
// file knows arithmetic, not English.
#ifndef CLAIMCHECK_NORMALIZE_NUMBER_H_
#define CLAIMCHECK_NORMALIZE_NUMBER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "normalize/groups.h"
#include "model/model.h"
#include "rules/rule_set.h"

namespace claimcheck::normalize {

/// A parsed number: an integer value (quantities are counts), and whether it
/// was written as an ordinal ("second", "3rd").
struct ParsedNumber {
  int64_t value = 0;
  bool ordinal = false;
};

/// Parses a number expression as news writes it: digits with separators
/// ("5,200", "1.5", "2.3bn", "1.5 million", "10k"), words ("eight", "fifty-two",
/// "one hundred and five", "a dozen", "half a million", "one million"),
/// ordinals ("second", "3rd", "twenty-first"). Word tables: number_units,
/// number_teens, number_tens, number_scales (group-closing: thousand, million),
/// number_multipliers (hundred, dozen), number_suffixes ("bn", "k": only
/// after digits), number_fractions, ordinal_words, ordinal_suffixes,
/// number_fillers (see rules/README.md). Arithmetic is exact (fractions of
/// integers); nullopt when the text is not a whole number (e.g. "2.5" alone,
/// which is no count), is negative, or overflows. For counts ("two days");
/// ParseValue reads every number.
std::optional<ParsedNumber> ParseNumber(std::string_view text, const rules::RuleSet& rules);

/// A number that need not be whole: `value` is the nearest double, `floor`
/// and `ceil` the whole numbers around it (equal when it is whole).
struct ParsedValue {
  double value = 0;
  int64_t floor = 0;
  int64_t ceil = 0;
  bool ordinal = false;
  bool whole() const { return floor == ceil; }
};

/// Parses what ParseNumber does and also numbers that are not whole counts:
/// decimals ("2.5", ".08", "nine point nought four"), signs ("-5", "minus
/// five"; lexicon number_signs), fractions ("3/4", "2 1/4", "½", "a third",
/// "three quarters", "one and a half", "one twenty-fifth"), powers ("1.1^23",
/// "1.3x10^6", "1.3e6"). Exact until the final division; nullopt when the
/// text is no number or its value does not fit in int64 bounds.
std::optional<ParsedValue> ParseValue(std::string_view text, const rules::RuleSet& rules);

/// Builds the quantity a number rule matched, from its named groups:
///   num        the number (ParseValue); with `den` the numerator of
///              "1 in 5", "one over three" (field proper = "true": the
///              value must be below 1), with `exp` the base of "2 to the
///              power of 3"
///   qual       a qualifier, looked up in the `qualifiers` lexicon whose
///              entries give bound expressions lo/hi and point = true|false
///   lo, hi     both ends of a range ("between 10 and 15", "10-15")
///   vague      a vague magnitude, looked up in `vague_magnitudes` (lo/hi)
/// and the rule's fields (e.g. value = "0" for "no one"). A value that is not
/// whole keeps its point and takes the whole numbers around it as bounds
/// (2.5 → [2, 3]); a range or qualifier over such values keeps the whole
/// numbers it admits ("more than 2.5" → [3, ∞)). Returns false with a
/// message when the groups cannot be read.
bool NormalizeQuantity(const Groups& groups, const Fields& fields, const rules::RuleSet& rules,
                       model::Quantity* out, bool* ordinal, std::string* err);

/// The figure a quantity states: its point, else the number its qualifier's
/// bounds were made from (lexicon `qualifiers`, fields `lo` and `hi`): "more
/// than 1,800" ([1801, ∞), lo "n+1") states 1,800, "at least 7" 7, "fewer
/// than 10" ([0, 9], hi "n-1") 10. Else its lower bound.
int64_t StatedFigure(const model::Quantity& q, const rules::RuleSet& rules);

/// The unit, currency or percent of a number rule's match: group `unit` (a
/// word or sign after the number: "per cent", "km", "GB"), else group `cur`
/// (a currency sign before it: "$", "US$", "£"; `unit_lo` after a range's
/// lower end comes second), each looked up in lexicon `units`, then
/// `unit_abbreviations` (key → canonical unit, "per cent" → "percent", "$" →
/// "USD"); a group the lexicons lack gives its own text. Else the rule's field
/// `unit`; else "".
std::string QuantityUnit(const Groups& groups, const Fields& fields, const rules::RuleSet& rules);

/// A qualifier's bound expression, as the `qualifiers` lexicon writes it:
/// "n", "n+1", "n-1", "0", "inf", "floor(0.9n)", "ceil(1.1n)". Evaluates it
/// for n; nullopt means unbounded (inf). Exact integer arithmetic. (Bounds
/// of a value that is not whole are evaluated in number.cc; see
/// rules/README.md.)
bool EvaluateBound(std::string_view expr, int64_t n, std::optional<int64_t>* out,
                   std::string* err);

}  // namespace claimcheck::normalize

#endif  // CLAIMCHECK_NORMALIZE_NUMBER_H_
