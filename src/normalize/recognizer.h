// Finds every number and time expression in a document with the rules of a
// RuleSet and normalizes each one (DESIGN.md §3 "Mention").
//
//   std::unique_ptr<Recognizer> rec;
//   if (!Recognizer::Create(rules, &rec, &err)) …
//   std::vector<Mention> found = rec->Find(doc, doc.published);
//
// Per sentence: a cheap pre-filter (a digit or a `triggers` word), then the
// rules are picked by their literal words (and a few RE2::Sets for those
// with none), then each picked rule's own RE2 gives positions, a rule with
// `tokens` over the sentence with its numbers as placeholders
// (rules/README.md, "Number tokens"); overlapping matches resolve to the
// longest, then the higher priority, then the earlier rule. Linear in the
// text for every rule.
#ifndef CLAIMCHECK_NORMALIZE_RECOGNIZER_H_
#define CLAIMCHECK_NORMALIZE_RECOGNIZER_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "corpus/document.h"
#include "normalize/time.h"
#include "model/model.h"
#include "rules/literal_filter.h"
#include "rules/rule_set.h"
#include "rules/span_groups.h"

namespace claimcheck::normalize {

struct Mention {
  size_t start = 0;  ///< Byte offsets into the document text, end exclusive.
  size_t end = 0;
  const rules::Rule* rule = nullptr;
  std::string kind;  ///< number, date, time, duration, set
  std::variant<model::Quantity, TimeValue> value;
  bool ordinal = false;
  /// The rule's group `timex`, when it took part: the span TIMEX3 would
  /// annotate if the anchor stays unresolved (rules/README.md, "Time").
  std::optional<std::pair<size_t, size_t>> timex_span;
  /// A number's unit (QuantityUnit): "" when it has none.
  std::string unit;
};

/// Why a candidate match was dropped or kept, for `explain` and `rules test`.
struct Trace {
  std::vector<std::string> lines;
};

class Recognizer {
 public:
  /// Builds the RE2::Set and the pre-filter. `rules` must outlive the recognizer.
  /// With `tokens` false every rule is matched by its own pattern, as if none
  /// had `tokens` (rules/README.md, "Number tokens"): the reference that the
  /// faster path over tokens must equal, for tests.
  static bool Create(const rules::RuleSet& rules, std::unique_ptr<Recognizer>* out,
                     std::string* err, bool tokens = true);

  /// Every mention in the document's sentences, in text order.
  /// `reference` is the document date used to resolve relative time.
  /// Returns false only when RE2::Set runs out of memory (never "no match").
  bool Find(const corpus::Document& doc, std::optional<CivilDate> reference,
            std::vector<Mention>* out, std::string* err, Trace* trace = nullptr) const;

  /// The same for one stretch of text [start, end) of `text`.
  bool FindInSpan(std::string_view text, size_t start, size_t end,
                  std::optional<CivilDate> reference, std::vector<Mention>* out,
                  std::string* err, Trace* trace = nullptr) const;

  ~Recognizer();

 private:
  explicit Recognizer(const rules::RuleSet& rules);
  bool PassesPrefilter(std::string_view sentence) const;

  const rules::RuleSet& rules_;
  // The rules that need no literal word, in a few Sets (Create); empty when
  // every rule needs one.
  std::vector<std::unique_ptr<RE2::Set>> sets_;
  std::unique_ptr<rules::LiteralFilter> filter_;  // every rule, by the literals it needs
  std::vector<bool> by_set_;       // rule index → picked by sets_ (it needs no literal)
  // Rule index → its set form's automaton (null: none, or no use as a gate)
  // and its compiled pattern (null: compiled on first use, Rule::re), both
  // owned by filter_.
  std::vector<const RE2*> gate_;
  std::vector<const RE2*> compiled_;
  std::vector<std::vector<size_t>> set_index_;  // set s, pattern i → rules_.rules() index
  std::unique_ptr<RE2> triggers_;  // null: every sentence goes on
  std::vector<std::unique_ptr<RE2>> own_gates_;  // gates in their existence form (ExistenceForm)
  rules::DigitFolds digit_folds_;  // rule index → the digits its pattern tells apart
  rules::DigitFolds token_digit_folds_;  // the same for its pattern over tokens
  // Number tokens (rules/README.md, "Number tokens"): the token macro and
  // the slot macros, compiled when a rule with `tokens` is first tried.
  // Null when no rule has `tokens`.
  struct Tokenizer;
  std::unique_ptr<Tokenizer> tokenizer_;
  uint64_t id_ = 0;  // unique per Recognizer made: keys the per-thread cache of groups read
};

/// A pattern with a match wherever `pattern` has one (its leading optional
/// groups and word edges dropped), for the gates and the Set that ask only
/// whether a sentence may have a match; exposed for tests.
std::string ExistenceForm(std::string_view pattern);

/// The mention as the model records it (DESIGN.md §3 "Mention"), with its
/// rule and, when set, mod, anchor and ordinal; the model layer prints it.
model::MentionRecord ToRecord(const Mention& m, std::string_view doc_id, std::string_view text);

/// A TIMEX3-or-quantity value as a short string for messages and examples:
/// "2020-01-03", "2500 [2250,2750] about", "[2000,9999]".
std::string DescribeValue(const Mention& m);

}  // namespace claimcheck::normalize

#endif  // CLAIMCHECK_NORMALIZE_RECOGNIZER_H_
