#!/usr/bin/env bash
# metal: Metal Console's own commands. The two that matter:
#   ./metal demo    install what is missing, build the web console, serve the offline demo
#   ./metal test    install what is missing, build both presets, run every test
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

# Everything the project builds and tests with, from Debian's archive.
PACKAGES=(
  cmake make g++ pkg-config xz-utils ca-certificates
  emscripten nodejs openjdk-17-jre-headless
  libglfw3-dev libgl-dev libcurl4-openssl-dev libyaml-cpp-dev libboost-dev libssl-dev
  nlohmann-json3-dev doctest-dev
  python3 python3-fonttools fonts-inter fonts-jetbrains-mono
  chromium xvfb xauth imagemagick xdotool
  clang-14 libfuzzer-14-dev libclang-rt-14-dev
  wrk
)

# emcc 3.1.6 needs Debian's node modules (acorn, ...) when `node` is not Debian's own.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
JOBS="${METAL_JOBS:-2}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'metal: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $* (run as root, or install sudo)"; fi
}

missing_packages() {
  local pkg
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

has_deb_src() {
  grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/
}

# ImGui is compiled from Debian's source package (for WebAssembly too), so source indexes are needed.
enable_deb_src() {
  local uri="http://deb.debian.org/debian"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  say "Enabling Debian source packages (for Dear ImGui's sources)"
  as_root tee /etc/apt/sources.list.d/metal-console-src.sources >/dev/null <<EOF
Types: deb-src
URIs: ${uri:-http://deb.debian.org/debian}
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
}

cmd_setup() {
  local missing need_update=0
  missing=$(missing_packages | tr '\n' ' ')
  # npm installs Closure Compiler for the web bundle (cmake/Closure.cmake). Debian ships it apart
  # from nodejs; a nodejs from elsewhere (NodeSource) carries its own and conflicts with Debian's.
  if ! command -v npm >/dev/null 2>&1; then missing="$missing npm"; fi
  if ! has_deb_src; then enable_deb_src; need_update=1; fi
  if [ -n "${missing// /}" ]; then need_update=1; fi
  # Source indexes present but never fetched: `apt-get source` would find nothing.
  if [ "$need_update" -eq 0 ] && [ ! -d .deps/imgui-1.86 ] && ! apt-cache showsrc imgui >/dev/null 2>&1; then
    need_update=1
  fi
  if [ "$need_update" -eq 1 ]; then
    say "Updating package lists"
    as_root apt-get update -qq
  fi
  if [ -n "${missing// /}" ]; then
    say "Installing: $missing"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  fi
}

configure() {  # preset
  if [ ! -f "build/$1/CMakeCache.txt" ]; then
    say "Configuring the $1 preset"
    cmake --preset "$1" >/dev/null
  fi
}

cmd_build() {  # [native|web|fuzz|all]
  local which="${1:-all}" preset
  case "$which" in native|web|fuzz|all) ;; *) die "build: expected native, web, fuzz or all, not '$which'" ;; esac
  for preset in native web fuzz; do
    if [ "$which" = all ] || [ "$which" = "$preset" ]; then
      configure "$preset"
      say "Building the $preset preset"
      set +e
      cmake --build --preset "$preset" -j "$JOBS" -- --no-print-directory 2>&1 | grep -vE '^\[ *[0-9]+%\]'
      local status=${PIPESTATUS[0]}
      set -e
      [ "$status" -eq 0 ] || die "the $preset build failed"
    fi
  done
}

cmd_demo() {
  local port=8080 host=127.0.0.1
  while [ $# -gt 0 ]; do
    case "$1" in
      --port) port="${2:?--port needs a number}"; shift 2 ;;
      --port=*) port="${1#--port=}"; shift ;;
      --host) host="${2:?--host needs an address}"; shift 2 ;;
      *) die "demo: unknown option '$1' (options: --port N, --host ADDR)" ;;
    esac
  done
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "demo: --port needs 1-65535, not '$port'"
  cmd_setup
  cmd_build web
  say "Serving build/web/dist (Ctrl+C to stop). Try ?servers=100000 or ?seed=7&speed=10 in the address."
  exec python3 web/serve.py --dir build/web/dist --host "$host" --port "$port"
}

cmd_desktop() {
  cmd_setup
  cmd_build native
  exec build/native/bin/metal-console "$@"
}

# Runs one preset's tests; prints ctest's own output and records the counts.
PASSED=0
FAILED=0
run_tests() {  # preset
  local log
  log=$(mktemp)
  say "Testing the $1 preset"
  set +e
  ctest --preset "$1" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  set -e
  local total failed
  total=$(sed -nE 's/.*tests passed, ([0-9]+) tests? failed out of ([0-9]+).*/\2/p' "$log" | tail -1)
  failed=$(sed -nE 's/.*tests passed, ([0-9]+) tests? failed out of ([0-9]+).*/\1/p' "$log" | tail -1)
  rm -f "$log"
  if [ -z "$total" ]; then FAILED=$((FAILED + 1)); return; fi
  PASSED=$((PASSED + total - failed))
  FAILED=$((FAILED + failed))
  [ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || FAILED=$((FAILED + 1))
}

cmd_test() {
  local started=$SECONDS
  cmd_setup
  cmd_build all
  run_tests native
  run_tests web
  run_tests fuzz
  echo
  echo "Artifacts (screenshots, status): build/native/test-artifacts build/web/test-artifacts"
  echo "metal test finished in $((SECONDS - started)) s"
  echo "${PASSED} passed, ${FAILED} failed"
  [ "$FAILED" -eq 0 ] && [ "$PASSED" -gt 0 ]
}

cmd_bench() {
  cmd_setup
  cmd_build all
  mkdir -p build/bench
  say "Console load, stage by stage, native (100,000 servers)"
  build/native/bench/console_load_bench 100000 | tee build/bench/console_load_native.json
  say "Console load, stage by stage, WebAssembly under node (20,000 servers)"
  node build/web/bench/console_load_bench.js 20000 | tee build/bench/console_load_wasm.json
  say "Web console at scale in headless Chromium (this takes a few minutes)"
  python3 bench/web_scale_bench.py --sizes "${METAL_BENCH_SIZES:-40,10000,100000}"
  say "The desktop app at 100,000 servers under Xvfb: first frame, frame time idle and scrolling, memory"
  python3 bench/desktop_scale_bench.py --out build/bench/desktop_scale.json
  say "Decoding 10,000 servers: native, and WebAssembly against node's JSON.parse"
  build/native/bench/decode_bench 10000 7 | tee build/bench/decode_native.json
  node build/web/bench/decode_bench.js 10000 7 | tee build/bench/decode_wasm.json
  say "metal-sandbox: 100-server pages, 64 connections, against the same bytes as a static file"
  python3 bench/sandbox_bench.py --out build/bench/sandbox_bench.json
  say "A 1,000,000-point chart into 1,600 columns: the min/max pyramid against a rescan per frame"
  build/native/bench/decimation_bench 1000000 | tee build/bench/decimation_native.json
  node build/web/bench/decimation_bench.js 1000000 | tee build/bench/decimation_wasm.json
  say "The simulated world at 100,000 servers: seed, an hour of ticks, pages, save, restore, memory"
  build/native/bench/world_bench 100000 | tee build/bench/world_native.json
  say "Bundle size"
  python3 tests/browser/bundle_budget_test.py --dist build/web/dist | tee build/bench/bundle.txt
}

cmd_fuzz() {  # [seconds per target]
  local seconds="${1:-300}"
  [[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -ge 1 ] || die "fuzz: expected a number of seconds, not '$seconds'"
  cmd_setup
  configure fuzz
  cmake --preset fuzz -DMETAL_FUZZ_SECONDS="$seconds" >/dev/null
  cmd_build fuzz
  say "Fuzzing each target for $seconds s (findings: build/fuzz/fuzz-work/*/findings)"
  ctest --preset fuzz
}

cmd_clean() { rm -rf build; say "Removed build/ (the fetched sources in .deps/ stay)"; }

usage() {
  cat <<'EOF'
Metal Console

  ./metal demo [--port N]   install what is missing, build the web console, serve the offline
                            demo on http://127.0.0.1:8080
  ./metal test              install, build both presets, run every test (non-zero on failure)

  ./metal setup             install the Debian packages the project needs (idempotent)
  ./metal build [native|web|fuzz|all]
  ./metal desktop [args]    build and run the desktop app (metal-console --help for its options)
  ./metal bench             measure: load stages, web console at 40/10k/100k servers, bundle size
  ./metal fuzz [SECONDS]    run the libFuzzer targets longer than the tests do (default 300 s each)
  ./metal clean             remove build/
EOF
}

case "${1:-help}" in
  demo) shift; cmd_demo "$@" ;;
  test) shift; cmd_test "$@" ;;
  setup) cmd_setup ;;
  build) shift; cmd_build "$@" ;;
  desktop) shift; cmd_desktop "$@" ;;
  bench) cmd_bench ;;
  fuzz) shift; cmd_fuzz "$@" ;;
  clean) cmd_clean ;;
  help|-h|--help) usage ;;
  *) usage >&2; die "unknown command '$1'" ;;
esac
