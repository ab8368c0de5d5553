// What every fuzz target shares (fuzz/README.md).
//
// Under libFuzzer (CLAIMCHECK_FUZZ=ON) each target is its own binary and its
// entry point is LLVMFuzzerTestOneInput. In the ordinary build every target
// is compiled into one replay binary (replay.cc) with its entry point renamed
// by CLAIMCHECK_FUZZ_ENTRY, so that ctest runs the seeds and the regression
// inputs through each target with GCC and its sanitizers too.
#ifndef CLAIMCHECK_FUZZ_FUZZ_H_
#define CLAIMCHECK_FUZZ_FUZZ_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "extract/extractor.h"
#include "normalize/recognizer.h"
#include "rules/rule_set.h"

#ifndef CLAIMCHECK_FUZZ_ENTRY
#define CLAIMCHECK_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif
#define CLAIMCHECK_FUZZ_TARGET \
  extern "C" int CLAIMCHECK_FUZZ_ENTRY(const uint8_t* data, size_t size)

namespace claimcheck::fuzz {

/// A broken invariant: says which and aborts, so libFuzzer keeps the input.
[[noreturn]] inline void Fail(std::string_view what) {
  std::fprintf(stderr, "fuzz invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

inline void Require(bool ok, std::string_view what) {
  if (!ok) Fail(what);
}

inline std::string_view Bytes(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// The embedded rules, their recognizer and extractor: built once per process.
struct Engine {
  rules::RuleSet rules;
  std::unique_ptr<normalize::Recognizer> recognizer;
  std::unique_ptr<extract::Extractor> extractor;
};

inline const Engine& EmbeddedEngine() {
  static const Engine* engine = [] {
    auto* e = new Engine;
    std::string err;
    if (!rules::LoadRuleSet({}, &e->rules, &err) ||
        !normalize::Recognizer::Create(e->rules, &e->recognizer, &err) ||
        !extract::Extractor::Create(e->rules, *e->recognizer, &e->extractor, &err)) {
      Fail("the embedded rules do not load: " + err);
    }
    return e;
  }();
  return *engine;
}

}  // namespace claimcheck::fuzz

#endif  // CLAIMCHECK_FUZZ_FUZZ_H_
