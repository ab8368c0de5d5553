// schema.org ClaimReview as JSON-LD (Google's fact-check markup): one review
// per ledger finding (a draft that contradicts an established fact) and per
// contradict finding (outlets that disagree). Other verdicts review nothing:
// agreeing, changing or single figures are no fact-check. The output is a JSON
// array of ClaimReview objects, each with its own @context, so any one of them
// can be pasted into a page's <script type="application/ld+json">.
//
// The rating is claimcheck's, not a truth verdict: worst (1) for an alarm of
// severity error, 2 for warning, 3 for note, on a scale whose best (5) would be
// sources that agree. Its alternateName says what was found ("Contradicts the
// ledger", "Sources disagree"), its ratingExplanation the finding's summary.
// The review's date is the run's reference date, else the latest publication
// date of the inputs: never the clock, so the same inputs give the same bytes.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/json_io.h"
#include "report/locations.h"
#include "report/writers.h"

namespace claimcheck::report {

namespace {

using model::Json;

constexpr const char* kContext = "https://schema.org";
constexpr int kBestRating = 5;
constexpr int kWorstRating = 1;

int RatingValue(std::string_view severity) {
  if (severity == "error") return 1;
  if (severity == "warning") return 2;
  return 3;
}

// Google shows about 75 characters of claimReviewed; a sentence is what a
// reader recognizes, the quote is kept when the sentence runs long.
constexpr size_t kLongSentence = 280;

std::string ClaimText(const Claim& c) {
  std::string sentence = c.evidence.sentence;
  // Sentences keep their line breaks as read; the claim reads as one line.
  std::replace(sentence.begin(), sentence.end(), '\n', ' ');
  if (!sentence.empty() && sentence.size() <= kLongSentence) return sentence;
  return QuoteText(c.evidence);
}

class ClaimReviewWriter final : public Writer {
 public:
  explicit ClaimReviewWriter(const WriterOptions& options)
      : review_date_(options.review_date), bounds_(options.qualifiers) {}

  void Write(const Report& report, std::ostream& out) const override {
    const ReportIndex index(report);
    const std::string date = review_date_.empty() ? LatestPublished(report) : review_date_;
    Json reviews = Json::array();
    for (const Finding& f : report.findings) {
      if (f.verdict == "ledger" || f.verdict == "contradict") reviews.push_back(Review(f, index, date));
    }
    out << model::DumpPretty(reviews);
  }

 private:
  static std::string LatestPublished(const Report& report) {
    std::string latest;
    for (const DocumentRecord& d : report.inputs) latest = std::max(latest, d.published);
    return latest;
  }

  // A document as a CreativeWork the claim appears in: its URL when known,
  // its id always, its headline, date and outlet when known.
  static Json Appearance(const DocumentRecord* d, const std::string& doc) {
    Json a = {{"@type", "CreativeWork"}, {"identifier", doc}};
    if (d == nullptr) return a;
    if (!d->url.empty()) a["url"] = d->url;
    if (!d->title.empty()) a["headline"] = d->title;
    if (!d->published.empty()) a["datePublished"] = d->published;
    if (!d->source.empty()) a["publisher"] = {{"@type", "Organization"}, {"name", d->source}};
    return a;
  }

  Json Review(const Finding& f, const ReportIndex& index, const std::string& date) const {
    const std::vector<const Claim*> claims = index.ClaimsOf(f);
    const Claim* primary = PrimaryClaim(index, f);
    const ProseWords words(claims, bounds_);
    const std::string summary = words.Apply(f.summary);

    // The claim: where it appears (each document once, in the finding's
    // order), and when it was first published, where a document says.
    Json claim = {{"@type", "Claim"}};
    Json appearance = Json::array();
    std::set<std::string> seen;
    std::string first_published;
    for (const Claim* c : claims) {
      const DocumentRecord* d = index.FindDocument(c->doc);
      if (!seen.insert(c->doc).second) continue;
      appearance.push_back(Appearance(d, c->doc));
      if (d != nullptr && !d->published.empty() &&
          (first_published.empty() || d->published < first_published)) {
        first_published = d->published;
      }
    }
    claim["appearance"] = std::move(appearance);
    if (!first_published.empty()) claim["datePublished"] = first_published;
    if (f.verdict == "ledger" && primary != nullptr) {
      if (const DocumentRecord* d = index.FindDocument(primary->doc); d != nullptr && !d->source.empty()) {
        claim["author"] = {{"@type", "Organization"}, {"name", d->source}};
      }
    }

    Json review = {{"@context", kContext}, {"@type", "ClaimReview"}};
    review["identifier"] = f.fingerprint.empty() ? f.id : f.fingerprint;
    if (f.verdict == "ledger" && primary != nullptr) {
      review["claimReviewed"] = ClaimText(*primary);
    } else {
      review["claimReviewed"] = summary;  // "Deaths of …: 5 (a) vs 24 (b)": what the outlets claim
    }
    review["itemReviewed"] = std::move(claim);
    review["author"] = {{"@type", "Organization"}, {"name", "claimcheck"}};
    if (!date.empty()) review["datePublished"] = date;
    review["reviewRating"] = {
        {"@type", "Rating"},
        {"ratingValue", RatingValue(f.severity)},
        {"bestRating", kBestRating},
        {"worstRating", kWorstRating},
        {"alternateName", f.verdict == "ledger" ? "Contradicts the ledger" : "Sources disagree"},
        {"ratingExplanation", summary}};
    std::string body = summary;
    for (const Claim* c : claims) {
      body += fmt::format("\n{}: {} \"{}\"", SourceLabel(index, c->doc), ValueForPeople(c->value, bounds_),
                          QuoteText(c->evidence));
    }
    for (const std::string& note : f.notes) body += "\nnote: " + words.Apply(note);
    review["reviewBody"] = body;
    return review;
  }

  std::string review_date_;
  QualifierBounds bounds_;
};

}  // namespace

std::unique_ptr<Writer> MakeClaimReviewWriter(const WriterOptions& options) {
  return std::make_unique<ClaimReviewWriter>(options);
}

}  // namespace claimcheck::report
