#!/usr/bin/env bash
# Lectern's one build script. Safe to run twice; installs what is missing.
#
#   ./build.sh setup   install the toolchain pieces (wasm32 target)
#   ./build.sh         build everything, then show the bundled sample page as a clean article
#   ./build.sh test    run every test, the wasm32 build check and the corpus quality gate
#   ./build.sh eval    print quality and speed on ../shared/corpus
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
SHARED="$ROOT/../shared"
cmd=${1:-all}

log() { printf '\n==> %s\n' "$*"; }

setup() {
  log "toolchain"
  command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; exit 1; }
  if command -v rustup >/dev/null && ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
}

build_native() {
  log "native library and CLI (release)"
  cargo build --release --locked --bin lectern
}

check_wasm() {
  log "core library for wasm32-unknown-unknown"
  cargo build --release --locked --lib --target wasm32-unknown-unknown --no-default-features
}

sample() {
  log "bundled sample page as a clean article"
  mkdir -p dist
  local page="$ROOT/samples/harbor-bridge.html" url="https://harbor-times.example/news/2024/harbor-bridge.html"
  ./target/release/lectern "$page" --url "$url" --format html > dist/sample-reader.html
  ./target/release/lectern "$page" --url "$url" --format text
  echo
  echo "Reader page written to dist/sample-reader.html (open it in a browser)."
}

run_tests() {
  log "unit, integration and fixture tests"
  cargo test --release --locked
  check_wasm
  log "corpus quality gate"
  if [ -d "$SHARED/corpus" ]; then
    cargo run --release --locked --example eval -- "$SHARED/corpus" --gate
  else
    echo "skipped: ../shared/corpus not found (the quality gate runs where it exists, as in CI)"
  fi
}

case "$cmd" in
  setup) setup ;;
  all) setup; build_native; check_wasm; sample ;;
  test) setup; run_tests ;;
  eval) cargo run --release --locked --example eval -- "${2:-$SHARED/corpus}" --report "${3:-10}" ;;
  *) echo "usage: ./build.sh [setup|all|test|eval]" >&2; exit 2 ;;
esac
