// The disagreements within one group of claims (DESIGN.md §4, "Verdicts"),
// found by sweeps over sorted values and times, never by comparing all pairs.
//
// A group's verdict depends on its pairs of claims whose values are disjoint
// (Intersect is false): between two documents, both unrevised and at
// compatible times (Compatible), they contradict, with a severity from the
// worst relative gap; within one document they are internal; any other
// disjoint pair is a change. Each question below is answered in
// O(g log g) for a group of g claims: a sweep over as_of days feeds a
// Fenwick tree of small summaries (the lowest upper bound held by two
// different documents, …), and each claim asks the summaries of the claims
// compatible with it. Quantities with reversed bounds (lo > hi), which only
// a hand-written record can carry, are weighed pairwise against the group:
// their relative gap depends on which claim comes first.
#ifndef CLAIMCHECK_RECONCILE_SWEEP_H_
#define CLAIMCHECK_RECONCILE_SWEEP_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "reconcile/item.h"

namespace claimcheck::reconcile {

struct Disagreements {
  /// The largest relative gap (1 for times) between disjoint values of two
  /// documents, both unrevised, at compatible times; -1 when there is none.
  double contradiction = -1;
  /// Whether one document holds such a pair.
  bool internal = false;
  /// When there is neither: the last pair (i < j, in group order) of
  /// disjoint values, which then is a change. Unset when values all meet.
  std::optional<std::pair<size_t, size_t>> last_change;
};

/// `group` in claim order.
Disagreements FindDisagreements(const std::vector<const Item*>& group);

/// The relative gap of an interval ending at `below_hi` and one starting at
/// `above_lo` > below_hi: their distance over the larger magnitude.
double GapBetween(int64_t below_hi, int64_t above_lo);

/// The relative gap the verdict table gives a disjoint pair, `a` first in
/// group order: RelativeGap for quantities, 1 otherwise.
double PairGap(const Item& a, const Item& b);

}  // namespace claimcheck::reconcile

#endif  // CLAIMCHECK_RECONCILE_SWEEP_H_
