#include "corpus/utf8.h"

#include <doctest/doctest.h>

#include <string>

namespace claimcheck::corpus {

TEST_CASE("FindInvalidUtf8 finds the first bad byte") {
  struct {
    std::string text;
    size_t expected;
  } cases[] = {
      {"", std::string::npos},
      {"plain ASCII", std::string::npos},
      {"caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80", std::string::npos},
      {"ab\xFF", 2},                      // never valid
      {"ab\xC3", 2},                      // truncated at the end
      {"\xC0\xAF", 0},                    // overlong '/'
      {"x\xED\xA0\x80", 1},               // surrogate U+D800
      {"\xF4\x90\x80\x80", 0},            // above U+10FFFF
      {"ok \xE2\x82 then", 3},            // truncated in the middle
      {"\x80 stray continuation", 0},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(FindInvalidUtf8(c.text) == c.expected);
  }
}

TEST_CASE("CountCodePoints counts characters, not bytes") {
  CHECK(CountCodePoints("") == 0);
  CHECK(CountCodePoints("abc") == 3);
  CHECK(CountCodePoints("\xE2\x80\x9Cx\xE2\x80\x9D") == 3);  // “x”
  CHECK(CountCodePoints("\xF0\x9F\x98\x80") == 1);
}

}  // namespace claimcheck::corpus
