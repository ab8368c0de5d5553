#include "normalize/number.h"

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <utility>

namespace claimcheck::normalize {
namespace {

using Pairs = std::initializer_list<std::pair<const char*, const char*>>;

void Fill(rules::RuleSet* rules, const char* lexicon, Pairs entries) {
  for (const auto& [key, value] : entries) {
    rules->MutableLexicon(lexicon).Set(key, rules::LexEntry{value, {}});
  }
}

void AddBounds(rules::RuleSet* rules, const char* lexicon, const char* key,
               std::map<std::string, std::string> fields) {
  rules->MutableLexicon(lexicon).Set(key, rules::LexEntry{"", std::move(fields)});
}

// A small English table set, built here so the tests do not depend on the
// rule loader or on rules/en/numbers.toml.
rules::RuleSet EnglishNumbers() {
  rules::RuleSet r;
  Fill(&r, "number_units",
       {{"zero", "0"}, {"one", "1"}, {"two", "2"}, {"three", "3"}, {"four", "4"},
        {"five", "5"}, {"six", "6"}, {"seven", "7"}, {"eight", "8"}, {"nine", "9"},
        {"ten", "10"}});
  Fill(&r, "number_teens", {{"eleven", "11"}, {"twelve", "12"}, {"sixteen", "16"}});
  Fill(&r, "number_tens", {{"twenty", "20"}, {"thirty", "30"}, {"fifty", "50"}, {"sixty", "60"}});
  Fill(&r, "number_multipliers", {{"hundred", "100"}, {"dozen", "12"}, {"dozens", "12"}});
  Fill(&r, "number_scales",
       {{"thousand", "1000"}, {"million", "1000000"}, {"billion", "1000000000"},
        {"trillion", "1000000000000"}, {"lakh", "100000"}, {"crore", "10000000"}});
  Fill(&r, "number_suffixes", {{"k", "1000"}, {"m", "1000000"}, {"bn", "1000000000"}});
  Fill(&r, "number_fractions",
       {{"half", "1/2"}, {"quarter", "1/4"}, {"quarters", "1/4"}, {"third", "1/3"},
        {"thirds", "1/3"}, {"fifth", "1/5"}, {"fifths", "1/5"}, {"hundredths", "1/100"},
        {"firsts", "1/1"}});
  Fill(&r, "number_fraction_signs", {{"\xC2\xBD", "1/2"}, {"\xC2\xBE", "3/4"}});
  Fill(&r, "number_signs", {{"minus", "-1"}, {"negative", "-1"}});
  Fill(&r, "decimal_points", {{"point", ""}});
  Fill(&r, "ordinal_words",
       {{"first", "1"}, {"second", "2"}, {"third", "3"}, {"fifth", "5"}, {"twentieth", "20"},
        {"hundredth", "100"}, {"millionth", "1000000"}});
  Fill(&r, "ordinal_suffixes", {{"st", ""}, {"nd", ""}, {"rd", ""}, {"th", ""}});
  Fill(&r, "number_fillers", {{"and", "+"}, {"a", "1"}, {"an", "1"}, {"of", ""}});
  AddBounds(&r, "qualifiers", "about", {{"lo", "floor(0.9n)"}, {"hi", "ceil(1.1n)"}, {"point", "true"}});
  AddBounds(&r, "qualifiers", "at least", {{"lo", "n"}, {"hi", "inf"}});
  AddBounds(&r, "qualifiers", "more than", {{"lo", "n+1"}, {"hi", "inf"}});
  AddBounds(&r, "qualifiers", "up to", {{"lo", "0"}, {"hi", "n"}});
  AddBounds(&r, "qualifiers", "fewer than", {{"lo", "0"}, {"hi", "n-1"}});
  AddBounds(&r, "qualifiers", "nearly", {{"lo", "ceil(0.9n)"}, {"hi", "n-1"}});
  AddBounds(&r, "qualifiers", "broken", {{"lo", "sqrt(n)"}});
  AddBounds(&r, "vague_magnitudes", "dozens", {{"lo", "24"}, {"hi", "99"}});
  AddBounds(&r, "vague_magnitudes", "thousands", {{"lo", "2000"}, {"hi", "9999"}});
  AddBounds(&r, "vague_magnitudes", "tens of thousands", {{"lo", "20000"}, {"hi", "99999"}});
  AddBounds(&r, "vague_magnitudes", "millions", {{"lo", "2000000"}, {"hi", "inf"}});
  return r;
}

const rules::RuleSet& Rules() {
  static const rules::RuleSet rules = EnglishNumbers();
  return rules;
}

}  // namespace

TEST_CASE("ParseNumber reads cardinals exactly") {
  struct Case {
    const char* text;
    int64_t value;
  };
  const Case cases[] = {
      {"0", 0},
      {"192", 192},
      {"5,200", 5200},
      {"1,234,567", 1234567},
      {"1 234 567", 1234567},
      {"40\xE2\x80\xAF" "000", 40000},
      {"123456789101231", 123456789101231},
      {"1.5 million", 1500000},
      {"1,674.5 million", 1674500000},
      {"2.3bn", 2300000000},
      {"10k", 10000},
      {"$5m", 5000000},
      {"2 million", 2000000},
      {"322 hundred", 32200},
      {"1 trillion", 1000000000000},
      {"sixteen", 16},
      {"fifty-two", 52},
      {"fifty - two", 52},
      {"fifty   two", 52},
      {"Twenty-one", 21},
      {"one hundred and five", 105},
      {"one hundred and sixty-one", 161},
      {"hundred thousand", 100000},
      {"two hundred and two thousand", 202000},
      {"two  thousand  and  two hundred", 2200},
      {"twenty-one trillion and three hundred", 21000000000300},
      {"one million, two thousand", 1002000},
      {"4 thousand 3 hundred and 21", 4321},
      {"three lakh crore", 3000000000000},
      {"6 crore and two hundred", 60000200},
      {"a dozen", 12},
      {"two dozen", 24},
      {"3 dozens", 36},
      {"three hundred and two dozens", 324},
      {"half a dozen", 6},
      {"a million", 1000000},
      {"a hundred", 100},
      {"half a million", 500000},
      {"a quarter million", 250000},
      {"three quarters of a million", 750000},
      {"two and a half million", 2500000},
      {"one million and a half", 1500000},
      {"one billion and a half million", 1000500000},
      {"five billion and three quarters", 5750000000},
      {"two million and one half", 2500000},
      {"zero", 0},
      {"1e10", 10000000000},
      {"1.3e6", 1300000},
      {"12.32e+14", 1232000000000000},
  };
  for (const Case& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    auto parsed = ParseNumber(c.text, Rules());
    REQUIRE(parsed);
    CHECK(parsed->value == c.value);
    CHECK_FALSE(parsed->ordinal);
  }
}

TEST_CASE("ParseNumber reads ordinals") {
  struct Case {
    const char* text;
    int64_t value;
  };
  const Case cases[] = {
      {"first", 1},        {"second", 2},          {"3rd", 3},           {"21st", 21},
      {"100th", 100},      {"twenty-first", 21},   {"twentieth", 20},    {"one hundredth", 100},
      {"hundredth", 100},  {"two hundred and fifth", 205}, {"millionth", 1000000},
      {"third", 3},        {"twenty-third", 23},   {"one hundred and third", 103},
  };
  for (const Case& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    auto parsed = ParseNumber(c.text, Rules());
    REQUIRE(parsed);
    CHECK(parsed->value == c.value);
    CHECK(parsed->ordinal);
  }
}

TEST_CASE("ParseNumber refuses what is not a whole count") {
  for (std::string text :
       {"", "2.5", "a third", "one one", "twenty fifty", "fifty twenty-one", "4000 3", "1, 234",
        "-5", "- 10 k", "first two", "3.5th", "5 apples", "half", "1.2.3", "99999999999999999999",
        "9 trillion trillion", "and", "twenty 5", "sixteen seven", "twenty sixteen", "1.2e-1", "1e19"}) {
    CAPTURE(text);
    CHECK_FALSE(ParseNumber(text, Rules()));
  }
}

TEST_CASE("ParseValue reads numbers that are not whole counts") {
  struct Case {
    const char* text;
    double value;
    int64_t floor, ceil;
  };
  const Case cases[] = {
      {"2.5", 2.5, 2, 3},
      {".08", 0.08, 0, 1},
      {"4.800", 4.8, 4, 5},
      {"1,234.56", 1234.56, 1234, 1235},
      {"12,34,567.89", 1234567.89, 1234567, 1234568},
      {"-5", -5, -5, -5},
      {"\xE2\x88\x92" "2.5", -2.5, -3, -2},
      {"minus five", -5, -5, -5},
      {"negative one", -1, -1, -1},
      {"3/4", 0.75, 0, 1},
      {"-4/5", -0.8, -1, 0},
      {"2  1/4", 2.25, 2, 3},
      {"\xC2\xBD", 0.5, 0, 1},
      {"2\xC2\xBE", 2.75, 2, 3},
      {"a third", 1.0 / 3, 0, 1},
      {"two thirds", 2.0 / 3, 0, 1},
      {"one and a half", 1.5, 1, 2},
      {"twenty fifths", 4, 4, 4},
      {"twenty-one fifths", 4.2, 4, 5},
      {"one hundred and three quarters", 100.75, 100, 101},
      {"one hundred and thirty fifths", 26, 26, 26},
      {"one hundred thirty-fifths", 100.0 / 35, 2, 3},
      {"two and fifty hundredths", 2.5, 2, 3},
      {"twenty and three and two fifths", 23.4, 23, 24},
      {"one twenty-fifth", 0.04, 0, 1},
      {"three twenty-firsts", 3.0 / 21, 0, 1},
      {"a twenty-first", 1.0 / 21, 0, 1},
      {"one one hundred fifth", 1.0 / 105, 0, 1},
      {"two thirds of a million", 2000000.0 / 3, 666666, 666667},
      {"two hundred point zero three", 200.03, 200, 201},
      {"zero point eleven", 0.11, 0, 1},
      {"two hundred point fifty-one", 200.51, 200, 201},
      {"two point five million", 2500000, 2500000, 2500000},
      {"1.1^23", 8.954302432552373, 8, 9},
      {"2.5^-1", 0.4, 0, 1},
      {"-1.1^--23", -8.954302432552373, -9, -8},
      {"1.3x10^6", 1300000, 1300000, 1300000},
      {"6.23x10^-4", 0.000623, 0, 1},
      {"12.32e+14", 1232000000000000, 1232000000000000, 1232000000000000},
      {"-12e-1", -1.2, -2, -1},
  };
  for (const Case& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    auto parsed = ParseValue(c.text, Rules());
    REQUIRE(parsed);
    CHECK(parsed->value == doctest::Approx(c.value).epsilon(1e-12));
    CHECK(parsed->floor == c.floor);
    CHECK(parsed->ceil == c.ceil);
    CHECK_FALSE(parsed->ordinal);
    CHECK(parsed->whole() == (c.floor == c.ceil));
  }
}

TEST_CASE("ParseValue refuses what is no number") {
  for (std::string text : {"", "two and three", "two of three", "3 hundred and 2 hundred",
                           "1.2.3", "minus", "- first", "point five", "two point", "1e99",
                           "99999999999999999999999999999999999999999"}) {
    CAPTURE(text);
    CHECK_FALSE(ParseValue(text, Rules()));
  }
  // Counts stay whole and non-negative for ParseNumber.
  for (std::string text : {"2.5", "-5", "minus five", "a third", "3/4"}) {
    CAPTURE(text);
    CHECK_FALSE(ParseNumber(text, Rules()));
    CHECK(ParseValue(text, Rules()));
  }
}

TEST_CASE("ParseNumber takes suffixes only after digits") {
  CHECK(ParseNumber("10 k", Rules())->value == 10000);
  CHECK_FALSE(ParseNumber("ten k", Rules()));
  CHECK_FALSE(ParseNumber("k", Rules()));
  CHECK_FALSE(ParseNumber("5 rd", Rules()));
}

TEST_CASE("EvaluateBound is exact integer arithmetic") {
  struct Case {
    const char* expr;
    int64_t n;
    std::optional<int64_t> value;
  };
  const Case cases[] = {
      {"n", 2500, 2500},
      {"n+1", 2500, 2501},
      {"n-1", 2500, 2499},
      {"0", 2500, 0},
      {"inf", 2500, std::nullopt},
      {"floor(0.9n)", 2500, 2250},
      {"ceil(1.1n)", 2500, 2750},
      {"floor(0.9n)", 5200, 4680},
      {"ceil(1.1n)", 5200, 5720},
      {"floor(0.9n)", 15, 13},
      {"ceil(1.1n)", 15, 17},
      {"ceil(0.9n)", 15, 14},
      {"ceil(0.9n)", 100, 90},
      {"floor(0.9n)", 1, 0},
      {"ceil(1.1n)", 1, 2},
      {"ceil(1.1n)", 0, 0},
      {"floor(1/3n)", 10, 3},
      {" n + 2 ", 5, 7},
      {"2*n", 5, 10},
      {"ceil(1.1n)", 1000000000000, 1100000000000},
  };
  for (const Case& c : cases) {
    const std::string expr = c.expr;
    CAPTURE(expr);
    CAPTURE(c.n);
    std::optional<int64_t> out = -42;
    std::string err;
    REQUIRE(EvaluateBound(c.expr, c.n, &out, &err));
    CHECK(out == c.value);
  }
}

TEST_CASE("EvaluateBound rejects what it cannot evaluate exactly") {
  for (std::string expr : {"", "m", "sqrt(n)", "floor(0.9n", "0.9n", "n+x", "floor()"}) {
    CAPTURE(expr);
    std::optional<int64_t> out;
    std::string err;
    CHECK_FALSE(EvaluateBound(expr, 15, &out, &err));
    CHECK_FALSE(err.empty());
  }
}

TEST_CASE("NormalizeQuantity builds intervals from groups and fields") {
  using model::Quantity;
  struct Case {
    Groups groups;
    Fields fields;
    Quantity want;
    bool ordinal;
  };
  const Case cases[] = {
      {{{"num", "5,200"}}, {}, {5200, 5200, 5200, ""}, false},
      {{{"num", "2,500"}, {"qual", "About"}}, {}, {2500, 2250, 2750, "about"}, false},
      {{{"num", "10"}, {"qual", "at least"}}, {}, {std::nullopt, 10, std::nullopt, "at least"}, false},
      {{{"num", "a dozen"}, {"qual", "more  than"}}, {}, {std::nullopt, 13, std::nullopt, "more than"}, false},
      {{{"num", "40"}, {"qual", "up to"}}, {}, {std::nullopt, 0, 40, "up to"}, false},
      {{{"num", "40"}, {"qual", "fewer than"}}, {}, {std::nullopt, 0, 39, "fewer than"}, false},
      {{{"num", "100"}, {"qual", "nearly"}}, {}, {std::nullopt, 90, 99, "nearly"}, false},
      {{{"lo", "10"}, {"hi", "15"}}, {}, {std::nullopt, 10, 15, ""}, false},
      {{{"lo", "2"}, {"hi", "3 million"}}, {}, {std::nullopt, 2000000, 3000000, ""}, false},
      {{{"lo", "10"}, {"hi", "15bn"}}, {}, {std::nullopt, 10000000000, 15000000000, ""}, false},
      {{{"lo", "500"}, {"hi", "1 million"}}, {}, {std::nullopt, 500, 1000000, ""}, false},
      {{{"lo", "1.5"}, {"hi", "2 million"}}, {}, {std::nullopt, 1500000, 2000000, ""}, false},
      {{{"lo", "10"}, {"hi", "15"}, {"qual", "about"}}, {}, {std::nullopt, 9, 17, "about"}, false},
      {{{"vague", "Dozens"}}, {}, {std::nullopt, 24, 99, "dozens"}, false},
      {{{"vague", "tens of  thousands"}}, {}, {std::nullopt, 20000, 99999, "tens of thousands"}, false},
      {{{"vague", "millions"}}, {}, {std::nullopt, 2000000, std::nullopt, "millions"}, false},
      {{{"vague", "thousands"}, {"qual", "more than"}}, {}, {std::nullopt, 2001, std::nullopt, "more than"}, false},
      {{}, {{"value", "0"}}, {0, 0, 0, ""}, false},
      {{{"num", "5,000"}}, {{"qualifier", "more than"}}, {std::nullopt, 5001, std::nullopt, "more than"}, false},
      {{{"num", "10"}, {"qual", "more than"}, {"num2", "40"}, {"qual2", "fewer than"}}, {}, {std::nullopt, 11, 39, ""}, false},
      {{{"num", "100"}, {"qual", "up to"}, {"num2", "20"}, {"qual2", "at least"}}, {}, {std::nullopt, 20, 100, ""}, false},
      {{{"num", "twenty-first"}}, {}, {21, 21, 21, ""}, true},
      {{{"num", "3rd"}}, {}, {3, 3, 3, ""}, true},
      // Values that are not whole: the whole numbers around them, or those a
      // qualifier or range admits.
      {{{"num", "2.5"}}, {}, {2.5, 2, 3, ""}, false},
      {{{"num", "-2.5"}}, {}, {-2.5, -3, -2, ""}, false},
      {{{"num", "2.5"}, {"qual", "more than"}}, {}, {std::nullopt, 3, std::nullopt, "more than"}, false},
      {{{"num", "2.5"}, {"qual", "at least"}}, {}, {std::nullopt, 3, std::nullopt, "at least"}, false},
      {{{"num", "2.5"}, {"qual", "fewer than"}}, {}, {std::nullopt, 0, 2, "fewer than"}, false},
      {{{"num", "2.5"}, {"qual", "up to"}}, {}, {std::nullopt, 0, 2, "up to"}, false},
      {{{"num", "2.5"}, {"qual", "about"}}, {}, {2.5, 2, 3, "about"}, false},
      {{{"num", "2.5"}, {"qual", "nearly"}}, {}, {std::nullopt, 2, 3, "nearly"}, false},
      {{{"num", "half"}, {"qual", "more than"}}, {}, {std::nullopt, 1, std::nullopt, "more than"}, false},
      {{{"num", "2.5 million"}, {"qual", "more than"}}, {}, {std::nullopt, 2500001, std::nullopt, "more than"}, false},
      {{{"lo", "2.5"}, {"hi", "4.5"}}, {}, {std::nullopt, 3, 4, ""}, false},
      {{{"lo", "2.2"}, {"hi", "2.8"}}, {}, {std::nullopt, 2, 3, ""}, false},
      {{{"num", "1"}, {"den", "3"}}, {}, {1.0 / 3, 0, 1, ""}, false},
      {{{"num", "2000"}, {"den", "3"}}, {}, {2000.0 / 3, 666, 667, ""}, false},
      {{{"num", "2"}, {"exp", "3"}}, {}, {8, 8, 8, ""}, false},
      {{{"num", "10"}, {"exp", "minus two"}}, {}, {0.01, 0, 1, ""}, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.groups.begin()->second);
    Quantity q;
    bool ordinal = !c.ordinal;
    std::string err;
    REQUIRE_MESSAGE(NormalizeQuantity(c.groups, c.fields, Rules(), &q, &ordinal, &err), err);
    CHECK(q.point.has_value() == c.want.point.has_value());
    if (q.point && c.want.point) CHECK(*q.point == doctest::Approx(*c.want.point).epsilon(1e-12));
    CHECK(q.lo == c.want.lo);
    CHECK(q.hi == c.want.hi);
    CHECK(q.qualifier == c.want.qualifier);
    CHECK(ordinal == c.ordinal);
  }
}

TEST_CASE("NormalizeQuantity keeps a part of a whole below 1") {
  model::Quantity q;
  bool ordinal = false;
  std::string err;
  const Fields proper{{"proper", "true"}};
  CHECK(NormalizeQuantity({{"num", "1"}, {"den", "5"}}, proper, Rules(), &q, &ordinal, &err));
  CHECK(*q.point == doctest::Approx(0.2));
  CHECK(NormalizeQuantity({{"num", "-4"}, {"den", "5"}}, proper, Rules(), &q, &ordinal, &err));
  CHECK_FALSE(NormalizeQuantity({{"num", "12"}, {"den", "10"}}, proper, Rules(), &q, &ordinal, &err));
  CHECK(err == "not a part of a whole: 1.2");
}

TEST_CASE("NormalizeQuantity explains what it cannot read") {
  struct Case {
    Groups groups;
    const char* error;
  };
  const Case cases[] = {
      {{{"num", "2.5 apples"}}, "not a number: '2.5 apples'"},
      {{{"num", "5"}, {"qual", "roughly"}}, "not a qualifier in lexicon 'qualifiers': 'roughly'"},
      {{{"vague", "heaps"}}, "not a vague magnitude in lexicon 'vague_magnitudes': 'heaps'"},
      {{{"lo", "15"}, {"hi", "10"}}, "range does not rise: 15 to 10"},
      {{{"lo", "2.5"}, {"hi", "1.5"}}, "range does not rise: 2.5 to 1.5"},
      {{{"num", "-30"}, {"qual", "fewer than"}}, "bounds leave no value: [0, -31]"},
      {{{"lo", "5"}, {"hi", "5"}}, "range does not rise: 5 to 5"},
      {{{"num", "40"}, {"qual", "more than"}, {"num2", "10"}, {"qual2", "fewer than"}},
       "bounds leave no value: [41, 9]"},
      {{{"other", "5"}}, "number rule matched none of the groups num, lo+hi, vague (nor a 'value' field)"},
      {{{"num", "5"}, {"qual", "broken"}},
       "bad bound expression 'sqrt(n)' (expected n, n+1, n-1, 0, inf, floor(0.9n), ceil(1.1n))"},
  };
  for (const Case& c : cases) {
    model::Quantity q;
    bool ordinal = false;
    std::string err;
    CHECK_FALSE(NormalizeQuantity(c.groups, {}, Rules(), &q, &ordinal, &err));
    CHECK(err == c.error);
  }
}

}  // namespace claimcheck::normalize

namespace claimcheck::normalize {
namespace {

rules::RuleSet WithUnits() {
  rules::RuleSet r = EnglishNumbers();
  Fill(&r, "units", {{"per cent", "percent"}, {"%", "percent"}, {"$", "USD"}, {"km", "km"}});
  return r;
}

}  // namespace

TEST_CASE("QuantityUnit reads group unit, then unit_lo, then cur, then field unit") {
  const rules::RuleSet rules = WithUnits();
  CHECK(QuantityUnit({{"num", "45"}, {"unit", "Per  Cent"}}, {}, rules) == "percent");
  CHECK(QuantityUnit({{"num", "5"}, {"cur", "$ "}}, {}, rules) == "USD");
  CHECK(QuantityUnit({{"num", "5"}, {"cur", "$"}, {"unit", "%"}}, {}, rules) == "percent");
  CHECK(QuantityUnit({{"lo", "5"}, {"hi", "7"}, {"unit_lo", "km"}}, {}, rules) == "km");
  CHECK(QuantityUnit({{"num", "5"}, {"cur", "NZ$"}}, {}, rules) == "NZ$");  // kept as written
  CHECK(QuantityUnit({{"num", "3.1"}}, {{"unit", "inch"}}, rules) == "inch");
  CHECK(QuantityUnit({{"num", "3"}}, {}, rules).empty());
}

TEST_CASE("NormalizeQuantity: a range's ends must name one unit; a decimal comma is read") {
  const rules::RuleSet rules = WithUnits();
  model::Quantity q;
  bool ordinal = false;
  std::string err;
  CHECK(NormalizeQuantity({{"lo", "5"}, {"hi", "10"}, {"unit_lo", "km"}, {"unit", "km"}}, {},
                          rules, &q, &ordinal, &err));
  CHECK(q.lo == 5);
  CHECK(q.hi == 10);
  CHECK_FALSE(NormalizeQuantity({{"lo", "0.3"}, {"hi", "4.1"}, {"unit_lo", "km"}, {"unit", "%"}},
                                {}, rules, &q, &ordinal, &err));
  CHECK(err == "the ends of the range name different units");
  CHECK_FALSE(NormalizeQuantity({{"lo", "15"}, {"hi", "2300000"}, {"unit_lo", "per cent"}}, {},
                                rules, &q, &ordinal, &err));
  REQUIRE(NormalizeQuantity({{"num", "1.111,11"}}, {{"decimal_comma", "true"}}, rules, &q,
                            &ordinal, &err));
  CHECK(q.point == doctest::Approx(1111.11));
  CHECK(q.lo == 1111);
  CHECK(q.hi == 1112);
}

TEST_CASE("StatedFigure gives back the number a qualified bound was made from") {
  using model::Quantity;
  CHECK(StatedFigure(Quantity{14.0, 14, 14, ""}, Rules()) == 14);
  CHECK(StatedFigure(Quantity{std::nullopt, 1801, std::nullopt, "more than"}, Rules()) == 1800);
  CHECK(StatedFigure(Quantity{std::nullopt, 0, 10, "up to"}, Rules()) == 10);
  CHECK(StatedFigure(Quantity{std::nullopt, 7, std::nullopt, "at least"}, Rules()) == 7);
  CHECK(StatedFigure(Quantity{std::nullopt, 0, 9, "fewer than"}, Rules()) == 10);
  CHECK(StatedFigure(Quantity{std::nullopt, 90, 99, "nearly"}, Rules()) == 100);
  CHECK(StatedFigure(Quantity{std::nullopt, 3, 5, ""}, Rules()) == 3);
}

}  // namespace claimcheck::normalize
