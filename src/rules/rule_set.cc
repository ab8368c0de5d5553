#include "rules/rule_set.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "rules/embedded.h"
#include "util/date.h"
#include "util/source_error.h"

namespace claimcheck::rules {

namespace fs = std::filesystem;

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kNumber: return "number";
    case Kind::kDate: return "date";
    case Kind::kTime: return "time";
    case Kind::kDuration: return "duration";
    case Kind::kSet: return "set";
    case Kind::kIgnore: return "ignore";
    case Kind::kClaim: return "claim";
  }
  return "?";
}

const Lexicon* RuleSet::lexicon(std::string_view name) const {
  auto it = lexicons_.find(name);
  return it == lexicons_.end() ? nullptr : &it->second;
}

const Lexicon& RuleSet::Lex(std::string_view name) const {
  static const Lexicon kEmpty;
  const Lexicon* lex = lexicon(name);
  return lex ? *lex : kEmpty;
}

Lexicon& RuleSet::MutableLexicon(std::string_view name) {
  return lexicons_[std::string(name)];
}

void RuleSet::SetSetting(std::string_view name, std::string_view value) {
  settings_[std::string(name)] = std::string(value);
}

std::string RuleSet::Macro(std::string_view name) const {
  auto it = macros_.find(name);
  return it == macros_.end() ? std::string() : it->second;
}

const std::string* RuleSet::FindMacro(std::string_view name) const {
  auto it = macros_.find(name);
  return it == macros_.end() ? nullptr : &it->second;
}

std::string RuleSet::Setting(std::string_view name, std::string_view fallback) const {
  auto it = settings_.find(name);
  return it == settings_.end() ? std::string(fallback) : it->second;
}

std::vector<std::string> RuleSet::SettingWords(std::string_view name) const {
  std::istringstream in(Setting(name));
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(std::move(w));
  return words;
}

std::string TokenForm(int slot) {
  std::string lead, rest;
  for (unsigned mask = 0; mask < (1u << kMaxTokenSlots); ++mask) {
    if (slot >= 0 && !(mask & (1u << slot))) continue;
    lead += TokenLead(mask);
    rest += TokenRest(mask);
  }
  return "[" + lead + "][" + rest + "]*";
}

bool IsIntegerSetting(std::string_view name) {
  static constexpr std::string_view kIntegers[] = {"recent_event_days", "background_days",
                                                   "lead_sentences", "fixed_count_sentences", "story_names"};
  return std::find(std::begin(kIntegers), std::end(kIntegers), name) != std::end(kIntegers);
}

int64_t RuleSet::IntSetting(std::string_view name, int64_t fallback) const {
  auto it = settings_.find(name);
  if (it == settings_.end()) return fallback;
  int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  return ec == std::errc() && ptr == it->second.data() + it->second.size() ? v : fallback;
}

const Rule* RuleSet::Find(std::string_view id) const {
  for (const auto* list : {&rules_, &claims_}) {
    for (const auto& r : *list) {
      if (r->id == id) return r.get();
    }
  }
  return nullptr;
}

// Reads TOML files into a RuleSet. Errors are values: the first one stops
// loading and reads "file:line:col: message", then the line and a caret.
class Loader {
 public:
  explicit Loader(RuleSet* out) : out_(out) {}
  /// Patterns compile on first use, not here (only the embedded rules).
  void set_lazy(bool lazy) { lazy_ = lazy; }

  bool AddFile(const std::string& name, const std::string& content, int layer, std::string* err);
  bool Finish(std::string* err);

 private:
  struct PendingMacro {
    std::string pattern;
    SourceLoc loc;
  };

  std::string Error(const std::string& file, const toml::source_region& where,
                    std::string_view message) const;
  std::string Error(const SourceLoc& loc, std::string_view message) const;
  SourceLoc Loc(const std::string& file, const toml::source_region& where) const {
    return {file, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column)};
  }

  bool ReadSettings(const std::string& file, const toml::node& node, std::string* err);
  bool ReadLexicon(const std::string& file, const std::string& name, const toml::node& node,
                   std::string* err);
  bool ReadMacros(const std::string& file, const toml::node& node, std::string* err,
                  std::map<std::string, PendingMacro>* into);
  bool ReadRules(const std::string& file, const toml::node& node, int layer, bool claims,
                 std::string* err);
  bool ReadRule(const std::string& file, const toml::table& table, int layer, bool claim,
                std::string* err);
  bool ReadExample(const std::string& file, const toml::node& node, Example* out, std::string* err);
  // The forms a pattern expands to: as compiled, for the RE2::Set (macros
  // of [set_macros] in their set form), over number tokens (the token and
  // slot macros in their placeholder form, Rule::token_pattern).
  enum class Form { kFull, kSet, kTokens };
  bool Expand(const std::string& pattern, const SourceLoc& loc, std::vector<std::string>* stack,
              std::string* out, std::string* err, Form form = Form::kFull) const;
  bool ReadTokenForms(std::string* err);

  RuleSet* out_;
  std::map<std::string, std::string> contents_;  // file → text, for error lines
  std::map<std::string, PendingMacro> macros_;
  std::map<std::string, PendingMacro> set_macros_;  // [set_macros]: a macro's form in RE2::Sets
  std::map<std::string, int> rule_layer_;  // id → layer that defined it
  std::map<std::string, std::string> token_forms_;  // macro → placeholder form (ReadTokenForms)
  // Expansions already made: (macro, form) → pattern; lexicon → alternation.
  mutable std::map<std::pair<std::string, Form>, std::string> expanded_macros_;
  mutable std::map<std::string, std::string> lexicon_patterns_;
  // An expanded pattern longer than this is an error: macros that use one
  // another many times would otherwise grow without bound (the largest
  // English rule expands to about 37 KB).
  static constexpr size_t kMaxExpansion = 1 << 20;
  std::string TooLarge(const SourceLoc& loc) const;
  bool lazy_ = false;
};

namespace {

bool IsScalar(const toml::node& n) {
  return n.is_string() || n.is_integer() || n.is_floating_point() || n.is_boolean();
}

std::string ScalarString(const toml::node& n) {
  if (auto s = n.value<std::string>()) return *s;
  if (auto b = n.as_boolean()) return b->get() ? "true" : "false";
  if (auto i = n.as_integer()) return std::to_string(i->get());
  if (auto f = n.as_floating_point()) return fmt::format("{}", f->get());
  return "";
}

}  // namespace

std::string Loader::Error(const SourceLoc& loc, std::string_view message) const {
  auto it = contents_.find(loc.file);
  return SourceError(loc.file, it == contents_.end() ? "" : it->second, loc.line, loc.column,
                     message);
}

std::string Loader::Error(const std::string& file, const toml::source_region& where,
                          std::string_view message) const {
  return Error(Loc(file, where), message);
}

bool Loader::AddFile(const std::string& name, const std::string& content, int layer,
                     std::string* err) {
  contents_[name] = content;
  toml::table root;
  try {
    root = toml::parse(content, name);
  } catch (const toml::parse_error& e) {
    *err = Error(name, e.source(), e.description());
    return false;
  }
  for (auto&& [key, node] : root) {
    const std::string k(key.str());
    bool ok = true;
    if (k == "settings") {
      ok = ReadSettings(name, node, err);
    } else if (k == "lexicon") {
      const toml::table* t = node.as_table();
      if (!t) {
        *err = Error(name, node.source(), "'lexicon' must be a table of tables");
        return false;
      }
      for (auto&& [lex_name, lex] : *t) {
        if (!ReadLexicon(name, std::string(lex_name.str()), lex, err)) return false;
      }
    } else if (k == "macros") {
      ok = ReadMacros(name, node, err, &macros_);
    } else if (k == "set_macros") {
      ok = ReadMacros(name, node, err, &set_macros_);
    } else if (k == "rule" || k == "claim") {
      ok = ReadRules(name, node, layer, k == "claim", err);
    } else {
      *err = Error(name, key.source(),
                   fmt::format("unknown key '{}' (expected settings, lexicon, macros, set_macros, rule, claim)", k));
      return false;
    }
    if (!ok) return false;
  }
  return true;
}

bool Loader::ReadSettings(const std::string& file, const toml::node& node, std::string* err) {
  const toml::table* t = node.as_table();
  if (!t) return *err = Error(file, node.source(), "'settings' must be a table"), false;
  for (auto&& [key, value] : *t) {
    // Counts (days, sentences, a pivot year) are non-negative integers;
    // every other setting is a string.
    if (IsIntegerSetting(key.str())) {
      const std::optional<int64_t> n = value.value<int64_t>();
      if (!value.is_integer() || *n < 0) {
        *err = Error(file, value.source(),
                     fmt::format("setting '{}' must be a non-negative integer", key.str()));
        return false;
      }
      out_->SetSetting(key.str(), std::to_string(*n));
      continue;
    }
    if (!value.is_string()) {
      *err = Error(file, value.source(), fmt::format("setting '{}' must be a string", key.str()));
      return false;
    }
    out_->SetSetting(key.str(), *value.value<std::string>());
  }
  return true;
}

bool Loader::ReadLexicon(const std::string& file, const std::string& name, const toml::node& node,
                         std::string* err) {
  const toml::table* t = node.as_table();
  if (!t) return *err = Error(file, node.source(), "a lexicon must be a table"), false;
  Lexicon& lex = out_->MutableLexicon(name);
  for (auto&& [key, value] : *t) {
    LexEntry entry;
    if (IsScalar(value)) {
      entry.value = ScalarString(value);
    } else if (const toml::table* fields = value.as_table()) {
      for (auto&& [fk, fv] : *fields) {
        if (!IsScalar(fv)) {
          *err = Error(file, fv.source(), "lexicon fields must be strings, numbers or booleans");
          return false;
        }
        entry.fields[std::string(fk.str())] = ScalarString(fv);
      }
    } else {
      *err = Error(file, value.source(), "a lexicon entry must be a scalar or an inline table");
      return false;
    }
    if (NormalizeKey(key.str()).empty()) {
      *err = Error(file, key.source(), "empty lexicon key");
      return false;
    }
    lex.Set(key.str(), std::move(entry));
  }
  return true;
}

bool Loader::ReadMacros(const std::string& file, const toml::node& node, std::string* err,
                        std::map<std::string, PendingMacro>* into) {
  const toml::table* t = node.as_table();
  if (!t) return *err = Error(file, node.source(), "'macros' must be a table"), false;
  for (auto&& [key, value] : *t) {
    if (!value.is_string()) {
      *err = Error(file, value.source(), fmt::format("macro '{}' must be a string", key.str()));
      return false;
    }
    (*into)[std::string(key.str())] = {*value.value<std::string>(), Loc(file, value.source())};
  }
  return true;
}

bool Loader::ReadRules(const std::string& file, const toml::node& node, int layer, bool claims,
                       std::string* err) {
  const toml::array* rules = node.as_array();
  if (!rules) {
    *err = Error(file, node.source(), claims ? "'claim' must be an array of tables ([[claim]])"
                                             : "'rule' must be an array of tables ([[rule]])");
    return false;
  }
  for (const toml::node& r : *rules) {
    const toml::table* t = r.as_table();
    if (!t) return *err = Error(file, r.source(), "a rule must be a table"), false;
    if (!ReadRule(file, *t, layer, claims, err)) return false;
  }
  return true;
}

namespace {

// A fixed count's field: digits, small enough for any toll stated in words.
bool IsCount(std::string_view s) {
  return !s.empty() && s.size() <= 6 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const std::map<std::string, Kind>& KindsByName() {
  static const std::map<std::string, Kind> kKinds = {
      {"number", Kind::kNumber}, {"date", Kind::kDate}, {"time", Kind::kTime},
      {"duration", Kind::kDuration}, {"set", Kind::kSet}, {"ignore", Kind::kIgnore}};
  return kKinds;
}

}  // namespace

bool Loader::ReadRule(const std::string& file, const toml::table& table, int layer, bool claim,
                      std::string* err) {
  auto rule = std::make_unique<Rule>();
  rule->loc = Loc(file, table.source());
  if (claim) rule->kind = Kind::kClaim;
  bool case_sensitive = false;
  const toml::node* examples = nullptr;
  for (auto&& [key, node] : table) {
    const std::string k(key.str());
    const toml::node& value = node;  // clang 14: lambdas cannot capture a structured binding
    auto need_string = [&](std::string* out) {
      if (!value.is_string()) {
        *err = Error(file, value.source(), fmt::format("'{}' must be a string", k));
        return false;
      }
      *out = *value.value<std::string>();
      return true;
    };
    if (k == "id") {
      if (!need_string(&rule->id)) return false;
    } else if (k == "attribute" && claim) {
      if (!need_string(&rule->attribute)) return false;
    } else if (k == "kind" && !claim) {
      std::string kind;
      if (!need_string(&kind)) return false;
      auto it = KindsByName().find(kind);
      if (it == KindsByName().end()) {
        *err = Error(file, value.source(),
                     fmt::format("unknown kind '{}' (number, date, time, duration, set, ignore)", kind));
        return false;
      }
      rule->kind = it->second;
    } else if (k == "pattern") {
      if (!need_string(&rule->pattern)) return false;
      rule->loc = Loc(file, value.source());
    } else if (k == "priority") {
      if (!value.is_integer()) return *err = Error(file, value.source(), "'priority' must be an integer"), false;
      rule->priority = static_cast<int>(*value.value<int64_t>());
    } else if (k == "tokens" && !claim) {
      if (!value.is_boolean()) return *err = Error(file, value.source(), "'tokens' must be true or false"), false;
      rule->tokens = *value.value<bool>();
    } else if (k == "case_sensitive") {
      if (!value.is_boolean()) return *err = Error(file, value.source(), "'case_sensitive' must be true or false"), false;
      case_sensitive = *value.value<bool>();
    } else if (k == "fields") {
      const toml::table* fields = value.as_table();
      if (!fields) return *err = Error(file, value.source(), "'fields' must be a table"), false;
      for (auto&& [fk, fv] : *fields) {
        if (!IsScalar(fv)) return *err = Error(file, fv.source(), "fields must be scalars"), false;
        rule->fields[std::string(fk.str())] = ScalarString(fv);
      }
    } else if (k == "examples") {
      examples = &value;
    } else {
      *err = Error(file, key.source(),
                   fmt::format("unknown key '{}' in {} (id, {}, pattern, priority, "
                               "case_sensitive, {}fields, examples)", k, claim ? "claim" : "rule",
                               claim ? "attribute" : "kind", claim ? "" : "tokens, "));
      return false;
    }
  }
  const SourceLoc start = Loc(file, table.source());
  if (rule->id.empty()) return *err = Error(start, "rule has no 'id'"), false;
  if (rule->pattern.empty()) return *err = Error(start, fmt::format("rule '{}' has no 'pattern'", rule->id)), false;
  if (!claim && !table.contains("kind")) {
    return *err = Error(start, fmt::format("rule '{}' has no 'kind'", rule->id)), false;
  }
  if (claim && rule->attribute.empty()) {
    return *err = Error(start, fmt::format("claim '{}' has no 'attribute'", rule->id)), false;
  }
  for (const char* field : {"count", "add"}) {
    auto count = rule->fields.find(field);
    if (count == rule->fields.end()) continue;
    if (!claim || rule->attribute == "date" || rule->attribute == "ignore") {
      return *err = Error(start, fmt::format("rule '{}': '{}' is for count claims only",
                                             rule->id, field)), false;
    }
    if (!IsCount(count->second)) {
      return *err = Error(start, fmt::format("rule '{}': '{}' must be a whole number from 0 "
                                             "to 999999, got '{}'", rule->id, field, count->second)), false;
    }
  }
  // "shot": a count of everyone hit, killed or wounded, read as killed +
  // wounded (rules/README.md, "Scope of a count").
  if (auto counted = rule->fields.find("counted"); counted != rule->fields.end()) {
    if (!claim || rule->attribute != "injuries" || counted->second != "shot") {
      return *err = Error(start, fmt::format("rule '{}': 'counted' is \"shot\", for injuries claims only, got '{}'",
                                             rule->id, counted->second)), false;
    }
  }
  // One person the text describes, a count of 1 (rules/README.md, "Scope of a count").
  if (auto individual = rule->fields.find("individual"); individual != rule->fields.end()) {
    const auto count = rule->fields.find("count");
    if (!claim || individual->second != "true" || count == rule->fields.end() || count->second != "1") {
      return *err = Error(start, fmt::format("rule '{}': 'individual' is \"true\", for count claims of count = \"1\" "
                                             "only, got '{}'", rule->id, individual->second)), false;
    }
  }
  const toml::array* list = examples ? examples->as_array() : nullptr;
  if (list == nullptr || list->empty()) {
    *err = Error(examples ? Loc(file, examples->source()) : start,
                 fmt::format("rule '{}' needs 'examples' (a non-empty array)", rule->id));
    return false;
  }
  for (const toml::node& e : *list) {
    Example example;
    if (!ReadExample(file, e, &example, err)) return false;
    rule->examples.push_back(std::move(example));
  }
  // A rule over tokens reads them as the tokenizer found them, ignoring case.
  if (case_sensitive && rule->tokens) {
    return *err = Error(start, fmt::format("rule '{}': tokens = true and case_sensitive = true do not go "
                                           "together (number tokens are found in any case)", rule->id)), false;
  }
  if (!case_sensitive) rule->pattern = "(?i)" + rule->pattern;

  auto [it, inserted] = rule_layer_.emplace(rule->id, layer);
  if (!inserted && it->second == layer) {
    *err = Error(start, fmt::format("duplicate rule id '{}'", rule->id));
    return false;
  }
  it->second = layer;
  auto& rules = claim ? out_->claims_ : out_->rules_;
  auto existing = std::find_if(rules.begin(), rules.end(),
                               [&](const auto& r) { return r->id == rule->id; });
  if (existing != rules.end()) {
    *existing = std::move(rule);
  } else {
    rules.push_back(std::move(rule));
  }
  return true;
}

bool Loader::ReadExample(const std::string& file, const toml::node& node, Example* out,
                         std::string* err) {
  const toml::table* t = node.as_table();
  if (!t) return *err = Error(file, node.source(), "an example must be a table"), false;
  out->loc = Loc(file, node.source());
  for (auto&& [key, value] : *t) {
    const std::string k(key.str());
    if (k == "text" || k == "match" || k == "ref") {
      if (!value.is_string()) return *err = Error(file, value.source(), fmt::format("'{}' must be a string", k)), false;
      std::string s = *value.value<std::string>();
      (k == "text" ? out->text : k == "match" ? out->match : out->ref) = s;
    } else if (k == "none") {
      if (!value.is_boolean()) return *err = Error(file, value.source(), "'none' must be true or false"), false;
      out->none = *value.value<bool>();
    } else if (k == "value") {
      if (value.is_string()) {
        out->value["timex"] = *value.value<std::string>();
      } else if (const toml::table* q = value.as_table()) {
        for (auto&& [qk, qv] : *q) {
          const std::string name(qk.str());
          if (name != "point" && name != "lo" && name != "hi" && name != "qualifier") {
            *err = Error(file, qk.source(),
                         fmt::format("unknown key '{}' in a quantity (point, lo, hi, qualifier)", name));
            return false;
          }
          out->value[name] = ScalarString(qv);
        }
        if (!out->value.count("lo")) {
          return *err = Error(file, value.source(), "a quantity needs 'lo'"), false;
        }
      } else {
        return *err = Error(file, value.source(), "'value' must be a TIMEX3 string or a quantity table"), false;
      }
    } else if (k == "mod" || k == "anchor" || k == "interval" || k == "ordinal" || k == "unit" || k == "kind" || k == "subject" ||
               k == "as_of" || k == "hedged" || k == "negated" || k == "revision" ||
               k == "attribution" || k == "event_date" || k == "part" || k == "added" || k == "stage") {
      if (!IsScalar(value)) return *err = Error(file, value.source(), fmt::format("'{}' must be a scalar", k)), false;
      out->value[k] = ScalarString(value);
    } else {
      *err = Error(file, key.source(),
                   fmt::format("unknown key '{}' in example (text, match, ref, none, value, mod, "
                               "anchor, interval, ordinal, unit, kind, subject, as_of, hedged, negated, revision, "
                               "attribution, event_date, part, added, stage)", k));
      return false;
    }
  }
  if (out->text.empty()) return *err = Error(out->loc, "example has no 'text'"), false;
  if (!out->none && !out->value.count("timex") && !out->value.count("lo")) {
    return *err = Error(out->loc, "example needs 'value' (or none = true)"), false;
  }
  if (!out->ref.empty() && !ParseIsoDate(out->ref)) {
    return *err = Error(out->loc, fmt::format("'ref' {} is not YYYY-MM-DD", out->ref)), false;
  }
  return true;
}

bool CompileSet(const std::vector<std::unique_ptr<Rule>>& rules, std::unique_ptr<RE2::Set>* out,
                std::string* err) {
  std::vector<const Rule*> all;
  for (const auto& rule : rules) all.push_back(rule.get());
  return CompileSet(all, out, err);
}

bool CompileSet(const std::vector<const Rule*>& rules, std::unique_ptr<RE2::Set>* out,
                std::string* err) {
  std::vector<std::string> patterns;
  for (const Rule* rule : rules) {
    patterns.push_back(rule->set_pattern.empty() ? rule->expanded : rule->set_pattern);
  }
  return CompileSet(rules, patterns, out, err);
}

bool CompileSet(const std::vector<const Rule*>& rules, const std::vector<std::string>& patterns,
                std::unique_ptr<RE2::Set>* out, std::string* err) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);  // the Set's DFA cache; exhausting it is an error
  auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (size_t i = 0; i < rules.size(); ++i) {
    const Rule* rule = rules[i];
    std::string set_err;
    if (set->Add(patterns[i], &set_err) < 0) {
      *err = fmt::format("{}:{}:{}: rule '{}': {}", rule->loc.file, rule->loc.line,
                         rule->loc.column, rule->id, set_err);
      return false;
    }
  }
  if (!set->Compile()) {
    *err = "the rules' RE2::Set does not fit in memory";
    return false;
  }
  *out = std::move(set);
  return true;
}

std::string LexiconPattern(const Lexicon& lex) {
  // Keys in descending byte order: a key comes before every key that is a
  // prefix of it ("millions" before "million"), so the longer wins where
  // both match, as longest-first order did (two keys that are not prefixes
  // of one another never match at the same place). And keys sharing a
  // prefix stand side by side, where RE2 factors them out: "t(?:wo|wenty|
  // …)" instead of each word whole, a sixth fewer program instructions in
  // the number rules and smaller automata to build on new text.
  std::vector<std::string> keys;
  for (auto it = lex.entries().rbegin(); it != lex.entries().rend(); ++it) keys.push_back(it->first);
  std::string alt = "(?:";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i) alt += '|';
    std::string quoted = RE2::QuoteMeta(keys[i]);
    // QuoteMeta escapes spaces as "\ "; let a space match any run of whitespace.
    for (size_t p; (p = quoted.find("\\ ")) != std::string::npos;) quoted.replace(p, 2, "\\s+");
    alt += quoted;
  }
  return alt + ")";
}

bool Loader::Expand(const std::string& pattern, const SourceLoc& loc,
                    std::vector<std::string>* stack, std::string* out, std::string* err,
                    Form form) const {
  static const RE2 kRef(R"(\{(lex:[A-Za-z0-9_]+|[A-Za-z_][A-Za-z0-9_]*)\})");
  re2::StringPiece input(pattern);
  re2::StringPiece name;
  const char* copied = pattern.data();
  while (RE2::FindAndConsume(&input, kRef, &name)) {
    const char* ref_start = name.data() - 1;
    out->append(copied, ref_start);
    copied = input.data();
    const std::string n(name.data(), name.size());
    if (n.rfind("lex:", 0) == 0) {
      const Lexicon* lex = out_->lexicon(n.substr(4));
      if (lex == nullptr || lex->entries().empty()) {
        *err = Error(loc, fmt::format("unknown or empty lexicon '{}' in {{{}}}", n.substr(4), n));
        return false;
      }
      auto cached = lexicon_patterns_.find(n);
      if (cached == lexicon_patterns_.end()) {
        cached = lexicon_patterns_.emplace(n, LexiconPattern(*lex)).first;
      }
      *out += cached->second;
      if (out->size() > kMaxExpansion) return *err = TooLarge(loc), false;
      continue;
    }
    auto it = macros_.find(n);
    if (it == macros_.end()) {
      *err = Error(loc, fmt::format("unknown macro {{{}}}", n));
      return false;
    }
    if (std::find(stack->begin(), stack->end(), n) != stack->end()) {
      *err = Error(loc, fmt::format("macro {{{}}} refers to itself", n));
      return false;
    }
    if (auto token_form = token_forms_.find(n); form == Form::kTokens && token_form != token_forms_.end()) {
      *out += "(?:" + token_form->second + ")";
      continue;
    }
    const PendingMacro* macro = &it->second;
    if (auto set_form = set_macros_.find(n); form == Form::kSet && set_form != set_macros_.end()) {
      macro = &set_form->second;
    }
    // A macro expands the same wherever it is used: once, then from the cache.
    const auto key = std::make_pair(n, form);
    auto cached = expanded_macros_.find(key);
    if (cached == expanded_macros_.end()) {
      std::string expanded;
      stack->push_back(n);
      if (!Expand(macro->pattern, macro->loc, stack, &expanded, err, form)) return false;
      stack->pop_back();
      cached = expanded_macros_.emplace(key, std::move(expanded)).first;
    }
    *out += "(?:";
    *out += cached->second;
    *out += ")";
    if (out->size() > kMaxExpansion) return *err = TooLarge(loc), false;
  }
  out->append(copied, pattern.data() + pattern.size());
  return true;
}

std::string Loader::TooLarge(const SourceLoc& loc) const {
  return Error(loc, fmt::format("pattern expands to more than {} bytes (macros inside macros?)",
                                kMaxExpansion));
}

bool Loader::Finish(std::string* err) {
  RE2::Options options;  // RE2's default memory budget (8 MiB) per rule
  options.set_log_errors(false);
  // Every macro must expand and compile, used by a rule or not: the engine
  // reads some (hedges, attribution) by name.
  for (const auto& [name, macro] : macros_) {
    std::vector<std::string> stack{name};
    std::string expanded;
    if (!Expand(macro.pattern, macro.loc, &stack, &expanded, err)) return false;
    if (lazy_) {
      out_->macros_[name] = std::move(expanded);
      continue;
    }
    RE2 re(expanded, options);
    if (!re.ok()) {
      *err = Error(macro.loc, fmt::format("macro {{{}}}: bad pattern: {} (at '{}')", name,
                                          re.error(), re.error_arg()));
      return false;
    }
    out_->macros_[name] = std::move(expanded);
  }
  for (const auto& [name, set_form] : set_macros_) {
    if (!macros_.count(name)) {
      *err = Error(set_form.loc, fmt::format("set_macros: {{{}}} is no macro of [macros]", name));
      return false;
    }
    std::vector<std::string> stack{name};
    std::string expanded;
    if (!Expand(set_form.pattern, set_form.loc, &stack, &expanded, err, Form::kSet)) return false;
    if (lazy_) continue;
    RE2 re(expanded, options);
    if (!re.ok()) {
      *err = Error(set_form.loc, fmt::format("set_macros {{{}}}: bad pattern: {} (at '{}')", name,
                                             re.error(), re.error_arg()));
      return false;
    }
  }
  if (!ReadTokenForms(err)) return false;
  for (auto* list : {&out_->rules_, &out_->claims_}) {
    for (auto& rule : *list) {
      std::vector<std::string> stack;
      rule->expanded.clear();
      if (!Expand(rule->pattern, rule->loc, &stack, &rule->expanded, err)) return false;
      rule->set_pattern.clear();
      if (!set_macros_.empty() &&
          !Expand(rule->pattern, rule->loc, &stack, &rule->set_pattern, err, Form::kSet)) {
        return false;
      }
      if (rule->set_pattern == rule->expanded) rule->set_pattern.clear();
      rule->token_pattern.clear();
      if (rule->tokens) {
        if (!Expand(rule->pattern, rule->loc, &stack, &rule->token_pattern, err, Form::kTokens)) return false;
        if (rule->token_pattern == rule->expanded) {
          *err = Error(rule->loc, fmt::format("rule '{}': tokens = true, but its pattern uses neither "
                                              "the token macro nor a slot macro ([settings] token_macro, "
                                              "token_slots)", rule->id));
          return false;
        }
      }
      if (lazy_) continue;
      if (!rule->set_error().empty()) {
        *err = Error(rule->loc, fmt::format("rule '{}': its set form does not compile: {}",
                                            rule->id, rule->set_error()));
        return false;
      }
      if (!rule->re().ok()) {
        *err = Error(rule->loc, fmt::format("rule '{}': bad pattern: {} (at '{}')", rule->id,
                                            rule->re().error(), rule->re().error_arg()));
        return false;
      }
      if (rule->tokens && !rule->token_re().ok()) {
        *err = Error(rule->loc, fmt::format("rule '{}': its pattern over tokens does not compile: {}",
                                            rule->id, rule->token_re().error()));
        return false;
      }
      if (rule->kind == Kind::kClaim && !rule->re().NamedCapturingGroups().count("value")) {
        *err = Error(rule->loc, fmt::format("claim '{}': the pattern needs a (?P<value>…) group",
                                            rule->id));
        return false;
      }
    }
  }
  return true;
}

bool LoadRuleSetFromFiles(const std::vector<std::pair<std::string, std::string>>& files,
                          RuleSet* out, std::string* err) {
  Loader loader(out);
  for (const auto& [name, content] : files) {
    if (!loader.AddFile(name, content, 0, err)) return false;
  }
  return loader.Finish(err);
}

// [settings] token_macro and token_slots name the macros a rule with
// `tokens` sees as placeholders (rules/README.md, "Number tokens").
bool Loader::ReadTokenForms(std::string* err) {
  token_forms_.clear();
  const auto first = std::find_if(out_->rules_.begin(), out_->rules_.end(),
                                  [](const auto& r) { return r->tokens; });
  if (first == out_->rules_.end()) return true;
  const Rule& rule = **first;
  const std::string token = out_->Setting("token_macro");
  if (!macros_.count(token)) {
    *err = Error(rule.loc, fmt::format("rule '{}' has tokens = true: [settings] token_macro must "
                                       "name a macro of [macros] (got '{}')", rule.id, token));
    return false;
  }
  token_forms_[token] = TokenForm(-1);
  int slot = 0;
  for (const std::string& name : out_->SettingWords("token_slots")) {
    if (!macros_.count(name) || token_forms_.count(name) || slot == kMaxTokenSlots) {
      *err = Error(rule.loc, fmt::format("rule '{}' has tokens = true: [settings] token_slots names "
                                         "at most {} macros of [macros], each once, not the token "
                                         "macro ('{}' is not one)", rule.id, kMaxTokenSlots, name));
      return false;
    }
    token_forms_[name] = TokenForm(slot++);
  }
  return true;
}

void Rule::CompileTokenPattern() const {
  RE2::Options options;
  options.set_log_errors(false);
  token_re_ = std::make_unique<RE2>(token_pattern, options);
}

void Rule::CompileSetForm() const {
  if (set_pattern.empty()) return;
  RE2::Options gate;  // RE2's default memory budget (8 MiB)
  gate.set_log_errors(false);
  gate.set_never_capture(true);
  set_re_ = std::make_unique<RE2>(set_pattern, gate);
  if (!set_re_->ok()) set_error_ = set_re_->error();
  // One that matches the empty text matches everywhere: no use as a gate.
  if (!set_re_->ok() || RE2::PartialMatch("", *set_re_)) set_re_.reset();
}

void Rule::CompilePattern() const {
  // In a run, the recognizer compiles here only the rules with a set form
  // (the others come compiled from its literal filter): the number rules,
  // of 14-30k instructions.
  // Within RE2's default 8 MiB their DFAs (the reverse one above all) ran
  // out of states about 130 times on the ECB+ corpus and fell back to the
  // NFA; 32 MiB lets each keep its states (about 7 MiB more at its peak).
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(32 << 20);
  re_ = std::make_unique<RE2>(expanded, options);
}

bool LoadRuleSet(const std::vector<std::string>& extra_dirs, RuleSet* out, std::string* err,
                 bool lazy) {
  Loader loader(out);
  loader.set_lazy(lazy && extra_dirs.empty());
  for (const EmbeddedFile& f : EmbeddedRuleFiles()) {
    if (!loader.AddFile(std::string(f.name), std::string(f.content), 0, err)) return false;
  }
  int layer = 0;
  for (const std::string& dir : extra_dirs) {
    ++layer;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      *err = fmt::format("--rules {}: not a directory", dir);
      return false;
    }
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.path().extension() == ".toml") names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      const std::string path = (fs::path(dir) / name).string();
      if (std::error_code st; !fs::is_regular_file(path, st)) {
        // A FIFO named *.toml would block the run forever.
        *err = fmt::format("{}: not a regular file (a FIFO, socket, device or directory)", path);
        return false;
      }
      std::ifstream in(path, std::ios::binary);
      std::stringstream content;
      content << in.rdbuf();
      if (!in) {
        *err = fmt::format("{}: cannot read", path);
        return false;
      }
      if (!loader.AddFile(path, content.str(), layer, err)) return false;
    }
  }
  return loader.Finish(err);
}

}  // namespace claimcheck::rules
