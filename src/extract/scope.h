// Extract's scope pass: what a count covers and where it stands in its
// document's order of reports (rules/README.md, "Scope of a count").
// Everything it reads is rules data: the macros SCOPE_PERPETRATORS,
// SCOPE_WITH_PERPETRATOR, SCOPE_WITHOUT_PERPETRATOR, SCOPE_PART,
// SCOPE_OF_TOTAL, SCOPE_ONE_PLACE, SCOPE_CLAUSE_END and EARLIER, the lexicons
// perpetrator_nouns and part_cues they name, and scope_macro_parts (the part
// each of SCOPE_OF_TOTAL and SCOPE_ONE_PLACE gives).
#ifndef CLAIMCHECK_EXTRACT_SCOPE_H_
#define CLAIMCHECK_EXTRACT_SCOPE_H_

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>

#include "model/model.h"
#include "rules/rule_set.h"

namespace claimcheck::extract {

class ScopePass {
 public:
  /// `rules` must outlive the pass.
  explicit ScopePass(const rules::RuleSet& rules);

  /// The scope of a count whose value ends at byte `value_end` of `sentence`:
  /// the words after it say who is counted ("two suspects were killed",
  /// "seven dead, including the gunman") and whether the figure is a part
  /// ("two died at the scene", "three of the five", "in Sumatra alone").
  /// A count in a participle clause (", killing four") also takes a part
  /// its clause names before it ("one of its own tanks fired on a building
  /// used by troops, killing four": by friendly fire; macro
  /// SCOPE_PART_BEFORE over the words before `value_start`).
  model::Scope ScopeOf(std::string_view sentence, size_t value_start, size_t value_end, bool joined = false) const;

  /// Stage "earlier" when the words before the value (from `value_start`)
  /// mark the figure as superseded ("in initial reports", "had earlier
  /// said"); a figure with a revision cue is the new one, never earlier.
  model::Timeline TimelineOf(std::string_view sentence, size_t value_start, bool revision) const;

 private:
  const rules::Lexicon& perpetrator_nouns_;
  const rules::Lexicon& count_words_;   // perpetrator_count_words: "both"
  const rules::Lexicon& reflexives_;    // perpetrator_reflexives: "himself"
  const rules::Lexicon& gap_stops_;     // perpetrator_gap_stops: "when"
  const rules::Lexicon& number_units_;  // "two suspects"
  const rules::Lexicon& part_cues_;
  const rules::Lexicon& carried_part_cues_;
  const rules::Lexicon& whole_parts_;
  const rules::Lexicon& count_joiners_;  // "two men and a woman"
  std::string of_total_part_, one_place_part_;  // lexicon scope_macro_parts
  std::unique_ptr<RE2> perpetrators_, with_perpetrator_, without_perpetrator_, part_, of_total_, of_total_before_, whole_fronted_, one_place_, one_place_before_,
      clause_end_, earlier_, part_before_, whole_before_;
};

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_EXTRACT_SCOPE_H_
