#include "rules/span_groups.h"

#include <doctest/doctest.h>

#include <random>
#include <string>

namespace claimcheck::rules {

namespace {

std::string Folded(std::string_view pattern) {
  const DigitFold f = DigitBlocks(pattern);
  return std::string(f.begin(), f.end());
}

}  // namespace

TEST_CASE("a pattern's digit blocks: the digits each class and literal takes together") {
  CHECK(Folded(R"(\d+(?:\.\d+)?)") == "0000000000");
  // [1-9] parts 0 from the rest; a quantifier's digits are no literals.
  CHECK(Folded(R"([1-9]\d{1,3})") == "0111111111");
  CHECK(Folded(R"((?:19|20)\d\d)") == "0123333339");
  CHECK(Folded(R"(3[01]|[12]\d|0?[1-9])") == "0123444444");
  CHECK(Folded(R"([^0-4]x)") == "0000055555");
  // A group's name and a hex escape of no digit tell nothing; \x{35} is "5".
  CHECK(Folded(R"((?P<n3>\d)[ \x{202F}]\x{35})") == "0000050000");
  // Constructs not read here fold nothing.
  CHECK(Folded(R"(\p{Nd}+)") == "0123456789");
  CHECK(Folded(R"([[:digit:]]+)") == "0123456789");
  CHECK(Folded(R"(\Q1.5\E)") == "0123456789");
  CHECK(Folded(R"(\1)") == "0123456789");
  CHECK(Folded(R"([0-9)") == "0123456789");
}

TEST_CASE("groups read once per kind of span are the groups RE2 reads there") {
  const RE2 re(R"((?P<year>(?:19|20)\d\d)\b|(?P<lead>[1-9])(?P<rest>\d*)|(?P<zero>0\d*))");
  REQUIRE(re.ok());
  const DigitFold fold = DigitBlocks(re.pattern());
  const uint64_t owner = NewSpanGroupsOwner();
  const int n = re.NumberOfCapturingGroups() + 1;
  std::mt19937 rng(7);
  std::vector<re2::StringPiece> got;
  std::vector<re2::StringPiece> want(static_cast<size_t>(n));
  int checked = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = "n ";
    const int len = 1 + static_cast<int>(rng() % 5);
    for (int k = 0; k < len; ++k) text += static_cast<char>('0' + rng() % 10);
    text += rng() % 2 ? " x" : "9 ";
    const re2::StringPiece whole(text);
    if (!re.Match(whole, 0, text.size(), RE2::UNANCHORED, want.data(), n)) continue;
    const size_t start = want[0].data() - text.data();
    const size_t end = start + want[0].size();
    REQUIRE(SpanGroups(re, owner, 0, fold, text, start, end, &got));
    REQUIRE(got.size() == want.size());
    for (int g = 0; g < n; ++g) {
      INFO(text << " group " << g);
      CHECK(got[g].data() == want[g].data());
      CHECK(got[g].size() == want[g].size());
    }
    ++checked;
  }
  CHECK(checked > 2000);
  // A span the pattern does not match gives false, the second time too.
  const std::string none = "n x";
  CHECK_FALSE(SpanGroups(re, owner, 0, fold, none, 0, 1, &got));
  CHECK_FALSE(SpanGroups(re, owner, 0, fold, none, 0, 1, &got));
}

}  // namespace claimcheck::rules
