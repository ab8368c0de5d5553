#include "rules/literal_filter.h"

#include <doctest/doctest.h>

namespace claimcheck::rules {

namespace {

std::vector<int> Picked(const LiteralFilter& f, std::string_view text) {
  std::vector<int> out;
  std::string err;
  REQUIRE(f.Pick(text, &out, &err));
  return out;
}

}  // namespace

TEST_CASE("rules are picked by the literal words their patterns need, in any case") {
  Rule between, killed, digits;
  between.id = "between";
  killed.id = "killed";
  digits.id = "digits";
  const std::vector<const Rule*> rules = {&between, &killed, &digits};
  const std::vector<std::string> patterns = {R"((?i)between \C* and \C*)",
                                             R"((?i)\d+ (?:people|soldiers) (?:were )?killed)",
                                             R"(\d{4}-\d\d)"};
  std::unique_ptr<LiteralFilter> f;
  std::string err;
  REQUIRE(LiteralFilter::Create(rules, patterns, &f, &err));
  // A rule that needs no literal is picked for every text.
  CHECK(f->Unfiltered() == std::vector<int>{2});
  CHECK(Picked(*f, "nothing here") == std::vector<int>{2});
  CHECK(Picked(*f, "BETWEEN 10 AND 15") == std::vector<int>{0, 2});
  // Both alternatives' words: "people" or "soldiers", and "killed".
  CHECK(Picked(*f, "5 Soldiers were killed") == std::vector<int>{1, 2});
  CHECK(Picked(*f, "5 soldiers were wounded") == std::vector<int>{2});
  // Picking only says "may match": "between" without "and" is not picked.
  CHECK(Picked(*f, "between us") == std::vector<int>{2});
  // Text with other bytes than ASCII is read by the RE2::Set, ASCII text by
  // the word automaton: the same picks, words inside longer words included.
  CHECK(Picked(*f, "Between them and 5 € — soldiers unkilledx") == std::vector<int>{0, 1, 2});
  CHECK(Picked(*f, "Between them and 5 $ - soldiers unkilledx") == std::vector<int>{0, 1, 2});
  CHECK(Picked(*f, "Betweenness and 5 € — soldiers killed") == std::vector<int>{1, 2});
  CHECK(Picked(*f, "Betweenness and 5 $ - soldiers killed") == std::vector<int>{1, 2});
  CHECK(Picked(*f, "5 PEOPLE KILLED é") == std::vector<int>{1, 2});
  CHECK(Picked(*f, "5 PEOPLE KILLED e") == std::vector<int>{1, 2});
  CHECK(Picked(*f, "5 PEOPLE KILLE") == std::vector<int>{2});
}

TEST_CASE("a pattern that does not compile names its rule") {
  Rule bad;
  bad.id = "bad";
  bad.loc = {"rules/en/t.toml", 3, 11};
  std::unique_ptr<LiteralFilter> f;
  std::string err;
  CHECK_FALSE(LiteralFilter::Create({&bad}, {"(x"}, &f, &err));
  CHECK(err == "rules/en/t.toml:3:11: rule 'bad': its pattern does not compile for the literal filter");
}

}  // namespace claimcheck::rules
