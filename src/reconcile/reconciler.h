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
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"

namespace claimcheck::reconcile {

struct Ledger;

/// (groups judged, groups in all), after each group of claims.
using GroupProgress = std::function<void(size_t done, size_t total)>;

/// What one source leaves open and the others give: the year each open
/// date (a claim id) takes, and the year a document's other open dates take
/// (its last open date's, in claim order). Worked out from date claims only.
struct BorrowedYears {
  std::map<std::string, int> claims;
  std::map<std::string, int> docs;
};

/// Puts inputs and claims in canonical order (documents by id, claims by
/// document then position), resolves what one source leaves open from
/// another (a year, basis `cross-document`), and replaces the findings.
/// The result depends only on the set of inputs and claims, never on their
/// order: `check` and `reconcile` over shards give the same bytes. With a
/// ledger, claims that disagree with it add `ledger` findings.
/// `progress`, when set, is told after each group is judged.
/// `years`, when set, replaces what the report's own claims lend each other:
/// a partition of a batch takes the years found over the whole batch.
void Reconcile(model::Report* report, const Ledger* ledger = nullptr, const GroupProgress& progress = nullptr,
               const BorrowedYears* years = nullptr);

// --- a batch reconciled in partitions (`claimcheck reconcile --stage`) -------
//
// Groups are relational (a subject without a place joins the one placed
// subject of its event), but only within one attribute and one event: every
// claim whose group may merge with another's has the same PartitionKey. So a
// batch reconciled in partitions by this key, each partition with the
// document records of its claims and the years of the whole batch
// (FindBorrowedYears over its date claims), gives every group all its claims,
// and its findings, merged and numbered by NumberFindings, are the batch's.

/// Attribute and event (with roles), without the place; never the claim's
/// document, so copies of a story meet and source independence is judged
/// with every source of the group.
std::string PartitionKey(const model::Claim& claim);

/// The years Reconcile lends, found over a batch's claims (only date claims are read).
BorrowedYears FindBorrowedYears(std::vector<model::Claim> claims);

/// Inputs by document id, claims in claim order (documents, then position).
void SortRecords(model::Report* report);

/// Sorts findings by (subject, attribute, verdict), then by their claims,
/// and numbers them F1, F2, …: as Reconcile does, whatever their order before.
void NumberFindings(std::vector<model::Finding>* findings);

/// Two subjects that may describe one thing: same event (and for troops the
/// same force), no different place. "rally" joins "rally@iraq".
bool SubjectsCompatible(const std::string& a, const std::string& b);

/// Relative gap between two disjoint integer intervals: the distance
/// between them over the larger of their near ends (0 when they meet).
double RelativeGap(int64_t a_lo, std::optional<int64_t> a_hi, int64_t b_lo,
                   std::optional<int64_t> b_hi);

}  // namespace claimcheck::reconcile

#endif  // CLAIMCHECK_RECONCILE_RECONCILER_H_
