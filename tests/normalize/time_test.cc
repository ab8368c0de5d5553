#include "normalize/time.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace claimcheck::normalize {

namespace {

// The word tables NormalizeTime reads, built here so the tests do not depend
// on the rule loader or on rules/en/time.toml.
rules::RuleSet MakeRules() {
  rules::RuleSet rules;
  auto set = [&](const char* lexicon, std::vector<std::pair<std::string, std::string>> entries) {
    rules::Lexicon& lex = rules.MutableLexicon(lexicon);
    for (auto& [key, value] : entries) lex.Set(key, rules::LexEntry{value, {}});
  };
  set("months", {{"january", "1"}, {"jan.", "1"}, {"february", "2"}, {"march", "3"}, {"may", "5"},
                 {"june", "6"}, {"september", "9"}, {"october", "10"}, {"december", "12"}});
  set("weekdays", {{"monday", "1"}, {"tuesday", "2"}, {"friday", "5"}, {"saturday", "6"}});
  set("seasons", {{"summer", "SU"}, {"winter", "WI"}});
  set("parts_of_day", {{"morning", "MO"}, {"afternoon", "AF"}, {"night", "NI"}});
  set("time_relatives", {{"last", "-1"}, {"this", "0"}, {"next", "1"}});
  set("time_parts", {{"early", "START"}, {"mid", "MID"}, {"late", "END"}});
  set("time_qualifiers", {{"about", "APPROX"}, {"less than", "LESS_THAN"},
                          {"more than", "MORE_THAN"}});
  set("time_units", {{"day", "D"}, {"week", "W"}, {"month", "M"}, {"quarter", "Q"},
                     {"year", "Y"}, {"decade", "DE"}, {"hours", "TH"}, {"weekend", "WE"}});
  rules::Lexicon& units = rules.MutableLexicon("time_units");
  units.Set("days", rules::LexEntry{"", {{"unit", "D"}, {"plural", "true"}}});
  units.Set("years", rules::LexEntry{"", {{"unit", "Y"}, {"plural", "true"}}});
  units.Set("decades", rules::LexEntry{"", {{"unit", "DE"}, {"plural", "true"}}});
  units.Set("fortnight", rules::LexEntry{"", {{"unit", "W"}, {"factor", "2"}}});
  rules::Lexicon& dirs = rules.MutableLexicon("time_directions");
  dirs.Set("ago", rules::LexEntry{"", {{"sign", "-1"}}});
  dirs.Set("from now", rules::LexEntry{"", {{"sign", "1"}}});
  dirs.Set("later", rules::LexEntry{"", {{"relation", "after"}}});
  dirs.Set("after", rules::LexEntry{"", {{"relation", "after"}}});
  dirs.Set("before", rules::LexEntry{"", {{"relation", "before"}}});
  set("time_counts", {{"a", "1"}, {"several", "X"}});
  set("time_fractions", {{"and a half", "0.5"}});
  set("time_ordinals", {{"first", "1"}, {"second", "2"}, {"third", "3"}, {"fourth", "4"}, {"nineteenth", "19"}});
  set("number_units", {{"two", "2"}, {"five", "5"}});
  set("number_tens", {{"twenty", "20"}});
  set("decade_words", {{"nineties", "90"}});
  set("ampm", {{"a.m.", "0"}, {"p.m.", "12"}});
  set("time_zones", {{"utc", "Z"}});
  set("future_markers", {{"will", "true"}, {"'ll", "true"}, {"going to", "true"}});
  set("past_markers", {{"said", "true"}, {"was", "true"}});
  set("past_suffixes", {{"ed", "true"}, {"eed", "false"}});
  set("participle_auxiliaries", {{"be", "true"}, {"been", "true"}, {"has", "true"}});
  set("forward_prepositions", {{"until", "true"}, {"through", "true"}});
  set("reporting_verbs", {{"said", "any"}, {"announced", "that"}});
  set("complement_openers", {{"the", "true"}, {"that", "true"}});
  set("day_offsets", {{"today", "0"}, {"tomorrow", "1"}, {"yesterday", "-1"}});
  rules::Lexicon& holidays = rules.MutableLexicon("holidays");
  holidays.Set("christmas", rules::LexEntry{"", {{"month", "12"}, {"day", "25"}}});
  holidays.Set("easter", rules::LexEntry{"", {{"easter", "0"}}});
  holidays.Set("thanksgiving", rules::LexEntry{"", {{"month", "11"}, {"weekday", "4"}, {"nth", "4"}}});
  holidays.Set("memorial day", rules::LexEntry{"", {{"month", "5"}, {"weekday", "1"}, {"nth", "-1"}}});
  holidays.Set("black friday",
               rules::LexEntry{"", {{"month", "11"}, {"weekday", "4"}, {"nth", "4"}, {"offset", "1"}}});
  return rules;
}

const rules::RuleSet& Rules() {
  static const rules::RuleSet rules = MakeRules();
  return rules;
}

struct Case {
  Groups groups;
  Fields fields;
  const char* ref;  // document date, "" for none
  const char* timex;
  const char* type = "date";
  const char* mod = "";
  const char* sentence = "";
};

TimeValue Run(const Case& c) {
  MatchContext context;
  if (*c.ref) context.reference = ParseIsoDate(c.ref);
  context.sentence = c.sentence;
  const std::string_view s = c.sentence;
  // The match sits where the sentence says "<>" (or at its end).
  const size_t at = s.find("<>");
  context.start = at == std::string_view::npos ? s.size() : at;
  context.end = at == std::string_view::npos ? s.size() : at + 2;
  TimeValue out;
  std::string err;
  const bool ok = NormalizeTime(c.groups, c.fields, Rules(), context, &out, &err);
  INFO("err: " << err);
  CHECK(ok);
  return out;
}

void CheckCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    const TimeValue v = Run(c);
    INFO("expected " << std::string(c.timex) << " for ref " << std::string(c.ref) << ", sentence '"
                     << std::string(c.sentence) << "'");
    CHECK(v.timex == c.timex);
    CHECK(v.type == c.type);
    CHECK(v.mod == c.mod);
  }
}

}  // namespace

TEST_CASE("NormalizeTime: calendar dates keep their granularity") {
  CheckCases({
      {{{"year", "2020"}, {"month", "January"}, {"day", "3"}}, {}, "", "2020-01-03"},
      {{{"year", "2020"}, {"month", "Jan."}, {"day", "3rd"}}, {}, "2021-06-01", "2020-01-03"},
      {{{"year", "2020"}, {"month", "June"}}, {}, "", "2020-06"},
      {{{"year", "2003"}}, {}, "", "2003"},
      {{{"year", "2011"}, {"part", "mid"}}, {}, "", "2011", "date", "MID"},
      {{{"decade", "1990"}}, {}, "", "199"},
      {{{"decade", "90"}}, {}, "2020-01-01", "199"},
      {{{"decade_2", "nineties"}}, {}, "2020-01-01", "199"},
      {{{"century", "19th"}}, {}, "", "18"},
      {{{"century", "nineteenth"}}, {}, "", "18"},
      {{{"season", "summer"}, {"year", "2020"}}, {}, "", "2020-SU"},
      {{{"quarter", "third"}, {"year", "2009"}}, {}, "", "2009-Q3"},
      {{{"quarter_2", "3"}, {"yrel", "last"}}, {}, "2010-02-01", "2009-Q3"},
      {{{"half", "second"}, {"year", "2020"}}, {}, "", "2020-H2"},
      {{{"yy", "82"}}, {}, "2008-10-27", "1982"},
  });
}

TEST_CASE("NormalizeTime: a date without a year takes it from the document date and tense") {
  CheckCases({
      // No document date: never guess.
      {{{"month", "January"}, {"day", "3"}}, {}, "", "XXXX-01-03"},
      {{{"month", "March"}}, {}, "", "XXXX-03"},
      // On or before the document date in the past tense.
      {{{"month", "January"}, {"day", "3"}}, {}, "2020-01-24", "2020-01-03"},
      {{{"month", "December"}, {"day", "30"}}, {}, "2020-01-24", "2019-12-30"},
      {{{"month", "June"}, {"day", "3"}}, {}, "2009-05-14", "2008-06-03", "date", "",
       "He was arrested on <>."},
      // The future tense looks ahead.
      {{{"month", "March"}, {"day", "5"}}, {}, "2020-06-01", "2021-03-05", "date", "",
       "The vote will be held on <>."},
      // Without tense, the nearest.
      {{{"month", "June"}, {"day", "3"}}, {}, "2009-05-14", "2009-06-03", "date", "",
       "A <> hearing has been scheduled."},
      {{{"month", "December"}}, {}, "2010-02-02", "2009-12"},
      {{{"month", "October"}}, {}, "2009-06-05", "2008-10", "date", "", "In <>, sales was flat."},
      // A weekday beside the date picks the year where it falls on that day.
      {{{"weekday", "Friday"}, {"month", "January"}, {"day", "3"}}, {}, "2021-06-01", "2020-01-03"},
      {{{"month", "September"}, {"rel", "last"}}, {}, "2010-03-01", "2009-09"},
      {{{"quarter", "fourth"}}, {}, "2007-02-01", "2006-Q4"},
      {{{"season", "summer"}, {"rel", "last"}}, {}, "2020-07-01", "2019-SU"},
      {{{"season", "winter"}}, {}, "2009-01-10", "2008-WI"},
  });
}

TEST_CASE("NormalizeTime: weekdays resolve to the latest, or the next in the future tense") {
  CheckCases({
      {{{"weekday", "Saturday"}}, {}, "2022-01-03", "2022-01-01"},
      {{{"weekday", "Monday"}}, {}, "2022-01-03", "2022-01-03"},
      {{{"weekday", "Tuesday"}}, {}, "2022-01-03", "2022-01-04", "date", "",
       "They will meet on <>."},
      {{{"weekday", "Tuesday"}}, {}, "2022-01-03", "2022-01-04", "date", "",
       "They'll meet on <>."},
      // The nearest marker wins: "said" is nearer than "will".
      {{{"weekday", "Friday"}}, {}, "2022-01-03", "2021-12-31", "date", "",
       "He will resign, an aide said <>."},
      {{{"weekday", "Friday"}, {"rel", "last"}}, {}, "2020-01-06", "2020-01-03"},
      {{{"weekday", "Friday"}, {"rel", "last"}}, {}, "2020-01-03", "2019-12-27"},
      {{{"weekday", "Tuesday"}, {"rel", "next"}}, {}, "2020-01-06", "2020-01-07"},
      {{{"weekday", "Saturday"}, {"tod", "night"}}, {}, "2022-01-03", "2022-01-01TNI", "time"},
      {{{"weekday", "Monday"}}, {}, "", "XXXX-WXX-1"},
  });
}

TEST_CASE("NormalizeTime: expressions relative to the document date") {
  CheckCases({
      {{}, {{"offset", "-1"}, {"unit", "D"}}, "2020-01-01", "2019-12-31"},
      {{}, {{"offset", "0"}, {"unit", "D"}}, "2020-01-01", "2020-01-01"},
      {{}, {{"offset", "0"}, {"unit", "D"}}, "", "XXXX-XX-XX"},
      {{}, {{"offset", "0"}, {"unit", "D"}, {"tod", "NI"}}, "2020-01-05", "2020-01-05TNI", "time"},
      {{{"tod", "morning"}}, {{"offset", "-1"}, {"unit", "D"}}, "2011-10-06", "2011-10-05TMO",
       "time"},
      {{{"rel", "last"}, {"unit", "week"}}, {}, "2020-01-08", "2020-W01"},
      {{{"rel", "this"}, {"unit", "week"}}, {}, "2021-01-03", "2020-W53"},
      {{{"rel", "next"}, {"unit", "month"}}, {}, "2011-12-10", "2012-01"},
      {{{"rel", "last"}, {"unit", "year"}}, {}, "2010-03-01", "2009"},
      {{{"rel", "last"}, {"unit", "year"}}, {}, "", "XXXX"},
      {{{"rel", "last"}, {"unit", "quarter"}}, {}, "2007-02-01", "2006-Q4"},
      {{{"rel", "this"}, {"unit", "weekend"}}, {}, "2010-01-27", "2010-W04-WE"},
      {{{"rel", "this"}, {"unit", "decade"}}, {}, "2020-02-01", "202"},
      {{{"rel", "last"}, {"unit", "year"}, {"part", "late"}}, {}, "2009-02-01", "2008", "date",
       "END"},
      {{}, {{"unit", "WE"}}, "2008-10-13", "2008-W41-WE"},
      {{{"count", "two"}, {"unit", "days"}, {"dir", "ago"}}, {}, "2020-01-05", "2020-01-03"},
      {{{"count", "a"}, {"unit", "week"}, {"dir", "ago"}}, {}, "2011-03-18", "2011-03-11"},
      {{{"count", "5"}, {"unit", "years"}, {"dir", "ago"}}, {}, "2011-03-18", "2006"},
      {{{"count", "several"}, {"unit", "years"}, {"dir", "ago"}}, {}, "2011-03-18", "PAST_REF"},
      {{{"count", "two"}, {"unit", "years"}, {"dir", "from now"}}, {}, "2011-03-18", "2013"},
      {{{"count", "two"}, {"unit", "days"}}, {{"sign", "1"}}, "2020-01-05", "2020-01-07"},
      {{{"count", "two"}, {"unit", "days"}, {"dir", "ago"}}, {}, "", "XXXX-XX-XX"},
  });
}

TEST_CASE("NormalizeTime: times of day") {
  CheckCases({
      {{{"hour", "3"}, {"ampm", "p.m."}}, {}, "2020-01-03", "2020-01-03T15:00", "time"},
      {{{"hour", "3"}, {"ampm", "p.m."}}, {}, "", "XXXX-XX-XXT15:00", "time"},
      {{{"hour", "12"}, {"ampm", "a.m."}}, {}, "2020-01-03", "2020-01-03T00:00", "time"},
      {{{"hour", "10"}, {"minute", "30"}, {"ampm", "a.m."}}, {}, "2020-01-03", "2020-01-03T10:30",
       "time"},
      {{{"hour", "18"}, {"minute", "00"}, {"zone", "UTC"}}, {}, "2009-12-15", "2009-12-15T18:00Z",
       "time"},
      {{{"hour", "3"}, {"ampm", "p.m."}, {"weekday", "Friday"}}, {}, "2020-01-06",
       "2020-01-03T15:00", "time"},
      {{}, {{"hour", "12"}}, "2020-01-03", "2020-01-03T12:00", "time"},
  });
}

TEST_CASE("NormalizeTime: durations, ages and generic references") {
  CheckCases({
      {{{"count", "five"}, {"unit", "days"}}, {}, "", "P5D", "duration"},
      {{{"count", "a"}, {"unit", "year"}}, {}, "", "P1Y", "duration"},
      {{{"count", "48"}, {"unit", "hours"}}, {}, "", "PT48H", "duration"},
      {{{"count", "several"}, {"unit", "years"}}, {}, "", "PXY", "duration"},
      {{{"unit", "years"}}, {}, "", "PXY", "duration"},
      {{{"unit", "decades"}}, {}, "", "PXDE", "duration"},
      {{{"count", "two"}, {"unit", "decades"}}, {}, "", "P20Y", "duration"},
      {{{"count", "a"}, {"unit", "fortnight"}}, {}, "", "P2W", "duration"},
      {{{"count", "27"}, {"unit", "year"}}, {}, "", "P27Y", "duration"},
      {{{"count", "twenty-five"}, {"unit", "years"}}, {}, "", "P25Y", "duration"},
      {{{"count", "two"}, {"frac", "and a half"}, {"unit", "years"}}, {}, "", "P2.5Y", "duration"},
      {{{"count", "a"}, {"unit", "month"}, {"qual", "less than"}}, {}, "", "P1M", "duration",
       "LESS_THAN"},
      {{{"count", "two"}, {"unit", "years"}, {"qual", "more than"}}, {}, "", "P2Y", "duration",
       "MORE_THAN"},
      {{{"count", "46"}}, {{"unit", "Y"}}, "", "P46Y", "duration"},
      {{{"count_2", "2"}, {"unit_2", "years"}}, {}, "", "P2Y", "duration"},
      {{}, {{"value", "PRESENT_REF"}}, "", "PRESENT_REF"},
      {{}, {{"value", "PAST_REF"}}, "2020-01-01", "PAST_REF"},
  });
}

TEST_CASE("NormalizeTime: sets") {
  CheckCases({
      {{}, {{"type", "set"}, {"value", "P1Y"}}, "", "P1Y", "set"},
      {{{"weekday", "Monday"}}, {{"type", "set"}}, "", "XXXX-WXX-1", "set"},
      {{{"count", "two"}, {"unit", "week"}}, {{"type", "set"}}, "", "P2W", "set"},
      {{{"unit", "day"}}, {{"type", "set"}}, "", "P1D", "set"},
  });
}

TEST_CASE("NormalizeTime: numeric dates follow numeric_date_order") {
  CheckCases({
      {{{"n1", "01"}, {"n2", "03"}, {"n3", "2020"}}, {}, "", "2020-01-03"},
      {{{"n1", "18"}, {"n2", "3"}, {"n3", "2020"}}, {}, "", "2020-03-18"},  // 18 is no month
      {{{"n1", "03"}, {"n2", "18"}, {"n3", "40"}}, {}, "2016-11-07", "1940-03-18"},
      {{{"n1", "03"}, {"n2", "18"}, {"n3", "20"}}, {}, "2016-11-07", "2020-03-18"},
      {{{"n1", "2020"}, {"n2", "01"}, {"n3", "03"}}, {}, "", "2020-01-03"},
  });
  rules::RuleSet dmy = MakeRules();
  dmy.SetSetting("numeric_date_order", "dmy");
  MatchContext context;
  TimeValue out;
  std::string err;
  REQUIRE(NormalizeTime({{"n1", "01"}, {"n2", "03"}, {"n3", "2020"}}, {}, dmy, context, &out, &err));
  CHECK(out.timex == "2020-03-01");
}

TEST_CASE("NormalizeTime: event-anchored expressions wait for their event") {
  struct AnchorCase {
    Groups groups;
    Fields fields;
    Anchor anchor;
  };
  const std::vector<AnchorCase> cases = {
      {{{"count", "two"}, {"unit", "days"}, {"dir", "later"}}, {}, {"after", "P2D", 0, ""}},
      {{{"count", "five"}, {"unit", "days"}, {"dir_2", "after"}, {"event", "his killing"}},
       {},
       {"after", "P5D", 0, "his killing"}},
      {{{"count", "a"}, {"unit", "day"}, {"dir", "before"}}, {}, {"before", "P1D", 0, ""}},
      {{{"dir", "later"}, {"unit", "day"}}, {}, {"after", "P1D", 0, ""}},
      {{{"ord", "second"}, {"event", "the killing"}},
       {{"anchor", "anniversary"}},
       {"anniversary", "", 2, "the killing"}},
      {{{"unit", "day"}}, {{"anchor", "same"}}, {"same", "", 0, ""}},
  };
  for (const AnchorCase& c : cases) {
    MatchContext context;
    context.reference = CivilDate{2022, 1, 3};
    TimeValue out;
    std::string err;
    REQUIRE(NormalizeTime(c.groups, c.fields, Rules(), context, &out, &err));
    CHECK(out.type == "date");
    CHECK(out.timex == "XXXX-XX-XX");
    REQUIRE(out.anchor);
    CHECK(*out.anchor == c.anchor);
  }
}

TEST_CASE("NormalizeTime: reports groups it cannot read") {
  MatchContext context;
  TimeValue out;
  std::string err;
  CHECK_FALSE(NormalizeTime({{"month", "February"}, {"day", "30"}, {"year", "2020"}}, {}, Rules(),
                            context, &out, &err));
  CHECK(err.find("not a date") != std::string::npos);
  CHECK_FALSE(NormalizeTime({{"month", "Smarch"}}, {}, Rules(), context, &out, &err));
  CHECK_FALSE(NormalizeTime({{"n1", "13"}, {"n2", "13"}, {"n3", "2020"}}, {}, Rules(), context,
                            &out, &err));
  CHECK_FALSE(NormalizeTime({{"hour", "13"}, {"ampm", "p.m."}}, {}, Rules(), context, &out, &err));
}

TEST_CASE("TimexBounds gives inclusive calendar days") {
  struct BoundsCase {
    const char* timex;
    CivilDate lo;
    CivilDate hi;
  };
  const std::vector<BoundsCase> cases = {
      {"2020-01-03", {2020, 1, 3}, {2020, 1, 3}},
      {"2020-01-03TNI", {2020, 1, 3}, {2020, 1, 3}},
      {"2020-01-03T15:00", {2020, 1, 3}, {2020, 1, 3}},
      {"2020-02", {2020, 2, 1}, {2020, 2, 29}},
      {"2020", {2020, 1, 1}, {2020, 12, 31}},
      {"199", {1990, 1, 1}, {1999, 12, 31}},
      {"19", {1900, 1, 1}, {1999, 12, 31}},
      {"2020-W02", {2020, 1, 6}, {2020, 1, 12}},
      {"2020-W01", {2019, 12, 30}, {2020, 1, 5}},
      {"2020-W53", {2020, 12, 28}, {2021, 1, 3}},
      {"2010-W04-WE", {2010, 1, 30}, {2010, 1, 31}},
      {"2020-W02-3", {2020, 1, 8}, {2020, 1, 8}},
      {"2020-Q1", {2020, 1, 1}, {2020, 3, 31}},
      {"2020-Q4", {2020, 10, 1}, {2020, 12, 31}},
      {"2020-H2", {2020, 7, 1}, {2020, 12, 31}},
      {"2020-SU", {2020, 6, 1}, {2020, 8, 31}},
      {"2020-WI", {2020, 12, 1}, {2021, 2, 28}},
  };
  for (const BoundsCase& c : cases) {
    INFO(std::string(c.timex));
    const std::optional<DayRange> r = TimexBounds(c.timex);
    REQUIRE(r);
    CHECK(r->lo == c.lo);
    CHECK(r->hi == c.hi);
  }
  for (const char* none : {"XXXX-01-03", "P5D", "PRESENT_REF", "2020-13", "2020-02-30",
                           "2020-W54", "2020-Q5", "", "20x0", "XXXX-WXX-1"}) {
    INFO(std::string(none));
    CHECK_FALSE(TimexBounds(none));
  }
}

}  // namespace claimcheck::normalize

namespace claimcheck::normalize {

TEST_CASE("NormalizeTime: a past form by its suffix sets the tense") {
  CheckCases({
      // "admitted" ends in a past suffix: the latest Thursday, not the next.
      {{{"weekday", "friday"}}, {}, "2006-01-27", "2006-01-27", "date", "", "GM admitted <> that it could grow."},
      {{{"month", "October"}}, {}, "2009-06-05", "2008-10", "date", "", "In <>, sales dropped."},
  });
}

TEST_CASE("NormalizeTime: direction comes from the clause, not the reporting verb") {
  CheckCases({
      // "said the …" opens a clause: its past does not make the clause past.
      {{{"month", "May"}}, {}, "2019-06-15", "2020-05", "date", "",
       "The company said the pilot runs through <>."},
      {{{"month", "March"}}, {}, "2019-08-01", "2020-03", "date", "",
       "Officials said the summit in <> will be held in Paris."},
      // Reading on after the date: "were" is past.
      {{{"month", "March"}}, {}, "2019-08-01", "2019-03", "date", "",
       "Officials said the talks in <> were productive."},
      // "said on …" times the saying; "announced the deal" is an object, not a clause.
      {{{"month", "March"}}, {}, "2019-08-01", "2019-03", "date", "", "He said in <> that it grows."},
      {{{"month", "March"}}, {}, "2019-08-01", "2019-03", "date", "",
       "The firm announced the deal in <>."},
      {{{"month", "March"}}, {}, "2019-08-01", "2020-03", "date", "",
       "The firm announced that the plant stays closed until <>."},
      // A past form inside the clause still leads it.
      {{{"month", "May"}}, {}, "2019-06-15", "2019-05", "date", "",
       "The company said the pilot was extended through <>."},
  });
}

TEST_CASE("NormalizeTime: holidays") {
  CheckCases({
      {{{"holiday", "easter"}, {"year", "2018"}}, {}, "", "2018-04-01"},
      {{{"holiday", "easter"}, {"year", "2019"}}, {}, "", "2019-04-21"},
      {{{"holiday", "thanksgiving"}, {"year", "2023"}}, {}, "", "2023-11-23"},
      {{{"holiday", "memorial day"}, {"year", "2021"}}, {}, "", "2021-05-31"},
      {{{"holiday", "black friday"}, {"year", "2010"}}, {}, "", "2010-11-26"},
      {{{"holiday", "christmas"}}, {}, "", "XXXX-12-25"},
      {{{"holiday", "christmas"}}, {}, "2020-01-10", "2019-12-25", "date", "", "He was freed on <>."},
      {{{"holiday", "christmas"}}, {}, "2020-01-10", "2020-12-25", "date", "", "He will be freed by <>."},
      {{{"holiday", "easter"}, {"rel", "last"}}, {}, "2019-04-10", "2018-04-01"},
      {{{"holiday", "easter"}, {"rel", "next"}}, {}, "2019-04-10", "2019-04-21"},
      // The weekend nearest the holiday.
      {{{"holiday", "thanksgiving"}, {"year", "2023"}}, {{"containing", "WE"}}, "", "2023-W47-WE"},
  });
}

TEST_CASE("NormalizeTime: weeks, months and days counted within a period") {
  CheckCases({
      // Weeks belong to the month whose Thursday they hold.
      {{{"nth", "3rd"}, {"month", "January"}, {"year", "2019"}}, {{"of", "M"}, {"unit", "W"}}, "", "2019-W03"},
      {{{"nth", "first"}, {"month", "January"}, {"year", "2015"}}, {{"of", "M"}, {"unit", "W"}}, "", "2015-W01"},
      {{{"nth_last", "last"}, {"month", "December"}, {"year", "2016"}}, {{"of", "M"}, {"unit", "W"}}, "", "2016-W52"},
      {{{"nth_last", "last"}, {"year", "2016"}}, {{"of", "Y"}, {"unit", "W"}}, "", "2016-W52"},
      {{{"nth", "27"}, {"yrel", "last"}}, {{"of", "Y"}, {"unit", "W"}}, "2018-07-01", "2017-W27"},
      {{{"nth", "third"}, {"year", "2021"}}, {{"of", "Y"}, {"unit", "M"}}, "", "2021-03"},
      {{{"nth", "15th"}, {"crel", "next"}}, {{"of", "M"}, {"unit", "D"}}, "2020-07-10", "2020-08-15"},
      {{{"nth", "twenty-third"}, {"month", "September"}}, {{"of", "M"}, {"unit", "D"}}, "2020-07-10", "2020-09-23"},
  });
}

TEST_CASE("NormalizeTime: days of the month, weekdays of relative weeks, the week of a day") {
  CheckCases({
      {{{"day", "18th"}}, {}, "2018-08-07", "2018-08-18", "date", "", "set something up on <>."},
      {{{"day", "18th"}}, {}, "2018-08-07", "2018-07-18", "date", "", "It was signed on <>."},
      {{{"day", "13th"}, {"weekday", "monday"}}, {}, "2022-07-01", "2022-06-13", "date", "", "He died on <>."},
      {{{"day", "13th"}, {"weekday", "monday"}}, {}, "", "XXXX-WXX-1"},
      {{{"weekday", "tuesday"}, {"wrel", "next"}}, {}, "2019-07-31", "2019-08-06"},
      {{{"weekday", "tuesday"}, {"wrel", "last"}}, {}, "2019-07-31", "2019-07-23"},
      {{{"month", "June"}, {"day", "10th"}, {"year", "2018"}}, {{"containing", "W"}}, "", "2018-W23"},
  });
}

TEST_CASE("NormalizeTime: a count of units from a written date") {
  CheckCases({
      {{{"count", "3"}, {"unit", "day"}, {"dir", "after"}, {"month", "January"}, {"day", "12th"}}, {}, "2016-11-07",
       "2017-01-15"},
      {{{"count", "two"}, {"unit", "day"}, {"dir", "before"}, {"dayrel", "yesterday"}}, {}, "2018-05-30", "2018-05-27"},
      {{{"count", "a"}, {"unit", "month"}, {"dir", "after"}, {"holiday", "christmas"}, {"year", "2019"}}, {}, "",
       "2020-01-25"},
      // Without a date of its own it waits for its event.
      {{{"count", "two"}, {"unit", "day"}, {"dir", "later"}}, {}, "2018-05-30", "XXXX-XX-XX"},
  });
}

TEST_CASE("NormalizeTime: year-months, fiscal years, durations in parts") {
  CheckCases({
      {{{"n1", "2015"}, {"n2", "12"}}, {}, "", "2015-12"},
      {{{"year", "2008"}}, {{"prefix", "FY"}}, "", "FY2008"},
      {{{"rel", "last"}}, {{"prefix", "FY"}, {"unit", "Y"}}, "2019-02-01", "FY2018"},
      {{{"count", "1"}, {"unit", "hours"}, {"count2", "30"}, {"unit2", "TM"}}, {{"type", "duration"}}, "", "PT1H30M",
       "duration"},
      {{{"count", "2"}, {"unit", "years"}, {"count2", "1"}, {"unit2", "month"}, {"count3", "21"}, {"unit3", "days"}},
       {{"type", "duration"}}, "", "P2Y1M21D", "duration"},
  });
  // "2011-12" is a span of years, not December.
  MatchContext context;
  TimeValue out;
  std::string err;
  CHECK_FALSE(NormalizeTime({{"n1", "2011"}, {"n2", "12"}}, {}, Rules(), context, &out, &err));
}

TEST_CASE("NormalizeTime: the end of a span of years is in the decade after its start") {
  CheckCases({
      {{{"yy", "99"}, {"span_from", "1998"}}, {}, "2010-06-15", "1999"},
      {{{"yy", "00"}, {"span_from", "1999"}}, {}, "2021-01-05", "2000"},
      {{{"yy", "20"}, {"span_from", "2010"}}, {}, "", "2020"},
  });
  // "2015-32" is no span of years (a score, a count, a code).
  MatchContext context;
  TimeValue out;
  std::string err;
  CHECK_FALSE(NormalizeTime({{"yy", "32"}, {"span_from", "2015"}}, {}, Rules(), context, &out, &err));
}

}  // namespace claimcheck::normalize
