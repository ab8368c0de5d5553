#include <doctest/doctest.h>

#include "report/display.h"

namespace claimcheck::report {

namespace {

// The rules' qualifiers as the CLI derives them (numbers.toml).
const QualifierBounds kBounds = {{"more than", {true, 1}}, {"over", {true, 1}},  {"at least", {true, 0}},
                                 {"up to", {false, 0}},    {"fewer than", {false, -1}}, {"nearly", {false, -1}}};

Evidence Ev(std::string text, std::string sentence, size_t column = 1) {
  Evidence e;
  e.text = std::move(text);
  e.sentence = std::move(sentence);
  e.column = column;
  return e;
}

}  // namespace

TEST_CASE("times read as people write them, never as TIMEX placeholders") {
  const struct {
    const char* timex;
    const char* words;
    const char* iso;
  } kCases[] = {
      {"2020-01-03", "3 January 2020", "2020-01-03"},
      {"2021-01-02TNI", "Saturday night, 2 January 2021", "2021-01-02"},
      {"2013-07-02TAF", "afternoon of 2 July 2013", "2013-07-02"},
      {"2013-07-02TMO", "morning of 2 July 2013", "2013-07-02"},
      {"2013-07-02T07:37Z", "07:37 UTC, 2 July 2013", "2013-07-02T07:37Z"},
      {"XXXX-WXX-3", "a Wednesday (date not given)", ""},
      {"XXXX-01-03", "3 January (year not given)", ""},
      {"XXXX-09", "September (year not given)", ""},
      {"2009-09", "September 2009", "2009-09"},
      {"2020", "2020", ""},
      {"201", "the 2010s", ""},
      {"2020-W05", "week 5 of 2020", "2020-W05"},
      {"2020-SU", "summer 2020", ""},
      {"2020-Q1", "the first quarter of 2020", ""},
      {"P5D", "5 days", ""},
      {"PT1H", "1 hour", ""},
      {"PRESENT_REF", "now", ""},
  };
  for (const auto& c : kCases) {
    CAPTURE(c.timex);
    CHECK(TimeInWords(c.timex) == c.words);
    CHECK(IsoBeside(c.timex) == c.iso);
  }
  CHECK(TimeForPeople("2021-01-02TNI") == "Saturday night, 2 January 2021 [2021-01-02]");
  CHECK(TimeForPeople("2020") == "2020");
  CHECK(TimeForPeople("XXXX-WXX-3") == "a Wednesday (date not given)");
  // Not a time: as it is.
  CHECK(TimeInWords("2020-13-01") == "2020-13-01");
  CHECK(TimeInWords("earthquake") == "earthquake");
}

TEST_CASE("counts print as stated, with the bound where it differs from the number") {
  CHECK(QuantityForPeople(Quantity{std::nullopt, 26001, std::nullopt, "more than"}, kBounds) ==
        "more than 26,000 (> 26,000)");
  CHECK(QuantityForPeople(Quantity{std::nullopt, 201, std::nullopt, "over"}, kBounds) == "over 200 (> 200)");
  CHECK(QuantityForPeople(Quantity{std::nullopt, 24, std::nullopt, "at least"}, kBounds) == "at least 24");
  CHECK(QuantityForPeople(Quantity{std::nullopt, 0, 30, "up to"}, kBounds) == "up to 30");
  CHECK(QuantityForPeople(Quantity{std::nullopt, 0, 9, "fewer than"}, kBounds) == "fewer than 10 (< 10)");
  CHECK(QuantityForPeople(Quantity{std::nullopt, 90, 99, "nearly"}, kBounds) == "nearly 100 (90–99)");
  CHECK(QuantityForPeople(Quantity{2500.0, 2250, 2750, "about"}, kBounds) == "about 2,500");
  CHECK(QuantityForPeople(Quantity{std::nullopt, 2000, 9999, "thousands"}, kBounds) == "thousands (2,000–9,999)");
  // Without the rules' bounds: the interval as it is.
  CHECK(QuantityForPeople(Quantity{std::nullopt, 26001, std::nullopt, "more than"}, {}) == "at least 26,001");
}

TEST_CASE("a finding's prose names values as people write them") {
  Claim a, b;
  a.value = Quantity{std::nullopt, 1001, std::nullopt, "more than"};
  a.as_of = {"2009-09", "2009-09-01", "2009-09-30", "sentence"};
  b.value = Time{"XXXX-01-03", "", "", "day"};
  const std::vector<const Claim*> claims = {&a, &b};
  CHECK(ProseForPeople("Deaths of quake: at least 1,001 (x.com, as of 2009-09)", claims, kBounds) ==
        "Deaths of quake: more than 1,000 (> 1,000) (x.com, as of September 2009 [2009-09])");
  CHECK(ProseForPeople("002 states no year (XXXX-01-03); the year 2020", claims, kBounds) ==
        "002 states no year (3 January (year not given)); the year 2020");
  // Only whole tokens: an id holding a date-like part stays.
  CHECK(ProseForPeople("fixtures/2020-01-03-report at least 1,0011", claims, kBounds) ==
        "fixtures/2020-01-03-report at least 1,0011");
}

TEST_CASE("a finding's words, worked out once, replace the longest printed form at each token") {
  // Printed forms sharing their first token ("at least 1,001", "at least
  // 2,999"; "about 2,500", "about (2,000–3,000)"), a number inside a longer
  // one, and the thousands of claims of one finding.
  Claim open, about, range, day;
  open.value = Quantity{std::nullopt, 1001, std::nullopt, "more than"};
  about.value = Quantity{2500.0, 2250, 2750, "about"};
  range.value = Quantity{std::nullopt, 2000, 3000, "about"};
  day.value = Time{"2020-01-03", "", "", "day"};
  day.as_of = {"2020-01-04", "2020-01-04", "2020-01-04", "document-date"};
  std::vector<Claim> many(2000, open);
  for (size_t i = 0; i < many.size(); ++i) {
    many[i].value = Quantity{std::nullopt, static_cast<int64_t>(2000 + i), std::nullopt, "over"};
  }
  std::vector<const Claim*> claims = {&open, &about, &range, &day};
  for (const Claim& c : many) claims.push_back(&c);
  const ProseWords words(claims, kBounds);
  const std::string text =
      "at least 1,001 vs about 2,500 vs about (2,000–3,000) vs 2,500 on 2020-01-03, as of 2020-01-04; "
      "at least 1,0011 and at least 2,999 (x.com)";
  CHECK(words.Apply(text) ==
        "more than 1,000 (> 1,000) vs about 2,500 vs about (2,000–3,000) vs 2,500 on 3 January 2020 "
        "[2020-01-03], as of 4 January 2020 [2020-01-04]; at least 1,0011 and over 2,998 (> 2,998) (x.com)");
  CHECK(words.Apply(text) == ProseForPeople(text, claims, kBounds));
  for (const char* t : {"", "at", " at least ", "(2020-01-03)", "at least 2,999."}) {
    CHECK(words.Apply(t) == ProseForPeople(t, claims, kBounds));
  }
}

TEST_CASE("quotes are whole words and keep the counted noun") {
  const Evidence cut = Ev("killed in a US drone strike near B",
                          "He was killed in a US drone strike near Baghdad airport.", 8);
  CHECK(QuoteText(cut) == "killed in a US drone strike near Baghdad");
  const Evidence other = Ev("killed Soleimani, Muhandis and eight other",
                            "The US killed Soleimani, Muhandis and eight other men.", 8);
  CHECK(QuoteText(other) == "killed Soleimani, Muhandis and eight other men");
  CHECK(QuoteText(Ev("killing at least five", "It struck, killing at least five people.", 12)) ==
        "killing at least five people");
  // A word that is not what the count counts stays out.
  CHECK(QuoteText(Ev("killing at least one", "It hit, killing at least one and injuring two.", 9)) ==
        "killing at least one");
  CHECK(QuoteText(Ev("killed 12", "Gunmen killed 12 on Tuesday.", 8)) == "killed 12");
  CHECK(QuoteText(Ev("24 dead", "24 dead in quake.")) == "24 dead");
  // Text the sentence does not hold: quoted as it is.
  CHECK(QuoteText(Ev("five dead", "Other words.")) == "five dead");
  const Evidence missing = Ev("five dead", "Other words.");
  CHECK_FALSE(QuoteOf(missing).has_value());
}

TEST_CASE("the quote sits at the claim's column, not at the first match of its text") {
  // "two people" twice; the claim is the second (column 33 on a line that
  // starts with this sentence).
  const std::string sentence = "First two people fled, and then two people died.";
  const size_t second = sentence.rfind("two people");
  const Evidence later = Ev("two people", sentence, second + 1);
  const auto q = QuoteOf(later);
  REQUIRE(q.has_value());
  CHECK(q->before == sentence.substr(0, second));
  const Evidence earlier = Ev("two people", sentence, sentence.find("two people") + 1);
  const auto first = QuoteOf(earlier);
  REQUIRE(first.has_value());
  CHECK(first->before == "First ");
}

}  // namespace claimcheck::report
