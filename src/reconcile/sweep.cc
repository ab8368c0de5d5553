#include "reconcile/sweep.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <unordered_map>

#include "reconcile/reconciler.h"

namespace claimcheck::reconcile {

namespace {

constexpr uint32_t kNobody = std::numeric_limits<uint32_t>::max();

// The two lowest keys held by different owners: enough to tell the lowest
// key held by anyone but a given owner (a claim's own document, or itself).
class LowestTwo {
 public:
  void Add(int64_t key, uint32_t owner) {
    if (n_ > 0 && owner_[0] == owner) {
      key_[0] = std::min(key_[0], key);
    } else if (n_ > 1 && owner_[1] == owner) {
      key_[1] = std::min(key_[1], key);
    } else if (n_ < 2) {
      key_[n_] = key;
      owner_[n_] = owner;
      ++n_;
    } else if (key < key_[1]) {
      key_[1] = key;
      owner_[1] = owner;
    }
    if (n_ == 2 && key_[1] < key_[0]) {
      std::swap(key_[0], key_[1]);
      std::swap(owner_[0], owner_[1]);
    }
  }

  std::optional<int64_t> LowestBesides(uint32_t owner) const {
    if (n_ > 0 && owner_[0] != owner) return key_[0];
    if (n_ > 1) return key_[1];
    return std::nullopt;
  }

 private:
  std::array<int64_t, 2> key_{};
  std::array<uint32_t, 2> owner_{kNobody, kNobody};
  int n_ = 0;
};

// (kind, owner) pairs, few of them kept, such that "is there a pair of
// another kind and another owner than (k, o)?" gets the answer all pairs
// added would give. Pairs are edges between kinds and owners; when three of
// them share no end, a question rules out two at most. Otherwise those (at
// most two) edges of a greedy maximal matching touch every edge, and three
// edges per end of theirs, with different far ends, answer for the rest.
class AvoidKernel {
 public:
  void Add(int kind, uint32_t owner) {
    if (n_ == kCapacity) Reduce();
    pairs_[n_++] = {kind, owner};
  }

  bool Avoids(int kind, uint32_t owner) const {
    for (size_t i = 0; i < n_; ++i) {
      if (pairs_[i].first != kind && pairs_[i].second != owner) return true;
    }
    return false;
  }

 private:
  using Pair = std::pair<int, uint32_t>;
  static constexpr size_t kCapacity = 16;

  void Reduce() {
    std::array<Pair, 3> matching;
    size_t m = 0;
    for (size_t i = 0; i < n_ && m < 3; ++i) {
      const Pair& p = pairs_[i];
      if (std::none_of(matching.begin(), matching.begin() + m,
                       [&](const Pair& q) { return q.first == p.first || q.second == p.second; })) {
        matching[m++] = p;
      }
    }
    std::array<Pair, kCapacity> kept;
    size_t k = 0;
    auto keep_three = [&](auto touches, auto far_end) {
      const size_t from = k;
      for (size_t i = 0; i < n_ && k - from < 3; ++i) {
        const Pair& p = pairs_[i];
        if (!touches(p)) continue;
        const auto same_far_end = [&](const Pair& q) { return far_end(q) == far_end(p); };
        if (std::none_of(kept.begin() + from, kept.begin() + k, same_far_end)) kept[k++] = p;
      }
    };
    if (m == 3) {
      std::copy(matching.begin(), matching.end(), kept.begin());
      k = 3;
    } else {
      for (size_t j = 0; j < m; ++j) {
        const Pair e = matching[j];
        keep_three([&](const Pair& p) { return p.first == e.first; }, [](const Pair& p) { return p.second; });
        keep_three([&](const Pair& p) { return p.second == e.second; }, [](const Pair& p) { return p.first; });
      }
    }
    pairs_ = kept;
    n_ = k;
  }

  std::array<Pair, kCapacity> pairs_;
  size_t n_ = 0;
};

// Per kind of weekday (Item::weekday), two of the owners that hold it:
// enough to tell whether an owner other than a given one holds a weekday
// whose days miss x's (WeekdayMask).
class WeekdayOwners {
 public:
  void Add(int kind, uint32_t owner) {
    auto& o = owners_[static_cast<size_t>(kind)];
    if (o[0] == kNobody) {
      o[0] = owner;
    } else if (o[0] != owner && o[1] == kNobody) {
      o[1] = owner;
    }
  }

  bool Misses(int kind, uint32_t owner) const {
    for (int k = 0; k < kWeekdayKinds; ++k) {
      if ((WeekdayMask(k) & WeekdayMask(kind)) != 0) continue;
      const auto& o = owners_[static_cast<size_t>(k)];
      if ((o[0] != kNobody && o[0] != owner) || o[1] != kNobody) return true;
    }
    return false;
  }

 private:
  std::array<std::array<uint32_t, 2>, kWeekdayKinds> owners_ = [] {
    std::array<std::array<uint32_t, 2>, kWeekdayKinds> a;
    for (auto& o : a) o = {kNobody, kNobody};
    return a;
  }();
};

// What a set of claims offers against a claim x that asks it: each kind of
// disjoint value (DESIGN.md §4), one direction each; the other direction is
// found when the other claim asks.
struct PairSummary {
  LowestTwo quantity_hi;   // quantities: the lowest upper bounds (one below x)
  LowestTwo time;          // times (a quantity is disjoint from each)
  LowestTwo known_hi;      // known days: the lowest last days (one before x)
  AvoidKernel month_days;  // open month-days, by text (for x's that name no day)
  WeekdayOwners weekdays;  // weekdays, known or not (days that miss x's)

  void Add(const Item& y, uint32_t owner) {
    if (y.quantity) {
      quantity_hi.Add(y.hi, owner);
      return;
    }
    time.Add(0, owner);
    if (y.known) known_hi.Add(y.hi, owner);
    if (y.OpenMonthDay()) month_days.Add(y.month_day_text, owner);
    if (y.weekday >= 0) weekdays.Add(y.weekday, owner);
  }

  // The largest gap between x and a claim here held by another owner, or -1.
  // The lowest upper bound below x gives the largest gap: (x.lo - hi) over
  // the larger magnitude falls as hi rises (and is at least 1 when hi < 0).
  double Worst(const Item& x, uint32_t owner) const {
    if (x.quantity) {
      double worst = time.LowestBesides(owner) ? 1.0 : -1.0;
      if (auto hi = quantity_hi.LowestBesides(owner); hi && *hi < x.lo) {
        worst = std::max(worst, GapBetween(*hi, x.lo));
      }
      return worst;
    }
    if (x.known) {
      if (auto hi = known_hi.LowestBesides(owner); hi && *hi < x.lo) return 1.0;
    }
    // A month-day text that names no day ("XXXX-13-45") meets no other text
    // and no known day; valid month-days are asked in WorstPair, one sweep
    // per day, as "a day apart" is no equality of texts.
    if (x.OpenMonthDay() && x.month_day.month == 0 &&
        (month_days.Avoids(x.month_day_text, owner) || known_hi.LowestBesides(owner))) {
      return 1.0;
    }
    if (x.OpenWeekday() && weekdays.Misses(x.weekday, owner)) return 1.0;
    return -1.0;
  }
};

// Calls visit(x, summary) for each x of `asking`, with summaries that
// together hold every claim of `data` whose as_of is compatible with x's
// (x itself included, if it is there). Overlapping days are a 2-D
// dominance (y.lo ≤ x.hi, y.hi ≥ x.lo): claims enter in order of first day
// as x's last day passes them, into a Fenwick tree over last days.
template <class Summary, class AddFn, class VisitFn>
void SweepCompatible(const std::vector<const Item*>& data, const std::vector<const Item*>& asking, AddFn add,
                     VisitFn visit) {
  Summary all, undated;
  std::vector<const Item*> dated;
  for (const Item* y : data) {
    add(&all, *y);
    if (y->as_of_known) {
      dated.push_back(y);
    } else {
      add(&undated, *y);
    }
  }
  std::vector<const Item*> queries;
  for (const Item* x : asking) {
    if (x->as_of_known) {
      queries.push_back(x);
    } else {
      visit(*x, all);
    }
  }
  if (queries.empty()) return;
  std::vector<int64_t> ends;  // last days, latest first
  for (const Item* y : dated) ends.push_back(y->as_of_hi);
  std::sort(ends.begin(), ends.end(), std::greater<>());
  ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
  std::vector<Summary> tree(ends.size() + 1);
  std::sort(dated.begin(), dated.end(), [](const Item* a, const Item* b) { return a->as_of_lo < b->as_of_lo; });
  std::sort(queries.begin(), queries.end(), [](const Item* a, const Item* b) { return a->as_of_hi < b->as_of_hi; });
  size_t next = 0;
  for (const Item* x : queries) {
    for (; next < dated.size() && dated[next]->as_of_lo <= x->as_of_hi; ++next) {
      const auto at = std::lower_bound(ends.begin(), ends.end(), dated[next]->as_of_hi, std::greater<>());
      for (size_t i = static_cast<size_t>(at - ends.begin()) + 1; i < tree.size(); i += i & (~i + 1)) {
        add(&tree[i], *dated[next]);
      }
    }
    visit(*x, undated);
    const auto end = std::upper_bound(ends.begin(), ends.end(), x->as_of_lo, std::greater<>());  // ends ≥ x.lo
    for (size_t i = static_cast<size_t>(end - ends.begin()); i > 0; i -= i & (~i + 1)) visit(*x, tree[i]);
  }
}

// The worst gap between two claims of `items` with different owners whose
// values are disjoint at compatible times; -1 when there is none.
template <class Owner>
double WorstPair(const std::vector<const Item*>& items, Owner owner) {
  double worst = -1;
  SweepCompatible<PairSummary>(
      items, items, [&](PairSummary* s, const Item& y) { s->Add(y, owner(y)); },
      [&](const Item& x, const PairSummary& s) { worst = std::max(worst, s.Worst(x, owner(x))); });
  // A month-day without its year against known days that do not hold it and
  // month-days that are not it (for dates: not a day apart either): one sweep
  // per month-day asked, 366 at most. The items of one group share their
  // attribute, so the first asking item speaks for all of its day.
  std::map<std::pair<int, int>, std::vector<const Item*>> open;
  for (const Item* x : items) {
    if (x->OpenMonthDay() && x->month_day.month != 0) open[{x->month_day.month, x->month_day.day}].push_back(x);
  }
  for (const auto& [key, asking] : open) {
    const Item& md = *asking.front();
    std::vector<const Item*> apart;
    for (const Item* y : items) {
      if (!y->quantity && (y->known || y->OpenMonthDay()) && !Intersect(md, *y)) apart.push_back(y);
    }
    SweepCompatible<LowestTwo>(
        apart, asking, [&](LowestTwo* s, const Item& y) { s->Add(0, owner(y)); },
        [&](const Item& x, const LowestTwo& s) {
          if (s.LowestBesides(owner(x))) worst = std::max(worst, 1.0);
        });
  }
  return worst;
}

// Reversed quantities against every other unrevised claim, pairwise.
void WeighReversed(const std::vector<const Item*>& group, const std::vector<size_t>& reversed, Disagreements* d) {
  for (size_t r : reversed) {
    for (size_t j = 0; j < group.size(); ++j) {
      const Item &a = *group[std::min(r, j)], &b = *group[std::max(r, j)];
      if (j == r || group[j]->revision || !Compatible(a, b) || Intersect(a, b)) continue;
      if (a.doc == b.doc) {
        d->internal = true;
      } else {
        d->contradiction = std::max(d->contradiction, PairGap(a, b));
      }
    }
  }
}

bool AnyWithinDocument(const std::vector<const Item*>& steady) {
  std::unordered_map<uint32_t, std::vector<const Item*>> by_doc;
  for (const Item* x : steady) by_doc[x->doc].push_back(x);
  for (const auto& [doc, items] : by_doc) {
    if (items.size() > 1 && WorstPair(items, [](const Item& y) { return y.serial; }) >= 0) return true;
  }
  return false;
}

// The claims after a position in the group, summed up so that "is one of
// them disjoint from x?" takes constant time (for a known time, time in the
// number of month-days without a year among them).
class Suffix {
 public:
  explicit Suffix(const std::vector<const Item*>& group) {
    for (const Item* x : group) {
      if (x->OpenMonthDay() && key_.emplace(KeyOf(x->month_day), keys_.size()).second) keys_.push_back(x);
    }
    not_within_.assign(keys_.size(), 0);
    open_in_key_.assign(keys_.size(), 0);
  }

  void Add(const Item& y) {
    if (y.quantity) {
      ++quantities_;
      quantity_lowest_hi_ = std::min(quantity_lowest_hi_, y.hi);
      quantity_highest_lo_ = std::max(quantity_highest_lo_, y.lo);
      return;
    }
    ++times_;
    if (y.known) {
      ++known_;
      known_lowest_hi_ = std::min(known_lowest_hi_, y.hi);
      known_highest_lo_ = std::max(known_highest_lo_, y.lo);
      for (size_t k = 0; k < keys_.size(); ++k) not_within_[k] += !MonthDayMeets(*keys_[k], DayOfHour(y.lo), DayOfHour(y.hi));
    }
    if (y.OpenMonthDay()) {
      ++open_days_;
      ++open_day_texts_[y.month_day_text];
      const size_t k = key_.at(KeyOf(y.month_day));
      if (open_in_key_[k]++ == 0) present_keys_.push_back(k);
    }
    if (y.weekday >= 0) {
      ++weekdays_[static_cast<size_t>(y.weekday)];
      if (!y.known) ++open_weekdays_[static_cast<size_t>(y.weekday)];
    }
  }

  bool DisjointFromSome(const Item& x) const {
    if (x.quantity) {
      return times_ > 0 || (quantities_ > 0 && (quantity_lowest_hi_ < x.lo || quantity_highest_lo_ > x.hi));
    }
    if (quantities_ > 0) return true;
    if (x.known) {
      if (known_ > 0 && (known_lowest_hi_ < x.lo || known_highest_lo_ > x.hi)) return true;
      for (size_t k : present_keys_) {
        if (!MonthDayMeets(*keys_[k], DayOfHour(x.lo), DayOfHour(x.hi))) return true;
      }
      return x.weekday >= 0 && SomeMisses(open_weekdays_, x.weekday);
    }
    if (x.month_day_text >= 0) {
      if (not_within_[key_.at(KeyOf(x.month_day))] > 0) return true;
      if (x.month_day.month == 0 || !x.month_day_tolerant) return open_days_ > Count(open_day_texts_, x.month_day_text);
      size_t meeting = 0;  // open month-days here on x's day or a day apart
      for (size_t k : present_keys_) {
        if (keys_[k]->month_day == x.month_day || MonthDaysAdjacent(keys_[k]->month_day, x.month_day)) {
          meeting += open_in_key_[k];
        }
      }
      return open_days_ > meeting;
    }
    if (x.weekday >= 0) return SomeMisses(weekdays_, x.weekday);
    return false;
  }

 private:
  static int KeyOf(MonthDay md) { return md.month * 32 + md.day; }
  using WeekdayCounts = std::array<size_t, kWeekdayKinds>;
  // Whether some weekday counted here has days that miss those of `kind`.
  static bool SomeMisses(const WeekdayCounts& counts, int kind) {
    for (int k = 0; k < kWeekdayKinds; ++k) {
      if (counts[static_cast<size_t>(k)] > 0 && (WeekdayMask(k) & WeekdayMask(kind)) == 0) return true;
    }
    return false;
  }
  static size_t Count(const std::unordered_map<int, size_t>& counts, int text) {
    auto it = counts.find(text);
    return it == counts.end() ? 0 : it->second;
  }

  size_t quantities_ = 0, times_ = 0, known_ = 0;
  int64_t quantity_lowest_hi_ = kOpen;
  int64_t quantity_highest_lo_ = std::numeric_limits<int64_t>::min();
  int64_t known_lowest_hi_ = std::numeric_limits<int64_t>::max();
  int64_t known_highest_lo_ = std::numeric_limits<int64_t>::min();
  std::unordered_map<int, size_t> key_;  // month-day → its index in keys_
  std::vector<const Item*> keys_;        // the group's open month-days, an item of each
  std::vector<size_t> not_within_;        // known times here whose days miss keys_[k]
  std::vector<size_t> open_in_key_;       // open month-days here on keys_[k]
  std::vector<size_t> present_keys_;      // keys with open month-days here
  size_t open_days_ = 0;
  std::unordered_map<int, size_t> open_day_texts_;
  WeekdayCounts weekdays_{}, open_weekdays_{};
};

// The last pair (i < j) of disjoint values: the last i disjoint from some
// claim after it, then the last such claim.
std::optional<std::pair<size_t, size_t>> LastDisjointPair(const std::vector<const Item*>& group) {
  Suffix after(group);
  for (size_t i = group.size(); i-- > 0;) {
    if (after.DisjointFromSome(*group[i])) {
      for (size_t j = group.size() - 1; j > i; --j) {
        if (!Intersect(*group[i], *group[j])) return std::make_pair(i, j);
      }
    }
    after.Add(*group[i]);
  }
  return std::nullopt;
}

}  // namespace

double GapBetween(int64_t below_hi, int64_t above_lo) {
  const double near_a = static_cast<double>(below_hi), near_b = static_cast<double>(above_lo);
  return (near_b - near_a) / std::max(std::abs(near_a), std::abs(near_b));
}

double PairGap(const Item& a, const Item& b) {
  if (!a.quantity || !b.quantity) return 1.0;
  auto hi = [](const Item& c) { return c.hi == kOpen ? std::nullopt : std::optional<int64_t>(c.hi); };
  return RelativeGap(a.lo, hi(a), b.lo, hi(b));  // the bounds compared: victims only
}

Disagreements FindDisagreements(const std::vector<const Item*>& group) {
  Disagreements d;
  std::vector<const Item*> steady;  // unrevised, bounds in order
  std::vector<size_t> reversed;     // unrevised, bounds reversed
  for (size_t i = 0; i < group.size(); ++i) {
    if (group[i]->revision) continue;
    if (group[i]->Reversed()) {
      reversed.push_back(i);
    } else {
      steady.push_back(group[i]);
    }
  }
  d.contradiction = WorstPair(steady, [](const Item& y) { return y.doc; });
  WeighReversed(group, reversed, &d);
  if (d.contradiction < 0 && !d.internal) d.internal = AnyWithinDocument(steady);
  if (d.contradiction < 0 && !d.internal) d.last_change = LastDisjointPair(group);
  return d;
}

}  // namespace claimcheck::reconcile
