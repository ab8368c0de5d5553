// What every writer needs beside the model itself: lookups by id and one
// display order for findings. The writers read the model's records under
// their own names (the using-declarations below); nothing here is written
// back into the model.
#ifndef CLAIMCHECK_REPORT_DISPLAY_H_
#define CLAIMCHECK_REPORT_DISPLAY_H_

#include <map>
#include <string>
#include <string_view>
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


}  // namespace claimcheck::report

#endif  // CLAIMCHECK_REPORT_DISPLAY_H_
