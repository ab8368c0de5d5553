// `--format markdown`: the report as GitHub-flavoured Markdown, sized and
// shaped for a pull-request comment. A title, the one-line summary, a table of
// findings (severity first, as the text writer orders them), a section per
// finding with its claims quoted in context, then skipped inputs and warnings.
//
// Document text can contain anything, so every piece of it goes through
// Inline() (prose) or Code() (identifiers: subjects, attributes, locations);
// nothing from a document or a ledger reaches the output as markup.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/utf8.h"
#include "report/text_util.h"
#include "report/writers.h"

namespace claimcheck::report {

namespace {

// GitHub refuses a comment body longer than this many characters.
constexpr size_t kGithubCommentLimit = 65536;

// How much of a claim's sentence to quote on each side of its span, in
// bytes. Fixture sentences are well under this; a sentence from a page with no
// punctuation can run to megabytes and would swamp the comment.
constexpr size_t kContextBytes = 240;

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
bool IsAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Line breaks and other control characters become spaces: in a table cell a
// newline ends the row, and elsewhere it could start a block ("# ", "> ").
std::string Flatten(std::string_view raw) {
  std::string s = ValidUtf8(raw);
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  return s;
}

// Escapes text for inline use, in a paragraph or a table cell alike:
// - backslash escapes for what opens inline markup: \ ` * [ ] < > ~ (GFM
//   strikethrough) and | (a table cell's end; harmless elsewhere);
// - '&' only where it could start an entity ("&amp;", "&#36;");
// - '$' as GitHub documents it, <span>$</span>: two dollars on a line
//   ("$5 million … $2 million") would otherwise render as inline math, and
//   GitHub does not honour "\$" there;
// - a zero-width space after a word-initial '@' before a name and '#' before
//   a digit, so a quoted "@someone" or "#12" does not notify a GitHub user or
//   link (and leave a back-reference on) an issue, as Renovate does for
//   release notes;
// - '_' only where it could delimit emphasis, not inside a word.
// The rendered text reads as the document does.
std::string Escape(std::string_view raw) {
  const std::string s = Flatten(raw);
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const char prev = i > 0 ? s[i - 1] : '\0';
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    switch (c) {
      case '\\': case '`': case '*': case '[': case ']': case '<': case '>': case '~': case '|':
        out += '\\';
        out += c;
        break;
      case '_':
        // Inside a word ("000_fdd3") '_' can neither open nor close emphasis.
        if (!IsAlnum(prev) || !IsAlnum(next)) out += '\\';
        out += c;
        break;
      case '&': {
        size_t j = i + 1;
        if (j < s.size() && s[j] == '#') ++j;
        while (j < s.size() && IsAlnum(s[j])) ++j;
        if (j > i + 1 && j < s.size() && s[j] == ';') out += '\\';
        out += c;
        break;
      }
      case '$':
        out += "<span>$</span>";
        break;
      case '@':  // GitHub mentions and references start a word: "rally@iraq" is neither.
        out += c;
        if (!IsAlnum(prev) && IsAlnum(next)) out += "&#8203;";
        break;
      case '#':
        out += c;
        if (!IsAlnum(prev) && IsDigit(next)) out += "&#8203;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Escape() for a whole paragraph or list item: trimmed, and with the one
// character escaped that would make its start a block ("# heading", "- item",
// "+ item", "1. item", "1) item", "= " under a line).
std::string Inline(std::string_view raw) {
  std::string s = Escape(raw);
  const size_t first = s.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  s.erase(0, first);
  s.erase(s.find_last_not_of(' ') + 1);
  if (s[0] == '#' || s[0] == '-' || s[0] == '+' || s[0] == '=') {
    s.insert(0, 1, '\\');
  } else if (IsDigit(s[0])) {
    size_t j = 0;
    while (j < s.size() && IsDigit(s[j])) ++j;
    if (j < s.size() && (s[j] == '.' || s[j] == ')')) s.insert(j, 1, '\\');
  }
  return s;
}

// An identifier as a code span: shown verbatim, and GitHub neither links nor
// mentions inside one. The fence is one backtick longer than any run inside;
// a space pads content that starts or ends with a backtick or a space (GFM
// strips one from each side). In a table a '|' must still be escaped, even
// in code. An empty identifier shows as a dash: "``" is not a code span.
std::string Code(std::string_view raw, bool in_table) {
  const std::string s = Flatten(raw);
  if (s.empty()) return "—";
  size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = s.front() == '`' || s.back() == '`' || (s.front() == ' ' && s.back() == ' ');
  std::string body;
  for (char c : s) {
    if (c == '|' && in_table) body += '\\';
    body += c;
  }
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

// The last `limit` bytes of `s` (from a code point and, when one is near, a
// word boundary), with "…" marking the cut; `s` itself when short enough.
std::string TailOf(std::string_view s, size_t limit) {
  if (s.size() <= limit) return std::string(s);
  size_t at = s.size() - limit;
  while (at < s.size() && IsContinuation(s[at])) ++at;
  const size_t space = s.find(' ', at);
  if (space != std::string_view::npos && space - at < limit / 4) at = space + 1;
  return "…" + std::string(s.substr(at));
}

std::string HeadOf(std::string_view s, size_t limit) {
  if (s.size() <= limit) return std::string(s);
  size_t at = limit;
  while (at > 0 && IsContinuation(s[at])) --at;
  const size_t space = s.rfind(' ', at);
  if (space != std::string_view::npos && at - space < limit / 4) at = space;
  return std::string(s.substr(0, at)) + "…";
}

bool IsSpaceOrPunct(std::string_view s, bool last) {
  if (s.empty()) return true;
  const unsigned char c = static_cast<unsigned char>(last ? s.back() : s.front());
  if (c >= 0x80) return false;  // letters of other scripts; punctuation there is rare
  return !IsAlnum(static_cast<char>(c));
}

// The claim's sentence with its span in bold, quoted around the span; the
// span alone, in bold, when the sentence does not contain it.
std::string Evidence(const Claim& c) {
  const std::optional<Quote> parts = QuoteOf(c.evidence);
  std::string before(parts ? parts->before : "");
  std::string span(parts ? parts->quote : std::string_view(c.evidence.text));
  std::string after(parts ? parts->after : "");
  // Spaces at the span's edges go outside the bold: "** x**" is not bold.
  const size_t lead = std::min(span.find_first_not_of(' '), span.size());
  before += span.substr(0, lead);
  span.erase(0, lead);
  const size_t keep = span.find_last_not_of(' ') + 1;
  after.insert(0, span.substr(keep));
  span.erase(keep);
  if (span.empty()) return "—";
  // "**" only opens after a space or punctuation when punctuation follows it
  // (and closes likewise), so a span starting or ending in punctuation
  // ('"five"') right against a letter needs HTML bold, which GitHub allows.
  const bool punct_edge = IsSpaceOrPunct(span, false) || IsSpaceOrPunct(span, true);
  const bool tight = (!before.empty() && !IsSpaceOrPunct(before, true)) ||
                     (!after.empty() && !IsSpaceOrPunct(after, false));
  const char* open = punct_edge && tight ? "<b>" : "**";
  const char* close = punct_edge && tight ? "</b>" : "**";
  std::string out = Escape(TailOf(before, kContextBytes));
  // Trimmed so the cell does not start or end with the sentence's spaces.
  out.erase(0, std::min(out.find_first_not_of(' '), out.size()));
  out += open + Escape(span) + close;
  std::string rest = Escape(HeadOf(after, kContextBytes));
  rest.erase(rest.find_last_not_of(' ') + 1);
  return out + rest;
}

// The outlet a reader knows (the document's source), else the file name, as
// finding summaries name sources.
std::string SourceName(const Claim& c, const ReportIndex& index) {
  const DocumentRecord* d = index.FindDocument(c.doc);
  if (d && !d->source.empty()) return d->source;
  const size_t slash = c.doc.rfind('/');
  return slash == std::string::npos ? c.doc : c.doc.substr(slash + 1);
}

std::string ValueCell(const Claim& c, const QualifierBounds& bounds) {
  std::string out = Escape(ValueForPeople(c.value, bounds));
  std::vector<std::string> flags;
  if (c.hedged) flags.push_back("hedged");
  if (c.negated) flags.push_back("negated");
  if (c.revision) flags.push_back("revision");
  if (!flags.empty()) out += fmt::format(" ({})", fmt::join(flags, ", "));
  return out;
}

std::string AsOfCell(const AsOf& a) {
  if (a.timex.empty() && a.basis.empty()) return "—";
  const std::string timex = a.timex.empty() ? "unknown" : Escape(TimeForPeople(a.timex));
  return a.basis.empty() ? timex : fmt::format("{} ({})", timex, Escape(a.basis));
}

const char* Plural(size_t n) { return n == 1 ? "" : "s"; }

using FindingsOfClaim = std::map<std::string, std::vector<const Finding*>>;

class MarkdownWriter final : public Writer {
 public:
  explicit MarkdownWriter(const WriterOptions& options) : bounds_(options.qualifiers) {}

  void Write(const Report& report, std::ostream& out) const override {
    const ReportIndex index(report);
    const auto findings_of = FindingsByClaim(report);
    const std::vector<const Finding*> order = FindingsForDisplay(report);

    const std::string head = "## claimcheck report\n\n" + SummaryLine(report) + "\n\n";
    std::string body;
    if (order.empty()) {
      body += "No findings.\n\n";
    } else {
      body += "| Finding | Verdict | Severity | Subject | Attribute | Summary |\n";
      body += "|---|---|---|---|---|---|\n";
      for (const Finding* f : order) {
        body += fmt::format("| {} | {} | {} | {} | {} | {} |\n", Escape(f->id), Escape(f->verdict),
                            Escape(f->severity), Code(f->subject, true),
                            Code(f->attribute, true),
                            Escape(ProseForPeople(f->summary, index.ClaimsOf(*f), bounds_)));
      }
      body += '\n';
    }
    for (const Finding* f : order) body += Section(*f, index, findings_of);
    body += Inputs(report);
    while (body.size() >= 2 && body[body.size() - 1] == '\n' && body[body.size() - 2] == '\n') {
      body.pop_back();
    }

    // Too long for one comment: say so at the top rather than cut anything
    // (a cut report would hide findings silently). The count includes the note.
    std::string note;
    const size_t size = corpus::CountCodePoints(head) + corpus::CountCodePoints(body);
    if (size > kGithubCommentLimit) {
      for (int pass = 0; pass < 2; ++pass) {
        note = fmt::format(
            "> **Note:** this report is {} characters long, more than the {} a GitHub comment "
            "can hold; attach it as a file or check fewer inputs at a time.\n\n",
            WithSeparators(static_cast<int64_t>(size + corpus::CountCodePoints(note))),
            WithSeparators(static_cast<int64_t>(kGithubCommentLimit)));
      }
    }
    out << head << note << body;
  }

 private:
  static std::string SummaryLine(const Report& report) {
    const Summary s = Summarize(report);
    std::string verdicts;
    for (const char* v : kVerdicts) {
      if (s.verdicts.at(v) == 0) continue;
      verdicts += fmt::format("{}{} {}", verdicts.empty() ? ": " : ", ", s.verdicts.at(v), v);
    }
    return fmt::format("{} document{} ({} ok, {} skipped), {} claim{}, {} finding{}{}",
                       s.documents, Plural(s.documents), s.ok, s.skipped, s.claims,
                       Plural(s.claims), s.findings, Plural(s.findings), verdicts);
  }

  std::string Section(const Finding& f, const ReportIndex& index, const FindingsOfClaim& findings_of) const {
    const std::vector<const Claim*> claims = index.ClaimsOf(f);
    const ProseWords words(claims, bounds_);
    const std::string summary = words.Apply(f.summary);
    std::string md = fmt::format("### {} · {} · {} / {}\n\n", Escape(f.id), Escape(f.verdict),
                                 Code(f.subject, false), Code(f.attribute, false));
    md += f.severity.empty() ? Inline(summary)
                             : fmt::format("**{}**: {}", Escape(f.severity), Inline(summary));
    md += "\n\n";
    if (!claims.empty()) {
      md += "| Source | Value | As of | Location | Evidence |\n";
      md += "|---|---|---|---|---|\n";
      for (const Claim* c : Shown(claims)) {
        std::string source = Escape(SourceName(*c, index));
        if (c->attribution) source += " (per " + Escape(*c->attribution) + ")";
        std::string location =
            Code(fmt::format("{}:{}:{}", c->doc, c->evidence.line, c->evidence.column), true);
        // A claim in several findings (ledger and single) says where else it is.
        std::vector<std::string> others;
        if (auto it = findings_of.find(c->id); it != findings_of.end()) {
          for (const Finding* g : it->second) {
            if (g != &f) others.push_back(Escape(g->id));
          }
        }
        if (!others.empty()) location += fmt::format(" (also {})", fmt::join(others, ", "));
        md += fmt::format("| {} | {} | {} | {} | {} |\n", source, ValueCell(*c, bounds_), AsOfCell(c->as_of),
                          location, Evidence(*c));
      }
      md += '\n';
      if (claims.size() > kShownPerFinding) {
        md += "*" + Escape(MoreLine(claims.size() - kShownPerFinding, "claim")) + "*\n\n";
      }
    }
    // Why these claims are one subject, and what each source said when.
    if (const std::string why = WhyGrouped(f, words); !why.empty()) {
      md += "Grouped by: " + Escape(why) + "\n\n";
    }
    const std::vector<std::string> timeline = TimelineForPeople(f, index, bounds_);
    if (!timeline.empty()) {
      std::string joined;
      for (const std::string& entry : timeline) joined += (joined.empty() ? "" : " → ") + Escape(entry);
      md += "Timeline: " + joined + "\n\n";
    }
    if (!f.notes.empty()) {
      md += "Notes:\n\n";
      for (const std::string& note : Shown(f.notes)) md += "- " + Inline(words.Apply(note)) + "\n";
      if (f.notes.size() > kShownPerFinding) {
        md += "- *" + Escape(MoreLine(f.notes.size() - kShownPerFinding, "note")) + "*\n";
      }
      md += '\n';
    }
    return md;
  }

  QualifierBounds bounds_;

  // Skipped inputs and warnings, each reason naming its input as the text
  // writer prints it.
  static std::string Inputs(const Report& report) {
    std::string skipped, warnings;
    for (const DocumentRecord& d : report.inputs) {
      if (d.status != "ok") skipped += "- " + Inline(d.reason.empty() ? d.doc : d.reason) + "\n";
      for (const std::string& w : d.warnings) warnings += "- " + Inline(w) + "\n";
    }
    std::string md;
    if (!skipped.empty()) md += "### Skipped inputs\n\n" + skipped + "\n";
    if (!warnings.empty()) md += "### Warnings\n\n" + warnings + "\n";
    return md;
  }
};

}  // namespace

std::unique_ptr<Writer> MakeMarkdownWriter(const WriterOptions& options) {
  return std::make_unique<MarkdownWriter>(options);
}

}  // namespace claimcheck::report
