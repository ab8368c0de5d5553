#include "report/writers.h"

namespace claimcheck::report {

std::unique_ptr<Writer> MakeGithubWriter(const WriterOptions&) { return nullptr; }

}  // namespace claimcheck::report
