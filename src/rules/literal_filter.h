// Picks, for a text, the rules that may match it by the literal words their
// patterns need: RE2's FilteredRE2 finds those words ("between" and "and"
// for `between {N} and {N}`), one case-insensitive RE2::Set of them finds
// which a text holds. A rule that needs no word is always picked. A picked
// rule may still not match; a rule not picked cannot. Unlike one RE2::Set
// over whole patterns, whose automaton grows with every rule it joins, the
// literals' automaton stays small on text it has never seen. On ASCII text
// the words are found by a plain Aho-Corasick automaton over lower-cased
// bytes, built once: the same words the RE2::Set would find (an ASCII
// literal matches ASCII text in any case, nothing else), without the
// Set's lazily built states; other text still goes through the RE2::Set.
//
//   std::unique_ptr<LiteralFilter> filter;
//   LiteralFilter::Create(patterns, &filter, &err);
//   std::vector<int> picked;            // indices into `patterns`
//   filter->Pick(sentence, &picked, &err);
#ifndef CLAIMCHECK_RULES_LITERAL_FILTER_H_
#define CLAIMCHECK_RULES_LITERAL_FILTER_H_

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_set.h"

namespace claimcheck::rules {

class LiteralFilter {
 public:
  /// `patterns[i]` is what rule `rules[i]` needs at least (its pattern, or a
  /// superset such as its set form); errors name the rule's file:line:col.
  static bool Create(const std::vector<const Rule*>& rules, const std::vector<std::string>& patterns,
                     std::unique_ptr<LiteralFilter>* out, std::string* err);

  /// Appends the indices of the rules that may match `text`, ascending.
  /// False only when the literals' automaton runs out of memory.
  bool Pick(std::string_view text, std::vector<int>* out, std::string* err) const;

  /// The rules that need no literal: Pick gives them for every text.
  std::vector<int> Unfiltered() const;

  /// `patterns[i]` as Create compiled it (RE2's default options, errors not
  /// logged: those of Rule::re), so that a caller matching that same
  /// pattern need not compile it a second time.
  const RE2& Compiled(int i) const { return filter_.GetRE2(i); }

 private:
  LiteralFilter() = default;
  // The literals that occur in `text`, ascending; false when the Set runs
  // out of memory.
  bool Literals(std::string_view text, std::vector<int>* found, std::string* err) const;
  void BuildWordAutomaton(const std::vector<std::string>& literals);

  re2::FilteredRE2 filter_{3};     // literals of at least three bytes
  std::unique_ptr<RE2::Set> literals_;  // null when no rule needs any
  // Aho-Corasick over the literals (empty: not built, every text takes
  // literals_): node × byte class → node, the byte classes of lower-cased
  // bytes, and per node the literals that end there (its own, then those of
  // its suffix nodes): end_list_[end_start_[node] .. end_start_[node + 1]).
  std::vector<int> next_;
  std::vector<uint8_t> byte_class_;
  int classes_ = 0;
  std::vector<uint32_t> end_start_;
  std::vector<int> end_list_;
};

}  // namespace claimcheck::rules

#endif  // CLAIMCHECK_RULES_LITERAL_FILTER_H_
