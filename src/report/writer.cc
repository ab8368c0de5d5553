#include "report/writer.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "model/json_io.h"
#include "report/writers.h"

namespace claimcheck::report {

using model::DumpLine;
using model::Json;
using model::ToJson;

namespace {

class JsonWriter final : public Writer {
 public:
  void Write(const Report& report, std::ostream& out) const override {
    model::WritePretty(report, out);
  }
};

// One finding per line with its claims inline.
class JsonlWriter final : public Writer {
 public:
  void Write(const Report& report, std::ostream& out) const override {
    std::map<std::string, const Claim*> by_id;
    for (const Claim& c : report.claims) by_id[c.id] = &c;
    // DumpLine of the finding with its claims' records in place of their
    // ids, written key by key: a finding of 20,000 claims never one tree.
    for (const Finding& f : report.findings) {
      const Json j = ToJson(f);
      out << '{';
      bool first = true;
      for (const auto& [key, value] : j.items()) {
        out << (first ? "" : ",") << DumpLine(Json(key)) << ':';
        first = false;
        if (key != "claims") {
          out << DumpLine(value);
          continue;
        }
        out << '[';
        bool first_claim = true;
        for (const std::string& id : f.claims) {
          if (auto it = by_id.find(id); it != by_id.end()) {
            out << (first_claim ? "" : ",") << DumpLine(ToJson(*it->second));
            first_claim = false;
          }
        }
        out << ']';
      }
      out << "}\n";
    }
  }
};

class TextWriter final : public Writer {
 public:
  explicit TextWriter(const WriterOptions& options) : color_(options.color), bounds_(options.qualifiers) {}

  void Write(const Report& report, std::ostream& out) const override {
    WriteFindings(report, out);
    WriteInputs(report, out);
    const Summary s = Summarize(report);
    std::string verdicts;
    for (const char* v : kVerdicts) {
      if (s.verdicts.at(v) > 0) verdicts += fmt::format(", {} {}", s.verdicts.at(v), v);
    }
    // Denied or debunked claims assert nothing and are in no finding: say how many.
    const auto negated = std::count_if(report.claims.begin(), report.claims.end(),
                                       [](const model::Claim& c) { return c.negated; });
    const std::string aside =
        negated == 0 ? "" : fmt::format(" ({} negated: denied or reported as false, not compared)", negated);
    out << fmt::format("{} document{} ({} ok, {} skipped), {} claim{}{}, {} finding{}{}\n",
                       s.documents, Plural(s.documents), s.ok, s.skipped, s.claims,
                       Plural(s.claims), aside, s.findings, Plural(s.findings), verdicts);
  }

 private:
  static const char* Plural(size_t n) { return n == 1 ? "" : "s"; }

  std::string Paint(std::string_view text, std::string_view code) const {
    return color_ ? fmt::format("\033[{}m{}\033[0m", code, text) : std::string(text);
  }

  void WriteFindings(const Report& report, std::ostream& out) const {
    const ReportIndex index(report);
    for (const Finding* f : FindingsForDisplay(report)) {
      const std::vector<const Claim*> claims = index.ClaimsOf(*f);
      const ProseWords words(claims, bounds_);
      const char* code = f->severity == "error" ? "1;31" : f->severity == "warning" ? "1;33" : "1;36";
      out << fmt::format("{} {} {} {}/{}: {}\n", Paint(f->severity, code), f->id, f->verdict,
                         f->subject, f->attribute, words.Apply(f->summary));
      // Each source's value, its time and the words it was read from.
      for (const Claim* c : claims) {
        std::string flags;
        if (c->hedged) flags += ", hedged";
        if (c->negated) flags += ", negated";
        if (c->revision) flags += ", revision";
        if (c->attribution) flags += ", per " + *c->attribution;
        const std::string as_of = c->as_of.timex.empty() ? "undated" : "as of " + TimeForPeople(c->as_of.timex);
        out << fmt::format("    {}:{}:{}: {} ({}{}) \"{}\"\n", c->doc, c->evidence.line,
                           c->evidence.column, Paint(ValueForPeople(c->value, bounds_), "1"), as_of, flags,
                           QuoteText(c->evidence));
      }
      // Why these claims are one subject, and what each source said when.
      if (const std::string why = WhyGrouped(*f, words); !why.empty()) {
        out << "    grouped by: " << why << '\n';
      }
      const std::vector<std::string> timeline = TimelineForPeople(*f, index, bounds_);
      if (!timeline.empty()) out << "    timeline: " << fmt::format("{}", fmt::join(timeline, " → ")) << '\n';
      for (const std::string& note : f->notes) out << "    note: " << words.Apply(note) << '\n';
      out << '\n';
    }
  }

  void WriteInputs(const Report& report, std::ostream& out) const {
    for (const DocumentRecord& d : report.inputs) {
      if (d.status != "ok") out << fmt::format("{} {}\n", Paint("skipped", "1;33"), d.reason);
      for (const std::string& w : d.warnings) {
        out << fmt::format("{} {}\n", Paint("warning", "1;33"), w);
      }
    }
  }

  bool color_;
  QualifierBounds bounds_;
};

}  // namespace

const std::vector<std::string>& FormatNames() {
  static const std::vector<std::string> kNames = {"text", "json",   "jsonl",  "markdown", "csv",
                                                  "csv-findings", "sarif", "github", "html",
                                                  "rdjsonl", "claimreview"};
  return kNames;
}

std::optional<Format> ParseFormat(std::string_view name) {
  const auto& names = FormatNames();
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<Format>(it - names.begin());
}

std::unique_ptr<Writer> MakeWriter(Format format, const WriterOptions& options) {
  switch (format) {
    case Format::kText:
      return std::make_unique<TextWriter>(options);
    case Format::kJson:
      return std::make_unique<JsonWriter>();
    case Format::kJsonl:
      return std::make_unique<JsonlWriter>();
    case Format::kMarkdown:
      return MakeMarkdownWriter(options);
    case Format::kCsv:
      return MakeCsvWriter(options);
    case Format::kCsvFindings:
      return MakeCsvFindingsWriter(options);
    case Format::kSarif:
      return MakeSarifWriter(options);
    case Format::kGithub:
      return MakeGithubWriter(options);
    case Format::kHtml:
      return MakeHtmlWriter(options);
    case Format::kRdjsonl:
      return MakeRdjsonlWriter(options);
    case Format::kClaimReview:
      return MakeClaimReviewWriter(options);
  }
  return nullptr;
}

}  // namespace claimcheck::report
