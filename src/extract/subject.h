// Subjects (DESIGN.md §4 "Subjects"): what a claim is about, built from its
// sentence with lexicons from rules/ — the event, its victim when the event
// is a killing, the place; for troops the force and the country. No event,
// place or person is named here: every word comes from a lexicon.
#ifndef CLAIMCHECK_EXTRACT_SUBJECT_H_
#define CLAIMCHECK_EXTRACT_SUBJECT_H_

#include <re2/re2.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corpus/document.h"
#include "normalize/groups.h"
#include "rules/rule_set.h"

namespace claimcheck::extract {

/// Finds the words of one lexicon as whole words; each hit gives its offset
/// and the entry's value (the key it maps to).
class WordFinder {
 public:
  /// `modifiers`: a lexicon of words that, right after an entry, make it a
  /// modifier of a noun, not itself ("a war monitor said", "war crimes"):
  /// such a hit is not reported. "" for none.
  WordFinder(const rules::RuleSet& rules, std::string_view lexicon, std::string_view modifiers = "");
  struct Hit {
    size_t offset;
    size_t length;
    std::string key;
    bool any_case = false;  ///< The entry says `any_case = true`: no capital needed.
    bool place = true;      ///< The entry says `place = false`: a force, never a place.
  };
  std::vector<Hit> Find(std::string_view text) const;
  /// Whether `text` holds an entry whose value is `key` (an entry of value 0
  /// there shields the words it holds: "more than" is no "more").
  bool Has(std::string_view text, std::string_view key) const;
  void ForEach(std::string_view text, const std::function<void(const Hit&)>& fn) const;

 private:
  // Whether the word after `end` (past spaces) is one of `modifiers_`.
  bool ModifiesNext(std::string_view text, size_t end) const;
  const rules::Lexicon& lex_;
  const rules::Lexicon* modifiers_ = nullptr;  // null or empty: none
  std::unique_ptr<RE2> re_;
};

/// What a document is mostly about, for claims whose sentence names no event.
struct DocumentSubjects {
  std::string main_event;      ///< most frequent `event_words` key that takes no victim name
  std::string counted_event;   ///< the same, of those that count people (not `uncounted_events`)
  std::string main_gathering;  ///< most frequent `gathering_words` key
  std::vector<std::string> countries;  ///< `countries` keys, most frequent first
  std::string lead_name;  ///< the name the document repeats most ("soleimani")
  /// The headline and lead as a slug ("-five-dead-in-jabaliya-…-"): a local
  /// place they name is the story's own and scopes none of its counts.
  std::string lead_slug;
};

class SubjectBuilder {
 public:
  explicit SubjectBuilder(const rules::RuleSet& rules);

  DocumentSubjects ForDocument(const corpus::Document& doc) const;

  /// The subject key of a claim of `attribute` whose value starts at
  /// `value_offset` in `sentence`: "strike@gaza", "soleimani-killing",
  /// "us-troops@iraq". `groups` are the claim rule's named groups (event,
  /// victim, place).
  /// `previous` is the sentence before (where "five other people were
  /// wounded" learns whose others they are).
  /// Rule field `lead_name = "false"`: a killing without a victim in the
  /// sentence does not take the document's lead name (broad rules).
  std::string Build(const std::string& attribute, std::string_view sentence,
                    const normalize::Groups& groups, const normalize::Fields& fields,
                    size_t value_offset,
                    const DocumentSubjects& doc, std::string_view previous = {}) const;

  /// The event keys in a phrase or sentence, in order ("his killing" → killing).
  std::vector<std::string> EventKeys(std::string_view text) const;

  /// Where the last event word or event verb in `text` ends; npos when
  /// there is none.
  size_t LastEventEnd(std::string_view text) const;

  /// The keys of event nouns a determiner of `definite_determiners` points
  /// back to: "in the quake" → earthquake.
  std::vector<std::string> DefiniteEventKeys(std::string_view text) const;

  /// Whether the count at `value_offset` tells of another incident than the
  /// story's (lexicon other_incident_cues: "In a separate attack, …").
  bool OtherIncident(std::string_view sentence, size_t value_offset) const;

  /// The event key of the event word nearest before `value_offset` in its
  /// clause when "a" or "an" introduces it (lexicon indefinite_articles):
  /// "A quake on the island of Lombok in August killed 500" → earthquake;
  /// else "".
  std::string IndefiniteEventBefore(std::string_view sentence, size_t value_offset) const;

 private:
  bool ViolentVerbKey(const std::string& key) const;
  std::string_view SkipAge(std::string_view text) const;
  std::string ViolentVerbEvent(std::string_view sentence, size_t value_offset) const;
  bool DatesNounAfter(std::string_view sentence, const normalize::Groups& groups, size_t value_offset) const;
  std::string EventFor(const WordFinder& finder, std::string_view sentence,
                       const normalize::Groups& groups, size_t value_offset,
                       bool allow_named, std::string_view story_event = {}) const;
  std::string NamedVictimAfter(std::string_view sentence, size_t from) const;
  std::string PatientName(std::string_view sentence, size_t value_offset, const std::string& event) const;
  bool VictimByRole(std::string_view sentence, size_t value_offset, const std::string& event) const;
  std::optional<WordFinder::Hit> NearestEventVerb(std::string_view sentence, size_t value_offset,
                                                  const std::string& event) const;
  bool DropPassiveBe(std::vector<std::string_view>* words) const;
  std::string NameIn(std::string_view text) const;
  std::string PlaceIn(std::string_view sentence, std::string* preposition = nullptr, size_t* at = nullptr) const;
  struct SubPlace {
    size_t offset;
    std::string name;  ///< slug of the name ("bener-meriah"), "a" when it has none
    std::string key;   ///< slug of name and unit ("bener-meriah-district")
  };
  std::vector<SubPlace> SubPlaces(std::string_view sentence) const;
  std::string SubPlaceNear(std::string_view sentence, size_t value_offset,
                           const DocumentSubjects& doc) const;
  std::string TroopsSubject(std::string_view sentence, size_t value_offset, const normalize::Groups& groups,
                            const DocumentSubjects& doc) const;
  std::vector<WordFinder::Hit> RolesOf(std::string_view sentence, size_t value_offset,
                                       size_t value_end) const;
  std::optional<std::pair<size_t, size_t>> JoinedClause(std::string_view sentence,
                                                        size_t value_offset) const;
  bool JoinsRunningTotal(std::string_view sentence, size_t value_offset, bool summing) const;
  bool SpreadOverPlace(std::string_view clause) const;
  bool StartsWithCount(std::string_view text) const;
  bool AfterDeathsOnly(std::string_view before, std::string_view previous) const;
  bool IsCountWord(std::string_view word) const;
  std::string OpeningTown(std::string_view sentence, size_t value_offset) const;
  std::string LocalOpeningTown(std::string_view sentence, size_t value_offset, const DocumentSubjects& doc) const;
  std::string NameRunAt(const std::vector<std::string_view>& words, size_t i, size_t* next) const;
  std::vector<WordFinder::Hit> ElidedRole(std::string_view sentence, size_t value_offset,
                                          size_t value_end) const;
  std::vector<WordFinder::Hit> RoleBefore(std::string_view sentence, size_t value_offset) const;
  std::vector<WordFinder::Hit> ParticipleObjectRole(std::string_view sentence, size_t value_offset,
                                                    size_t value_end) const;
  std::string CrowdPart(std::string_view sentence, size_t value_offset) const;
  /// The town a crowd's sentence names it in, slugged: an opening "In
  /// Paris," or, in the value's clause after it, the last name run after a
  /// `crowd_town_prepositions` word ("marched through Berlin", "rallied in
  /// Parliament Square in London" → "london"); "" when none.
  std::string CrowdTown(std::string_view sentence, size_t value_offset) const;
  static std::string_view ClauseBefore(std::string_view sentence, size_t value_offset,
                                       size_t words);
  std::string_view ClauseAfter(std::string_view sentence, size_t value_offset) const;
  bool IsInfinitive(std::string_view text, size_t offset) const;
  bool IsName(std::string_view word) const;
  std::string LeadName(std::string_view body, std::string_view emphasis) const;
  std::map<std::string, std::pair<int, size_t>> CountNames(std::string_view body,
                                                          std::map<std::string, bool>* full) const;

  const rules::RuleSet& rules_;
  WordFinder events_;
  WordFinder event_verbs_;
  WordFinder gatherings_;
  WordFinder countries_;
  WordFinder roles_;
  WordFinder cumulative_;
  WordFinder incident_plurals_;
  WordFinder running_openings_;  // lexicon running_total_openings: "So far this year, …"
  WordFinder summing_;  // lexicon summing_cues: a running total, except for one incident
  WordFinder since_;    // lexicon since_cues: a running total when before the value in its clause
  WordFinder additional_;
  WordFinder other_incidents_;
  WordFinder crowd_parts_;
  WordFinder crowd_totals_;
  WordFinder qualifiers_;
  WordFinder intake_;
  WordFinder deaths_before_;  // death_words: "other" wounded after them are others than the dead
  WordFinder injuries_before_;  // injury_words: "other" wounded after them are others than those
  std::unique_ptr<RE2> sub_place_;  // the SUB_PLACE macro of the rules
  std::unique_ptr<RE2> name_credit_;  // the NAME_CREDIT macro: photo credits, blanked for LeadName
  std::unique_ptr<RE2> breaker_;    // the BREAKER macro: ends a value's clause
  std::unique_ptr<RE2> age_;  // the AGE macro, anchored: "15-year-old" before a victim's name
  std::unique_ptr<RE2> period_event_;  // PERIOD_EVENT_BEFORE: "a two-month bombardment that killed 1,600"
  std::unique_ptr<RE2> past_link_;   // the PAST_LINK macro: "… came just weeks after a driver shot eight"
  std::unique_ptr<RE2> past_frame_;  // the PAST_FRAME macro: "Months earlier, …" opens a background
  size_t lead_sentences_;           // setting lead_sentences: the lead that places the story
  static constexpr size_t kCumulativeReach = 100;  // bytes after the value
  static constexpr size_t kCrowdPartReach = 60;    // bytes after the value
};

/// [start, end) of the clause around `offset` in a sentence: between commas,
/// semicolons or colons, not those inside a number ("3,000") or a time ("07:37").
std::pair<size_t, size_t> ClauseAround(std::string_view text, size_t offset);

/// The whitespace-separated words of `text`, punctuation kept.
std::vector<std::string_view> Words(std::string_view text);

/// The whitespace-separated word that ends before `offset` ("" at the start).
std::string_view PreviousWord(std::string_view text, size_t offset);
/// The word (letters, digits, hyphens) after the spaces at `offset`; "" when
/// none, or when no space stands at `offset`.
std::string_view NextWord(std::string_view text, size_t offset);

/// A word without the punctuation around it or a possessive "'s"
/// ("Sunday's," → "Sunday").
std::string_view TrimWord(std::string_view w);

/// "Baghdad International Airport" → "baghdad-international-airport".
std::string Slug(std::string_view text);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_EXTRACT_SUBJECT_H_
