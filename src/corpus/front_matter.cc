#include "corpus/front_matter.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <toml++/toml.h>

namespace claimcheck::corpus {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string_view Trim(std::string_view s) {
  s = TrimRight(s);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

// The line starting at `pos`: its text without the line break, and where the
// next line starts.
std::string_view LineAt(std::string_view text, size_t pos, size_t* next) {
  size_t eol = text.find('\n', pos);
  if (eol == std::string_view::npos) eol = text.size();
  *next = std::min(eol + 1, text.size());
  return text.substr(pos, eol - pos);
}

// A fence is the line itself, flush left; trailing blanks (and "\r") are allowed.
bool IsFence(std::string_view line, std::string_view fence) {
  return TrimRight(line) == fence;
}

// --- YAML -----------------------------------------------------------------

void FailAt(FrontMatter* fm, const YAML::Mark& mark, std::string what) {
  fm->error = std::move(what);
  // The block starts on the file's line 2; a mark without a place points there.
  fm->line = 2 + (mark.is_null() || mark.line < 0 ? 0 : static_cast<size_t>(mark.line));
  fm->column = 1 + (mark.is_null() || mark.column < 0 ? 0 : static_cast<size_t>(mark.column));
}

void ReadYaml(std::string_view block, FrontMatter* fm) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(block));
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard (its message reads "bad file"): say what it is.
    return FailAt(fm, e.mark, fmt::format("not valid YAML: nested too deeply (yaml-cpp stops at {} levels)", e.depth()));
  } catch (const YAML::Exception& e) {
    return FailAt(fm, e.mark, fmt::format("not valid YAML: {}", e.msg));
  }
  if (root.IsNull()) return;
  if (!root.IsMap()) {
    return FailAt(fm, root.Mark(), "YAML front matter must be keys with values (key: value)");
  }
  for (const auto& entry : root) {
    if (!entry.first.IsScalar()) continue;  // a complex key names no field we read
    const std::string key = Lower(Trim(entry.first.Scalar()));
    const YAML::Node& value = entry.second;
    if (value.IsScalar()) {
      fm->fields.emplace_back(key, std::string(Trim(value.Scalar())));
    } else if (value.IsSequence() || value.IsMap()) {
      fm->not_scalar.push_back(key);
    }
  }
}

// --- TOML -----------------------------------------------------------------

std::string Scalar(const toml::node& n) {
  if (auto s = n.value<std::string>()) return *s;
  if (const auto* d = n.as_date()) {
    const toml::date v = d->get();
    return fmt::format("{:04}-{:02}-{:02}", v.year, v.month, v.day);
  }
  if (const auto* dt = n.as_date_time()) {
    const toml::date v = dt->get().date;
    return fmt::format("{:04}-{:02}-{:02}", v.year, v.month, v.day);
  }
  if (auto i = n.value_exact<int64_t>()) return std::to_string(*i);
  if (auto d = n.value_exact<double>()) return fmt::format("{}", *d);
  if (auto b = n.value_exact<bool>()) return *b ? "true" : "false";
  return "";  // a time of day names no field we read
}

void ReadToml(std::string_view block, FrontMatter* fm) {
  toml::table root;
  try {
    root = toml::parse(block);
  } catch (const toml::parse_error& e) {
    fm->error = fmt::format("not valid TOML: {}", e.description());
    fm->line = 1 + e.source().begin.line;  // the block starts on the file's line 2
    fm->column = e.source().begin.column;
    return;
  }
  for (auto&& [key, node] : root) {
    const std::string k = Lower(Trim(key.str()));
    if (node.is_array() || node.is_table()) {
      fm->not_scalar.push_back(k);
    } else {
      fm->fields.emplace_back(k, std::string(Trim(Scalar(node))));
    }
  }
}

}  // namespace

bool OpensWithFrontMatter(std::string_view text) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  size_t next = 0;
  const std::string_view first = LineAt(text, 0, &next);
  return next < text.size() && (IsFence(first, "---") || IsFence(first, "+++"));
}

FrontMatter ParseFrontMatter(std::string_view text) {
  FrontMatter fm;
  const size_t open = text.starts_with(kBom) ? kBom.size() : 0;
  if (!OpensWithFrontMatter(text)) return fm;
  size_t pos = 0;
  const std::string_view fence = TrimRight(LineAt(text, open, &pos));
  const bool yaml = fence == "---";
  fm.kind = yaml ? FrontMatter::Kind::kYaml : FrontMatter::Kind::kToml;
  const size_t block_start = pos;
  while (pos < text.size()) {
    size_t next = 0;
    const std::string_view line = LineAt(text, pos, &next);
    if (IsFence(line, fence) || (yaml && IsFence(line, "..."))) {
      const std::string_view block = text.substr(block_start, pos - block_start);
      fm.body_start = next;
      if (yaml) {
        ReadYaml(block, &fm);
      } else {
        ReadToml(block, &fm);
      }
      return fm;
    }
    pos = next;
  }
  fm.unclosed = true;
  return fm;
}

}  // namespace claimcheck::corpus
