// The --format html report: one self-contained page a fact-checker opens in a
// browser or prints. It loads nothing (inline CSS and JS, no fonts or images,
// a Content-Security-Policy that forbids fetching), reads fully without
// JavaScript, and is byte-identical for the same report (no timestamps).
//
// Tests and tools query the DOM: each finding is an <article class="finding">
// with id="F3" and data-verdict / data-severity / data-subject /
// data-attribute; each source is an <li class="card" data-claim data-doc>.
// Only finding elements carry data-verdict.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "corpus/utf8.h"
#include "report/text_util.h"
#include "report/writers.h"
#include "util/date.h"

namespace claimcheck::report {

namespace {

// Light theme, system fonts, a colour per verdict (dark text on a pale fill:
// every pair is above WCAG AA contrast), and a print layout without the
// filter controls. The findings' source cards sit side by side in a grid.
constexpr std::string_view kStyle = R"css(
:root {
  --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --paper: #ffffff; --wash: #f6f8fa;
  --mark: #fff1a8;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 80rem; padding: 1.5rem 1.25rem 3rem;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    sans-serif;
  color: var(--ink); background: var(--paper);
}
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0; font-weight: 600; }
code, .mono, .doc, .pos, .subject, .attribute, .fid {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
  font-size: .9em;
}
a { color: #0550ae; }
.page-head { border-bottom: 2px solid var(--ink); padding-bottom: 1rem; }
.totals { margin: .25rem 0 .75rem; color: var(--muted); }
.tally { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; margin: 0; padding: 0; }
.tally li { display: flex; align-items: center; gap: .4rem; padding: .2rem .6rem .2rem .2rem;
  border: 1px solid var(--line); border-radius: 999px; background: var(--paper); }
.tally .count { font-weight: 700; font-variant-numeric: tabular-nums; }
.tally li.zero { border-style: dashed; }
.tally li.zero .count { font-weight: 400; }

.badge { display: inline-block; padding: .05rem .55rem; border-radius: 999px; font-weight: 600;
  font-size: .85rem; border: 1px solid; color: var(--v-ink); background: var(--v-fill);
  border-color: var(--v-edge); }
.v-agree      { --v-ink: #0d5421; --v-fill: #dcf2e3; --v-edge: #2e7d32; }
.v-contradict { --v-ink: #8c1111; --v-fill: #fbe1e1; --v-edge: #c62828; }
.v-changed    { --v-ink: #0b3f8a; --v-fill: #dde8fb; --v-edge: #1565c0; }
.v-single     { --v-ink: #383e45; --v-fill: #e8eaed; --v-edge: #6b7280; }
.v-internal   { --v-ink: #723900; --v-fill: #fde8cc; --v-edge: #d97706; }
.v-ledger     { --v-ink: #5b1a86; --v-fill: #efe2fa; --v-edge: #7b1fa2; }

.severity { font-size: .8rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; }
.sev-error { color: #a40e0e; }
.sev-warning { color: #7a4a00; }
.sev-note { color: var(--muted); }

.filters { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem .9rem;
  margin: 0 0 1rem; padding: .5rem .75rem; background: var(--wash);
  border: 1px solid var(--line); border-radius: 6px; }
.filters label { display: inline-flex; align-items: center; gap: .3rem; cursor: pointer; }
.filter-status { color: var(--muted); margin-left: auto; }

.finding { margin: 0 0 1.25rem; padding: .9rem 1rem 1rem; border: 1px solid var(--line);
  border-left: 6px solid var(--v-edge); border-radius: 6px; background: var(--paper); }
.finding-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: .3rem .6rem; }
.finding-head .fid { color: var(--ink); text-decoration: none; }
.finding-head .fid:hover { text-decoration: underline; }
.finding-head .sep { color: var(--muted); }
.finding-summary { margin: .5rem 0; }
.notes { list-style: none; margin: .25rem 0 .75rem; padding: 0; }
.notes li { padding: .3rem .6rem; border-radius: 4px; background: var(--wash);
  border: 1px solid var(--line); }
.notes li + li { margin-top: .3rem; }
.note-label { font-weight: 600; color: var(--muted); }

.sources { display: grid; grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr));
  gap: .75rem; list-style: none; margin: .75rem 0 0; padding: 0; }
.card { display: flex; flex-direction: column; gap: .4rem; padding: .7rem .8rem;
  border: 1px solid var(--line); border-radius: 6px; background: var(--wash);
  break-inside: avoid; }
.card-head { overflow-wrap: anywhere; }
.card-head .doc { font-weight: 600; }
.card-head .pos { color: var(--muted); }
.card-title { margin: 0; font-style: italic; }
.value { font-size: 1.15rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.flags { display: flex; flex-wrap: wrap; gap: .3rem; }
.flag { font-size: .8rem; padding: 0 .45rem; border-radius: 4px; border: 1px solid #9a6700;
  color: #6b4700; background: #fff8c5; }
.quote { margin: 0; padding: .4rem .6rem; border-left: 3px solid var(--line);
  background: var(--paper); overflow-wrap: anywhere; }
.quote .missing { display: block; margin-top: .3rem; color: var(--muted); font-size: .9em; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: 2px;
  box-shadow: 0 0 0 1px #d4a72c inset; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .6rem; margin: 0;
  font-size: .88rem; }
.meta div { display: contents; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.basis { color: var(--muted); }

.grouped-by { margin: .25rem 0; color: var(--muted); font-size: .9rem; }
.timeline { display: flex; flex-wrap: wrap; gap: .2rem .4rem; list-style: none; margin: .25rem 0 .5rem;
  padding: 0; font-size: .9rem; }
.timeline li + li::before { content: "\2192\00a0"; color: var(--muted); }
.chart-box { margin: .5rem 0; overflow-x: auto; }
.chart { display: block; max-width: 100%; height: auto; font: 11px system-ui, sans-serif; }
.chart .axis { stroke: var(--line); stroke-width: 1; }
.chart .tick { fill: var(--muted); }
.chart .mark line { stroke: currentColor; stroke-width: 4; stroke-linecap: round; }
.chart .mark circle, .chart .mark path { fill: currentColor; stroke: var(--paper); stroke-width: 1; }
.legend { display: flex; flex-wrap: wrap; gap: .2rem .8rem; font-size: .85rem; }
.legend .key::before { content: "\25A0\00a0"; }
.singles, .document { margin: 0 0 1rem; padding: .5rem .75rem; border: 1px dashed var(--line);
  border-radius: 6px; }
.singles > summary, .document > summary { cursor: pointer; font-weight: 600; }
.singles[open] > summary { margin-bottom: .75rem; }
.doc-claims { width: 100%; border-collapse: collapse; font-size: .9rem; margin-top: .5rem; }
.doc-claims th, .doc-claims td { text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
.doc-claims .value { font-size: 1em; }

.inputs table { width: 100%; border-collapse: collapse; font-size: .92rem; }
.inputs th, .inputs td { text-align: left; vertical-align: top; padding: .35rem .5rem;
  border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
/* Document ids are long and break anywhere: keep their column from starving. */
.inputs td:first-child { min-width: 16rem; }
.inputs td.status-ok, .inputs td.status-skipped, .inputs td.date { overflow-wrap: normal;
  white-space: nowrap; }
.inputs th { background: var(--wash); }
.inputs tr.skipped td { background: #fff8c5; }
.inputs ul { margin: 0; padding-left: 1.1rem; }
.status-ok { color: #0d5421; font-weight: 600; }
.status-skipped { color: #7a4a00; font-weight: 700; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }

@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .filters label, .filters .filters-title { display: none; }
  .filters { border: 0; padding: 0; background: none; }
  .finding, .card, .badge, .flag, mark, .inputs tr.skipped td {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .finding-head { break-after: avoid; }
  .finding-head .fid { text-decoration: none; }
}
)css";

// Filters by verdict. The bar ships hidden, so a page without JavaScript shows
// every finding and no dead controls; the script unhides it and hides the
// findings whose verdict is unchecked.
constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  var bar = document.getElementById('filters');
  if (!bar) return;
  var boxes = Array.prototype.slice.call(bar.querySelectorAll('input[data-filter]'));
  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding[data-verdict]'));
  var status = document.getElementById('filter-status');
  function apply() {
    var shown = {};
    boxes.forEach(function (box) { shown[box.getAttribute('data-filter')] = box.checked; });
    var visible = 0;
    findings.forEach(function (finding) {
      var on = shown[finding.getAttribute('data-verdict')] !== false;
      finding.hidden = !on;
      if (on) visible++;
    });
    status.textContent = visible === findings.length
        ? 'showing all ' + findings.length + ' findings'
        : 'showing ' + visible + ' of ' + findings.length + ' findings';
  }
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  bar.hidden = false;
  apply();
})();
)js";

// Appends text with &, <, >, " and ' escaped, so it is safe in element content
// and in quoted attributes alike. The text should already be UTF-8; bytes that
// are not (and C0 controls, which HTML forbids) become U+FFFD so the page is
// always valid UTF-8 and never shifts the parser into an odd state.
void AppendEscaped(std::string_view text, std::string* out) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  while (!text.empty()) {
    const size_t bad = corpus::FindInvalidUtf8(text);
    for (const char ch : text.substr(0, bad)) {
      switch (ch) {
        case '&': *out += "&amp;"; break;
        case '<': *out += "&lt;"; break;
        case '>': *out += "&gt;"; break;
        case '"': *out += "&quot;"; break;
        case '\'': *out += "&#39;"; break;
        case '\t':
        case '\n':
        case '\r': out->push_back(ch); break;
        default:
          if (static_cast<unsigned char>(ch) < 0x20 || ch == '\x7f') {
            *out += kReplacement;
          } else {
            out->push_back(ch);
          }
      }
    }
    if (bad == std::string_view::npos) break;
    *out += kReplacement;
    text.remove_prefix(bad + 1);
  }
}

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendEscaped(text, &out);
  return out;
}

const char* Plural(size_t n) { return n == 1 ? "" : "s"; }

// The claim's sentence with its quote in <mark>: the span at the claim's
// place in the sentence, in whole words (QuoteOf); when the sentence does not
// contain it (or there is no sentence) the span is quoted after it instead.
std::string Highlight(const Evidence& e) {
  if (const auto parts = QuoteOf(e)) {
    return Escape(parts->before) + "<mark>" + Escape(parts->quote) + "</mark>" +
           Escape(parts->after);
  }
  std::string out = Escape(e.sentence);
  if (!e.text.empty()) {
    out += fmt::format("<span class=\"missing\">span: \u201c<mark>{}</mark>\u201d</span>",
                       Escape(e.text));
  }
  return out;
}

// A row of the card's definition list, skipped when the value is empty.
void AppendMeta(std::string_view term, std::string_view html_value, std::string* out) {
  if (html_value.empty()) return;
  *out += fmt::format("<div><dt>{}</dt><dd>{}</dd></div>\n", term, html_value);
}

// A time as people write it, in a <time> element carrying its ISO value
// where it has one: <time datetime="2020-01-03">3 January 2020</time>.
std::string TimeHtml(std::string_view timex) {
  const std::string words = Escape(TimeInWords(timex));
  const std::string iso = IsoBeside(timex);
  if (iso.empty()) return words;
  return fmt::format("<time datetime=\"{}\">{}</time>", Escape(iso), words);
}

std::string ValueHtml(const Value& v, const QualifierBounds& bounds) {
  if (const auto* t = std::get_if<Time>(&v)) return TimeHtml(t->timex);
  return Escape(ValueForPeople(v, bounds));
}

// A link to a source's page, the only absolute URLs the page holds; a URL
// of another scheme (javascript:, data:) is shown as text, never a link.
std::string UrlHtml(std::string_view url) {
  if (url.empty()) return "";
  std::string lower(url.substr(0, 8));
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower.rfind("http://", 0) != 0 && lower.rfind("https://", 0) != 0) return "<code>" + Escape(url) + "</code>";
  return fmt::format("<a class=\"source-url\" href=\"{0}\" rel=\"noopener noreferrer\">{0}</a>", Escape(url));
}

// "2022-01-01 (inferred)" with the basis muted; "" when there is no date.
std::string DateWithBasis(std::string_view date, std::string_view basis) {
  if (date.empty() && basis.empty()) return "";
  std::string out = date.empty() ? "unknown" : TimeHtml(date);
  if (!basis.empty()) out += fmt::format(" <span class=\"basis\">({})</span>", Escape(basis));
  return out;
}

// A finding's values by source over time, as an inline SVG (no network, no
// script): one column per reported time, earliest first, one mark per
// claim — a bar from its low to its high bound (an arrow when open above), a
// dot at its point — coloured by source, with a <title> a pointer shows.
// Counts and dates alike; claims with no known bound are left out. "" when
// fewer than two claims can be drawn.
struct ChartMark {
  const Claim* claim;
  std::string source;
  std::string as_of;
  double lo, hi;
  bool open;
  std::optional<double> point;
};

std::optional<double> DayNumber(const std::string& iso) {
  const std::optional<CivilDate> d = ParseIsoDate(iso);
  if (!d) return std::nullopt;
  return static_cast<double>(d->ToDays());
}

std::optional<ChartMark> MarkOf(const Claim& c, const std::string& source, const std::string& as_of) {
  ChartMark m{&c, source, as_of, 0, 0, false, std::nullopt};
  if (const auto* q = std::get_if<Quantity>(&c.value)) {
    m.lo = static_cast<double>(q->lo);
    m.open = !q->hi;
    m.hi = q->hi ? static_cast<double>(*q->hi) : m.lo;
    m.point = q->point;
    return m;
  }
  const Time& t = std::get<Time>(c.value);
  const auto lo = DayNumber(t.lo), hi = DayNumber(t.hi);
  if (!lo || !hi) return std::nullopt;
  m.lo = *lo;
  m.hi = *hi;
  return m;
}

// Marks drawn in one column of a chart (one reported time); 120 pixels wide.
constexpr size_t kMarksPerColumn = 24;

constexpr const char* kPalette[] = {"#0969da", "#cf222e", "#1a7f37", "#8250df", "#bf3989", "#9a6700", "#1b7c83", "#57606a"};

std::string Chart(const Finding& f, const ReportIndex& index, const QualifierBounds& bounds) {
  std::vector<ChartMark> marks;
  for (const model::TimelineEntry& e : f.timeline) {
    const Claim* c = index.FindClaim(e.claim);
    if (c == nullptr) continue;
    if (auto m = MarkOf(*c, e.source, e.as_of)) marks.push_back(*m);
  }
  // At most kMarksPerColumn marks a column, the first in timeline order, and
  // the rest counted under it: a hundred thousand reports of one day are one
  // column a reader can still see (and a page a browser can still draw).
  std::unordered_map<std::string, size_t> in_column, hidden_at;
  std::vector<ChartMark> drawn;
  for (ChartMark& m : marks) {
    if (in_column[m.as_of]++ < kMarksPerColumn) {
      drawn.push_back(std::move(m));
    } else {
      ++hidden_at[m.as_of];
    }
  }
  marks = std::move(drawn);
  if (marks.size() < 2) return "";
  // Columns and sources in order of first mark, found by hash: a finding of
  // 100,000 reports draws in linear time.
  std::vector<std::string> columns, sources;
  std::unordered_map<std::string_view, size_t> column_at, source_at;
  std::vector<std::vector<const ChartMark*>> by_column;
  std::vector<size_t> colour_of(marks.size());
  for (size_t k = 0; k < marks.size(); ++k) {
    const ChartMark& m = marks[k];
    const auto column = column_at.emplace(m.as_of, columns.size());
    if (column.second) {
      columns.push_back(m.as_of);
      by_column.emplace_back();
    }
    by_column[column.first->second].push_back(&m);
    const auto source = source_at.emplace(m.source, sources.size());
    if (source.second) sources.push_back(m.source);
    colour_of[k] = source.first->second;
  }
  double lo = marks.front().lo, hi = marks.front().hi;
  for (const ChartMark& m : marks) {
    lo = std::min(lo, m.lo);
    hi = std::max(hi, m.hi);
  }
  const bool any_open = std::any_of(marks.begin(), marks.end(), [](const ChartMark& m) { return m.open; });
  const double top = hi + std::max(1.0, (hi - lo) * (any_open ? 0.25 : 0.08));
  const double bottom = std::max(0.0, lo - std::max(1.0, (hi - lo) * 0.08));
  const bool dates = std::holds_alternative<Time>(marks.front().claim->value);
  constexpr int kLeft = 110, kColumn = 120, kTop = 12, kPlot = 150, kBottom = 40;
  const int width = kLeft + kColumn * static_cast<int>(columns.size()) + 20;
  const int height = kTop + kPlot + kBottom;
  auto y = [&](double v) { return kTop + kPlot - (v - bottom) / (top - bottom) * kPlot; };
  auto axis_label = [&](double v) {
    if (!dates) return Escape(WithSeparators(static_cast<int64_t>(std::llround(v))));
    return Escape(TimeInWords(CivilDate::FromDays(static_cast<int64_t>(std::llround(v))).ToString()));
  };
  std::string svg = fmt::format(
      "<figure class=\"chart-box\">\n<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
      "height=\"{1}\" aria-label=\"{2} by source over time\">\n",
      width, height, Escape(f.attribute));
  svg += fmt::format("<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", kLeft - 8, kTop, kTop + kPlot);
  svg += fmt::format("<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n", kLeft - 8, kTop + kPlot, width - 10);
  for (const double v : {lo, hi}) {
    svg += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", kLeft - 12,
                       y(v) + 4, axis_label(v));
    if (lo == hi) break;
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    const int x = kLeft + kColumn * static_cast<int>(i) + kColumn / 2;
    svg += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x,
                       kTop + kPlot + 16, columns[i].empty() ? "undated" : Escape(TimeInWords(columns[i])));
    if (const auto more = hidden_at.find(columns[i]); more != hidden_at.end()) {
      svg += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">+{} not drawn</text>\n", x,
                         kTop + kPlot + 32, Escape(WithSeparators(static_cast<int64_t>(more->second))));
    }
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::vector<const ChartMark*>& here = by_column[i];
    for (size_t k = 0; k < here.size(); ++k) {
      const ChartMark& m = *here[k];
      const size_t colour = colour_of[static_cast<size_t>(here[k] - marks.data())];
      const double x = kLeft + kColumn * static_cast<double>(i) + kColumn * (k + 1.0) / (here.size() + 1.0);
      const double y_hi = m.open ? kTop : y(m.hi);
      svg += fmt::format("<g class=\"mark\" data-claim=\"{}\" data-source=\"{}\" style=\"color:{}\">", Escape(m.claim->id),
                         Escape(m.source), kPalette[colour % std::size(kPalette)]);
      svg += fmt::format("<title>{}: {} (as of {})</title>", Escape(m.source),
                         Escape(ValueForPeople(m.claim->value, bounds)),
                         m.as_of.empty() ? "unknown" : Escape(TimeInWords(m.as_of)));
      svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\"/>", x, y(m.lo), y_hi);
      if (m.open) {
        svg += fmt::format("<path d=\"M{:.1f} {} l-5 8 h10 z\"/>", x, kTop);
      }
      svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\"/>", x, m.point ? y(*m.point) : y(m.lo));
      svg += "</g>\n";
    }
  }
  svg += "</svg>\n<figcaption class=\"legend\">";
  for (size_t i = 0; i < sources.size(); ++i) {
    svg += fmt::format("<span class=\"key\" style=\"color:{}\">{}</span>", kPalette[i % std::size(kPalette)],
                       Escape(sources[i]));
  }
  svg += "</figcaption>\n</figure>\n";
  return svg;
}

class HtmlWriter final : public Writer {
 public:
  explicit HtmlWriter(const WriterOptions& options) : bounds_(options.qualifiers) {}

  void Write(const Report& report, std::ostream& out) const override {
    const ReportIndex index(report);
    const Summary summary = Summarize(report);
    std::string html;
    WriteHead(summary, &html);
    html += "<body>\n";
    WriteHeader(report, summary, &html);
    html += "<main>\n";
    WriteFindings(report, index, summary, &html);
    WriteDocuments(report, &html);
    WriteInputs(report, &html);
    html += "</main>\n";
    html += "<footer>Generated by claimcheck. This page is self-contained: it loads nothing "
            "from the network and reads in full without JavaScript.</footer>\n";
    html += "<script>";
    html += kScript;
    html += "</script>\n</body>\n</html>\n";
    out << html;
  }

 private:
  static void WriteHead(const Summary& s, std::string* html) {
    std::string verdicts;
    for (const char* v : kVerdicts) {
      if (s.verdicts.at(v) > 0) {
        verdicts += fmt::format("{}{} {}", verdicts.empty() ? "" : ", ", s.verdicts.at(v), v);
      }
    }
    *html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    *html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    // Belt and braces for "loads nothing": even markup that slipped through
    // could not fetch anything; only the inline style and script may run.
    *html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
             "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n";
    *html += "<meta name=\"color-scheme\" content=\"light\">\n";
    *html += "<meta name=\"generator\" content=\"claimcheck\">\n";
    *html += fmt::format("<title>claimcheck report: {} finding{}{}</title>\n", s.findings,
                         Plural(s.findings), verdicts.empty() ? "" : " (" + verdicts + ")");
    *html += "<style>";
    *html += kStyle;
    *html += "</style>\n</head>\n";
  }

  static void WriteHeader(const Report& report, const Summary& s, std::string* html) {
    size_t warnings = 0;
    for (const DocumentRecord& d : report.inputs) warnings += d.warnings.size();
    *html += "<header class=\"page-head\">\n<h1>claimcheck report</h1>\n";
    *html += fmt::format(
        "<p class=\"totals\"><a href=\"#inputs\">{} document{}</a> ({} ok, {} skipped{}), "
        "{} claim{}, {} finding{}</p>\n",
        s.documents, Plural(s.documents), s.ok, s.skipped,
        warnings == 0 ? "" : fmt::format(", {} warning{}", warnings, Plural(warnings)), s.claims,
        Plural(s.claims), s.findings, Plural(s.findings));
    // Every verdict, zero included: "0 contradict" is often the news.
    *html += "<ul class=\"tally\" aria-label=\"Findings per verdict\">\n";
    for (const char* v : kVerdicts) {
      const size_t n = s.verdicts.at(v);
      *html += fmt::format(
          "<li class=\"v-{0}{1}\"><span class=\"badge\">{0}</span>"
          "<span class=\"count\">{2}</span></li>\n",
          v, n == 0 ? " zero" : "", n);
    }
    *html += "</ul>\n</header>\n";
  }

  void WriteFindings(const Report& report, const ReportIndex& index, const Summary& s, std::string* html) const {
    *html += "<section class=\"findings\" aria-labelledby=\"findings-title\">\n";
    *html += "<h2 id=\"findings-title\">Findings</h2>\n";
    if (report.findings.empty()) {
      *html += "<p class=\"empty\">No findings.</p>\n</section>\n";
      return;
    }
    *html += "<div class=\"filters\" id=\"filters\" hidden>\n"
             "<span class=\"filters-title\">Show:</span>\n";
    for (const char* v : kVerdicts) {
      const size_t n = s.verdicts.at(v);
      if (n == 0) continue;
      *html += fmt::format(
          "<label><input type=\"checkbox\" data-filter=\"{0}\" checked>"
          "<span class=\"badge v-{0}\">{0}</span> ({1})</label>\n",
          v, n);
    }
    *html += "<span class=\"filter-status\" id=\"filter-status\" role=\"status\"></span>\n</div>\n";

    // Same order as the text writer: severity first, then finding id. What
    // one source alone says is folded away below the rest.
    std::vector<const Finding*> singles;
    for (const Finding* f : FindingsForDisplay(report)) {
      if (f->verdict == "single") {
        singles.push_back(f);
      } else {
        WriteFinding(*f, index, html);
      }
    }
    if (!singles.empty()) {
      *html += fmt::format(
          "<details class=\"singles\" id=\"singles\">\n<summary>{} single-source finding{} "
          "(one source only, nothing to compare)</summary>\n",
          singles.size(), Plural(singles.size()));
      for (const Finding* f : singles) WriteFinding(*f, index, html);
      *html += "</details>\n";
    }
    *html += "</section>\n";
  }

  void WriteFinding(const Finding& f, const ReportIndex& index, std::string* html) const {
    const std::string id = Escape(f.id);
    const std::string verdict = Escape(f.verdict);
    const std::string severity = Escape(f.severity);
    const std::vector<const Claim*> claims = index.ClaimsOf(f);
    const ProseWords words(claims, bounds_);
    *html += fmt::format(
        "<article class=\"finding v-{1}\" id=\"{0}\" data-verdict=\"{1}\" "
        "data-severity=\"{2}\" data-subject=\"{3}\" data-attribute=\"{4}\">\n",
        id, verdict, severity, Escape(f.subject), Escape(f.attribute));
    *html += fmt::format(
        "<header class=\"finding-head\">\n<span class=\"badge\">{1}</span>\n"
        "<span class=\"severity sev-{2}\">{2}</span>\n"
        "<h3><a class=\"fid\" href=\"#{0}\">{0}</a> <span class=\"subject\">{3}</span>"
        "<span class=\"sep\"> / </span><span class=\"attribute\">{4}</span></h3>\n</header>\n",
        id, verdict, severity, Escape(f.subject), Escape(f.attribute));
    *html += fmt::format("<p class=\"finding-summary\">{}</p>\n",
                         Escape(words.Apply(f.summary)));
    if (const std::string why = WhyGrouped(f, words); !why.empty()) {
      *html += fmt::format("<p class=\"grouped-by\"><span class=\"note-label\">grouped by:</span> {}</p>\n",
                           Escape(why));
    }
    const std::vector<std::string> timeline = TimelineForPeople(f, index, bounds_);
    if (!timeline.empty()) {
      *html += "<ol class=\"timeline\" aria-label=\"Timeline\">";
      for (const std::string& entry : timeline) *html += "<li>" + Escape(entry) + "</li>";
      *html += "</ol>\n";
    }
    *html += Chart(f, index, bounds_);
    if (!f.notes.empty()) {
      *html += "<ul class=\"notes\">\n";
      for (const std::string& note : Shown(f.notes)) {
        *html += "<li><span class=\"note-label\">note:</span> " + Escape(words.Apply(note)) +
                 "</li>\n";
      }
      if (f.notes.size() > kShownPerFinding) {
        *html += "<li class=\"more\">" + Escape(MoreLine(f.notes.size() - kShownPerFinding, "note")) + "</li>\n";
      }
      *html += "</ul>\n";
    }
    if (!claims.empty()) {
      *html += fmt::format("<ol class=\"sources\" aria-label=\"Sources of {}\">\n", id);
      for (const Claim* c : Shown(claims)) WriteCard(*c, index.FindDocument(c->doc), html);
      *html += "</ol>\n";
      if (claims.size() > kShownPerFinding) {
        *html += "<p class=\"more\">" + Escape(MoreLine(claims.size() - kShownPerFinding, "claim")) + "</p>\n";
      }
    }
    *html += "</article>\n";
  }

  // One source: where it is, what it says (value and highlighted sentence),
  // when it held, and how it is qualified.
  void WriteCard(const Claim& c, const DocumentRecord* doc, std::string* html) const {
    *html += fmt::format("<li class=\"card\" data-claim=\"{}\" data-doc=\"{}\">\n",
                         Escape(c.id), Escape(c.doc));
    *html += fmt::format(
        "<div class=\"card-head\"><span class=\"doc\">{}</span><span class=\"pos\">:{}:{}</span>"
        "</div>\n",
        Escape(c.doc), c.evidence.line, c.evidence.column);
    if (doc != nullptr && !doc->title.empty()) {
      *html += fmt::format("<p class=\"card-title\">{}</p>\n", Escape(doc->title));
    }
    *html += fmt::format("<div class=\"value\">{}</div>\n", ValueHtml(c.value, bounds_));
    std::vector<std::string> flags;
    if (c.hedged) flags.push_back("hedged");
    if (c.negated) flags.push_back("negated");
    if (c.revision) flags.push_back("revision");
    if (c.attribution) flags.push_back("attributed to " + *c.attribution);
    if (!flags.empty()) {
      *html += "<div class=\"flags\">";
      for (const std::string& flag : flags) {
        *html += "<span class=\"flag\">" + Escape(flag) + "</span>";
      }
      *html += "</div>\n";
    }
    *html += "<blockquote class=\"quote\">" + Highlight(c.evidence) + "</blockquote>\n";
    *html += "<dl class=\"meta\">\n";
    AppendMeta("as of", DateWithBasis(c.as_of.timex, c.as_of.basis), html);
    if (doc != nullptr) {
      AppendMeta("source", Escape(doc->source), html);
      AppendMeta("published", DateWithBasis(doc->published, doc->published_basis), html);
      // A link the reader follows on purpose; the page itself fetches nothing.
      AppendMeta("url", UrlHtml(doc->url), html);
    }
    AppendMeta("rule", "<code>" + Escape(c.rule) + "</code>", html);
    *html += "</dl>\n</li>\n";
  }

  // Each readable document with its claims in text order, what each says and
  // the findings it is in: a fact-checker reading one article at a time.
  void WriteDocuments(const Report& report, std::string* html) const {
    std::map<std::string, std::vector<const Claim*>> claims_of;
    for (const Claim& c : report.claims) claims_of[c.doc].push_back(&c);
    const auto findings_of = FindingsByClaim(report);
    *html += "<section class=\"documents\" id=\"documents\" aria-labelledby=\"documents-title\">\n";
    *html += "<h2 id=\"documents-title\">Documents</h2>\n";
    size_t shown = 0;
    for (const DocumentRecord& d : report.inputs) {
      if (d.status != "ok") continue;
      ++shown;
      const std::vector<const Claim*>& claims = claims_of[d.doc];
      *html += fmt::format("<details class=\"document\" data-doc=\"{}\">\n<summary><span class=\"doc\">{}</span> "
                           "({} claim{}){}</summary>\n",
                           Escape(d.doc), Escape(d.doc), claims.size(), Plural(claims.size()),
                           d.title.empty() ? "" : " <span class=\"card-title\">" + Escape(d.title) + "</span>");
      *html += "<dl class=\"meta\">\n";
      AppendMeta("source", Escape(d.source), html);
      AppendMeta("published", DateWithBasis(d.published, d.published_basis), html);
      AppendMeta("url", UrlHtml(d.url), html);
      *html += "</dl>\n";
      if (!claims.empty()) {
        *html += "<table class=\"doc-claims\">\n<thead><tr><th>where</th><th>what</th><th>value</th><th>as of</th>"
                 "<th>quote</th><th>findings</th></tr></thead>\n<tbody>\n";
        for (const Claim* c : claims) {
          std::string links;
          if (auto it = findings_of.find(c->id); it != findings_of.end()) {
            for (const Finding* f : it->second) {
              links += fmt::format("{0}<a href=\"#{1}\">{1}</a> {2}", links.empty() ? "" : ", ", Escape(f->id),
                                   Escape(f->verdict));
            }
          }
          *html += fmt::format(
              "<tr data-claim=\"{}\"><td class=\"pos\">{}:{}</td><td><span class=\"attribute\">{}</span> "
              "<span class=\"subject\">{}</span></td><td class=\"value\">{}</td><td>{}</td><td>\u201c{}\u201d</td>"
              "<td>{}</td></tr>\n",
              Escape(c->id), c->evidence.line, c->evidence.column, Escape(c->attribute), Escape(c->subject),
              ValueHtml(c->value, bounds_), c->as_of.timex.empty() ? "unknown" : TimeHtml(c->as_of.timex),
              Escape(QuoteText(c->evidence)), links);
        }
        *html += "</tbody>\n</table>\n";
      }
      *html += "</details>\n";
    }
    if (shown == 0) *html += "<p class=\"empty\">No readable documents.</p>\n";
    *html += "</section>\n";
  }

  static void WriteInputs(const Report& report, std::string* html) {
    *html += "<section class=\"inputs\" id=\"inputs\" aria-labelledby=\"inputs-title\">\n";
    *html += "<h2 id=\"inputs-title\">Inputs</h2>\n";
    if (report.inputs.empty()) {
      *html += "<p class=\"empty\">No inputs.</p>\n</section>\n";
      return;
    }
    *html += "<table>\n<thead><tr><th>document</th><th>status</th><th>published</th>"
             "<th>title / source</th><th>reason and warnings</th></tr></thead>\n<tbody>\n";
    for (const DocumentRecord& d : report.inputs) {
      const bool ok = d.status == "ok";
      std::string about = Escape(d.title);
      if (!d.source.empty()) {
        about += (about.empty() ? "" : "<br>") + fmt::format("<span class=\"basis\">{}</span>",
                                                            Escape(d.source));
      }
      std::string problems;
      if (!d.reason.empty() || !d.warnings.empty()) {
        problems += "<ul>";
        if (!d.reason.empty()) problems += "<li>" + Escape(d.reason) + "</li>";
        for (const std::string& w : d.warnings) problems += "<li>" + Escape(w) + "</li>";
        problems += "</ul>";
      }
      *html += fmt::format(
          "<tr class=\"{0}\" data-doc=\"{1}\"><td><span class=\"doc\">{1}</span>{2}</td>"
          "<td class=\"status-{0}\">{3}</td><td class=\"date\">{4}</td><td>{5}</td><td>{6}</td>"
          "</tr>\n",
          ok ? "ok" : "skipped", Escape(d.doc),
          d.path.empty() ? "" : "<br><code class=\"basis\">" + Escape(d.path) + "</code>",
          Escape(d.status), DateWithBasis(d.published, d.published_basis), about, problems);
    }
    *html += "</tbody>\n</table>\n</section>\n";
  }

  QualifierBounds bounds_;
};

}  // namespace

std::unique_ptr<Writer> MakeHtmlWriter(const WriterOptions& options) {
  return std::make_unique<HtmlWriter>(options);
}

}  // namespace claimcheck::report
