// What every writer needs beside the model itself: lookups by id and one
// display order for findings. The writers read the model's records under
// their own names (the using-declarations below); nothing here is written
// back into the model.
#ifndef CLAIMCHECK_REPORT_DISPLAY_H_
#define CLAIMCHECK_REPORT_DISPLAY_H_

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/model.h"

namespace claimcheck::report {

using model::Claim;
using model::AsOf;
using model::DocumentRecord;
using model::Evidence;
using model::Finding;
using model::FormatNumber;
using model::kVerdicts;
using model::Quantity;
using model::Report;
using model::ShowValue;
using model::Summarize;
using model::Summary;
using model::Time;
using model::Value;
using model::WithSeparators;

/// Lookups every writer needs: claims by id, document records by doc id.
class ReportIndex {
 public:
  explicit ReportIndex(const Report& report);
  const Claim* FindClaim(const std::string& id) const;
  const DocumentRecord* FindDocument(const std::string& doc) const;
  /// The finding's claims that are in the report, in the finding's order.
  std::vector<const Claim*> ClaimsOf(const Finding& f) const;
  /// The finding a claim belongs to (its first), or nullptr.
  const Finding* FindingOf(const std::string& claim_id) const;

 private:
  std::map<std::string, const Claim*> claims_;
  std::map<std::string, const DocumentRecord*> docs_;
  std::map<std::string, const Finding*> finding_of_;
};

/// Severity order for display: error, warning, note.
int SeverityRank(std::string_view severity);

/// Findings in display order: severity (error, warning, note), then report
/// order, which is id order. Every writer that orders findings uses it.
std::vector<const Finding*> FindingsForDisplay(const Report& report);

/// The formats a person reads (Markdown, HTML, the `github` annotations, the
/// SARIF results' related locations and message) show at most this many of
/// one finding's claims, and of its notes, then say how many more there are
/// (MoreLine). One event reported a hundred thousand times is one finding a
/// reader cannot use listed in full, a PR comment or an upload cannot hold
/// (GitHub keeps 100 locations of a result and rejects more than 1,000), and
/// a page no browser opens. JSON, JSONL, CSV and text keep every claim.
inline constexpr size_t kShownPerFinding = 100;

/// "and 69,038 more claims (--format json lists every one)": `what` is the
/// noun in the singular ("claim", "note"); an s is added past one.
std::string MoreLine(size_t hidden, std::string_view what);

/// The first kShownPerFinding of `all` (all of them when fewer).
template <typename T>
std::span<const T> Shown(const std::vector<T>& all) {
  return std::span<const T>(all.data(), std::min(all.size(), kShownPerFinding));
}

// --- values as people write them ------------------------------------------
//
// The human formats (text, Markdown, HTML, annotation and SARIF messages)
// show values in words, with the normative value beside them where it
// differs; JSON, JSONL and CSV keep the normative values. Every writer goes
// through these functions, so a value reads the same in each format:
//
//   2021-01-02TNI   Saturday night, 2 January 2021   [2021-01-02]
//   2013-07-02TAF   afternoon of 2 July 2013          [2013-07-02]
//   XXXX-WXX-3      a Wednesday (date not given)
//   XXXX-01-03      3 January (year not given)
//   lo 26001, "more than"   more than 26,000 (> 26,000)

/// How a qualifier's bounds follow from the number stated with it, so a
/// count prints as its source stated it: n = lo - shift (from_lo) or
/// n = hi - shift. The CLI derives it from the rules' qualifiers lexicon
/// ("more than" = { lo = "n+1" } → from_lo, shift 1).
struct StatedBound {
  bool from_lo = true;
  int64_t shift = 0;
};
/// By qualifier, lower case ("more than").
using QualifierBounds = std::map<std::string, StatedBound>;

/// A TIMEX3 value in words: "3 January 2020", "Saturday night, 2 January
/// 2021", "January 2020", "the 2010s", "a Wednesday (date not given)",
/// "5 days". A value of no known shape comes back as it is.
std::string TimeInWords(std::string_view timex);

/// The ISO 8601 value to show beside TimeInWords: the date of a day with a
/// part of day ("2021-01-02"), the value itself for days, months, weeks and
/// clock times; "" when the words say it all ("2020") or no date is known.
std::string IsoBeside(std::string_view timex);

/// "3 January 2020 [2020-01-03]"; the words alone when IsoBeside is "".
std::string TimeForPeople(std::string_view timex);

/// A count as stated: "more than 26,000 (> 26,000)", "up to 30",
/// "nearly 100 (90–99)", "about 2,500"; ShowValue's form when the qualifier
/// is not in `bounds`.
std::string QuantityForPeople(const Quantity& q, const QualifierBounds& bounds);

/// QuantityForPeople or TimeForPeople.
std::string ValueForPeople(const Value& v, const QualifierBounds& bounds);

/// A finding's prose (its summary, a note, a timeline entry) with each value
/// and time of its claims, as the reconciler printed them (ShowValue, as_of
/// timex), replaced by its ForPeople form, and any other time value in it
/// by TimeForPeople. Only whole tokens are replaced, longest first; a value
/// two claims print alike reads as the first of them states it (they hold
/// the same bounds).
std::string ProseForPeople(std::string_view text, const std::vector<const Claim*>& claims,
                           const QualifierBounds& bounds);

/// ProseForPeople's replacements for one finding's claims, worked out once:
/// a finding with thousands of claims and notes reads each note in time
/// linear in its length, not in the claims (Apply(text) is
/// ProseForPeople(text, claims, bounds), byte for byte).
class ProseWords {
 public:
  ProseWords(const std::vector<const Claim*>& claims, const QualifierBounds& bounds);
  std::string Apply(std::string_view text) const;

 private:
  /// Printed form → readable form, longest printed form first.
  std::vector<std::pair<std::string, std::string>> keys_;
  /// keys_' indexes by the printed form's first token, in keys_' order.
  std::map<std::string, std::vector<size_t>, std::less<>> by_first_token_;
};

/// Why a finding's claims are one subject, for people: its grouped_by
/// reasons joined by "; " ("event: earthquake; place: indonesia"), "" when
/// it has none.
std::string WhyGrouped(const Finding& f, const ReportIndex& index, const QualifierBounds& bounds);
/// The same with the finding's ProseWords.
std::string WhyGrouped(const Finding& f, const ProseWords& words);

/// A finding's timeline for people, one step per reported time, earliest
/// first: "2 July 2013: 5, at least 5 (inquirer.net); 3 (presstv.com)",
/// a superseded figure marked "8 (earlier)". Empty when all its claims hold
/// at one time and none is set aside.
std::vector<std::string> TimelineForPeople(const Finding& f, const ReportIndex& index,
                                           const QualifierBounds& bounds);

// --- quotes in whole words --------------------------------------------------

/// A claim's sentence cut around its quote: before + quote + after ==
/// sentence. The quote is the claim's span, found in the sentence by its
/// column where the text occurs more than once, widened to whole words and,
/// when it ends on a count ("eight other"), to the word counted ("men").
struct Quote {
  std::string_view before;
  std::string_view quote;
  std::string_view after;
};

/// nullopt when the sentence does not contain the claim's text: the caller
/// then quotes the text alone.
std::optional<Quote> QuoteOf(const Evidence& e);

/// The words a person reads for the claim: QuoteOf's quote, else the text.
std::string QuoteText(const Evidence& e);


}  // namespace claimcheck::report

#endif  // CLAIMCHECK_REPORT_DISPLAY_H_
