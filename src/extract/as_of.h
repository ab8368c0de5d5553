// Extract's as_of pass (DESIGN.md §3 "as_of"): when a claim was true as its
// source states it. A count takes the time of its own clause, else of its
// sentence; a sentence that continues the one before it (a pronoun, or a
// background paragraph's "the quake") takes that one's time; otherwise the
// document's date. A time that only dates a recent event is not when its
// toll was counted. Runs after subjects: the claim's event decides which
// times are written onto another event.
#ifndef CLAIMCHECK_EXTRACT_AS_OF_H_
#define CLAIMCHECK_EXTRACT_AS_OF_H_

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corpus/document.h"
#include "extract/candidates.h"
#include "extract/extractor.h"
#include "extract/subject.h"
#include "model/model.h"
#include "rules/rule_set.h"

namespace claimcheck::extract {

class AsOfPass {
 public:
  /// Reads the rule settings `recent_event_days`, `background_days` and the
  /// lexicons `tally_attributes`, `continuation_openers`; `rules` and
  /// `subjects` must outlive the pass.
  AsOfPass(const rules::RuleSet& rules, const SubjectBuilder& subjects);

  /// The as_of of `claim` (its attribute and subject set), found from the
  /// candidate `c` in the document's mentions and resolved times `x`.
  model::AsOf For(const corpus::Document& doc, const Extraction& x,
                  const std::vector<MentionRange>& by_sentence, const Candidate& c,
                  const model::Claim& claim) const;

 private:
  bool SentenceTime(const corpus::Document& doc, const Extraction& x, MentionRange in_sentence,
                    size_t value_mention, bool tally, const std::string& event,
                    model::AsOf* as_of, std::pair<size_t, size_t> clause = {0, SIZE_MAX},
                    bool revision = false) const;
  std::pair<size_t, size_t> ClauseOf(std::string_view text, const corpus::Span& sentence,
                                     size_t value_start) const;
  std::string AttachedEvent(std::string_view text, const normalize::Mention& m, size_t value_start) const;
  bool SpeechTime(std::string_view text, const normalize::Mention& m) const;
  bool EarlierFigureTime(std::string_view text, const normalize::Mention& m) const;
  bool DatesRecentEvent(const corpus::Document& doc, const Extraction& x, size_t mention,
                        bool any_age = false, size_t value_start = std::string_view::npos) const;
  bool ContinuesBackground(const corpus::Document& doc, std::string_view sentence,
                           std::string_view previous, const model::AsOf& previous_time) const;
  bool OpensOnPronoun(std::string_view sentence) const;

  const rules::RuleSet& rules_;
  const SubjectBuilder& subjects_;
  int64_t recent_event_days_;
  int64_t background_days_;
  std::unique_ptr<RE2> clause_break_, date_speech_before_, date_speech_after_, earlier_figure_before_,
      event_clause_opener_, relative_clause_opener_;
  WordFinder speech_;
};

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_EXTRACT_AS_OF_H_
