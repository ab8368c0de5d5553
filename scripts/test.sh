#!/usr/bin/env bash
# Builds claimcheck and its tests and runs every test (ctest), reusing the build directory.
#   scripts/test.sh              build/ : unit tests, golden fixtures, rule examples, …
#   scripts/test.sh --sanitize   build-asan/ : the same under ASan + UBSan
#   scripts/test.sh --tsan       build-tsan/ : the threaded runs under ThreadSanitizer
set -euo pipefail
cd "$(dirname "$0")/.."

build=build
# build/ is reused as it is configured (README command 1 makes it: Release, no tests): only the
# tests are turned on, so nothing built is compiled again. A fresh build/ gets warnings as errors,
# as in CI (.ci/run runs on a clean clone).
flags=(-DCLAIMCHECK_TESTS=ON)
if [ ! -f build/CMakeCache.txt ]; then
  flags+=(-DCLAIMCHECK_WERROR=ON)
fi
if [ "${1:-}" = "--sanitize" ]; then
  build=build-asan
  flags=(-DCMAKE_BUILD_TYPE=Debug -DCLAIMCHECK_WERROR=ON -DCLAIMCHECK_SANITIZE=ON -DCLAIMCHECK_TESTS=ON)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
elif [ "${1:-}" = "--tsan" ]; then
  # The runs that use threads: every fixture a second time with --jobs 3, and
  # extract shards reconciled; a data race halts the run.
  build=build-tsan
  flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCLAIMCHECK_WERROR=ON -DCLAIMCHECK_TSAN=ON -DCLAIMCHECK_TESTS=ON)
  export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
  CTEST_ARGS="${CTEST_ARGS:--R ^(fixtures|shards)$}"
fi

bash scripts/setup.sh
cmake -S . -B "$build" "${flags[@]}"
if [ "$build" = build ] && ! grep -q '^CLAIMCHECK_WERROR:BOOL=ON' build/CMakeCache.txt; then
  echo "test.sh: build/ is configured without CLAIMCHECK_WERROR: warnings do not fail this run" \
       "(cmake -S . -B build -DCLAIMCHECK_WERROR=ON turns them into errors, as CI does)" >&2
fi
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" ${CTEST_ARGS:-}
