#include "cli/baseline.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "model/json_io.h"

namespace claimcheck::cli {

namespace {

// "line:col" of a byte offset, columns in bytes (baselines are ASCII).
std::string Place(const std::string& text, size_t byte) {
  byte = std::min(byte, text.size());
  size_t line = 1, column = 1;
  for (size_t i = 0; i < byte; ++i) {
    if (text[i] == '\n') ++line, column = 1;
    else ++column;
  }
  return fmt::format("{}:{}", line, column);
}

}  // namespace

bool ReadBaseline(const std::string& path, std::set<std::string>* fingerprints, std::string* err) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    *err = fmt::format("--baseline {}: {}", path,
                       std::filesystem::exists(path, ec) ? "not a regular file" : "no such file");
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseBaseline(path, buffer.str(), fingerprints, err);
}

bool ParseBaseline(const std::string& path, const std::string& text, std::set<std::string>* fingerprints,
                   std::string* err) {
  model::Json j;
  try {
    j = model::Json::parse(text);
  } catch (const model::Json::parse_error& e) {
    // e.byte is one past the byte that failed.
    *err = fmt::format("{}:{}: not JSON: {}", path, Place(text, e.byte > 0 ? e.byte - 1 : 0), e.what());
    return false;
  } catch (const model::Json::exception& e) {  // a number JSON cannot hold (1e400)
    *err = fmt::format("{}:1:1: not a claimcheck baseline: {}", path, e.what());
    return false;
  }
  const auto bad = [&](const std::string& why) {
    *err = fmt::format("{}:1:1: not a claimcheck baseline: {}", path, why);
    return false;
  };
  if (!j.is_object() || j.value("schema", model::Json()) != kBaselineSchema) {
    return bad(fmt::format("expected an object with \"schema\": \"{}\"", kBaselineSchema));
  }
  const auto findings = j.find("findings");
  if (findings == j.end() || !findings->is_array()) return bad("expected a \"findings\" array");
  for (size_t i = 0; i < findings->size(); ++i) {
    const model::Json& f = (*findings)[i];
    const auto fp = f.is_object() ? f.find("fingerprint") : f.end();
    if (fp == f.end() || !fp->is_string() || fp->get<std::string>().empty()) {
      return bad(fmt::format("finding {} has no \"fingerprint\" string", i + 1));
    }
    fingerprints->insert(fp->get<std::string>());
  }
  return true;
}

void WriteBaseline(const std::vector<const model::Finding*>& findings, std::ostream& out) {
  model::Json list = model::Json::array();
  for (const model::Finding* f : findings) {
    list.push_back({{"fingerprint", f->fingerprint},
                    {"verdict", f->verdict},
                    {"severity", f->severity},
                    {"subject", f->subject},
                    {"attribute", f->attribute},
                    {"summary", f->summary}});
  }
  model::Json j;
  j["schema"] = kBaselineSchema;
  j["findings"] = std::move(list);
  out << model::DumpPretty(j);
}

}  // namespace claimcheck::cli
