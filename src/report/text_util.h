// Helpers the human-facing and spreadsheet writers (markdown, csv) share, so
// they agree on where a claim sits in its sentence, which findings a claim
// belongs to, the order findings are shown in, and how bad bytes print.
#ifndef CLAIMCHECK_REPORT_TEXT_UTIL_H_
#define CLAIMCHECK_REPORT_TEXT_UTIL_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/display.h"

namespace claimcheck::report {

/// A claim's sentence cut around its span: before + span + after == sentence.
struct SentenceParts {
  std::string_view before;
  std::string_view span;
  std::string_view after;
};

/// Where evidence.text first occurs in evidence.sentence (the views point into
/// `e`), or nullopt when it does not occur there or is empty: the caller then
/// quotes the span alone.
std::optional<SentenceParts> SplitAtSpan(const Evidence& e);

/// Every finding each claim belongs to, in report order. A claim may be in
/// several (a ledger finding and its group's single); ReportIndex::FindingOf
/// gives only the first.
std::map<std::string, std::vector<const Finding*>> FindingsByClaim(const Report& report);

/// Distinct document ids of the finding's claims, in order of first appearance.
std::vector<std::string> DocumentsOf(const Finding& f, const ReportIndex& index);

/// `text` with each byte that does not begin a well-formed UTF-8 sequence
/// replaced by U+FFFD, as the JSON writer does: documents read with a warning
/// keep their bytes, but a comment or spreadsheet must receive valid text.
std::string ValidUtf8(std::string_view text);

}  // namespace claimcheck::report

#endif  // CLAIMCHECK_REPORT_TEXT_UTIL_H_
