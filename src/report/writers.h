// Factories for each format's writer (internal to the report layer; the CLI
// goes through MakeWriter in writer.h). Each lives in its own file.
#ifndef CLAIMCHECK_REPORT_WRITERS_H_
#define CLAIMCHECK_REPORT_WRITERS_H_

#include <memory>

#include "report/writer.h"

namespace claimcheck::report {

std::unique_ptr<Writer> MakeMarkdownWriter(const WriterOptions& options);     // markdown.cc
std::unique_ptr<Writer> MakeCsvWriter(const WriterOptions& options);          // csv.cc
std::unique_ptr<Writer> MakeCsvFindingsWriter(const WriterOptions& options);  // csv.cc
std::unique_ptr<Writer> MakeSarifWriter(const WriterOptions& options);        // sarif.cc
std::unique_ptr<Writer> MakeGithubWriter(const WriterOptions& options);       // github.cc
std::unique_ptr<Writer> MakeHtmlWriter(const WriterOptions& options);         // html.cc
std::unique_ptr<Writer> MakeRdjsonlWriter(const WriterOptions& options);      // rdjsonl.cc
std::unique_ptr<Writer> MakeClaimReviewWriter(const WriterOptions& options);  // claimreview.cc

}  // namespace claimcheck::report

#endif  // CLAIMCHECK_REPORT_WRITERS_H_
