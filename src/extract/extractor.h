// Claims (DESIGN.md §3–§4): claim rules from rules/ applied to a document's
// sentences, bound to the numbers and dates the recognizer found, with a
// subject, a time (as_of) and evidence. Extract runs one document through
// named passes, each in its own file and each reading only what the ones
// before it made: mentions and the document's date (normalize/, time_context)
// → event dates and anchored times (time_context) → candidate claims
// (candidates) → values and evidence → subjects (subject) → as_of (as_of)
// → flags and ids. extractor.cc's Extract lists them in order.
//
//   std::unique_ptr<Extractor> extractor;
//   Extractor::Create(rules, *recognizer, &extractor, &err);
//   Extraction x;
//   extractor->Extract(doc, &x, &err);   // may date an undated doc (dateline, inference)
#ifndef CLAIMCHECK_EXTRACT_EXTRACTOR_H_
#define CLAIMCHECK_EXTRACT_EXTRACTOR_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "corpus/document.h"
#include "normalize/recognizer.h"
#include "model/model.h"
#include "rules/rule_set.h"

namespace claimcheck::extract {

/// A time mention's value after the document's own context: anchored
/// expressions resolved against the events the document dates.
struct ResolvedTime {
  std::string timex;
  std::string basis;  ///< "", "anchored"
};

struct Extraction {
  std::vector<normalize::Mention> mentions;
  std::vector<ResolvedTime> times;  ///< Parallel to mentions ("" for numbers).
  std::vector<model::Claim> claims;
  std::vector<std::string> trace;   ///< Step by step, for `explain`.
};

class Extractor {
 public:
  /// `rules` and `recognizer` must outlive the extractor.
  static bool Create(const rules::RuleSet& rules, const normalize::Recognizer& recognizer,
                     std::unique_ptr<Extractor>* out, std::string* err);
  ~Extractor();

  /// Finds the document's date when metadata gave none (dateline, then an
  /// anniversary with a weekday beside it), then its mentions and claims.
  bool Extract(corpus::Document& doc, Extraction* out, std::string* err) const;

 private:
  struct Impl;
  explicit Extractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_EXTRACT_EXTRACTOR_H_
