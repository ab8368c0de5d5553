#include "normalize/narrative.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace claimcheck::normalize {

namespace {

// Mentions as the recognizer would give them, built by hand so the test pins
// AnchorNarrative alone, not rules/en.
struct Built {
  std::string text;
  std::vector<Mention> mentions;
};

TimeValue Value(std::string timex, std::string granularity) {
  TimeValue t;
  t.timex = std::move(timex);
  t.granularity = std::move(granularity);
  return t;
}

Mention At(const std::string& text, const std::string& words, const rules::Rule& rule, TimeValue t) {
  Mention m;
  m.start = text.find(words);
  REQUIRE(m.start != std::string::npos);
  m.end = m.start + words.size();
  m.rule = &rule;
  m.kind = "date";
  m.value = std::move(t);
  return m;
}

std::string TimexOf(const Mention& m) { return std::get<TimeValue>(m.value).timex; }

}  // namespace

TEST_CASE("AnchorNarrative: times, 'the day' and anchors take the day the text named") {
  rules::Rule plain, day, period;
  period.fields = {{"narrative", "period"}, {"offset", "-12"}};
  day.fields = {{"narrative", "day"}};
  const std::string text =
      "Stocks fell on Monday. At 16:15 UTC, June 1st, he spoke. They rose to end the day and at "
      "18:00 UTC. Sales fell in January from the same month a year ago, and two days later "
      "rose from the previous year.";
  TimeValue clock = Value("2009-06-04T16:15Z", "time");
  clock.day_from_reference = true;
  TimeValue clock2 = Value("2009-06-04T18:00Z", "time");
  clock2.day_from_reference = true;
  TimeValue later = Value("XXXX-XX-XX", "day");
  later.anchor = Anchor{"after", "P2D", 0, ""};
  TimeValue previous = Value("XXXX-XX-XX", "year");
  previous.anchor = Anchor{"before", "P1Y", 0, ""};
  std::vector<Mention> ms = {
      At(text, "Monday", plain, Value("2009-06-01", "day")),
      At(text, "16:15 UTC", plain, clock),
      At(text, "June 1st", plain, Value("2009-06-01", "day")),
      At(text, "the day", day, Value("2009-06-04", "day")),
      At(text, "18:00 UTC", plain, clock2),
      At(text, "January", plain, Value("2009-01", "month")),
      At(text, "the same month a year ago", period, Value("2008-05", "month")),
      At(text, "two days later", plain, later),
      At(text, "the previous year", plain, previous),
  };
  ms[7].timex_span = {ms[7].start, ms[7].start + 8};  // "two days": a counted offset
  AnchorNarrative(text, &ms);
  CHECK(TimexOf(ms[1]) == "2009-06-01T16:15Z");  // the day written right after it
  CHECK(TimexOf(ms[3]) == "2009-06-01");         // the last day named
  CHECK(TimexOf(ms[4]) == "2009-06-01T18:00Z");  // the last day before it
  CHECK(TimexOf(ms[6]) == "2008-01");            // January, a year back
  CHECK(TimexOf(ms[7]) == "XXXX-XX-XX");         // a counted offset keeps its duration
  CHECK(std::get<TimeValue>(ms[7].value).anchor.has_value());
  CHECK(TimexOf(ms[8]) == "2008");  // the year of January 2009, moved back
}

TEST_CASE("AnchorNarrative: nothing named before, nothing changes") {
  rules::Rule day;
  day.fields = {{"narrative", "day"}};
  const std::string text = "It rose to end the day.";
  std::vector<Mention> ms = {At(text, "the day", day, Value("2020-01-03", "day"))};
  AnchorNarrative(text, &ms);
  CHECK(TimexOf(ms[0]) == "2020-01-03");
}

}  // namespace claimcheck::normalize
