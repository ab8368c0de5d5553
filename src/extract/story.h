// The names a document's story is told with (rules/README.md, "Verdicts", 7):
// the reconciler compares the claims of two documents only when they share
// enough of them, so that two shootings in one batch are two stories.
#ifndef CLAIMCHECK_EXTRACT_STORY_H_
#define CLAIMCHECK_EXTRACT_STORY_H_

#include <string>
#include <vector>

#include "corpus/document.h"
#include "rules/rule_set.h"

namespace claimcheck::extract {

class StoryNames {
 public:
  /// `rules` must outlive it: the lexicons not_names, months, weekdays,
  /// number_units, number_teens, number_tens and story_name_stops name the
  /// capitalized words that are no names; setting story_names how many a
  /// document keeps.
  explicit StoryNames(const rules::RuleSet& rules);

  /// The document's most used names, most used first (of equals, the first
  /// used), lower case: capitalized words of its body's sentences, none
  /// opening a sentence or a quote, none of a headline (most long words
  /// capitalized), no acronym of four letters or fewer, a possessive's "'s"
  /// dropped. "Police said Antoine Smelley, 25, shot … Smelley's car" →
  /// "smelley", "antoine".
  std::vector<std::string> Of(const corpus::Document& doc) const;

 private:
  bool IsStop(std::string_view word) const;

  std::vector<const rules::Lexicon*> stops_;
  size_t limit_;
};

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_EXTRACT_STORY_H_
