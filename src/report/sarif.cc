// SARIF 2.1.0 as GitHub code scanning reads it (DESIGN.md §6): one result per
// contradict/internal/ledger finding, at the claim in the checked document,
// with the finding's other claims as related locations linked from the
// message. Also the location helpers the github writer shares (locations.h).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "corpus/reader.h"
#include "corpus/utf8.h"
#include "model/json_io.h"
#include "report/locations.h"
#include "report/writers.h"

namespace claimcheck::report {

using model::DumpLine;
using model::DumpPretty;
using model::Json;
using model::ToJson;

namespace fs = std::filesystem;

namespace {

// The schema the output is validated against (specs/sarif/, its "id").
constexpr const char* kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr const char* kSrcRoot = "%SRCROOT%";
// Bump the version when what goes into the hash changes: code scanning would
// otherwise match old alerts to new results wrongly instead of starting afresh.
constexpr const char* kFingerprintKey = "claimcheck/v1";

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - suffix.size(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

// Facts ledgers are TOML; claims from a ledger are never the place to show a
// finding, the draft that disagrees with it is.
bool IsLedgerPath(std::string_view path) { return EndsWithNoCase(path, ".toml"); }

fs::path AbsoluteNormal(const std::string& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p.empty() ? fs::path(".") : fs::path(p), ec);
  if (ec) abs = fs::path(p);
  abs = abs.lexically_normal();
  // "dir/" keeps an empty last element, which lexically_relative would count
  // as one more directory to climb out of.
  if (!abs.has_filename() && abs.has_relative_path()) abs = abs.parent_path();
  return abs;
}

bool IsUriSafe(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("-._~!$&'()*+,;=@/").find(static_cast<char>(c)) != std::string_view::npos;
}

// SARIF messages (§3.11.6): brackets that are not an embedded link are escaped.
std::string EscapeMessage(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '[' || c == ']') out += '\\';
    out += c;
  }
  return out;
}

std::string Level(std::string_view severity) {
  if (severity == "error") return "error";
  if (severity == "warning") return "warning";
  return "note";
}

struct RuleText {
  const char* verdict;
  const char* name;
  const char* level;
  const char* short_description;
  const char* full_description;
  const char* help_text;
  const char* help_markdown;
};

// One rule per verdict that produces results. agree, changed and single are
// information, not problems, so they are neither rules nor results here.
constexpr RuleText kRules[] = {
    {"contradict", "SourcesContradict", "error", "Sources contradict each other",
     "Different sources give values for the same subject and attribute that cannot both be "
     "true, and the difference is not explained by a change over time.",
     "Two or more documents make claims about the same subject and attribute (for example the "
     "death toll of one earthquake) whose values do not overlap, while the times the claims "
     "speak of overlap or are unknown, so the difference is not a change over time. The "
     "severity follows the relative gap: 20% or more is an error, 5% or more a warning, less a "
     "note. Check which source is right; whether the figures count the same thing (confirmed "
     "or reported, dead or dead and missing, the same place and date); and whether one is an "
     "older figure a later report revised. Then correct the text or say why sources differ.",
     "Two or more documents make claims about the **same subject and attribute** (for example "
     "the death toll of one earthquake) whose values do not overlap, while the times the "
     "claims speak of overlap or are unknown, so the difference is not a change over time.\n\n"
     "Severity follows the relative gap: **20%** or more is an error, **5%** or more a "
     "warning, less a note.\n\n"
     "What to check:\n\n"
     "- which source is right;\n"
     "- whether the figures count the same thing (confirmed or reported, dead or dead and "
     "missing, the same place and date);\n"
     "- whether one is an older figure that a later report revised.\n\n"
     "Then correct the text, or say why the sources differ. The message links every claim of "
     "the finding."},
    {"internal", "DocumentContradictsItself", "warning", "A document contradicts itself",
     "One document gives two values for the same subject and attribute that cannot both be "
     "true, for the same time and without saying that the figure was revised.",
     "Two claims in one document about the same subject and attribute have values that do not "
     "overlap, the times they speak of overlap, and neither carries a revision cue such as "
     "'rose to' or 'revised from'. Often a stale figure left in after an update, a typo, or "
     "two different counts described alike. Make the document consistent, or mark the change "
     "('the toll rose to ...').",
     "Two claims in **one document** about the same subject and attribute have values that do "
     "not overlap, the times they speak of overlap, and neither carries a revision cue such as "
     "*rose to* or *revised from*.\n\n"
     "Often a stale figure left in after an update, a typo, or two different counts described "
     "alike. Make the document consistent, or mark the change (*the toll rose to ...*)."},
    {"ledger", "ContradictsFactsLedger", "error", "A claim contradicts the facts ledger",
     "A claim disagrees with an established fact in the facts ledger (--facts) for the same "
     "subject, attribute and time.",
     "The facts ledger (claimcheck check --facts FILE) records established facts with their "
     "citations. This claim is about the same subject and attribute at an overlapping time, "
     "and its value is outside the entry's value and tolerance. The message names the entry "
     "and its citation. Correct the text, or, if the fact itself has changed, add a new dated "
     "entry with its source to the ledger.",
     "The facts ledger (`claimcheck check --facts FILE`) records established facts with their "
     "citations. This claim is about the same subject and attribute at an overlapping time, "
     "and its value is outside the entry's value and tolerance.\n\n"
     "The message links the ledger entry and gives its citation. Correct the text or, if the "
     "fact itself has changed, add a new dated entry with its source to the ledger."},
};

Json Driver() {
  Json rules = Json::array();
  for (const RuleText& r : kRules) {
    Json rule;
    rule["id"] = fmt::format("claimcheck/{}", r.verdict);
    rule["name"] = r.name;
    rule["shortDescription"]["text"] = r.short_description;
    rule["fullDescription"]["text"] = r.full_description;
    rule["defaultConfiguration"]["level"] = r.level;
    rule["help"]["text"] = r.help_text;
    rule["help"]["markdown"] = r.help_markdown;
    rule["properties"]["tags"] = Json::array({"fact-check", r.verdict});
    rules.push_back(std::move(rule));
  }
  Json driver;
  driver["name"] = "claimcheck";
  driver["version"] = CLAIMCHECK_VERSION;
  driver["semanticVersion"] = CLAIMCHECK_VERSION;
  driver["rules"] = std::move(rules);
  return driver;
}

// Skipped inputs and reading warnings, so a CI log shows why a draft was not
// checked; nothing is dropped silently.
Json Invocation(const Report& report) {
  Json notes = Json::array();
  for (const DocumentRecord& d : report.inputs) {
    if (d.status != "ok") {
      notes.push_back(
          {{"level", "warning"}, {"message", {{"text", fmt::format("skipped {}", d.reason)}}}});
    }
    for (const std::string& w : d.warnings) {
      notes.push_back({{"level", "warning"}, {"message", {{"text", w}}}});
    }
  }
  Json inv;
  inv["executionSuccessful"] = true;
  if (!notes.empty()) inv["toolExecutionNotifications"] = std::move(notes);
  return inv;
}

class SarifWriter final : public Writer {
 public:
  explicit SarifWriter(const WriterOptions& options) : root_(options.root), bounds_(options.qualifiers) {}

  void Write(const Report& report, std::ostream& out) const override {
    const ReportIndex index(report);
    records_ = RecordLineFinder();
    const std::vector<std::string> fingerprints = Fingerprints(report, root_);
    Json run;
    run["tool"]["driver"] = Driver();
    run["invocations"] = Json::array({Invocation(report)});
    run["columnKind"] = "unicodeCodePoints";
    run["results"] = Json::array();
    Json log;
    log["$schema"] = kSchemaUri;
    log["version"] = "2.1.0";
    log["runs"] = Json::array({std::move(run)});
    // The results, last in the only run, are written one at a time in the
    // place of the empty array the log ends with: a finding of 20,000
    // claims' related locations is one result's tree, never the log's.
    const std::string dumped = DumpPretty(log);
    static constexpr std::string_view kTail = "[]\n    }\n  ]\n}\n";
    out << std::string_view(dumped).substr(0, dumped.size() - kTail.size());
    bool any = false;
    for (size_t i = 0; i < report.findings.size(); ++i) {
      const Finding& f = report.findings[i];
      if (!IsActionable(f.verdict)) continue;
      out << (any ? ",\n" : "[\n") << std::string(8, ' ');
      model::WriteIndented(Result(f, index, fingerprints[i]), 4, out);
      any = true;
    }
    out << (any ? "\n      ]" : "[]") << kTail.substr(2);
  }

 private:
  // artifactLocation for a file path: relative to the root with %SRCROOT%
  // when inside it, else an absolute file URI.
  Json Artifact(const std::string& path) const {
    const std::string rel = RelativePath(path, root_);
    Json a;
    a["uri"] = PathToUri(rel);
    if (!rel.starts_with('/')) a["uriBaseId"] = kSrcRoot;
    return a;
  }

  // Where a claim is, as a location object without id or message. A record
  // of a JSONL file is located at its line in the file (its columns count in
  // its text, which the message gives); stdin has no file: no location.
  Json PhysicalLocation(const Claim& c, const DocumentRecord* d) const {
    Json loc = Json::object();
    if (d == nullptr || d->path.empty() || d->path == "-") return loc;
    loc["physicalLocation"]["artifactLocation"] = Artifact(d->path);
    if (!LocatedInFile(*d)) {
      if (auto line = records_.LineOf(*d)) loc["physicalLocation"]["region"]["startLine"] = *line;
      return loc;
    }
    const TextRegion r = RegionOf(c.evidence);
    Json region;
    region["startLine"] = r.start_line;
    region["startColumn"] = r.start_column;
    if (r.end_line != r.start_line) region["endLine"] = r.end_line;
    region["endColumn"] = r.end_column;
    region["snippet"]["text"] = c.evidence.text;
    loc["physicalLocation"]["region"] = std::move(region);
    return loc;
  }

  // `24 (independent.co.uk)`, plus where it is when the location cannot say:
  // `…, record C12/03_independent-co-uk, line 3 column 123 of its text`.
  std::string Describe(const Claim& c, const DocumentRecord* d, const ReportIndex& index) const {
    std::string s = fmt::format("{} ({}", ValueForPeople(c.value, bounds_), SourceLabel(index, c.doc));
    if (d == nullptr || !LocatedInFile(*d)) {
      const bool record = d != nullptr && d->path != "-";
      s += fmt::format(", {} {}, line {} column {} of its text", record ? "record" : "document",
                       c.doc, c.evidence.line, c.evidence.column);
    }
    return s + ")";
  }

  Json Result(const Finding& f, const ReportIndex& index, const std::string& fingerprint) const {
    const Claim* primary = PrimaryClaim(index, f);
    const DocumentRecord* primary_doc = primary ? index.FindDocument(primary->doc) : nullptr;

    // Related locations: the ledger entry first (for ledger findings), then
    // the finding's other claims, each linked from the message.
    Json related = Json::array();
    std::vector<std::string> links;
    auto add_related = [&](Json loc, const std::string& text, const std::string& link_text) {
      const size_t id = related.size() + 1;
      Json entry;
      entry["id"] = id;
      for (auto it = loc.begin(); it != loc.end(); ++it) entry[it.key()] = it.value();
      entry["message"]["text"] = EscapeMessage(text);
      related.push_back(std::move(entry));
      links.push_back(fmt::format("[{}]({})", EscapeMessage(link_text), id));
    };
    std::optional<LedgerEntry> ledger;
    if (f.verdict == "ledger") ledger = LedgerEntryOf(f);
    if (ledger) {
      Json loc;
      loc["physicalLocation"]["artifactLocation"] = Artifact(ledger->path);
      loc["physicalLocation"]["region"]["startLine"] = ledger->line;
      const std::string where = fmt::format("ledger entry {}:{}", ledger->path, ledger->line);
      add_related(std::move(loc), where, where);
    }
    const size_t ledger_links = links.size();
    // At most kShownPerFinding others: GitHub keeps 100 locations of a result
    // and rejects an upload with more than 1,000.
    size_t listed = 0, hidden = 0;
    for (const Claim* c : index.ClaimsOf(f)) {
      if (c == primary) continue;
      if (listed == kShownPerFinding) {
        ++hidden;
        continue;
      }
      ++listed;
      const DocumentRecord* d = index.FindDocument(c->doc);
      const std::string text = fmt::format("\"{}\": {}", QuoteText(c->evidence), Describe(*c, d, index));
      add_related(PhysicalLocation(*c, d), text, text);
    }

    Json result;
    result["ruleId"] = fmt::format("claimcheck/{}", f.verdict);
    for (size_t i = 0; i < std::size(kRules); ++i) {
      if (f.verdict == kRules[i].verdict) result["ruleIndex"] = i;
    }
    result["level"] = Level(f.severity);
    result["message"]["text"] = Message(f, primary, primary_doc, index, links, ledger_links, hidden);
    // Standard input has no file to point at: no location rather than an empty one.
    Json loc = primary ? PhysicalLocation(*primary, primary_doc) : Json::object();
    if (!loc.empty()) result["locations"] = Json::array({std::move(loc)});
    if (!related.empty()) result["relatedLocations"] = std::move(related);
    result["partialFingerprints"][kFingerprintKey] = fingerprint;
    // The finding as the JSON report has it, without the claim ids (the
    // locations say where the claims are) and its fingerprint.
    Json props = ToJson(f);
    props.erase("claims");
    props.erase("fingerprint");  // partialFingerprints holds it
    // Its timeline and notes as far as the related locations go, and how
    // many more ("timeline_more"): one event reported a hundred thousand
    // times would otherwise make megabytes of one result.
    for (const std::string key : {"timeline", "notes"}) {
      const auto list = props.find(key);
      if (list == props.end() || !list->is_array() || list->size() <= kShownPerFinding) continue;
      const size_t more = list->size() - kShownPerFinding;
      list->erase(list->begin() + static_cast<std::ptrdiff_t>(kShownPerFinding), list->end());
      props[key + "_more"] = more;
    }
    result["properties"] = std::move(props);
    return result;
  }

  std::string Message(const Finding& f, const Claim* primary, const DocumentRecord* doc,
                      const ReportIndex& index, const std::vector<std::string>& links,
                      size_t ledger_links, size_t hidden) const {
    auto join = [](auto begin, auto end) {
      std::string s;
      for (auto it = begin; it != end; ++it) s += (s.empty() ? "" : ", ") + *it;
      return s;
    };
    std::string others = join(links.begin() + static_cast<std::ptrdiff_t>(ledger_links), links.end());
    if (hidden > 0) others += ", " + MoreLine(hidden, "claim");
    const std::string title = FindingTitle(f);
    std::string here;
    if (primary) {
      here = fmt::format("\"{}\" gives {}", EscapeMessage(QuoteText(primary->evidence)),
                         EscapeMessage(Describe(*primary, doc, index)));
    }
    std::string m;
    if (f.verdict == "ledger") {
      m = EscapeMessage(ProseForPeople(f.summary, index.ClaimsOf(f), bounds_)) + ".";
      if (primary && (doc == nullptr || !LocatedInFile(*doc))) m += fmt::format(" Here {}.", here);
      if (ledger_links > 0) {
        m += fmt::format(" Ledger: {}.", join(links.begin(), links.begin() + 1));
      }
      if (!others.empty()) m += fmt::format(" Other claims: {}.", others);
    } else if (f.verdict == "internal") {
      m = fmt::format("{}: the document contradicts itself.", EscapeMessage(title));
      if (primary) m += fmt::format(" Here {}", here);
      if (!others.empty()) m += fmt::format("; elsewhere it says {}", others);
      m += ".";
    } else {
      m = fmt::format("{}: the sources disagree.", EscapeMessage(title));
      if (primary) m += fmt::format(" Here {}", here);
      if (!others.empty()) m += fmt::format("; the other claims: {}", others);
      m += ".";
    }
    if (const std::string why = WhyGrouped(f, index, bounds_); !why.empty()) {
      m += fmt::format(" Grouped by: {}.", EscapeMessage(why));
    }
    return m;
  }

  std::string root_;
  QualifierBounds bounds_;
  mutable RecordLineFinder records_;  // one Write at a time, as every writer
};

}  // namespace

// --- locations.h ---------------------------------------------------------------

// What identifies a finding from one run to the next: not finding ids or
// line numbers, which shift as documents are edited or added.
std::vector<std::string> Fingerprints(const Report& report, const std::string& root) {
  const ReportIndex index(report);
  std::map<std::string, int> seen;
  std::vector<std::string> out;
  for (const Finding& f : report.findings) {
    const Claim* primary = PrimaryClaim(index, f);
    const DocumentRecord* doc = primary ? index.FindDocument(primary->doc) : nullptr;
    std::string key = fmt::format("{}\x1f{}\x1f{}", f.verdict, f.subject, f.attribute);
    if (primary) {
      key += '\x1f';
      key += doc && !doc->path.empty() && doc->path != "-" ? RelativePath(doc->path, root) : "";
      // Many records share one file; their ids tell them apart.
      if (doc == nullptr || !LocatedInFile(*doc)) key += "\x1f" + primary->doc;
      key += "\x1f" + primary->evidence.text;
    }
    // Two findings alike in all of that (two ledger entries on one claim)
    // must still differ; their order within the run is stable. The key
    // holds the verdict, so findings of other verdicts never shift it.
    const int n = ++seen[key];
    if (n > 1) key += fmt::format("\x1f{}", n);
    // Once set (the CLI sets it before dropping baselined findings), a
    // finding keeps its fingerprint.
    out.push_back(f.fingerprint.empty() ? fmt::format("{:016x}", Fnv1a64(key)) : f.fingerprint);
  }
  return out;
}

bool IsActionable(std::string_view verdict) {
  return verdict == "contradict" || verdict == "internal" || verdict == "ledger";
}

std::string RelativePath(const std::string& path, const std::string& root) {
  const fs::path abs = AbsoluteNormal(path);
  const fs::path rel = abs.lexically_relative(AbsoluteNormal(root));
  const bool inside = !rel.empty() && rel != "." && *rel.begin() != "..";
  return (inside ? rel : abs).generic_string();
}

std::string PathToUri(std::string_view path) {
  std::string out = path.starts_with('/') ? "file://" : "";
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsUriSafe(c)) {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

size_t CodePoints(std::string_view text) { return corpus::CountCodePoints(text); }

TextRegion RegionOf(const Evidence& evidence) {
  TextRegion r;
  r.start_line = std::max<size_t>(evidence.line, 1);
  r.start_column = std::max<size_t>(evidence.column, 1);
  const std::string_view text = evidence.text;
  const size_t last_newline = text.rfind('\n');
  if (last_newline == std::string_view::npos) {
    r.end_line = r.start_line;
    r.end_column = r.start_column + CodePoints(text);
  } else {
    r.end_line = r.start_line + static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
    r.end_column = 1 + CodePoints(text.substr(last_newline + 1));
  }
  return r;
}

bool LocatedInFile(const DocumentRecord& doc) {
  if (doc.path.empty() || doc.path == "-") return false;
  const corpus::Format format = corpus::FormatForPath(doc.path);
  if (format == corpus::Format::kJsonl || format == corpus::Format::kJson) return false;
  // A file's id is its path without extension (DESIGN.md §3); anything else
  // did not come from reading that file whole.
  return doc.doc == corpus::DocumentIdForPath(doc.path);
}

std::optional<size_t> RecordLineFinder::LineOf(const DocumentRecord& doc) {
  if (doc.path.empty() || doc.path == "-") return std::nullopt;
  const corpus::Format format = corpus::FormatForPath(doc.path);
  if (format != corpus::Format::kJsonl && format != corpus::Format::kJson) return std::nullopt;
  auto [it, fresh] = files_.try_emplace(doc.path);
  if (fresh) it->second = corpus::RecordLines(doc.path);
  const auto line = it->second.find(doc.doc);
  if (line == it->second.end()) return std::nullopt;
  return line->second;
}

std::optional<LedgerEntry> LedgerEntryOf(const Finding& finding) {
  constexpr std::string_view kPrefix = "ledger entry ";
  for (const std::string& note : finding.notes) {
    if (!note.starts_with(kPrefix)) continue;
    const std::string_view where = std::string_view(note).substr(kPrefix.size());
    const size_t colon = where.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == where.size()) continue;
    const std::string_view digits = where.substr(colon + 1);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    LedgerEntry e;
    e.path = std::string(where.substr(0, colon));
    for (char c : digits) e.line = e.line * 10 + static_cast<size_t>(c - '0');
    if (e.line == 0) continue;
    return e;
  }
  return std::nullopt;
}

const Claim* PrimaryClaim(const ReportIndex& index, const Finding& finding) {
  const std::vector<const Claim*> claims = index.ClaimsOf(finding);
  for (const Claim* c : claims) {
    const DocumentRecord* d = index.FindDocument(c->doc);
    if (d && LocatedInFile(*d) && !IsLedgerPath(d->path)) return c;
  }
  for (const Claim* c : claims) {
    const DocumentRecord* d = index.FindDocument(c->doc);
    if (!d || !IsLedgerPath(d->path)) return c;
  }
  return claims.empty() ? nullptr : claims.front();
}

std::string SourceLabel(const ReportIndex& index, const std::string& doc) {
  const DocumentRecord* d = index.FindDocument(doc);
  if (d && !d->source.empty()) return d->source;
  const size_t slash = doc.rfind('/');
  return slash == std::string::npos ? doc : doc.substr(slash + 1);
}

std::string FindingTitle(const Finding& finding) {
  if (finding.attribute.empty()) return finding.subject;
  std::string attribute = finding.attribute;
  attribute[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(attribute[0])));
  return fmt::format("{} of {}", attribute, finding.subject);
}

uint64_t Fnv1a64(std::string_view data) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::unique_ptr<Writer> MakeSarifWriter(const WriterOptions& options) {
  return std::make_unique<SarifWriter>(options);
}

}  // namespace claimcheck::report
