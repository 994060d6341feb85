#!/usr/bin/env bash
# Whole batch processes, Lectern beside dom_smoothie, over every page of the
# dev corpora (bench/manifest.py: file reading, gunzip and charset decoding
# included, readerable verdict and article for every page, JSON lines out):
#
#   1. CPU time (user + system, from the kernel's child accounting) of
#      `lectern --batch --jobs 1` as shipped (mimalloc), of the same CLI
#      built with the system allocator (`--no-default-features`), and of
#      bench/compare's `smoothie-batch` (dom_smoothie doing the same on one
#      thread, system allocator), run alternately, 3 rounds; the ratios of
#      the totals.
#   2. Lectern's throughput on 1 and 2 threads (pages per second, wall
#      clock, best of 3).
#
#   bash bench/batch.sh [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
[ -d "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 2; }
source bench/engines.sh
manifest=$(mktemp)
trap 'rm -f "$manifest"' EXIT
python3 bench/manifest.py "$corpus" > "$manifest"

python3 - "$manifest" <<'PY'
import os, resource, subprocess, sys, time

manifest = sys.argv[1]
pages = sum(1 for line in open(manifest) if line.strip())
engines = {
    "lectern": ["./target/release/lectern", "--batch", manifest, "--jobs", "1"],
    "lectern_system_alloc": ["./target/release/lectern-system-alloc", "--batch", manifest, "--jobs", "1"],
    "dom_smoothie": ["bench/compare/target/release/smoothie-batch", manifest],
}

def cpu(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

totals = {name: [] for name in engines}
print(f"{pages} pages (all dev corpora), one thread, CPU seconds (user + system)")
for round in range(1, 4):
    line = []
    for name, cmd in engines.items():
        t = cpu(cmd)
        totals[name].append(t)
        line.append(f"{name} {t:.2f} s")
    print(f"  round {round}: " + "   ".join(line))
smoothie = sum(totals["dom_smoothie"])
for name in ("lectern", "lectern_system_alloc"):
    mine = sum(totals[name])
    print(f"  total over 3 rounds: {name} {mine:.2f} s, dom_smoothie {smoothie:.2f} s, "
          f"ratio {mine / smoothie:.3f}")

for jobs in (1, 2):
    best = None
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(engines["lectern"][:3] + ["--jobs", str(jobs)], stdout=subprocess.DEVNULL, check=True)
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    print(f"lectern --batch --jobs {jobs}: {pages} pages in {best:.2f} s = {pages / best:.0f} pages/s")
PY
