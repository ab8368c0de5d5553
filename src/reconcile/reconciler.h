// Reconciliation (DESIGN.md §4 "Verdicts"): claims grouped by attribute and
// subject, compared across documents in value and in time, into findings:
// agree, contradict, changed, single, internal.
//
//   model::Report r = …;            // inputs and claims, in any order
//   Reconcile(&r);                    // sorts, resolves borrowed years, adds findings
//
// Cost, a rule every change here keeps: claims are grouped by key (attribute
// and subject; open years by month-day and event), and the work inside a
// group of g claims is O(g log g): sweeps over sorted values and times
// (reconcile/sweep.h), never all pairs; copies of one story and one outlet's
// documents are found by hashing (reconcile/sources.h), not by comparing
// pairs; what a claim's strings say (days, month-days, its sentence, its
// document's label) is worked out once per claim (reconcile/item.h); and
// working memory is bounded by the largest group. bench/reconcile_scale.py
// measures it; tests/reconcile/pairwise_test.cc holds the result to the
// pairwise definition.
#ifndef CLAIMCHECK_RECONCILE_RECONCILER_H_
#define CLAIMCHECK_RECONCILE_RECONCILER_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"

namespace claimcheck::reconcile {

struct Ledger;

/// (groups judged, groups in all), after each group of claims.
using GroupProgress = std::function<void(size_t done, size_t total)>;

/// Puts inputs and claims in canonical order (documents by id, claims by
/// document then position), resolves what one source leaves open from
/// another (a year, basis `cross-document`), and replaces the findings.
/// The result depends only on the set of inputs and claims, never on their
/// order: `check` and `reconcile` over shards give the same bytes. With a
/// ledger, claims that disagree with it add `ledger` findings.
/// `progress`, when set, is told after each group is judged.
void Reconcile(model::Report* report, const Ledger* ledger = nullptr, const GroupProgress& progress = nullptr);

/// Two subjects that may describe one thing: same event (and for troops the
/// same force), no different place. "rally" joins "rally@iraq".
bool SubjectsCompatible(const std::string& a, const std::string& b);

/// Relative gap between two disjoint integer intervals: the distance
/// between them over the larger of their near ends (0 when they meet).
double RelativeGap(int64_t a_lo, std::optional<int64_t> a_hi, int64_t b_lo,
                   std::optional<int64_t> b_hi);

}  // namespace claimcheck::reconcile

#endif  // CLAIMCHECK_RECONCILE_RECONCILER_H_
