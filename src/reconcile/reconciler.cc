#include "reconcile/reconciler.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "reconcile/item.h"
#include "reconcile/ledger.h"
#include "reconcile/sources.h"
#include "reconcile/sweep.h"
#include "util/date.h"

namespace claimcheck::reconcile {

using model::Claim;
using model::Finding;

namespace {

using ClaimNotes = std::map<std::string, std::vector<std::string>>;  // by claim id

std::string_view Base(std::string_view subject) { return subject.substr(0, subject.find('@')); }
std::string_view Place(std::string_view subject) {
  const size_t at = subject.find('@');
  return at == std::string_view::npos ? std::string_view() : subject.substr(at + 1);
}

// "fixtures/seeds/000_x#12" → ("fixtures/seeds/000_x", 12).
std::pair<std::string_view, long> ClaimOrder(const std::string& id) {
  const size_t hash = id.rfind('#');
  if (hash == std::string::npos) return {id, 0};
  return {std::string_view(id).substr(0, hash), std::strtol(id.c_str() + hash + 1, nullptr, 10)};
}

// Puts claims in claim order (documents, then position) and returns each
// claim's rank in it. Equal ids get equal ranks, so every later sort by rank
// orders claims as a sort by id would. Each id is read once.
std::vector<uint32_t> SortClaims(std::vector<Claim>* claims) {
  struct Key {
    std::pair<std::string_view, long> order;
    uint32_t index;
  };
  std::vector<Key> keys;
  keys.reserve(claims->size());
  for (size_t i = 0; i < claims->size(); ++i) keys.push_back({ClaimOrder((*claims)[i].id), static_cast<uint32_t>(i)});
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) { return a.order < b.order; });
  std::vector<uint32_t> ranks(keys.size(), 0);
  for (size_t k = 1; k < keys.size(); ++k) ranks[k] = ranks[k - 1] + (keys[k - 1].order < keys[k].order);
  // Claim k of the order is claims[keys[k].index]: permuted in place, cycle
  // by cycle, so 400,000 claims never take two vectors' room.
  std::vector<bool> placed(keys.size(), false);
  for (size_t start = 0; start < keys.size(); ++start) {
    if (placed[start] || keys[start].index == start) continue;
    Claim held = std::move((*claims)[start]);
    size_t to = start;
    for (size_t from = keys[to].index; from != start; from = keys[to].index) {
      (*claims)[to] = std::move((*claims)[from]);
      placed[to] = true;
      to = from;
    }
    (*claims)[to] = std::move(held);
    placed[to] = true;
  }
  return ranks;
}

// Every document a claim names, numbered in claim order, with what findings
// show of it; and each claim's document.
struct Documents {
  std::vector<DocInfo> info;
  std::vector<uint32_t> of_claim;
};

Documents NumberDocuments(const std::vector<model::DocumentRecord>& inputs, const std::vector<Claim>& claims) {
  std::unordered_map<std::string_view, const model::DocumentRecord*> records;
  for (const auto& d : inputs) records[d.doc] = &d;  // of equal ids, the last
  Documents docs;
  std::unordered_map<std::string_view, uint32_t> number;
  docs.of_claim.reserve(claims.size());
  for (const Claim& c : claims) {
    auto [it, fresh] = number.emplace(c.doc, static_cast<uint32_t>(docs.info.size()));
    if (fresh) {
      DocInfo d{c.doc, "", "", {}, std::nullopt};
      if (auto r = records.find(c.doc); r != records.end()) {
        d.source = r->second->source;
        d.names = r->second->names;
        if (auto day = ParseIsoDate(r->second->published)) d.published = day->ToDays();
      }
      const size_t slash = c.doc.rfind('/');
      d.label = !d.source.empty() ? d.source : slash == std::string::npos ? c.doc : c.doc.substr(slash + 1);
      docs.info.push_back(std::move(d));
    }
    docs.of_claim.push_back(it->second);
  }
  return docs;
}

// --- cross-document time ------------------------------------------------------

// Years date claims give one month-day of one event: year → up to two of
// the documents giving it (two tell that some document but any one gives it).
using YearDocs = std::map<int, std::array<uint32_t, 2>>;
constexpr uint32_t kNoDoc = UINT32_MAX;

void Note(YearDocs* years, int year, uint32_t doc) {
  auto [it, fresh] = years->try_emplace(year, std::array<uint32_t, 2>{doc, kNoDoc});
  if (!fresh && it->second[0] != doc) it->second[1] = doc;
}

struct DatedYears {  // of one (month-day, event base)
  std::map<std::string, YearDocs, std::less<>> by_place;  // "" for subjects without a place
  YearDocs all;
};

// The one year documents other than `doc` give, among subjects compatible
// with `place` (no place: any; a place: that one or none), if exactly one.
std::optional<int> OneYear(const DatedYears& dated, std::string_view place, uint32_t doc) {
  std::array<const YearDocs*, 2> lists{&dated.all, nullptr};
  if (!place.empty()) {
    auto here = dated.by_place.find(place), nowhere = dated.by_place.find(std::string_view());
    lists = {here == dated.by_place.end() ? nullptr : &here->second,
             nowhere == dated.by_place.end() ? nullptr : &nowhere->second};
  }
  std::set<int> years;
  for (const YearDocs* list : lists) {
    if (list == nullptr) continue;
    for (const auto& [year, docs] : *list) {
      if (docs[0] == doc && docs[1] == kNoDoc) continue;  // only this document gives it
      years.insert(year);
      if (years.size() > 1) return std::nullopt;
    }
  }
  return years.size() == 1 ? std::optional<int>(*years.begin()) : std::nullopt;
}

// A date one source gives without its year ("on 3 January") takes the year
// the other sources give the same event; the document's other open dates
// ("two days later" → XXXX-01-05) take it too, basis cross-document
// (LendYears). Dated claims are indexed by (month-day, event) once; each
// open date asks its key, once per (key, place, document). Only date claims
// are read, so the years of a batch can be found apart from its groups.
BorrowedYears FindYears(const std::vector<Claim>& claims, const Documents& docs) {
  std::map<std::pair<std::string, std::string>, DatedYears, std::less<>> dated;
  for (size_t i = 0; i < claims.size(); ++i) {
    const Claim& o = claims[i];
    const auto* t = o.attribute == "date" ? std::get_if<model::Time>(&o.value) : nullptr;
    if (t == nullptr || t->timex.size() < 10) continue;
    auto day = ParseIsoDate(t->timex.substr(0, 10));
    if (!day) continue;
    DatedYears& d = dated[{t->timex.substr(5, 5), std::string(Base(o.subject))}];
    Note(&d.by_place[std::string(Place(o.subject))], day->year, docs.of_claim[i]);
    Note(&d.all, day->year, docs.of_claim[i]);
  }
  std::map<std::tuple<std::string, std::string, std::string, uint32_t>, std::optional<int>> asked;
  BorrowedYears found;
  for (size_t i = 0; i < claims.size(); ++i) {
    const Claim& c = claims[i];
    const auto* t = c.attribute == "date" ? std::get_if<model::Time>(&c.value) : nullptr;
    if (t == nullptr || t->timex.size() < 10 || t->timex.rfind("XXXX-", 0) != 0 ||
        !std::isdigit(static_cast<unsigned char>(t->timex[5])) || (ParseIsoDate(t->lo) && ParseIsoDate(t->hi))) {
      continue;
    }
    const uint32_t doc = docs.of_claim[i];
    std::string month_day = t->timex.substr(5, 5), base(Base(c.subject)), place(Place(c.subject));
    auto [memo, fresh] = asked.try_emplace({month_day, base, place, doc});
    if (fresh) {
      auto d = dated.find(std::make_pair(month_day, base));
      if (d != dated.end()) memo->second = OneYear(d->second, place, doc);
    }
    if (!memo->second) continue;
    found.docs[c.doc] = *memo->second;  // of a document's open dates, the last in claim order
    found.claims[c.id] = *memo->second;
  }
  return found;
}

// Applies the years: the open date that found one says so in a note, and
// every open date of its document ("two days later" → XXXX-01-05) takes it.
void LendYears(const BorrowedYears& years, std::vector<Claim>* claims, const Documents& docs,
               ClaimNotes* notes_by_claim) {
  for (size_t i = 0; i < claims->size(); ++i) {
    Claim& c = (*claims)[i];
    if (auto it = years.claims.find(c.id); it != years.claims.end()) {
      const std::string& label = docs.info[docs.of_claim[i]].label;
      (*notes_by_claim)[c.id].push_back(fmt::format(
          "{} states no year ({}); the year {} is taken from the other sources, not from {}", label,
          std::get<model::Time>(c.value).timex, it->second, label));
    }
  }
  for (Claim& c : *claims) {
    auto it = years.docs.find(c.doc);
    if (it == years.docs.end() || c.as_of.timex.rfind("XXXX-", 0) != 0) continue;
    const std::string timex = fmt::format("{:04}{}", it->second, c.as_of.timex.substr(4));
    auto day = ParseIsoDate(timex.substr(0, std::min<size_t>(10, timex.size())));
    if (!day) continue;
    c.as_of = {timex, day->ToString(), day->ToString(), "cross-document"};
  }
}

// --- the split by event time ----------------------------------------------------

struct Part {
  std::string subject;
  std::vector<const Item*> items;  // claim order
  std::string why = {};  // why it was parted from the rest of its group, if it was
  /// Parted by its event time from the story's own (SplitByEventTime):
  /// another incident's, as a document's background tells it.
  bool background = false;
};

using Timed = std::pair<std::pair<int64_t, int64_t>, const Item*>;  // event days, claim
using Cluster = std::vector<Timed>;

// A date without its year ("XXXX-01-03") joins the first cluster whose span
// (first entry's first day to last entry's last day) holds that day, as a
// last entry dated the cluster's first day: the span shrinks to that day.
// Spans only shrink, so per month-day a cursor walks the clusters that held
// it when first asked, skipping those that no longer do, never stepping back.
// Returns the claims that joined nothing.
std::vector<const Item*> PlaceMonthDays(const std::vector<const Item*>& present, std::vector<Cluster>* clusters) {
  struct Cursor {
    std::vector<size_t> holding;
    size_t next = 0;
  };
  std::map<std::pair<int, int>, Cursor> cursors;
  std::vector<const Item*> undated;
  auto holds = [&](size_t k, MonthDay md) {
    const Cluster& c = (*clusters)[k];
    return Within(md, c.front().first.first, c.back().first.second);
  };
  for (const Item* c : present) {
    std::optional<size_t> into;
    if (c->month_day_text >= 0 && c->month_day.month != 0) {
      auto [it, fresh] = cursors.try_emplace({c->month_day.month, c->month_day.day});
      Cursor& cursor = it->second;
      for (size_t k = 0; fresh && k < clusters->size(); ++k) {
        if (holds(k, c->month_day)) cursor.holding.push_back(k);
      }
      while (cursor.next < cursor.holding.size() && !holds(cursor.holding[cursor.next], c->month_day)) {
        ++cursor.next;
      }
      if (cursor.next < cursor.holding.size()) into = cursor.holding[cursor.next];
    }
    if (!into) {
      undated.push_back(c);
      continue;
    }
    Cluster& cluster = (*clusters)[*into];
    const int64_t first = cluster.front().first.first;
    cluster.push_back({{first, first}, c});
  }
  return undated;
}

// --- stories --------------------------------------------------------------------

// How many names two documents share to tell one story, when neither
// stands alone (rules/README.md, "Verdicts", 7).
constexpr size_t kStoryShared = 2;
// How many names a document needs to be a story of its own when it shares
// none: a brief of two sentences names too few to tell.
constexpr size_t kStoryMinNames = 5;

// A batch holds many stories: two shootings a week apart in two towns are
// one subject ("shooting/deaths") but two stories, never compared. Of the
// documents with claims of one attribute and event (every place and scope:
// one partition), those that share kStoryShared of their names
// (DocumentRecord::names), directly or through others, tell one story. A
// document left alone by that (a brief that names the victim and the town)
// joins the one other story it shares a name with. With kStoryMinNames
// names or more and none shared, it is a story of its own. When that makes
// one story, every other document is that story's; when it makes several,
// a document none of them holds (it shares names with several, or has few
// names and shares none) is compared with no other: a story of its own.
// The story most documents tell (of equals, the first told) is the main
// one; the others are groups of their own, named "subject (story: name)"
// by the first of their first document's names the main story does not
// use. The work is linear in the documents (a document's pairs of names, a
// name's first three stories).
struct Stories {
  std::unordered_map<uint32_t, size_t> of_doc;  // 0: the main story
  std::vector<std::string> labels;              // by story; empty when one story
};

Stories TellStories(const std::vector<uint32_t>& members, const Documents& docs) {
  Stories out;
  for (uint32_t d : members) out.of_doc[d] = 0;
  if (members.size() < 2) return out;
  const auto names = [&](size_t k) -> const std::vector<std::string>& { return docs.info[members[k]].names; };
  std::vector<size_t> parent(members.size());
  for (size_t k = 0; k < parent.size(); ++k) parent[k] = k;
  const auto root = [&](size_t k) {
    while (parent[k] != k) k = parent[k] = parent[parent[k]];
    return k;
  };
  // Documents sharing two names share a pair of them: one pass over each
  // document's pairs, none over pairs of documents.
  static_assert(kStoryShared == 2);
  std::unordered_map<std::string, size_t> first_with;
  for (size_t k = 0; k < members.size(); ++k) {
    std::vector<std::string> sorted = names(k);
    std::sort(sorted.begin(), sorted.end());
    for (size_t a = 0; a < sorted.size(); ++a) {
      for (size_t b = a + 1; b < sorted.size(); ++b) {
        auto [it, fresh] = first_with.emplace(fmt::format("{}\t{}", sorted[a], sorted[b]), k);
        if (!fresh) parent[root(k)] = root(it->second);
      }
    }
  }
  // A document alone joins the one other story it shares a name with. The
  // stories a name is in are read before any such joining: the order of
  // the documents does not matter.
  std::vector<size_t> strong(members.size()), size(members.size(), 0);
  for (size_t k = 0; k < members.size(); ++k) ++size[strong[k] = root(k)];
  std::unordered_map<std::string_view, std::vector<size_t>> stories_of_name;  // at most three each
  for (size_t k = 0; k < members.size(); ++k) {
    for (const std::string& n : names(k)) {
      std::vector<size_t>& in = stories_of_name[n];
      if (in.size() < 3 && std::find(in.begin(), in.end(), strong[k]) == in.end()) in.push_back(strong[k]);
    }
  }
  std::vector<bool> unplaced(members.size(), false);
  for (size_t k = 0; k < members.size(); ++k) {
    if (size[strong[k]] > 1) continue;
    std::vector<size_t> others;
    for (const std::string& n : names(k)) {
      for (size_t r : stories_of_name[n]) {
        if (r != strong[k] && std::find(others.begin(), others.end(), r) == others.end()) others.push_back(r);
      }
    }
    if (others.size() == 1) {
      parent[root(k)] = root(others.front());
    } else if (!others.empty() || names(k).size() < kStoryMinNames) {
      unplaced[k] = true;  // the one story's, or, among several, a story of its own
    }
  }
  std::vector<std::vector<size_t>> stories;  // in order of first telling
  std::vector<size_t> story_of(members.size(), 0);
  std::unordered_map<size_t, size_t> story_of_root;
  for (size_t k = 0; k < members.size(); ++k) {
    if (unplaced[k]) continue;
    auto [it, fresh] = story_of_root.emplace(root(k), stories.size());
    if (fresh) stories.emplace_back();
    stories[it->second].push_back(k);
    story_of[k] = it->second;
  }
  if (stories.size() < 2) return out;
  // Among several stories, a document none of them holds is compared with
  // none: a story of its own.
  for (size_t k = 0; k < members.size(); ++k) {
    if (!unplaced[k]) continue;
    story_of[k] = stories.size();
    stories.push_back({k});
    unplaced[k] = false;
  }
  size_t main = 0;
  for (size_t s = 1; s < stories.size(); ++s) {
    if (stories[s].size() > stories[main].size()) main = s;
  }
  // Numbered with the main story first, the others in order of first telling.
  std::vector<size_t> number(stories.size());
  for (size_t s = 0, next = 1; s < stories.size(); ++s) number[s] = s == main ? 0 : next++;
  std::set<std::string_view> main_names;
  for (size_t k : stories[main]) main_names.insert(names(k).begin(), names(k).end());
  out.labels.resize(stories.size());
  for (size_t s = 0; s < stories.size(); ++s) {
    const std::vector<std::string>& first = names(stories[s].front());
    std::string& label = out.labels[number[s]];
    label = first.empty() ? docs.info[members[stories[s].front()]].label : first.front();
    if (s == main) continue;
    for (const std::string& n : first) {
      if (!main_names.count(n)) {
        label = n;
        break;
      }
    }
  }
  for (size_t k = 0; k < members.size(); ++k) out.of_doc[members[k]] = number[story_of[k]];
  return out;
}

// Event times this many days apart are two moments: a background event, not
// the story's own (SplitByEventTime, OfBackground).
constexpr int64_t kBackgroundDays = 60;
// Outlets date one event within a day or two of each other: an event date
// weeks from the story's ("In February, a man was shot at a rest area" in a
// story of an April shooting) is another event's, however near its month ends.
constexpr int64_t kBackgroundDateDays = 14;

// A background event ("the 2003 quake that killed 26,000" in a 2005 story)
// separates by its own time: claims whose event times lie more than
// kApart days from every claim of the story's present form their own
// groups, named "subject (2003)". Troop counts never split: their times
// are when they were counted.
std::vector<Part> SplitByEventTime(const std::string& attribute, const std::string& subject,
                                   std::vector<const Item*> items) {
  const int64_t kApart = attribute == "date" ? kBackgroundDateDays : kBackgroundDays;
  // A force's size at two times is one subject that changed, not two events.
  if (attribute == "troops") return {Part{subject, std::move(items)}};
  std::vector<Timed> timed;
  std::vector<const Item*> present;
  for (const Item* c : items) {
    if (c->event) {
      timed.push_back({*c->event, c});
    } else {
      present.push_back(c);
    }
  }
  std::sort(timed.begin(), timed.end(), [](const Timed& a, const Timed& b) {
    return a.first != b.first ? a.first < b.first : a.second->order < b.second->order;
  });
  // Clusters of event times, each within kApart of the last.
  std::vector<Cluster> clusters;
  for (const Timed& t : timed) {
    if (clusters.empty() || t.first.first - clusters.back().back().first.second > kApart) clusters.emplace_back();
    clusters.back().push_back(t);
  }
  // The story's present: the cluster nearest the documents' own dates, else
  // the largest. Event dates are not measured against the present (an
  // anniversary story dates its event years back): the most attested wins.
  // Which cluster is the story's own: the one nearest the day most claims
  // are reported (the lower median of their documents' dates), so that a
  // follow-up a year on does not make the story's own toll a background.
  int64_t nearest_to = INT64_MIN;
  std::vector<int64_t> reported;
  for (const Item* c : items) {
    if (c->as_of_known && c->document_time) reported.push_back(c->as_of_hi);
  }
  if (!reported.empty()) {
    const auto median = reported.begin() + static_cast<std::ptrdiff_t>((reported.size() - 1) / 2);
    std::nth_element(reported.begin(), median, reported.end());
    nearest_to = *median;
  }
  const int64_t present_day = attribute != "date" ? nearest_to : INT64_MIN;  // counts: that day
  present = PlaceMonthDays(present, &clusters);
  auto last_day = [&](size_t k) { return clusters[k].back().first.second; };
  size_t main = 0;
  for (size_t i = 0; i < clusters.size(); ++i) {
    const auto distance = [&](size_t k) { return std::abs(last_day(k) - nearest_to); };
    if (nearest_to != INT64_MIN ? distance(i) < distance(main) : clusters[i].size() > clusters[main].size()) {
      main = i;
    }
  }
  std::vector<Part> out;
  Part head{subject, std::move(present)};
  for (size_t i = 0; i < clusters.size(); ++i) {
    // Counts: far from the documents' dates. Event dates, or when nothing
    // dates the present: any cluster but the story's own.
    const bool background = present_day != INT64_MIN
                                ? std::abs(last_day(i) - present_day) > kApart &&
                                      std::abs(clusters[i].front().first.first - present_day) > kApart
                                : i != main;
    Part part{background ? fmt::format("{} ({})", subject, Period(clusters[i].front().first)) : subject, {}, {},
              background};
    for (const Timed& t : clusters[i]) part.items.push_back(t.second);
    if (!background) {
      head.items.insert(head.items.end(), part.items.begin(), part.items.end());
    } else {
      out.push_back(std::move(part));
    }
  }
  const auto by_order = [](const Item* a, const Item* b) { return a->order < b->order; };
  std::sort(head.items.begin(), head.items.end(), by_order);
  for (Part& part : out) std::sort(part.items.begin(), part.items.end(), by_order);
  if (!head.items.empty()) out.insert(out.begin(), std::move(head));
  return out;
}

// --- two events one source tells apart -----------------------------------------------

// A date claim's day of the year, year aside (in 2000, a leap year): of a
// value of one stated day, or of a month and day without a year.
std::optional<int64_t> DayOfYear(const Item& c) {
  if (c.quantity) return std::nullopt;
  if (c.known && c.day_lo == c.day_hi) {
    const CivilDate d = CivilDate::FromDays(c.day_lo);
    return CivilDate{2000, d.month, d.day}.ToDays();
  }
  if (!c.known && c.month_day_text >= 0 && c.month_day.month != 0) {
    return CivilDate{2000, c.month_day.month, c.month_day.day}.ToDays();
  }
  return std::nullopt;
}

std::string DayName(int64_t day_of_year) {
  const CivilDate d = CivilDate::FromDays(day_of_year);
  return fmt::format("{} {}", d.day, MonthName(d.month));
}

// Rule 8 of rules/README.md, "Verdicts": a document that dates one event
// word on two days more than a day apart ("killed June 24" and "the June 20
// shooting"; "arrested Sunday, February 1" and "arrested Jan. 6") speaks of
// two events. The days such documents tell apart, merged when a day or less
// apart, part a date group: each claim of one day joins the nearest of them
// (the first of equals), every other claim the one most claims join. The
// part most claims join keeps the subject; the others are "subject (on 6
// January)". O(g log g).
std::vector<Part> SplitToldApart(const std::string& attribute, Part part) {
  if (attribute != "date") return {std::move(part)};
  std::vector<std::pair<uint32_t, int64_t>> by_doc;  // (document, day of the year)
  for (const Item* c : part.items) {
    if (auto day = DayOfYear(*c)) by_doc.emplace_back(c->doc, *day);
  }
  std::sort(by_doc.begin(), by_doc.end());
  std::vector<int64_t> told;  // days some document tells apart from another of its own
  // Days of the year are a circle: "New Year's Eve" and "Jan. 1" are a day
  // apart (an overnight event), not 365 days.
  const int64_t year_start = CivilDate{2000, 1, 1}.ToDays();
  constexpr int64_t kYear = 366;  // 2000 is a leap year
  for (size_t i = 0; i < by_doc.size();) {
    size_t j = i;
    while (j < by_doc.size() && by_doc[j].first == by_doc[i].first) ++j;
    // How many of this document's days lie within a day of `d`, across the
    // turn of the year too (the days are sorted: O(log n) each).
    const auto within_a_day = [&](int64_t d) {
      const auto count = [&](int64_t lo, int64_t hi) {  // days in [lo, hi]
        const auto a = std::lower_bound(by_doc.begin() + static_cast<std::ptrdiff_t>(i),
                                        by_doc.begin() + static_cast<std::ptrdiff_t>(j), lo,
                                        [](const auto& e, int64_t v) { return e.second < v; });
        const auto b = std::upper_bound(a, by_doc.begin() + static_cast<std::ptrdiff_t>(j), hi,
                                        [](int64_t v, const auto& e) { return v < e.second; });
        return static_cast<size_t>(b - a);
      };
      size_t n = count(d - 1, d + 1);
      if (d - 1 < year_start) n += count(d - 1 + kYear, d - 1 + kYear);
      if (d + 1 >= year_start + kYear) n += count(d + 1 - kYear, d + 1 - kYear);
      return n;
    };
    for (size_t k = i; k < j; ++k) {
      if (within_a_day(by_doc[k].second) < j - i) told.push_back(by_doc[k].second);
    }
    i = j;
  }
  std::sort(told.begin(), told.end());
  std::vector<std::pair<int64_t, int64_t>> days;  // merged: each a day or less from the last
  for (int64_t d : told) {
    if (days.empty() || d - days.back().second > 1) days.emplace_back(d, d);
    days.back().second = d;
  }
  if (days.size() < 2) return {std::move(part)};
  std::vector<std::optional<size_t>> into(part.items.size());
  std::vector<size_t> joined(days.size(), 0);
  for (size_t i = 0; i < part.items.size(); ++i) {
    const auto day = DayOfYear(*part.items[i]);
    if (!day) continue;
    // The first span ending at or after the day, and the one before it.
    auto it = std::lower_bound(days.begin(), days.end(), *day,
                               [](const std::pair<int64_t, int64_t>& span, int64_t d) { return span.second < d; });
    size_t k = static_cast<size_t>(it - days.begin());
    const int64_t after = k == days.size() ? INT64_MAX : std::max<int64_t>(0, days[k].first - *day);
    if (k > 0 && *day - days[k - 1].second <= after) --k;  // the nearer; the first of equals
    into[i] = k;
    ++joined[k];
  }
  const size_t main = static_cast<size_t>(std::max_element(joined.begin(), joined.end()) - joined.begin());
  std::vector<Part> parts(days.size());
  std::vector<std::string> names;
  for (const auto& span : days) names.push_back(DayName(span.first));
  for (size_t k = 0; k < days.size(); ++k) {
    parts[k].subject = k == main ? part.subject : fmt::format("{} (on {})", part.subject, names[k]);
    parts[k].why = fmt::format("dates one document tells apart are two events: {}", fmt::join(names, "; "));
    parts[k].background = part.background;
  }
  for (size_t i = 0; i < part.items.size(); ++i) parts[into[i].value_or(main)].items.push_back(part.items[i]);
  std::vector<Part> out;
  if (!parts[main].items.empty()) out.push_back(std::move(parts[main]));
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k != main && !parts[k].items.empty()) out.push_back(std::move(parts[k]));
  }
  return out;
}

// --- the timeline of a group ------------------------------------------------------

// Where a group's claims stand before values are compared: figures their
// own sentence marks as earlier are superseded (a change, never an alarm);
// of the rest, when two or more documents state one value, a document that
// states it has its values that exclude it set aside (a part, another moment
// or a stray time in its story: noted, never compared); the others are
// compared.
struct Standing {
  std::vector<const Item*> compared;  // claim order
  std::vector<const Item*> earlier;
  std::vector<const Item*> aside;
  std::vector<const Item*> hedged;  // hedged counts that plain ones exclude: set aside too
  std::vector<const Item*> unplaced;  // dates no document date placed that meet no dated claim's day
  // Of `earlier`, the figures another document marks as earlier ("raising an
  // earlier toll of 12"), and the claim that marks each.
  std::unordered_map<const Item*, const Item*> marked_by;

  // The same standing over other items: `now` maps each item to its own.
  void Remap(const std::unordered_map<const Item*, const Item*>& now) {
    for (auto* list : {&earlier, &aside, &hedged, &unplaced, &compared}) {
      for (const Item*& c : *list) c = now.at(c);
    }
    std::unordered_map<const Item*, const Item*> remapped;
    for (const auto& [c, by] : marked_by) remapped[now.at(c)] = now.at(by);
    marked_by = std::move(remapped);
  }

  // Who marks an earlier figure and with which words: another document's
  // label and cue when one marks it, else none and its own sentence's cue.
  std::pair<std::optional<std::string>, std::string> EarlierCue(const Item* c, const std::vector<DocInfo>& docs) const {
    const auto by = marked_by.find(c);
    if (by == marked_by.end()) return {std::nullopt, c->claim->timeline.cue};
    return {docs[by->second->doc].label, by->second->claim->timeline.cue};
  }
};

// A value that is an interval of counts or of days (lo ≤ hi: reversed
// bounds, which only a hand-written record has, are none).
bool IsInterval(const Item& c) { return c.quantity ? !c.Reversed() : c.known && c.lo <= c.hi; }

// A figure a source states, not only bounds: a count within a quarter of
// itself ("24", "about 40"; not "at least 3", "dozens", "up to 80"), a day
// (one more across midnight). Only these say which value a source gives.
bool Definite(const Item& c) {
  if (!IsInterval(c)) return false;
  if (c.quantity) return c.hi != kOpen && c.hi - c.lo <= std::max<int64_t>(2, c.hi / 4);
  return c.day_hi - c.day_lo <= 1;
}

// A value as the figure it states: a quantity's bounds; a known time's
// days (those its hours touch: "Monday night" and "at 10 p.m. Monday" state
// one day, as far as a day's part lets it reach).
std::pair<int64_t, int64_t> Stated(const Item& c) {
  if (c.quantity || !c.known) return {c.lo, c.hi};
  return {DayOfHour(c.lo), DayOfHour(c.hi)};
}

// A figure that says which value its source gives: Definite, and not a
// count of the shot, which gives the wounded only bounds ("Four people were
// shot" beside its own "three wounded").
bool Gives(const Item& c) { return Definite(c) && !c.shot; }

// The value the most documents state (Gives), as a point of their
// values (the least such point), and how many documents state it.
std::pair<int64_t, size_t> MostGiven(const std::vector<const Item*>& items) {
  std::vector<std::pair<uint32_t, std::pair<int64_t, int64_t>>> spans;  // (doc, [lo, hi])
  for (const Item* c : items) {
    if (Gives(*c)) spans.push_back({c->doc, Stated(*c)});
  }
  std::sort(spans.begin(), spans.end());
  // Each document's values merged, so that a document counts once per point.
  std::vector<std::pair<int64_t, int>> edges;  // (point, +1 where a span starts, -1 after it ends)
  for (size_t i = 0; i < spans.size();) {
    const uint32_t doc = spans[i].first;
    int64_t lo = spans[i].second.first, hi = spans[i].second.second;
    auto close = [&] {
      edges.push_back({lo, +1});
      if (hi != kOpen) edges.push_back({hi + 1, -1});
    };
    for (++i; i < spans.size() && spans[i].first == doc; ++i) {
      if (spans[i].second.first > hi && (hi == kOpen || spans[i].second.first > hi + 1)) {
        close();
        lo = spans[i].second.first;
        hi = spans[i].second.second;
      } else {
        hi = std::max(hi, spans[i].second.second);
      }
    }
    close();
  }
  std::sort(edges.begin(), edges.end());  // at one point, ends (-1) before starts
  int64_t best_at = 0;
  size_t best = 0, now = 0;
  for (size_t i = 0; i < edges.size(); ++i) {
    now = edges[i].second > 0 ? now + 1 : now - 1;
    const bool last_here = i + 1 == edges.size() || edges[i + 1].first != edges[i].first;
    if (last_here && now > best) {
      best = now;
      best_at = edges[i].first;
    }
  }
  return {best_at, best};
}

Standing Stand(const std::vector<const Item*>& items) {
  Standing s;
  std::vector<const Item*> current;
  for (const Item* c : items) (c->earlier ? s.earlier : current).push_back(c);
  if (current.empty()) std::swap(current, s.earlier);  // nothing later in the stories: as they are
  // A figure one document marks as earlier and replaces with a figure of its
  // own ("At least 15 were killed, raising an earlier toll of 12") is that
  // earlier figure in every source that states it, unless that source
  // reported it after the marking one: superseded too ("changed", never an
  // alarm against the figure that replaced it). Not when the marking
  // document gives no figure apart from it here ("The UN said earlier that
  // it had confirmed 55 wounded" and no later count of the wounded): nothing
  // there says what replaced it. Looked up by value (a sorted map, O(log g)
  // a figure) and by document (hashed).
  if (!s.earlier.empty()) {
    std::unordered_map<uint32_t, std::vector<const Item*>> current_of;  // doc → its current items
    for (const Item* c : current) current_of[c->doc].push_back(c);
    const auto replaced = [&](const Item* e) {
      const auto it = current_of.find(e->doc);
      return it != current_of.end() &&
             std::any_of(it->second.begin(), it->second.end(), [&](const Item* c) { return !Intersect(*e, *c); });
    };
    std::map<std::pair<int64_t, int64_t>, std::vector<const Item*>> marked;  // (lo, hi) → marking claims
    for (const Item* e : s.earlier) {
      if (Definite(*e) && replaced(e)) marked[Stated(*e)].push_back(e);
    }
    std::vector<const Item*> kept, moved;
    for (const Item* c : current) {
      const Item* by = nullptr;
      if (const auto it = Definite(*c) ? marked.find(Stated(*c)) : marked.end(); it != marked.end()) {
        for (const Item* e : it->second) {
          const bool after = c->as_of_known && e->as_of_known && c->as_of_lo > e->as_of_hi;
          if (e->doc != c->doc && !after) {
            by = e;
            break;
          }
        }
      }
      (by == nullptr ? kept : moved).push_back(c);
      if (by != nullptr) s.marked_by[c] = by;
    }
    if (kept.empty()) {  // nothing would stand: as they are
      s.marked_by.clear();
    } else {
      current = std::move(kept);
      s.earlier.insert(s.earlier.end(), moved.begin(), moved.end());
      std::stable_sort(s.earlier.begin(), s.earlier.end(),
                       [](const Item* a, const Item* b) { return a->order < b->order; });
    }
  }
  // A hedged count ("it is feared that three died") that the counts stated
  // plainly exclude is no claim against them: set aside, noted.
  int64_t plain_lo = INT64_MIN, plain_hi = INT64_MAX;
  for (const Item* c : current) {
    if (c->quantity && IsInterval(*c) && !c->claim->hedged) {
      plain_lo = std::max(plain_lo, c->lo);
      plain_hi = std::min(plain_hi, c->hi);
    }
  }
  if (plain_lo != INT64_MIN) {
    std::vector<const Item*> kept;
    for (const Item* c : current) {
      const bool excluded = c->quantity && IsInterval(*c) && c->claim->hedged && (c->hi < plain_lo || c->lo > plain_hi);
      (excluded ? s.hedged : kept).push_back(c);
    }
    current = std::move(kept);
  }
  // A date no document date could place (a weekday, a day of a month without
  // its year) that meets none of the days the dated claims give may tell of
  // another event (an undated story of an earlier attack): no evidence for
  // or against them, so neither an agreement nor a contradiction. Set
  // aside, noted (rules/README.md, "Verdicts").
  // The days the dated claims give, as the month-days and weekdays they
  // hold (each span's first 400 days, as MonthDayMeets reads it, and the day
  // before it for a tolerant month-day): O(1) per open date after one pass.
  std::array<std::array<bool, 32>, 13> covered{}, day_before{};
  unsigned weekdays = 0;
  bool any_dated = false;
  for (const Item* d : current) {
    if (d->quantity || !IsInterval(*d)) continue;
    any_dated = true;
    const int64_t first = DayOfHour(d->lo), last = DayOfHour(d->hi);
    for (int64_t day = first; day <= std::min(last, first + 399); ++day) {
      const CivilDate date = CivilDate::FromDays(day);
      covered[date.month][date.day] = true;
      if (day < first + 7) weekdays |= 1u << date.Weekday();
    }
    const CivilDate before = CivilDate::FromDays(first - 1);
    day_before[before.month][before.day] = true;
  }
  if (any_dated) {
    const auto meets = [&](const Item& open) {
      if (!open.OpenMonthDay()) return (WeekdayMask(open.weekday) & weekdays) != 0;
      const MonthDay md = open.month_day;
      if (md.month == 0) return false;  // no day of any year
      return covered[md.month][md.day] || (open.month_day_tolerant && day_before[md.month][md.day]);
    };
    std::vector<const Item*> kept;
    for (const Item* c : current) {
      const bool unplaced = (c->OpenMonthDay() || c->OpenWeekday()) && !meets(*c);
      (unplaced ? s.unplaced : kept).push_back(c);
    }
    current = std::move(kept);
  }
  const auto most = MostGiven(current);
  // Named copies, not structured bindings: clang 14 lets no lambda capture those.
  const auto point = most.first;
  const auto documents = most.second;
  if (documents < 2) {
    s.compared = std::move(current);
    return s;
  }
  auto gives = [&](const Item* c) { return Gives(*c) && Stated(*c).first <= point && point <= Stated(*c).second; };
  auto holds = [&](const Item* c) {  // states it, or bounds that allow it: not set aside
    return IsInterval(*c) && Stated(*c).first <= point && point <= Stated(*c).second;
  };
  std::unordered_set<uint32_t> giving;
  for (const Item* c : current) {
    if (gives(c)) giving.insert(c->doc);
  }
  for (const Item* c : current) (giving.count(c->doc) && !holds(c) ? s.aside : s.compared).push_back(c);
  return s;
}

// Whether `a` is disjoint from some claim of `others` (quantities and known
// days by their extremes, in O(1) after one pass).
struct Extremes {
  bool any = false;
  int64_t max_lo = 0, min_hi = 0;
  explicit Extremes(const std::vector<const Item*>& items) {
    for (const Item* c : items) {
      if (!IsInterval(*c)) continue;
      max_lo = any ? std::max(max_lo, c->lo) : c->lo;
      min_hi = any ? std::min(min_hi, c->hi) : c->hi;
      any = true;
    }
  }
  bool Apart(const Item& a) const { return any && IsInterval(a) && (a.hi < max_lo || a.lo > min_hi); }
};

// The largest lower bound of another document's count no later than an item:
// counts sorted by report day (unknown first: never later), with the two
// largest of distinct documents up to each; built in O(g log g), asked in
// O(log g). Built only when `needed`; else every answer is INT64_MIN.
class LargestOtherSoFar {
 public:
  LargestOtherSoFar(const std::vector<const Item*>& items, bool needed) {
    if (!needed) return;
    std::vector<const Item*> counts;
    for (const Item* o : items) {
      if (o->quantity) counts.push_back(o);
    }
    std::sort(counts.begin(), counts.end(), [](const Item* a, const Item* b) { return Day(*a) < Day(*b); });
    Top2 top;
    for (const Item* o : counts) {
      top.Add(o->lo, o->doc);
      if (!by_day_.empty() && by_day_.back().first == Day(*o)) {
        by_day_.back().second = top;
      } else {
        by_day_.emplace_back(Day(*o), top);
      }
    }
  }
  /// Of counts of documents other than c's reported on or before c's last
  /// day (or undated on either side).
  int64_t Lo(const Item& c) const {
    auto upto = by_day_.end();
    if (c.as_of_known) {
      upto = std::upper_bound(by_day_.begin(), by_day_.end(), c.as_of_hi,
                              [](int64_t d, const std::pair<int64_t, Top2>& e) { return d < e.first; });
    }
    return upto == by_day_.begin() ? INT64_MIN : std::prev(upto)->second.Besides(c.doc);
  }

 private:
  struct Top2 {
    int64_t lo1 = INT64_MIN, lo2 = INT64_MIN;  // lo2: largest of a document other than doc1's
    uint32_t doc1 = UINT32_MAX;
    void Add(int64_t lo, uint32_t doc) {
      if (doc == doc1) {
        lo1 = std::max(lo1, lo);
      } else if (lo > lo1) {
        lo2 = lo1;
        lo1 = lo;
        doc1 = doc;
      } else {
        lo2 = std::max(lo2, lo);
      }
    }
    int64_t Besides(uint32_t doc) const { return doc == doc1 ? lo2 : lo1; }
  };
  static int64_t Day(const Item& o) { return o.as_of_known ? o.as_of_lo : INT64_MIN; }
  std::vector<std::pair<int64_t, Top2>> by_day_;  // report day (INT64_MIN: unknown) → top two up to it
};

// --- verdicts -------------------------------------------------------------------

// A pair of disjoint values of two documents (intervals only: counts and
// known days), in group order: the first claim that lies above some claim
// of another document, and the first such claim below it. O(g).
std::optional<std::pair<const Item*, const Item*>> AcrossDocuments(const std::vector<const Item*>& items) {
  // The two lowest upper bounds held by different documents.
  std::array<std::pair<int64_t, uint32_t>, 2> low{{{kOpen, UINT32_MAX}, {kOpen, UINT32_MAX}}};
  for (const Item* c : items) {
    if (!IsInterval(*c)) continue;
    if (c->doc == low[0].second) {
      low[0].first = std::min(low[0].first, c->hi);
    } else if (c->doc == low[1].second) {
      low[1].first = std::min(low[1].first, c->hi);
    } else if (c->hi < low[1].first) {
      low[1] = {c->hi, c->doc};
    }
    if (low[1].first < low[0].first) std::swap(low[0], low[1]);
  }
  for (const Item* x : items) {
    if (!IsInterval(*x)) continue;
    const int64_t below = low[0].second != x->doc ? low[0].first : low[1].first;
    if (below >= x->lo) continue;
    for (const Item* y : items) {
      if (IsInterval(*y) && y->doc != x->doc && y->hi < x->lo) return std::make_pair(x, y);
    }
  }
  return std::nullopt;
}

std::string Severity(double gap) {
  if (gap >= 0.20) return "error";
  if (gap >= 0.05) return "warning";
  return "note";
}

// A summary names at most this many sources, then counts the rest: the
// finding's claims list them all, and a summary of one event reported by a
// hundred thousand outlets would otherwise be megabytes of one line, repeated
// by every human format.
constexpr size_t kSummarySources = 100;

// "5, at least 5 (inquirer.net) vs 24 (independent.co.uk)": each source's
// distinct values once, sources in the group's order; past kSummarySources,
// "… and 9,085 more sources".
std::string ValuesBySource(const std::vector<const Item*>& items, const std::vector<DocInfo>& docs,
                           std::string_view separator = " vs ") {
  std::vector<std::pair<std::string_view, std::vector<std::string>>> by_source;
  std::unordered_map<std::string_view, size_t> source_at;
  std::vector<std::unordered_set<std::string>> seen;
  for (const Item* c : items) {
    const std::string& label = docs[c->doc].label;
    auto [it, fresh] = source_at.emplace(label, by_source.size());
    if (fresh) {
      by_source.push_back({label, {}});
      seen.emplace_back();
    }
    std::string value = model::ShowValue(c->claim->value) + (c->shot ? " shot" : "") +
                        (c->added > 0 ? fmt::format(" and {} more", model::WithSeparators(c->added)) : "");
    if (seen[it->second].insert(value).second) by_source[it->second].second.push_back(std::move(value));
  }
  std::string s;
  for (size_t i = 0; i < std::min(by_source.size(), kSummarySources); ++i) {
    std::string joined;
    for (const std::string& v : by_source[i].second) joined += (joined.empty() ? "" : ", ") + v;
    s += fmt::format("{}{} ({})", s.empty() ? "" : separator, joined, by_source[i].first);
  }
  if (by_source.size() > kSummarySources) {
    const size_t more = by_source.size() - kSummarySources;
    s += fmt::format(" and {} more source{}", model::WithSeparators(static_cast<int64_t>(more)), more == 1 ? "" : "s");
  }
  return s;
}

std::string Title(std::string attribute, const std::string& subject) {
  if (!attribute.empty()) attribute[0] = static_cast<char>(std::toupper(attribute[0]));
  return fmt::format("{} of {}", attribute, subject);
}

// What the group's timeline and scope set aside, said once per claim.
std::vector<std::string> StandingNotes(const Part& part, const Standing& s, const std::vector<DocInfo>& docs) {
  std::vector<std::string> notes;
  for (const Item* c : part.items) {
    if (c->perpetrators > 0) {
      const auto& q = std::get<model::Quantity>(c->claim->value);
      notes.push_back(fmt::format("{} counts the perpetrator{} (\"{}\"): {} with, {} without", docs[c->doc].label,
                                  c->perpetrators > 1 ? "s" : "", c->claim->evidence.text, model::ShowValue(q),
                                  model::ShowValue(WithoutPerpetrators(q, c->perpetrators))));
    }
  }
  for (const Item* c : part.items) {
    if (c->shot) {
      const auto& q = std::get<model::Quantity>(c->claim->value);
      const int64_t killed = c->claim->scope.killed;
      notes.push_back(fmt::format("{} counts people shot, killed or wounded (\"{}\"): {} shot, {} dead in its story, "
                                  "read as {} wounded", docs[c->doc].label, c->claim->evidence.text, model::ShowValue(q),
                                  killed >= 0 ? std::to_string(killed) : "none counted",
                                  model::ShowValue(model::WoundedOfShot(q, killed))));
    }
  }
  for (const Item* c : part.items) {
    if (c->added > 0) {
      model::Quantity with = std::get<model::Quantity>(c->claim->value);
      with.point.reset();
      with.qualifier.clear();
      if (with.hi) *with.hi += c->added;
      notes.push_back(fmt::format("{} tells of {} more besides \"{}\": read as {}",
                                  docs[c->doc].label, model::WithSeparators(c->added), c->claim->evidence.text,
                                  model::ShowValue(with)));
    }
  }
  if (std::any_of(part.items.begin(), part.items.end(), [](const Item* c) { return c->maybe_perpetrators; })) {
    notes.push_back("counts that do not say whether they include the perpetrator are read with or without "
                    "them: another count of this event includes them");
  }
  std::set<std::string> said;  // one document's "1 killed" and "One person was killed": one note
  for (const Item* c : s.earlier) {
    const auto [by, cue] = s.EarlierCue(c, docs);
    std::string note =
        !by ? fmt::format("{} gives {} as an earlier figure (\"{}\"): superseded, not compared", docs[c->doc].label,
                          model::ShowValue(c->claim->value), cue)
            : fmt::format("{} gives {}, which {} gives as an earlier figure (\"{}\"): superseded, not compared",
                          docs[c->doc].label, model::ShowValue(c->claim->value), *by, cue);
    if (said.insert(note).second) notes.push_back(std::move(note));
  }
  for (const Item* c : s.aside) {
    notes.push_back(fmt::format("{} also says {} (\"{}\") beside the value other sources give: another figure "
                                "of its story, not compared",
                                docs[c->doc].label, model::ShowValue(c->claim->value), c->claim->evidence.text));
  }
  for (const Item* c : s.hedged) {
    notes.push_back(fmt::format("{} hedges {} (\"{}\"): not compared with the counts stated plainly",
                                docs[c->doc].label, model::ShowValue(c->claim->value), c->claim->evidence.text));
  }
  for (const Item* c : s.unplaced) {
    notes.push_back(fmt::format("{} gives {} (\"{}\"), which no document date places and which meets none of the "
                                "days the dated claims give: it may tell of another event, not compared",
                                docs[c->doc].label, model::ShowValue(c->claim->value), c->claim->evidence.text));
  }
  return notes;
}

// The group's claims in the order they were reported: by as_of's first
// day, unknown last, then in claim order; each with its stage.
std::vector<model::TimelineEntry> TimelineOf(const Part& part, const Standing& s, const std::vector<DocInfo>& docs) {
  std::unordered_map<const Item*, const char*> stage;
  for (const Item* c : s.earlier) stage[c] = "earlier";
  for (const Item* c : s.aside) stage[c] = "aside";
  for (const Item* c : s.hedged) stage[c] = "aside";
  for (const Item* c : s.unplaced) stage[c] = "aside";
  std::vector<const Item*> items = part.items;
  std::stable_sort(items.begin(), items.end(), [](const Item* a, const Item* b) {
    if (a->as_of_known != b->as_of_known) return a->as_of_known;
    return a->as_of_known && a->as_of_lo != b->as_of_lo ? a->as_of_lo < b->as_of_lo : a->order < b->order;
  });
  std::vector<model::TimelineEntry> out;
  for (const Item* c : items) {
    auto it = stage.find(c);
    out.push_back({c->claim->id, docs[c->doc].label, c->claim->as_of.timex, model::ShowValue(c->claim->value),
                   it == stage.end() ? "standing" : it->second});
  }
  return out;
}

// A crowd is the size of one gathering at one moment (rules/README.md,
// Verdicts rule 6): two figures are compared only when their sentences date
// them to days that meet; any other pair of disjoint figures is two
// moments or two gatherings (the vigil, then the march; Monday's rally,
// then Friday's), a change. Each claim without such a day is a moment of its
// own, so the table's "times known and disjoint" makes its pairs changes.
bool Momentary(const std::string& attribute) { return attribute == "crowd"; }

Disagreements MomentDisagreements(const std::vector<const Item*>& compared, std::vector<std::string>* notes) {
  constexpr int64_t kOwnMoment = int64_t{1} << 40;  // past every calendar day
  std::vector<Item> moments;
  moments.reserve(compared.size());
  for (const Item* c : compared) {
    Item m = *c;
    if (c->event) {
      std::tie(m.as_of_lo, m.as_of_hi) = *c->event;
    } else {
      m.as_of_lo = m.as_of_hi = kOwnMoment + static_cast<int64_t>(moments.size());
    }
    m.as_of_known = true;
    moments.push_back(m);
  }
  std::vector<const Item*> pointers;
  for (const Item& m : moments) pointers.push_back(&m);
  const Disagreements found = FindDisagreements(pointers);
  const Disagreements as_table = FindDisagreements(compared);
  if (found.contradiction < 0 && !found.internal && (as_table.contradiction >= 0 || as_table.internal)) {
    notes->push_back(
        "a crowd is one gathering at one moment: figures that their sentences do not date to the same day are "
        "read as different moments or gatherings, not compared");
  }
  return found;
}

// The findings of one group: an alarm (contradict, internal) or a change
// between the figures that stand, else their agreement or single source;
// beside an agreement or single, a change from figures their own
// sentences mark as earlier.
// A document's figure is as open as its own words make it (rules/README.md,
// Verdicts rule 3): a headline shortens "killing at least five people" to
// "Five dead", so an exact N beside the same document's "at least N" (or
// "more than N") in the group is read as at least N; so is a count of one
// person the text describes (scope individual) beside a larger figure of
// another source no later than it. Returns the group with such claims
// widened (copies in `widened`), and a note for each.
Part OpenAsStated(const Part& part, const std::vector<DocInfo>& docs, std::vector<Item>* widened,
                  std::vector<std::string>* notes) {
  auto raw = [](const Item& c) { return std::get_if<model::Quantity>(&c.claim->value); };
  // (document, N) of an "at least N", or of a "more than N" (its lo N + 1):
  // "Quake kills 1,800" over "the toll rose to more than 1,800".
  std::set<std::pair<uint32_t, int64_t>> at_least;
  for (const Item* c : part.items) {
    if (const auto* q = raw(*c); q != nullptr && !q->hi) {
      at_least.emplace(c->doc, q->lo);
      if (q->lo > 0) at_least.emplace(c->doc, q->lo - 1);
    }
  }
  // A count of one person the text describes (scope individual: "A
  // 36-year-old Australian man died") states no toll: beside a larger
  // figure of another source that is not later than it, it is read as at
  // least one. Before every larger figure it may be a toll that rose, and
  // stays as stated.
  const LargestOtherSoFar larger(part.items, std::any_of(part.items.begin(), part.items.end(), [](const Item* c) {
                                    return c->claim->scope.individual;
                                  }));
  const auto individual_beside_larger = [&](const Item& c) {
    return c.claim->scope.individual && c.quantity && c.hi != kOpen && larger.Lo(c) > c.hi;
  };
  std::vector<std::pair<size_t, bool>> open;  // item, individual
  for (size_t i = 0; i < part.items.size(); ++i) {
    const auto* q = raw(*part.items[i]);
    if (q != nullptr && q->hi && *q->hi == q->lo && at_least.count({part.items[i]->doc, q->lo}) > 0) {
      open.emplace_back(i, false);
    } else if (q != nullptr && individual_beside_larger(*part.items[i])) {
      open.emplace_back(i, true);
    }
  }
  if (open.empty()) return part;
  widened->reserve(open.size());
  Part out = part;
  for (const auto& [i, individual] : open) {
    Item copy = *part.items[i];
    copy.hi = kOpen;
    widened->push_back(copy);
    out.items[i] = &widened->back();
    const model::Claim& c = *copy.claim;
    if (individual) {
      notes->push_back(fmt::format("{} tells of one person (\"{}\"), not how many: read as at least {} beside "
                                   "larger figures no later than it",
                                   docs[copy.doc].label, c.evidence.text, model::ShowValue(c.value)));
      continue;
    }
    notes->push_back(fmt::format("{} says \"{}\" and, elsewhere, at least {}: its {} is read as at least {}",
                                 docs[copy.doc].label, c.evidence.text, model::ShowValue(c.value),
                                 model::ShowValue(c.value), model::ShowValue(c.value)));
  }
  return out;
}

// Verdicts are per pair: inside a group that contradicts or changed, the
// sources that state one count agree, and say so in a finding of their own
// ("two sources agree: 5" beside "5 (a, b) vs 2 (c, d)"; the 24 dead two
// outlets give at the end of a toll that rose; "hundreds" in two outlets
// beside another's thousands). One count is one interval as compared (the
// victims' of a count with its perpetrators), exact or not; a count of the
// shot, read as a span of wounded, and a count its story adds to state
// none. Each interval two or more independent sources state, in ascending
// order. O(g log g). `stated` gives
// each compared item as its document states it, before a headline's "24"
// beside its own "at least 24" is read as at least 24: what sources agree
// on is what they say.
void AddAgreements(const std::string& attribute, const std::string& verdict, const Part& part,
                   const std::vector<const Item*>& compared,
                   const std::unordered_map<const Item*, const Item*>& stated, const std::vector<DocInfo>& docs,
                   std::vector<Finding>* out) {
  // (a date's day, else a count; bounds) → its claims, each in claim order.
  std::map<std::tuple<bool, int64_t, int64_t>, std::vector<const Item*>> by_value;
  for (const Item* c : compared) {
    auto it = stated.find(c);
    const Item& s = it == stated.end() ? *c : *it->second;
    // One person told, read as at least one (beside a larger toll, or its
    // document's own "at least"), states no toll to agree on.
    if (s.claim->scope.individual && c->hi != s.hi) continue;
    if (s.quantity && !s.shot && s.added == 0 && s.lo <= s.hi) by_value[{false, s.lo, s.StatedHi()}].push_back(c);
    // A date of one stated day: those that state it agree on it, when their
    // day's parts meet ("22 November" and "Tuesday night, 22 November").
    if (attribute == "date" && !c->quantity && c->known && c->day_lo == c->day_hi) {
      by_value[{true, c->day_lo, c->day_hi}].push_back(c);
    }
  }
  const std::string title = Title(attribute, part.subject);
  for (const auto& [value, items] : by_value) {
    if (items.size() < 2) continue;
    const auto [times, lo, hi] = value;
    if (times) {
      int64_t latest_lo = items.front()->lo, earliest_hi = items.front()->hi;
      for (const Item* c : items) {
        latest_lo = std::max(latest_lo, c->lo);
        earliest_hi = std::min(earliest_hi, c->hi);
      }
      if (latest_lo > earliest_hi) continue;  // its morning and its night: not one figure
    }
    Finding f;
    f.subject = part.subject;
    f.attribute = attribute;
    const size_t sources = IndependentSources(items, docs, &f.notes);
    if (sources < 2) continue;
    for (const Item* c : items) f.claims.push_back(c->claim->id);
    const std::string shown =
        times ? CivilDate::FromDays(lo).ToString()
              : model::ShowValue(lo == hi ? model::Quantity{static_cast<double>(lo), lo, hi, ""}
                                          : model::Quantity{std::nullopt, lo,
                                                            hi == kOpen ? std::nullopt : std::optional<int64_t>(hi),
                                                            ""});
    f.notes.push_back(fmt::format("part of a disagreement: these sources agree on {}; the {} finding of {} holds "
                                  "every figure", shown, verdict, part.subject));
    f.verdict = "agree";
    f.severity = "note";
    f.summary = fmt::format("{}: {} sources agree: {}", title, sources, shown);
    Standing s;
    s.compared = items;
    f.timeline = TimelineOf(Part{part.subject, items}, s, docs);
    out->push_back(std::move(f));
  }
}

// Whether the subject's base names the role ("shooting/total",
// "strike/others/in-a-village"): a part after a slash, before any place or
// story.
bool HasRole(std::string_view subject, std::string_view role) {
  const std::string_view base = subject.substr(0, subject.find_first_of("@("));
  for (size_t slash = base.find('/'); slash != std::string_view::npos; slash = base.find('/', slash + 1)) {
    if (base.substr(slash + 1, base.find('/', slash + 1) - slash - 1) == role) return true;
  }
  return false;
}

// A subject of running totals: the role "total" (lexicon cumulative_cues,
// running_total_openings; src/extract/subject.cc).
bool IsRunningTotal(std::string_view subject) { return HasRole(subject, "total"); }

// The counts and dates of other incidents than the story's ("…/others": a
// background paragraph) are of several incidents as often as of one.
bool IsOtherIncidents(std::string_view subject) { return HasRole(subject, "others"); }

constexpr const char* kOtherIncidentsNote =
    "one document's figures of other incidents than its story's are of several incidents as often as of one "
    "(\"In early March, a gunman …; in February, a gunman …\"): not compared with each other";

constexpr const char* kRunningTotalNote =
    "running totals grow as they are counted and differ in what they count (a city's homicides, its "
    "shooting deaths): their difference is no contradiction";

std::vector<Finding> Judge(const std::string& attribute, const Part& group, const std::vector<DocInfo>& docs,
                           const ClaimNotes& claim_notes) {
  Finding f;
  f.subject = group.subject;
  f.attribute = attribute;
  for (const Item* c : group.items) f.claims.push_back(c->claim->id);
  for (const Item* c : group.items) {
    auto it = claim_notes.find(c->claim->id);
    if (it != claim_notes.end()) f.notes.insert(f.notes.end(), it->second.begin(), it->second.end());
  }
  std::vector<Item> widened;
  const Part part = OpenAsStated(group, docs, &widened, &f.notes);
  // Which figures stand is read from the values as stated: a document's
  // "5" states 5 even when its "at least 5" opens it for comparing.
  Standing standing = Stand(group.items);
  std::unordered_map<const Item*, const Item*> stated;  // widened → as stated
  if (!widened.empty()) {
    std::unordered_map<const Item*, const Item*> now;
    for (size_t i = 0; i < group.items.size(); ++i) {
      now[group.items[i]] = part.items[i];
      stated[part.items[i]] = group.items[i];
    }
    standing.Remap(now);
  }
  f.timeline = TimelineOf(part, standing, docs);
  const std::vector<std::string> standing_notes = StandingNotes(part, standing, docs);
  f.notes.insert(f.notes.end(), standing_notes.begin(), standing_notes.end());
  const std::vector<const Item*>& compared = standing.compared;
  const std::string title = Title(attribute, part.subject);
  auto as_of = [](const Item& c) { return c.claim->as_of.timex.empty() ? "unknown" : c.claim->as_of.timex; };
  const Disagreements found =
      Momentary(attribute) ? MomentDisagreements(compared, &f.notes) : FindDisagreements(compared);
  // Running totals ("23 people have been killed in the city this year")
  // grow as they are counted and differ in what they count: their
  // disagreement is a change, never an alarm.
  if (IsRunningTotal(part.subject) && (found.contradiction >= 0 || found.internal)) {
    f.verdict = "changed";
    f.severity = "note";
    f.summary = fmt::format("{}: running totals: {}", title, ValuesBySource(compared, docs));
    f.notes.push_back(kRunningTotalNote);
    std::vector<Finding> out{f};
    AddAgreements(attribute, f.verdict, part, compared, stated, docs, &out);
    return out;
  }
  if (found.contradiction >= 0) {
    f.verdict = "contradict";
    f.severity = Severity(found.contradiction);
    f.summary = fmt::format("{}: {}", title, ValuesBySource(compared, docs));
    std::vector<Finding> out{f};
    AddAgreements(attribute, f.verdict, part, compared, stated, docs, &out);
    return out;
  }
  // Figures a document's background tells (an event time apart from the
  // story's) are other incidents' too: "after a collision in February and a
  // crash in March" are two.
  if (found.internal && (IsOtherIncidents(part.subject) || part.background)) {
    f.verdict = "single";
    f.severity = "note";
    f.summary = fmt::format("{}: one document tells other incidents: {}", title, ValuesBySource(compared, docs));
    f.notes.push_back(kOtherIncidentsNote);
    return {f};
  }
  if (found.internal) {
    f.verdict = "internal";
    f.severity = "warning";
    f.summary = fmt::format("{}: one document says {}", title, ValuesBySource(compared, docs));
    std::vector<Finding> out{f};
    // Verdicts are per pair: one document disagreeing with itself does not
    // hide a change across sources (no contradiction: any such pair is one).
    if (auto pair = AcrossDocuments(compared)) {
      const Item &a = *pair->first, &b = *pair->second;
      const bool a_later = Later(a, b) || (!Later(b, a) && a.revision);
      const Item &from = a_later ? b : a, &to = a_later ? a : b;
      Finding changed = f;
      changed.verdict = "changed";
      changed.severity = "note";
      changed.summary = fmt::format("{}: {} ({}, as of {}) then {} ({}, as of {})", title,
                                    model::ShowValue(from.claim->value), docs[from.doc].label, as_of(from),
                                    model::ShowValue(to.claim->value), docs[to.doc].label, as_of(to));
      out.push_back(std::move(changed));
    }
    AddAgreements(attribute, f.verdict, part, compared, stated, docs, &out);
    return out;
  }
  if (found.last_change) {
    // Disjoint values that are no contradiction are a change: the last such pair names it.
    const Item &a = *compared[found.last_change->first], &b = *compared[found.last_change->second];
    const bool a_later = Later(a, b) || (!Later(b, a) && a.revision);
    const Item &from = a_later ? b : a, &to = a_later ? a : b;
    f.verdict = "changed";
    f.severity = "note";
    f.summary = fmt::format("{}: {} ({}, as of {}) then {} ({}, as of {})", title, model::ShowValue(from.claim->value),
                            docs[from.doc].label, as_of(from), model::ShowValue(to.claim->value), docs[to.doc].label,
                            as_of(to));
    std::vector<Finding> out{f};
    AddAgreements(attribute, f.verdict, part, compared, stated, docs, &out);
    return out;
  }
  std::vector<Finding> out;
  // An earlier figure apart from what stands: the change it was.
  const Extremes standing_values(compared);
  for (const Item* e : standing.earlier) {
    if (!standing_values.Apart(*e)) continue;
    const Item* to = nullptr;  // the standing figure of its own document, else any apart from it
    for (const Item* c : compared) {
      const bool apart = !Intersect(*e, *c);
      if (apart && (to == nullptr || (c->doc == e->doc && to->doc != e->doc))) to = c;
    }
    if (to == nullptr) continue;
    Finding changed = f;
    changed.verdict = "changed";
    changed.severity = "note";
    const auto [by, cue] = standing.EarlierCue(e, docs);
    const std::string earlier =
        !by ? fmt::format("earlier: \"{}\"", cue) : fmt::format("earlier, as {} says: \"{}\"", *by, cue);
    changed.summary = fmt::format("{}: {} ({}, {}) then {} ({}, as of {})", title, model::ShowValue(e->claim->value),
                                  docs[e->doc].label, earlier, model::ShowValue(to->claim->value),
                                  docs[to->doc].label, as_of(*to));
    out.push_back(std::move(changed));
    break;
  }
  std::vector<std::string> notes;
  const size_t sources = IndependentSources(compared, docs, &notes);
  f.notes.insert(f.notes.end(), notes.begin(), notes.end());
  // The sharpest known time (fewest days stated), the first of equals.
  const Item* sharpest = compared.front();
  for (const Item* c : compared) {
    if (!c->quantity && !sharpest->quantity && c->known &&
        (!sharpest->known || c->day_hi - c->day_lo < sharpest->day_hi - sharpest->day_lo)) {
      sharpest = c;
    }
  }
  if (!out.empty()) {  // the agreement holds the figures that stand
    f.claims.clear();
    for (const Item* c : compared) f.claims.push_back(c->claim->id);
  }
  if (sources >= 2) {
    const auto stated_apart = [](const Item* a, const Item* b) {
      return a->known && b->known && (a->StatedHi() < b->StatedLo() || b->StatedHi() < a->StatedLo());
    };
    const auto first_tolerant =
        std::find_if(compared.begin(), compared.end(), [](const Item* c) { return c->tolerant; });
    std::set<int> weekdays, month_days;  // month-days of dates: agreeing, so a day apart at most
    for (const Item* c : compared) {
      if (c->weekday >= 0) weekdays.insert(c->weekday);
      if (c->OpenMonthDay() && c->month_day_tolerant) month_days.insert(c->month_day_text);
    }
    if (weekdays.size() > 1 || month_days.size() > 1 ||
        (first_tolerant != compared.end() &&
         std::any_of(compared.begin(), compared.end(), [&](const Item* c) { return stated_apart(*first_tolerant, c); }))) {
      f.notes.push_back(
          "dates a day apart are read as one event (its night and the early hours after it; a day counted from "
          "a report's date, \"yesterday\" or \"tonight\", is known to a day either side)");
    }
    f.verdict = "agree";
    f.severity = "note";
    // A vague magnitude that agrees only as read up to twice its bound
    // ("thousands" beside 15,000) says so; figures as written.
    for (const Item* v : compared) {
      if (v->vague_slack == 0) continue;
      const auto& q = std::get<model::Quantity>(v->claim->value);
      if (std::any_of(compared.begin(), compared.end(), [&](const Item* c) {
            const auto* other = std::get_if<model::Quantity>(&c->claim->value);
            return other != nullptr && other->lo > *q.hi;
          })) {
        f.notes.push_back(fmt::format("\"{}\" ({}) is vague: read up to {}, twice its bound", q.qualifier,
                                      docs[v->doc].label, model::WithSeparators(*q.hi + v->vague_slack)));
        break;
      }
    }
    // So does a crowd's round figure that agrees only as an estimate.
    for (const Item* v : compared) {
      if (v->estimate_slack == 0) continue;
      const auto& q = std::get<model::Quantity>(v->claim->value);
      if (std::any_of(compared.begin(), compared.end(), [&](const Item* c) {
            const auto* other = std::get_if<model::Quantity>(&c->claim->value);
            return other != nullptr && (other->lo > q.lo || (other->hi && *other->hi < q.lo));
          })) {
        f.notes.push_back(fmt::format("a crowd is an estimate: {} ({}) is read within a tenth, {} to {}",
                                      model::WithSeparators(q.lo), docs[v->doc].label,
                                      model::WithSeparators(v->lo), model::WithSeparators(v->hi)));
        break;
      }
    }
    // Counts of the shot agree with counts of the wounded they allow, not
    // with one figure: the summary gives each source's.
    // So do counts their stories add to ("… two more were also hurt").
    const bool shot = std::any_of(compared.begin(), compared.end(), [](const Item* c) { return c->shot; });
    const bool added = std::any_of(compared.begin(), compared.end(), [](const Item* c) { return c->added > 0; });
    // Counts that agree without a figure two documents state ("more than
    // 140", "more than 170" and "183"; a headline's "1,800" read as at least
    // 1,800 beside "at least 1,953"): the summary gives each source's, not
    // the first one's. Figures as written, before any reading.
    std::map<std::pair<int64_t, int64_t>, std::set<uint32_t>> stating;  // figure → documents
    for (const Item* c : compared) {
      if (const auto* q = std::get_if<model::Quantity>(&c->claim->value)) {
        stating[{q->lo, q->hi ? *q->hi : kOpen}].insert(c->doc);
      }
    }
    const bool one_figure = std::any_of(stating.begin(), stating.end(), [](const auto& s) { return s.second.size() >= 2; });
    // The figure shown is the one most documents state (the first of
    // equals): "832" that two outlets give, not a day-old "at least 384"
    // it agrees with.
    const Item* shown = sharpest;
    size_t most = 0;
    for (const Item* c : compared) {
      if (const auto* q = std::get_if<model::Quantity>(&c->claim->value)) {
        const size_t n = stating[{q->lo, q->hi ? *q->hi : kOpen}].size();
        if (n > most) {
          most = n;
          shown = c;
        }
      }
    }
    f.summary = shot    ? fmt::format("{}: {} sources agree, the shot read as killed and wounded: {}", title, sources,
                                      ValuesBySource(compared, docs, "; "))
                : added ? fmt::format("{}: {} sources agree, with the counts their stories add: {}", title, sources,
                                      ValuesBySource(compared, docs, "; "))
                : !one_figure && !stating.empty()
                    ? fmt::format("{}: {} sources agree, each in its own words: {}", title, sources,
                                  ValuesBySource(compared, docs, "; "))
                    : fmt::format("{}: {} sources agree: {}", title, sources, model::ShowValue(shown->claim->value));
  } else {
    std::unordered_set<uint32_t> in;
    for (const Item* c : compared) in.insert(c->doc);
    f.verdict = "single";
    f.severity = "note";
    f.summary = in.size() == 1 ? fmt::format("{}: {}, one source only", title, ValuesBySource(compared, docs))
                               : fmt::format("{}: {} (one source, {} documents)", title,
                                             ValuesBySource(compared, docs), in.size());
  }
  out.insert(out.begin(), std::move(f));
  return out;
}

// --- grouping -----------------------------------------------------------------

// The subject claims are grouped by: with an event class, the class in
// place of the event word ("{violence}/soldiers@palestine"). Counts of another
// incident than the story's ("…/others") keep their own event word: a
// story's "massacre in another state" and its "last month's shooting across
// town" are two incidents, not one told in two words.
std::string GroupKey(const Claim& c) {
  if (c.event_class.empty() || c.subject.find("/others") != std::string::npos) return c.subject;
  const size_t end = std::min(c.subject.find_first_of("/@"), c.subject.size());
  return fmt::format("{{{}}}{}", c.event_class, c.subject.substr(end));
}

// The subject a group shows: its key with the class replaced by the event
// word most of its claims use (of equals, the first in byte order); the
// class's words in `words`, each once, in byte order.
std::string ShownSubject(const std::string& key, const std::vector<uint32_t>& members, const std::vector<Claim>& claims,
                         std::vector<std::string>* words) {
  words->clear();
  if (key.empty() || key.front() != '{') return key;
  std::map<std::string, size_t> uses;
  for (uint32_t i : members) {
    const std::string& subject = claims[i].subject;
    ++uses[subject.substr(0, std::min(subject.find_first_of("/@"), subject.size()))];
  }
  auto most = uses.begin();
  for (auto it = uses.begin(); it != uses.end(); ++it) {
    words->push_back(it->first);
    if (it->second > most->second) most = it;
  }
  return most->first + key.substr(key.find('}') + 1);
}

// Why a group's claims are one group, as findings say it: the subject's
// event, the role or local place it counts ("strike/others/in-a-village"),
// its country, claims without a place that joined it, the scope, and the
// event time of a background event (" (2003-12)").
std::vector<std::string> GroupedBy(const std::string& attribute, const std::string& subject, bool joined,
                                   const std::string& scope, std::string_view period) {
  std::vector<std::string> why;
  const std::string_view base = Base(subject);
  size_t from = 0;
  for (size_t slash = base.find('/'); from <= base.size(); slash = base.find('/', from)) {
    const std::string_view part = base.substr(from, slash == std::string_view::npos ? slash : slash - from);
    why.push_back(fmt::format("{}: {}", from == 0 ? "event" : "counted", part));
    if (slash == std::string_view::npos) break;
    from = slash + 1;
  }
  if (!Place(subject).empty()) why.push_back(fmt::format("place: {}", Place(subject)));
  if (joined) why.push_back("claims naming no place joined the subject naming this event with a place that most documents name");
  if (!scope.empty()) why.push_back(fmt::format("scope: {}", scope));
  if (!period.empty()) {
    why.push_back(fmt::format("event time:{}, more than {} days from the story's own", period,
                              attribute == "date" ? kBackgroundDateDays : kBackgroundDays));
  }
  return why;
}

// The scope a claim is compared within: "" for the whole (victims, or
// victims and a known number of perpetrators, which Item subtracts), else a
// name shown after the subject: "at the scene", "perpetrators".
std::string ScopeName(const Item& item) {
  const model::Scope& scope = item.claim->scope;
  if (!scope.part.empty()) return scope.part;
  // A role the subject names ("attack/militants") already parts them.
  if (scope.who == "perpetrators" && Base(item.claim->subject).find('/') == std::string_view::npos) {
    return "perpetrators";
  }
  if (scope.who == "victims+perpetrator" && item.perpetrators == 0) return "with the perpetrators";
  return "";
}

// Whether claim `i` tells of an event more than 60 days (as
// SplitByEventTime) before its document's date: a date claim by its value,
// a count by its sentence's time (as_of basis sentence or anchored).
bool OfBackground(const std::vector<Claim>& claims, uint32_t i, const Documents& docs) {
  const std::optional<int64_t>& published = docs.info[docs.of_claim[i]].published;
  if (!published) return false;
  const Claim& c = claims[i];
  std::string_view hi;
  if (const auto* t = std::get_if<model::Time>(&c.value); t != nullptr && c.attribute == "date") {
    hi = t->hi;
  } else if (c.as_of.basis == "sentence" || c.as_of.basis == "anchored") {
    hi = c.as_of.hi;
  }
  const auto day = ParseIsoDate(hi);
  return day && day->ToDays() < *published - kBackgroundDays;
}

// Of the placed subjects of one event, the one a claim naming no place is
// about: the only one, else the one more documents name than all the others
// together ("a quake in eastern China" in one story of an Iranian quake told
// by eight); none when no subject has that majority.
template <typename Entry>
const Entry* MostDocumented(const std::vector<Entry>& placed, const Documents& docs) {
  if (placed.size() == 1) return &placed.front();
  std::vector<size_t> counts;
  size_t total = 0;
  for (const Entry& e : placed) {
    std::vector<uint32_t> of;
    for (uint32_t i : e->second) of.push_back(docs.of_claim[i]);
    std::sort(of.begin(), of.end());
    counts.push_back(static_cast<size_t>(std::unique(of.begin(), of.end()) - of.begin()));
    total += counts.back();
  }
  for (size_t k = 0; k < placed.size(); ++k) {
    if (2 * counts[k] > total) return &placed[k];
  }
  return nullptr;
}

// Asserted claims by attribute and subject; a subject without a place joins the
// placed subject of the same event most documents name (MostDocumented).
// Each group is split by event time and judged before the next is made.
void JudgeGroups(const std::vector<Claim>& claims, const std::vector<uint32_t>& ranks, const Documents& docs,
                 const ClaimNotes& claim_notes, std::vector<Finding>* findings, const GroupProgress& progress) {
  // The stories of each attribute and event, before places join: a claim
  // naming no place joins a placed subject of its own story only.
  std::map<std::pair<std::string, std::string>, std::vector<uint32_t>> by_event;  // claims, in rank order
  for (uint32_t i = 0; i < claims.size(); ++i) {
    // A negated claim ("posts claiming 500 were killed are false") asserts
    // nothing: it never agrees with or contradicts another source.
    if (claims[i].negated) continue;
    by_event[{claims[i].attribute, std::string(Base(GroupKey(claims[i])))}].push_back(i);
  }
  std::vector<size_t> story_of(claims.size(), 0);
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> labels_of;  // events of several stories
  for (auto& [event, members] : by_event) {
    std::sort(members.begin(), members.end(), [&](uint32_t a, uint32_t b) { return ranks[a] < ranks[b]; });
    std::vector<uint32_t> documents;  // in claim order
    std::unordered_set<uint32_t> seen;
    for (uint32_t i : members) {
      if (seen.insert(docs.of_claim[i]).second) documents.push_back(docs.of_claim[i]);
    }
    Stories stories = TellStories(documents, docs);
    for (uint32_t i : members) story_of[i] = stories.of_doc.at(docs.of_claim[i]);
    if (!stories.labels.empty()) labels_of[event] = std::move(stories.labels);
  }
  std::map<std::tuple<std::string, std::string, size_t>, std::vector<uint32_t>> exact;  // attribute, key, story
  for (uint32_t i = 0; i < claims.size(); ++i) {
    if (!claims[i].negated) exact[{claims[i].attribute, GroupKey(claims[i]), story_of[i]}].push_back(i);
  }
  using Entry = decltype(exact)::iterator;
  std::map<std::tuple<std::string_view, std::string_view, size_t>, std::vector<Entry>> placed;  // attribute, base, story
  // A place is the story's when a claim of its own time names it, of any
  // attribute: one told only of a background event ("A quake in Papua New
  // Guinea in February killed 160" in a story of September's quake on
  // Sulawesi) places none of the story's claims.
  const auto all_background = [&](const std::vector<uint32_t>& members) {
    return std::all_of(members.begin(), members.end(), [&](uint32_t i) { return OfBackground(claims, i, docs); });
  };
  std::set<std::tuple<std::string_view, std::string_view, size_t>> own_places;  // base, place, story
  for (const auto& [k, members] : exact) {
    const auto& [attribute, key, story] = k;
    if (!Place(key).empty() && !all_background(members)) own_places.insert({Base(key), Place(key), story});
  }
  for (auto it = exact.begin(); it != exact.end(); ++it) {
    const auto& [attribute, key, story] = it->first;
    if (!Place(key).empty()) placed[{attribute, Base(key), story}].push_back(it);
  }
  for (auto it = exact.begin(); it != exact.end();) {
    const auto& [attribute, key, story] = it->first;
    auto into = Place(key).empty() ? placed.find({attribute, key, story}) : placed.end();
    const Entry* target = into == placed.end() ? nullptr : MostDocumented(into->second, docs);
    if (target != nullptr && !all_background(it->second) &&
        own_places.count({Base(key), Place(std::get<1>((*target)->first)), story}) == 0) {
      target = nullptr;
    }
    if (target == nullptr) {
      ++it;
      continue;
    }
    auto& members = (*target)->second;
    members.insert(members.end(), it->second.begin(), it->second.end());
    it = exact.erase(it);
  }
  size_t done = 0;
  for (auto& [key, members] : exact) {
    const auto& [attribute, group_key, story] = key;
    std::sort(members.begin(), members.end(), [&](uint32_t a, uint32_t b) { return ranks[a] < ranks[b]; });
    ItemMaker maker;
    std::vector<Item> items;
    items.reserve(members.size());
    for (uint32_t i : members) items.push_back(maker.Make(claims[i], ranks[i], docs.of_claim[i]));
    WidenForPerpetrators(&items);
    // Counts of another scope are groups of their own: "two died at the
    // scene" is compared with other counts of those who died at the scene,
    // never with the toll; "two suspects were killed" never with the victims.
    std::map<std::string, std::vector<const Item*>> by_scope;  // "" first: the whole
    for (const Item& item : items) by_scope[ScopeName(item)].push_back(&item);
    const bool joined = !Place(group_key).empty() && std::any_of(members.begin(), members.end(), [&](uint32_t i) {
      return Place(claims[i].subject).empty();
    });
    std::vector<std::string> words;  // the event words of a class, each once
    const std::string shown = ShownSubject(group_key, members, claims, &words);
    const auto labels = labels_of.find({attribute, std::string(Base(group_key))});
    for (auto& [scope, group] : by_scope) {
      std::string subject = scope.empty() ? shown : fmt::format("{} ({})", shown, scope);
      if (story > 0) subject = fmt::format("{} (story: {})", subject, labels->second[story]);
      for (Part& timed : SplitByEventTime(attribute, subject, std::move(group))) {
        const std::string period = timed.subject == subject ? "" : timed.subject.substr(subject.size());
        for (const Part& part : SplitToldApart(attribute, std::move(timed))) {
          std::vector<std::string> why = GroupedBy(attribute, shown, joined, scope, period);
          if (words.size() > 1) why.insert(why.begin() + 1, fmt::format("event words of one class: {}", fmt::join(words, ", ")));
          if (labels != labels_of.end()) {
            why.push_back(fmt::format("{} of {} stories told apart by the names their documents use",
                                      story == 0 ? "the main one" : fmt::format("\"{}\", one", labels->second[story]),
                                      labels->second.size()));
          }
          if (!part.why.empty()) why.push_back(part.why);
          for (Finding& f : Judge(attribute, part, docs.info, claim_notes)) {
            f.grouped_by = why;
            findings->push_back(std::move(f));
          }
        }
      }
    }
    if (progress) progress(++done, exact.size());
  }
}

}  // namespace

bool SubjectsCompatible(const std::string& a, const std::string& b) {
  if (Base(a) != Base(b)) return false;
  const std::string_view pa = Place(a), pb = Place(b);
  return pa.empty() || pb.empty() || pa == pb;
}

double RelativeGap(int64_t a_lo, std::optional<int64_t> a_hi, int64_t b_lo,
                   std::optional<int64_t> b_hi) {
  // Order so that a lies below b.
  if (b_hi && *b_hi < a_lo) {
    std::swap(a_lo, b_lo);
    std::swap(a_hi, b_hi);
  }
  if (!a_hi || *a_hi >= b_lo) return 0.0;
  return GapBetween(*a_hi, b_lo);
}

std::string PartitionKey(const Claim& c) {
  return fmt::format("{}\t{}", c.attribute, Base(GroupKey(c)));
}

BorrowedYears FindBorrowedYears(std::vector<Claim> claims) {
  SortClaims(&claims);
  return FindYears(claims, NumberDocuments({}, claims));
}

void SortRecords(model::Report* report) {
  std::sort(report->inputs.begin(), report->inputs.end(),
            [](const auto& a, const auto& b) { return a.doc < b.doc; });
  SortClaims(&report->claims);
}

void NumberFindings(std::vector<Finding>* findings) {
  // A total order, so that findings judged apart (partitions of a batch)
  // sort as they do judged together: two findings of one subject, attribute
  // and verdict come from two groups, whose claims differ.
  const auto claims_before = [](const Finding& a, const Finding& b) {
    return std::lexicographical_compare(
        a.claims.begin(), a.claims.end(), b.claims.begin(), b.claims.end(),
        [](const std::string& x, const std::string& y) { return ClaimOrder(x) < ClaimOrder(y); });
  };
  std::sort(findings->begin(), findings->end(), [&](const Finding& a, const Finding& b) {
    if (auto c = std::tie(a.subject, a.attribute, a.verdict) <=> std::tie(b.subject, b.attribute, b.verdict); c != 0) {
      return c < 0;
    }
    if (claims_before(a, b) || claims_before(b, a)) return claims_before(a, b);
    return std::tie(a.summary, a.notes) < std::tie(b.summary, b.notes);
  });
  for (size_t i = 0; i < findings->size(); ++i) (*findings)[i].id = fmt::format("F{}", i + 1);
}

void Reconcile(model::Report* report, const Ledger* ledger, const GroupProgress& progress,
               const BorrowedYears* years) {
  std::sort(report->inputs.begin(), report->inputs.end(),
            [](const auto& a, const auto& b) { return a.doc < b.doc; });
  const std::vector<uint32_t> ranks = SortClaims(&report->claims);
  const Documents docs = NumberDocuments(report->inputs, report->claims);
  ClaimNotes claim_notes;
  LendYears(years != nullptr ? *years : FindYears(report->claims, docs), &report->claims, docs, &claim_notes);

  report->findings.clear();
  JudgeGroups(report->claims, ranks, docs, claim_notes, &report->findings, progress);
  if (ledger != nullptr) CheckLedger(*ledger, report);
  NumberFindings(&report->findings);
}

}  // namespace claimcheck::reconcile
