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
    f->BuildWordAutomaton(literals);
  }
  *out = std::move(f);
  return true;
}

void LiteralFilter::BuildWordAutomaton(const std::vector<std::string>& literals) {
  // RE2 matches an ASCII literal byte in either case, and on ASCII text
  // nothing else: a literal holding other bytes can match ASCII text only
  // through the two non-ASCII letters that fold to ASCII ones (U+017F "ſ"
  // to s, U+212A Kelvin to k). With either, keep the RE2::Set for all text.
  for (const std::string& literal : literals) {
    if (literal.find("\xC5\xBF") != std::string::npos ||
        literal.find("\xE2\x84\xAA") != std::string::npos) {
      return;
    }
  }
  auto lower = [](unsigned char c) -> unsigned char {
    return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c;
  };
  // Byte classes: one per distinct (lower-cased) byte of the literals, 0
  // for every other byte.
  byte_class_.assign(256, 0);
  classes_ = 1;
  for (const std::string& literal : literals) {
    for (char ch : literal) {
      const unsigned char c = lower(static_cast<unsigned char>(ch));
      if (byte_class_[c] == 0) byte_class_[c] = static_cast<uint8_t>(classes_++);
      if (classes_ > 255) return byte_class_.clear(), void();
    }
  }
  for (int c = 'A'; c <= 'Z'; ++c) byte_class_[c] = byte_class_[c - 'A' + 'a'];
  // The trie, then its failure links breadth first, folded into next_.
  next_.assign(static_cast<size_t>(classes_), -1);
  std::vector<std::vector<int>> ends(1);
  for (size_t i = 0; i < literals.size(); ++i) {
    int node = 0;
    for (char ch : literals[i]) {
      const size_t at = static_cast<size_t>(node) * classes_ + byte_class_[lower(static_cast<unsigned char>(ch))];
      if (next_[at] < 0) {
        next_[at] = static_cast<int>(ends.size());
        ends.emplace_back();
        next_.resize(next_.size() + static_cast<size_t>(classes_), -1);
      }
      node = next_[at];
    }
    ends[static_cast<size_t>(node)].push_back(static_cast<int>(i));
  }
  std::vector<int> fail(ends.size(), 0), queue;
  for (int c = 0; c < classes_; ++c) {
    int& to = next_[static_cast<size_t>(c)];
    if (to < 0) {
      to = 0;
    } else {
      queue.push_back(to);
    }
  }
  for (size_t q = 0; q < queue.size(); ++q) {
    const int node = queue[q];
    const auto& inherited = ends[static_cast<size_t>(fail[static_cast<size_t>(node)])];
    auto& own = ends[static_cast<size_t>(node)];
    own.insert(own.end(), inherited.begin(), inherited.end());
    for (int c = 0; c < classes_; ++c) {
      const size_t at = static_cast<size_t>(node) * classes_ + static_cast<size_t>(c);
      const int via_fail = next_[static_cast<size_t>(fail[static_cast<size_t>(node)]) * classes_ + static_cast<size_t>(c)];
      if (next_[at] < 0) {
        next_[at] = via_fail;
      } else {
        fail[static_cast<size_t>(next_[at])] = via_fail;
        queue.push_back(next_[at]);
      }
    }
  }
  // Flat, so the scan reads one array per byte, not a vector's header.
  end_start_.assign(1, 0);
  for (const std::vector<int>& own : ends) {
    end_list_.insert(end_list_.end(), own.begin(), own.end());
    end_start_.push_back(static_cast<uint32_t>(end_list_.size()));
  }
}

bool LiteralFilter::Literals(std::string_view text, std::vector<int>* found,
                             std::string* err) const {
  if (literals_ == nullptr) return true;
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii && !next_.empty()) {
    const size_t start = found->size();
    size_t node = 0;
    for (char c : text) {
      node = static_cast<size_t>(
          next_[node * static_cast<size_t>(classes_) + byte_class_[static_cast<unsigned char>(c)]]);
      for (uint32_t k = end_start_[node]; k < end_start_[node + 1]; ++k) found->push_back(end_list_[k]);
    }
    std::sort(found->begin() + static_cast<std::ptrdiff_t>(start), found->end());
    found->erase(std::unique(found->begin() + static_cast<std::ptrdiff_t>(start), found->end()), found->end());
    return true;
  }
  RE2::Set::ErrorInfo info{};
  if (!literals_->Match(re2::StringPiece(text.data(), text.size()), found, &info) &&
      info.kind == RE2::Set::kOutOfMemory) {
    *err = "the RE2::Set of rule literals ran out of memory";
    return false;
  }
  std::sort(found->begin(), found->end());
  return true;
}

bool LiteralFilter::Pick(std::string_view text, std::vector<int>* out, std::string* err) const {
  std::vector<int> found, picked;
  if (!Literals(text, &found, err)) return false;
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
