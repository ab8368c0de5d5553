// UTF-8 checks. Documents keep their bytes as read; these functions only look.
#ifndef CLAIMCHECK_CORPUS_UTF8_H_
#define CLAIMCHECK_CORPUS_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace claimcheck::corpus {

/// Byte offset of the first byte that does not begin a well-formed UTF-8
/// sequence (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF),
/// or std::string_view::npos when the whole text is valid.
size_t FindInvalidUtf8(std::string_view text);

/// Number of code points: bytes that are not continuation bytes. Stray
/// continuation bytes in invalid text are not counted; lead bytes are.
size_t CountCodePoints(std::string_view text);

}  // namespace claimcheck::corpus

#endif  // CLAIMCHECK_CORPUS_UTF8_H_
