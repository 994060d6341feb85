#!/usr/bin/env python3
"""Prints a `lectern --batch` manifest (JSON lines) of every page of the dev
corpora that exist under CORPUS_DIR (default ../shared/corpus), in a fixed
order: readability-test-pages, article-benchmark-dev, trafilatura-dev,
modern-dev. Paths are absolute; `.gz` pages are inflated by the batch reader.

    python3 bench/manifest.py [CORPUS_DIR] [--only NAME[,NAME]] > pages.jsonl
"""
import json
import os
import sys


def pages(root, only):
    def want(name):
        return not only or name in only

    rtp = os.path.join(root, "readability-test-pages")
    if want("readability-test-pages") and os.path.isdir(rtp):
        for case in sorted(os.listdir(rtp)):
            src = os.path.join(rtp, case, "source.html")
            if os.path.exists(src):
                yield {"id": "rtp/" + case, "path": os.path.abspath(src), "url": "http://fakehost/test/page.html"}
    for name, truth_file in (
        ("article-benchmark-dev", "ground-truth.json"),
        ("trafilatura-dev", "truth.json"),
        ("modern-dev", "truth.json"),
    ):
        truth = os.path.join(root, name, truth_file)
        if not want(name) or not os.path.exists(truth):
            continue
        with open(truth, encoding="utf-8") as f:
            entries = json.load(f)
        for id in sorted(entries):
            path = os.path.abspath(os.path.join(root, name, "html", id + ".html.gz"))
            yield {"id": name + "/" + id, "path": path, "url": entries[id].get("url")}


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    only = set()
    if "--only" in argv:
        only = set(argv[argv.index("--only") + 1].split(","))
        args = [a for a in args if a != argv[argv.index("--only") + 1]]
    root = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus")
    if not os.path.isdir(root):
        sys.exit(f"corpus not found: {root}")
    for page in pages(root, only):
        print(json.dumps(page, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
