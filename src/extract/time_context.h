// Time in a document's context (DESIGN.md §4): its date when metadata gave
// none (a dateline, or an anniversary of a dated event with a weekday beside
// it), and anchored expressions resolved against the events it dates.
#ifndef CLAIMCHECK_EXTRACT_TIME_CONTEXT_H_
#define CLAIMCHECK_EXTRACT_TIME_CONTEXT_H_

#include <re2/re2.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "corpus/document.h"
#include "extract/extractor.h"
#include "extract/subject.h"
#include "normalize/recognizer.h"
#include "rules/rule_set.h"
#include "util/date.h"

namespace claimcheck::extract {

struct DocumentDate {
  CivilDate date;
  std::string basis;  ///< "dateline" or "inferred"
};

class TimeContext {
 public:
  /// `rules` and `subjects` (for the event words) must outlive it.
  TimeContext(const rules::RuleSet& rules, const SubjectBuilder& subjects);

  /// A dateline (a full date alone at the top: "Tuesday, July 2nd, 2013"),
  /// else an anniversary with an ordinal of an event the document dates, with
  /// a weekday in the same or a neighbouring sentence: the latest such
  /// weekday on or before the anniversary.
  std::optional<DocumentDate> DiscoverDocumentDate(const corpus::Document& doc,
                                                   const std::vector<normalize::Mention>& mentions,
                                                   std::vector<std::string>* trace) const;

  /// The mention that is the document's dateline, if any: a complete date
  /// nearly alone in one of the first two sentences, or alone on one of the
  /// first three lines ("Fired accountant goes on shooting spree⏎on Apr 12
  /// 2007⏎…": a scraped page's title, then the day it was filed).
  std::optional<size_t> Dateline(const corpus::Document& doc,
                                 const std::vector<normalize::Mention>& mentions) const;

  /// Each time mention's value in context (parallel to `mentions`): anchored
  /// ones resolved against the date the document gives their event ("five
  /// days after his killing"), or the last dated event before them ("two
  /// days later"), with basis "anchored"; what cannot be resolved keeps X.
  std::vector<ResolvedTime> Resolve(const corpus::Document& doc,
                                    const std::vector<normalize::Mention>& mentions,
                                    std::vector<std::string>* trace) const;

  /// A date written out (a digit or a month name) or naming a day ("on
  /// Saturday"), not a period ("this year", "last month").
  bool IsExplicit(const normalize::Mention& m, std::string_view text) const;
  /// Written with a digit or a month name ("3 January", "2004"), not "Saturday".
  bool IsWritten(const normalize::Mention& m, std::string_view text) const;

  /// "2021-01-03" shifted by `years` (XXXX stays XXXX); "" when the result
  /// leaves the calendar years 1–9999.
  std::string ShiftYears(const std::string& timex, int years) const;

  /// The ordinal in group `ord` ("second" → 2), else the integer `fallback`.
  int OrdinalOr(const normalize::Groups& groups, const std::string& fallback) const;

 private:
  /// The dates a document gives its events: the first date written after
  /// each event key (YYYY-MM-DD or XXXX-MM-DD), and the first of all.
  struct DatedEvents {
    std::map<std::string, std::string> first_by_key;
    std::string first;
  };
  void YearsWrittenAfter(const corpus::Document& doc,
                         const std::vector<normalize::Mention>& mentions,
                         std::vector<ResolvedTime>* times, std::vector<std::string>* trace) const;
  DatedEvents FindDatedEvents(const corpus::Document& doc,
                              const std::vector<normalize::Mention>& mentions,
                              const std::vector<ResolvedTime>& times) const;
  std::optional<std::string> EventDate(const DatedEvents& events, const std::string& phrase) const;
  std::string Anniversary(const std::string& base, int ordinal,
                          std::optional<CivilDate> reference) const;

  const rules::RuleSet& rules_;
  const SubjectBuilder& subjects_;
  WordFinder months_;
  WordFinder year_links_;
  WordFinder weekdays_;
  std::shared_ptr<const RE2> dateline_label_;  // macro DATELINE_LABEL; null when none
};

/// "2020-01-03" → the date; "XXXX-01-03" → that day in `placeholder_year`.
std::optional<CivilDate> DayOf(const std::string& timex, int placeholder_year = 0);

/// Adds a TIMEX3 duration ("P2D", "P1W", "P3M", "P1Y") times `sign` to a day.
std::optional<CivilDate> AddDuration(CivilDate day, const std::string& duration, int sign);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_EXTRACT_TIME_CONTEXT_H_
