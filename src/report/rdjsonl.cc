// reviewdog's Diagnostic Format as JSON Lines (rdjsonl, reviewdog -f=rdjsonl):
// one diagnostic per contradict/internal/ledger finding, at the claim in the
// checked document (as the sarif and github writers place it), the other
// claims as related_locations. reviewdog counts columns in UTF-8 bytes, the
// report in code points: a claim's byte columns are read from its file when
// the file still holds the claim's text at its offsets, else its code-point
// columns stand (the same on an ASCII line).
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <optional>
#include <tuple>
#include <utility>
#include <sstream>
#include <string>
#include <string_view>

#include "model/json_io.h"
#include "report/locations.h"
#include "report/writers.h"

namespace claimcheck::report {

namespace {

using model::Json;

const char* Severity(std::string_view severity) {
  if (severity == "error") return "ERROR";
  if (severity == "warning") return "WARNING";
  return "INFO";
}

class RdjsonlWriter final : public Writer {
 public:
  explicit RdjsonlWriter(const WriterOptions& options) : root_(options.root), bounds_(options.qualifiers) {}

  void Write(const Report& report, std::ostream& out) const override {
    const ReportIndex index(report);
    Files files;
    // Errors first, as the github writer orders its annotations.
    for (const Finding* f : FindingsForDisplay(report)) {
      if (IsActionable(f->verdict)) out << model::DumpLine(Diagnostic(*f, index, files)) << '\n';
    }
  }

 private:
  using Files = std::map<std::string, std::optional<std::string>>;  // path → its bytes

  // {"path", "range"}, or {} for standard input; a record's range counts in
  // its text, not its file: the file alone.
  Json Location(const Claim& c, const DocumentRecord* d, Files& files) const {
    Json loc = Json::object();
    if (d == nullptr || d->path.empty() || d->path == "-") return loc;
    loc["path"] = RelativePath(d->path, root_);
    if (!LocatedInFile(*d)) return loc;
    const TextRegion r = RegionOf(c.evidence);
    size_t start_column = r.start_column, end_column = r.end_column;
    if (auto bytes = ByteColumns(c.evidence, d->path, files)) std::tie(start_column, end_column) = *bytes;
    loc["range"]["start"] = {{"line", r.start_line}, {"column", start_column}};
    loc["range"]["end"] = {{"line", r.end_line}, {"column", end_column}};
    return loc;
  }

  // The claim's start and (exclusive) end columns in UTF-8 bytes, when its
  // file still holds its text at its offsets.
  static std::optional<std::pair<size_t, size_t>> ByteColumns(const Evidence& e, const std::string& path,
                                                              Files& files) {
    auto [it, fresh] = files.try_emplace(path);
    if (fresh) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      if (in) it->second = buffer.str();
    }
    if (!it->second) return std::nullopt;
    const std::string_view text = *it->second;
    if (e.end > text.size() || e.start > e.end || text.substr(e.start, e.end - e.start) != e.text) {
      return std::nullopt;
    }
    const auto column = [&](size_t at) {
      const size_t newline = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
      return at - (newline == std::string_view::npos ? 0 : newline + 1) + 1;
    };
    return std::make_pair(column(e.start), column(e.end));
  }

  Json Diagnostic(const Finding& f, const ReportIndex& index, Files& files) const {
    const std::vector<const Claim*> claims = index.ClaimsOf(f);
    const Claim* primary = PrimaryClaim(index, f);
    Json d;
    const ProseWords words(claims, bounds_);
    std::string message = fmt::format("claimcheck {}: {}", f.verdict, words.Apply(f.summary));
    if (const std::string why = WhyGrouped(f, words); !why.empty()) message += "\ngrouped by: " + why;
    for (const std::string& note : f.notes) message += "\nnote: " + words.Apply(note);
    d["message"] = message;
    if (primary) {
      Json loc = Location(*primary, index.FindDocument(primary->doc), files);
      if (!loc.empty()) d["location"] = std::move(loc);
    }
    d["severity"] = Severity(f.severity);
    d["source"] = {{"name", "claimcheck"}};
    d["code"] = {{"value", fmt::format("claimcheck/{}", f.verdict)}};
    Json related = Json::array();
    for (const Claim* c : claims) {
      if (c == primary) continue;
      Json loc = Location(*c, index.FindDocument(c->doc), files);
      if (loc.empty()) continue;
      related.push_back({{"message", fmt::format("{}:{}:{}: \"{}\"", c->doc, c->evidence.line,
                                                 c->evidence.column, QuoteText(c->evidence))},
                         {"location", std::move(loc)}});
    }
    if (!related.empty()) d["related_locations"] = std::move(related);
    return d;
  }

  std::string root_;
  QualifierBounds bounds_;
};

}  // namespace

std::unique_ptr<Writer> MakeRdjsonlWriter(const WriterOptions& options) {
  return std::make_unique<RdjsonlWriter>(options);
}

}  // namespace claimcheck::report
