#!/usr/bin/env bash
# Where the wasm bytes go, and how small the engine could get: builds the
# shipped wasm and variants with parts taken out, in a scratch copy of the
# project (the checkout is not touched), through the same wasm-bindgen and
# wasm-opt steps as build.sh, and prints raw and gzipped sizes.
#   bash bench/wasm-floor.sh        (after ./build.sh setup)
#
# The variants are measurements, not products: "no sanitizer" replaces
# sanitize::clean with the identity and "no IDNA" selects idna_adapter 1.0,
# which rejects non-ASCII host names. Neither may ship.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
TOOLS=${LECTERN_TOOLS:-$HOME/.cache/lectern-tools}
WASM_BINDGEN_VERSION=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p}' Cargo.lock)
WASM_BINDGEN="$TOOLS/wasm-bindgen-$WASM_BINDGEN_VERSION/bin/wasm-bindgen"
WASM_OPT=$(ls "$TOOLS"/binaryen-*/node_modules/.bin/wasm-opt | tail -1)
[ -x "$WASM_BINDGEN" ] && [ -x "$WASM_OPT" ] || { echo "run ./build.sh setup first" >&2; exit 2; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export CARGO_TARGET_DIR="$root/target/wasm-floor"

measure() { # label opt-level
  local label=$1 level=$2
  sed -i "/^\[profile.wasm\]/,\$ s/^opt-level = .*/opt-level = $level/" Cargo.toml
  cargo rustc --quiet -p lectern-wasm --lib --profile wasm --target wasm32-unknown-unknown --crate-type cdylib 2>/dev/null
  rm -rf out && mkdir out
  "$WASM_BINDGEN" --target web --out-dir out --out-name lectern --no-typescript \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm/lectern_wasm.wasm"
  "$WASM_OPT" -O3 --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-multivalue --enable-reference-types out/lectern_bg.wasm -o out/opt.wasm
  printf '%-44s %9d raw %9d gzipped\n' "$label" "$(wc -c < out/opt.wasm)" "$(gzip -9c out/opt.wasm | wc -c)"
}

git ls-files -z | xargs -0 cp --parents -t "$scratch"
cd "$scratch"
measure "shipped (opt-level 3)" 3
measure "opt-level z" '"z"'

# Without IDNA: idna_adapter 1.0 is the no-op backend.
sed -i 's/^url = "2"$/url = "2"\nidna_adapter = "~1.0"/' Cargo.toml
cargo update --quiet -p idna_adapter --precise 1.0.0 2>/dev/null
measure "no IDNA, opt-level 3" 3

# Without the sanitizer (ammonia and its own html5ever tree builder).
python3 - <<'PY'
import re
p = "src/sanitize.rs"
s = open(p).read()
start = s.index("pub fn clean(html: &str, options: &Options) -> String {")
end = s.index("\n}\n", start)
s = s[:start] + "pub fn clean(html: &str, _: &Options) -> String {\n    html.to_string()" + s[end:]
s = re.sub(r"^use ammonia.*$", "", s, flags=re.M)
open(p, "w").write(s)
PY
sed -i '/^ammonia = /d' Cargo.toml
measure "no IDNA, no sanitizer, opt-level 3" 3
measure "no IDNA, no sanitizer, opt-level z" '"z"'
