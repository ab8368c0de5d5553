#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (fuzz/, CLAIMCHECK_FUZZ=ON, ASan + UBSan with
# float-cast-overflow) and runs each for SECONDS. Fails on any crash, leak, UB report,
# out-of-memory or input slower than the per-input timeout; the input that did it is kept
# in build-fuzz/artifacts/. See fuzz/README.md.
#   scripts/fuzz.sh SECONDS [TARGET...]     targets: corpus rules ledger reconcile normalize extract config baseline frontmatter store
# Environment: FUZZ_BUILD (build-fuzz), FUZZ_MAX_LEN (1048576 bytes), FUZZ_TIMEOUT (per input,
# 60 s), FUZZ_RSS_MB (2048), FUZZ_LONG (targets whose inputs may grow to FUZZ_MAX_LEN at once,
# -len_control=0, so super-linear paths are reached: "extract normalize reconcile"; "" for
# libFuzzer's slow growth), FUZZ_NICE (19: fuzz on idle CPU only), CXX (clang++).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}"
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(corpus rules ledger reconcile normalize extract config baseline frontmatter store)
build="${FUZZ_BUILD:-build-fuzz}"

if ! command -v "${CXX:-clang++}" > /dev/null; then
  echo "scripts/fuzz.sh: ${CXX:-clang++} not found (apt-get install clang)" >&2
  exit 2
fi
CC="${CC:-clang}" CXX="${CXX:-clang++}" cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCLAIMCHECK_WERROR=ON -DCLAIMCHECK_FUZZ=ON -DCLAIMCHECK_TESTS=OFF > /dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

# Leaks, and UB reports as crashes (UBSan halts: -fno-sanitize-recover=all).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

dict_for() {
  case "$1" in
    corpus|reconcile|baseline|store) echo fuzz/dict/json.dict ;;
    rules|ledger|config) echo fuzz/dict/toml.dict ;;
    frontmatter) echo fuzz/dict/frontmatter.dict ;;
    normalize|extract) echo fuzz/dict/words.dict ;;
  esac
}

failed=()
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"      # grows from run to run; the committed seeds stay as they are
  mkdir -p "$corpus" "$build/artifacts"
  len_control=()
  case " ${FUZZ_LONG-extract normalize reconcile} " in *" $t "*) len_control=(-len_control=0) ;; esac
  echo "== fuzz_$t: ${seconds}s ${len_control[*]}"
  if ! nice -n "${FUZZ_NICE:-19}" "$build/fuzz/fuzz_$t" "$corpus" "fuzz/seeds/$t" "fuzz/regressions/$t" \
      -dict="$(dict_for "$t")" -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-1048576}" \
      -timeout="${FUZZ_TIMEOUT:-60}" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -print_final_stats=1 \
      "${len_control[@]}" -artifact_prefix="$build/artifacts/$t-" 2> "$build/fuzz_$t.log"; then
    failed+=("$t")
    tail -n 60 "$build/fuzz_$t.log" >&2
  fi
  grep -E '^(#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|stat::peak_rss_mb)' "$build/fuzz_$t.log" | tail -n 3 || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "scripts/fuzz.sh: findings in: ${failed[*]} (inputs in $build/artifacts/)" >&2
  exit 1
fi
echo "scripts/fuzz.sh: ${#targets[@]} targets, ${seconds}s each, no finding"
