// Runs files through the fuzz targets without libFuzzer (the ordinary build):
//   claimcheck_fuzz_replay TARGET FILE|DIR...
// Each file is one input; a directory is every file in it. A target that
// breaks an invariant aborts (and a sanitizer build reports what it found).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#define CLAIMCHECK_FUZZ_DECLARE(name) extern "C" int name(const uint8_t* data, size_t size);
CLAIMCHECK_FUZZ_DECLARE(FuzzCorpus)
CLAIMCHECK_FUZZ_DECLARE(FuzzRules)
CLAIMCHECK_FUZZ_DECLARE(FuzzLedger)
CLAIMCHECK_FUZZ_DECLARE(FuzzReconcile)
CLAIMCHECK_FUZZ_DECLARE(FuzzNormalize)
CLAIMCHECK_FUZZ_DECLARE(FuzzExtract)
CLAIMCHECK_FUZZ_DECLARE(FuzzConfig)
CLAIMCHECK_FUZZ_DECLARE(FuzzBaseline)
CLAIMCHECK_FUZZ_DECLARE(FuzzFrontmatter)
CLAIMCHECK_FUZZ_DECLARE(FuzzStore)

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  using Entry = int (*)(const uint8_t*, size_t);
  const std::map<std::string, Entry> targets = {
      {"corpus", FuzzCorpus},       {"rules", FuzzRules},         {"ledger", FuzzLedger},
      {"reconcile", FuzzReconcile}, {"normalize", FuzzNormalize}, {"extract", FuzzExtract},
      {"config", FuzzConfig},       {"baseline", FuzzBaseline},
      {"frontmatter", FuzzFrontmatter}, {"store", FuzzStore}};
  if (argc < 3 || !targets.count(argv[1])) {
    std::fprintf(stderr, "usage: claimcheck_fuzz_replay corpus|rules|ledger|reconcile|normalize|extract|config|baseline|frontmatter|store FILE|DIR...\n");
    return 2;
  }
  const Entry entry = targets.at(argv[1]);
  std::vector<fs::path> files;
  for (int i = 2; i < argc; ++i) {
    std::error_code ec;
    if (fs::is_directory(argv[i], ec)) {
      for (const auto& e : fs::directory_iterator(argv[i])) {
        if (e.is_regular_file()) files.push_back(e.path());
      }
    } else {
      files.emplace_back(argv[i]);
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", f.c_str());
      return 2;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    entry(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("%s: %zu inputs\n", argv[1], files.size());
  return 0;
}
