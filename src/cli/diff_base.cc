#include "cli/diff_base.h"

#include <fmt/format.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <system_error>

#include "report/display.h"
#include "report/locations.h"

namespace claimcheck::cli {

namespace fs = std::filesystem;

namespace {

struct Run {
  int status = -1;  ///< Exit status; -1 when it did not run or was killed.
  std::string out;
  std::string err;
};

// Runs `args` (args[0] looked up on PATH) with no shell, collecting its
// standard output and error; false when it could not be started.
bool RunProgram(const std::vector<std::string>& args, Run* run, std::string* err) {
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0) return *err = std::strerror(errno), false;
  if (pipe(err_pipe) != 0) {
    *err = std::strerror(errno);
    close(out_pipe[0]), close(out_pipe[1]);
    return false;
  }
  int exec_pipe[2];  // closed on exec; carries errno when exec fails
  if (pipe2(exec_pipe, O_CLOEXEC) != 0) {
    *err = std::strerror(errno);
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    return false;
  }
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1], exec_pipe[0]}) close(fd);
    execvp(argv[0], argv.data());
    const int e = errno;
    [[maybe_unused]] ssize_t n = write(exec_pipe[1], &e, sizeof e);
    _exit(127);
  }
  for (int fd : {out_pipe[1], err_pipe[1], exec_pipe[1]}) close(fd);
  if (pid < 0) {
    *err = std::strerror(errno);
    for (int fd : {out_pipe[0], err_pipe[0], exec_pipe[0]}) close(fd);
    return false;
  }
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&run->out, &run->err};
  int open_fds = 2;
  char buffer[65536];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  int exec_errno = 0;
  const bool exec_failed = read(exec_pipe[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno;
  close(exec_pipe[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (exec_failed) return *err = std::strerror(exec_errno), false;
  run->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return true;
}

std::string FirstLine(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  const size_t eol = text.find('\n');
  return std::string(eol == std::string_view::npos ? text : text.substr(0, eol));
}

// A path as git prints it: C-quoted ("a\tb", "\303\251") when it holds
// special bytes.
std::string Unquote(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return std::string(s);
  s = s.substr(1, s.size() - 2);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    if (c >= '0' && c <= '7') {  // a byte in octal: \303
      int v = 0;
      size_t k = 0;
      for (; k < 3 && i + k < s.size() && s[i + k] >= '0' && s[i + k] <= '7'; ++k) v = v * 8 + (s[i + k] - '0');
      i += k - 1;
      out += static_cast<char>(v);
      continue;
    }
    switch (c) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      default: out += c;  // \" and \\ …
    }
  }
  return out;
}

std::string Canonical(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(fs::absolute(p, ec), ec);
  if (ec) c = fs::absolute(p, ec).lexically_normal();
  return c.generic_string();
}

// One side of a hunk header, "-a,b" or "+c,d" (",b" absent: one line).
struct HunkSide {
  size_t start = 0;
  size_t count = 1;
};

std::optional<HunkSide> ParseSide(std::string_view header, std::string_view mark) {
  const size_t at = header.find(mark);
  if (at == std::string_view::npos) return std::nullopt;
  const char* p = header.data() + at + mark.size();
  const char* end = header.data() + header.size();
  HunkSide side;
  auto r = std::from_chars(p, end, side.start);
  if (r.ec != std::errc()) return std::nullopt;
  if (r.ptr < end && *r.ptr == ',' && std::from_chars(r.ptr + 1, end, side.count).ec != std::errc()) {
    return std::nullopt;
  }
  return side;
}

// The last line of the ledger entry whose `[[fact]]` header is on line
// `first`: the line before the next table header, else the file's last line.
size_t EntryEnd(const std::string& path, size_t first) {
  std::ifstream in(path, std::ios::binary);
  size_t n = 0, last = first;
  for (std::string line; std::getline(in, line);) {
    if (++n <= first) continue;
    const size_t text = line.find_first_not_of(" \t");
    if (text != std::string::npos && line[text] == '[') break;
    last = n;
  }
  return last;
}

}  // namespace

bool ChangedLines::Touches(const std::string& path, size_t first, size_t last) const {
  const std::string key = Canonical(path);
  if (whole_files.count(key)) return true;
  const auto it = ranges.find(key);
  if (it == ranges.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(),
                     [&](const auto& r) { return r.first <= last && first <= r.second; });
}

void ParseUnifiedDiff(std::string_view diff, const std::string& toplevel, ChangedLines* out) {
  std::vector<std::pair<size_t, size_t>>* file = nullptr;
  size_t old_left = 0, new_left = 0;  // lines of the current hunk still to come
  size_t pos = 0;
  while (pos < diff.size()) {
    size_t eol = diff.find('\n', pos);
    if (eol == std::string_view::npos) eol = diff.size();
    std::string_view line = diff.substr(pos, eol - pos);
    pos = eol + 1;
    // A hunk's own lines, counted by its header: an added line that reads
    // "++ b/x" is text, not the next file's header.
    if ((old_left > 0 && line.starts_with('-')) || (new_left > 0 && line.starts_with('+'))) {
      --(line.starts_with('-') ? old_left : new_left);
      continue;
    }
    if (line.starts_with('\\')) continue;  // "\ No newline at end of file"
    old_left = new_left = 0;
    if (line.starts_with("+++ ")) {
      line.remove_prefix(4);
      if (line.ends_with('\t')) line.remove_suffix(1);  // git's mark after a name with a space
      const std::string name = Unquote(line);
      file = nullptr;
      if (name.starts_with("b/")) file = &out->ranges[Canonical(fs::path(toplevel) / name.substr(2))];
    } else if (line.starts_with("@@ ")) {
      const std::string_view header = line.substr(0, line.find(" @@", 2));
      const auto old_side = ParseSide(header, " -");
      const auto new_side = ParseSide(header, " +");
      if (!old_side || !new_side) continue;
      old_left = old_side->count;
      new_left = new_side->count;
      if (file != nullptr && new_side->count > 0) {
        file->emplace_back(new_side->start, new_side->start + new_side->count - 1);
      }
    }
  }
}

bool ReadChangedLines(const std::string& ref, ChangedLines* out, std::string* err) {
  if (ref.empty() || ref.starts_with('-')) {
    return *err = fmt::format("--diff-base '{}' is not a git revision", ref), false;
  }
  Run top;
  std::string why;
  if (!RunProgram({"git", "rev-parse", "--show-toplevel"}, &top, &why)) {
    return *err = fmt::format("--diff-base {}: cannot run git: {}", ref, why), false;
  }
  if (top.status != 0) {
    return *err = fmt::format("--diff-base {}: not in a git repository ({})", ref, FirstLine(top.err)), false;
  }
  const std::string toplevel = FirstLine(top.out);
  Run verify;
  if (!RunProgram({"git", "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"}, &verify,
                  &why) ||
      verify.status != 0) {
    return *err = fmt::format("--diff-base {}: unknown revision (no commit of that name in {})", ref, toplevel),
           false;
  }
  // The working tree against REF, new-side line numbers only; prefixes and
  // quoting fixed whatever the user's git config says.
  Run diff;
  if (!RunProgram({"git", "-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--no-textconv",
                   "--unified=0", "--src-prefix=a/", "--dst-prefix=b/", FirstLine(verify.out), "--"},
                  &diff, &why) ||
      diff.status != 0) {
    return *err = fmt::format("--diff-base {}: git diff failed: {}", ref, why.empty() ? FirstLine(diff.err) : why),
           false;
  }
  ParseUnifiedDiff(diff.out, toplevel, out);
  Run untracked;
  if (!RunProgram({"git", "-C", toplevel, "ls-files", "--others", "--exclude-standard", "-z"}, &untracked, &why) ||
      untracked.status != 0) {
    return *err = fmt::format("--diff-base {}: git ls-files failed: {}", ref,
                              why.empty() ? FirstLine(untracked.err) : why),
           false;
  }
  std::string_view names = untracked.out;
  while (!names.empty()) {
    const size_t nul = names.find('\0');
    const std::string_view name = names.substr(0, nul);
    if (!name.empty()) out->whole_files.insert(Canonical(fs::path(toplevel) / std::string(name)));
    if (nul == std::string_view::npos) break;
    names.remove_prefix(nul + 1);
  }
  return true;
}

void KeepChangedFindings(const ChangedLines& changed, model::Report* report) {
  const report::ReportIndex index(*report);
  report::RecordLineFinder records;
  auto on_changed_line = [&](const model::Claim& c) {
    const model::DocumentRecord* d = index.FindDocument(c.doc);
    if (d == nullptr || d->path.empty() || d->path == "-") return false;
    if (report::LocatedInFile(*d)) {
      const report::TextRegion r = report::RegionOf(c.evidence);
      return changed.Touches(d->path, r.start_line, r.end_line);
    }
    const std::optional<size_t> line = records.LineOf(*d);
    return line && changed.Touches(d->path, *line, *line);
  };
  std::erase_if(report->findings, [&](const model::Finding& f) {
    for (const model::Claim* c : index.ClaimsOf(f)) {
      if (on_changed_line(*c)) return false;
    }
    if (const auto entry = report::LedgerEntryOf(f)) {
      if (changed.Touches(entry->path, entry->line, EntryEnd(entry->path, entry->line))) return false;
    }
    return true;
  });
}

}  // namespace claimcheck::cli
