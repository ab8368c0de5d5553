#include "report/text_util.h"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "corpus/utf8.h"

namespace claimcheck::report {

std::optional<SentenceParts> SplitAtSpan(const Evidence& e) {
  if (e.text.empty()) return std::nullopt;
  const std::string_view sentence = e.sentence;
  const size_t at = sentence.find(e.text);
  if (at == std::string_view::npos) return std::nullopt;
  return SentenceParts{sentence.substr(0, at), sentence.substr(at, e.text.size()),
                       sentence.substr(at + e.text.size())};
}

std::map<std::string, std::vector<const Finding*>> FindingsByClaim(const Report& report) {
  std::map<std::string, std::vector<const Finding*>> out;
  for (const Finding& f : report.findings) {
    for (const std::string& id : f.claims) {
      std::vector<const Finding*>& list = out[id];
      // A finding naming a claim twice still counts once.
      if (list.empty() || list.back() != &f) list.push_back(&f);
    }
  }
  return out;
}

std::vector<std::string> DocumentsOf(const Finding& f, const ReportIndex& index) {
  std::vector<std::string> docs;
  std::unordered_set<std::string_view> seen;  // a finding of 100,000 reports: no scan each
  for (const Claim* c : index.ClaimsOf(f)) {
    if (seen.insert(c->doc).second) docs.push_back(c->doc);
  }
  return docs;
}

std::string ValidUtf8(std::string_view text) {
  size_t bad = corpus::FindInvalidUtf8(text);
  if (bad == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  while (bad != std::string_view::npos) {
    out.append(text.substr(0, bad));
    out.append("\xEF\xBF\xBD");  // U+FFFD
    text.remove_prefix(bad + 1);
    bad = corpus::FindInvalidUtf8(text);
  }
  out.append(text);
  return out;
}

}  // namespace claimcheck::report
