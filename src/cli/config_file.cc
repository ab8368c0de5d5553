// The config file (.claimcheck.toml): its keys are the long option names,
// read into the same options the command line fills, so one Validate checks
// both; what the command line says wins.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <toml++/toml.h>

#include "cli/config.h"
#include "util/edit_distance.h"
#include "util/source_error.h"
#include "util/toml_source.h"

namespace claimcheck::cli {

namespace fs = std::filesystem;

namespace {

enum class KeyType { kString, kList, kPath, kPaths, kInteger, kBoolean };

struct Key {
  const char* name;
  KeyType type;
  unsigned option;  ///< The OptionSet bit; a command without it ignores the key.
};

constexpr Key kKeys[] = {
    {"format", KeyType::kString, kFormat},          {"output", KeyType::kPath, kOutput},
    {"rules", KeyType::kPaths, kRules},             {"facts", KeyType::kPath, kFacts},
    {"fail-on", KeyType::kList, kFailOn},           {"only", KeyType::kList, kShow},
    {"hide", KeyType::kList, kShow},                {"reference-date", KeyType::kString, kReference},
    {"jobs", KeyType::kInteger, kJobs},             {"color", KeyType::kString, kColor},
    {"baseline", KeyType::kPath, kBaseline},        {"quiet", KeyType::kBoolean, ~0u},
    {"strict-ledger", KeyType::kBoolean, kFacts},   {"diff-base", KeyType::kString, kDiffBase},
};

using Reader = TomlSource;

// A path in the file is relative to the file's folder.
std::string Resolve(const fs::path& dir, const std::string& value) {
  if (value.empty() || fs::path(value).is_absolute() || dir.empty() || dir == ".") return value;
  return (dir / value).lexically_normal().generic_string();
}

// One string, or (kList, kPaths) an array of strings.
bool Strings(const Reader& r, const Key& key, const toml::node& node, std::vector<std::string>* out,
             std::string* err) {
  const bool list = key.type == KeyType::kList || key.type == KeyType::kPaths;
  if (auto s = node.value_exact<std::string>()) return out->push_back(*s), true;
  const toml::array* a = node.as_array();
  if (!list || a == nullptr) {
    return r.Fail(node.source(), fmt::format("'{}' must be a string{}", key.name,
                                             list ? " or an array of strings" : ""), err);
  }
  for (const toml::node& item : *a) {
    auto s = item.value_exact<std::string>();
    if (!s) return r.Fail(item.source(), fmt::format("'{}' must be an array of strings", key.name), err);
    out->push_back(*s);
  }
  if (out->empty()) return r.Fail(node.source(), fmt::format("'{}' is an empty array", key.name), err);
  return true;
}

// The key's value as command-line words ("--rules", "a", "--rules", "b").
bool Words(const Reader& r, const Key& key, const toml::node& node, const fs::path& dir,
           std::vector<std::string>* words, std::string* err) {
  const std::string flag = std::string("--") + key.name;
  switch (key.type) {
    case KeyType::kInteger: {
      auto i = node.value_exact<int64_t>();
      if (!i) return r.Fail(node.source(), fmt::format("'{}' must be an integer", key.name), err);
      *words = {flag, std::to_string(*i)};
      return true;
    }
    case KeyType::kBoolean: {
      auto b = node.value_exact<bool>();
      if (!b) return r.Fail(node.source(), fmt::format("'{}' must be true or false", key.name), err);
      if (*b) *words = {flag};
      return true;
    }
    default: break;
  }
  std::vector<std::string> values;
  if (!Strings(r, key, node, &values, err)) return false;
  if (key.type == KeyType::kList) {
    std::string joined;
    for (const std::string& v : values) joined += (joined.empty() ? "" : ",") + v;
    *words = {flag, joined};
    return true;
  }
  for (const std::string& v : values) {
    words->push_back(flag);
    words->push_back(key.type == KeyType::kString ? v : Resolve(dir, v));
  }
  return true;
}

}  // namespace

std::string FindConfigFile() {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return "";
  // The folders from here up to the repository root (the one holding .git);
  // outside a repository, only the working directory.
  std::vector<fs::path> dirs;
  fs::path rel = ".";
  bool repository = false;
  for (fs::path dir = cwd;; dir = dir.parent_path(), rel /= "..") {
    dirs.push_back(rel);
    if (fs::exists(dir / ".git", ec)) {
      repository = true;
      break;
    }
    if (dir == dir.parent_path()) break;
  }
  if (!repository) dirs.resize(1);
  for (const fs::path& dir : dirs) {
    const fs::path candidate = dir / kConfigFileName;
    if (fs::is_regular_file(candidate, ec)) return candidate.lexically_normal().generic_string();
  }
  return "";
}

bool ReadConfigFile(const std::string& path, unsigned options, ConfigFile* out, std::string* err) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    *err = fmt::format("config file {}: {}", path, fs::exists(path, ec) ? "not a regular file" : "no such file");
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in) return *err = fmt::format("config file {}: cannot read", path), false;
  return ParseConfigFile(path, buffer.str(), options, out, err);
}

bool ParseConfigFile(const std::string& path, std::string content, unsigned options, ConfigFile* out,
                     std::string* err) {
  Reader r{path, std::move(content)};
  toml::table root;
  try {
    root = toml::parse(r.content, path);
  } catch (const toml::parse_error& e) {
    return r.Fail(e.source(), e.description(), err);
  }
  const fs::path dir = fs::path(path).parent_path();
  std::vector<std::string> names = {"ignore"};
  for (const Key& k : kKeys) names.push_back(k.name);
  for (auto&& [name, node] : root) {
    if (name.str() == "ignore") {
      const Key ignore{"ignore", KeyType::kList, 0};
      if (!Strings(r, ignore, node, &out->ignore, err)) return false;
      continue;
    }
    const Key* key = nullptr;
    for (const Key& k : kKeys) {
      if (name.str() == k.name) key = &k;
    }
    if (key == nullptr) {
      const std::string hint = SpellingSuggestion(std::string(name.str()), names);
      return r.Fail(name.source(),
                    fmt::format("unknown key '{}'{}; expected {}", name.str(),
                                hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint),
                                fmt::join(names, ", ")),
                    err);
    }
    if (!(options & key->option)) continue;  // another command's option
    ConfigFile::Entry entry;
    if (!Words(r, *key, node, dir, &entry.words, err)) return false;
    entry.line = static_cast<int>(node.source().begin.line);
    entry.column = static_cast<int>(node.source().begin.column);
    out->entries.push_back(std::move(entry));
  }
  out->path = path;
  out->content = std::move(r.content);
  return true;
}

std::string ConfigFile::Error(const Entry& entry, std::string_view message) const {
  return SourceError(path, content, entry.line, entry.column, message);
}

}  // namespace claimcheck::cli
