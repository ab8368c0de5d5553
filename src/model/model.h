// The data model of DESIGN.md §3: the records `mentions`, `extract` and
// `reconcile` produce and exchange, and every report writer reads. Field
// names and meanings are normative (docs/schema/ has their JSON Schemas).
// This layer sits above corpus and below everything that makes or prints
// claims: it includes no matcher, no normalizer and no writer.
#ifndef CLAIMCHECK_MODEL_MODEL_H_
#define CLAIMCHECK_MODEL_MODEL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "corpus/document.h"

namespace claimcheck::model {

/// Integer interval, bounds inclusive; hi unset when open above; point unset
/// for ranges and vague magnitudes. A point may be fractional ("2.5", "a
/// third") in a mention; its bounds are then the integers around it.
struct Quantity {
  std::optional<double> point;
  int64_t lo = 0;
  std::optional<int64_t> hi;
  std::string qualifier;  ///< "" prints as null.
  /// A vague magnitude ("thousands", [2000, 9999]): verdicts read it up to
  /// twice its upper bound (rules/README.md, "Verdicts"). JSON "vague": true,
  /// written only when true.
  bool vague = false;
  friend bool operator==(const Quantity&, const Quantity&) = default;
};

/// A TIMEX3 value with its calendar-day bounds ("" prints as null).
struct Time {
  std::string timex;
  std::string lo;
  std::string hi;
  std::string granularity;
  /// A date claim's TIMEX3 mod: START ("early Sunday"), END ("late
  /// Saturday"), … or "". Verdicts read a day's part from it (rules/README.md,
  /// "Verdicts"). JSON "mod", written only when not empty.
  std::string mod = {};
  /// A date claim's day is known only to a day either side: counted from the
  /// document's date ("yesterday", "tonight": a republished story or a time
  /// zone moves it) or named by a holiday ("a Halloween party"); rule field
  /// `loose_day`. JSON "loose_day", written only when true.
  bool loose_day = false;
  friend bool operator==(const Time&, const Time&) = default;
};

using Value = std::variant<Quantity, Time>;

/// The largest count claimcheck reads (2^53, so doubles hold it exactly and
/// the reconciler's gaps cannot overflow); rules/README.md, "Supported ranges".
inline constexpr int64_t kMaxCount = int64_t{1} << 53;

/// Whether every bound and the point lie within ±kMaxCount.
bool InSupportedRange(const Quantity& q);

/// An anchor a time mention carries ("two days later": relation after,
/// offset P2D); the claims layer resolves it against the event's date.
struct MentionAnchor {
  std::string relation;  ///< after, before, anniversary, same
  std::string offset;    ///< "" prints as null.
  int ordinal = 0;       ///< 0 prints as null.
  std::string event;     ///< "" prints as null.
  friend bool operator==(const MentionAnchor&, const MentionAnchor&) = default;
};

/// The days a time mention covers when its value alone does not say
/// (rules/README.md, "Intervals"): inclusive YYYY-MM-DD, "" prints as null
/// (open on that side).
struct MentionInterval {
  std::string lo;
  std::string hi;
  friend bool operator==(const MentionInterval&, const MentionInterval&) = default;
};

/// One recognized number or time expression, as `mentions` prints it
/// (DESIGN.md §3 "Mention"): a Quantity for numbers, a TIMEX3 string for time.
struct MentionRecord {
  std::string doc;
  size_t start = 0;
  size_t end = 0;
  std::string text;
  std::string kind;  ///< number, date, time, duration, set
  std::variant<Quantity, std::string> value;
  std::string mod;  ///< TIMEX3 mod; "" leaves the key out.
  std::optional<MentionAnchor> anchor;
  bool ordinal = false;  ///< Printed only when true.
  /// A number's unit, currency or percent, canonical as lexicon `units`
  /// writes it ("percent", "USD", "km", "GB"); "" leaves the key out.
  std::string unit;
  std::string rule;
  std::optional<MentionInterval> interval;  ///< Printed after `mod` when set.
  friend bool operator==(const MentionRecord&, const MentionRecord&) = default;
};

struct AsOf {
  std::string timex;
  std::string lo;
  std::string hi;
  std::string basis;  ///< metadata, dateline, inferred, sentence, document-date, anchored, …
  friend bool operator==(const AsOf&, const AsOf&) = default;
};

struct Evidence {
  size_t start = 0;
  size_t end = 0;
  size_t line = 1;
  size_t column = 1;
  std::string text;
  std::string sentence;
  friend bool operator==(const Evidence&, const Evidence&) = default;
};

/// What a count covers (rules/README.md, "Scope of a count"): who is
/// counted, and whether the figure is a part of the whole ("two died at the
/// scene", "three of the victims have been identified"). Empty: the whole, as
/// the sentence counts it (the victims, unless it says otherwise).
struct Scope {
  std::string who;        ///< "" (not said), "victims+perpetrator", "perpetrators"
  int64_t perpetrators = 0;  ///< victims+perpetrator: how many of the count did it; 0 when not said
  std::string part;       ///< "" or the part's name (lexicon part_cues): "at the scene", "identified", …
  /// "" or "shot": the count is of everyone hit, killed or wounded (claim
  /// field `counted`), an injuries claim read as killed + wounded.
  std::string counted;
  /// counted "shot": the largest count of dead its document gives for the
  /// same subject (so this many of the shot may be dead), -1 when none.
  int64_t killed = -1;
  /// How many more of the same attribute and event its document tells of in
  /// counts marked as added ("Two men were wounded. … Two bystanders were also
  /// hurt."): the count is read as itself to itself plus these. 0: none.
  int64_t added = 0;
  /// The count is one person the text describes ("A 36-year-old Australian
  /// man died", "the death of a British man"; claim field `individual`):
  /// it says that this person died or was hurt, not that no one else was.
  /// Apart from empty(): such a count is still the whole as far as the
  /// sentence tells, and is grouped and passed on as one.
  bool individual = false;
  bool empty() const { return who.empty() && part.empty() && counted.empty() && added == 0; }
  friend bool operator==(const Scope&, const Scope&) = default;
};

/// Where a claim stands in its document's own order of reports: stage
/// "earlier" for a figure the sentence marks as superseded ("in initial
/// reports", "had earlier said"), with the cue; empty for the document's
/// standing statement.
struct Timeline {
  std::string stage;
  std::string cue;
  bool empty() const { return stage.empty(); }
  friend bool operator==(const Timeline&, const Timeline&) = default;
};

struct Claim {
  std::string id;
  std::string doc;
  std::string rule;
  std::string subject;
  std::string attribute;
  Value value;
  AsOf as_of;
  Evidence evidence;
  std::optional<std::string> attribution;
  bool hedged = false;
  bool negated = false;
  bool revision = false;
  /// The class of the subject's event word (lexicon event_classes: "strike",
  /// "attack", "bombing" are one "violence"): claims of one class and the same
  /// roles, places and scope are one group, whichever word each outlet uses.
  /// JSON "event_class", written only when not empty.
  std::string event_class;
  Scope scope;         ///< JSON "scope", written only when not empty
  Timeline timeline;   ///< JSON "timeline", written only when not empty
  friend bool operator==(const Claim&, const Claim&) = default;
};

/// One claim of a finding's group on its timeline (rules/README.md,
/// "Verdicts"): who reported what, as of when, and whether it stands.
struct TimelineEntry {
  std::string claim;
  std::string source;  ///< the outlet, else the document's file name
  std::string as_of;   ///< TIMEX3, or "" when unknown
  std::string value;   ///< as a person reads it ("about 40")
  std::string stage;   ///< "standing", "earlier" (superseded) or "aside" (another figure of its story)
  friend bool operator==(const TimelineEntry&, const TimelineEntry&) = default;
};

struct Finding {
  std::string id;
  std::string verdict;   ///< agree, contradict, changed, single, internal, ledger
  std::string severity;  ///< error, warning, note
  std::string subject;
  std::string attribute;
  std::string summary;
  std::vector<std::string> claims;
  std::vector<std::string> notes;
  /// The group's claims in the order they were reported; empty for ledger findings.
  std::vector<TimelineEntry> timeline = {};
  /// Why its claims are one group: "event: shooting", "place: rochester", …
  std::vector<std::string> grouped_by = {};
  /// What identifies it from one run to the next (report::Fingerprints); set
  /// by the CLI, "" until then.
  std::string fingerprint = {};
  friend bool operator==(const Finding&, const Finding&) = default;
};

/// The document record `extract` writes before each document's claims.
struct DocumentRecord {
  std::string doc;
  std::string path;
  std::string title;
  std::string source;
  std::string url;
  std::string published;  ///< YYYY-MM-DD or "".
  std::string published_basis;
  std::string status;  ///< "ok" or "skipped"
  std::string reason;
  std::vector<std::string> warnings;
  std::vector<std::string> fingerprints;
  /// The names its story is told with (rules/README.md, "Verdicts", 7); JSON
  /// "names", written only when not empty.
  std::vector<std::string> names;
  friend bool operator==(const DocumentRecord&, const DocumentRecord&) = default;

  static DocumentRecord From(const corpus::Document& doc);
};

inline constexpr const char* kVerdicts[] = {"agree",    "contradict", "changed",
                                            "single",   "internal",   "ledger"};

/// "2500", "2.5", "-3": an integer when the value is one, else the shortest
/// decimal that reads back to the same double.
std::string FormatNumber(double v);

/// "2,500" — thousands separators for display.
std::string WithSeparators(int64_t n);

/// A value as a person reads it: "about 2,500", "at least 43", "10–15",
/// "thousands (2,000–9,999)", "2020-01-03".
std::string ShowValue(const Value& v);

/// A count of the victims and `k` perpetrators as the victims' count ("seven
/// dead, including the gunman" → 6): the point and every bound k fewer.
Quantity WithoutPerpetrators(Quantity q, int64_t k);

/// A count of people shot (scope counted "shot": killed and wounded) as a
/// count of the wounded: `killed` fewer at least (the dead its document
/// gives; unknown, -1: any number of them), at most all: "4 shot" with one
/// dead is 3–4 wounded, with no count of dead 0–4. Open above stays open.
Quantity WoundedOfShot(Quantity q, int64_t killed);
/// The least wounded of `shot_lo` people shot with `killed` dead (-1: any number).
int64_t LeastWounded(int64_t shot_lo, int64_t killed);

struct Report {
  std::vector<DocumentRecord> inputs;
  std::vector<Claim> claims;
  std::vector<Finding> findings;
};

/// Counts for the report's summary block, derived from the report itself.
struct Summary {
  size_t documents = 0;
  size_t ok = 0;
  size_t skipped = 0;
  size_t claims = 0;
  size_t findings = 0;
  std::map<std::string, size_t> verdicts;  ///< Every verdict, zero included.
};
Summary Summarize(const Report& report);

}  // namespace claimcheck::model

#endif  // CLAIMCHECK_MODEL_MODEL_H_
