// Narrative time for `claimcheck mentions` (issue 14, item 10): what names
// no day of its own takes the last day the text named before it, as TIMEX3
// annotators read news ("on Monday … to end the day" is Monday).
#ifndef CLAIMCHECK_NORMALIZE_NARRATIVE_H_
#define CLAIMCHECK_NORMALIZE_NARRATIVE_H_

#include <string_view>
#include <vector>

#include "normalize/recognizer.h"

namespace claimcheck::normalize {

/// Rewrites, in text order, the values of three kinds of time mentions:
///  - a time of day written without its day ("at 18:00 UTC"): the day written
///    right after it ("16:15 UTC, June 1st"), else the last day before it;
///  - a mention of a rule with field `narrative = "day"` ("to end the day",
///    "in morning trading"): the last day before it, its time of day kept;
///  - a mention of a rule with field `narrative = "period"` ("the same month
///    a year ago"): the last month, quarter, season or half the text named
///    (a day names its month), moved by the rule's `offset` in whole years;
///  - an anchored mention without a count of its own ("the same day", "the
///    next day"): that day moved by its offset, at the mention's granularity;
///    of a year ("the previous year", "the year previous"), the year of the
///    last date of a year or finer ("last year", "last month") moved.
/// A day is a mention whose value is a whole date (YYYY-MM-DD…) not taken
/// from the document date; before the first one, nothing changes (the
/// document date stays). Mentions whose anchor has a count ("two days
/// later") keep it: TIMEX3 annotates their duration alone.
void AnchorNarrative(std::string_view text, std::vector<Mention>* mentions);

}  // namespace claimcheck::normalize

#endif  // CLAIMCHECK_NORMALIZE_NARRATIVE_H_
