#include "report/writers.h"

namespace claimcheck::report {

std::unique_ptr<Writer> MakeCsvWriter(const WriterOptions&) { return nullptr; }
std::unique_ptr<Writer> MakeCsvFindingsWriter(const WriterOptions&) { return nullptr; }

}  // namespace claimcheck::report
