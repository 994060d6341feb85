#!/usr/bin/env bash
# Pipeline throughput (bench/pipelines.py): lectern --batch, --warc, the
# Python package on threads and the Spark job in local mode, beside
# trafilatura, over every page of the dev corpora. Builds the CLI and the
# wheel, installs the wheel into a fresh venv beside the pinned tools
# (./build.sh setup makes them), then measures.
#
#   bash bench/pipelines.sh [CORPUS_DIR] [JOBS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
jobs=${2:-$(nproc)}
[ -d "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 2; }
tools="${LECTERN_TOOLS:-$HOME/.cache/lectern-tools}/py-$(sha256sum bindings/python/requirements-dev.txt | cut -c1-12)"
[ -x "$tools/bin/maturin" ] || { echo "Python tools missing: run ./build.sh setup" >&2; exit 2; }
cargo build --release --locked -p lectern-cli >/dev/null 2>&1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$tools/bin/maturin" build --release --locked --quiet -m bindings/python/Cargo.toml -o "$work/wheel" >/dev/null 2>&1
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-deps "$work"/wheel/*.whl
site=$("$work/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
"$tools/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])' > "$site/lectern-bench-tools.pth"
python3 bench/manifest.py "$corpus" > "$work/pages.jsonl"
"$work/venv/bin/python" bench/pipelines.py "$work/pages.jsonl" "$PWD/target/release/lectern" "$jobs"
