#include "reconcile/reconciler.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

namespace claimcheck::reconcile {

namespace {

model::Claim Count(std::string doc, int n, std::string subject, int64_t lo, std::optional<int64_t> hi,
                    std::string as_of = "", bool revision = false) {
  model::Claim c;
  c.id = doc + "#" + std::to_string(n);
  c.doc = doc;
  c.rule = "t";
  c.attribute = "deaths";
  c.subject = std::move(subject);
  c.value = model::Quantity{std::nullopt, lo, hi, ""};
  c.as_of = {as_of, as_of, as_of, as_of.empty() ? "unresolved" : "document-date"};
  c.evidence.sentence = doc + " sentence " + std::to_string(n);
  c.revision = revision;
  return c;
}

model::DocumentRecord Doc(std::string doc, std::string source = "") {
  model::DocumentRecord d;
  d.doc = std::move(doc);
  d.source = std::move(source);
  d.status = "ok";
  return d;
}

std::vector<std::string> Verdicts(model::Report r) {
  Reconcile(&r);
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(f.id + " " + f.verdict + " " + f.severity + " " + f.subject);
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("the verdict table of DESIGN.md section 4") {
  SUBCASE("intersecting values from two outlets agree") {
    model::Report r{{Doc("a", "x.com"), Doc("b", "y.com")},
                     {Count("a", 1, "strike", 40, 40), Count("b", 1, "strike", 36, 44)}, {}};
    CHECK(Verdicts(r) == Strings{"F1 agree note strike"});
  }
  SUBCASE("the same outlet twice is one source") {
    model::Report r{{Doc("a", "x.com"), Doc("b", "x.com")},
                     {Count("a", 1, "strike", 40, 40), Count("b", 1, "strike", 40, 40)}, {}};
    CHECK(Verdicts(r) == Strings{"F1 single note strike"});
  }
  SUBCASE("disjoint values at the same time contradict, severity by gap") {
    model::Report r{{Doc("a"), Doc("b")},
                     {Count("a", 1, "strike", 40, 40, "2009-01-06"), Count("b", 1, "strike", 43, 43, "2009-01-06")},
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 contradict warning strike"});
    r.claims[1].value = model::Quantity{std::nullopt, 80, 80, ""};
    CHECK(Verdicts(r) == Strings{"F1 contradict error strike"});
    r.claims[1].value = model::Quantity{std::nullopt, 41, 41, ""};
    CHECK(Verdicts(r) == Strings{"F1 contradict note strike"});
  }
  SUBCASE("disjoint values at different times, or with a revision cue, changed") {
    model::Report r{{Doc("a"), Doc("b")},
                     {Count("a", 1, "strike", 8, 8, "2009-01-06"), Count("b", 1, "strike", 10, 10, "2009-01-07")},
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 changed note strike"});
    r.claims[0].as_of = r.claims[1].as_of;
    r.claims[1].revision = true;
    CHECK(Verdicts(r) == Strings{"F1 changed note strike"});
  }
  SUBCASE("one document disagreeing with itself is internal; alone it is single") {
    model::Report r{{Doc("a")}, {Count("a", 1, "strike", 8, 8), Count("a", 2, "strike", 12, 12)}, {}};
    CHECK(Verdicts(r) == Strings{"F1 internal warning strike"});
    r.claims.pop_back();
    CHECK(Verdicts(r) == Strings{"F1 single note strike"});
  }
  SUBCASE("a subject without a place joins the one placed subject of its event") {
    model::Report r{{Doc("a", "x"), Doc("b", "y")},
                     {Count("a", 1, "strike@gaza", 40, 40), Count("b", 1, "strike", 40, 40),
                      Count("b", 2, "strike/soldiers", 5, 5)},
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 single note strike/soldiers", "F2 agree note strike@gaza"});
  }
}

TEST_CASE("the timeline and scope of a group (rules/README.md, \"Verdicts\")") {
  SUBCASE("a figure its sentence marks as earlier is a change beside the agreement, never an alarm") {
    model::Claim early = Count("a", 1, "shooting", 2, 2, "2015-08-20");
    early.timeline = {"earlier", "initial reports"};
    model::Report r{{Doc("a", "x.com"), Doc("b", "y.com")},
                     {early, Count("a", 2, "shooting", 3, 3, "2015-08-20"), Count("b", 1, "shooting", 3, 3, "2015-08-20")},
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting", "F2 changed note shooting"});
    Reconcile(&r);
    CHECK(r.findings[0].claims == Strings{"a#2", "b#1"});  // the agreement holds the figures that stand
    CHECK(r.findings[1].summary == "Deaths of shooting: 2–2 (x.com, earlier: \"initial reports\") then 3–3 (x.com, as of "
                                  "2015-08-20)");
  }
  SUBCASE("one document disagreeing with itself does not hide a change across sources") {
    model::Report r{{Doc("a", "x.com"), Doc("b", "y.com")},
                     {Count("a", 1, "strike", 8, 8, "2009-01-06"), Count("a", 2, "strike", 12, 12, "2009-01-06"),
                      Count("b", 1, "strike", 20, 20, "2009-01-07")},
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 changed note strike", "F2 internal warning strike"});
    Reconcile(&r);
    CHECK(r.findings[0].summary == "Deaths of strike: 8–8 (x.com, as of 2009-01-06) then 20–20 (y.com, as of 2009-01-07)");
  }
  SUBCASE("a document stating the value two sources state has its other values set aside, with a note") {
    model::Report r{{Doc("a", "x.com"), Doc("b", "y.com"), Doc("c", "z.com")},
                     {Count("a", 1, "shooting", 3, 3, "2015-08-20"), Count("a", 2, "shooting", 2, 2, "2015-08-20"),
                      Count("b", 1, "shooting", 3, 3, "2015-08-20")},
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting"});
    Reconcile(&r);
    REQUIRE(r.findings[0].notes.size() == 1);
    CHECK(r.findings[0].notes[0].find("x.com also says 2") == 0);
    // A source that states only another value still contradicts; the two
    // sources that state 3 agree on it beside the contradiction.
    r.claims.push_back(Count("c", 1, "shooting", 5, 5, "2015-08-20"));
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting", "F2 contradict error shooting"});
  }
  SUBCASE("a document's \"3\" beside its own \"at least 3\" is read as at least 3") {
    model::Report r{{Doc("a", "x.com"), Doc("b", "y.com"), Doc("c", "z.com")},
                     {Count("a", 1, "quake", 3, std::nullopt, "2005-11-27"), Count("a", 2, "quake", 3, 3, "2005-11-27"),
                      Count("b", 1, "quake", 10, 10, "2005-11-27"), Count("c", 1, "quake", 10, 10, "2005-11-27")},
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 agree note quake"});
    Reconcile(&r);
    REQUIRE(!r.findings[0].notes.empty());
    CHECK(r.findings[0].notes[0].find("x.com says") == 0);
    CHECK(r.findings[0].notes[0].find("is read as at least 3") != std::string::npos);
    // Bounds state no value: without its "at least 3", the document's "3"
    // is compared as stated; another document's bound does not open it.
    model::Report alone{{Doc("a", "x.com"), Doc("b", "y.com"), Doc("c", "z.com")},
                         {Count("a", 2, "quake", 3, 3, "2005-11-27"), Count("b", 1, "quake", 10, 10, "2005-11-27"),
                          Count("b", 2, "quake", 3, std::nullopt, "2005-11-27"), Count("c", 1, "quake", 10, 10, "2005-11-27")},
                         {}};
    CHECK(Verdicts(alone) == Strings{"F1 agree note quake", "F2 contradict error quake"});
  }
  SUBCASE("one person the text describes is read as at least one beside a larger figure no later than it") {
    // "the death of a British man" beside "Two climbers killed": the outlet
    // tells of one of them, not of how many died.
    model::Claim one = Count("c", 1, "fall", 1, 1, "2013-09-16");
    one.value = model::Quantity{1.0, 1, 1, ""};
    one.scope.individual = true;
    one.evidence.text = "death of a British man";
    model::Report r{{Doc("a", "x.com"), Doc("b", "y.com"), Doc("c", "z.com")},
                     {Count("a", 1, "fall", 2, 2, "2013-09-15"), Count("b", 1, "fall", 2, 2, "2013-09-16"), one},
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 agree note fall"});
    Reconcile(&r);
    REQUIRE(!r.findings[0].notes.empty());
    CHECK(r.findings[0].notes[0] ==
          "z.com tells of one person (\"death of a British man\"), not how many: read as at least 1 beside larger "
          "figures no later than it");
    // Told as a count ("One person was killed"), the same figure contradicts;
    // the two sources that state 2 agree beside it.
    r.claims[2].scope.individual = false;
    CHECK(Verdicts(r) == Strings{"F1 agree note fall", "F2 contradict error fall"});
    // Before every larger figure, one person told may be a toll that rose:
    // compared as stated, a change.
    r.claims[2].scope.individual = true;
    r.claims[2].as_of = {"2013-09-14", "2013-09-14", "2013-09-14", "document-date"};
    CHECK(Verdicts(r) == Strings{"F1 agree note fall", "F2 changed note fall"});
  }
  SUBCASE("a count with the perpetrator agrees with the victims' count less the perpetrator") {
    model::Claim with = Count("a", 1, "shooting", 7, 7, "2016-06-12");
    with.scope = {"victims+perpetrator", 1, "", "", -1};
    with.evidence.text = "seven dead, including the gunman";
    model::Report r{{Doc("a", "x.com"), Doc("b", "y.com")}, {with, Count("b", 1, "shooting", 6, 6, "2016-06-12")}, {}};
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting"});
    Reconcile(&r);
    CHECK(r.findings[0].notes ==
          Strings{"x.com counts the perpetrator (\"seven dead, including the gunman\"): 7–7 with, 6–6 without",
                  "counts that do not say whether they include the perpetrator are read with or without them: "
                  "another count of this event includes them"});
  }
  SUBCASE("victims + perpetrators = total: a count that does not say may include the gunman") {
    model::Claim with = Count("b", 1, "shooting", 9, 9, "2016-06-12");  // "nine dead, including the gunman"
    with.scope = {"victims+perpetrator", 1, "", "", -1};
    model::Report r{{Doc("a", "x.com"), Doc("b", "y.com"), Doc("c", "z.com")},
                     {Count("a", 1, "shooting", 9, 9, "2016-06-12"),  // "nine dead"
                      with, Count("c", 1, "shooting", 8, 8, "2016-06-12")},  // "the gunman killed eight"
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting"});
    // Without a count that includes the gunman, nine and eight disagree.
    r.claims[1].scope = {};
    r.claims[1].value = model::Quantity{std::nullopt, 8, 8, ""};
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting", "F2 contradict warning shooting"});
  }
  SUBCASE("parts and perpetrators are groups of their own") {
    model::Claim scene = Count("a", 2, "shooting", 2, 2, "2015-08-20");
    scene.scope = {"", 0, "at the scene", "", -1};
    model::Claim suspects = Count("b", 2, "shooting", 2, 2, "2015-08-20");
    suspects.scope = {"perpetrators", 0, "", "", -1};
    model::Report r{{Doc("a", "x.com"), Doc("b", "y.com")},
                     {Count("a", 1, "shooting", 3, 3, "2015-08-20"), scene, Count("b", 1, "shooting", 3, 3, "2015-08-20"),
                      suspects},
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting", "F2 single note shooting (at the scene)",
                                 "F3 single note shooting (perpetrators)"});
  }
  SUBCASE("dates a day apart are one event: late at night and early the next morning, other time zones") {
    auto date = [](std::string doc, std::string timex, std::string day) {
      model::Claim c = Count(doc, 1, "shooting", 0, 0, "2016-09-18");
      c.attribute = "date";
      c.value = model::Time{std::move(timex), day, day, "time"};
      return c;
    };
    model::Report r{{Doc("a", "x.com"), Doc("b", "y.com")},
                     {date("a", "2016-09-16TNI", "2016-09-16"), date("b", "2016-09-17T01:00", "2016-09-17")},
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting"});
    Reconcile(&r);
    CHECK(r.findings[0].notes.back().find("dates a day apart are read as one event") == 0);
    r.claims[1].value = model::Time{"2016-09-18T09:00", "2016-09-18", "2016-09-18", "time"};  // two days on
    CHECK(Verdicts(r) == Strings{"F1 contradict error shooting"});
    // The day's part decides (rules/README.md, "Verdicts"): "Thursday" and
    // "Friday" are two days; "late Saturday" and "early Sunday", "Saturday"
    // and "early Sunday", "Saturday night" and "Sunday" may be one night.
    auto day = [](std::string d, std::string part = "", std::string mod = "", bool loose = false) {
      model::Time t{d + part, d, d, part.empty() ? "day" : "time"};
      t.mod = std::move(mod);
      t.loose_day = loose;
      return t;
    };
    const auto verdict = [&](model::Time a, model::Time b) {
      r.claims[0].value = std::move(a);
      r.claims[1].value = std::move(b);
      return Verdicts(r);
    };
    const Strings agree{"F1 agree note shooting"}, apart{"F1 contradict error shooting"};
    CHECK(verdict(day("2016-09-15"), day("2016-09-16")) == apart);
    CHECK(verdict(day("2016-09-17", "", "END"), day("2016-09-18", "", "START")) == agree);
    CHECK(verdict(day("2016-09-17"), day("2016-09-18", "", "START")) == agree);
    CHECK(verdict(day("2016-09-17", "TNI"), day("2016-09-18")) == agree);
    CHECK(verdict(day("2016-09-17"), day("2016-09-18", "T02:30")) == agree);
    CHECK(verdict(day("2016-09-17"), day("2016-09-18", "TMO")) == agree);
    // Two nights, two evenings at 11 p.m., an afternoon and the next day: apart.
    CHECK(verdict(day("2016-09-17", "TNI"), day("2016-09-18", "T23:00")) == apart);
    CHECK(verdict(day("2016-09-17", "T23:00"), day("2016-09-18", "T23:00")) == apart);
    CHECK(verdict(day("2016-09-17", "TAF"), day("2016-09-18")) == apart);
    CHECK(verdict(day("2016-09-17", "TMO"), day("2016-09-18", "TMO")) == apart);
    // A day counted from the document's date ("tonight" in a republished
    // story) or a holiday's party is loose: a day either side.
    CHECK(verdict(day("2016-09-16", "TNI"), day("2016-09-17", "TNI", "", true)) == agree);
    CHECK(verdict(day("2016-09-15", "", "", true), day("2016-09-16")) == agree);
    CHECK(verdict(day("2016-09-14", "", "", true), day("2016-09-16")) == apart);
    r.claims[0].value = model::Time{"2016-09-16TNI", "2016-09-16", "2016-09-16", "time"};
    r.claims[1].value = model::Time{"2016-09-17T01:00", "2016-09-17", "2016-09-17", "time"};
    // Undated stories: "on Sunday" and "Monday's quake" agree; Sunday and Tuesday do not; the
    // weekend holds Saturday and Sunday.
    r.claims[0].value = model::Time{"XXXX-WXX-7", "", "", "day"};
    r.claims[1].value = model::Time{"XXXX-WXX-1", "", "", "day"};
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting"});
    r.claims[1].value = model::Time{"XXXX-WXX-2", "", "", "day"};
    CHECK(Verdicts(r) == Strings{"F1 contradict error shooting"});
    r.claims[1].value = model::Time{"XXXX-WXX-WE", "", "", "day"};
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting"});
  }
  SUBCASE("a date no document date places never contradicts a dated day; it may be another event") {
    auto date = [](std::string doc, std::string timex, std::string day) {
      model::Claim c = Count(doc, 1, "attack", 0, 0, day.empty() ? "" : "2011-11-11");
      c.attribute = "date";
      c.value = model::Time{std::move(timex), day, day, "day"};
      return c;
    };
    // Two outlets date the attack 10 November 2011; an undated story's
    // "November 19" (no year) and "on Tuesday" name none of its days.
    model::Report r{{Doc("a", "x.com"), Doc("b", "y.com"), Doc("c", "z.com")},
                     {date("a", "2011-11-10", "2011-11-10"), date("b", "2011-11-10", "2011-11-10"),
                      date("c", "XXXX-11-19", ""), date("c", "XXXX-WXX-2", "")},
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 agree note attack"});
    Reconcile(&r);
    REQUIRE(r.findings[0].notes.size() >= 2);
    CHECK(r.findings[0].notes[0].find("z.com gives XXXX-11-19") == 0);
    CHECK(r.findings[0].notes[1].find("z.com gives XXXX-WXX-2") == 0);
    CHECK(r.findings[0].notes[0].find("it may tell of another event, not compared") != std::string::npos);
    CHECK(r.findings[0].claims.size() == 4);  // shown, with the note
    // One that meets a dated day still agrees ("on Thursday": 10 November 2011 was one).
    r.claims.pop_back();
    r.claims.push_back(date("c", "XXXX-WXX-4", ""));
    Reconcile(&r);
    CHECK(r.findings[0].notes.size() == 1 + (r.findings[0].notes.back().find("dates a day apart") == 0 ? 1 : 0));
    // Without a dated day, undated dates are compared among themselves, as before.
    model::Report undated{{Doc("c", "z.com"), Doc("d", "w.com")},
                           {date("c", "XXXX-11-19", ""), date("d", "XXXX-11-25", "")},
                           {}};
    CHECK(Verdicts(undated) == Strings{"F1 contradict error attack"});
  }
}

TEST_CASE("a background event separates by its own time") {
  // Two 2005 stories give today's toll (10) and the 2003 quake's (26,000 / 31,000).
  model::Claim a_now = Count("a", 1, "quake", 10, 10, "2005-11-28");
  model::Claim b_now = Count("b", 1, "quake", 10, 10, "2005-11-28");
  model::Claim a_old = Count("a", 2, "quake", 26001, std::nullopt, "2003-12-26");
  model::Claim b_old = Count("b", 2, "quake", 31001, std::nullopt, "2003-12-26");
  a_old.as_of.basis = b_old.as_of.basis = "sentence";
  model::Report r{{Doc("a", "x"), Doc("b", "y")}, {a_now, b_now, a_old, b_old}, {}};
  CHECK(Verdicts(r) == Strings{"F1 agree note quake", "F2 agree note quake (2003-12)"});
}

TEST_CASE("findings do not depend on the order of inputs and claims") {
  model::Report a{{Doc("a"), Doc("b")},
                   {Count("a", 1, "strike", 40, 40), Count("b", 1, "quake", 3, 3), Count("b", 2, "strike", 50, 50)},
                   {}};
  model::Report b{{Doc("b"), Doc("a")}, {a.claims[2], a.claims[0], a.claims[1]}, {}};
  Reconcile(&a);
  Reconcile(&b);
  CHECK(a.findings == b.findings);
  CHECK(a.claims == b.claims);
}

TEST_CASE("claims come out in claim order (document, then number), whatever the permutation") {
  // Several cycles of a permutation, ids short (in the string) and long (on
  // the heap), numbers past 9 ("#10" after "#9").
  model::Report r{{Doc("a"), Doc("a-document-with-a-long-name")}, {}, {}};
  for (int n = 1; n <= 12; ++n) {
    r.claims.push_back(Count("a", n, "quake", n, n));
    r.claims.push_back(Count("a-document-with-a-long-name", n, "strike", n, n));
  }
  std::vector<std::string> expected;
  for (const auto& c : r.claims) expected.push_back(c.id);
  std::sort(expected.begin(), expected.end(), [](const std::string& x, const std::string& y) {
    const size_t hx = x.rfind('#'), hy = y.rfind('#');
    return std::make_pair(x.substr(0, hx), std::stol(x.substr(hx + 1))) <
           std::make_pair(y.substr(0, hy), std::stol(y.substr(hy + 1)));
  });
  std::vector<model::Claim> shuffled;
  for (size_t i = 0; i < r.claims.size(); ++i) shuffled.push_back(r.claims[(i * 7 + 3) % r.claims.size()]);
  std::reverse(shuffled.begin() + 5, shuffled.begin() + 17);
  r.claims = shuffled;
  Reconcile(&r);
  std::vector<std::string> ids;
  for (const auto& c : r.claims) ids.push_back(c.id);
  CHECK(ids == expected);
  for (const auto& c : r.claims) CHECK(c.evidence.sentence == c.doc + " sentence " + c.id.substr(c.id.rfind('#') + 1));
}

TEST_CASE("relative gaps and subject compatibility") {
  CHECK(RelativeGap(40, 40, 50, 50) == doctest::Approx(0.2));
  CHECK(RelativeGap(50, 50, 40, 40) == doctest::Approx(0.2));
  CHECK(RelativeGap(40, std::nullopt, 10, 20) == doctest::Approx(0.5));
  CHECK(RelativeGap(10, 20, 15, 30) == 0.0);
  CHECK(SubjectsCompatible("rally", "rally@iraq"));
  CHECK_FALSE(SubjectsCompatible("rally@syria", "rally@iraq"));
  CHECK_FALSE(SubjectsCompatible("rally", "march"));
}

}  // namespace claimcheck::reconcile

namespace claimcheck::reconcile {

TEST_CASE("a crowd is one gathering at one moment: compared only when both sentences date it to one day") {
  auto crowd = [](std::string doc, int64_t lo, int64_t hi, std::string day, std::string basis) {
    model::Claim c = Count(std::move(doc), 1, "protest", lo, hi, day);
    c.attribute = "crowd";
    if (!day.empty()) c.as_of.basis = std::move(basis);
    return c;
  };
  // "several hundred protesters" and "thousands of demonstrators" on days the
  // sentences do not name: two moments of a week of protests.
  model::Report r{{Doc("a"), Doc("b")},
                   {crowd("a", 200, 999, "2008-12-08", "document-date"),
                    crowd("b", 2000, 9999, "2008-12-08", "document-date")},
                   {}};
  CHECK(Verdicts(r) == Strings{"F1 changed note protest"});
  Reconcile(&r);
  REQUIRE(!r.findings.empty());
  CHECK(r.findings[0].notes.back().find("one gathering at one moment") != std::string::npos);

  // Both sentences name the same day ("on Saturday, 300 marched"): one
  // gathering, and the figures contradict.
  model::Report same{{Doc("a"), Doc("b")},
                      {crowd("a", 300, 300, "2008-12-06", "sentence"), crowd("b", 5000, 5000, "2008-12-06", "sentence")},
                      {}};
  CHECK(Verdicts(same) == Strings{"F1 contradict error protest"});

  // Deaths keep the table: the same two claims as tolls contradict.
  model::Report tolls{{Doc("a"), Doc("b")},
                       {Count("a", 1, "protest", 200, 999, "2008-12-08"), Count("b", 1, "protest", 2000, 9999, "2008-12-08")},
                       {}};
  CHECK(Verdicts(tolls) == Strings{"F1 contradict error protest"});
}

TEST_CASE("sources that state one count agree inside a contradiction or a change (rules/README.md, Verdicts 10)") {
  // "50 (a) vs 80 (b) vs 80 (c)": the contradiction holds every figure; b and
  // c agree on 80 in a finding of their own. The same outlet twice is one source.
  model::Report r{{Doc("a", "x.com"), Doc("b", "y.com"), Doc("c", "z.com"), Doc("d", "z.com")},
                   {Count("a", 1, "quake", 50, 50, "2005-11-28"), Count("b", 1, "quake", 80, 80, "2005-11-28"),
                    Count("c", 1, "quake", 80, 80, "2005-11-28"), Count("d", 1, "quake", 80, 80, "2005-11-28")},
                   {}};
  REQUIRE(Verdicts(r) == Strings{"F1 agree note quake", "F2 contradict error quake"});
  Reconcile(&r);
  const model::Finding& a = r.findings[0];
  CHECK(a.summary == "Deaths of quake: 2 sources agree: 80");
  CHECK(a.claims == Strings{"b#1", "c#1", "d#1"});
  REQUIRE(a.notes.size() == 2);
  CHECK(a.notes[0].find("z.com") != std::string::npos);
  CHECK(a.notes[1] == "part of a disagreement: these sources agree on 80; the contradict finding of quake holds "
                      "every figure");
  CHECK(a.timeline.size() == 3);
  CHECK(r.findings[1].claims.size() == 4);
  // A toll that rose: the change, and the two outlets of the latest figure.
  model::Report rose{{Doc("a", "x.com"), Doc("b", "y.com"), Doc("c", "z.com")},
                      {Count("a", 1, "quake", 5, 5, "2013-07-02"), Count("b", 1, "quake", 24, 24, "2013-07-03"),
                       Count("c", 1, "quake", 24, 24, "2013-07-03")},
                      {}};
  CHECK(Verdicts(rose) == Strings{"F1 agree note quake", "F2 changed note quake"});
  // A bound two sources state is their agreement too ("at least 80").
  model::Report ranges{{Doc("a", "x.com"), Doc("b", "y.com"), Doc("c", "z.com")},
                        {Count("a", 1, "quake", 50, 50, "2005-11-28"), Count("b", 1, "quake", 80, std::nullopt, "2005-11-28"),
                         Count("c", 1, "quake", 80, std::nullopt, "2005-11-28")},
                        {}};
  REQUIRE(Verdicts(ranges) == Strings{"F1 agree note quake", "F2 contradict error quake"});
  Reconcile(&ranges);
  CHECK(ranges.findings[0].summary == "Deaths of quake: 2 sources agree: at least 80");
  // Counts of the shot are spans of wounded: they state no count of the wounded.
  model::Report shot = ranges;
  shot.findings.clear();
  for (model::Claim& c : shot.claims) c.attribute = "injuries";
  shot.claims[1].value = shot.claims[2].value = model::Quantity{80, 80, 80, ""};
  shot.claims[1].scope = shot.claims[2].scope = {"", 0, "", "shot", -1};
  shot.claims[0].value = model::Quantity{90, 90, 90, ""};
  CHECK(Verdicts(shot) == Strings{"F1 contradict warning quake"});
  // Nor does a count of the shot make its document one that gives the value
  // others state: "Four people were shot" (one of them killed) beside its own
  // "three wounded" still disagrees with two outlets' four wounded.
  model::Report four{{Doc("a", "x.com"), Doc("b", "y.com"), Doc("c", "z.com")},
                      {Count("a", 1, "shooting", 4, 4, "2024-07-15"), Count("b", 1, "shooting", 4, 4, "2024-07-15"),
                       Count("b", 2, "shooting", 3, 3, "2024-07-15"), Count("c", 1, "shooting", 4, 4, "2024-07-16")},
                      {}};
  for (model::Claim& c : four.claims) c.attribute = "injuries";
  four.claims[1].scope = {"", 0, "", "shot", 1};
  CHECK(Verdicts(four) == Strings{"F1 agree note shooting", "F2 contradict error shooting"});
}

TEST_CASE("a count its story adds to is read as itself to itself plus the added (scope added)") {
  // "Two men were shot, one fatally. … Two boys were also grazed": 1 to 3
  // wounded, so another outlet's 3 agrees; a 4 contradicts.
  model::Report r{{Doc("a", "x.com"), Doc("b", "y.com")},
                   {Count("a", 1, "shooting", 1, 1, "2015-07-05"), Count("b", 1, "shooting", 3, 3, "2015-07-05")},
                   {}};
  for (model::Claim& c : r.claims) {
    c.attribute = "injuries";
    const int64_t n = std::get<model::Quantity>(c.value).lo;
    c.value = model::Quantity{static_cast<double>(n), n, n, ""};
    c.evidence.text = c.evidence.sentence;
  }
  CHECK(Verdicts(r) == Strings{"F1 contradict error shooting"});
  r.claims[0].scope.added = 2;
  REQUIRE(Verdicts(r) == Strings{"F1 agree note shooting"});
  Reconcile(&r);
  CHECK(r.findings[0].summary ==
        "Injuries of shooting: 2 sources agree, with the counts their stories add: 1 and 2 more (x.com); 3 (y.com)");
  REQUIRE(!r.findings[0].notes.empty());
  CHECK(r.findings[0].notes.back() == "x.com tells of 2 more besides \"a sentence 1\": read as 1–3");
  model::Report four = r;
  four.findings.clear();
  four.claims[1].value = model::Quantity{4, 4, 4, ""};
  CHECK(Verdicts(four) == Strings{"F1 contradict error shooting"});
}

TEST_CASE("a headline's figure is as open as its story's own bound (rules/README.md, Verdicts 3)") {
  // "Quake kills 1,800" over "the toll rose to more than 1,800" (lo 1,801)
  // in one story, "at least 1,953" in another: they agree, and the summary
  // gives each source's figures, none of them a figure both state.
  model::Report r{{Doc("a", "x.com"), Doc("b", "y.com")},
                   {Count("a", 1, "quake", 1800, 1800, "2015-04-26"), Count("a", 2, "quake", 1801, std::nullopt, "2015-04-26"),
                    Count("b", 1, "quake", 1953, std::nullopt, "2015-04-26")},
                   {}};
  for (model::Claim& c : r.claims) c.evidence.text = c.evidence.sentence;
  REQUIRE(Verdicts(r) == Strings{"F1 agree note quake"});
  Reconcile(&r);
  CHECK(r.findings[0].summary ==
        "Deaths of quake: 2 sources agree, each in its own words: 1,800–1,800, at least 1,801 (x.com); at least 1,953 "
        "(y.com)");
  // Bounds and a figure no two documents state alike: each source's.
  model::Report rising{{Doc("a", "x.com"), Doc("b", "y.com"), Doc("c", "z.com")},
                        {Count("a", 1, "bombing", 141, std::nullopt, "2013-04-16"),
                         Count("b", 1, "bombing", 171, std::nullopt, "2013-04-16"),
                         Count("c", 1, "bombing", 183, 183, "2013-04-16")},
                        {}};
  REQUIRE(Verdicts(rising) == Strings{"F1 agree note bombing"});
  Reconcile(&rising);
  CHECK(rising.findings[0].summary ==
        "Deaths of bombing: 3 sources agree, each in its own words: at least 141 (x.com); at least 171 (y.com); "
        "183–183 (z.com)");
  // Without the story's own bound its headline contradicts.
  model::Report bare{{Doc("a", "x.com"), Doc("b", "y.com")},
                      {Count("a", 1, "quake", 1800, 1800, "2015-04-26"),
                       Count("b", 1, "quake", 1953, std::nullopt, "2015-04-26")},
                      {}};
  CHECK(Verdicts(bare) == Strings{"F1 contradict warning quake"});
}

TEST_CASE("running totals that disagree are a change, never an alarm (rules/README.md, Verdicts 11)") {
  model::Report r{{Doc("a", "x.com"), Doc("b", "y.com")},
                   {Count("a", 1, "shooting/total", 23, 23, "2015-07-05"),
                    Count("b", 1, "shooting/total", 30, 30, "2015-07-05")},
                   {}};
  r.claims[0].value = model::Quantity{23, 23, 23, ""};
  r.claims[1].value = model::Quantity{30, 30, 30, ""};
  REQUIRE(Verdicts(r) == Strings{"F1 changed note shooting/total"});
  Reconcile(&r);
  CHECK(r.findings[0].summary == "Deaths of shooting/total: running totals: 23 (x.com) vs 30 (y.com)");
  // One document's two totals: no internal finding either.
  model::Report one{{Doc("a", "x.com")},
                     {Count("a", 1, "shooting/total@x", 23, 23, "2015-07-05"),
                      Count("a", 2, "shooting/total@x", 30, 30, "2015-07-05")},
                     {}};
  CHECK(Verdicts(one) == Strings{"F1 changed note shooting/total@x"});
  // Any other subject still contradicts.
  for (model::Claim& c : r.claims) c.subject = "shooting/totals";
  r.findings.clear();
  CHECK(Verdicts(r) == Strings{"F1 contradict error shooting/totals"});
}

TEST_CASE("a summary names the first hundred sources and counts the rest") {
  // 150 outlets, the toll 40 or 50 by turns: one contradict finding whose
  // claims list every outlet while its summary stops at 100.
  model::Report r;
  for (int i = 0; i < 150; ++i) {
    const std::string doc = "d" + std::to_string(1000 + i);
    r.inputs.push_back(Doc(doc, doc + ".com"));
    const int64_t n = i % 2 == 0 ? 40 : 50;
    r.claims.push_back(Count(doc, 1, "strike", n, n, "2009-01-06"));
  }
  Reconcile(&r);
  // The contradiction, and the 75 outlets of each value agreeing on it.
  REQUIRE(r.findings.size() == 3);
  CHECK(r.findings[0].summary == "Deaths of strike: 75 sources agree: 40");
  CHECK(r.findings[1].summary == "Deaths of strike: 75 sources agree: 50");
  const model::Finding& f = r.findings[2];
  CHECK(f.verdict == "contradict");
  CHECK(f.claims.size() == 150);
  CHECK(f.summary.find("50 (d1099.com)") != std::string::npos);
  CHECK(f.summary.find("(d1100.com)") == std::string::npos);
  CHECK(f.summary.ends_with("50 (d1099.com) and 50 more sources"));
}

TEST_CASE("a vague magnitude is read up to twice its bound") {
  auto vague = [](std::string doc, int64_t lo, int64_t hi, std::string word) {
    model::Claim c = Count(std::move(doc), 1, "march", lo, hi, "2020-06-06");
    c.attribute = "crowd";
    c.as_of.basis = "sentence";  // a crowd is compared with crowds of its own day
    c.value = model::Quantity{std::nullopt, lo, hi, std::move(word), true};
    return c;
  };
  model::Claim police = Count("b", 1, "march", 15000, 15000, "2020-06-06");
  police.attribute = "crowd";
  police.as_of.basis = "sentence";
  // "Thousands marched" where police counted 15,000: no contradiction, and a note says why.
  model::Report r{{Doc("a", "x.com"), Doc("b", "y.com")}, {vague("a", 2000, 9999, "thousands"), police}, {}};
  Reconcile(&r);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].verdict == "agree");
  CHECK(std::find(r.findings[0].notes.begin(), r.findings[0].notes.end(),
                  "\"thousands\" (x.com) is vague: read up to 19,999, twice its bound") != r.findings[0].notes.end());
  // "Hundreds" beside 15,000 still contradicts.
  model::Report h{{Doc("a", "x.com"), Doc("b", "y.com")}, {vague("a", 200, 999, "hundreds"), police}, {}};
  CHECK(Verdicts(h) == Strings{"F1 contradict error march"});
  // The same figures without the vague mark contradict: the slack is the mark's.
  model::Report plain{{Doc("a", "x.com"), Doc("b", "y.com")}, {vague("a", 2000, 9999, "thousands"), police}, {}};
  std::get<model::Quantity>(plain.claims[0].value).vague = false;
  CHECK(Verdicts(plain) == Strings{"F1 contradict error march"});
}

TEST_CASE("a crowd's round figure is an estimate, read within a tenth") {
  auto crowd = [](std::string doc, int64_t lo, std::optional<int64_t> hi, std::string qualifier) {
    model::Claim c = Count(std::move(doc), 1, "march", lo, hi.value_or(lo), "2017-01-21");
    c.attribute = "crowd";
    c.as_of.basis = "sentence";
    c.value = model::Quantity{hi ? std::optional<double>(static_cast<double>(lo)) : std::nullopt, lo, hi,
                              std::move(qualifier), false};
    return c;
  };
  // "more than 500,000" beside "500,000": one estimate, and a note says why.
  model::Report r{{Doc("a", "x.com"), Doc("b", "y.com")},
                  {crowd("a", 500001, std::nullopt, "more than"), crowd("b", 500000, 500000, "")},
                  {}};
  Reconcile(&r);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].verdict == "agree");
  CHECK(std::find(r.findings[0].notes.begin(), r.findings[0].notes.end(),
                  "a crowd is an estimate: 500,000 (y.com) is read within a tenth, 450,000 to 550,000") !=
        r.findings[0].notes.end());
  // 400,000 beside 500,000 is more than a tenth apart: a contradiction.
  model::Report far{{Doc("a", "x.com"), Doc("b", "y.com")},
                    {crowd("a", 400000, 400000, ""), crowd("b", 500000, 500000, "")},
                    {}};
  Reconcile(&far);
  REQUIRE(far.findings.size() == 1);
  CHECK(far.findings[0].verdict == "contradict");
  // A figure that is no round thousand stays exact: 1,234 beside more than 1,300.
  model::Report exact{{Doc("a", "x.com"), Doc("b", "y.com")},
                      {crowd("a", 1301, std::nullopt, "more than"), crowd("b", 1234, 1234, "")},
                      {}};
  Reconcile(&exact);
  REQUIRE(exact.findings.size() == 1);
  CHECK(exact.findings[0].verdict == "contradict");
}

TEST_CASE("one document's dates of other incidents are several incidents, no internal alarm") {
  model::Claim march = Count("a", 1, "shooting/others", 0, 0, "2007-04-10");
  march.attribute = "date";
  march.value = model::Time{"2007-03", "2007-03-01", "2007-03-31", "month"};
  model::Claim february = march;
  february.id = "a#2";
  february.value = model::Time{"2007-02", "2007-02-01", "2007-02-28", "month"};
  model::Report r{{Doc("a", "x")}, {march, february}, {}};
  CHECK(Verdicts(r) == Strings{"F1 single note shooting/others"});
  r.claims[0].subject = r.claims[1].subject = "shooting";
  CHECK(Verdicts(r) == Strings{"F1 internal warning shooting"});
}

TEST_CASE("stories told apart by their documents' names (rules/README.md, \"Verdicts\", 7)") {
  const auto doc = [](std::string id, std::string source, std::vector<std::string> names) {
    model::DocumentRecord d = Doc(std::move(id), std::move(source));
    d.names = std::move(names);
    return d;
  };
  const std::vector<std::string> harlow = {"harlow", "kessler", "marchetti", "pruitt", "okafor"};
  const std::vector<std::string> ridgefield = {"ridgefield", "brannigan", "navarro", "dunmore", "reyes"};
  SUBCASE("two stories of one subject are two groups, the second named by its first name") {
    model::Report r{{doc("a", "x", harlow), doc("b", "y", harlow), doc("c", "z", ridgefield), doc("d", "w", ridgefield)},
                     {Count("a", 1, "shooting", 2, 2, "2017-06-12"), Count("b", 1, "shooting", 2, 2, "2017-06-12"),
                      Count("c", 1, "shooting", 3, 3, "2017-06-12"), Count("d", 1, "shooting", 3, 3, "2017-06-12")},
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting", "F2 agree note shooting (story: ridgefield)"});
    // Told together (no names), the same counts contradict.
    for (auto& d : r.inputs) d.names.clear();
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting", "F2 agree note shooting", "F3 contradict error shooting"});
  }
  SUBCASE("two names shared make one story, through another document too") {
    model::Report r{{doc("a", "x", {"harlow", "kessler", "one", "two", "three"}),
                      doc("b", "y", {"kessler", "marchetti", "four", "five", "six"}),
                      doc("c", "z", {"marchetti", "harlow", "kessler", "seven", "eight"})},
                     {Count("a", 1, "shooting", 2, 2, "2017-06-12"), Count("b", 1, "shooting", 3, 3, "2017-06-12"),
                      Count("c", 1, "shooting", 2, 2, "2017-06-12")},
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting", "F2 contradict error shooting"});
  }
  SUBCASE("a document sharing one name with one story joins it; among several, one with few names is its own") {
    model::Report r{{doc("a", "x", harlow), doc("b", "y", harlow), doc("c", "z", ridgefield), doc("d", "w", ridgefield),
                      doc("e", "v", {"okafor", "alpha", "beta", "gamma", "delta"}), doc("f", "u", {"elsewhere"})},
                     {Count("a", 1, "shooting", 2, 2, "2017-06-12"), Count("b", 1, "shooting", 2, 2, "2017-06-12"),
                      Count("c", 1, "shooting", 3, 3, "2017-06-12"), Count("d", 1, "shooting", 3, 3, "2017-06-12"),
                      Count("e", 1, "shooting", 4, 4, "2017-06-12"), Count("f", 1, "shooting", 5, 5, "2017-06-12")},
                     {}};
    // e joins the Harlow story (okafor); f, which no story holds, is compared with none.
    Reconcile(&r);
    std::map<std::string, std::set<std::string>> claims_of;
    for (const auto& f : r.findings) claims_of[f.subject].insert(f.claims.begin(), f.claims.end());
    CHECK(claims_of == std::map<std::string, std::set<std::string>>{
                           {"shooting", {"a#1", "b#1", "e#1"}},
                           {"shooting (story: elsewhere)", {"f#1"}},
                           {"shooting (story: ridgefield)", {"c#1", "d#1"}}});
    // With one story, a document with few names is that story's.
    r.inputs.erase(r.inputs.begin() + 2, r.inputs.begin() + 4);
    r.claims.erase(std::remove_if(r.claims.begin(), r.claims.end(),
                                  [](const model::Claim& c) { return c.doc == "c" || c.doc == "d"; }),
                   r.claims.end());
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting", "F2 contradict error shooting"});
  }
  SUBCASE("a long document that shares no name is a story of its own") {
    model::Report r{{doc("a", "x", harlow), doc("b", "y", harlow), doc("c", "z", ridgefield)},
                     {Count("a", 1, "shooting", 2, 2, "2017-06-12"), Count("b", 1, "shooting", 2, 2, "2017-06-12"),
                      Count("c", 1, "shooting", 3, 3, "2017-06-12")},
                     {}};
    CHECK(Verdicts(r) == Strings{"F1 agree note shooting", "F2 single note shooting (story: ridgefield)"});
  }
}

}  // namespace claimcheck::reconcile
