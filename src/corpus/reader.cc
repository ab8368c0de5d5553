#include "corpus/reader.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>
#include <thread>

#include "corpus/front_matter.h"
#include "corpus/utf8.h"

namespace claimcheck::corpus {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Extension(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const size_t dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  if (dot == (slash == std::string_view::npos ? 0 : slash + 1)) return {};  // ".hidden"
  return path.substr(dot);
}

Document Skipped(std::string id, std::string path, std::string origin, std::string_view why) {
  Document doc;
  doc.id = std::move(id);
  doc.path = std::move(path);
  doc.origin = std::move(origin);
  doc.Skip(why);
  return doc;
}

Document Skipped(const Source& source, std::string_view why) {
  return Skipped(source.id, source.path, source.path, why);
}

// Why `path` could not be opened, from the errno of the failed open.
std::string OpenError(const std::string& path, int open_errno) {
  std::error_code ec;
  return fs::is_symlink(path, ec) && !fs::exists(path, ec)
             ? "cannot read: dangling symbolic link"
             : fmt::format("cannot read: {}", std::strerror(open_errno));
}

// A FIFO, socket or device would block a read or never end: such an input
// is skipped with this reason; "" for a regular file (or one not there,
// which the open then reports).
std::string NotRegular(const std::string& path) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st) || fs::is_regular_file(st)) return "";
  if (fs::is_directory(st)) return "cannot read: a directory";
  return "not a regular file (a FIFO, socket or device)";
}

bool ReadFile(const std::string& path, std::string* out, std::string* err) {
  if (std::string why = NotRegular(path); !why.empty()) {
    *err = std::move(why);
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *err = OpenError(path, errno);
    return false;
  }
  // Size the buffer once (NotRegular let only regular files through): a
  // 50 MB line must not cost 2x.
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (!ec && size > 0) {
    out->resize(size);
    in.read(out->data(), static_cast<std::streamsize>(size));
    out->resize(static_cast<size_t>(in.gcount()));
  } else {
    out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (in.bad()) {
    *err = fmt::format("read error: {}", std::strerror(errno));
    return false;
  }
  return true;
}

// --- metadata -------------------------------------------------------------

void SetPublished(Document& doc, std::string_view value, std::string_view where) {
  if (auto date = ParseMetadataDate(value)) {
    doc.published = date;
    doc.published_basis = "metadata";
  } else {
    doc.Warn(fmt::format("{}unparseable published date '{}' ignored", where, value));
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Front matter (corpus/front_matter.h): YAML between "---" lines or TOML
// between "+++" lines; the bytes stay in the text so offsets match the file.
// Malformed front matter skips the document with file:line:col.
void ReadFrontMatter(Document& doc) {
  if (std::memchr(doc.text.data(), '\0', doc.text.size()) != nullptr) return;  // binary: Prepare says so
  const FrontMatter fm = ParseFrontMatter(doc.text);
  const bool yaml = fm.kind == FrontMatter::Kind::kYaml;
  if (fm.unclosed) {
    doc.Warn(fmt::format("front matter has no closing '{}'; read as text", yaml ? "---" : "+++"));
    return;
  }
  if (fm.kind == FrontMatter::Kind::kNone) return;
  if (!fm.error.empty()) {
    doc.status = Status::kSkipped;
    doc.reason = fmt::format("{}:{}:{}: front matter: {}", doc.origin, fm.line, fm.column, fm.error);
    doc.text.clear();
    return;
  }
  doc.body_start = fm.body_start;
  for (const auto& [key, value] : fm.fields) {
    if (key == "title") doc.title = value;
    if (key == "source") doc.source = value;
    if (key == "url") doc.url = value;
    if ((key == "published" || key == "date") && !value.empty()) {
      SetPublished(doc, value, "front matter: ");
    }
  }
  for (const std::string& key : fm.not_scalar) {
    if (key == "title" || key == "source" || key == "url" || key == "published" || key == "date") {
      doc.Warn(fmt::format("front matter: '{}' is a list or a table, not a value; ignored", key));
    }
  }
}

// --- JSON records ----------------------------------------------------------

const json* Field(const json& record, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    auto it = record.find(name);
    if (it != record.end() && !it->is_null()) return &*it;
  }
  return nullptr;
}

std::string FieldString(const json& record, std::initializer_list<const char*> names,
                        Document& doc) {
  const json* value = Field(record, names);
  if (value == nullptr) return "";
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number()) return value->dump();
  doc.Warn(fmt::format("field '{}' is not a string; ignored", *names.begin()));
  return "";
}

Document DocumentFromRecord(const json& record, const Source& source, size_t line) {
  const std::string fallback_id = fmt::format("{}:{}", source.id, line);
  const std::string origin = fmt::format("{}:{}", source.path, line);
  if (!record.is_object()) {
    return Skipped(fallback_id, source.path, origin, "record is not a JSON object");
  }
  Document doc;
  doc.path = source.path;
  doc.origin = origin;
  doc.id = FieldString(record, {"id"}, doc);
  if (doc.id.empty()) doc.id = fallback_id;
  const json* text = Field(record, {"text", "maintext"});
  if (text == nullptr || !text->is_string()) {
    return Skipped(doc.id, source.path, origin, "record has no 'text' (or 'maintext') string");
  }
  doc.text = text->get<std::string>();
  doc.title = FieldString(record, {"title"}, doc);
  doc.source = FieldString(record, {"source", "source_domain"}, doc);
  doc.url = FieldString(record, {"url"}, doc);
  const std::string published = FieldString(record, {"published", "date_publish"}, doc);
  if (!published.empty()) SetPublished(doc, published, "");
  Prepare(doc);
  return doc;
}

// nlohmann's message without its prefix: "[json.exception.parse_error.101]
// parse error at line 1, column 14: syntax error while parsing value - X" → "X".
std::string ParseErrorDetail(const json::exception& e) {
  std::string_view what = e.what();
  if (const size_t dash = what.rfind(" - "); dash != std::string_view::npos) {
    return std::string(what.substr(dash + 3));
  }
  // "[json.exception.out_of_range.406] number overflow parsing '1e400'"
  const size_t bracket = what.find("] ");
  return std::string(bracket == std::string_view::npos ? what : what.substr(bracket + 2));
}

// `text` with each byte that begins no well-formed UTF-8 sequence replaced
// by U+FFFD.
std::string RepairUtf8(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const size_t bad = FindInvalidUtf8(text);
    out.append(text.substr(0, bad));
    if (bad == std::string_view::npos) break;
    out.append("\xEF\xBF\xBD");
    text.remove_prefix(bad + 1);
  }
  return out;
}

// One JSONL line (trimmed, not empty) as a document, or a skip naming it. A
// NUL byte makes only its record binary; invalid UTF-8 is read as U+FFFD
// with a warning, as in a text file.
Document RecordFromLine(const Source& source, std::string_view record, size_t line) {
  if (const size_t nul = record.find('\0'); nul != std::string_view::npos) {
    return Skipped(fmt::format("{}:{}", source.id, line), source.path,
                   fmt::format("{}:{}:{}", source.path, line, nul + 1),
                   fmt::format("binary record (NUL byte at column {})", nul + 1));
  }
  std::string repaired;
  const size_t bad = FindInvalidUtf8(record);
  if (bad != std::string_view::npos) {
    repaired = RepairUtf8(record);
    record = repaired;
  }
  json parsed;
  try {
    parsed = json::parse(record);
  } catch (const json::parse_error& e) {
    return Skipped(fmt::format("{}:{}", source.id, line), source.path,
                   fmt::format("{}:{}:{}", source.path, line, e.byte),
                   fmt::format("malformed JSON record ({})", ParseErrorDetail(e)));
  } catch (const json::exception& e) {  // a number out of range: 1e400
    return Skipped(fmt::format("{}:{}", source.id, line), source.path,
                   fmt::format("{}:{}", source.path, line),
                   fmt::format("malformed JSON record ({})", ParseErrorDetail(e)));
  }
  Document doc = DocumentFromRecord(parsed, source, line);
  if (bad != std::string_view::npos && doc.ok()) {
    doc.Warn(fmt::format("invalid UTF-8 at column {} of the record; read as U+FFFD", bad + 1));
  }
  return doc;
}

std::vector<Document> ReadJsonl(const Source& source, std::string_view bytes) {
  std::vector<Document> docs;
  size_t pos = 0;
  for (size_t line = 1; pos < bytes.size(); ++line) {
    size_t eol = bytes.find('\n', pos);
    if (eol == std::string_view::npos) eol = bytes.size();
    const std::string_view record = Trim(bytes.substr(pos, eol - pos));
    pos = eol + 1;
    if (!record.empty()) docs.push_back(RecordFromLine(source, record, line));
  }
  if (docs.empty()) docs.push_back(Skipped(source, "no records"));
  return docs;
}

// A .json file holds one record, an array of records, or (often) JSONL.
std::vector<Document> ReadJson(const Source& source, std::string_view bytes) {
  json parsed = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return ReadJsonl(source, bytes);
  std::vector<Document> docs;
  if (parsed.is_array()) {
    for (size_t i = 0; i < parsed.size(); ++i) {
      docs.push_back(DocumentFromRecord(parsed[i], source, i + 1));
    }
    if (docs.empty()) docs.push_back(Skipped(source, "no records"));
  } else {
    docs.push_back(DocumentFromRecord(parsed, source, 1));
  }
  return docs;
}

// --- fingerprints ------------------------------------------------------------

// FNV-1a over the sentence's words, lower-cased, punctuation dropped: two
// copies of one wire story share these even when spacing and quotes differ.
uint64_t Fingerprint(std::string_view sentence, size_t* words) {
  uint64_t hash = 1469598103934665603ull;
  bool in_word = false;
  *words = 0;
  for (char ch : sentence) {
    const auto c = static_cast<unsigned char>(ch);
    const bool word_char = std::isalnum(c) || c >= 0x80;
    if (!word_char) {
      in_word = false;
      continue;
    }
    if (!in_word && *words > 0) hash = (hash ^ ' ') * 1099511628211ull;
    if (!in_word) ++*words;
    in_word = true;
    hash = (hash ^ static_cast<unsigned char>(std::tolower(c))) * 1099511628211ull;
  }
  return hash;
}

void ComputeFingerprints(Document& doc) {
  // Short lines (headlines, bylines, "READ MORE") are shared by chance.
  constexpr size_t kMinWords = 8;
  std::vector<uint64_t> hashes;
  for (const Span& s : doc.sentences) {
    size_t words = 0;
    const uint64_t h = Fingerprint(std::string_view(doc.text).substr(s.start, s.end - s.start), &words);
    if (words >= kMinWords) hashes.push_back(h);
  }
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  for (uint64_t h : hashes) doc.fingerprints.push_back(fmt::format("{:016x}", h));
}

bool IsBlank(std::string_view s) { return Trim(s).empty(); }

// Text with no sentence end for kilobytes (a run of numbers, a page without
// punctuation) is cut at whitespace into pieces of at most kMaxSentence
// bytes: every later step works per sentence, and evidence quotes its
// sentence, so a 50 MB "sentence" must not exist.
std::vector<Span> CapSentences(std::string_view text, std::vector<Span> spans) {
  constexpr size_t kMaxSentence = 4096;
  if (std::none_of(spans.begin(), spans.end(),
                   [](const Span& s) { return s.end - s.start > kMaxSentence; })) {
    return spans;
  }
  std::vector<Span> out;
  for (Span s : spans) {
    while (s.end - s.start > kMaxSentence) {
      size_t cut = s.start + kMaxSentence;
      size_t space = cut;
      while (space > s.start + kMaxSentence / 2 && !std::isspace(static_cast<unsigned char>(text[space]))) --space;
      if (std::isspace(static_cast<unsigned char>(text[space]))) cut = space;
      while (cut > s.start && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
      size_t end = cut;
      while (end > s.start && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
      out.push_back({s.start, end});
      size_t next = cut;
      while (next < s.end && std::isspace(static_cast<unsigned char>(text[next]))) ++next;
      s.start = next;
    }
    if (s.end > s.start) out.push_back(s);
  }
  return out;
}

}  // namespace

std::map<std::string, size_t> RecordLines(const std::string& path) {
  std::map<std::string, size_t> lines;
  std::ifstream in(path, std::ios::binary);
  if (!in) return lines;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (FormatForPath(path) == Format::kJson &&
      !json::parse(bytes, nullptr, /*allow_exceptions=*/false).is_discarded()) {
    return lines;
  }
  const std::string file_id = DocumentIdForPath(path);
  const std::string_view view = bytes;
  size_t pos = 0;
  for (size_t line = 1; pos < view.size(); ++line) {
    size_t eol = view.find('\n', pos);
    if (eol == std::string_view::npos) eol = view.size();
    const std::string_view record = Trim(view.substr(pos, eol - pos));
    pos = eol + 1;
    if (record.empty()) continue;
    // The id as DocumentFromRecord takes it; a record it would skip keeps
    // the fallback id, as its skip does.
    std::string id;
    const json parsed = json::parse(RepairUtf8(record), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_object()) {
      Document scratch;
      id = FieldString(parsed, {"id"}, scratch);
    }
    if (id.empty()) id = fmt::format("{}:{}", file_id, line);
    lines.emplace(std::move(id), line);
  }
  return lines;
}

// --- public ------------------------------------------------------------------

std::optional<Format> FormatForDirectoryEntry(std::string_view path) {
  const std::string ext = Lower(Extension(path));
  if (ext == ".txt" || ext == ".text") return Format::kText;
  if (ext == ".md" || ext == ".markdown") return Format::kMarkdown;
  if (ext == ".jsonl" || ext == ".ndjson") return Format::kJsonl;
  if (ext == ".json") return Format::kJson;
  return std::nullopt;
}

Format FormatForPath(std::string_view path) {
  return FormatForDirectoryEntry(path).value_or(Format::kText);
}

std::string DocumentIdForPath(std::string_view path) {
  std::string_view ext = Extension(path);
  std::string_view stem = path.substr(0, path.size() - ext.size());
  while (stem.starts_with("./")) stem.remove_prefix(2);
  return std::string(stem);
}

namespace {

std::string JoinPath(std::string_view dir, std::string_view rel) {
  std::string out(dir);
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  if (out.empty() || out == ".") return std::string(rel);
  if (out != "/") out += '/';
  out += rel;
  return out;
}

bool IsHidden(const fs::path& rel) {
  for (const fs::path& part : rel) {
    const std::string name = part.string();
    if (name.size() > 1 && name[0] == '.' && name != "..") return true;
  }
  return false;
}

// Every supported file below `arg`, sorted. A directory the walk cannot
// enter and a symbolic link to a directory (not followed: a link may loop)
// are listed as sources with the reason, so the report names them.
void ExpandDirectory(const std::string& arg, std::vector<Source>* out) {
  std::vector<std::pair<std::string, std::string>> found;  // (relative path, error)
  std::error_code ec;
  fs::recursive_directory_iterator it(arg, fs::directory_options::none, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path rel = fs::relative(it->path(), arg, ec);
    if (ec) break;
    if (IsHidden(rel)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    std::error_code type_ec;
    if (it->is_symlink(type_ec) && it->is_directory(type_ec)) {
      // fs::relative resolves the link: name the link itself.
      found.push_back({it->path().lexically_relative(arg).generic_string(),
                       "symbolic link to a directory, not followed (name it to read it)"});
      continue;
    }
    if (it->is_directory(type_ec)) {
      std::error_code list_ec;
      fs::directory_iterator probe(it->path(), list_ec);
      if (list_ec) {
        found.push_back({rel.generic_string(), fmt::format("cannot list directory: {}", list_ec.message())});
        it.disable_recursion_pending();
      }
      continue;
    }
    if (FormatForDirectoryEntry(rel.string())) found.push_back({rel.generic_string(), ""});
  }
  if (ec) {
    out->push_back({arg, DocumentIdForPath(arg), Format::kText,
                    fmt::format("cannot list directory: {}", ec.message())});
    return;
  }
  std::sort(found.begin(), found.end());
  for (const auto& [rel, error] : found) {
    const std::string path = JoinPath(arg, rel);
    out->push_back({path, DocumentIdForPath(path), FormatForPath(path), error});
  }
}

}  // namespace

std::vector<Source> ExpandInputs(const std::vector<std::string>& args) {
  std::vector<Source> sources;
  for (const std::string& arg : args) {
    if (arg == "-") {
      sources.push_back({"-", "stdin", Format::kText, ""});
      continue;
    }
    std::error_code ec;
    const fs::file_status link = fs::symlink_status(arg, ec);
    const fs::file_status target = fs::status(arg, ec);
    if (!fs::exists(target)) {
      const std::string why = fs::is_symlink(link) ? "dangling symbolic link"
                                                   : "no such file or directory";
      sources.push_back({arg, DocumentIdForPath(arg), FormatForPath(arg),
                         fmt::format("cannot read: {}", why)});
    } else if (fs::is_directory(target)) {
      ExpandDirectory(arg, &sources);
    } else {
      sources.push_back({arg, DocumentIdForPath(arg), FormatForPath(arg), ""});
    }
  }
  return sources;
}

Document DocumentFromText(std::string id, std::string path, std::string text, Format format) {
  Document doc;
  doc.id = std::move(id);
  doc.path = std::move(path);
  doc.origin = doc.path;
  doc.text = std::move(text);
  if (format == Format::kMarkdown) ReadFrontMatter(doc);
  if (doc.ok()) Prepare(doc);
  return doc;
}

void Prepare(Document& doc) {
  if (const void* nul = std::memchr(doc.text.data(), '\0', doc.text.size())) {
    const size_t at = static_cast<const char*>(nul) - doc.text.data();
    doc.Skip(fmt::format("binary file (NUL byte at offset {})", at));
    doc.text.clear();
    return;
  }
  if (doc.text.empty() || IsBlank(std::string_view(doc.text).substr(doc.body_start))) {
    doc.Skip(doc.text.empty() ? "empty" : "no text (whitespace only)");
    return;
  }
  if (size_t bad = FindInvalidUtf8(doc.text); bad != std::string_view::npos) {
    doc.Warn(fmt::format("invalid UTF-8 at byte offset {} (byte 0x{:02X}); text read as is", bad,
                         static_cast<unsigned char>(doc.text[bad])));
  }
  // DESIGN.md §4: a leading `date YYYY-MM-DD` is metadata; its bytes stay.
  static const RE2 kLeadingDate(R"(^\s*date\s+(\d{4}-\d{2}-\d{2})\b)");
  re2::StringPiece body(doc.text.data() + doc.body_start, doc.text.size() - doc.body_start);
  re2::StringPiece date;
  const size_t before = body.size();
  if (RE2::Consume(&body, kLeadingDate, &date)) {
    if (!doc.published) {
      SetPublished(doc, std::string_view(date.data(), date.size()), "leading date: ");
    }
    doc.body_start += before - body.size();
  }
  doc.lines = LineIndex(doc.text);
  doc.sentences = CapSentences(doc.text, SplitSentences(doc.text, doc.body_start));
  ComputeFingerprints(doc);
}

std::vector<Document> ReadSource(const Source& source, std::istream& in) {
  if (!source.error.empty()) return {Skipped(source, source.error)};
  std::string bytes, err;
  if (source.path == "-") {
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } else if (!ReadFile(source.path, &bytes, &err)) {
    return {Skipped(source, err)};
  }
  Format format = source.format;
  if (source.path == "-" && Trim(bytes).starts_with("{")) format = Format::kJsonl;
  // A draft on stdin reads as it does from its .md file.
  if (source.path == "-" && format == Format::kText && OpensWithFrontMatter(bytes)) format = Format::kMarkdown;
  switch (format) {
    case Format::kJsonl:
      return ReadJsonl(source, bytes);
    case Format::kJson:
      return ReadJson(source, bytes);
    case Format::kText:
    case Format::kMarkdown:
      break;
  }
  return {DocumentFromText(source.id, source.path, std::move(bytes), format)};
}

// A JSONL file read record by record.
struct InputReader::OpenJsonl {
  const Source* source;
  std::ifstream in;
  size_t line = 0;
  bool any = false;  // a record (or the "no records" skip) was given
  uint64_t pos = 0;  // byte offset of the next line
  uint64_t start = 0, end = UINT64_MAX;  // the slice: lines that start in [start, end)

  // Moves to the first line that starts at or after `from`, counting the
  // lines before it (a memchr-speed pass over the bytes before the slice).
  void SkipTo(uint64_t from) {
    start = from;
    if (from == 0) return;
    std::vector<char> buffer(1 << 20);
    while (pos + 1 < from && in) {
      in.read(buffer.data(), static_cast<std::streamsize>(std::min<uint64_t>(buffer.size(), from - 1 - pos)));
      const auto got = in.gcount();
      line += static_cast<size_t>(std::count(buffer.data(), buffer.data() + got, '\n'));
      pos += static_cast<uint64_t>(got);
      if (got == 0) break;
    }
    // The line holding byte from-1 belongs to the slice before, unless that byte ends it.
    std::string rest;
    if (pos + 1 == from && std::getline(in, rest)) {
      ++line;
      pos += rest.size() + 1;
    }
  }

  static std::unique_ptr<OpenJsonl> Open(const Source& source, std::string* err) {
    if (std::string why = NotRegular(source.path); !why.empty()) {
      *err = std::move(why);
      return nullptr;
    }
    auto open = std::make_unique<OpenJsonl>();
    open->source = &source;
    open->in.open(source.path, std::ios::binary);
    if (!open->in) {
      *err = OpenError(source.path, errno);
      return nullptr;
    }
    return open;
  }
};

InputReader::InputReader(const std::vector<std::string>& args, std::istream& in)
    : sources_(ExpandInputs(args)), in_(in) {
  bool stdin_taken = false;
  for (Source& s : sources_) {
    if (s.path != "-") continue;
    if (stdin_taken) s.error = "standard input given more than once";
    stdin_taken = true;
  }
}

InputReader::~InputReader() = default;

// Duplicate ids after the first are skipped, naming where the first came from.
// What a document costs while its batch is held, beyond its text (its
// record, sentences, line index, claims): counted against Next's budget, so a
// batch of one-sentence records holds thousands of them, not the 70,000 that
// make 8 MB of text (250 MB: extract's memory grew with the corpus until the
// batch filled).
constexpr size_t kDocumentCost = 1024;

void InputReader::Add(Document doc, std::vector<Document>* out, size_t* bytes) {
  auto [it, inserted] = first_path_.emplace(doc.id, doc.path);
  if (!inserted && doc.ok()) {
    doc = Skipped(doc.id, doc.path, doc.origin,
                  fmt::format("duplicate document id '{}' (first read from {})", doc.id, it->second));
  }
  *bytes += doc.text.size() + kDocumentCost;
  out->push_back(std::move(doc));
}

// The open JSONL file's next record; false when it has none left.
bool InputReader::NextRecord(Document* out) {
  OpenJsonl& f = *jsonl_;
  for (std::string line; f.pos < f.end && std::getline(f.in, line);) {
    ++f.line;
    f.pos += line.size() + 1;
    const std::string_view record = Trim(line);
    if (record.empty()) continue;
    f.any = true;
    *out = RecordFromLine(*f.source, record, f.line);
    return true;
  }
  if (f.any || f.start > 0) return false;
  for (std::string line; f.pos >= f.end && std::getline(f.in, line);) {  // past the slice: any record at all?
    if (!Trim(line).empty()) return false;
  }
  f.any = true;
  *out = Skipped(*f.source, f.in.bad() ? fmt::format("read error: {}", std::strerror(errno))
                                        : "no records");
  return true;
}

bool InputReader::Next(size_t budget, std::vector<Document>* out) {
  const size_t start = out->size();
  size_t bytes = 0;
  while (bytes < budget || out->size() == start) {
    if (jsonl_) {
      Document doc;
      if (NextRecord(&doc)) {
        Add(std::move(doc), out, &bytes);
      } else {
        jsonl_.reset();
      }
      continue;
    }
    if (next_source_ == sources_.size()) break;
    const Source& source = sources_[next_source_++];
    if (source.format == Format::kJsonl && source.path != "-" && source.error.empty()) {
      std::string err;
      jsonl_ = OpenJsonl::Open(source, &err);
      if (!jsonl_) {
        if (!slice_ || slice_->first == 0) Add(Skipped(source, err), out, &bytes);
      } else if (slice_) {
        jsonl_->SkipTo(slice_->first);
        jsonl_->end = slice_->second;
      }
      continue;
    }
    for (Document& doc : ReadSource(source, in_)) Add(std::move(doc), out, &bytes);
  }
  return out->size() > start;
}

std::vector<Document> ReadInputs(const std::vector<std::string>& args, std::istream& in) {
  InputReader reader(args, in);
  std::vector<Document> docs;
  while (reader.Next(SIZE_MAX, &docs)) {
  }
  return docs;
}

}  // namespace claimcheck::corpus
