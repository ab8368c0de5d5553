#include "corpus/line_index.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "corpus/utf8.h"

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

TEST_CASE("LineIndex columns agree with a plain count on either side of a block's length") {
  // Lines that start mid-block and run past 4096 bytes, with multi-byte code
  // points on the boundaries: every offset's column is the line's own count.
  std::string text = "short line\n";
  for (int i = 0; i < 3000; ++i) text += "\xC3\xA9-";  // 6,000 bytes on one line
  text += "\n";
  for (int i = 0; i < 1500; ++i) text += "a\xE2\x82\xAC";  // a€: 4 bytes, 2 code points
  const LineIndex index(text);
  size_t line = 1, start = 0;
  for (size_t offset = 0; offset <= text.size(); ++offset) {
    if (offset > 0 && text[offset - 1] == '\n') {
      ++line;
      start = offset;
    }
    const Position p = index.At(text, offset);
    REQUIRE(p.line == line);
    REQUIRE(p.column == CountCodePoints(std::string_view(text).substr(start, offset - start)) + 1);
  }
}

}  // namespace claimcheck::corpus
