#include "rules/literal_filter.h"

#include <fmt/format.h>

#include <algorithm>

namespace claimcheck::rules {

bool LiteralFilter::Create(const std::vector<const Rule*>& rules,
                           const std::vector<std::string>& patterns,
                           std::unique_ptr<LiteralFilter>* out, std::string* err) {
  std::unique_ptr<LiteralFilter> f(new LiteralFilter());
  RE2::Options options;
  options.set_log_errors(false);
  for (size_t i = 0; i < rules.size(); ++i) {
    int id = 0;
    if (f->filter_.Add(patterns[i], options, &id) != RE2::NoError) {
      *err = fmt::format("{}:{}:{}: rule '{}': its pattern does not compile for the literal filter",
                         rules[i]->loc.file, rules[i]->loc.line, rules[i]->loc.column, rules[i]->id);
      return false;
    }
  }
  std::vector<std::string> literals;
  if (!rules.empty()) f->filter_.Compile(&literals);
  if (!literals.empty()) {
    options.set_case_sensitive(false);  // the literals are lower-cased
    f->literals_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (const std::string& literal : literals) {
      if (f->literals_->Add(RE2::QuoteMeta(literal), nullptr) < 0) {
        *err = fmt::format("the rules' literal '{}' does not compile", literal);
        return false;
      }
    }
    if (!f->literals_->Compile()) {
      *err = "the rules' literals do not fit in memory";
      return false;
    }
  }
  *out = std::move(f);
  return true;
}

bool LiteralFilter::Pick(std::string_view text, std::vector<int>* out, std::string* err) const {
  std::vector<int> found, picked;
  RE2::Set::ErrorInfo info{};
  if (literals_ != nullptr &&
      !literals_->Match(re2::StringPiece(text.data(), text.size()), &found, &info) &&
      info.kind == RE2::Set::kOutOfMemory) {
    *err = "the RE2::Set of rule literals ran out of memory";
    return false;
  }
  if (filter_.NumRegexps() > 0) filter_.AllPotentials(found, &picked);
  std::sort(picked.begin(), picked.end());
  out->insert(out->end(), picked.begin(), picked.end());
  return true;
}

std::vector<int> LiteralFilter::Unfiltered() const {
  std::vector<int> picked;
  if (filter_.NumRegexps() > 0) filter_.AllPotentials({}, &picked);
  std::sort(picked.begin(), picked.end());
  return picked;
}

}  // namespace claimcheck::rules
