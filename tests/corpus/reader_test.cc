#include "corpus/reader.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace claimcheck::corpus {

namespace fs = std::filesystem;

namespace {

// A scratch directory, removed when the test ends.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("claimcheck_reader_test_" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string Write(const std::string& rel, const std::string& bytes) const {
    const fs::path p = path / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
};

std::vector<Document> ReadString(const std::string& stdin_text, std::vector<std::string> args) {
  std::istringstream in(stdin_text);
  return ReadInputs(args, in);
}

}  // namespace

TEST_CASE("document ids drop the extension and a leading ./") {
  CHECK(DocumentIdForPath("fixtures/seeds/000_fdd386b82e3f80ff.txt") ==
        "fixtures/seeds/000_fdd386b82e3f80ff");
  CHECK(DocumentIdForPath("./a/b.md") == "a/b");
  CHECK(DocumentIdForPath("notes") == "notes");
  CHECK(DocumentIdForPath("dir.d/notes") == "dir.d/notes");
  CHECK(DocumentIdForPath(".hidden") == ".hidden");
}

TEST_CASE("formats come from the extension") {
  CHECK(FormatForPath("a.jsonl") == Format::kJsonl);
  CHECK(FormatForPath("a.JSON") == Format::kJson);
  CHECK(FormatForPath("a.md") == Format::kMarkdown);
  CHECK(FormatForPath("a.article") == Format::kText);
  CHECK_FALSE(FormatForDirectoryEntry("args"));
  CHECK_FALSE(FormatForDirectoryEntry("check.stdout"));
}

TEST_CASE("a directory is walked recursively, sorted, hidden entries and other files skipped") {
  TempDir dir;
  dir.Write("b.txt", "B text.");
  dir.Write("a/z.md", "Z text.");
  dir.Write("a/y.txt", "Y text.");
  dir.Write(".git/x.txt", "hidden");
  dir.Write("a/.draft.txt", "hidden");
  dir.Write("notes.args", "not an input");
  const std::string root = dir.path.string();
  std::vector<Source> sources = ExpandInputs({root + "/"});
  REQUIRE(sources.size() == 3);
  CHECK(sources[0].path == root + "/a/y.txt");
  CHECK(sources[0].id == root + "/a/y");
  CHECK(sources[1].path == root + "/a/z.md");
  CHECK(sources[2].path == root + "/b.txt");
}

TEST_CASE("a leading `date YYYY-MM-DD` is metadata and its bytes stay in the text") {
  Document doc = DocumentFromText("d", "d.txt", " date 2021-01-03 January 3, 2021, marked it.",
                                  Format::kText);
  REQUIRE(doc.ok());
  REQUIRE(doc.published);
  CHECK(doc.published->ToString() == "2021-01-03");
  CHECK(doc.published_basis == "metadata");
  CHECK(doc.text.starts_with(" date 2021-01-03 "));
  CHECK(doc.body_start == 16);
  REQUIRE_FALSE(doc.sentences.empty());
  CHECK(doc.sentences[0].start == 17);

  Document mid = DocumentFromText("d", "d.txt", "The date 2021-01-03 was set.", Format::kText);
  CHECK_FALSE(mid.published);
  CHECK(mid.body_start == 0);
}

TEST_CASE("markdown front matter gives title, date, source and url") {
  Document doc = DocumentFromText(
      "d", "d.md",
      "---\ntitle: \"Crowds\"\npublished: 2013-03-12\nsource: example.org\nurl: http://x/y\n---\n"
      "Body text here.\n",
      Format::kMarkdown);
  REQUIRE(doc.ok());
  CHECK(doc.title == "Crowds");
  CHECK(doc.source == "example.org");
  CHECK(doc.url == "http://x/y");
  CHECK(doc.published->ToString() == "2013-03-12");
  CHECK(doc.text.substr(doc.body_start) == "Body text here.\n");

  Document bad = DocumentFromText("d", "d.md", "---\ndate: next week\n---\nBody.", Format::kMarkdown);
  CHECK(bad.ok());
  CHECK_FALSE(bad.published);
  REQUIRE(bad.warnings.size() == 1);
  CHECK(bad.warnings[0] == "d.md: front matter: unparseable published date 'next week' ignored");
  Document open = DocumentFromText("d", "d.md", "---\ntitle: T\nBody.", Format::kMarkdown);
  CHECK(open.title.empty());
  CHECK(open.warnings == std::vector<std::string>{"d.md: front matter has no closing '---'; read as text"});
}

TEST_CASE("bad text inputs are skipped or warned about, never dropped") {
  TempDir dir;
  const std::string binary = dir.Write("bin.txt", std::string("ab\0cd", 5));
  const std::string empty = dir.Write("empty.txt", "");
  const std::string blank = dir.Write("blank.txt", " \n\t\n");
  const std::string latin1 = dir.Write("latin1.txt", "Caf\xE9 opened.");
  const std::string missing = (dir.path / "missing.txt").string();
  std::vector<Document> docs = ReadString("", {binary, empty, blank, latin1, missing});
  REQUIRE(docs.size() == 5);
  CHECK(docs[0].reason == binary + ": binary file (NUL byte at offset 2)");
  CHECK(docs[1].reason == empty + ": empty");
  CHECK(docs[2].reason == blank + ": no text (whitespace only)");
  CHECK(docs[3].ok());
  REQUIRE(docs[3].warnings.size() == 1);
  CHECK(docs[3].warnings[0] == latin1 + ": invalid UTF-8 at byte offset 3 (byte 0xE9); text read as is");
  CHECK_FALSE(docs[4].ok());
  CHECK(docs[4].reason == missing + ": cannot read: no such file or directory");
  fs::create_symlink(dir.path / "nowhere.txt", dir.path / "gone.txt");
  std::vector<Document> gone = ReadString("", {dir.path.string()});
  auto it = std::find_if(gone.begin(), gone.end(), [](const Document& d) { return d.path.ends_with("gone.txt"); });
  REQUIRE(it != gone.end());
  CHECK(it->reason.ends_with("gone.txt: cannot read: dangling symbolic link"));
}

TEST_CASE("JSONL records: ids, news-please fields, and malformed lines skipped with file:line") {
  TempDir dir;
  const std::string path = dir.Write(
      "c.jsonl",
      "{\"id\":\"a\",\"text\":\"First. Second.\",\"published\":\"2013-03-12\",\"source\":\"x.com\"}\n"
      "{not json\n"
      "\n"
      "{\"maintext\":\"Third.\",\"date_publish\":\"2019-07-17 12:30:00\",\"source_domain\":\"y.org\"}\n"
      "{\"id\":\"b\"}\n"
      "{\"id\":\"c\",\"text\":\"T.\",\"published\":\"soon\"}\n");
  const std::string file_id = path.substr(0, path.size() - 6);
  std::vector<Document> docs = ReadString("", {path});
  REQUIRE(docs.size() == 5);
  CHECK(docs[0].id == "a");
  CHECK(docs[0].source == "x.com");
  CHECK(docs[0].published->ToString() == "2013-03-12");
  CHECK(docs[0].sentences.size() == 2);
  CHECK(docs[1].id == file_id + ":2");
  CHECK(docs[1].reason == path + ":2:3: malformed JSON record (invalid literal; last read: '{no'; expected string literal)");
  CHECK(docs[2].id == file_id + ":4");
  CHECK(docs[2].source == "y.org");
  CHECK(docs[2].published->ToString() == "2019-07-17");
  CHECK(docs[3].reason == path + ":5: record has no 'text' (or 'maintext') string");
  CHECK(docs[4].ok());
  CHECK(docs[4].warnings == std::vector<std::string>{path + ":6: unparseable published date 'soon' ignored"});
}

TEST_CASE("stdin is read once, as text or as JSONL") {
  std::vector<Document> text = ReadString("Hello there.\n", {"-"});
  REQUIRE(text.size() == 1);
  CHECK(text[0].id == "stdin");
  CHECK(text[0].ok());
  std::vector<Document> jsonl = ReadString("{\"id\":\"r1\",\"text\":\"One.\"}\n", {"-", "-"});
  REQUIRE(jsonl.size() == 2);
  CHECK(jsonl[0].id == "r1");
  CHECK(jsonl[1].reason == "-: standard input given more than once");
  CHECK(ReadString("", {"-"})[0].reason == "-: empty");
}

TEST_CASE("batches give the documents of one whole read, in order, whatever their size") {
  TempDir dir;
  std::vector<std::string> args;
  for (int i = 0; i < 5; ++i) args.push_back(dir.Write("f" + std::to_string(i) + ".txt", "Text."));
  const std::string f1 = DocumentIdForPath(args[1]);  // a record with its id is a duplicate
  args.push_back(dir.Write("r.jsonl", "{\"id\":\"a\",\"text\":\"One.\"}\n\n{bad\n"
                                      "{\"id\":\"" + f1 + "\",\"text\":\"Dup.\"}\n{\"text\":\"Two.\"}"));
  args.push_back(dir.Write("empty.jsonl", "\n  \n"));
  // A NUL byte makes its record binary, not the whole file.
  args.push_back(dir.Write("nul.jsonl", std::string("{\"id\":\"n\",\"text\":\"x\"}\n{\0}\n", 26)));
  // Invalid UTF-8 in a record is read as U+FFFD with a warning.
  args.push_back(dir.Write("latin1.jsonl", "{\"id\":\"l\",\"text\":\"caf\xE9 fire\"}\n"));
  std::istringstream in;
  const std::vector<Document> whole = ReadInputs(args, in);
  const std::vector<std::string> want_reasons = {
      "", "", "", "", "", "", "malformed JSON record", "duplicate document id", "", "no records",
      "", "binary record (NUL byte at column 2)", ""};
  REQUIRE(whole.size() == want_reasons.size());
  for (size_t i = 0; i < whole.size(); ++i) {
    CAPTURE(i);
    CHECK(whole[i].reason.find(want_reasons[i]) != std::string::npos);
    CHECK(whole[i].ok() == want_reasons[i].empty());
  }
  CHECK(whole[6].origin.find("r.jsonl:3:") != std::string::npos);  // line 3, after a blank line
  CHECK(whole[8].id.ends_with("r:5"));
  CHECK(whole[12].text == "caf\xEF\xBF\xBD fire");
  REQUIRE(whole[12].warnings.size() == 1);
  CHECK(whole[12].warnings[0].ends_with("latin1.jsonl:1: invalid UTF-8 at column 22 of the record; read as U+FFFD"));
  for (size_t budget : {size_t{1}, size_t{6}, size_t{1} << 20}) {
    CAPTURE(budget);
    InputReader reader(args, in);
    std::vector<Document> batched, batch;
    size_t batches = 0;
    while (reader.Next(budget, &batch)) {
      ++batches;
      for (Document& d : batch) batched.push_back(std::move(d));
      batch.clear();
    }
    REQUIRE(batched.size() == whole.size());
    for (size_t i = 0; i < whole.size(); ++i) {
      CHECK(batched[i].id == whole[i].id);
      CHECK(batched[i].reason == whole[i].reason);
      CHECK(batched[i].text == whole[i].text);
    }
    if (budget == 1) CHECK(batches > 3);  // every document, skipped or not, counts 1 KB
  }
}

TEST_CASE("a batch of tiny records holds as many as their text plus 1 KB each allows") {
  // Ten one-word records: 4 KB of budget takes four at a time (4 x 1,028 bytes
  // reach it), not all ten as their 40 bytes of text alone would.
  TempDir dir;
  std::string jsonl;
  for (int i = 0; i < 10; ++i) jsonl += "{\"id\":\"r" + std::to_string(i) + "\",\"text\":\"Rain\"}\n";
  const std::string path = dir.Write("tiny.jsonl", jsonl);
  std::istringstream in;
  InputReader reader({path}, in);
  std::vector<size_t> sizes;
  for (std::vector<Document> batch; reader.Next(4096, &batch); batch.clear()) sizes.push_back(batch.size());
  CHECK(sizes == std::vector<size_t>{4, 4, 2});
}

TEST_CASE("a FIFO among the inputs is skipped with a reason, never read") {
  TempDir dir;
  const std::string fifo = (dir.path / "pipe.txt").string();
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  const std::string jsonl_fifo = (dir.path / "pipe.jsonl").string();
  REQUIRE(mkfifo(jsonl_fifo.c_str(), 0600) == 0);
  const std::string good = dir.Write("good.txt", "Text.");
  std::istringstream in;
  // Also when found by walking the directory.
  for (const std::vector<std::string>& args : {std::vector<std::string>{fifo, jsonl_fifo, good},
                                               std::vector<std::string>{dir.path.string()}}) {
    const std::vector<Document> docs = ReadInputs(args, in);
    REQUIRE(docs.size() == 3);
    int skipped = 0;
    for (const Document& d : docs) {
      if (d.ok()) continue;
      ++skipped;
      CHECK(d.reason.find("not a regular file (a FIFO, socket or device)") != std::string::npos);
    }
    CHECK(skipped == 2);
  }
}

TEST_CASE("a symbolic link to a directory in a walk is listed as skipped, not lost") {
  TempDir dir;
  dir.Write("real/a.txt", "Text.");
  fs::create_directory_symlink(dir.path / "real", dir.path / "link");
  std::istringstream in;
  const std::vector<Document> docs = ReadInputs({dir.path.string()}, in);
  REQUIRE(docs.size() == 2);
  CHECK_FALSE(docs[0].ok());
  CHECK(docs[0].id.ends_with("/link"));
  CHECK(docs[0].reason.find("symbolic link to a directory, not followed") != std::string::npos);
  CHECK(docs[1].ok());
  CHECK(docs[1].id.ends_with("/real/a"));
}

TEST_CASE("a second document with the same id is skipped with the first one's path") {
  TempDir dir;
  const std::string a = dir.Write("x.txt", "One.");
  const std::string b = dir.Write("x.md", "Two.");
  std::vector<Document> docs = ReadString("", {a, b});
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].ok());
  CHECK(docs[1].reason == b + ": duplicate document id '" + docs[0].id + "' (first read from " + a + ")");
}

TEST_CASE("fingerprints are shared by copies of one sentence, whatever the punctuation") {
  Document a = DocumentFromText("a", "a.txt",
                                "Police said the bomb killed two officers on Friday in Woodburn.",
                                Format::kText);
  Document b = DocumentFromText("b", "b.txt",
                                "POLICE said: the bomb killed two officers, on Friday in Woodburn!",
                                Format::kText);
  Document short_line = DocumentFromText("c", "c.txt", "Calls for withdrawal of US troops",
                                         Format::kText);
  REQUIRE(a.fingerprints.size() == 1);
  CHECK(a.fingerprints == b.fingerprints);
  CHECK(short_line.fingerprints.empty());
}

}  // namespace claimcheck::corpus
