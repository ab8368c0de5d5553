// The facts ledger (`--facts FILE`): established facts a draft is checked
// against in CI. A claim that disagrees with an entry is a `ledger` finding.
//
//   [[fact]]
//   subject = "us-troops@iraq"        # as claims spell subjects (`claimcheck extract`)
//   attribute = "troops"
//   value = 2500                      # a number, [lo, hi] (hi may be "inf"), or "YYYY-MM-DD"
//   as_of = "2022-01-01"              # optional: only claims true at that time are compared
//   tolerance = "10%"                 # optional: "N%" relative or an integer, either side
//   citation = "Pentagon, 2021-12-09" # required: shown in the finding
//
// Unknown keys, missing keys and bad values stop the run with file:line:col.
#ifndef CLAIMCHECK_RECONCILE_LEDGER_H_
#define CLAIMCHECK_RECONCILE_LEDGER_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/model.h"

namespace claimcheck::reconcile {

struct Fact {
  std::string subject;
  std::string attribute;
  model::Value value;  ///< Quantity (tolerance applied) or Time
  std::string shown;    ///< The value as the ledger writes it
  std::string as_of;    ///< YYYY-MM-DD or ""
  std::string citation;
  std::string where;  ///< "facts.toml:12"
};

struct Ledger {
  std::vector<Fact> facts;
};

/// Reads the ledger file at `path`; a missing file, a FIFO or a directory is
/// an error too.
bool LoadLedger(const std::string& path, Ledger* out, std::string* err);

/// The same for a ledger already in memory; errors name `path`:line:col.
bool ParseLedger(const std::string& path, std::string content, Ledger* out, std::string* err);

/// What the rules can produce, for checking a ledger against them. The CLI
/// fills it from the rules (this layer reads none): claim rules' attributes,
/// the event keys of the subject lexicons, the named events and the forces.
struct Vocabulary {
  std::set<std::string> attributes;  ///< deaths, troops, …
  std::set<std::string> events;      ///< a subject's head as it stands: "earthquake", "event", "troops"
  std::set<std::string> named;       ///< "killing": a head "<name>-killing"
  std::set<std::string> forces;      ///< "us": a head "us-troops"
};

/// Ledger validation: one message per fact whose attribute or subject no rule
/// can produce, each "facts.toml:12: …".
std::vector<std::string> UnproducibleFacts(const Ledger& ledger, const Vocabulary& vocabulary);

/// One message per fact that no asserted claim of the report matched (same
/// attribute, compatible subject), each "facts.toml:12: …".
std::vector<std::string> UnmatchedFacts(const Ledger& ledger, const model::Report& report);

/// Adds a `ledger` finding (severity error) for every claim that disagrees
/// with a fact about its subject and attribute, at the fact's time. Negated
/// claims ("officials denied reports that 500 died") assert nothing: never.
void CheckLedger(const Ledger& ledger, model::Report* report);

}  // namespace claimcheck::reconcile

#endif  // CLAIMCHECK_RECONCILE_LEDGER_H_
