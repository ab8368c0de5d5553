// The facts ledger (--facts FILE) parsed from the input, then checked against
// a few claims. Invariants: a ledger is loaded or refused with
// file:line:col; a loaded fact's range is inside 0..2^53 with lo <= hi.
#include "fuzz.h"
#include "reconcile/ledger.h"

namespace claimcheck::fuzz {
namespace {

model::Claim MakeClaim(std::string id, std::string attribute, model::Value value) {
  model::Claim c;
  c.id = std::move(id);
  c.doc = "doc";
  c.subject = "attack";
  c.attribute = std::move(attribute);
  c.value = std::move(value);
  c.as_of = {"2020-01-03", "2020-01-03", "2020-01-03", "metadata"};
  c.evidence.text = "text";
  return c;
}

}  // namespace
}  // namespace claimcheck::fuzz

CLAIMCHECK_FUZZ_TARGET {
  using namespace claimcheck;
  using namespace claimcheck::fuzz;
  reconcile::Ledger ledger;
  std::string err;
  if (!reconcile::ParseLedger("facts.toml", std::string(Bytes(data, size)), &ledger, &err)) {
    Require(err.starts_with("facts.toml:"), "a ledger error without file:line:col: " + err);
    return 0;
  }
  model::Report report;
  report.claims.push_back(MakeClaim("a#1", "deaths", model::Quantity{5.0, 5, 5, ""}));
  report.claims.push_back(MakeClaim("a#2", "deaths", model::Quantity{std::nullopt, model::kMaxCount, std::nullopt, "more than"}));
  report.claims.push_back(MakeClaim("a#3", "date", model::Time{"2020-01-03", "2020-01-03", "2020-01-03", "day"}));
  for (const reconcile::Fact& f : ledger.facts) {
    if (const auto* q = std::get_if<model::Quantity>(&f.value)) {
      Require(q->lo >= 0 && q->lo <= model::kMaxCount, "a fact below 0 or past 2^53");
      Require(!q->hi || *q->hi >= q->lo, "a fact with hi < lo");
    }
  }
  reconcile::CheckLedger(ledger, &report);
  return 0;
}
