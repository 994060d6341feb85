#!/usr/bin/env bash
# Batch throughput of the CLI (`lectern --batch`) on 1 and 2 threads, over
# every page of both corpora (decoding and gunzip included), best of 3 runs.
#   bash bench/batch.sh [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
[ -d "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 2; }
cargo build --release --locked -p lectern-cli >/dev/null 2>&1
manifest=$(mktemp)
trap 'rm -f "$manifest"' EXIT
python3 - "$corpus" > "$manifest" <<'PY'
import json, os, sys
root = sys.argv[1]
rtp = os.path.join(root, "readability-test-pages")
for case in sorted(os.listdir(rtp)) if os.path.isdir(rtp) else []:
    src = os.path.join(rtp, case, "source.html")
    if os.path.exists(src):
        print(json.dumps({"id": case, "path": os.path.abspath(src), "url": "http://fakehost/test/page.html"}))
abd = os.path.join(root, "article-benchmark-dev")
truth = os.path.join(abd, "ground-truth.json")
if os.path.exists(truth):
    for id, entry in sorted(json.load(open(truth)).items()):
        print(json.dumps({"id": id, "path": os.path.abspath(os.path.join(abd, "html", id + ".html.gz")), "url": entry.get("url")}))
PY
pages=$(wc -l < "$manifest")
for jobs in 1 2; do
  best=
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    ./target/release/lectern --batch "$manifest" --jobs "$jobs" > /dev/null
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  printf '%d thread(s): %d pages in %.2f s = %.0f pages/s\n' "$jobs" "$pages" "$best" "$(echo "$pages / $best" | bc -l)"
done
