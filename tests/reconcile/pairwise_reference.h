// The reconciler as it was before it was made to scale (commit fce3d16):
// pairwise inside each group, every per-claim fact worked out again per pair.
// tests/reconcile/pairwise_test.cc checks the real one against it on
// randomized groups; nothing else includes this file. Only the ledger step is
// left out (CheckLedger is shared and unchanged).
#ifndef CLAIMCHECK_TESTS_RECONCILE_PAIRWISE_REFERENCE_H_
#define CLAIMCHECK_TESTS_RECONCILE_PAIRWISE_REFERENCE_H_

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "model/model.h"
#include "util/date.h"

namespace claimcheck::reconcile::pairwise {

inline bool SubjectsCompatible(const std::string& a, const std::string& b);
inline double RelativeGap(int64_t a_lo, std::optional<int64_t> a_hi, int64_t b_lo, std::optional<int64_t> b_hi);

using model::Claim;
using model::Finding;
using model::Quantity;

namespace {

// "fixtures/seeds/000_x#12" → ("fixtures/seeds/000_x", 12).
std::pair<std::string, long> ClaimOrder(const std::string& id) {
  const size_t hash = id.rfind('#');
  if (hash == std::string::npos) return {id, 0};
  return {id.substr(0, hash), std::strtol(id.c_str() + hash + 1, nullptr, 10)};
}

std::string Base(const std::string& subject) { return subject.substr(0, subject.find('@')); }
std::string Place(const std::string& subject) {
  const size_t at = subject.find('@');
  return at == std::string::npos ? "" : subject.substr(at + 1);
}

// --- values ---------------------------------------------------------------

struct DayInterval {
  bool known = false;  // lo/hi are calendar days
  int64_t lo = 0, hi = 0;  // the days its hours touch
  std::string month_day;  // "01-03" for "XXXX-01-03"
  int64_t hour_lo = 0, hour_hi = 0;  // hours since 1970-01-01 00:00, inclusive
  int64_t stated_lo = 0, stated_hi = 0;  // the days as written
};

// Eff marks a date claim of one day, read by its day's part, by this granularity.
const char* const kDayPart = "day, by its part";

// Floor division: the day of an hour.
int64_t DayOf(int64_t hour) { return hour >= 0 ? hour / 24 : -((-hour + 23) / 24); }

// The hours a date claim of one day may mean (rules/README.md, "Verdicts"):
// a loose day ("yesterday") the day either side too; its early hours and
// its morning from 18:00 the evening before; its night and late hours on to
// 05:00 the next day; a clock time by its hour.
std::pair<int64_t, int64_t> PartHours(const model::Time& t, int64_t day) {
  const int64_t h0 = day * 24;
  if (t.loose_day) return {h0 - 24, h0 + 47};
  std::string part = t.timex.size() > 11 && t.timex[10] == 'T' ? t.timex.substr(11) : "";
  if (part.size() >= 2 && std::isdigit(static_cast<unsigned char>(part[0])) &&
      std::isdigit(static_cast<unsigned char>(part[1]))) {
    const int hour = std::stoi(part.substr(0, 2));
    if (hour < 6) return {h0 - 6, h0 + hour};
    if (hour >= 18 && hour < 24) return {h0 + hour, h0 + 29};
    if (hour < 24) return {h0 + hour, h0 + hour};
    return {h0, h0 + 23};
  }
  if (part == "MO" || (part.empty() && t.mod == "START")) return {h0 - 6, h0 + 11};
  if (part == "NI" || (part.empty() && t.mod == "END")) return {h0 + 18, h0 + 29};
  if (part == "EV") return {h0 + 17, h0 + 23};
  if (part == "AF") return {h0 + 12, h0 + 17};
  return {h0, h0 + 23};
}

DayInterval DaysOf(const model::Time& t) {
  DayInterval d;
  auto lo = ParseIsoDate(t.lo), hi = ParseIsoDate(t.hi);
  if (lo && hi) {
    d.known = true;
    d.stated_lo = lo->ToDays();
    d.stated_hi = hi->ToDays();
    if (t.granularity == kDayPart) {
      std::tie(d.hour_lo, d.hour_hi) = PartHours(t, d.stated_lo);
    } else {
      d.hour_lo = d.stated_lo * 24;
      d.hour_hi = d.stated_hi * 24 + 23;
    }
    d.lo = DayOf(d.hour_lo);
    d.hi = DayOf(d.hour_hi);
  }
  if (t.timex.size() >= 10 && t.timex.rfind("XXXX-", 0) == 0 && std::isdigit(t.timex[5])) {
    d.month_day = t.timex.substr(5, 5);
  }
  return d;
}

bool MonthDayWithin(const std::string& md, const DayInterval& d) {
  for (int64_t day = d.lo; day <= d.hi && day - d.lo < 400; ++day) {
    if (CivilDate::FromDays(day).ToString().substr(5) == md) return true;
  }
  return false;
}

// A date claim's month-day without a year means its day or the next (the day
// of tolerance every date has); Eff marks it by this granularity.
const char* const kTolerantMonthDay = "day, or the day after";

// Some calendar day of 1999–2002 is `a` and the day before or after it `b`.
bool MonthDaysApartByOne(const std::string& a, const std::string& b) {
  const int64_t first = CivilDate{1999, 1, 1}.ToDays(), last = CivilDate{2002, 12, 31}.ToDays();
  for (int64_t day = first + 1; day < last; ++day) {
    if (CivilDate::FromDays(day).ToString().substr(5) != a) continue;
    if (CivilDate::FromDays(day - 1).ToString().substr(5) == b || CivilDate::FromDays(day + 1).ToString().substr(5) == b) {
      return true;
    }
  }
  return false;
}

// The days of the week (1 Monday … 7 Sunday) a weekday timex may mean: its
// day and the next; the weekend is Saturday and Sunday (and, a day on,
// Monday). Empty for any other timex.
std::set<int> WeekdaysOf(const std::string& timex) {
  if (timex.rfind("XXXX-WXX-", 0) != 0 || timex.size() < 10) return {};
  const char d = timex[9];
  if (d >= '1' && d <= '7' && (timex.size() == 10 || !std::isdigit(static_cast<unsigned char>(timex[10])))) {
    return {d - '0', d - '0' == 7 ? 1 : d - '0' + 1};
  }
  if (timex.substr(9, 2) == "WE") return {6, 7, 1};
  return {};
}

// Whether two values can both be true.
bool Intersect(const model::Value& a, const model::Value& b) {
  if (const auto* qa = std::get_if<Quantity>(&a)) {
    const auto* qb = std::get_if<Quantity>(&b);
    if (qb == nullptr) return false;
    const bool a_below = qa->hi && *qa->hi < qb->lo;
    const bool b_below = qb->hi && *qb->hi < qa->lo;
    return !a_below && !b_below;
  }
  const auto* ta = std::get_if<model::Time>(&a);
  const auto* tb = std::get_if<model::Time>(&b);
  if (ta == nullptr || tb == nullptr) return false;
  const DayInterval da = DaysOf(*ta), db = DaysOf(*tb);
  if (da.known && db.known) return da.hour_lo <= db.hour_hi && db.hour_lo <= da.hour_hi;
  const bool ta_tolerant = ta->granularity == kTolerantMonthDay, tb_tolerant = tb->granularity == kTolerantMonthDay;
  // A tolerant month-day may also be the day before the span's first.
  auto day_before = [](const DayInterval& d) { return CivilDate::FromDays(d.lo - 1).ToString().substr(5); };
  if (!da.known && !da.month_day.empty() && db.known) {
    return MonthDayWithin(da.month_day, db) || (ta_tolerant && db.lo <= db.hi && da.month_day == day_before(db));
  }
  if (!db.known && !db.month_day.empty() && da.known) {
    return MonthDayWithin(db.month_day, da) || (tb_tolerant && da.lo <= da.hi && db.month_day == day_before(da));
  }
  if (!da.month_day.empty() && !db.month_day.empty()) {
    return da.month_day == db.month_day ||
           (ta_tolerant && tb_tolerant && MonthDaysApartByOne(da.month_day, db.month_day));
  }
  // Days of the week a day apart agree, as dates do.
  const std::set<int> da_days = WeekdaysOf(ta->timex), db_days = WeekdaysOf(tb->timex);
  if (!da_days.empty() && !db_days.empty()) {
    return std::any_of(da_days.begin(), da_days.end(), [&](int d) { return db_days.count(d) > 0; });
  }
  return true;  // nothing known on one side: no evidence against
}

// A value as it is compared: a count of victims and perpetrators as the
// victims'; a date claim of one day one day wider (a day apart is one day).
int64_t Perpetrators(const Claim& c) {
  const auto* q = std::get_if<Quantity>(&c.value);
  const int64_t k = c.scope.who == "victims+perpetrator" ? c.scope.perpetrators : 0;
  return q != nullptr && k > 0 && q->lo >= k ? k : 0;
}

// A date claim of one stated day, read by its day's part.
bool OneDay(const Claim& c) {
  const auto* t = std::get_if<model::Time>(&c.value);
  if (t == nullptr || c.attribute != "date") return false;
  const DayInterval d = DaysOf(*t);
  return d.known && d.lo == d.hi;
}

// One whose part reaches past its stated day.
bool Tolerant(const Claim& c) {
  if (!OneDay(c)) return false;
  const auto& t = std::get<model::Time>(c.value);
  const int64_t day = DaysOf(t).stated_lo;
  const auto [lo, hi] = PartHours(t, day);
  return lo < day * 24 || hi > day * 24 + 23;
}

// A count of people shot among injuries: killed + wounded, so the wounded
// are the count less its story's dead at least (any number when it counts
// none), at most all of it.
bool Shot(const Claim& c) {
  const auto* q = std::get_if<Quantity>(&c.value);
  return q != nullptr && c.attribute == "injuries" && c.scope.counted == "shot" && (!q->hi || *q->hi >= q->lo);
}

// A vague magnitude ("thousands", [2000, 9999]) as compared: up to twice
// its bound, plus one.
Quantity Slack(Quantity q) {
  if (q.vague && q.hi) *q.hi = 2 * *q.hi + 1;
  return q;
}

model::Value EffBase(const Claim& c) {
  if (const int64_t k = Perpetrators(c)) {
    Quantity q = model::WithoutPerpetrators(Slack(std::get<Quantity>(c.value)), k);
    if (Shot(c)) q.lo = model::LeastWounded(q.lo, c.scope.killed);
    return q;
  }
  if (Shot(c)) return model::WoundedOfShot(Slack(std::get<Quantity>(c.value)), c.scope.killed);
  model::Value v = c.value;
  if (auto* q = std::get_if<Quantity>(&v)) *q = Slack(*q);
  if (OneDay(c)) std::get<model::Time>(v).granularity = kDayPart;
  if (auto* t = std::get_if<model::Time>(&v); t != nullptr && c.attribute == "date") {
    const DayInterval d = DaysOf(*t);
    if (!d.known && !d.month_day.empty()) t->granularity = kTolerantMonthDay;
  }
  return v;
}

// A count its document adds to ("… two bystanders were also hurt"): up to
// that many more; 0 for any other claim.
int64_t Added(const Claim& c) {
  const auto* q = std::get_if<Quantity>(&c.value);
  return q != nullptr && c.scope.added > 0 && (!q->hi || *q->hi >= q->lo) ? c.scope.added : 0;
}

model::Value Eff(const Claim& c) {
  model::Value v = EffBase(c);
  if (auto* q = std::get_if<Quantity>(&v); q != nullptr && Added(c) > 0 && q->hi) *q->hi += Added(c);
  return v;
}

struct AsOfDays {
  bool known = false;
  int64_t lo = 0, hi = 0;
};

AsOfDays AsOf(const Claim& c) {
  auto lo = ParseIsoDate(c.as_of.lo), hi = ParseIsoDate(c.as_of.hi);
  if (!lo || !hi) return {};
  return {true, lo->ToDays(), hi->ToDays()};
}

// Relative gap of two disjoint values; 1 for times (a different day is a
// different day).
double Gap(const model::Value& a, const model::Value& b) {
  const auto* qa = std::get_if<Quantity>(&a);
  const auto* qb = std::get_if<Quantity>(&b);
  if (qa == nullptr || qb == nullptr) return 1.0;
  return RelativeGap(qa->lo, qa->hi, qb->lo, qb->hi);
}

// --- context ------------------------------------------------------------------

struct Context {
  std::map<std::string, const model::DocumentRecord*> docs;

  std::string Label(const std::string& doc) const {
    auto it = docs.find(doc);
    if (it != docs.end() && !it->second->source.empty()) return it->second->source;
    const size_t slash = doc.rfind('/');
    return slash == std::string::npos ? doc : doc.substr(slash + 1);
  }
  std::string Source(const std::string& doc) const {
    auto it = docs.find(doc);
    return it == docs.end() ? "" : it->second->source;
  }
};

std::string NormalizedSentence(const std::string& s) {
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) out += static_cast<char>(std::tolower(c));
  }
  return out;
}

// Documents that count as one source for this group: the same outlet, or
// near-identical sentences (copies of one wire story). Returns the number
// of independent sources and notes naming the copies.
size_t IndependentSources(const std::vector<const Claim*>& claims, const Context& ctx,
                          std::vector<std::string>* notes) {
  std::vector<std::string> docs;
  for (const Claim* c : claims) {
    if (std::find(docs.begin(), docs.end(), c->doc) == docs.end()) docs.push_back(c->doc);
  }
  std::map<std::string, std::string> parent;
  for (const auto& d : docs) parent[d] = d;
  auto find = [&](std::string d) {
    while (parent[d] != d) d = parent[d];
    return d;
  };
  auto join = [&](const std::string& a, const std::string& b, const std::string& why) {
    const std::string ra = find(a), rb = find(b);
    if (ra == rb) return;
    parent[std::max(ra, rb)] = std::min(ra, rb);
    notes->push_back(why);
  };
  for (size_t i = 0; i < claims.size(); ++i) {
    for (size_t j = i + 1; j < claims.size(); ++j) {
      const Claim &a = *claims[i], &b = *claims[j];
      if (a.doc == b.doc) continue;
      const std::string sa = ctx.Source(a.doc), sb = ctx.Source(b.doc);
      if (!sa.empty() && sa == sb) {
        join(a.doc, b.doc, fmt::format("{} and {} share the outlet {}: counted as one source",
                                       ctx.Label(a.doc) == sa ? a.doc : ctx.Label(a.doc),
                                       b.doc, sa));
      } else if (NormalizedSentence(a.evidence.sentence) == NormalizedSentence(b.evidence.sentence)) {
        join(a.doc, b.doc, fmt::format("{} and {} carry the same sentence (copies of one story): "
                                       "counted as one source", a.doc, b.doc));
      }
    }
  }
  std::set<std::string> roots;
  for (const auto& d : docs) roots.insert(find(d));
  return roots.size();
}

// --- cross-document time ------------------------------------------------------

// A date one source gives without its year ("on 3 January") takes the year
// the other sources give the same event; the document's other open dates
// ("two days later" → XXXX-01-05) take it too, basis cross-document.
void BorrowYears(std::vector<Claim>* claims, const Context& ctx,
                 std::map<std::string, std::vector<std::string>>* notes_by_claim) {
  std::map<std::string, int> year_of_doc;
  for (const Claim& c : *claims) {
    if (c.attribute != "date") continue;
    const auto* t = std::get_if<model::Time>(&c.value);
    if (t == nullptr) continue;
    const DayInterval open = DaysOf(*t);
    if (open.known || open.month_day.empty()) continue;
    std::set<int> years;
    for (const Claim& o : *claims) {
      if (o.doc == c.doc || o.attribute != "date" || !SubjectsCompatible(o.subject, c.subject)) continue;
      const auto* ot = std::get_if<model::Time>(&o.value);
      if (ot == nullptr || ot->timex.size() < 10) continue;
      auto day = ParseIsoDate(ot->timex.substr(0, 10));
      if (day && ot->timex.substr(5, 5) == open.month_day) years.insert(day->year);
    }
    if (years.size() != 1) continue;
    year_of_doc[c.doc] = *years.begin();
    (*notes_by_claim)[c.id].push_back(
        fmt::format("{} states no year ({}); the year {} is taken from the other sources, not "
                    "from {}", ctx.Label(c.doc), t->timex, *years.begin(), ctx.Label(c.doc)));
  }
  for (Claim& c : *claims) {
    auto it = year_of_doc.find(c.doc);
    if (it == year_of_doc.end() || c.as_of.timex.rfind("XXXX-", 0) != 0) continue;
    const std::string timex = fmt::format("{:04}{}", it->second, c.as_of.timex.substr(4));
    auto day = ParseIsoDate(timex.substr(0, std::min<size_t>(10, timex.size())));
    if (!day) continue;
    c.as_of = {timex, day->ToString(), day->ToString(), "cross-document"};
  }
}

// --- grouping -----------------------------------------------------------------

struct Group {
  std::string attribute;
  std::string subject;
  std::vector<const Claim*> claims;
  std::vector<std::string> grouped_by = {};
  int64_t widen = 0;  // perpetrators a count of the event includes: bare counts may too
  bool background = false;  // parted from the story's own by its event time
};

// When the claim's event happened, as far as the claim tells: a date claim's
// value; a count's own sentence time. Counts dated only by their document
// (or not at all) return nothing: they are about the story's present.
std::optional<std::pair<int64_t, int64_t>> EventDays(const Claim& c) {
  if (c.attribute == "date") {
    const model::Value v = Eff(c);
    const auto* t = std::get_if<model::Time>(&v);
    const DayInterval d = t ? DaysOf(*t) : DayInterval{};
    if (d.known) return std::make_pair(d.stated_lo, d.stated_hi);
    return std::nullopt;
  }
  if (c.as_of.basis != "sentence" && c.as_of.basis != "anchored" && c.as_of.basis != "cross-document") {
    return std::nullopt;
  }
  const AsOfDays a = AsOf(c);
  if (!a.known) return std::nullopt;
  return std::make_pair(a.lo, a.hi);
}

// "2004" for a whole year, else "2005-02".
std::string Period(std::pair<int64_t, int64_t> days) {
  const CivilDate lo = CivilDate::FromDays(days.first), hi = CivilDate::FromDays(days.second);
  if (lo.month == 1 && lo.day == 1 && hi.month == 12 && hi.day == 31) return std::to_string(lo.year);
  return lo.ToString().substr(0, 7);
}

// A background event ("the 2003 quake that killed 26,000" in a 2005 story)
// separates by its own time: claims whose event times lie more than
// kApart days from every claim of the story's present form their own
// groups, named "subject (2003)". Troop counts never split: their times
// are when they were counted.
std::vector<Group> SplitByEventTime(Group g) {
  // Event dates part at 14 days: outlets date one event within a day or two.
  const int64_t kApart = g.attribute == "date" ? 14 : 60;
  // A force's size at two times is one subject that changed, not two events.
  if (g.attribute == "troops") return {std::move(g)};
  std::vector<std::pair<std::pair<int64_t, int64_t>, const Claim*>> timed;
  std::vector<const Claim*> present;
  for (const Claim* c : g.claims) {
    if (auto days = EventDays(*c)) {
      timed.push_back({*days, c});
    } else {
      present.push_back(c);
    }
  }
  std::sort(timed.begin(), timed.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : ClaimOrder(a.second->id) < ClaimOrder(b.second->id);
  });
  // Clusters of event times, each within kApart of the last.
  std::vector<std::vector<std::pair<std::pair<int64_t, int64_t>, const Claim*>>> clusters;
  for (const auto& t : timed) {
    if (clusters.empty() || t.first.first - clusters.back().back().first.second > kApart) clusters.emplace_back();
    clusters.back().push_back(t);
  }
  // The story's present: the cluster nearest the documents' own dates, else
  // the largest. Event dates are not measured against the present (an
  // anniversary story dates its event years back): the most attested wins.
  int64_t present_day = INT64_MIN;  // counts: the median report day
  int64_t nearest_to = INT64_MIN;   // which cluster is the story's own: near the median report day
  std::vector<int64_t> reported;
  for (const Claim* c : g.claims) {
    const bool document_time = c->as_of.basis == "document-date" || c->as_of.basis == "reference-date";
    if (const AsOfDays a = AsOf(*c); a.known && document_time) reported.push_back(a.hi);
  }
  std::sort(reported.begin(), reported.end());
  if (!reported.empty()) nearest_to = reported[(reported.size() - 1) / 2];
  if (g.attribute != "date") present_day = nearest_to;
  // A date without its year ("XXXX-01-03") joins the cluster holding that day.
  std::vector<const Claim*> undated;
  for (const Claim* c : present) {
    const auto* t = std::get_if<model::Time>(&c->value);
    const DayInterval d = t ? DaysOf(*t) : DayInterval{};
    bool placed = false;
    for (auto& cluster : clusters) {
      DayInterval span{true, cluster.front().first.first, cluster.back().first.second, ""};
      if (!placed && !d.month_day.empty() && MonthDayWithin(d.month_day, span)) {
        cluster.push_back({{span.lo, span.lo}, c});
        placed = true;
      }
    }
    if (!placed) undated.push_back(c);
  }
  present = std::move(undated);
  size_t main = 0;
  for (size_t i = 0; i < clusters.size(); ++i) {
    const auto distance = [&](size_t k) {
      return std::abs(clusters[k].back().first.second - nearest_to);
    };
    if (nearest_to != INT64_MIN ? distance(i) < distance(main) : clusters[i].size() > clusters[main].size()) {
      main = i;
    }
  }
  std::vector<Group> out;
  Group head{g.attribute, g.subject, present};
  head.widen = g.widen;
  for (size_t i = 0; i < clusters.size(); ++i) {
    // Counts: far from the documents' dates. Event dates, or when nothing
    // dates the present: any cluster but the story's own.
    const bool background = present_day != INT64_MIN
                                ? std::abs(clusters[i].back().first.second - present_day) > kApart &&
                                      std::abs(clusters[i].front().first.first - present_day) > kApart
                                : i != main;
    Group part{g.attribute, background ? fmt::format("{} ({})", g.subject, Period(clusters[i].front().first))
                                       : g.subject, {}};
    part.widen = g.widen;
    part.background = background;
    for (const auto& t : clusters[i]) part.claims.push_back(t.second);
    if (!background) {
      head.claims.insert(head.claims.end(), part.claims.begin(), part.claims.end());
    } else {
      out.push_back(std::move(part));
    }
  }
  for (Group* group : {&head}) {
    std::sort(group->claims.begin(), group->claims.end(), [](const Claim* a, const Claim* b) {
      return ClaimOrder(a->id) < ClaimOrder(b->id);
    });
  }
  for (Group& part : out) {
    std::sort(part.claims.begin(), part.claims.end(), [](const Claim* a, const Claim* b) {
      return ClaimOrder(a->id) < ClaimOrder(b->id);
    });
  }
  if (!head.claims.empty()) out.insert(out.begin(), std::move(head));
  return out;
}

// Rule 8: a document that dates the group on two days more than a day apart
// (days of the year, year aside) speaks of two events. Stated naively: every
// pair of a document's days.
std::optional<int64_t> DayOfYear(const Claim& c) {
  const auto* t = std::get_if<model::Time>(&c.value);
  if (t == nullptr) return std::nullopt;
  const DayInterval d = DaysOf(*t);
  if (d.known) {
    if (d.lo != d.hi) return std::nullopt;
    const CivilDate day = CivilDate::FromDays(d.lo);
    return CivilDate{2000, day.month, day.day}.ToDays();
  }
  if (d.month_day.size() != 5 || !std::isdigit(static_cast<unsigned char>(d.month_day[0])) ||
      !std::isdigit(static_cast<unsigned char>(d.month_day[1])) || d.month_day[2] != '-' ||
      !std::isdigit(static_cast<unsigned char>(d.month_day[3])) ||
      !std::isdigit(static_cast<unsigned char>(d.month_day[4]))) {
    return std::nullopt;
  }
  const int month = std::stoi(d.month_day.substr(0, 2)), day = std::stoi(d.month_day.substr(3, 2));
  if (!IsValidDate(2000, month, day)) return std::nullopt;
  return CivilDate{2000, month, day}.ToDays();
}

std::vector<Group> SplitToldApart(Group g) {
  if (g.attribute != "date") return {std::move(g)};
  std::set<int64_t> told;
  for (const Claim* a : g.claims) {
    for (const Claim* b : g.claims) {
      const auto da = DayOfYear(*a), db = DayOfYear(*b);
      if (!da || !db || a->doc != b->doc) continue;
      const int64_t apart = std::abs(*da - *db);
      if (std::min<int64_t>(apart, 366 - apart) > 1) told.insert(*da);  // 31 December and 1 January: a day
    }
  }
  std::vector<std::vector<int64_t>> spans;  // told days, a day or less from the last
  for (int64_t d : told) {
    if (spans.empty() || d - spans.back().back() > 1) spans.emplace_back();
    spans.back().push_back(d);
  }
  if (spans.size() < 2) return {std::move(g)};
  auto distance = [&](size_t k, int64_t d) -> int64_t {
    if (d < spans[k].front()) return spans[k].front() - d;
    if (d > spans[k].back()) return d - spans[k].back();
    return 0;
  };
  std::vector<std::vector<const Claim*>> keyed(spans.size());
  std::vector<const Claim*> rest;
  for (const Claim* c : g.claims) {
    const auto d = DayOfYear(*c);
    if (!d) {
      rest.push_back(c);
      continue;
    }
    size_t best = 0;
    for (size_t k = 1; k < spans.size(); ++k) {
      if (distance(k, *d) < distance(best, *d)) best = k;
    }
    keyed[best].push_back(c);
  }
  size_t main = 0;
  for (size_t k = 1; k < spans.size(); ++k) {
    if (keyed[k].size() > keyed[main].size()) main = k;
  }
  std::vector<std::string> names;
  for (const auto& span : spans) {
    const CivilDate d = CivilDate::FromDays(span.front());
    names.push_back(std::to_string(d.day) + " " + MonthName(d.month));
  }
  std::string why = "dates one document tells apart are two events: ";
  for (size_t k = 0; k < names.size(); ++k) why += (k ? "; " : "") + names[k];
  std::vector<Group> out;
  for (size_t n = 0; n < spans.size(); ++n) {
    const size_t k = n == 0 ? main : (n <= main ? n - 1 : n);
    Group part{g.attribute, k == main ? g.subject : g.subject + " (on " + names[k] + ")", keyed[k]};
    part.widen = g.widen;
    part.background = g.background;
    if (k == main) part.claims.insert(part.claims.end(), rest.begin(), rest.end());
    std::sort(part.claims.begin(), part.claims.end(), [](const Claim* a, const Claim* b) {
      return ClaimOrder(a->id) < ClaimOrder(b->id);
    });
    part.grouped_by = {why};
    if (!part.claims.empty()) out.push_back(std::move(part));
  }
  return out;
}

// Claims by attribute and subject; a subject without a place joins the
// placed subject of the same event that more documents name than all the
// others together (the only one, if one).
std::string Head(const std::string& subject) { return subject.substr(0, subject.find_first_of("/@")); }

std::vector<Group> GroupClaims(const std::vector<Claim>& claims) {
  // Claims of one event class group under "{class}" plus the rest of their subject.
  std::map<std::pair<std::string, std::string>, Group> exact;
  for (const Claim& c : claims) {
    const std::string key =
        c.event_class.empty() || c.subject.find("/others") != std::string::npos
            ? c.subject
            : "{" + c.event_class + "}" + c.subject.substr(Head(c.subject).size());
    Group& g = exact[{c.attribute, key}];
    g.attribute = c.attribute;
    g.subject = key;
    g.claims.push_back(&c);
  }
  for (auto it = exact.begin(); it != exact.end();) {
    const auto& [key, group] = *it;
    if (!Place(key.second).empty()) {
      ++it;
      continue;
    }
    std::vector<decltype(it)> placed;
    for (auto other = exact.begin(); other != exact.end(); ++other) {
      if (other->first.first == key.first && other != it && Base(other->first.second) == key.second &&
          !Place(other->first.second).empty()) {
        placed.push_back(other);
      }
    }
    // The placed subject that more documents name than all the others together.
    std::vector<std::set<std::string>> docs_of;
    size_t total = 0;
    for (const auto& p : placed) {
      docs_of.emplace_back();
      for (const Claim* c : p->second.claims) docs_of.back().insert(c->doc);
      total += docs_of.back().size();
    }
    auto target = placed.end();
    for (size_t k = 0; k < placed.size(); ++k) {
      if (2 * docs_of[k].size() > total) target = placed.begin() + static_cast<long>(k);
    }
    if (target == placed.end()) {
      ++it;
      continue;
    }
    auto& into = (*target)->second.claims;
    into.insert(into.end(), group.claims.begin(), group.claims.end());
    it = exact.erase(it);
  }
  std::vector<Group> groups;
  for (auto& [key, g] : exact) {
    std::sort(g.claims.begin(), g.claims.end(), [](const Claim* a, const Claim* b) {
      return ClaimOrder(a->id) < ClaimOrder(b->id);
    });
    const bool joined = !Place(g.subject).empty() && std::any_of(g.claims.begin(), g.claims.end(), [&](const Claim* c) {
      return Place(c->subject).empty();
    });
    // The subject shown: the class replaced by the event word most claims use.
    std::vector<std::string> words;
    if (!g.subject.empty() && g.subject[0] == '{') {
      std::map<std::string, size_t> uses;
      for (const Claim* c : g.claims) ++uses[Head(c->subject)];
      std::string best;
      size_t best_uses = 0;
      for (const auto& [word, n] : uses) {
        words.push_back(word);
        if (n > best_uses) {
          best = word;
          best_uses = n;
        }
      }
      g.subject = best + g.subject.substr(g.subject.find('}') + 1);
    }
    int64_t widen = 0;
    for (const Claim* c : g.claims) widen = std::max(widen, Perpetrators(*c));
    std::map<std::string, Group> by_scope;
    for (const Claim* c : g.claims) {
      std::string scope = c->scope.part;
      if (scope.empty() && c->scope.who == "perpetrators" && Base(c->subject).find('/') == std::string::npos) {
        scope = "perpetrators";
      }
      if (scope.empty() && c->scope.who == "victims+perpetrator" && Perpetrators(*c) == 0) {
        scope = "with the perpetrators";
      }
      Group& sg = by_scope[scope];
      sg.widen = widen;
      sg.attribute = g.attribute;
      sg.subject = scope.empty() ? g.subject : fmt::format("{} ({})", g.subject, scope);
      sg.claims.push_back(c);
    }
    for (auto& [scope, sg] : by_scope) {
      const std::string scoped = sg.subject;
      for (Group& part : SplitByEventTime(std::move(sg))) {
        // Why grouped: event, counted role or place, country, joined, scope, background time.
        const std::string base = Base(g.subject);
        std::vector<std::string> why;
        std::vector<std::string> pieces{""};
        for (char ch : base) ch == '/' ? pieces.push_back("") : pieces.back().push_back(ch);
        for (size_t i = 0; i < pieces.size(); ++i) {
          why.push_back((i == 0 ? "event: " : "counted: ") + pieces[i]);
          if (i == 0 && words.size() > 1) {
            std::string list;
            for (const std::string& w : words) list += (list.empty() ? "" : ", ") + w;
            why.push_back("event words of one class: " + list);
          }
        }
        if (!Place(g.subject).empty()) why.push_back("place: " + Place(g.subject));
        if (joined) why.push_back("claims naming no place joined the subject naming this event with a place that most documents name");
        if (!scope.empty()) why.push_back("scope: " + scope);
        if (part.subject != scoped) {
          why.push_back("event time:" + part.subject.substr(scoped.size()) + ", more than " +
                        std::string(g.attribute == "date" ? "14" : "60") + " days from the story's own");
        }
        for (Group& sub : SplitToldApart(std::move(part))) {
          std::vector<std::string> sub_why = why;
          sub_why.insert(sub_why.end(), sub.grouped_by.begin(), sub.grouped_by.end());
          sub.grouped_by = sub_why;
          groups.push_back(std::move(sub));
        }
      }
    }
  }
  return groups;
}

// --- verdicts -------------------------------------------------------------------

bool Later(const Claim& a, const Claim& b) {  // a is reported after b
  const AsOfDays da = AsOf(a), db = AsOf(b);
  return da.known && db.known && da.lo > db.hi;
}

// Disjoint values: changed when the times differ or the later one says it
// revises; else a contradiction.
bool IsChange(const Claim& a, const Claim& b, bool moments = true) {
  const AsOfDays da = AsOf(a), db = AsOf(b);
  // A crowd is one gathering at one moment: compared only when both
  // sentences date it (as_of from the sentence, an anchor or another
  // document) to days that meet.
  if (moments && a.attribute == "crowd") {
    auto dated = [](const Claim& c) {
      return c.as_of.basis == "sentence" || c.as_of.basis == "anchored" || c.as_of.basis == "cross-document";
    };
    if (!dated(a) || !dated(b) || !da.known || !db.known || !(da.lo <= db.hi && db.lo <= da.hi)) return true;
  }
  if (da.known && db.known && (da.hi < db.lo || db.hi < da.lo)) return true;
  return a.revision || b.revision;
}

std::string Severity(double gap) {
  if (gap >= 0.20) return "error";
  if (gap >= 0.05) return "warning";
  return "note";
}

// "5, at least 5 (inquirer.net) vs 24 (independent.co.uk)": each source's
// distinct values once, sources in the group's order.
std::string ValuesBySource(const std::vector<const Claim*>& claims, const Context& ctx,
                           const std::string& separator = " vs ") {
  std::vector<std::pair<std::string, std::vector<std::string>>> by_source;
  for (const Claim* c : claims) {
    const std::string label = ctx.Label(c->doc);
    auto it = std::find_if(by_source.begin(), by_source.end(),
                           [&](const auto& p) { return p.first == label; });
    if (it == by_source.end()) it = by_source.insert(by_source.end(), {label, {}});
    const std::string value = model::ShowValue(c->value) + (Shot(*c) ? " shot" : "") +
                              (Added(*c) > 0 ? fmt::format(" and {} more", model::WithSeparators(Added(*c))) : "");
    if (std::find(it->second.begin(), it->second.end(), value) == it->second.end()) {
      it->second.push_back(value);
    }
  }
  std::string s;
  for (const auto& [label, values] : by_source) {
    std::string joined;
    for (const std::string& v : values) joined += (joined.empty() ? "" : ", ") + v;
    s += fmt::format("{}{} ({})", s.empty() ? "" : separator, joined, label);
  }
  return s;
}

std::string Title(const Group& g) {
  std::string attribute = g.attribute;
  if (!attribute.empty()) attribute[0] = static_cast<char>(std::toupper(attribute[0]));
  return fmt::format("{} of {}", attribute, g.subject);
}

bool IsInterval(const model::Value& v) {
  if (const auto* q = std::get_if<Quantity>(&v)) return !q->hi || *q->hi >= q->lo;
  const DayInterval d = DaysOf(std::get<model::Time>(v));
  return d.known && d.lo <= d.hi;
}

std::pair<int64_t, int64_t> Bounds(const model::Value& v) {
  if (const auto* q = std::get_if<Quantity>(&v)) return {q->lo, q->hi ? *q->hi : INT64_MAX};
  const DayInterval d = DaysOf(std::get<model::Time>(v));
  return {d.hour_lo, d.hour_hi};
}

// As the figure it states: a time by the days its hours touch.
std::pair<int64_t, int64_t> DayBounds(const model::Value& v) {
  if (std::holds_alternative<Quantity>(v)) return Bounds(v);
  const DayInterval d = DaysOf(std::get<model::Time>(v));
  return {d.lo, d.hi};
}

bool Definite(const model::Value& v) {
  if (!IsInterval(v)) return false;
  const auto [lo, hi] = Bounds(v);
  if (std::holds_alternative<Quantity>(v)) return hi != INT64_MAX && hi - lo <= std::max<int64_t>(2, hi / 4);
  const DayInterval d = DaysOf(std::get<model::Time>(v));
  return d.stated_hi - d.stated_lo <= 1;
}

std::vector<Finding> Judge(const Group& g, const Context& ctx,
                           const std::map<std::string, std::vector<std::string>>& claim_notes) {
  // Values as compared in this group: a count that does not say whether it
  // includes the perpetrators may, when another count of the event does.
  auto bare = [&](const Claim& c) {
    const auto* q = std::get_if<Quantity>(&c.value);
    return g.widen > 0 && q != nullptr && c.scope.empty() && (!q->hi || *q->hi >= q->lo) && q->lo >= g.widen;
  };
  // A headline's "Five dead" beside its document's own "at least five" is
  // read as at least five.
  auto at_least = [&](const Claim& c) {
    const auto* q = std::get_if<Quantity>(&c.value);
    if (q == nullptr || !q->hi || *q->hi != q->lo) return false;
    return std::any_of(g.claims.begin(), g.claims.end(), [&](const Claim* o) {
      const auto* oq = std::get_if<Quantity>(&o->value);
      return o->doc == c.doc && oq != nullptr && !oq->hi && (oq->lo == q->lo || (oq->lo > 0 && oq->lo - 1 == q->lo));
    });
  };
  // One person the text describes ("A 36-year-old man died") beside a larger
  // figure of another source no later than it: read as at least one.
  auto as_compared = [&](const Claim& c) {
    model::Value v = Eff(c);
    if (bare(c)) std::get<Quantity>(v).lo -= g.widen;
    return v;
  };
  auto individual = [&](const Claim& c) {
    if (!c.scope.individual || !std::holds_alternative<Quantity>(c.value) || !std::get<Quantity>(c.value).hi) return false;
    const int64_t hi = Bounds(as_compared(c)).second;
    return std::any_of(g.claims.begin(), g.claims.end(), [&](const Claim* o) {
      const AsOfDays a = AsOf(*o), b = AsOf(c);
      const bool later = a.known && b.known && a.lo > b.hi;
      return o->doc != c.doc && std::holds_alternative<Quantity>(o->value) && Bounds(as_compared(*o)).first > hi && !later;
    });
  };
  auto opened = [&](const Claim& c) { return at_least(c) || individual(c); };
  auto E = [&](const Claim& c) {
    model::Value v = Eff(c);
    if (bare(c)) std::get<Quantity>(v).lo -= g.widen;
    if (opened(c)) std::get<Quantity>(v).hi = std::nullopt;
    return v;
  };
  Finding f;
  f.subject = g.subject;
  f.attribute = g.attribute;
  for (const Claim* c : g.claims) f.claims.push_back(c->id);
  for (const Claim* c : g.claims) {
    auto it = claim_notes.find(c->id);
    if (it != claim_notes.end()) f.notes.insert(f.notes.end(), it->second.begin(), it->second.end());
  }
  for (const Claim* c : g.claims) {
    if (!opened(*c)) continue;
    const std::string v = model::ShowValue(c->value);
    if (!at_least(*c)) {
      f.notes.push_back(fmt::format("{} tells of one person (\"{}\"), not how many: read as at least {} beside "
                                    "larger figures no later than it", ctx.Label(c->doc), c->evidence.text, v));
      continue;
    }
    f.notes.push_back(fmt::format("{} says \"{}\" and, elsewhere, at least {}: its {} is read as at least {}",
                                  ctx.Label(c->doc), c->evidence.text, v, v, v));
  }
  // Where the claims stand: earlier figures apart; when two or more documents
  // state one value, a document stating it has its values excluding it set aside.
  std::vector<const Claim*> current, earlier, aside, compared;
  for (const Claim* c : g.claims) (c->timeline.stage == "earlier" ? earlier : current).push_back(c);
  if (current.empty()) std::swap(current, earlier);
  // Which figures stand is read from the values as stated (a "5" opened by
  // its document's "at least 5" still states 5).
  auto S = [&](const Claim& c) {
    model::Value v = Eff(c);
    if (bare(c)) std::get<Quantity>(v).lo -= g.widen;
    return v;
  };
  // A figure the claim states (a count of the shot states none of the wounded).
  auto stated = [&](const Claim& c) { return !Shot(c) && Definite(S(c)); };
  // A figure one document marks as earlier and replaces with a figure of its
  // own (one apart from it) is that earlier figure in every other source that
  // states it (definite, the same bounds), unless that source's as_of starts
  // after the marker's ends: superseded too. Each pair checked.
  std::map<const Claim*, const Claim*> marked_by;
  {
    std::vector<const Claim*> kept, moved;
    for (const Claim* c : current) {
      const Claim* by = nullptr;
      for (const Claim* e : earlier) {
        if (by != nullptr || e->doc == c->doc || !Definite(S(*c)) || !Definite(S(*e)) ||
            DayBounds(S(*e)) != DayBounds(S(*c))) {
          continue;
        }
        const bool replaced = std::any_of(current.begin(), current.end(), [&](const Claim* p) {
          return p->doc == e->doc && !Intersect(S(*e), S(*p));
        });
        const AsOfDays a = AsOf(*c), b = AsOf(*e);
        if (replaced && !(a.known && b.known && a.lo > b.hi)) by = e;
      }
      (by != nullptr ? moved : kept).push_back(c);
      if (by != nullptr) marked_by[c] = by;
    }
    if (kept.empty()) {
      marked_by.clear();
    } else {
      current = kept;
      earlier.insert(earlier.end(), moved.begin(), moved.end());
      std::map<const Claim*, size_t> position;
      for (size_t i = 0; i < g.claims.size(); ++i) position.emplace(g.claims[i], i);
      std::stable_sort(earlier.begin(), earlier.end(),
                       [&](const Claim* a, const Claim* b) { return position.at(a) < position.at(b); });
    }
  }
  // Hedged counts that a count stated plainly excludes: set aside (each pair checked).
  std::vector<const Claim*> hedged;
  {
    std::vector<const Claim*> kept;
    for (const Claim* c : current) {
      bool excluded = false;
      for (const Claim* p : current) {
        const bool counts = std::holds_alternative<Quantity>(c->value) && std::holds_alternative<Quantity>(p->value);
        if (counts && c->hedged && !p->hedged && IsInterval(S(*c)) && IsInterval(S(*p)) && !Intersect(S(*c), S(*p))) {
          excluded = true;
        }
      }
      (excluded ? hedged : kept).push_back(c);
    }
    current = kept;
  }
  // Dates no document date placed (a weekday, a month-day without its year)
  // that meet no day a dated claim gives: set aside (each pair checked).
  std::vector<const Claim*> unplaced;
  {
    auto meets = [&](const Claim& open, const Claim& dated) {
      const auto& t = std::get<model::Time>(open.value);
      if (!DaysOf(t).month_day.empty()) return Intersect(S(open), S(dated));
      const DayInterval d = DaysOf(std::get<model::Time>(S(dated)));
      const std::set<int> days = WeekdaysOf(t.timex);
      for (int64_t day = d.lo; day <= d.hi && day - d.lo < 7; ++day) {
        if (days.count(CivilDate::FromDays(day).Weekday() + 1) > 0) return true;
      }
      return false;
    };
    std::vector<const Claim*> dated, kept;
    for (const Claim* c : current) {
      if (std::holds_alternative<model::Time>(c->value) && IsInterval(S(*c))) dated.push_back(c);
    }
    for (const Claim* c : current) {
      const auto* t = std::get_if<model::Time>(&c->value);
      const bool open = t != nullptr && !DaysOf(*t).known && (!DaysOf(*t).month_day.empty() || !WeekdaysOf(t->timex).empty());
      bool placed = dated.empty() || !open;
      for (const Claim* d : dated) placed = placed || meets(*c, *d);
      (placed ? kept : unplaced).push_back(c);
    }
    current = kept;
  }
  std::optional<int64_t> point;
  size_t most = 0;
  for (const Claim* p : current) {
    if (!stated(*p)) continue;
    const int64_t at = DayBounds(S(*p)).first;
    std::set<std::string> docs;
    for (const Claim* c : current) {
      const auto [lo, hi] = DayBounds(S(*c));
      if (stated(*c) && lo <= at && at <= hi) docs.insert(c->doc);
    }
    if (docs.size() > most || (docs.size() == most && point && at < *point)) {
      most = docs.size();
      point = at;
    }
  }
  auto holds = [&](const Claim& c, bool definite) {
    const model::Value v = S(c);
    if (!IsInterval(v) || (definite && !stated(c))) return false;
    const auto [lo, hi] = DayBounds(v);
    return lo <= *point && *point <= hi;
  };
  std::set<std::string> giving;
  if (most >= 2) {
    for (const Claim* c : current) {
      if (holds(*c, true)) giving.insert(c->doc);
    }
  }
  for (const Claim* c : current) (giving.count(c->doc) && !holds(*c, false) ? aside : compared).push_back(c);
  // The timeline: as_of's first day, unknown last, then claim order.
  std::vector<const Claim*> by_time = g.claims;
  std::stable_sort(by_time.begin(), by_time.end(), [](const Claim* a, const Claim* b) {
    const AsOfDays da = AsOf(*a), db = AsOf(*b);
    if (da.known != db.known) return da.known;
    return da.known && da.lo != db.lo ? da.lo < db.lo : ClaimOrder(a->id) < ClaimOrder(b->id);
  });
  for (const Claim* c : by_time) {
    const bool was_earlier = std::find(earlier.begin(), earlier.end(), c) != earlier.end();
    const bool was_aside = std::find(aside.begin(), aside.end(), c) != aside.end() ||
                           std::find(hedged.begin(), hedged.end(), c) != hedged.end() ||
                           std::find(unplaced.begin(), unplaced.end(), c) != unplaced.end();
    f.timeline.push_back({c->id, ctx.Label(c->doc), c->as_of.timex, model::ShowValue(c->value),
                          was_earlier ? "earlier" : was_aside ? "aside" : "standing"});
  }
  f.grouped_by = g.grouped_by;
  for (const Claim* c : g.claims) {
    if (const int64_t k = Perpetrators(*c)) {
      const auto& q = std::get<Quantity>(c->value);
      f.notes.push_back(fmt::format("{} counts the perpetrator{} (\"{}\"): {} with, {} without", ctx.Label(c->doc),
                                    k > 1 ? "s" : "", c->evidence.text, model::ShowValue(q),
                                    model::ShowValue(model::WithoutPerpetrators(q, k))));
    }
  }
  for (const Claim* c : g.claims) {
    if (Shot(*c)) {
      const auto& q = std::get<Quantity>(c->value);
      f.notes.push_back(fmt::format("{} counts people shot, killed or wounded (\"{}\"): {} shot, {} dead in its story, "
                                    "read as {} wounded", ctx.Label(c->doc), c->evidence.text, model::ShowValue(q),
                                    c->scope.killed >= 0 ? std::to_string(c->scope.killed) : "none counted",
                                    model::ShowValue(model::WoundedOfShot(q, c->scope.killed))));
    }
  }
  for (const Claim* c : g.claims) {
    if (const int64_t more = Added(*c)) {
      Quantity with = std::get<Quantity>(c->value);
      with.point.reset();
      with.qualifier.clear();
      if (with.hi) *with.hi += more;
      f.notes.push_back(fmt::format("{} tells of {} more besides \"{}\": read as {}",
                                    ctx.Label(c->doc), model::WithSeparators(more), c->evidence.text,
                                    model::ShowValue(with)));
    }
  }
  if (std::any_of(g.claims.begin(), g.claims.end(), [&](const Claim* c) { return bare(*c); })) {
    f.notes.push_back("counts that do not say whether they include the perpetrator are read with or without "
                      "them: another count of this event includes them");
  }
  std::set<std::string> said;  // one note per distinct earlier figure and cue of a source
  for (const Claim* c : earlier) {
    const auto by = marked_by.find(c);
    std::string note =
        by == marked_by.end()
            ? fmt::format("{} gives {} as an earlier figure (\"{}\"): superseded, not compared", ctx.Label(c->doc),
                          model::ShowValue(c->value), c->timeline.cue)
            : fmt::format("{} gives {}, which {} gives as an earlier figure (\"{}\"): superseded, not compared",
                          ctx.Label(c->doc), model::ShowValue(c->value), ctx.Label(by->second->doc),
                          by->second->timeline.cue);
    if (said.insert(note).second) f.notes.push_back(std::move(note));
  }
  for (const Claim* c : aside) {
    f.notes.push_back(fmt::format("{} also says {} (\"{}\") beside the value other sources give: another figure "
                                  "of its story, not compared",
                                  ctx.Label(c->doc), model::ShowValue(c->value), c->evidence.text));
  }
  for (const Claim* c : hedged) {
    f.notes.push_back(fmt::format("{} hedges {} (\"{}\"): not compared with the counts stated plainly",
                                  ctx.Label(c->doc), model::ShowValue(c->value), c->evidence.text));
  }
  for (const Claim* c : unplaced) {
    f.notes.push_back(fmt::format("{} gives {} (\"{}\"), which no document date places and which meets none of the "
                                  "days the dated claims give: it may tell of another event, not compared",
                                  ctx.Label(c->doc), model::ShowValue(c->value), c->evidence.text));
  }
  std::set<std::string> docs;
  for (const Claim* c : compared) docs.insert(c->doc);

  double worst_gap = -1;
  bool changed = false, internal = false, alarm_as_table = false;
  const Claim *from = nullptr, *to = nullptr;
  for (size_t i = 0; i < compared.size(); ++i) {
    for (size_t j = i + 1; j < compared.size(); ++j) {
      const Claim &a = *compared[i], &b = *compared[j];
      if (Intersect(E(a), E(b))) continue;
      alarm_as_table = alarm_as_table || !IsChange(a, b, false);
      if (IsChange(a, b)) {
        changed = true;
        const bool a_later = Later(a, b) || (!Later(b, a) && a.revision);
        from = a_later ? &b : &a;
        to = a_later ? &a : &b;
      } else if (a.doc == b.doc) {
        internal = true;
      } else {
        worst_gap = std::max(worst_gap, Gap(E(a), E(b)));
      }
    }
  }
  if (g.attribute == "crowd" && worst_gap < 0 && !internal && alarm_as_table) {
    f.notes.push_back(
        "a crowd is one gathering at one moment: figures that their sentences do not date to the same day are "
        "read as different moments or gatherings, not compared");
  }
  const std::string values = ValuesBySource(compared, ctx);
  auto as_of = [](const Claim& c) { return c.as_of.timex.empty() ? "unknown" : c.as_of.timex; };
  // Per pair: in a group that contradicts or changed, each count (an
  // interval as compared; a count of the shot states none) that two or more
  // independent sources state is their agreement.
  auto interval_of = [&](const Claim& c) -> std::optional<std::pair<int64_t, int64_t>> {
    model::Value v = Eff(c);  // as stated: not opened by the document's own bound
    if (bare(c)) std::get<Quantity>(v).lo -= g.widen;
    const auto* q = std::get_if<Quantity>(&v);
    if (q == nullptr || Shot(c) || Added(c) > 0 || (q->hi && *q->hi < q->lo)) return std::nullopt;
    if (c.scope.individual && opened(c)) return std::nullopt;  // one person told, read as at least one: no toll
    // As stated: a vague word's bound without its slack ("hundreds" is 200–999 here).
    const auto& said = std::get<Quantity>(c.value);
    const int64_t slack = said.vague && said.hi ? *said.hi + 1 : 0;
    return std::make_pair(q->lo, q->hi ? *q->hi - slack : INT64_MAX);
  };
  // A date of one stated day: that day, as a value of its own.
  auto day_of = [&](const Claim& c) -> std::optional<std::pair<int64_t, int64_t>> {
    if (!OneDay(c)) return std::nullopt;
    const int64_t day = DaysOf(std::get<model::Time>(c.value)).stated_lo;
    return std::make_pair(day, day);
  };
  auto agreements = [&](const std::string& verdict, std::vector<Finding>* out) {
    // (a date's day, else a count; bounds)
    auto value_of = [&](const Claim& c) -> std::optional<std::tuple<bool, int64_t, int64_t>> {
      const bool time = std::holds_alternative<model::Time>(c.value);
      const auto i = time ? day_of(c) : interval_of(c);
      if (!i) return std::nullopt;
      return std::make_tuple(time, i->first, i->second);
    };
    std::set<std::tuple<bool, int64_t, int64_t>> values_seen;
    for (const Claim* c : compared) {
      if (auto i = value_of(*c)) values_seen.insert(*i);
    }
    for (const auto& value : values_seen) {
      std::vector<const Claim*> same;
      for (const Claim* c : compared) {
        if (value_of(*c) == value) same.push_back(c);
      }
      if (same.size() < 2) continue;
      // Each pair of their day's parts meets, or they state no one figure.
      bool meet = true;
      for (const Claim* x : same) {
        for (const Claim* y : same) meet = meet && Intersect(E(*x), E(*y));
      }
      if (!meet) continue;
      Finding a;
      a.subject = g.subject;
      a.attribute = g.attribute;
      const size_t n = IndependentSources(same, ctx, &a.notes);
      if (n < 2) continue;
      for (const Claim* c : same) a.claims.push_back(c->id);
      const auto [times, lo, hi] = value;
      const std::string shown =
          times ? CivilDate::FromDays(lo).ToString()
                : model::ShowValue(lo == hi ? Quantity{static_cast<double>(lo), lo, hi, ""}
                                            : Quantity{std::nullopt, lo,
                                                       hi == INT64_MAX ? std::nullopt : std::optional<int64_t>(hi), ""});
      a.notes.push_back(fmt::format("part of a disagreement: these sources agree on {}; the {} finding of {} holds "
                                    "every figure", shown, verdict, g.subject));
      a.verdict = "agree";
      a.severity = "note";
      a.summary = fmt::format("{}: {} sources agree: {}", Title(g), n, shown);
      std::vector<const Claim*> by_time = same;
      std::stable_sort(by_time.begin(), by_time.end(), [](const Claim* x, const Claim* y) {
        const AsOfDays dx = AsOf(*x), dy = AsOf(*y);
        if (dx.known != dy.known) return dx.known;
        return dx.known && dx.lo != dy.lo ? dx.lo < dy.lo : ClaimOrder(x->id) < ClaimOrder(y->id);
      });
      for (const Claim* c : by_time) {
        a.timeline.push_back({c->id, ctx.Label(c->doc), c->as_of.timex, model::ShowValue(c->value), "standing"});
      }
      a.grouped_by = g.grouped_by;
      out->push_back(std::move(a));
    }
  };
  // Running totals grow as they are counted: their disagreement is a change.
  const std::string_view base = std::string_view(g.subject).substr(0, g.subject.find_first_of("@("));
  const auto has_role = [&](std::string_view role) {
    const std::string tail = fmt::format("/{}", role), middle = fmt::format("/{}/", role);
    return base.ends_with(tail) || base.find(middle) != std::string_view::npos;
  };
  if (has_role("total") && (worst_gap >= 0 || internal)) {
    f.verdict = "changed";
    f.severity = "note";
    f.summary = fmt::format("{}: running totals: {}", Title(g), values);
    f.notes.push_back(
        "running totals grow as they are counted and differ in what they count (a city's homicides, its "
        "shooting deaths): their difference is no contradiction");
    std::vector<Finding> out{f};
    agreements(f.verdict, &out);
    return out;
  }
  if (worst_gap >= 0) {
    f.verdict = "contradict";
    f.severity = Severity(worst_gap);
    f.summary = fmt::format("{}: {}", Title(g), values);
    std::vector<Finding> out{f};
    agreements(f.verdict, &out);
    return out;
  }
  // Other incidents' figures in one document are of several incidents.
  if (internal && (has_role("others") || g.background)) {
    f.verdict = "single";
    f.severity = "note";
    f.summary = fmt::format("{}: one document tells other incidents: {}", Title(g), values);
    f.notes.push_back(
        "one document's figures of other incidents than its story's are of several incidents as often as of one "
        "(\"In early March, a gunman …; in February, a gunman …\"): not compared with each other");
    return {f};
  }
  if (internal) {
    f.verdict = "internal";
    f.severity = "warning";
    f.summary = fmt::format("{}: one document says {}", Title(g), values);
    std::vector<Finding> out{f};
    // A change across sources beside it: the first claim (group order) above
    // a claim of another document, and the first such claim.
    for (const Claim* x : compared) {
      const Claim* below = nullptr;
      for (const Claim* y : compared) {
        if (below != nullptr || y->doc == x->doc || !IsInterval(E(*x)) || !IsInterval(E(*y))) continue;
        if (Bounds(E(*y)).second < Bounds(E(*x)).first) below = y;
      }
      if (below == nullptr) continue;
      const Claim &a = *x, &b = *below;
      const bool a_later = Later(a, b) || (!Later(b, a) && a.revision);
      const Claim &from_c = a_later ? b : a, &to_c = a_later ? a : b;
      Finding change = f;
      change.verdict = "changed";
      change.severity = "note";
      change.summary = fmt::format("{}: {} ({}, as of {}) then {} ({}, as of {})", Title(g),
                                   model::ShowValue(from_c.value), ctx.Label(from_c.doc), as_of(from_c),
                                   model::ShowValue(to_c.value), ctx.Label(to_c.doc), as_of(to_c));
      out.push_back(std::move(change));
      break;
    }
    agreements(f.verdict, &out);
    return out;
  }
  if (changed) {
    f.verdict = "changed";
    f.severity = "note";
    f.summary = fmt::format("{}: {} ({}, as of {}) then {} ({}, as of {})", Title(g), model::ShowValue(from->value),
                            ctx.Label(from->doc), as_of(*from), model::ShowValue(to->value), ctx.Label(to->doc),
                            as_of(*to));
    std::vector<Finding> out{f};
    agreements(f.verdict, &out);
    return out;
  }
  std::vector<Finding> out;
  for (const Claim* e : earlier) {
    const bool apart = std::any_of(compared.begin(), compared.end(), [&](const Claim* c) {
      if (!IsInterval(E(*e)) || !IsInterval(E(*c))) return false;
      const auto [elo, ehi] = Bounds(E(*e));
      const auto [clo, chi] = Bounds(E(*c));
      return ehi < clo || elo > chi;
    });
    if (!apart) continue;
    const Claim* target = nullptr;
    for (const Claim* c : compared) {
      if (!Intersect(E(*e), E(*c)) && c->doc == e->doc) {
        target = c;
        break;
      }
    }
    for (const Claim* c : compared) {
      if (target == nullptr && !Intersect(E(*e), E(*c))) target = c;
    }
    Finding change = f;
    change.verdict = "changed";
    change.severity = "note";
    const auto by = marked_by.find(e);
    const std::string how = by == marked_by.end() ? fmt::format("earlier: \"{}\"", e->timeline.cue)
                                                   : fmt::format("earlier, as {} says: \"{}\"",
                                                                 ctx.Label(by->second->doc), by->second->timeline.cue);
    change.summary = fmt::format("{}: {} ({}, {}) then {} ({}, as of {})", Title(g), model::ShowValue(e->value),
                                 ctx.Label(e->doc), how, model::ShowValue(target->value), ctx.Label(target->doc),
                                 as_of(*target));
    out.push_back(std::move(change));
    break;
  }
  std::vector<std::string> notes;
  const size_t sources = IndependentSources(compared, ctx, &notes);
  f.notes.insert(f.notes.end(), notes.begin(), notes.end());
  const Claim* sharpest = compared.front();
  for (const Claim* c : compared) {
    const model::Value vt = E(*c), vs = E(*sharpest);
    const auto* t = std::get_if<model::Time>(&vt);
    const auto* s = std::get_if<model::Time>(&vs);
    if (t && s && DaysOf(*t).known &&
        (!DaysOf(*s).known || DaysOf(*t).stated_hi - DaysOf(*t).stated_lo < DaysOf(*s).stated_hi - DaysOf(*s).stated_lo)) {
      sharpest = c;
    }
  }
  if (!out.empty()) {
    f.claims.clear();
    for (const Claim* c : compared) f.claims.push_back(c->id);
  }
  if (sources >= 2) {
    const Claim* night = nullptr;
    for (const Claim* c : compared) {
      if (night == nullptr && Tolerant(*c)) night = c;
    }
    const bool stated_apart = night != nullptr && std::any_of(compared.begin(), compared.end(), [&](const Claim* c) {
      const auto* a = std::get_if<model::Time>(&night->value);
      const auto* b = std::get_if<model::Time>(&c->value);
      if (a == nullptr || b == nullptr) return false;
      const DayInterval da = DaysOf(*a), db = DaysOf(*b);
      return da.known && db.known && (da.stated_hi < db.stated_lo || db.stated_hi < da.stated_lo);
    });
    std::set<std::string> weekdays;
    for (const Claim* c : compared) {
      const auto* t = std::get_if<model::Time>(&c->value);
      if (t == nullptr || t->timex.rfind("XXXX-WXX-", 0) != 0 || t->timex.size() < 10) continue;
      const char d = t->timex[9];
      const bool digit = d >= '1' && d <= '7' &&
                         (t->timex.size() == 10 || !std::isdigit(static_cast<unsigned char>(t->timex[10])));
      if (digit) weekdays.insert(std::string(1, d));
      if (t->timex.substr(9, 2) == "WE") weekdays.insert("WE");
    }
    std::set<std::string> month_days;  // open month-days of dates
    for (const Claim* c : compared) {
      const model::Value v = Eff(*c);
      const auto* t = std::get_if<model::Time>(&v);
      if (t != nullptr && t->granularity == kTolerantMonthDay) month_days.insert(DaysOf(*t).month_day);
    }
    if (stated_apart || weekdays.size() > 1 || month_days.size() > 1) {
      f.notes.push_back(
          "dates a day apart are read as one event (its night and the early hours after it; a day counted from "
          "a report's date, \"yesterday\" or \"tonight\", is known to a day either side)");
    }
    f.verdict = "agree";
    f.severity = "note";
    // A vague magnitude that agrees only with its slack says so.
    for (const Claim* v : compared) {
      const auto* q = std::get_if<Quantity>(&v->value);
      if (q == nullptr || !q->vague || !q->hi) continue;
      const bool beyond = std::any_of(compared.begin(), compared.end(), [&](const Claim* c) {
        const auto* other = std::get_if<Quantity>(&c->value);
        return other != nullptr && other->lo > *q->hi;
      });
      if (beyond) {
        f.notes.push_back(fmt::format("\"{}\" ({}) is vague: read up to {}, twice its bound", q->qualifier,
                                      ctx.Label(v->doc), model::WithSeparators(*Slack(*q).hi)));
        break;
      }
    }
    const bool shot = std::any_of(compared.begin(), compared.end(), [](const Claim* c) { return Shot(*c); });
    const bool added = std::any_of(compared.begin(), compared.end(), [](const Claim* c) { return Added(*c) > 0; });
    // Counts with no figure (as written) two documents state: each source's.
    std::map<std::pair<int64_t, std::optional<int64_t>>, std::set<std::string>> stating;
    for (const Claim* c : compared) {
      if (const auto* q = std::get_if<Quantity>(&c->value)) stating[{q->lo, q->hi}].insert(c->doc);
    }
    const bool by_source = !stating.empty() && std::none_of(stating.begin(), stating.end(),
                                                            [](const auto& s) { return s.second.size() >= 2; });
    // The figure most documents state (the first of equals).
    const Claim* shown = sharpest;
    size_t most = 0;
    for (const Claim* c : compared) {
      if (const auto* q = std::get_if<Quantity>(&c->value)) {
        const size_t n = stating[{q->lo, q->hi}].size();
        if (n > most) {
          most = n;
          shown = c;
        }
      }
    }
    f.summary = shot    ? fmt::format("{}: {} sources agree, the shot read as killed and wounded: {}", Title(g), sources,
                                      ValuesBySource(compared, ctx, "; "))
                : added ? fmt::format("{}: {} sources agree, with the counts their stories add: {}", Title(g), sources,
                                      ValuesBySource(compared, ctx, "; "))
                : by_source ? fmt::format("{}: {} sources agree, each in its own words: {}", Title(g), sources,
                                          ValuesBySource(compared, ctx, "; "))
                        : fmt::format("{}: {} sources agree: {}", Title(g), sources, model::ShowValue(shown->value));
  } else {
    f.verdict = "single";
    f.severity = "note";
    f.summary = docs.size() == 1
                    ? fmt::format("{}: {}, one source only", Title(g), values)
                    : fmt::format("{}: {} (one source, {} documents)", Title(g), values, docs.size());
  }
  out.insert(out.begin(), std::move(f));
  return out;
}

}  // namespace

inline bool SubjectsCompatible(const std::string& a, const std::string& b) {
  if (Base(a) != Base(b)) return false;
  const std::string pa = Place(a), pb = Place(b);
  return pa.empty() || pb.empty() || pa == pb;
}

inline double RelativeGap(int64_t a_lo, std::optional<int64_t> a_hi, int64_t b_lo,
                   std::optional<int64_t> b_hi) {
  // Order so that a lies below b.
  if (b_hi && *b_hi < a_lo) {
    std::swap(a_lo, b_lo);
    std::swap(a_hi, b_hi);
  }
  if (!a_hi || *a_hi >= b_lo) return 0.0;
  const double near_a = static_cast<double>(*a_hi), near_b = static_cast<double>(b_lo);
  return (near_b - near_a) / std::max(std::abs(near_a), std::abs(near_b));
}

inline void Reconcile(model::Report* report) {
  std::sort(report->inputs.begin(), report->inputs.end(),
            [](const auto& a, const auto& b) { return a.doc < b.doc; });
  std::sort(report->claims.begin(), report->claims.end(), [](const Claim& a, const Claim& b) {
    return ClaimOrder(a.id) < ClaimOrder(b.id);
  });
  Context ctx;
  for (const auto& d : report->inputs) ctx.docs[d.doc] = &d;
  std::map<std::string, std::vector<std::string>> claim_notes;
  BorrowYears(&report->claims, ctx, &claim_notes);

  report->findings.clear();
  for (const Group& g : GroupClaims(report->claims)) {
    for (Finding& f : Judge(g, ctx, claim_notes)) report->findings.push_back(std::move(f));
  }
  // Ties (two groups, one subject, attribute and verdict) by their claims in claim order.
  std::sort(report->findings.begin(), report->findings.end(), [&](const Finding& a, const Finding& b) {
    const auto claims = [](const Finding& f) {
      std::vector<std::pair<std::string, long>> out;
      for (const std::string& id : f.claims) {
        auto [doc, n] = ClaimOrder(id);
        out.emplace_back(std::string(doc), n);
      }
      return out;
    };
    return std::make_tuple(a.subject, a.attribute, a.verdict, claims(a), a.summary, a.notes) <
           std::make_tuple(b.subject, b.attribute, b.verdict, claims(b), b.summary, b.notes);
  });
  for (size_t i = 0; i < report->findings.size(); ++i) {
    report->findings[i].id = fmt::format("F{}", i + 1);
  }
}

}  // namespace claimcheck::reconcile::pairwise

#endif  // CLAIMCHECK_TESTS_RECONCILE_PAIRWISE_REFERENCE_H_
