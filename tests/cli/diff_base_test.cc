#include "cli/diff_base.h"

#include <doctest/doctest.h>

#include <filesystem>

namespace claimcheck::cli {

namespace {

// git diff --unified=0 as git prints it: a modified file with a hunk of two
// new lines and one of none (a deletion), a new file, a deleted file, and a
// path git quotes (a tab and a non-ASCII byte in octal).
constexpr const char* kDiff =
    "diff --git a/drafts/a.md b/drafts/a.md\n"
    "index 1111111..2222222 100644\n"
    "--- a/drafts/a.md\n"
    "+++ b/drafts/a.md\n"
    "@@ -6 +6,2 @@ title\n"
    "-old\n"
    "+new one\n"
    "+new two\n"
    "@@ -10,3 +11,0 @@\n"
    "-gone\n"
    "-gone\n"
    "-gone\n"
    "@@ -20 +19,2 @@\n"
    "-x\n"
    "+y\n"
    "+++ b/drafts/not-a-header.md\n"  // an added line that reads "++ b/…"
    "\\ No newline at end of file\n"
    "diff --git a/drafts/new file.md b/drafts/new file.md\n"
    "new file mode 100644\n"
    "--- /dev/null\n"
    "+++ b/drafts/new file.md\t\n"
    "@@ -0,0 +1,3 @@\n"
    "+a\n+b\n+c\n"
    "diff --git a/drafts/old.md b/drafts/old.md\n"
    "deleted file mode 100644\n"
    "--- a/drafts/old.md\n"
    "+++ /dev/null\n"
    "@@ -1,2 +0,0 @@\n"
    "-a\n-b\n"
    "--- \"a/drafts/t\\tq\\303\\251.md\"\n"
    "+++ \"b/drafts/t\\tq\\303\\251.md\"\n"
    "@@ -1 +1 @@\n"
    "-a\n+b\n";

TEST_CASE("ParseUnifiedDiff: the new side's added lines of each file") {
  const std::string root = std::filesystem::temp_directory_path().string() + "/claimcheck-diff-base-test";
  ChangedLines changed;
  ParseUnifiedDiff(kDiff, root, &changed);
  const std::string a = root + "/drafts/a.md";
  CHECK(changed.Touches(a, 6, 6));
  CHECK(changed.Touches(a, 7, 7));
  CHECK_FALSE(changed.Touches(a, 8, 18));  // the deletion's hunk adds nothing
  CHECK(changed.Touches(a, 19, 19));
  CHECK(changed.Touches(a, 20, 20));
  CHECK_FALSE(changed.Touches(a, 21, 21));
  CHECK(changed.ranges.size() == 3);  // a.md, "new file.md", the quoted one (old.md is gone)
  CHECK_FALSE(changed.Touches(root + "/drafts/not-a-header.md", 1, 1));
  CHECK(changed.Touches(a, 1, 100));  // a claim spanning changed lines
  CHECK_FALSE(changed.Touches(a, 1, 5));
  CHECK(changed.Touches(root + "/drafts/new file.md", 3, 3));  // git's tab after a name with a space
  CHECK_FALSE(changed.Touches(root + "/drafts/new file.md", 4, 4));
  CHECK_FALSE(changed.Touches(root + "/drafts/old.md", 1, 1));  // deleted: nothing to annotate
  CHECK(changed.Touches(root + "/drafts/t\tq\xc3\xa9.md", 1, 1));  // C-quoted, octal bytes
  CHECK_FALSE(changed.Touches(root + "/drafts/other.md", 1, 1));
}

TEST_CASE("ChangedLines: untracked files are new on every line") {
  ChangedLines changed;
  const std::string path = std::filesystem::temp_directory_path().string() + "/claimcheck-untracked.md";
  changed.whole_files.insert(std::filesystem::weakly_canonical(path).generic_string());
  CHECK(changed.Touches(path, 1, 1));
  CHECK(changed.Touches(path, 500, 501));
}

}  // namespace

}  // namespace claimcheck::cli
