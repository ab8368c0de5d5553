// Every output format behind one interface; writers read only the report model.
#ifndef CLAIMCHECK_REPORT_WRITER_H_
#define CLAIMCHECK_REPORT_WRITER_H_

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/display.h"

namespace claimcheck::report {

enum class Format { kText, kJson, kJsonl, kMarkdown, kCsv, kCsvFindings, kSarif, kGithub, kHtml,
                    kRdjsonl, kClaimReview };

/// Names as the CLI spells them, in DESIGN.md §6 order, then the ones added since.
const std::vector<std::string>& FormatNames();
std::optional<Format> ParseFormat(std::string_view name);

struct WriterOptions {
  bool color = false;  ///< ANSI colour for terminals (text only).
  /// Directory that file locations in sarif/github output are made relative
  /// to; "" means the working directory.
  std::string root;
  /// How each qualifier's bounds follow from the stated number, so human
  /// formats print counts as stated (from the rules; empty: as bounds).
  QualifierBounds qualifiers;
  /// The date a review is published (claimreview): the run's reference
  /// date, YYYY-MM-DD; "" means the latest publication date of the inputs.
  std::string review_date;
};

class Writer {
 public:
  virtual ~Writer() = default;
  virtual void Write(const Report& report, std::ostream& out) const = 0;
};

/// nullptr when the format has no writer yet.
std::unique_ptr<Writer> MakeWriter(Format format, const WriterOptions& options);

}  // namespace claimcheck::report

#endif  // CLAIMCHECK_REPORT_WRITER_H_
