#include "report/writers.h"

namespace claimcheck::report {

std::unique_ptr<Writer> MakeMarkdownWriter(const WriterOptions&) { return nullptr; }

}  // namespace claimcheck::report
