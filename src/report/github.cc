// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice`
// annotation per contradict/internal/ledger finding, at the claim in the
// checked document (same location as the sarif writer, see locations.h).
// agree, changed and single findings are information, not problems: a pull
// request covered in notices for agreeing sources would bury the one that
// matters, so they are not annotated.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/locations.h"
#include "report/writers.h"

namespace claimcheck::report {

namespace {

// Escaping exactly as @actions/core (toolkit packages/core/src/command.ts):
// the runner decodes these, and nothing else. A message (escapeData) escapes
// '%', CR and LF; a property value (escapeProperty) also ':' and ',', which
// would otherwise end the value.
std::string Escape(std::string_view s, std::string_view special) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (special.find(c) == std::string_view::npos) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

std::string EscapeData(std::string_view s) { return Escape(s, "%\r\n"); }
std::string EscapeProperty(std::string_view s) { return Escape(s, "%\r\n:,"); }

std::string Command(std::string_view severity) {
  if (severity == "error") return "error";
  if (severity == "warning") return "warning";
  return "notice";
}

class GithubWriter final : public Writer {
 public:
  explicit GithubWriter(const WriterOptions& options) : root_(options.root), bounds_(options.qualifiers) {}

  void Write(const Report& report, std::ostream& out) const override {
    const ReportIndex index(report);
    // Errors first: the runner shows only the first few annotations of each
    // kind per step, and those should be the ones that fail the build.
    for (const Finding* f : FindingsForDisplay(report)) {
      if (IsActionable(f->verdict)) out << Annotation(*f, index) << '\n';
    }
  }

 private:
  std::string Annotation(const Finding& f, const ReportIndex& index) const {
    std::vector<std::pair<std::string, std::string>> props;
    const Claim* primary = PrimaryClaim(index, f);
    const DocumentRecord* doc = primary ? index.FindDocument(primary->doc) : nullptr;
    if (doc && !doc->path.empty() && doc->path != "-") {
      props.emplace_back("file", RelativePath(doc->path, root_));
      // A record's line and column count in its text, not in the file: the
      // annotation goes on the file as a whole and the message says where.
      if (LocatedInFile(*doc)) {
        const TextRegion r = RegionOf(primary->evidence);
        props.emplace_back("line", std::to_string(r.start_line));
        if (r.end_line != r.start_line) props.emplace_back("endLine", std::to_string(r.end_line));
        props.emplace_back("col", std::to_string(r.start_column));
        // GitHub reads endColumn only on a single-line annotation.
        if (r.end_line == r.start_line) {
          props.emplace_back("endColumn", std::to_string(r.end_column));
        }
      }
    }
    props.emplace_back("title", fmt::format("claimcheck {}: {}", f.verdict, FindingTitle(f)));

    std::string line = "::" + Command(f.severity);
    for (size_t i = 0; i < props.size(); ++i) {
      line += i == 0 ? ' ' : ',';
      line += props[i].first + '=' + EscapeProperty(props[i].second);
    }
    return line + "::" + EscapeData(Message(f, index));
  }

  // The summary, then the claims as the text writer prints them, then notes
  // (each at most kShownPerFinding).
  std::string Message(const Finding& f, const ReportIndex& index) const {
    const std::vector<const Claim*> claims = index.ClaimsOf(f);
    const ProseWords words(claims, bounds_);
    std::string m = words.Apply(f.summary);
    for (const Claim* c : Shown(claims)) {
      m += fmt::format("\n{}:{}:{}: \"{}\"", c->doc, c->evidence.line, c->evidence.column,
                       QuoteText(c->evidence));
    }
    if (claims.size() > kShownPerFinding) m += "\n" + MoreLine(claims.size() - kShownPerFinding, "claim");
    if (const std::string why = WhyGrouped(f, words); !why.empty()) m += "\ngrouped by: " + why;
    for (const std::string& note : Shown(f.notes)) m += "\nnote: " + words.Apply(note);
    if (f.notes.size() > kShownPerFinding) m += "\nnote: " + MoreLine(f.notes.size() - kShownPerFinding, "note");
    return m;
  }

  std::string root_;
  QualifierBounds bounds_;
};

}  // namespace

std::unique_ptr<Writer> MakeGithubWriter(const WriterOptions& options) {
  return std::make_unique<GithubWriter>(options);
}

}  // namespace claimcheck::report
