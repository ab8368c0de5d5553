#include "report/writers.h"

namespace claimcheck::report {

std::unique_ptr<Writer> MakeSarifWriter(const WriterOptions&) { return nullptr; }

}  // namespace claimcheck::report
