#include "normalize/number.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <numeric>
#include <utility>
#include <vector>

// Numbers are read exactly: every value is a fraction of two int64s, so
// "1.5 million" is 3/2 × 10^6 = 1500000 with no floating-point rounding, and
// a result that is not whole ("2.5", "a third") is refused rather than rounded.
// The words themselves come from the lexicons documented in rules/README.md.

namespace claimcheck::normalize {
namespace {

// ---------------------------------------------------------------------------
// Exact rational arithmetic with overflow checks.

struct Rational {
  int64_t num = 0;
  int64_t den = 1;  // always > 0, and gcd(num, den) == 1
};

bool MakeRational(int64_t num, int64_t den, Rational* out) {
  if (den == 0) return false;
  if (den < 0) {
    if (__builtin_mul_overflow(num, -1, &num) || __builtin_mul_overflow(den, -1, &den)) {
      return false;
    }
  }
  const int64_t g = std::gcd(num, den);
  *out = {num / (g == 0 ? 1 : g), den / (g == 0 ? 1 : g)};
  return true;
}

bool Add(Rational a, Rational b, Rational* out) {
  // a/b + c/d = (ad + cb) / bd, reduced by the gcd of the denominators first
  // so that common cases (whole numbers, tenths) never come near overflow.
  const int64_t g = std::gcd(a.den, b.den);
  int64_t left = 0, right = 0, num = 0, den = 0;
  if (__builtin_mul_overflow(a.num, b.den / g, &left) ||
      __builtin_mul_overflow(b.num, a.den / g, &right) ||
      __builtin_add_overflow(left, right, &num) ||
      __builtin_mul_overflow(a.den / g, b.den, &den)) {
    return false;
  }
  return MakeRational(num, den, out);
}

bool Mul(Rational a, Rational b, Rational* out) {
  // Cross-reduce before multiplying: (3/2) × 10^12 stays small.
  const int64_t g1 = std::gcd(a.num, b.den);
  const int64_t g2 = std::gcd(b.num, a.den);
  const Rational x{a.num / (g1 ? g1 : 1), a.den / (g2 ? g2 : 1)};
  const Rational y{b.num / (g2 ? g2 : 1), b.den / (g1 ? g1 : 1)};
  int64_t num = 0, den = 0;
  if (__builtin_mul_overflow(x.num, y.num, &num) || __builtin_mul_overflow(x.den, y.den, &den)) {
    return false;
  }
  return MakeRational(num, den, out);
}

bool IsZero(Rational r) { return r.num == 0; }

bool ParseRational(std::string_view text, Rational* out);

// "1.3e6": mantissa × 10^exponent, exactly.
bool ParseScientific(std::string_view mantissa, std::string_view exponent, Rational* out) {
  Rational m, e, power{1, 1};
  if (!ParseRational(mantissa, &m) || !ParseRational(exponent, &e) || e.den != 1 ||
      e.num > 18 || e.num < -18) {
    return false;
  }
  for (int64_t i = 0; i < (e.num < 0 ? -e.num : e.num); ++i) power.num *= 10;
  if (e.num < 0) std::swap(power.num, power.den);
  return Mul(m, power, out);
}

// "123", "1.5", "-2", "1/2", "1.3e6": the scalar forms lexicon values and bound
// coefficients take.
bool ParseRational(std::string_view text, Rational* out) {
  if (const size_t slash = text.find('/'); slash != std::string_view::npos) {
    Rational num, den, inverse;
    return ParseRational(text.substr(0, slash), &num) &&
           ParseRational(text.substr(slash + 1), &den) && !IsZero(den) &&
           MakeRational(den.den, den.num, &inverse) && Mul(num, inverse, out);
  }
  if (const size_t e = text.find_first_of("eE"); e != std::string_view::npos) {
    return ParseScientific(text.substr(0, e), text.substr(e + 1), out);
  }
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  int64_t num = 0, den = 1;
  bool seen_digit = false, seen_point = false;
  for (char ch : text) {
    if (ch == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(ch))) return false;
    seen_digit = true;
    if (__builtin_mul_overflow(num, 10, &num) || __builtin_add_overflow(num, ch - '0', &num)) {
      return false;
    }
    if (seen_point && __builtin_mul_overflow(den, 10, &den)) return false;
  }
  if (!seen_digit) return false;
  return MakeRational(negative ? -num : num, den, out);
}

// ---------------------------------------------------------------------------
// Tokens of a number expression.

struct Token {
  enum Type { kDigits, kWord } type;
  std::string text;       // digits: separators removed; word: as written
  bool attached = false;  // glued to the previous token ("10k", "3rd")
};

bool IsSpace(unsigned char c) { return std::isspace(c) != 0; }

// Thin and no-break spaces group thousands in some styles ("40 000").
size_t GroupSpaceLength(std::string_view s, size_t i) {
  static constexpr std::string_view kSpaces[] = {"\xE2\x80\xAF", "\xC2\xA0", "\xE2\x80\x89", " "};
  for (std::string_view sp : kSpaces) {
    if (s.substr(i, sp.size()) == sp) return sp.size();
  }
  return 0;
}

bool IsDigitAt(std::string_view s, size_t i) {
  return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]));
}

// A thousands separator stands before exactly three digits: "5,200" is one
// number, "4000 3" and "1, 234" are not.
bool GroupFollows(std::string_view s, size_t i) {
  return IsDigitAt(s, i) && IsDigitAt(s, i + 1) && IsDigitAt(s, i + 2) && !IsDigitAt(s, i + 3);
}

bool ExponentFollows(std::string_view s, size_t i) {
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  return IsDigitAt(s, i);
}

// A digit run with its separators: "5,200", "1 234 567", "1.5". Separators
// are dropped; the decimal point is kept.
size_t ReadDigits(std::string_view s, size_t i, std::string* out) {
  while (i < s.size()) {
    if (IsDigitAt(s, i)) {
      *out += s[i++];
    } else if (s[i] == '.' && IsDigitAt(s, i + 1)) {
      *out += s[i++];
    } else if ((s[i] == 'e' || s[i] == 'E') && ExponentFollows(s, i + 1)) {
      *out += s[i++];  // scientific notation: "1.3e6", "12.32e+14"
      if (s[i] == '+' || s[i] == '-') *out += s[i++];
    } else if (const size_t sep = s[i] == ',' ? 1 : GroupSpaceLength(s, i);
               sep > 0 && GroupFollows(s, i + sep)) {
      i += sep;
    } else {
      break;
    }
  }
  return i;
}

bool Tokenize(std::string_view s, std::vector<Token>* out) {
  size_t i = 0;
  bool glued = false;  // no separator since the previous token
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (std::isdigit(c)) {
      Token t{Token::kDigits, "", glued && !out->empty()};
      i = ReadDigits(s, i, &t.text);
      out->push_back(std::move(t));
      glued = true;
    } else if (std::isalpha(c)) {
      Token t{Token::kWord, "", glued && !out->empty()};
      while (i < s.size() && (std::isalpha(static_cast<unsigned char>(s[i])) || s[i] == '\'')) {
        t.text += s[i++];
      }
      out->push_back(std::move(t));
      glued = true;
    } else if (c == '-' && out->empty()) {
      return false;  // "-5" is no count
    } else if (IsSpace(c) || c == '-' || c == ',' || GroupSpaceLength(s, i) > 0) {
      // Word separators: "fifty-two", "fifty - two", "one million, two hundred".
      i += std::max<size_t>(1, GroupSpaceLength(s, i));
      glued = false;
    } else if (out->empty() && c != '+') {
      ++i;  // a leading symbol such as a currency sign: "$5m"; signs are no counts
    } else {
      return false;
    }
  }
  return !out->empty();
}

// ---------------------------------------------------------------------------
// Folding tokens into a value.
//
// A number reads as groups closed by large scales: "two hundred and two
// thousand, three hundred" is (2×100 + 2)×1000 + 3×100. `low` collects units
// and tens, `high` what a small multiplier (hundred, dozen) has made of them,
// `total` the closed groups.

class NumberReader {
 public:
  explicit NumberReader(const rules::RuleSet& rules) : rules_(rules) {}

  bool Feed(const Token& token) {
    if (ordinal_) return false;  // nothing follows an ordinal
    const bool ok = token.type == Token::kDigits ? FeedDigits(token) : FeedWord(token);
    previous_ = token.type == Token::kDigits ? kLiteral : previous_;
    return ok;
  }

  std::optional<ParsedNumber> Finish() const {
    Rational value, rest = low_;
    // A trailing fraction after a closed group is a fraction of its scale:
    // "a million and a half", "five billion and three quarters".
    if (IsZero(high_) && last_scale_ != 0 && rest.num > 0 && rest.num < rest.den &&
        !Mul(rest, {last_scale_, 1}, &rest)) {
      return std::nullopt;
    }
    if (!seen_number_ || !Add(total_, high_, &value) || !Add(value, rest, &value)) {
      return std::nullopt;
    }
    if (value.den != 1) return std::nullopt;  // not a whole count
    return ParsedNumber{value.num, ordinal_};
  }

 private:
  enum Previous { kNone, kLiteral, kCount, kFiller, kScale };

  bool FeedDigits(const Token& token) {
    Rational r;
    if (!IsZero(low_) || !ParseRational(token.text, &r)) return false;
    low_ = r;
    seen_number_ = true;
    return true;
  }

  bool FeedWord(const Token& token) {
    const std::string& w = token.text;
    if (auto v = rules_.Lex("number_units").Int(w)) return AddCount(*v, /*is_ten=*/false);
    if (auto v = rules_.Lex("number_teens").Int(w)) return AddCount(*v, /*is_ten=*/false);
    if (auto v = rules_.Lex("number_tens").Int(w)) return AddCount(*v, /*is_ten=*/true);
    if (auto v = ScaleValue(w, token.attached)) return ApplyScale(*v);
    if (auto v = rules_.Lex("ordinal_words").Int(w); v && (ReadsAsOrdinal() || IsScaleValue(*v))) {
      return AddOrdinal(*v);
    }
    if (const auto* e = rules_.Lex("number_fractions").Find(w)) return AddFraction(e->value);
    if (auto v = rules_.Lex("ordinal_words").Int(w)) return AddOrdinal(*v);
    if (token.attached && previous_ == kLiteral && rules_.Lex("ordinal_suffixes").Find(w)) {
      ordinal_ = true;
      return low_.den == 1;  // "3rd" yes, "3.5th" no
    }
    if (rules_.Lex("number_fillers").Find(w)) {
      if (previous_ != kFiller) before_filler_ = previous_;
      previous_ = kFiller;
      return true;
    }
    return false;
  }

  // Suffix abbreviations ("bn", "k") count only when glued to digits or
  // spelled out after them; scale words count anywhere.
  std::optional<int64_t> ScaleValue(const std::string& w, bool attached) const {
    if (auto v = rules_.Lex("number_scales").Int(w)) return *v;
    if (auto v = rules_.Lex("number_multipliers").Int(w)) return *v;
    if (previous_ == kLiteral || attached) {
      if (auto v = rules_.Lex("number_suffixes").Int(w)) return *v;
    }
    return std::nullopt;
  }

  // "third" is an ordinal at the start, after a scale or after a ten ("the
  // third", "hundred and third", "twenty-third"), and a fraction after a
  // count or an article ("one third", "a third"). Scale ordinals are always
  // ordinals ("two hundredth"); their fractions are plural ("two hundredths").
  bool ReadsAsOrdinal() const {
    if (previous_ == kFiller) return before_filler_ == kScale;
    if (previous_ == kNone || previous_ == kScale) return true;
    return previous_ == kCount && IsTen(low_);
  }

  static bool IsTen(Rational r) {
    return r.den == 1 && r.num >= 20 && r.num < 100 && r.num % 10 == 0;
  }

  // Units and tens combine only as English writes them: a unit after a ten
  // ("fifty-two"), never two units ("one one") or a ten after a ten.
  bool AddCount(int64_t v, bool is_ten) {
    if (previous_ == kLiteral || previous_ == kCount) {
      if (is_ten || !IsTen(low_) || v >= 10 || v == 0) return false;
    }
    if (!Add(low_, {v, 1}, &low_)) return false;
    previous_ = kCount;
    seen_number_ = true;
    return true;
  }

  bool ApplyScale(int64_t scale) {
    if (scale <= 0) return false;
    const bool ok = scale < kGroupScale ? ApplyMultiplier(scale) : CloseGroup(scale);
    previous_ = kScale;
    seen_number_ = true;
    return ok;
  }

  // "three hundred", "two dozen", "322 hundred"; a bare "hundred" is one.
  bool ApplyMultiplier(int64_t scale) {
    Rational count = IsZero(low_) ? Rational{1, 1} : low_;
    Rational product;
    if (!Mul(count, {scale, 1}, &product) || !Add(high_, product, &high_)) return false;
    low_ = {};
    return true;
  }

  // "two thousand", "1.5 million"; a larger scale after a closed group
  // multiplies it ("three lakh crore", "one thousand two hundred million").
  bool CloseGroup(int64_t scale) {
    Rational group;
    if (!Add(high_, low_, &group)) return false;
    high_ = low_ = {};
    if (IsZero(group) && IsZero(total_)) group = {1, 1};  // "a million"
    if (IsZero(group) && scale <= last_scale_) return false;  // "million million"
    if (last_scale_ != 0 && scale > last_scale_) {
      if (!Add(total_, group, &total_) || !Mul(total_, {scale, 1}, &total_)) return false;
    } else {
      Rational product;
      if (!Mul(group, {scale, 1}, &product) || !Add(total_, product, &total_)) return false;
    }
    last_scale_ = scale;
    return true;
  }

  // "three quarters" multiplies the count before it; "half", "a half",
  // "two and a half" add to it.
  bool AddFraction(const std::string& value) {
    Rational f;
    if (!ParseRational(value, &f)) return false;
    const bool times = previous_ == kCount || previous_ == kLiteral;
    const bool ok = times ? Mul(low_, f, &low_) : Add(low_, f, &low_);
    previous_ = kCount;
    seen_number_ = true;
    return ok;
  }

  // "first" .. "twelfth" add like units; "hundredth", "millionth" act as
  // their scale ("one hundredth" is 100th).
  bool AddOrdinal(int64_t v) {
    bool ok = false;
    if (IsScaleValue(v)) {
      ok = ApplyScale(v);
    } else {
      ok = AddCount(v, /*is_ten=*/v >= 20 && v % 10 == 0 && v < 100);
    }
    ordinal_ = true;
    return ok;
  }

  bool IsScaleValue(int64_t v) const {
    for (const char* name : {"number_scales", "number_multipliers"}) {
      for (const auto& [key, entry] : rules_.Lex(name).entries()) {
        if (entry.value == std::to_string(v)) return true;
      }
    }
    return false;
  }

  // Scales from here up close a group; smaller ones (hundred, dozen) multiply.
  static constexpr int64_t kGroupScale = 1000;

  const rules::RuleSet& rules_;
  Rational total_, high_, low_;
  int64_t last_scale_ = 0;
  Previous previous_ = kNone;
  Previous before_filler_ = kNone;  // what a run of fillers follows
  bool seen_number_ = false;
  bool ordinal_ = false;
};

// ---------------------------------------------------------------------------
// Quantities.

bool ParseBoundValue(const std::string& text, std::optional<int64_t>* out) {
  if (text.empty() || text == "inf") {
    *out = std::nullopt;
    return true;
  }
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) return false;
  *out = v;
  return true;
}

// A qualifier maps an interval [a, b] to [lo(a), hi(b)]: "about 2,500" →
// [2250, 2750]; "about 10 to 15" → [9, 17]; "more than thousands" → [2001, ∞).
bool ApplyQualifier(const rules::LexEntry& entry, report::Quantity* q, std::string* err) {
  std::optional<int64_t> lo, hi;
  if (!EvaluateBound(entry.Field("lo", "n"), q->lo, &lo, err)) return false;
  if (q->hi) {
    if (!EvaluateBound(entry.Field("hi", "n"), *q->hi, &hi, err)) return false;
  } else {
    hi = std::nullopt;  // open above stays open above
  }
  q->lo = lo.value_or(0);
  q->hi = hi;
  if (entry.Field("point", "false") != "true") q->point = std::nullopt;
  return true;
}

bool Qualify(const std::string& qual, const rules::RuleSet& rules, report::Quantity* q,
             std::string* err) {
  const rules::LexEntry* entry = rules.Lex("qualifiers").Find(qual);
  if (entry == nullptr) {
    *err = "not a qualifier in lexicon 'qualifiers': '" + rules::NormalizeKey(qual) + "'";
    return false;
  }
  if (!ApplyQualifier(*entry, q, err)) return false;
  q->qualifier = rules::NormalizeKey(qual);
  return true;
}

bool ParseNumberGroup(const std::string& text, const rules::RuleSet& rules, int64_t* out,
                      bool* ordinal, std::string* err);

// A second bound narrows the first: "more than 10 and less than 40" is
// [11, 39]. Bounds that leave nothing ("more than 40 and less than 10") are
// two claims, not one range: the match is refused.
bool Intersect(const Groups& groups, const rules::RuleSet& rules, report::Quantity* q,
               std::string* err) {
  int64_t n = 0;
  if (!ParseNumberGroup(groups.find("num2")->second, rules, &n, nullptr, err)) return false;
  report::Quantity second{n, n, n, ""};
  if (!Qualify(groups.find("qual2")->second, rules, &second, err)) return false;
  const int64_t lo = std::max(q->lo, second.lo);
  std::optional<int64_t> hi = q->hi;
  if (!hi || (second.hi && *second.hi < *hi)) hi = second.hi;
  if (hi && lo > *hi) {
    *err = "bounds leave no value: [" + std::to_string(lo) + ", " + std::to_string(*hi) + "]";
    return false;
  }
  *q = report::Quantity{std::nullopt, lo, hi, ""};
  return true;
}

bool ParseNumberGroup(const std::string& text, const rules::RuleSet& rules, int64_t* out,
                      bool* ordinal, std::string* err) {
  auto parsed = ParseNumber(text, rules);
  if (!parsed) {
    *err = "not a whole number: '" + text + "'";
    return false;
  }
  *out = parsed->value;
  if (ordinal != nullptr) *ordinal = parsed->ordinal;
  return true;
}

// The scale word a number ends with ("3 million" → "million"), or "".
std::string TrailingScale(const std::string& text, const rules::RuleSet& rules) {
  std::vector<Token> tokens;
  if (!Tokenize(text, &tokens) || tokens.size() < 2 || tokens.back().type != Token::kWord) {
    return "";
  }
  const std::string& w = tokens.back().text;
  const bool scale = rules.Lex("number_scales").Find(w) || rules.Lex("number_suffixes").Find(w);
  return scale ? w : "";
}

bool HasScale(const std::string& text, const rules::RuleSet& rules) {
  std::vector<Token> tokens;
  if (!Tokenize(text, &tokens)) return false;
  for (const Token& t : tokens) {
    if (rules.Lex("number_scales").Find(t.text) || rules.Lex("number_suffixes").Find(t.text) ||
        rules.Lex("number_multipliers").Find(t.text)) {
      return true;
    }
  }
  return false;
}

// "2 to 3 million" means 2 million to 3 million: the lower end borrows the
// upper end's scale when it has none of its own and is no larger than the
// upper end's bare count ("500 to 1 million" keeps 500; "1.5 to 2 million"
// can only mean 1.5 million).
std::optional<ParsedNumber> RangeStart(const std::string& lo_text, const std::string& hi_text,
                                       const rules::RuleSet& rules) {
  auto plain = ParseNumber(lo_text, rules);
  const std::string scale = TrailingScale(hi_text, rules);
  if (scale.empty() || HasScale(lo_text, rules)) return plain;
  auto bare = ParseNumber(std::string_view(hi_text).substr(0, hi_text.rfind(scale)), rules);
  auto scaled = ParseNumber(lo_text + " " + scale, rules);
  if (!scaled || (plain && bare && plain->value > bare->value)) return plain;
  return scaled;
}

bool RangeQuantity(const Groups& groups, const rules::RuleSet& rules, report::Quantity* q,
                   std::string* err) {
  const std::string& lo_text = groups.find("lo")->second;
  const std::string& hi_text = groups.find("hi")->second;
  int64_t hi = 0;
  if (!ParseNumberGroup(hi_text, rules, &hi, nullptr, err)) return false;
  auto lo = RangeStart(lo_text, hi_text, rules);
  if (!lo) {
    *err = "not a whole number: '" + lo_text + "'";
    return false;
  }
  if (lo->value >= hi) {
    // "3-2" is a score and "5.00 or 5" no range: a range rises.
    *err = "range does not rise: " + std::to_string(lo->value) + " to " + std::to_string(hi);
    return false;
  }
  *q = report::Quantity{std::nullopt, lo->value, hi, ""};
  return true;
}

bool VagueQuantity(const std::string& text, const rules::RuleSet& rules, report::Quantity* q,
                   std::string* err) {
  const rules::LexEntry* entry = rules.Lex("vague_magnitudes").Find(text);
  std::optional<int64_t> lo, hi;
  if (entry == nullptr || !ParseBoundValue(entry->Field("lo"), &lo) ||
      !ParseBoundValue(entry->Field("hi"), &hi)) {
    *err = "not a vague magnitude in lexicon 'vague_magnitudes': '" + text + "'";
    return false;
  }
  *q = report::Quantity{std::nullopt, lo.value_or(0), hi, rules::NormalizeKey(text)};
  return true;
}

// The base interval before any qualifier: a fixed value, a range, a vague
// magnitude or a number, in that order of precedence.
bool BaseQuantity(const Groups& groups, const Fields& fields, const rules::RuleSet& rules,
                  report::Quantity* q, bool* ordinal, std::string* err) {
  int64_t n = 0;
  if (auto it = fields.find("value"); it != fields.end()) {
    if (!ParseNumberGroup(it->second, rules, &n, ordinal, err)) return false;
  } else if (groups.count("lo") && groups.count("hi")) {
    return RangeQuantity(groups, rules, q, err);
  } else if (auto v = groups.find("vague"); v != groups.end()) {
    return VagueQuantity(v->second, rules, q, err);
  } else if (auto f = fields.find("vague"); f != fields.end()) {
    return VagueQuantity(f->second, rules, q, err);
  } else if (auto g = groups.find("num"); g != groups.end()) {
    if (!ParseNumberGroup(g->second, rules, &n, ordinal, err)) return false;
  } else {
    *err = "number rule matched none of the groups num, lo+hi, vague (nor a 'value' field)";
    return false;
  }
  *q = report::Quantity{n, n, n, ""};
  return true;
}

}  // namespace

std::optional<ParsedNumber> ParseNumber(std::string_view text, const rules::RuleSet& rules) {
  std::vector<Token> tokens;
  if (!Tokenize(text, &tokens)) return std::nullopt;
  NumberReader reader(rules);
  for (const Token& token : tokens) {
    if (!reader.Feed(token)) return std::nullopt;
  }
  return reader.Finish();
}

bool NormalizeQuantity(const Groups& groups, const Fields& fields, const rules::RuleSet& rules,
                       report::Quantity* out, bool* ordinal, std::string* err) {
  bool is_ordinal = false;
  report::Quantity q;
  if (!BaseQuantity(groups, fields, rules, &q, &is_ordinal, err)) return false;
  // A qualifier comes from the match ("about") or, for rules whose wording
  // is the qualifier ("5,000-plus"), from the rule's fields.
  std::string qual;
  if (auto g = groups.find("qual"); g != groups.end()) {
    qual = g->second;
  } else if (auto f = fields.find("qualifier"); f != fields.end()) {
    qual = f->second;
  }
  if (!qual.empty() && !Qualify(qual, rules, &q, err)) return false;
  if (groups.count("num2") && groups.count("qual2") && !Intersect(groups, rules, &q, err)) {
    return false;
  }
  *out = q;
  if (ordinal != nullptr) *ordinal = is_ordinal;
  return true;
}

namespace {

// "floor(0.9n)" → {"floor", "0.9n"}; "n+1" → {"", "n+1"}.
bool SplitRounding(std::string_view expr, std::string_view* func, std::string_view* body) {
  const size_t open = expr.find('(');
  if (open == std::string_view::npos) {
    *func = {};
    *body = expr;
    return true;
  }
  if (expr.back() != ')') return false;
  *func = expr.substr(0, open);
  *body = expr.substr(open + 1, expr.size() - open - 2);
  return *func == "floor" || *func == "ceil";
}

// "1.1n+2", "n-1", "0.9n", "0": coefficient × n + constant.
bool EvaluateLinear(std::string_view body, int64_t n, Rational* out) {
  const size_t at = body.find('n');
  if (at == std::string_view::npos) return ParseRational(body, out);
  Rational coef{1, 1}, constant{0, 1};
  if (at > 0) {
    std::string_view c = body.substr(0, at);
    if (c.back() == '*') c.remove_suffix(1);
    if (!ParseRational(c, &coef)) return false;
  }
  if (at + 1 < body.size() && !ParseRational(body.substr(at + 1), &constant)) return false;
  return Mul(coef, {n, 1}, out) && Add(*out, constant, out);
}

int64_t FloorDiv(int64_t num, int64_t den) {
  const int64_t q = num / den;
  return (num % den != 0 && num < 0) ? q - 1 : q;
}

}  // namespace

bool EvaluateBound(std::string_view expr, int64_t n, std::optional<int64_t>* out,
                   std::string* err) {
  std::string compact;
  for (char ch : expr) {
    if (!IsSpace(static_cast<unsigned char>(ch))) compact += ch;
  }
  if (compact == "inf") {
    *out = std::nullopt;
    return true;
  }
  std::string_view func, body;
  Rational value;
  if (compact.empty() || !SplitRounding(compact, &func, &body) ||
      !EvaluateLinear(body, n, &value)) {
    *err = "bad bound expression '" + std::string(expr) +
           "' (expected n, n+1, n-1, 0, inf, floor(0.9n), ceil(1.1n))";
    return false;
  }
  if (func == "floor") {
    *out = FloorDiv(value.num, value.den);
  } else if (func == "ceil") {
    *out = -FloorDiv(-value.num, value.den);
  } else if (value.den == 1) {
    *out = value.num;
  } else {
    *err = "bound expression '" + std::string(expr) + "' is not whole for n = " +
           std::to_string(n) + "; wrap it in floor() or ceil()";
    return false;
  }
  return true;
}

}  // namespace claimcheck::normalize
