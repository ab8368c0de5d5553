#include "corpus/front_matter.h"

#include <doctest/doctest.h>

#include <sstream>

#include "corpus/reader.h"

namespace claimcheck::corpus {
namespace {

std::string Field(const FrontMatter& fm, const std::string& key) {
  for (const auto& [k, v] : fm.fields) {
    if (k == key) return v;
  }
  return "<none>";
}

TEST_CASE("YAML front matter: quoted, folded and literal values, comments, a BOM") {
  const std::string text =
      "\xEF\xBB\xBF---\n# comment\nTitle: \"Quake: the toll\"\nsummary: >\n  folded\n  words\n"
      "body: |\n  line one\n  line two\ndate: '2020-01-03'\ntags: [a, b]\n---\nBody.\n";
  const FrontMatter fm = ParseFrontMatter(text);
  CHECK(fm.kind == FrontMatter::Kind::kYaml);
  CHECK(fm.error.empty());
  CHECK(Field(fm, "title") == "Quake: the toll");
  CHECK(Field(fm, "summary") == "folded words");
  CHECK(Field(fm, "body") == "line one\nline two");
  CHECK(Field(fm, "date") == "2020-01-03");
  CHECK(fm.not_scalar == std::vector<std::string>{"tags"});
  CHECK(text.substr(fm.body_start) == "Body.\n");
}

TEST_CASE("TOML front matter between +++ lines; native dates read as ISO days") {
  const FrontMatter fm = ParseFrontMatter("+++\ntitle = \"T\"\npublished = 2022-01-10\nn = 3\n+++\nBody.");
  CHECK(fm.kind == FrontMatter::Kind::kToml);
  CHECK(Field(fm, "title") == "T");
  CHECK(Field(fm, "published") == "2022-01-10");
  CHECK(Field(fm, "n") == "3");
  CHECK(fm.body_start == std::string("+++\ntitle = \"T\"\npublished = 2022-01-10\nn = 3\n+++\n").size());
}

TEST_CASE("malformed front matter names its line and column in the file") {
  const FrontMatter yaml = ParseFrontMatter("---\ntitle: ok\npublished: [2020\n---\nBody.\n");
  CHECK(yaml.error.starts_with("not valid YAML"));
  CHECK(yaml.line >= 3);
  const FrontMatter toml = ParseFrontMatter("+++\ntitle = \"T\"\nsource = newsroom\n+++\nBody.\n");
  CHECK(toml.error.starts_with("not valid TOML"));
  CHECK(toml.line == 3);
  CHECK(toml.column >= 10);  // at or just after "newsroom" (where toml++ notices)
  // fuzz/regressions/frontmatter/deep-nesting.md: yaml-cpp's depth guard, said plainly.
  const FrontMatter deep = ParseFrontMatter("---\nt: " + std::string(3000, '[') + "\n---\nBody.\n");
  CHECK(deep.error.starts_with("not valid YAML: nested too deeply"));
  const FrontMatter scalar = ParseFrontMatter("---\njust words\n---\nBody.\n");
  CHECK_FALSE(scalar.error.empty());
  CHECK(scalar.line == 2);
}

TEST_CASE("no fence, or no closing fence, is no front matter") {
  CHECK(ParseFrontMatter("Body.\n---\n").kind == FrontMatter::Kind::kNone);
  CHECK(ParseFrontMatter("---").kind == FrontMatter::Kind::kNone);
  const FrontMatter open = ParseFrontMatter("+++\ntitle = 1\nBody.\n");
  CHECK(open.unclosed);
  CHECK(open.kind == FrontMatter::Kind::kToml);
}

TEST_CASE("a draft reads the same from its file and from stdin; a malformed one is skipped") {
  const std::string text = "\xEF\xBB\xBF---\ntitle: T\npublished: 2013-07-02\nsource: s\n---\nFive people died.\n";
  const Document file = DocumentFromText("d", "d.md", text, Format::kMarkdown);
  std::istringstream in(text);
  const std::vector<Document> piped = ReadSource({"-", "stdin", Format::kText, ""}, in);
  REQUIRE(piped.size() == 1);
  REQUIRE(file.ok());
  REQUIRE(piped[0].ok());
  CHECK(piped[0].title == "T");
  CHECK(piped[0].source == file.source);
  CHECK(piped[0].published->ToString() == "2013-07-02");
  CHECK(piped[0].body_start == file.body_start);
  CHECK(piped[0].sentences.size() == file.sentences.size());

  const Document bad = DocumentFromText("b", "b.md", "---\ntitle: [x\n---\nBody.\n", Format::kMarkdown);
  CHECK_FALSE(bad.ok());
  CHECK(bad.reason.starts_with("b.md:"));
  CHECK(bad.reason.find("front matter: not valid YAML") != std::string::npos);
}

}  // namespace
}  // namespace claimcheck::corpus
