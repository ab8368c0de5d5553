// Extract's candidate pass: the claim rules run over each sentence with
// every mention masked as a placeholder, so a rule reads "{NUM} people were
// killed" and binds the mention it names (rules/README.md, "Claims"). What
// comes out is one candidate per (attribute, mention), the longest match
// first; subjects, as_of and flags are later passes.
#ifndef CLAIMCHECK_EXTRACT_CANDIDATES_H_
#define CLAIMCHECK_EXTRACT_CANDIDATES_H_

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "corpus/document.h"
#include "extract/subject.h"
#include "normalize/groups.h"
#include "normalize/recognizer.h"
#include "rules/literal_filter.h"
#include "rules/span_groups.h"
#include "rules/rule_set.h"

namespace claimcheck::extract {

class TimeContext;

/// The mentions lying wholly inside one sentence: indices [first, last) of
/// the document's mentions (they are in text order).
struct MentionRange {
  size_t first = 0;
  size_t last = 0;
  bool empty() const { return first == last; }
};

/// One range per sentence of `doc`, in order; a mention that crosses a
/// sentence boundary belongs to none.
std::vector<MentionRange> MentionsBySentence(const corpus::Document& doc,
                                             const std::vector<normalize::Mention>& mentions);

/// `Candidate::mention` of a fixed count: no mention holds its value.
inline constexpr size_t kNoMention = static_cast<size_t>(-1);

struct Candidate {
  const rules::Rule* rule;
  size_t rule_index;
  size_t start, end;  ///< Document offsets of the whole match.
  size_t mention;     ///< The value; kNoMention for a fixed count.
  /// Document offsets of the words that stand for the number: the value
  /// mention, or a fixed count's first word ("a" in "a 16-year-old boy").
  size_t value_start = 0, value_end = 0;
  /// A rule's `count` field: the value is this count, stated by the words
  /// of the `value` group ("a man was killed" → 1), not by a mention.
  std::optional<int64_t> count;
  std::optional<std::string> named;  ///< "Soleimani, Muhandis" before "and eight other men".
  normalize::Groups groups;          ///< Every named group, the value included.
  std::optional<size_t> anniversary;  ///< "… marked {the second anniversary} of …"
  size_t sentence = 0;                ///< Index in doc.sentences.
  /// A rule's `plus` group: a count the value adds to ("one deputy and
  /// {three officers} were killed" is four).
  std::optional<size_t> plus;
  /// A rule's `minus` group: a count taken from the value ("{five} people
  /// were shot, {two} fatally" wounded three).
  std::optional<size_t> minus;
  /// A fixed count below the lead (setting `fixed_count_sentences`): kept only
  /// where no other sentence of the document counts a casualty (an attribute
  /// that has fixed-count rules).
  bool below_lead = false;
};

class CandidateFinder {
 public:
  /// `rules` and `time` must outlive the finder.
  static bool Create(const rules::RuleSet& rules, const TimeContext& time,
                     std::unique_ptr<CandidateFinder>* out, std::string* err);

  /// Every sentence's candidates, in sentence order; within a sentence by
  /// position, then attribute. An `ignore` rule silences its mention; a
  /// count that is someone's death is no troop count or crowd.
  /// False only when a rule engine runs out of memory (*err says so).
  bool Find(const corpus::Document& doc, const std::vector<normalize::Mention>& mentions,
            const std::vector<MentionRange>& by_sentence, std::vector<Candidate>* out,
            std::string* err) const;

 private:
  CandidateFinder(const rules::RuleSet& rules, const TimeContext& time) : rules_(rules), time_(time) {}
  bool InSentence(std::string_view text, const corpus::Span& s,
                  const std::vector<normalize::Mention>& mentions, MentionRange in_sentence,
                  bool fixed_counts, std::vector<Candidate>* out, std::string* err) const;

  const rules::RuleSet& rules_;
  const TimeContext& time_;
  std::unique_ptr<rules::LiteralFilter> filter_;  // picks claim rules by their literal words
  rules::DigitFolds digit_folds_;  // claim rule index → the digits its pattern tells apart
  uint64_t groups_owner_ = 0;  // keys the per-thread cache of groups read (rules::SpanGroups)
  std::unique_ptr<RE2> breaker_, breaker_after_, breaker_exempt_, date_speech_before_, date_speech_after_,
      date_limit_before_, date_since_before_, date_later_act_between_;
  std::unique_ptr<RE2> count_joined_;  // "a man and a woman": a fixed count is one of more
  // "two officers fatally shot the teenager": a count that did the deed (ACTIVE_DEED_*)
  std::unique_ptr<RE2> active_passive_, active_verb_, active_object_;
  const rules::Lexicon* tallies_ = nullptr;  // lexicon tally_attributes: the attributes a deed is no toll of
  std::unique_ptr<RE2> count_joined_before_;  // "a man, a woman and a child": the same, before it
  std::unique_ptr<WordFinder> added_cues_;  // lexicon added_count_cues: "a woman was also wounded"
  std::unique_ptr<WordFinder> event_verbs_;  // lexicon event_verbs: field event_verb_between
  const rules::Lexicon* passive_be_ = nullptr;     // lexicon patient_be: field passive_after
  const rules::Lexicon* perfect_ = nullptr;        // lexicon perfect_auxiliaries: field passive_after
  std::unique_ptr<RE2> link_line_;  // LINK_LINE: "RELATED: …", "Photo: …" are no claims
  std::unique_ptr<RE2> count_one_of_;  // "a second victim": so is one its words rank
  std::unique_ptr<RE2> count_new_clause_;  // "… a man and wounding two": not joined
  bool has_fixed_counts_ = false;      // some rule has a `count` field
  std::set<std::string> fixed_count_attributes_;  // the attributes of those rules
  size_t fixed_count_sentences_ = 3;   // setting: the lead, where fixed counts are tolls
};

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_EXTRACT_CANDIDATES_H_
