#include "corpus/line_index.h"

#include <doctest/doctest.h>

#include <string>

namespace claimcheck::corpus {

TEST_CASE("LineIndex maps byte offsets to 1-based line and code-point column") {
  const std::string text = "ab\n\xE2\x80\x9Cquoted\xE2\x80\x9D x\n\nlast";
  const LineIndex index(text);
  struct {
    size_t offset, line, column;
  } cases[] = {
      {0, 1, 1}, {1, 1, 2}, {2, 1, 3},  // the newline itself ends line 1
      {3, 2, 1},                        // “ starts line 2
      {6, 2, 2},                        // q after a 3-byte quote
      {12, 2, 8},                       // the closing ”
      {15, 2, 9}, {17, 2, 11},          // the space after it; the newline
      {18, 3, 1}, {19, 4, 1}, {22, 4, 4},
      {23, 4, 5}, {999, 4, 5},          // end and past the end clamp
  };
  for (const auto& c : cases) {
    CAPTURE(c.offset);
    const Position p = index.At(text, c.offset);
    CHECK(p.line == c.line);
    CHECK(p.column == c.column);
  }
  CHECK(index.line_count() == 4);
}

TEST_CASE("LineIndex stays right across its internal blocks on one long line") {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "\xC3\xA9-";  // é- : 3 bytes, 2 code points
  const LineIndex index(text);
  CHECK(index.At(text, 0).column == 1);
  CHECK(index.At(text, 3 * 4000).column == 2 * 4000 + 1);
  CHECK(index.At(text, text.size()).column == 2 * 5000 + 1);
  CHECK(index.At(text, text.size()).line == 1);
}

}  // namespace claimcheck::corpus
