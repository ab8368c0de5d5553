// Inline suppressions in drafts: HTML comments a Markdown or text draft
// carries so a line's claims are neither shown nor counted.
#ifndef CLAIMCHECK_CORPUS_SUPPRESSIONS_H_
#define CLAIMCHECK_CORPUS_SUPPRESSIONS_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace claimcheck::corpus {

/// Which lines of `text` are suppressed; index 0 is line 1, and lines past
/// the end of the vector are not. Directives, each in an HTML comment with
/// any spaces inside it:
///   <!-- claimcheck-disable-next-line -->   the line after the comment's line
///   <!-- claimcheck off --> … <!-- claimcheck on -->
///                                           every line from the one holding
///                                           `off` to the one holding `on`
///                                           (to the end without `on`)
std::vector<bool> SuppressedLines(std::string_view text);

}  // namespace claimcheck::corpus

#endif  // CLAIMCHECK_CORPUS_SUPPRESSIONS_H_
