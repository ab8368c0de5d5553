// The reconciler against its pairwise reference (pairwise_reference.h) on
// randomized reports: the same findings and claims, byte for byte. The
// reports are small worlds built to collide: few documents, outlets,
// subjects, sentences, values and days, so that every verdict, every kind
// of value (quantities open or reversed; days, months, years, month-days
// without a year, weekdays, unknown times) and every as_of case meets every
// other. A fixed seed makes each run the same.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "pairwise_reference.h"
#include "reconcile/reconciler.h"
#include "util/date.h"

namespace claimcheck::reconcile {

namespace {

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {  // splitmix64: the same numbers on every platform
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  int Int(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1)); }
  bool Chance(int percent) { return Int(1, 100) <= percent; }
  template <class T>
  const T& Pick(const std::vector<T>& v) { return v[static_cast<size_t>(Int(0, static_cast<int>(v.size()) - 1))]; }

 private:
  uint64_t state_;
};

std::string Day(int64_t days) { return CivilDate::FromDays(days).ToString(); }

const int64_t kStory = CivilDate{2020, 1, 3}.ToDays();

// A day near the story, now and then one of a background event years back.
int64_t SomeDay(Random& r) {
  if (r.Chance(10)) return CivilDate{2003, 12, 26}.ToDays() + r.Int(-3, 9);  // across the turn of a year
  if (r.Chance(5)) return CivilDate{2019, 2, 27}.ToDays() + r.Int(0, 4);  // about a leap day away
  return kStory + r.Int(-40, 90);
}

model::Value SomeQuantity(Random& r, int scale) {
  model::Quantity q;
  q.lo = r.Chance(3) ? -r.Int(0, 20) : r.Int(0, scale);
  const int shape = r.Int(1, 10);
  if (shape <= 3) {
    q.hi = std::nullopt;  // at least
    q.qualifier = "at least";
  } else if (shape <= 8) {
    q.hi = q.lo + r.Int(0, scale / 4);
    q.vague = r.Chance(4);  // "thousands": read up to twice its bound
  } else if (shape == 9) {
    q.hi = q.lo;
    q.point = static_cast<double>(q.lo);
  } else {
    q.hi = q.lo - r.Int(1, 5);  // reversed: only a hand-written record has one
  }
  return q;
}

model::Value SomeTime(Random& r) {
  static const std::vector<std::string> kMonthDays = {"01-03", "01-05", "12-26", "02-29", "02-30", "1x-03", "03-01",
                                                       "01-04", "12-31", "01-01", "02-28"};
  static const std::vector<std::string> kWeekdays = {"XXXX-WXX-3", "XXXX-WXX-3TAF", "XXXX-WXX-5", "XXXX-WXX-4",
                                                      "XXXX-WXX-7", "XXXX-WXX-1", "XXXX-WXX-WE"};
  const int64_t day = SomeDay(r);
  model::Time t;
  switch (r.Int(1, 10)) {
    case 1:
    case 2:
    case 3: {
      // Parts of a day too: its night and small hours reach into the days
      // beside it; "early" and "late" (mod), and a loose day ("yesterday").
      static const std::vector<std::string> kTimesOfDay = {"TNI", "T23:00", "T03:00", "TAF", "T12:00",
                                                           "TMO", "TEV", "T05:30", "T18:00", "T24:00"};
      static const std::vector<std::string> kMods = {"START", "END", "MID", "APPROX"};
      t = {Day(day) + (r.Chance(30) ? r.Pick(kTimesOfDay) : ""), Day(day), Day(day), "day"};
      if (r.Chance(15)) t.mod = r.Pick(kMods);
      t.loose_day = r.Chance(10);
      break;
    }
    case 4: {
      const CivilDate d = CivilDate::FromDays(day);
      const CivilDate first{d.year, d.month, 1}, last{d.year, d.month, DaysInMonth(d.year, d.month)};
      t = {first.ToString().substr(0, 7), first.ToString(), last.ToString(), "month"};
      break;
    }
    case 5: {  // long spans: a year, or more than one
      const int64_t length = r.Chance(50) ? 364 : r.Int(300, 800);
      t = {Day(day).substr(0, 4), Day(day), Day(day + length), "year"};
      if (r.Chance(20)) std::swap(t.lo, t.hi);  // reversed days
      break;
    }
    case 6:
    case 7:
      t = {"XXXX-" + r.Pick(kMonthDays), "", "", "day"};
      if (r.Chance(15)) t.lo = t.hi = Day(day);  // a month-day that also has days
      break;
    case 8:
      t = {r.Pick(kWeekdays), "", "", "day"};
      if (r.Chance(30)) t.lo = t.hi = Day(day);
      break;
    default:
      t = {r.Chance(50) ? "PRESENT_REF" : "XXXX", "", "", ""};
  }
  return t;
}

model::AsOf SomeAsOf(Random& r) {
  static const std::vector<std::string> kBases = {"document-date", "document-date", "reference-date", "sentence",
                                                  "anchored", "cross-document", "metadata"};
  if (r.Chance(15)) return {"", "", "", "unresolved"};
  if (r.Chance(8)) return {"XXXX-01-0" + std::to_string(r.Int(3, 6)), "", "", "unresolved"};  // a year to borrow
  const int64_t day = SomeDay(r);
  const int64_t end = r.Chance(20) ? day + r.Int(1, 40) : r.Chance(3) ? day - 2 : day;
  return {Day(day), Day(day), Day(end), r.Pick(kBases)};
}

struct World {
  int docs = 4;
  int claims = 12;
  int scale = 60;  // quantities: 0 … scale
  std::vector<std::string> attributes = {"deaths", "deaths", "date", "date", "troops", "injuries", "crowd"};
  std::vector<std::string> subjects = {"quake",    "quake@x",       "quake@y",  "strike",
                                       "strike@x", "strike/others", "attack@x", "attack/others", "strike/total"};
};

model::Report SomeReport(Random& r, const World& w) {
  static const std::vector<std::string> kSources = {"", "", "a.com", "b.com", "c.com"};
  static const std::vector<std::string> kSentences = {
      "Some 40 people were killed.", "some 40 people were KILLED", "At least 12 died on Friday.",
      "The quake struck on 3 January.", "Officials said 7 were killed, é.", "Officials said 7 were killed, e."};
  model::Report report;
  std::vector<std::string> names;
  for (int d = 0; d < w.docs; ++d) {
    names.push_back((r.Chance(50) ? "feed/d" : "d") + std::to_string(d));
    if (r.Chance(10)) continue;  // a claim's document without a record
    model::DocumentRecord doc;
    doc.doc = names.back();
    doc.source = r.Pick(kSources);
    doc.status = "ok";
    report.inputs.push_back(doc);
  }
  std::vector<int> next(names.size(), 1);
  for (int i = 0; i < w.claims; ++i) {
    const size_t d = static_cast<size_t>(r.Int(0, w.docs - 1));
    model::Claim c;
    c.doc = names[d];
    c.id = c.doc + "#" + std::to_string(next[d]++);
    c.rule = "t";
    c.attribute = r.Pick(w.attributes);
    c.subject = r.Pick(w.subjects);
    const bool time = (c.attribute == "date") != r.Chance(8);
    c.value = time ? SomeTime(r) : SomeQuantity(r, w.scale);
    c.as_of = SomeAsOf(r);
    c.revision = r.Chance(12);
    c.hedged = r.Chance(10);
    c.evidence.sentence = r.Chance(70) ? r.Pick(kSentences) : "Sentence " + std::to_string(i) + ".";
    c.evidence.text = c.evidence.sentence;
    // Strikes and attacks are one class of event, shown by the word most use.
    if (c.subject.rfind("strike", 0) == 0 || c.subject.rfind("attack", 0) == 0) c.event_class = "violence";
    // What a count covers and where it stands in its story.
    if (r.Chance(10)) c.timeline = {"earlier", "initially"};
    switch (r.Int(1, 12)) {
      case 1:
        c.scope = {"victims+perpetrator", r.Int(1, 2), "", "", -1};
        break;
      case 2:
        c.scope = {"victims+perpetrator", 0, "", "", -1};
        break;
      case 3:
        c.scope = {"perpetrators", 0, "", "", -1};
        break;
      case 4:
        c.scope = {"", 0, "at the scene", "", -1};
        break;
      case 5:
        c.scope = {"", 0, "", "shot", r.Int(-1, 2)};
        break;
      case 6:  // "… two more were also hurt"
        c.scope = {"", 0, "", "", -1, r.Int(1, 3)};
        break;
      case 7:
        c.scope = {"victims+perpetrator", 1, "", "shot", r.Int(-1, 2), r.Int(1, 2)};
        break;
      case 8:  // "A 36-year-old man died": one person told, not a toll
        if (std::holds_alternative<model::Quantity>(c.value)) {
          c.value = model::Quantity{1.0, 1, 1, ""};
          c.scope.individual = true;
        }
        break;
      default:
        break;
    }
    report.claims.push_back(c);
  }
  // Any order in, one order out.
  for (size_t i = report.claims.size(); i > 1; --i) {
    std::swap(report.claims[i - 1], report.claims[static_cast<size_t>(r.Int(0, static_cast<int>(i) - 1))]);
  }
  return report;
}

// Reconciles the report both ways; true when the results are the same.
bool SameAsPairwise(const model::Report& report) {
  model::Report fast = report, slow = report;
  Reconcile(&fast);
  pairwise::Reconcile(&slow);
  return fast.findings == slow.findings && fast.claims == slow.claims && fast.inputs == slow.inputs;
}

std::string Show(const model::Report& report) {
  model::Report fast = report, slow = report;
  Reconcile(&fast);
  pairwise::Reconcile(&slow);
  std::string s;
  for (const auto& c : report.claims) {
    const auto* q = std::get_if<model::Quantity>(&c.value);
    s += fmt::format("claim {} {} {} {} as_of {} {} {} {}{}\n", c.id, c.attribute, c.subject,
                     model::ShowValue(c.value), c.as_of.timex, c.as_of.lo, c.as_of.hi, c.as_of.basis,
                     std::string(c.revision ? " revision" : "") + (c.hedged ? " hedged" : "") +
                         (q != nullptr && q->vague ? " vague" : ""));
  }
  for (const auto* side : {&fast, &slow}) {
    s += side == &fast ? "-- sweeps:\n" : "-- pairwise:\n";
    for (const auto& f : side->findings) {
      s += fmt::format("{} {} {} {}\n", f.id, f.verdict, f.severity, f.summary);
      for (const auto& n : f.notes) s += fmt::format("    note: {}\n", n);
    }
  }
  return s;
}

void CheckWorlds(const World& w, int reports, uint64_t seed) {
  Random r(seed);
  int failures = 0;
  for (int i = 0; i < reports && failures < 3; ++i) {
    const model::Report report = SomeReport(r, w);
    if (!SameAsPairwise(report)) {
      ++failures;
      FAIL_CHECK("report " << i << " differs:\n" << Show(report));
    }
  }
}

model::Claim DateClaim(const std::string& doc, int n, model::Time t, model::AsOf as_of = {"", "", "", "unresolved"}) {
  model::Claim c;
  c.id = doc + "#" + std::to_string(n);
  c.doc = doc;
  c.rule = "t";
  c.attribute = "date";
  c.subject = "quake";
  c.value = std::move(t);
  c.as_of = std::move(as_of);
  c.evidence.sentence = c.id;
  return c;
}

std::vector<std::string> Verdicts(model::Report r) {
  Reconcile(&r);
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(f.verdict + " " + f.severity + " " + f.subject);
  return out;
}

}  // namespace

TEST_CASE("the sweeps give the pairwise reconciler's findings, byte for byte") {
  SUBCASE("small worlds: every verdict, value kind and as_of case") { CheckWorlds(World{}, 3000, 1); }
  SUBCASE("few documents, many claims: internal and copies") {
    CheckWorlds(World{2, 30, 20, {"deaths", "date", "troops"}, {"quake", "quake@x"}}, 800, 2);
  }
  SUBCASE("one subject, one attribute: large groups") {
    CheckWorlds(World{12, 300, 400, {"troops"}, {"us-troops@iraq"}}, 60, 3);
    CheckWorlds(World{30, 300, 40, {"date"}, {"quake"}}, 60, 4);
    CheckWorlds(World{30, 300, 400, {"deaths"}, {"quake@x", "quake"}}, 60, 5);
  }
  SUBCASE("no revisions, one time: contradictions and their severities") {
    World w{20, 60, 1000, {"troops"}, {"us-troops@iraq"}};
    Random r(6);
    for (int i = 0; i < 400; ++i) {
      model::Report report = SomeReport(r, w);
      for (auto& c : report.claims) {
        c.revision = false;
        if (i % 2) c.as_of = {"2020-01-03", "2020-01-03", "2020-01-03", "document-date"};
      }
      CHECK_MESSAGE(SameAsPairwise(report), Show(report));
    }
  }
}

TEST_CASE("the one disagreement among many look-alikes is found") {
  // d1 says 3 January, d2 says 5 January and then 3 January twenty times:
  // d2 tells the two days apart, so they are two events (rule 8), each
  // agreeing with itself; d1 joins the first.
  model::Report r{{},
                  {DateClaim("d1", 1, {"XXXX-01-03", "", "", "day"}), DateClaim("d2", 1, {"XXXX-01-05", "", "", "day"})},
                  {}};
  for (int n = 2; n < 22; ++n) r.claims.push_back(DateClaim("d2", n, {"XXXX-01-03", "", "", "day"}));
  CHECK(Verdicts(r) == std::vector<std::string>{"agree note quake", "single note quake (on 5 January)"});
  CHECK(SameAsPairwise(r));
  // d3 to d22 say 3 January instead: nobody tells the days apart, and the
  // only contradiction, d1's claim against d2's, keeps both through the
  // crowd that follows.
  for (int n = 2; n < 22; ++n) r.claims[static_cast<size_t>(n)] = DateClaim("d" + std::to_string(n + 1), 1, {"XXXX-01-03", "", "", "day"});
  CHECK(Verdicts(r) == std::vector<std::string>{"contradict error quake"});
  CHECK(SameAsPairwise(r));
  // The same with weekdays, and with as_of days that all overlap.
  for (auto& c : r.claims) {
    auto& t = std::get<model::Time>(c.value);
    t.timex = t.timex == "XXXX-01-05" ? "XXXX-WXX-5" : "XXXX-WXX-3";
    c.as_of = {"2020-01-0" + std::to_string(3 + c.id.size() % 3), "2020-01-03", "2020-01-09", "document-date"};
  }
  CHECK(Verdicts(r) == std::vector<std::string>{"contradict error quake"});
  CHECK(SameAsPairwise(r));
}

TEST_CASE("a document's New Year's Eve and 1 January are one overnight event, not two") {
  // d1 dates its event 31 December and, later, 1 January: a day apart
  // across the turn of the year. d1 does not tell them apart, so d2's
  // 1 January agrees with both; 31 December and 3 January it does tell apart.
  model::Report r{{},
                  {DateClaim("d1", 1, {"XXXX-12-31", "", "", "day"}), DateClaim("d1", 2, {"XXXX-01-01", "", "", "day"}),
                   DateClaim("d2", 1, {"XXXX-01-01", "", "", "day"})},
                  {}};
  CHECK(Verdicts(r) == std::vector<std::string>{"agree note quake"});
  CHECK(SameAsPairwise(r));
  std::get<model::Time>(r.claims[1].value).timex = "XXXX-01-03";
  CHECK(Verdicts(r).size() == 2);
  CHECK(SameAsPairwise(r));
}

TEST_CASE("a hedged count that plain counts exclude is set aside, not an alarm") {
  auto count = [](const std::string& doc, int64_t n, bool hedged) {
    model::Claim c = DateClaim(doc, 1, {"2020-01-03", "2020-01-03", "2020-01-03", "day"});
    c.attribute = "deaths";
    c.value = model::Quantity{static_cast<double>(n), n, n, ""};
    c.hedged = hedged;
    return c;
  };
  // "it is feared that three died" beside two outlets' plain "one died".
  model::Report r{{}, {count("a", 3, true), count("b", 1, false), count("c", 1, false)}, {}};
  CHECK(Verdicts(r) == std::vector<std::string>{"agree note quake"});
  CHECK(SameAsPairwise(r));
  // Stated plainly, the 3 contradicts; the two outlets' 1 is their agreement.
  r.claims[0].hedged = false;
  CHECK(Verdicts(r) == std::vector<std::string>{"agree note quake", "contradict error quake"});
  // Only hedged counts: compared as they are.
  for (auto& c : r.claims) c.hedged = true;
  CHECK(Verdicts(r) == std::vector<std::string>{"agree note quake", "contradict error quake"});
  CHECK(SameAsPairwise(r));
}

TEST_CASE("a month-day lies within the first 400 days of a span") {
  // 2020-02-29 is day 400 of a span from 2019-01-26, and day 401 from 2019-01-25:
  // there it meets no dated day, so it may tell of another event and is set
  // aside, not compared (a single source is left).
  auto span = [](const char* lo) { return model::Time{"2019", lo, "2021-06-01", "year"}; };
  model::Report r{{}, {DateClaim("a", 1, span("2019-01-26")), DateClaim("b", 1, {"XXXX-02-29", "", "", "day"})}, {}};
  CHECK(Verdicts(r) == std::vector<std::string>{"agree note quake"});
  CHECK(SameAsPairwise(r));
  r.claims[0] = DateClaim("a", 1, span("2019-01-25"));
  CHECK(Verdicts(r) == std::vector<std::string>{"single note quake"});
  CHECK(SameAsPairwise(r));
}

}  // namespace claimcheck::reconcile
