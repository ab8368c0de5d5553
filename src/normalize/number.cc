#include "normalize/number.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <charconv>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

#include "rules/rule_set.h"

// Numbers are read exactly: every value is a fraction of two 128-bit
// integers, so "1.5 million" is 3/2 × 10^6 = 1500000 and "1.1^23" is
// 11^23 / 10^23 with no floating-point rounding; only the point of a mention
// that is not whole is finally divided out as a double. The words themselves
// come from the lexicons documented in rules/README.md.

namespace claimcheck::normalize {
namespace {

// ---------------------------------------------------------------------------
// Exact rational arithmetic with overflow checks.

using Int = __int128;

struct Rational {
  Int num = 0;
  Int den = 1;  // always > 0, and gcd(num, den) == 1
};

Int Gcd(Int a, Int b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    const Int t = a % b;
    a = b;
    b = t;
  }
  return a;
}

bool MakeRational(Int num, Int den, Rational* out) {
  if (den == 0) return false;
  if (den < 0) {
    if (__builtin_mul_overflow(num, -1, &num) || __builtin_mul_overflow(den, -1, &den)) {
      return false;
    }
  }
  const Int g = Gcd(num, den);
  *out = {num / (g == 0 ? 1 : g), den / (g == 0 ? 1 : g)};
  return true;
}

bool Add(Rational a, Rational b, Rational* out) {
  // a/b + c/d = (ad + cb) / bd, reduced by the gcd of the denominators first
  // so that common cases (whole numbers, tenths) never come near overflow.
  const Int g = Gcd(a.den, b.den);
  Int left = 0, right = 0, num = 0, den = 0;
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
  const Int g1 = Gcd(a.num, b.den);
  const Int g2 = Gcd(b.num, a.den);
  const Rational x{a.num / (g1 ? g1 : 1), a.den / (g2 ? g2 : 1)};
  const Rational y{b.num / (g2 ? g2 : 1), b.den / (g1 ? g1 : 1)};
  Int num = 0, den = 0;
  if (__builtin_mul_overflow(x.num, y.num, &num) || __builtin_mul_overflow(x.den, y.den, &den)) {
    return false;
  }
  return MakeRational(num, den, out);
}

bool Div(Rational a, Rational b, Rational* out) {
  Rational inverse;
  return b.num != 0 && MakeRational(b.den, b.num, &inverse) && Mul(a, inverse, out);
}

bool IsZero(Rational r) { return r.num == 0; }
bool IsWhole(Rational r) { return r.den == 1; }
bool Less(Rational a, Rational b) {
  Rational d;
  if (!Add(a, {-b.num, b.den}, &d)) {
    return static_cast<long double>(a.num) / a.den < static_cast<long double>(b.num) / b.den;
  }
  return d.num < 0;
}

Int FloorOf(Rational r) {
  const Int q = r.num / r.den;
  return (r.num % r.den != 0 && r.num < 0) ? q - 1 : q;
}
Int CeilOf(Rational r) { return -FloorOf({-r.num, r.den}); }

bool FitsInt64(Int v) {
  return v >= std::numeric_limits<int64_t>::min() && v <= std::numeric_limits<int64_t>::max();
}

double ToDouble(Rational r) {
  return static_cast<double>(static_cast<long double>(r.num) / static_cast<long double>(r.den));
}

// base^exponent for a whole exponent; a negative one divides.
constexpr int64_t kMaxExponent = 60;
bool Power(Rational base, Int exponent, Rational* out) {
  if (exponent > kMaxExponent || exponent < -kMaxExponent) return false;
  Rational r{1, 1};
  for (Int i = 0; i < (exponent < 0 ? -exponent : exponent); ++i) {
    if (!Mul(r, base, &r)) return false;
  }
  if (exponent < 0) return Div({1, 1}, r, out);
  *out = r;
  return true;
}

bool ParseRational(std::string_view text, Rational* out);

// "1.3e6": mantissa × 10^exponent, exactly.
bool ParseScientific(std::string_view mantissa, std::string_view exponent, Rational* out) {
  Rational m, e, power;
  if (!ParseRational(mantissa, &m) || !ParseRational(exponent, &e) || !IsWhole(e) ||
      e.num > 30 || e.num < -30 || !Power({10, 1}, e.num, &power)) {
    return false;
  }
  return Mul(m, power, out);
}

// "123", "1.5", ".5", "-2", "1/2", "1.3e6": the scalar forms lexicon values,
// bound coefficients and digit tokens take.
bool ParseRational(std::string_view text, Rational* out) {
  if (const size_t slash = text.find('/'); slash != std::string_view::npos) {
    Rational num, den;
    return ParseRational(text.substr(0, slash), &num) &&
           ParseRational(text.substr(slash + 1), &den) && Div(num, den, out);
  }
  if (const size_t e = text.find_first_of("eE"); e != std::string_view::npos) {
    return ParseScientific(text.substr(0, e), text.substr(e + 1), out);
  }
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  Int num = 0, den = 1;
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

// A digit token: a plain number or fraction (ParseRational), or a power:
// "1.1^23", "2.5^-1", "1.1^--23" (signs multiply), "1.3x10^6".
bool ParseDigitToken(std::string_view text, Rational* out) {
  const size_t caret = text.find('^');
  if (caret == std::string_view::npos) return ParseRational(text, out);
  std::string_view base = text.substr(0, caret), exponent = text.substr(caret + 1);
  bool negative = false;
  while (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) {
    negative ^= exponent[0] == '-';
    exponent.remove_prefix(1);
  }
  Rational mantissa{1, 1}, b, e, power;
  if (const size_t x = base.find('x'); x != std::string_view::npos) {
    if (!ParseRational(base.substr(0, x), &mantissa)) return false;
    base = base.substr(x + 1);
  }
  if (!ParseRational(base, &b) || !ParseRational(exponent, &e) || !IsWhole(e) ||
      !Power(b, negative ? -e.num : e.num, &power)) {
    return false;
  }
  return Mul(mantissa, power, out);
}

// ---------------------------------------------------------------------------
// Tokens of a number expression.

struct Token {
  enum Type { kDigits, kWord, kSign } type;
  std::string text;       // digits: separators removed; word: as written
  bool attached = false;  // glued to the previous token ("10k", "3rd", "2½")
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

// The minus sign U+2212, which typeset figures use instead of a hyphen.
constexpr std::string_view kMinusSign = "\xE2\x88\x92";
// The multiplication sign U+00D7 of "1.3×10^6".
constexpr std::string_view kTimesSign = "\xC3\x97";

bool IsDigitAt(std::string_view s, size_t i) {
  return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]));
}

// A thousands separator stands before exactly three digits: "5,200" is one
// number, "4000 3" and "1, 234" are not.
bool GroupFollows(std::string_view s, size_t i) {
  return IsDigitAt(s, i) && IsDigitAt(s, i + 1) && IsDigitAt(s, i + 2) && !IsDigitAt(s, i + 3);
}

// Indian grouping puts pairs before the last three digits: "12,34,567".
bool PairGroupFollows(std::string_view s, size_t i) {
  if (!IsDigitAt(s, i) || !IsDigitAt(s, i + 1) || i + 2 >= s.size() || s[i + 2] != ',') {
    return false;
  }
  return GroupFollows(s, i + 3) || PairGroupFollows(s, i + 3);
}

bool ExponentFollows(std::string_view s, size_t i) {
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  return IsDigitAt(s, i);
}

// "^23", "^-1", "^--23": a power's exponent may carry several signs.
size_t PowerLength(std::string_view s, size_t i) {
  if (i >= s.size() || s[i] != '^') return 0;
  size_t j = i + 1;
  while (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
  return IsDigitAt(s, j) ? j - i : 0;
}

// "x10^6", "×10^-4": scientific notation written as a product.
size_t TimesTenLength(std::string_view s, size_t i) {
  size_t sign = 0;
  if (i < s.size() && (s[i] == 'x' || s[i] == 'X')) {
    sign = 1;
  } else if (s.substr(i, kTimesSign.size()) == kTimesSign) {
    sign = kTimesSign.size();
  } else {
    return 0;
  }
  const size_t ten = i + sign;
  if (s.substr(ten, 2) != "10" || PowerLength(s, ten + 2) == 0) return 0;
  return sign;
}

// A digit run with its separators: "5,200", "1 234 567", "1.5", "3/4",
// "1.1^23", "1.3x10^6". Separators are dropped; the decimal point is kept.
size_t ReadDigits(std::string_view s, size_t i, std::string* out) {
  bool after_slash = false;
  while (i < s.size()) {
    if (IsDigitAt(s, i)) {
      *out += s[i++];
    } else if (s[i] == '.' && IsDigitAt(s, i + 1)) {
      *out += s[i++];
    } else if (s[i] == '/' && IsDigitAt(s, i + 1) && !after_slash) {
      *out += s[i++];  // "3/4"
      after_slash = true;
    } else if ((s[i] == 'e' || s[i] == 'E') && ExponentFollows(s, i + 1)) {
      *out += s[i++];  // scientific notation: "1.3e6", "12.32e+14"
      if (s[i] == '+' || s[i] == '-') *out += s[i++];
    } else if (const size_t p = PowerLength(s, i); p > 0) {
      out->append(s.substr(i, p));  // "1.1^23"
      i += p;
    } else if (const size_t x = TimesTenLength(s, i); x > 0) {
      *out += 'x';  // "1.3x10^6"
      i += x;
    } else if (const size_t sep = s[i] == ',' ? 1 : GroupSpaceLength(s, i);
               sep > 0 && (GroupFollows(s, i + sep) || (sep == 1 && PairGroupFollows(s, i + 1)))) {
      i += sep;
    } else {
      break;
    }
  }
  return i;
}

size_t Utf8Length(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

bool Tokenize(std::string_view s, const rules::RuleSet& rules, std::vector<Token>* out) {
  size_t i = 0;
  bool glued = false;  // no separator since the previous token
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (std::isdigit(c) || (c == '.' && IsDigitAt(s, i + 1))) {
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
    } else if (out->empty() && (c == '-' || s.substr(i, kMinusSign.size()) == kMinusSign)) {
      out->push_back({Token::kSign, "-", false});  // "-5", "- 1 4/5"
      i += c == '-' ? 1 : kMinusSign.size();
      glued = false;
    } else if (c >= 0x80 &&
               rules.Lex("number_fraction_signs").Find(s.substr(i, Utf8Length(c))) != nullptr) {
      // "½", "2¾": a fraction sign reads as a fraction word.
      out->push_back({Token::kWord, std::string(s.substr(i, Utf8Length(c))), glued && !out->empty()});
      i += Utf8Length(c);
      glued = true;
    } else if (IsSpace(c) || c == '-' || c == ',' || GroupSpaceLength(s, i) > 0) {
      // Word separators: "fifty-two", "fifty - two", "one million, two hundred".
      i += std::max<size_t>(1, GroupSpaceLength(s, i));
      glued = false;
    } else if (out->empty() && c != '+') {
      i += c >= 0x80 ? Utf8Length(c) : 1;  // a leading symbol such as a currency sign: "$5m"
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
// `total` the closed groups. A fraction word multiplies the whole count
// before it ("one hundred thirty two fifths" = 132/5) unless an "and" makes
// a mixed number of a proper fraction ("two hundred and fifty-four
// hundredths" = 200.54); after an article it is that fraction ("a half").
// After a decimal-point word, count words are digits ("point zero three").

// Roles of the number_fillers entries: "+" joins parts ("and"), "1" is an
// article that counts one ("a", "an"); other fillers add nothing ("of").
constexpr std::string_view kJoinFiller = "+";
constexpr std::string_view kArticleFiller = "1";

class NumberReader {
 public:
  explicit NumberReader(const rules::RuleSet& rules) : rules_(rules) {}

  bool Feed(const Token& token) {
    if (ordinal_ || token.type == Token::kSign) return false;  // nothing follows an ordinal
    bool ok = false;
    if (decimal_) {
      ok = token.type == Token::kWord && FeedDecimal(token.text);
    } else {
      ok = token.type == Token::kDigits ? FeedDigits(token) : FeedWord(token);
    }
    if (token.type == Token::kDigits) previous_ = kLiteral;
    return ok;
  }

  // An ordinal known by its value: the last word of "one hundred fifth(s)".
  bool FeedOrdinal(int64_t v) { return !decimal_ && AddOrdinal(v); }

  std::optional<Rational> Finish(bool* ordinal) const {
    if (joined_) return std::nullopt;  // "two and three" is two numbers
    Rational value, rest = low_;
    if (decimal_ && !AddDecimals(&rest)) return std::nullopt;
    // A trailing fraction after a closed group is a fraction of its scale:
    // "a million and a half", "five billion and three quarters".
    if (IsZero(high_) && last_scale_ != 0 && rest.num > 0 && rest.num < rest.den &&
        !Mul(rest, {last_scale_, 1}, &rest)) {
      return std::nullopt;
    }
    if (!seen_number_ || !Add(total_, high_, &value) || !Add(value, rest, &value)) {
      return std::nullopt;
    }
    if (ordinal != nullptr) *ordinal = ordinal_;
    return value;
  }

 private:
  enum Previous { kNone, kLiteral, kCount, kFiller, kScale };

  bool FeedDigits(const Token& token) {
    Rational r;
    if (!ParseDigitToken(token.text, &r)) return false;
    if (!IsZero(low_) || joined_) {
      // A mixed number: "2 1/4", a proper fraction after a whole literal.
      const bool mixed = previous_ == kLiteral && IsWhole(low_) && low_.num > 0 && r.num > 0 &&
                         r.num < r.den;
      return mixed && Add(low_, r, &low_);
    }
    if (previous_ == kFiller && !filler_joins_ && before_filler_ != kNone) return false;
    low_ = r;
    seen_number_ = true;
    return true;
  }

  bool FeedWord(const Token& token) {
    const std::string& w = token.text;
    if (rules_.Lex("decimal_points").Find(w)) return StartDecimal();
    if (auto v = rules_.Lex("number_units").Int(w)) return AddCount(*v, /*is_ten=*/false);
    if (auto v = rules_.Lex("number_teens").Int(w)) return AddCount(*v, /*is_ten=*/false);
    if (auto v = rules_.Lex("number_tens").Int(w)) return AddCount(*v, /*is_ten=*/true);
    if (auto v = ScaleValue(w, token.attached)) return ApplyScale(*v);
    if (auto v = rules_.Lex("ordinal_words").Int(w);
        v && !AfterArticle() && (ReadsAsOrdinal() || IsScaleValue(*v))) {
      return AddOrdinal(*v);
    }
    if (const auto* e = rules_.Lex("number_fraction_signs").Find(w)) return AddSign(e->value);
    if (const auto* e = rules_.Lex("number_fractions").Find(w)) return AddFraction(e->value);
    if (auto v = rules_.Lex("ordinal_words").Int(w)) return AddOrdinal(*v);
    if (token.attached && previous_ == kLiteral && rules_.Lex("ordinal_suffixes").Find(w)) {
      ordinal_ = true;
      return IsWhole(low_) && low_.num >= 0;  // "3rd" yes, "3.5th" no
    }
    if (const auto* e = rules_.Lex("number_fillers").Find(w)) return AddFiller(e->value);
    return false;
  }

  // "½", "2½", "3 ¾": a fraction sign is a value of its own, added to a
  // whole literal before it.
  bool AddSign(const std::string& value) {
    Rational f;
    if (!ParseRational(value, &f)) return false;
    if (previous_ != kNone && !(previous_ == kLiteral && IsWhole(low_))) return false;
    previous_ = kCount;
    seen_number_ = true;
    return Add(low_, f, &low_);
  }

  bool AddFiller(const std::string& role) {
    if (previous_ != kFiller) {
      before_filler_ = previous_;
      filler_joins_ = false;
    }
    if (role == kJoinFiller) {
      filler_joins_ = true;
      // "twenty and three fifths": the count before "and" waits to see
      // whether a fraction follows (a mixed number) or nothing does (two
      // numbers). After a scale, "and" is part of the number.
      if (previous_ == kCount || previous_ == kLiteral) {
        if (!Add(join_base_, low_, &join_base_)) return false;
        low_ = {};
        joined_ = true;
      } else if (previous_ == kScale) {
        and_after_scale_ = true;
      }
    }
    previous_ = kFiller;
    return true;
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

  // Right after an article and nothing else: "a third", "a hundredth" are
  // fractions.
  bool AfterArticle() const { return previous_ == kFiller && before_filler_ == kNone; }

  // "third" is an ordinal at the start, after a scale or after a ten ("the
  // third", "hundred and third", "twenty-third"), and a fraction after a
  // count or an article ("one third", "a third"). Scale ordinals are always
  // ordinals ("two hundredth") except after a bare article ("a hundredth");
  // their fractions are plural ("two hundredths").
  bool ReadsAsOrdinal() const {
    if (previous_ == kFiller) return before_filler_ == kScale;
    if (previous_ == kNone || previous_ == kScale) return true;
    return previous_ == kCount && IsTen(low_);
  }

  static bool IsTen(Rational r) {
    return r.den == 1 && r.num >= 20 && r.num < 100 && r.num % 10 == 0;
  }

  // Units and tens combine only as English writes them: a unit after a ten
  // ("fifty-two"), never two units ("one one") or a ten after a ten. After
  // fillers a count needs a joining one ("hundred and five", not "two of
  // three").
  bool AddCount(int64_t v, bool is_ten) {
    if (previous_ == kLiteral || previous_ == kCount) {
      if (is_ten || !IsTen(low_) || v >= 10 || v == 0) return false;
    }
    if (previous_ == kFiller && !filler_joins_ && before_filler_ != kNone) return false;
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
  // A multiplier no smaller than the last one inside a group starts another
  // number: "3 hundred and 2 hundred" are two.
  bool ApplyMultiplier(int64_t scale) {
    if (last_multiplier_ != 0 && scale >= last_multiplier_) return false;
    if (joined_) return false;
    Rational count = IsZero(low_) ? Rational{1, 1} : low_;
    Rational product;
    if (!Mul(count, {scale, 1}, &product) || !Add(high_, product, &high_)) return false;
    low_ = {};
    last_multiplier_ = scale;
    and_after_scale_ = false;
    return true;
  }

  // "two thousand", "1.5 million"; a larger scale after a closed group
  // multiplies it ("three lakh crore", "one thousand two hundred million").
  bool CloseGroup(int64_t scale) {
    if (joined_) return false;
    Rational group;
    if (!Add(high_, low_, &group)) return false;
    high_ = low_ = {};
    last_multiplier_ = 0;
    and_after_scale_ = false;
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

  // "half", "a half", "two and a half" add the fraction; after a count it
  // multiplies: the count after an "and" when that makes a proper fraction
  // (a mixed number: "one hundred and three quarters"), else the whole count
  // ("three quarters", "one hundred and thirty fifths" = 130/5).
  bool AddFraction(const std::string& value) {
    Rational f;
    if (!ParseRational(value, &f)) return false;
    bool ok = true;
    if (previous_ == kFiller || previous_ == kNone) {
      ok = Add(low_, f, &low_) && Add(low_, join_base_, &low_);
    } else {
      Rational part;
      ok = Mul(low_, f, &part);
      if (ok && (joined_ || and_after_scale_) && part.num < part.den) {
        ok = Add(join_base_, part, &low_);
      } else if (ok) {
        Rational whole;
        ok = Add(total_, high_, &whole) && Add(whole, join_base_, &whole) &&
             Add(whole, low_, &whole) && Mul(whole, f, &low_);
        total_ = high_ = {};
        last_scale_ = last_multiplier_ = 0;
      }
    }
    join_base_ = {};
    joined_ = and_after_scale_ = false;
    previous_ = kCount;
    seen_number_ = true;
    return ok;
  }

  // "first" .. "twelfth" add like units; "hundredth", "millionth" act as
  // their scale ("one hundredth" is 100th).
  bool AddOrdinal(int64_t v) {
    if (AfterArticle()) return false;  // "a second attack": the ordinal is "second"
    bool ok = false;
    if (IsScaleValue(v)) {
      ok = ApplyScale(v);
    } else {
      ok = AddCount(v, /*is_ten=*/v >= 20 && v % 10 == 0 && v < 100);
    }
    ordinal_ = true;
    return ok && !joined_;
  }

  bool IsScaleValue(int64_t v) const {
    for (const char* name : {"number_scales", "number_multipliers"}) {
      for (const auto& [key, entry] : rules_.Lex(name).entries()) {
        if (entry.value == std::to_string(v)) return true;
      }
    }
    return false;
  }

  // "two hundred point zero three", "nought point eleven": after the point,
  // each count word gives its digits ("seventy-one" → 71).
  bool StartDecimal() {
    if (!seen_number_ || previous_ == kFiller || joined_ || !IsWhole(low_)) return false;
    decimal_ = true;
    return true;
  }

  bool FeedDecimal(const std::string& w) {
    if (auto v = rules_.Lex("number_units").Int(w)) {
      if (pending_ten_ != 0 && *v == 0) return false;
      digits_ += std::to_string(pending_ten_ + *v);
      pending_ten_ = 0;
      return true;
    }
    FlushTen();
    if (auto v = rules_.Lex("number_teens").Int(w)) {
      digits_ += std::to_string(*v);
      return true;
    }
    if (auto v = rules_.Lex("number_tens").Int(w)) {
      pending_ten_ = *v;
      return true;
    }
    if (auto v = rules_.Lex("number_scales").Int(w)) {  // "two point five million"
      if (!AddDecimals(&low_)) return false;
      decimal_ = false;
      digits_.clear();
      return ApplyScale(*v);
    }
    return false;
  }

  void FlushTen() {
    if (pending_ten_ != 0) digits_ += std::to_string(pending_ten_);
    pending_ten_ = 0;
  }

  bool AddDecimals(Rational* to) const {
    std::string digits = digits_;
    if (pending_ten_ != 0) digits += std::to_string(pending_ten_);
    Rational r;
    return !digits.empty() && digits.size() <= 30 && ParseRational("." + digits, &r) &&
           Add(*to, r, to);
  }

  // Scales from here up close a group; smaller ones (hundred, dozen) multiply.
  static constexpr int64_t kGroupScale = 1000;

  const rules::RuleSet& rules_;
  Rational total_, high_, low_;
  Rational join_base_;          // counts before a pending "and" ("twenty and ...")
  bool joined_ = false;         // an "and" after a count awaits a fraction
  bool and_after_scale_ = false;  // "hundred and ...": a proper fraction adds
  int64_t last_scale_ = 0;
  int64_t last_multiplier_ = 0;
  Previous previous_ = kNone;
  Previous before_filler_ = kNone;  // what a run of fillers follows
  bool filler_joins_ = false;       // the current run of fillers holds "and"
  bool seen_number_ = false;
  bool ordinal_ = false;
  bool decimal_ = false;
  std::string digits_;      // after the decimal point
  int64_t pending_ten_ = 0;  // "point seventy" waits for "-one"
};

// ---------------------------------------------------------------------------
// Whole expressions: sign, compound denominators, then the reader.

bool IsArticle(const Token& t, const rules::RuleSet& rules) {
  const auto* e = t.type == Token::kWord ? rules.Lex("number_fillers").Find(t.text) : nullptr;
  return e != nullptr && e->value == kArticleFiller;
}

bool IsUnitOrTeen(const Token& t, const rules::RuleSet& rules) {
  if (t.type == Token::kDigits) return true;
  return rules.Lex("number_units").Find(t.text) || rules.Lex("number_teens").Find(t.text);
}

std::optional<Rational> ReadTokens(const std::vector<Token>& tokens, size_t from, size_t to,
                                   const rules::RuleSet& rules, bool* ordinal,
                                   std::optional<int64_t> final_ordinal = std::nullopt) {
  NumberReader reader(rules);
  for (size_t i = from; i < to; ++i) {
    if (!reader.Feed(tokens[i])) return std::nullopt;
  }
  if (final_ordinal && !reader.FeedOrdinal(*final_ordinal)) return std::nullopt;
  return reader.Finish(ordinal);
}

// A fraction whose denominator is a compound ordinal: "one twenty-fifth"
// (1/25), "three twenty-firsts", "one hundred thirty-fifths" (100/35), "one
// one hundred fifth" (1/105). The denominator starts with a ten right before
// a unit fraction word, or with a unit; it is split off when the count before
// it cannot take it ("one twenty", "one one") or, for a plural fraction word
// and a ten, whenever a count or an article stands before it.
std::optional<Rational> CompoundFraction(const std::vector<Token>& tokens,
                                         const rules::RuleSet& rules) {
  const size_t n = tokens.size();
  if (n < 3 || tokens.back().type != Token::kWord) return std::nullopt;
  const std::string& last = tokens.back().text;
  int64_t d = 0;
  const auto* fraction = rules.Lex("number_fractions").Find(last);
  Rational f;
  if (fraction != nullptr && ParseRational(fraction->value, &f) && f.num == 1 && IsWhole({f.den, 1})) {
    d = static_cast<int64_t>(f.den);
  } else if (auto v = rules.Lex("ordinal_words").Int(last)) {
    d = *v;
  } else {
    return std::nullopt;
  }
  const bool plural = rules.Lex("ordinal_words").Find(last) == nullptr;
  for (size_t i = 1; i + 1 < n; ++i) {
    const Token& head = tokens[i];
    if (head.type != Token::kWord) continue;
    const auto ten = rules.Lex("number_tens").Int(head.text);
    const auto unit = rules.Lex("number_units").Int(head.text);
    if (!ten && !(unit && *unit > 0)) continue;
    const bool article = i == 1 && IsArticle(tokens[0], rules);
    const bool blocked = IsUnitOrTeen(tokens[i - 1], rules);  // "one twenty", "one one"
    if (tokens[i - 1].type == Token::kWord && rules.Lex("number_fillers").Find(tokens[i - 1].text) &&
        !article) {
      continue;
    }
    std::optional<Rational> den;
    if (ten) {
      if (i + 2 != n || d < 1 || d > 9 || !(plural || blocked || article)) continue;
      den = Rational{*ten + d, 1};
    } else {
      if (!blocked) continue;
      den = ReadTokens(tokens, i, n - 1, rules, nullptr, d);
    }
    bool ordinal = false;
    std::optional<Rational> num = article ? Rational{1, 1} : ReadTokens(tokens, 0, i, rules, &ordinal);
    Rational out;
    if (!den || !num || ordinal || IsZero(*den) || !Div(*num, *den, &out)) return std::nullopt;
    return out;
  }
  return std::nullopt;
}

std::optional<Rational> ParseExact(std::string_view text, const rules::RuleSet& rules,
                                   bool* ordinal) {
  std::vector<Token> tokens;
  if (!Tokenize(text, rules, &tokens)) return std::nullopt;
  // A leading sign: "-5", "minus five", "negative one".
  Int sign = 1;
  if (tokens.front().type == Token::kSign) {
    sign = -1;
  } else if (auto v = rules.Lex("number_signs").Int(tokens.front().text);
             v && tokens.front().type == Token::kWord) {
    sign = *v < 0 ? -1 : 1;
  }
  if (sign < 0 || rules.Lex("number_signs").Find(tokens.front().text)) {
    tokens.erase(tokens.begin());
    if (tokens.empty()) return std::nullopt;
    if (!tokens.empty()) tokens.front().attached = false;
  }
  *ordinal = false;
  std::optional<Rational> value = CompoundFraction(tokens, rules);
  if (!value) value = ReadTokens(tokens, 0, tokens.size(), rules, ordinal);
  if (!value) return std::nullopt;
  if (sign < 0 && *ordinal) return std::nullopt;  // no negative ordinals
  value->num *= sign;
  return value;
}

// ---------------------------------------------------------------------------
// Quantities.
//
// A base value is an interval of rationals [a, b] (b unset: open above) with
// an optional point. Whole bounds are the whole numbers it admits: a range
// [2.5, 4.5] is [3, 4]; an interval that admits none (a single value 2.5)
// takes the whole numbers around it, [2, 3].

struct Base {
  Rational lo;
  std::optional<Rational> hi;
  std::optional<Rational> point;
  std::string qualifier;
  bool vague = false;  // a vague magnitude ("thousands")
};

bool ToInt64(Int v, int64_t* out, std::string* err) {
  if (!FitsInt64(v)) {
    *err = "number out of range";
    return false;
  }
  *out = static_cast<int64_t>(v);
  return true;
}

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
bool EvaluateLinear(std::string_view body, Rational n, Rational* out, Rational* constant) {
  *constant = {};
  const size_t at = body.find('n');
  if (at == std::string_view::npos) return ParseRational(body, out);
  Rational coef{1, 1};
  if (at > 0) {
    std::string_view c = body.substr(0, at);
    if (c.back() == '*') c.remove_suffix(1);
    if (!ParseRational(c, &coef)) return false;
  }
  if (at + 1 < body.size() && !ParseRational(body.substr(at + 1), constant)) return false;
  return Mul(coef, n, out) && Add(*out, *constant, out);
}

// Evaluates a bound expression at a rational n. For a whole n this is exact
// integer arithmetic; for an n that is not whole, a bound without floor/ceil
// keeps the whole numbers it admits — lower bounds round up, upper bounds
// down, and the ±1 of a strict bound ("n+1" for "more than") is absorbed by
// the rounding: "more than 2.5" and "at least 2.5" both start at 3.
bool EvaluateBoundAt(std::string_view expr, Rational n, bool upper, std::optional<int64_t>* out,
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
  Rational value, constant;
  if (compact.empty() || !SplitRounding(compact, &func, &body) ||
      !EvaluateLinear(body, n, &value, &constant)) {
    *err = "bad bound expression '" + std::string(expr) +
           "' (expected n, n+1, n-1, 0, inf, floor(0.9n), ceil(1.1n))";
    return false;
  }
  Int result = 0;
  if (func == "floor") {
    result = FloorOf(value);
  } else if (func == "ceil") {
    result = CeilOf(value);
  } else if (IsWhole(value)) {
    result = value.num;
  } else if (!IsWhole(n)) {
    result = upper ? FloorOf(value) + (constant.num < 0 ? 1 : 0)
                   : CeilOf(value) - (constant.num > 0 ? 1 : 0);
  } else {
    *err = "bound expression '" + std::string(expr) + "' is not whole for n = " +
           std::to_string(static_cast<int64_t>(n.num)) + "; wrap it in floor() or ceil()";
    return false;
  }
  int64_t v = 0;
  if (!ToInt64(result, &v, err)) return false;
  *out = v;
  return true;
}

// A qualifier maps an interval [a, b] to [lo(a), hi(b)]: "about 2,500" →
// [2250, 2750]; "about 10 to 15" → [9, 17]; "more than thousands" → [2001, ∞).
bool ApplyQualifier(const rules::LexEntry& entry, const Base& base, model::Quantity* q,
                    std::string* err) {
  std::optional<int64_t> lo, hi;
  if (!EvaluateBoundAt(entry.Field("lo", "n"), base.lo, /*upper=*/false, &lo, err)) return false;
  if (base.hi) {
    if (!EvaluateBoundAt(entry.Field("hi", "n"), *base.hi, /*upper=*/true, &hi, err)) return false;
  }
  q->lo = lo.value_or(0);
  q->hi = hi;
  if (q->hi && q->lo > *q->hi) {
    // Bounds that admit no whole number around a value that is not whole
    // ("nearly 2.5") widen to the whole numbers around it.
    if (IsWhole(base.lo) && (!base.hi || IsWhole(*base.hi))) {
      *err = "bounds leave no value: [" + std::to_string(q->lo) + ", " + std::to_string(*q->hi) + "]";
      return false;
    }
    int64_t a = 0, b = 0;
    if (!ToInt64(FloorOf(base.lo), &a, err) || !ToInt64(CeilOf(*base.hi), &b, err)) return false;
    q->lo = std::min(q->lo, a);
    q->hi = std::max(*q->hi, b);
  }
  q->point = std::nullopt;
  if (entry.Field("point", "false") == "true" && base.point) q->point = ToDouble(*base.point);
  return true;
}

// The whole numbers an unqualified base admits, or the ones around it.
bool WholeBounds(const Base& base, model::Quantity* q, std::string* err) {
  Int lo = CeilOf(base.lo);
  std::optional<Int> hi;
  if (base.hi) hi = FloorOf(*base.hi);
  if (hi && lo > *hi) {
    lo = FloorOf(base.lo);
    hi = CeilOf(*base.hi);
  }
  if (!ToInt64(lo, &q->lo, err)) return false;
  q->hi = std::nullopt;
  if (hi) {
    int64_t h = 0;
    if (!ToInt64(*hi, &h, err)) return false;
    q->hi = h;
  }
  q->point = std::nullopt;
  if (base.point) q->point = ToDouble(*base.point);
  q->qualifier = base.qualifier;
  return true;
}

bool Qualify(const std::string& qual, const rules::RuleSet& rules, const Base& base,
             model::Quantity* q, std::string* err) {
  const rules::LexEntry* entry = rules.Lex("qualifiers").Find(qual);
  if (entry == nullptr) {
    *err = "not a qualifier in lexicon 'qualifiers': '" + rules::NormalizeKey(qual) + "'";
    return false;
  }
  if (!ApplyQualifier(*entry, base, q, err)) return false;
  q->qualifier = rules::NormalizeKey(qual);
  return true;
}

bool ParseValueGroup(const std::string& text, const rules::RuleSet& rules, Rational* out,
                     bool* ordinal, std::string* err) {
  bool is_ordinal = false;
  auto parsed = ParseExact(text, rules, &is_ordinal);
  if (!parsed) {
    *err = "not a number: '" + text + "'";
    return false;
  }
  *out = *parsed;
  if (ordinal != nullptr) *ordinal = is_ordinal;
  return true;
}

// A second bound narrows the first: "more than 10 and less than 40" is
// [11, 39]. Bounds that leave nothing ("more than 40 and less than 10") are
// two claims, not one range: the match is refused.
bool Intersect(const Groups& groups, const rules::RuleSet& rules, model::Quantity* q,
               std::string* err) {
  Rational n;
  if (!ParseValueGroup(groups.find("num2")->second, rules, &n, nullptr, err)) return false;
  model::Quantity second;
  if (!Qualify(groups.find("qual2")->second, rules, Base{n, n, n, ""}, &second, err)) return false;
  const int64_t lo = std::max(q->lo, second.lo);
  std::optional<int64_t> hi = q->hi;
  if (!hi || (second.hi && *second.hi < *hi)) hi = second.hi;
  if (hi && lo > *hi) {
    *err = "bounds leave no value: [" + std::to_string(lo) + ", " + std::to_string(*hi) + "]";
    return false;
  }
  *q = model::Quantity{std::nullopt, lo, hi, ""};
  return true;
}

// The scale word a number ends with ("3 million" → "million"), or "".
std::string TrailingScale(const std::string& text, const rules::RuleSet& rules) {
  std::vector<Token> tokens;
  if (!Tokenize(text, rules, &tokens) || tokens.size() < 2 || tokens.back().type != Token::kWord) {
    return "";
  }
  const std::string& w = tokens.back().text;
  const bool scale = rules.Lex("number_scales").Find(w) || rules.Lex("number_suffixes").Find(w);
  return scale ? w : "";
}

bool HasScale(const std::string& text, const rules::RuleSet& rules) {
  std::vector<Token> tokens;
  if (!Tokenize(text, rules, &tokens)) return false;
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
std::optional<Rational> RangeStart(const std::string& lo_text, const std::string& hi_text,
                                   const rules::RuleSet& rules) {
  bool ordinal = false;
  auto plain = ParseExact(lo_text, rules, &ordinal);
  const std::string scale = TrailingScale(hi_text, rules);
  if (scale.empty() || HasScale(lo_text, rules)) return plain;
  auto bare = ParseExact(std::string_view(hi_text).substr(0, hi_text.rfind(scale)), rules, &ordinal);
  auto scaled = ParseExact(lo_text + " " + scale, rules, &ordinal);
  if (!scaled || (plain && bare && Less(*bare, *plain))) return plain;
  return scaled;
}

std::string Describe(Rational r) { return model::FormatNumber(ToDouble(r)); }

bool RangeBase(const Groups& groups, const rules::RuleSet& rules, Base* base, std::string* err) {
  const std::string& lo_text = groups.find("lo")->second;
  const std::string& hi_text = groups.find("hi")->second;
  Rational hi;
  if (!ParseValueGroup(hi_text, rules, &hi, nullptr, err)) return false;
  auto lo = RangeStart(lo_text, hi_text, rules);
  if (!lo) {
    *err = "not a number: '" + lo_text + "'";
    return false;
  }
  if (!Less(*lo, hi)) {
    // "3-2" is a score and "5.00 or 5" no range: a range rises.
    *err = "range does not rise: " + Describe(*lo) + " to " + Describe(hi);
    return false;
  }
  *base = Base{*lo, hi, std::nullopt, ""};
  return true;
}

bool VagueBase(const std::string& text, const rules::RuleSet& rules, Base* base,
               std::string* err) {
  const rules::LexEntry* entry = rules.Lex("vague_magnitudes").Find(text);
  std::optional<int64_t> lo, hi;
  if (entry == nullptr || !ParseBoundValue(entry->Field("lo"), &lo) ||
      !ParseBoundValue(entry->Field("hi"), &hi)) {
    *err = "not a vague magnitude in lexicon 'vague_magnitudes': '" + text + "'";
    return false;
  }
  *base = Base{{lo.value_or(0), 1}, std::nullopt, std::nullopt, rules::NormalizeKey(text)};
  if (hi) base->hi = Rational{*hi, 1};
  base->vague = true;
  return true;
}

// "1 in 5", "one over three": num / den; a part of a whole (field proper =
// "true": "1 in 5", "two out of five hundred") is below 1, else the words
// are two numbers ("12 out of 10").
bool FractionValue(const Groups& groups, const Fields& fields, const rules::RuleSet& rules,
                   Rational* value, std::string* err) {
  Rational den;
  if (!ParseValueGroup(groups.find("den")->second, rules, &den, nullptr, err)) return false;
  if (IsZero(den) || !Div(*value, den, value)) {
    *err = "no fraction: '" + groups.find("den")->second + "'";
    return false;
  }
  const Int magnitude = value->num < 0 ? -value->num : value->num;
  if (rules::FieldIs(fields, "proper") && magnitude >= value->den) {
    *err = "not a part of a whole: " + Describe(*value);
    return false;
  }
  return true;
}

// "2 to the power of 3": num ^ exp for a whole exponent.
bool PowerValue(const Groups& groups, const rules::RuleSet& rules, Rational* value,
                std::string* err) {
  Rational exponent;
  if (!ParseValueGroup(groups.find("exp")->second, rules, &exponent, nullptr, err)) return false;
  if (!IsWhole(exponent) || !Power(*value, exponent.num, value)) {
    *err = "no power: '" + groups.find("exp")->second + "'";
    return false;
  }
  return true;
}

// The base interval before any qualifier: a fixed value, a range, a vague
// magnitude or a number, in that order of precedence.
bool BaseValue(const Groups& groups, const Fields& fields, const rules::RuleSet& rules,
               Base* base, bool* ordinal, std::string* err) {
  Rational n;
  if (auto it = fields.find("value"); it != fields.end()) {
    if (!ParseValueGroup(it->second, rules, &n, ordinal, err)) return false;
  } else if (groups.count("lo") && groups.count("hi")) {
    return RangeBase(groups, rules, base, err);
  } else if (auto v = groups.find("vague"); v != groups.end()) {
    return VagueBase(v->second, rules, base, err);
  } else if (auto f = fields.find("vague"); f != fields.end()) {
    return VagueBase(f->second, rules, base, err);
  } else if (auto g = groups.find("num"); g != groups.end()) {
    if (!ParseValueGroup(g->second, rules, &n, ordinal, err)) return false;
    if (groups.count("den") && !FractionValue(groups, fields, rules, &n, err)) return false;
    if (groups.count("exp") && !PowerValue(groups, rules, &n, err)) return false;
  } else {
    *err = "number rule matched none of the groups num, lo+hi, vague (nor a 'value' field)";
    return false;
  }
  *base = Base{n, n, n, ""};
  return true;
}

}  // namespace

std::optional<ParsedValue> ParseValue(std::string_view text, const rules::RuleSet& rules) {
  bool ordinal = false;
  auto value = ParseExact(text, rules, &ordinal);
  if (!value) return std::nullopt;
  const Int lo = FloorOf(*value), hi = CeilOf(*value);
  if (!FitsInt64(lo) || !FitsInt64(hi)) return std::nullopt;
  return ParsedValue{ToDouble(*value), static_cast<int64_t>(lo), static_cast<int64_t>(hi), ordinal};
}

std::optional<ParsedNumber> ParseNumber(std::string_view text, const rules::RuleSet& rules) {
  bool ordinal = false;
  auto value = ParseExact(text, rules, &ordinal);
  if (!value || !IsWhole(*value) || value->num < 0 || !FitsInt64(value->num)) return std::nullopt;
  return ParsedNumber{static_cast<int64_t>(value->num), ordinal};
}

namespace {

// A unit as written ("per cent", "US$ ") → canonical ("percent", "USD"): lexicon
// `units`, else the text itself, trimmed; "" for blanks.
std::string CanonicalUnit(std::string_view text, const rules::RuleSet& rules) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  if (text.empty()) return "";
  for (const char* lexicon : {"units", "unit_abbreviations"}) {
    if (auto unit = rules.Lex(lexicon).Value(text)) return *unit;
  }
  return std::string(text);
}

// Field decimal_comma = "true": the match writes a decimal comma ("1.111,11",
// "1,3"); its `num` is read with the separators swapped ("1111.11", "1.3").
Groups WithDecimalPoint(const Groups& groups) {
  Groups out = groups;
  auto num = out.find("num");
  if (num == out.end()) return out;
  std::string swapped;
  for (char c : num->second) {
    if (c == ',') {
      swapped += '.';
    } else if (c != '.') {
      swapped += c;
    }
  }
  num->second = swapped;
  return out;
}

}  // namespace

bool NormalizeQuantity(const Groups& match_groups, const Fields& fields,
                       const rules::RuleSet& rules, model::Quantity* out, bool* ordinal,
                       std::string* err) {
  Groups swapped;
  const Groups* read = &match_groups;
  if (rules::FieldIs(fields, "decimal_comma")) {
    swapped = WithDecimalPoint(match_groups);
    read = &swapped;
  }
  const Groups& groups = *read;
  // A range whose lower end names a unit its upper end does not name is a change, not a range:
  // "fell 0.3 percentage points to 4.1%", "rose 15 percent to 2.3 million" (rules/README.md,
  // "Units").
  if (auto lo_unit = groups.find("unit_lo"); lo_unit != groups.end()) {
    auto hi_unit = groups.find("unit");
    if (hi_unit == groups.end() ||
        CanonicalUnit(lo_unit->second, rules) != CanonicalUnit(hi_unit->second, rules)) {
      *err = "the ends of the range name different units";
      return false;
    }
  }
  bool is_ordinal = false;
  Base base;
  if (!BaseValue(groups, fields, rules, &base, &is_ordinal, err)) return false;
  // A qualifier comes from the match ("about") or, for rules whose wording
  // is the qualifier ("5,000-plus"), from the rule's fields.
  std::string qual;
  if (auto g = groups.find("qual"); g != groups.end()) {
    qual = g->second;
  } else if (auto f = fields.find("qualifier"); f != fields.end()) {
    qual = f->second;
  }
  model::Quantity q;
  if (!qual.empty()) {
    if (!Qualify(qual, rules, base, &q, err)) return false;
  } else if (!WholeBounds(base, &q, err)) {
    return false;
  }
  if (groups.count("num2") && groups.count("qual2") && !Intersect(groups, rules, &q, err)) {
    return false;
  }
  q.vague = base.vague;
  // Counts beyond 2^53 would lose digits as doubles and overflow the
  // reconciler's gaps: such a number is no quantity.
  if (!model::InSupportedRange(q)) {
    *err = "beyond the supported range of numbers (2^53)";
    return false;
  }
  *out = q;
  if (ordinal != nullptr) *ordinal = is_ordinal;
  return true;
}

std::string QuantityUnit(const Groups& groups, const Fields& fields, const rules::RuleSet& rules) {
  for (const char* name : {"unit", "unit_lo", "cur"}) {
    auto g = groups.find(name);
    if (g == groups.end()) continue;
    if (std::string unit = CanonicalUnit(g->second, rules); !unit.empty()) return unit;
  }
  auto f = fields.find("unit");
  return f == fields.end() ? "" : f->second;
}

bool EvaluateBound(std::string_view expr, int64_t n, std::optional<int64_t>* out,
                   std::string* err) {
  return EvaluateBoundAt(expr, {n, 1}, /*upper=*/false, out, err);
}

int64_t StatedFigure(const model::Quantity& q, const rules::RuleSet& rules) {
  if (q.point) return static_cast<int64_t>(*q.point);
  const rules::LexEntry* entry = q.qualifier.empty() ? nullptr : rules.Lex("qualifiers").Find(q.qualifier);
  if (entry == nullptr) return q.lo;
  // The bound its qualifier made from the number alone, undone.
  auto undo = [](const std::string& formula, int64_t bound) -> std::optional<int64_t> {
    if (formula == "n") return bound;
    if (formula == "n+1") return bound - 1;
    if (formula == "n-1") return bound + 1;
    return std::nullopt;
  };
  if (auto n = undo(entry->Field("lo", "n"), q.lo)) return *n;
  if (q.hi) {
    if (auto n = undo(entry->Field("hi", "n"), *q.hi)) return *n;
  }
  return q.lo;
}

}  // namespace claimcheck::normalize
