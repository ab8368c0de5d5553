#ifndef CLAIMCHECK_UTIL_SOURCE_ERROR_H_
#define CLAIMCHECK_UTIL_SOURCE_ERROR_H_

#include <string>
#include <string_view>

namespace claimcheck {

/// "file:line:col: message", then the offending line and a caret under the
/// column (1-based), as users of rule files and ledgers read them.
std::string SourceError(std::string_view file, std::string_view content, int line, int column,
                        std::string_view message);

}  // namespace claimcheck

#endif  // CLAIMCHECK_UTIL_SOURCE_ERROR_H_
