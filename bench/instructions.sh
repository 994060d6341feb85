#!/usr/bin/env bash
# Instructions executed (valgrind's callgrind), which unlike CPU seconds do
# not move with what else the machine is doing: the whole batch processes of
# bench/batch.sh (`lectern --batch --jobs 1` as shipped, the same CLI with
# the system allocator, and dom_smoothie's `smoothie-batch`) over every 7th
# page of the dev corpora (bench/manifest.py order).
#
#   bash bench/instructions.sh [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
[ -d "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind not found (apt-get install valgrind)" >&2; exit 2; }
source bench/engines.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/manifest.py "$corpus" | awk 'NR % 7 == 1' > "$work/manifest.jsonl"
echo "$(wc -l < "$work/manifest.jsonl") pages (every 7th of the dev corpora), instructions executed"
count() { # name command... -> "name: N instructions"
  local name=$1; shift
  valgrind --tool=callgrind --callgrind-out-file="$work/$name.out" "$@" > /dev/null 2> "$work/$name.err"
  sed -n 's/.*Collected : \([0-9]*\)/\1/p' "$work/$name.err" > "$work/$name.n"
  printf '  %-22s %14s\n' "$name" "$(cat "$work/$name.n")"
}
count lectern ./target/release/lectern --batch "$work/manifest.jsonl" --jobs 1
count lectern_system_alloc ./target/release/lectern-system-alloc --batch "$work/manifest.jsonl" --jobs 1
count dom_smoothie bench/compare/target/release/smoothie-batch "$work/manifest.jsonl"
s=$(cat "$work/dom_smoothie.n")
for name in lectern lectern_system_alloc; do
  awk -v a="$(cat "$work/$name.n")" -v b="$s" -v n="$name" 'BEGIN { printf "  %s / dom_smoothie: %.3f\n", n, a / b }'
done
