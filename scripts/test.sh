#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it. Sections run in order and the
# first failure stops the run:
#   c        make test-c (C unit tests under ASan/UBSan/LSan)
#   fuzz     make fuzz, FUZZ_SECONDS (default 30) per target
#   wasm     dist/geovec.wasm is what the sources build to
#   native   test/*.test.ts with GEOVEC_BACKEND=native
#   wasm-ts  test/*.test.ts with GEOVEC_BACKEND=wasm
#   types    a consumer's type check of the published declarations
#            (test/types: strict + exactOptionalPropertyTypes)
#   browser  test/browser/smoke.mjs (bundle in headless Chromium) and
#            test/browser/bundlers.mjs (esbuild and Vite builds, default
#            geovec.wasm location)
# Usage: scripts/test.sh [all|ts|SECTION...]   (ts = native + wasm-ts)
#
# First it makes sure of its toolchain (clang, lld, wasi-libc, the wasm32
# and sanitizer runtimes of libclang-rt, chromium): what is missing is
# installed with apt-get when the script runs as root with apt available (as
# CI does); otherwise it stops and prints the one command to run.
set -Eeuo pipefail
cd "$(dirname "$0")/.."

# ---- toolchain ------------------------------------------------------------------
# Each need: "what it is for|how to detect it|the Debian package".
clang_ver() { clang -dumpversion 2>/dev/null | cut -d. -f1; }
has_rt() { compgen -G "/usr/lib/llvm-$(clang_ver)/lib/clang/*/lib/$1" >/dev/null; }
TOOLCHAIN_NEEDS=(
  "clang|command -v clang|clang"
  "lld (wasm-ld)|command -v wasm-ld || compgen -G '/usr/lib/llvm-*/bin/wasm-ld'|lld"
  "wasi-libc|test -d /usr/include/wasm32-wasi -o -d /usr/share/wasi-sysroot|wasi-libc"
  "libclang-rt (sanitizers, libFuzzer)|has_rt 'linux/libclang_rt.asan*'|libclang-rt-14-dev"
  "libclang-rt wasm32 builtins|has_rt 'wasi/libclang_rt.builtins-wasm32.a'|libclang-rt-14-dev-wasm32"
  "chromium|test -x \"${CHROMIUM:-/usr/bin/chromium}\"|chromium"
)

ensure_toolchain() {
  local missing=() packages=() need what check pkg
  for need in "${TOOLCHAIN_NEEDS[@]}"; do
    IFS='|' read -r what check pkg <<<"$need"
    if ! eval "$check" >/dev/null 2>&1; then
      missing+=("$what")
      packages+=("$pkg")
    fi
  done
  ((${#missing[@]} == 0)) && return 0
  echo "scripts/test.sh: missing from the toolchain: ${missing[*]}" >&2
  local cmd="apt-get update && apt-get install -y --no-install-recommends ${packages[*]}"
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "scripts/test.sh: installing: $cmd" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" </dev/null
    return 0
  fi
  echo "scripts/test.sh: run this (as root), then npm test again:" >&2
  echo "  sudo sh -c '$cmd'" >&2
  exit 1
}

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

declare -a summary=()
total_pass=0
current=''

section() {
  current=$1
  section_start=$SECONDS
  printf '\n===== %s =====\n' "$2"
}
section_done() {
  summary+=("$(printf '%-8s %-40s %4ss' "$current" "$1" $((SECONDS - section_start)))")
}
# Any failing command ends the run here, naming the section it was in.
on_error() {
  local rc=$?
  printf '\n===== FAILED: section "%s" (exit %s) =====\n' "${current:-setup}" "$rc"
  exit "$rc"
}
trap on_error ERR

run_c() {
  section c 'C unit tests (make test-c, ASan+UBSan+LSan)'
  make --no-print-directory test-c 2>&1 | tee "$logs/c.log"
  local checks
  checks=$(awk '/: [0-9]+ checks, 0 failed$/ { n += $(NF-3) } END { print n + 0 }' "$logs/c.log")
  section_done "$(grep -c ' checks, 0 failed$' "$logs/c.log" || true) files, $checks checks"
}

run_fuzz() {
  section fuzz "bounded fuzz pass (make fuzz FUZZ_SECONDS=${FUZZ_SECONDS:-30})"
  make --no-print-directory fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-30}"
  section_done 'no crash'
}

run_wasm_fresh() {
  section wasm 'WASM freshness (scripts/check-wasm-fresh.sh)'
  bash scripts/check-wasm-fresh.sh
  section_done 'fresh and reproducible'
}

# Node 20 finds no .ts files in a folder or a quoted glob and then passes
# with zero tests, so the list is expanded here and must not be empty.
ts_files() {
  shopt -s nullglob
  files=(test/*.test.ts)
  shopt -u nullglob
  if ((${#files[@]} == 0)); then
    echo "scripts/test.sh: no test/*.test.ts files found" >&2
    false
  fi
}

run_ts() {
  local backend=$1 name=$2
  section "$name" "TypeScript tests, GEOVEC_BACKEND=$backend"
  ts_files
  # Make sure the backend asked for is the one that loads: a missing addon
  # must fail here, not quietly fall back to WASM.
  local got
  got=$(GEOVEC_BACKEND=$backend node --import tsx -e \
    "import('./src/ts/index.ts').then((g) => console.log(g.backend()))") || {
    echo "scripts/test.sh: the $backend backend does not load (native: is build/Release/geovec.node built? run npm run build:native)" >&2
    false
  }
  if [[ $got != "$backend" ]]; then
    echo "scripts/test.sh: asked for the $backend backend, got \"$got\"" >&2
    false
  fi
  echo "${#files[@]} files: ${files[*]}"
  # The spec reporter is for people; the TAP one, into a file, gives the
  # closing '# tests N' / '# pass N' / '# fail N' lines that CI reads, which
  # are printed after the run (whether it passed or not).
  local tap="$logs/$name.tap" rc=0
  GEOVEC_BACKEND=$backend node --import tsx --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" \
    "${files[@]}" 2>&1 || rc=$?
  echo "node --test summary, GEOVEC_BACKEND=$backend:"
  grep -E '^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ' "$tap" || true
  local tests pass
  tests=$(awk '/^# tests [0-9]+$/ { print $3 }' "$tap" | tail -n 1)
  pass=$(awk '/^# pass [0-9]+$/ { print $3 }' "$tap" | tail -n 1)
  if ((rc != 0)); then
    echo "scripts/test.sh: TypeScript tests failed on the $backend backend" >&2
    return "$rc"
  fi
  if [[ -z $tests || -z $pass ]]; then
    echo "scripts/test.sh: node's test runner printed no summary" >&2
    false
  fi
  if ((tests == 0)); then
    echo "scripts/test.sh: node's test runner ran no test" >&2
    false
  fi
  total_pass=$((total_pass + pass))
  section_done "$pass/$tests passed"
}

run_browser() {
  section browser 'browser tests (test/browser/smoke.mjs, bundlers.mjs, web.mjs)'
  node test/browser/smoke.mjs 2>&1 | tee "$logs/browser.log"
  node test/browser/bundlers.mjs 2>&1 | tee -a "$logs/browser.log"
  node test/browser/web.mjs 2>&1 | tee -a "$logs/browser.log"
  local pass
  pass=$(awk -F'[ ,]+' '/^browser(-bundlers)?: [0-9]+ passed, [0-9]+ failed$/ { n += $2 } END { print n + 0 }' "$logs/browser.log")
  total_pass=$((total_pass + ${pass:-0}))
  section_done "${pass:-0} passed"
}

# The declarations as a consumer sees them: emitted into build/types and
# checked with test/types/tsconfig.json (strict, exactOptionalPropertyTypes).
run_types() {
  section types 'consumer type check (test/types/consumer.ts)'
  rm -rf build/types
  npx --no-install tsc -p tsconfig.json --emitDeclarationOnly --outDir build/types
  npx --no-install tsc -p test/types/tsconfig.json
  total_pass=$((total_pass + 1))
  section_done '1 passed'
}

sections=("$@")
((${#sections[@]})) || sections=(all)
plan=()
for s in "${sections[@]}"; do
  case $s in
    all) plan+=(c fuzz wasm native wasm-ts types browser) ;;
    ts) plan+=(native wasm-ts) ;;
    c | fuzz | wasm | native | wasm-ts | types | browser) plan+=("$s") ;;
    *)
      echo "usage: scripts/test.sh [all|ts|c|fuzz|wasm|native|wasm-ts|types|browser]..." >&2
      exit 2
      ;;
  esac
done

# Only the sections that build C or run a browser need the toolchain.
for s in "${plan[@]}"; do
  case $s in c | fuzz | wasm | browser) ensure_toolchain && break ;; esac
done

for s in "${plan[@]}"; do
  case $s in
    c) run_c ;;
    fuzz) run_fuzz ;;
    wasm) run_wasm_fresh ;;
    native) run_ts native native ;;
    wasm-ts) run_ts wasm wasm-ts ;;
    types) run_types ;;
    browser) run_browser ;;
  esac
done

printf '\n===== summary =====\n'
printf '%s\n' "${summary[@]}"
# One closing line over every test counted above (TypeScript on both
# backends plus the browser test); any failure has already exited non-zero.
counted=0
for s in "${plan[@]}"; do [[ $s == native || $s == wasm-ts || $s == types || $s == browser ]] && counted=1; done
((counted)) && echo "all: $total_pass passed, 0 failed"
exit 0
