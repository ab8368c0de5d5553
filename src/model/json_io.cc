#include "model/json_io.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <ostream>
#include <string_view>
#include <vector>

namespace claimcheck::model {

namespace {

Json StringOrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

template <typename T>
Json OptionalOrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

// Integral values print as integers ("2500", never "2500.0").
Json NumberOrNull(const std::optional<double>& v) {
  if (!v) return Json(nullptr);
  if (*v == std::trunc(*v) && std::fabs(*v) < 9.007199254740992e15) {
    return Json(static_cast<int64_t>(*v));
  }
  return Json(*v);
}

bool GetOptionalDouble(const Json& j, const char* key, std::optional<double>* out,
                       std::string* err) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out->reset(), true;
  if (!it->is_number()) {
    *err = fmt::format("'{}' is not a number", key);
    return false;
  }
  *out = it->get<double>();
  return true;
}

// Reading helpers: each returns false with a message naming the key.
bool GetString(const Json& j, const char* key, std::string* out, std::string* err,
               bool nullable = true) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (nullable) return out->clear(), true;
    *err = fmt::format("missing '{}'", key);
    return false;
  }
  if (!it->is_string()) {
    *err = fmt::format("'{}' is not a string", key);
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

template <typename T>
bool GetNumber(const Json& j, const char* key, T* out, std::string* err) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) {
    *err = fmt::format("'{}' is not an integer", key);
    return false;
  }
  *out = it->get<T>();
  return true;
}

bool GetOptionalNumber(const Json& j, const char* key, std::optional<int64_t>* out,
                       std::string* err) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out->reset(), true;
  int64_t v;
  if (!GetNumber(j, key, &v, err)) return false;
  *out = v;
  return true;
}

bool GetBool(const Json& j, const char* key, bool* out, std::string* err) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_boolean()) {
    *err = fmt::format("'{}' is not a boolean", key);
    return false;
  }
  *out = it->get<bool>();
  return true;
}

bool GetStrings(const Json& j, const char* key, std::vector<std::string>* out, std::string* err) {
  out->clear();
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_array()) {
    *err = fmt::format("'{}' is not an array", key);
    return false;
  }
  for (const Json& v : *it) {
    if (!v.is_string()) {
      *err = fmt::format("'{}' holds a non-string", key);
      return false;
    }
    out->push_back(v.get<std::string>());
  }
  return true;
}

bool GetObject(const Json& j, const char* key, const Json** out, std::string* err) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) {
    *err = fmt::format("'{}' is not an object", key);
    return false;
  }
  *out = &*it;
  return true;
}

bool ValueFromJson(const Json& j, Value* out, std::string* err) {
  std::string kind;
  if (!GetString(j, "kind", &kind, err, false)) return false;
  if (kind == "quantity") {
    Quantity q;
    if (!GetOptionalDouble(j, "point", &q.point, err) || !GetNumber(j, "lo", &q.lo, err) ||
        !GetOptionalNumber(j, "hi", &q.hi, err) || !GetString(j, "qualifier", &q.qualifier, err)) {
      return false;
    }
    if (j.contains("vague") && !GetBool(j, "vague", &q.vague, err)) return false;
    // What extract writes stays within 2^53; a larger number would overflow
    // the reconciler's arithmetic.
    if (!InSupportedRange(q)) {
      *err = "a quantity beyond the supported range (2^53)";
      return false;
    }
    *out = q;
    return true;
  }
  if (kind == "time") {
    Time t;
    if (!GetString(j, "timex", &t.timex, err, false) || !GetString(j, "lo", &t.lo, err) ||
        !GetString(j, "hi", &t.hi, err) || !GetString(j, "granularity", &t.granularity, err)) {
      return false;
    }
    if (j.contains("mod") && !GetString(j, "mod", &t.mod, err)) return false;
    if (j.contains("loose_day") && !GetBool(j, "loose_day", &t.loose_day, err)) return false;
    *out = t;
    return true;
  }
  *err = fmt::format("unknown value kind '{}'", kind);
  return false;
}

}  // namespace

Json ToJson(const Quantity& q) {
  Json j;
  j["kind"] = "quantity";
  j["point"] = NumberOrNull(q.point);
  j["lo"] = q.lo;
  j["hi"] = OptionalOrNull(q.hi);
  j["qualifier"] = StringOrNull(q.qualifier);
  if (q.vague) j["vague"] = true;
  return j;
}

Json ToJson(const Time& t) {
  Json j;
  j["kind"] = "time";
  j["timex"] = t.timex;
  j["lo"] = StringOrNull(t.lo);
  j["hi"] = StringOrNull(t.hi);
  j["granularity"] = StringOrNull(t.granularity);
  if (!t.mod.empty()) j["mod"] = t.mod;
  if (t.loose_day) j["loose_day"] = true;
  return j;
}

Json ToJson(const Value& v) {
  return std::visit([](const auto& x) { return ToJson(x); }, v);
}

Json ToJson(const Claim& c) {
  Json j;
  j["record"] = "claim";
  j["id"] = c.id;
  j["doc"] = c.doc;
  j["rule"] = c.rule;
  j["subject"] = c.subject;
  j["attribute"] = c.attribute;
  j["value"] = ToJson(c.value);
  j["as_of"] = {{"timex", StringOrNull(c.as_of.timex)},
                {"lo", StringOrNull(c.as_of.lo)},
                {"hi", StringOrNull(c.as_of.hi)},
                {"basis", c.as_of.basis}};
  j["evidence"] = {{"start", c.evidence.start}, {"end", c.evidence.end},
                   {"line", c.evidence.line},   {"column", c.evidence.column},
                   {"text", c.evidence.text},   {"sentence", c.evidence.sentence}};
  j["attribution"] = OptionalOrNull(c.attribution);
  j["hedged"] = c.hedged;
  j["negated"] = c.negated;
  j["revision"] = c.revision;
  if (!c.event_class.empty()) j["event_class"] = c.event_class;
  if (!c.scope.empty() || c.scope.individual) {
    j["scope"] = {{"who", StringOrNull(c.scope.who)},
                  {"perpetrators", c.scope.perpetrators > 0 ? Json(c.scope.perpetrators) : Json(nullptr)},
                  {"part", StringOrNull(c.scope.part)}};
    if (!c.scope.counted.empty()) {
      j["scope"]["counted"] = c.scope.counted;
      j["scope"]["killed"] = c.scope.killed >= 0 ? Json(c.scope.killed) : Json(nullptr);
    }
    if (c.scope.added > 0) j["scope"]["added"] = c.scope.added;
    if (c.scope.individual) j["scope"]["individual"] = true;
  }
  if (!c.timeline.empty()) j["timeline"] = {{"stage", c.timeline.stage}, {"cue", StringOrNull(c.timeline.cue)}};
  return j;
}

namespace {

// A claim as nlohmann's dump lays out ToJson(c), written directly: a document
// of 400,000 claims spent a fifth of `check` building and freeing their JSON
// trees. `indent` < 0 is one line (DumpLine), else dump(indent) `depth`
// levels down (WriteIndented). json_io_test compares the two on every field.
class ClaimJson {
 public:
  ClaimJson(std::string* out, int indent, size_t depth) : out_(*out), indent_(indent), depth_(depth) {}

  void Write(const Claim& c) {
    Open();
    Key("record"); Str("claim");
    Key("id"); Str(c.id);
    Key("doc"); Str(c.doc);
    Key("rule"); Str(c.rule);
    Key("subject"); Str(c.subject);
    Key("attribute"); Str(c.attribute);
    Key("value"); Value(c.value);
    Key("as_of"); Open();
    Key("timex"); StrOrNull(c.as_of.timex);
    Key("lo"); StrOrNull(c.as_of.lo);
    Key("hi"); StrOrNull(c.as_of.hi);
    Key("basis"); Str(c.as_of.basis);
    Close();
    Key("evidence"); Open();
    Key("start"); Int(c.evidence.start);
    Key("end"); Int(c.evidence.end);
    Key("line"); Int(c.evidence.line);
    Key("column"); Int(c.evidence.column);
    Key("text"); Str(c.evidence.text);
    Key("sentence"); Str(c.evidence.sentence);
    Close();
    Key("attribution");
    c.attribution ? Str(*c.attribution) : Raw("null");
    Key("hedged"); Raw(c.hedged ? "true" : "false");
    Key("negated"); Raw(c.negated ? "true" : "false");
    Key("revision"); Raw(c.revision ? "true" : "false");
    if (!c.event_class.empty()) {
      Key("event_class");
      Str(c.event_class);
    }
    if (!c.scope.empty() || c.scope.individual) {
      Key("scope"); Open();
      Key("who"); StrOrNull(c.scope.who);
      Key("perpetrators");
      c.scope.perpetrators > 0 ? Int(c.scope.perpetrators) : Raw("null");
      Key("part"); StrOrNull(c.scope.part);
      if (!c.scope.counted.empty()) {
        Key("counted"); Str(c.scope.counted);
        Key("killed");
        c.scope.killed >= 0 ? Int(c.scope.killed) : Raw("null");
      }
      if (c.scope.added > 0) {
        Key("added"); Int(c.scope.added);
      }
      if (c.scope.individual) {
        Key("individual"); Raw("true");
      }
      Close();
    }
    if (!c.timeline.empty()) {
      Key("timeline"); Open();
      Key("stage"); Str(c.timeline.stage);
      Key("cue"); StrOrNull(c.timeline.cue);
      Close();
    }
    Close();
  }

 private:
  void Value(const model::Value& v) {
    Open();
    if (const auto* q = std::get_if<Quantity>(&v)) {
      Key("kind"); Str("quantity");
      Key("point"); Raw(DumpLine(NumberOrNull(q->point)));
      Key("lo"); Int(q->lo);
      Key("hi");
      q->hi ? Int(*q->hi) : Raw("null");
      Key("qualifier"); StrOrNull(q->qualifier);
      if (q->vague) {
        Key("vague"); Raw("true");
      }
    } else {
      const Time& t = std::get<Time>(v);
      Key("kind"); Str("time");
      Key("timex"); Str(t.timex);
      Key("lo"); StrOrNull(t.lo);
      Key("hi"); StrOrNull(t.hi);
      Key("granularity"); StrOrNull(t.granularity);
      if (!t.mod.empty()) {
        Key("mod"); Str(t.mod);
      }
      if (t.loose_day) {
        Key("loose_day"); Raw("true");
      }
    }
    Close();
  }

  // An object's "{"; its first key goes on the next line (pretty) or right after.
  void Open() {
    out_ += '{';
    ++depth_;
    first_.push_back(true);
  }
  // Every object written here has at least one key: never "{}".
  void Close() {
    --depth_;
    first_.pop_back();
    if (indent_ >= 0) Newline();
    out_ += '}';
  }
  void Newline() {
    out_ += '\n';
    out_.append(static_cast<size_t>(indent_) * depth_, ' ');
  }
  void Key(std::string_view key) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
    if (indent_ >= 0) Newline();
    out_ += '"';
    out_ += key;
    out_ += indent_ >= 0 ? "\": " : "\":";
  }
  void Raw(std::string_view text) { out_ += text; }
  template <typename T>
  void Int(T n) { fmt::format_to(std::back_inserter(out_), "{}", n); }
  // Printable ASCII without '"' or '\\' as it is; anything else as nlohmann
  // escapes it (control characters, invalid UTF-8 as U+FFFD).
  void Str(std::string_view s) {
    const bool plain = std::all_of(s.begin(), s.end(), [](char ch) {
      return ch >= 0x20 && ch < 0x7F && ch != '"' && ch != '\\';
    });
    if (!plain) return Raw(DumpLine(Json(std::string(s))));
    out_ += '"';
    out_ += s;
    out_ += '"';
  }
  void StrOrNull(const std::string& s) {
    if (s.empty()) return Raw("null");
    Str(s);
  }

  std::string& out_;
  int indent_;
  size_t depth_;
  std::vector<bool> first_;
};

}  // namespace

std::string ClaimLine(const Claim& c) {
  std::string out;
  ClaimJson(&out, -1, 0).Write(c);
  return out;
}

void WriteIndented(const Claim& c, size_t depth, std::ostream& out) {
  std::string text;
  ClaimJson(&text, 2, depth).Write(c);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

Json ToJson(const Finding& f) {
  Json j;
  j["id"] = f.id;
  j["verdict"] = f.verdict;
  j["severity"] = f.severity;
  j["subject"] = f.subject;
  j["attribute"] = f.attribute;
  j["summary"] = f.summary;
  j["claims"] = f.claims;
  j["notes"] = f.notes;
  Json timeline = Json::array();
  for (const TimelineEntry& e : f.timeline) {
    timeline.push_back({{"claim", e.claim},
                        {"source", e.source},
                        {"as_of", StringOrNull(e.as_of)},
                        {"value", e.value},
                        {"stage", e.stage}});
  }
  j["timeline"] = std::move(timeline);
  j["grouped_by"] = f.grouped_by;
  if (!f.fingerprint.empty()) j["fingerprint"] = f.fingerprint;
  return j;
}

Json ToJson(const DocumentRecord& d) {
  Json j;
  j["record"] = "document";
  j["doc"] = d.doc;
  j["path"] = d.path;
  j["title"] = StringOrNull(d.title);
  j["source"] = StringOrNull(d.source);
  j["url"] = StringOrNull(d.url);
  j["published"] = StringOrNull(d.published);
  j["published_basis"] = StringOrNull(d.published_basis);
  j["status"] = d.status;
  j["reason"] = StringOrNull(d.reason);
  j["warnings"] = d.warnings;
  j["fingerprints"] = d.fingerprints;
  if (!d.names.empty()) j["names"] = d.names;
  return j;
}

Json ToJson(const Summary& s) {
  Json j;
  j["documents"] = s.documents;
  j["ok"] = s.ok;
  j["skipped"] = s.skipped;
  j["claims"] = s.claims;
  j["findings"] = s.findings;
  Json verdicts = Json::object();
  for (const char* v : kVerdicts) verdicts[v] = s.verdicts.at(v);
  j["verdicts"] = verdicts;
  return j;
}

Json ToJson(const Report& r) {
  Json j;
  j["schema"] = "claimcheck.report/1";
  j["inputs"] = Json::array();
  for (const auto& d : r.inputs) j["inputs"].push_back(ToJson(d));
  j["claims"] = Json::array();
  for (const auto& c : r.claims) j["claims"].push_back(ToJson(c));
  j["findings"] = Json::array();
  for (const auto& f : r.findings) j["findings"].push_back(ToJson(f));
  j["summary"] = ToJson(Summarize(r));
  return j;
}

Json ToJson(const MentionRecord& m) {
  Json j;
  j["doc"] = m.doc;
  j["start"] = m.start;
  j["end"] = m.end;
  j["text"] = m.text;
  j["kind"] = m.kind;
  if (const auto* q = std::get_if<Quantity>(&m.value)) {
    j["value"] = ToJson(*q);
  } else {
    j["value"] = std::get<std::string>(m.value);
  }
  if (!m.mod.empty()) j["mod"] = m.mod;
  if (m.interval) {
    j["interval"] = {{"lo", StringOrNull(m.interval->lo)}, {"hi", StringOrNull(m.interval->hi)}};
  }
  if (m.anchor) {
    j["anchor"] = {{"relation", m.anchor->relation},
                   {"offset", StringOrNull(m.anchor->offset)},
                   {"ordinal", m.anchor->ordinal ? Json(m.anchor->ordinal) : Json(nullptr)},
                   {"event", StringOrNull(m.anchor->event)}};
  }
  if (m.ordinal) j["ordinal"] = true;
  if (!m.unit.empty()) j["unit"] = m.unit;
  j["rule"] = m.rule;
  return j;
}

bool FromJson(const Json& j, DocumentRecord* out, std::string* err) {
  DocumentRecord d;
  bool ok = j.is_object() && GetString(j, "doc", &d.doc, err, false) &&
            GetString(j, "path", &d.path, err) && GetString(j, "title", &d.title, err) &&
            GetString(j, "source", &d.source, err) && GetString(j, "url", &d.url, err) &&
            GetString(j, "published", &d.published, err) &&
            GetString(j, "published_basis", &d.published_basis, err) &&
            GetString(j, "status", &d.status, err, false) &&
            GetString(j, "reason", &d.reason, err) && GetStrings(j, "warnings", &d.warnings, err) &&
            GetStrings(j, "fingerprints", &d.fingerprints, err) &&
            GetStrings(j, "names", &d.names, err);
  if (ok && d.status != "ok" && d.status != "skipped") {
    *err = fmt::format("unknown status '{}'", d.status);
    ok = false;
  }
  if (!j.is_object()) *err = "document record is not an object";
  if (ok) *out = std::move(d);
  return ok;
}

bool FromJson(const Json& j, Claim* out, std::string* err) {
  if (!j.is_object()) {
    *err = "claim record is not an object";
    return false;
  }
  Claim c;
  const Json *value, *as_of, *evidence;
  std::string attribution;
  bool ok = GetString(j, "id", &c.id, err, false) && GetString(j, "doc", &c.doc, err, false) &&
            GetString(j, "rule", &c.rule, err, false) &&
            GetString(j, "subject", &c.subject, err, false) &&
            GetString(j, "attribute", &c.attribute, err, false) &&
            GetObject(j, "value", &value, err) && ValueFromJson(*value, &c.value, err) &&
            GetObject(j, "as_of", &as_of, err) && GetString(*as_of, "timex", &c.as_of.timex, err) &&
            GetString(*as_of, "lo", &c.as_of.lo, err) && GetString(*as_of, "hi", &c.as_of.hi, err) &&
            GetString(*as_of, "basis", &c.as_of.basis, err, false) &&
            GetObject(j, "evidence", &evidence, err) &&
            GetNumber(*evidence, "start", &c.evidence.start, err) &&
            GetNumber(*evidence, "end", &c.evidence.end, err) &&
            GetNumber(*evidence, "line", &c.evidence.line, err) &&
            GetNumber(*evidence, "column", &c.evidence.column, err) &&
            GetString(*evidence, "text", &c.evidence.text, err) &&
            GetString(*evidence, "sentence", &c.evidence.sentence, err) &&
            GetString(j, "attribution", &attribution, err) &&
            GetBool(j, "hedged", &c.hedged, err) && GetBool(j, "negated", &c.negated, err) &&
            GetBool(j, "revision", &c.revision, err);
  if (!ok) return false;
  if (j.contains("attribution") && !j["attribution"].is_null()) c.attribution = attribution;
  if (!GetString(j, "event_class", &c.event_class, err)) return false;
  if (auto it = j.find("scope"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) {
      *err = "'scope' is not an object";
      return false;
    }
    if (!GetString(*it, "who", &c.scope.who, err) || !GetString(*it, "part", &c.scope.part, err)) return false;
    if (auto p = it->find("perpetrators"); p != it->end() && !p->is_null() &&
                                           !GetNumber(*it, "perpetrators", &c.scope.perpetrators, err)) {
      return false;
    }
    if (c.scope.perpetrators < 0 || c.scope.perpetrators > kMaxCount) {
      *err = "'perpetrators' is out of range";
      return false;
    }
    if (!GetString(*it, "counted", &c.scope.counted, err)) return false;
    if (!c.scope.counted.empty() && c.scope.counted != "shot") {
      *err = "'counted' is not \"shot\"";
      return false;
    }
    if (auto k = it->find("killed"); k != it->end() && !k->is_null()) {
      if (!GetNumber(*it, "killed", &c.scope.killed, err)) return false;
      if (c.scope.killed < 0 || c.scope.killed > kMaxCount) {
        *err = "'killed' is out of range";
        return false;
      }
    }
    if (auto a = it->find("added"); a != it->end() && !a->is_null()) {
      if (!GetNumber(*it, "added", &c.scope.added, err)) return false;
      if (c.scope.added < 0 || c.scope.added > kMaxCount) {
        *err = "'added' is out of range";
        return false;
      }
    }
    if (it->contains("individual") && !GetBool(*it, "individual", &c.scope.individual, err)) return false;
  }
  if (auto it = j.find("timeline"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) {
      *err = "'timeline' is not an object";
      return false;
    }
    if (!GetString(*it, "stage", &c.timeline.stage, err) || !GetString(*it, "cue", &c.timeline.cue, err)) {
      return false;
    }
  }
  *out = std::move(c);
  return true;
}

bool FromJson(const Json& j, Finding* out, std::string* err) {
  if (!j.is_object()) {
    *err = "finding record is not an object";
    return false;
  }
  Finding f;
  bool ok = GetString(j, "id", &f.id, err) && GetString(j, "verdict", &f.verdict, err, false) &&
            GetString(j, "severity", &f.severity, err, false) &&
            GetString(j, "subject", &f.subject, err, false) &&
            GetString(j, "attribute", &f.attribute, err, false) &&
            GetString(j, "summary", &f.summary, err) && GetStrings(j, "claims", &f.claims, err) &&
            GetStrings(j, "notes", &f.notes, err) && GetStrings(j, "grouped_by", &f.grouped_by, err);
  if (!ok) return false;
  if (auto it = j.find("timeline"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) {
      *err = "'timeline' is not an array";
      return false;
    }
    for (const Json& e : *it) {
      TimelineEntry t;
      if (!e.is_object() || !GetString(e, "claim", &t.claim, err, false) || !GetString(e, "source", &t.source, err) ||
          !GetString(e, "as_of", &t.as_of, err) || !GetString(e, "value", &t.value, err) ||
          !GetString(e, "stage", &t.stage, err)) {
        if (!e.is_object()) *err = "a timeline entry is not an object";
        return false;
      }
      f.timeline.push_back(std::move(t));
    }
  }
  *out = std::move(f);
  return true;
}

std::string DumpLine(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string DumpPretty(const Json& j) {
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// A dump holds no raw newline but those between its lines (strings escape
// theirs): each gets the margin.
void WriteIndented(const Json& j, size_t depth, std::ostream& out) {
  const std::string text = j.dump(2, ' ', false, Json::error_handler_t::replace);
  const std::string margin(2 * depth, ' ');
  size_t from = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
    out.write(text.data() + from, static_cast<std::streamsize>(nl + 1 - from));
    out << margin;
    from = nl + 1;
  }
  out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

namespace {

// One record two levels down the report: a claim written directly, the
// others through their JSON.
template <typename T>
void WriteRecord(const T& record, std::ostream& out) {
  WriteIndented(ToJson(record), 2, out);
}
void WriteRecord(const Claim& record, std::ostream& out) { WriteIndented(record, 2, out); }

// `"key": [ … ]` of the top-level object, one record's JSON at a time, as
// nlohmann's dump(2) lays out an array one level down.
template <typename T>
void WriteArray(const char* key, const std::vector<T>& records, std::ostream& out) {
  out << "  \"" << key << "\": ";
  if (records.empty()) {
    out << "[]";
    return;
  }
  out << "[\n";
  for (size_t i = 0; i < records.size(); ++i) {
    if (i > 0) out << ",\n";
    out << "    ";
    WriteRecord(records[i], out);
  }
  out << "\n  ]";
}

}  // namespace

void WritePretty(const Report& r, std::ostream& out) {
  // The layout of DumpPretty(ToJson(r)); json_io_test compares the two.
  out << "{\n  \"schema\": \"claimcheck.report/1\",\n";
  WriteArray("inputs", r.inputs, out);
  out << ",\n";
  WriteArray("claims", r.claims, out);
  out << ",\n";
  WriteArray("findings", r.findings, out);
  out << ",\n  \"summary\": ";
  WriteIndented(ToJson(Summarize(r)), 1, out);
  out << "\n}\n";
}

}  // namespace claimcheck::model
