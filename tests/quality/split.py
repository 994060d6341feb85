#!/usr/bin/env python3
"""Writes tests/quality/split.json: each dev corpus's sites, split into a
tuning part and a validation part.

Run once; the JSON is the split (checked in, fixed). A page's site is its
URL's registrable domain (last two labels, three under a two-letter country
code's "co."/"com."/... level); for readability-test-pages, whose pages all
share one fake URL, it is the case name without its "-N" suffix. A site is in
the validation part when the first byte of the SHA-1 of its name is odd, so
the parts are about half each, and every page of a site is in one part.

    python3 tests/quality/split.py ../shared/corpus
"""
import hashlib
import json
import os
import re
import sys
from urllib.parse import urlsplit

SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"}


def site_of_url(url):
    host = (urlsplit(url).hostname or "").lower()
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def site_of_case(name):
    return re.sub(r"-\d+$", "", name)


def validation(site):
    return hashlib.sha1(site.encode()).digest()[0] % 2 == 1


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"
    sites = {}
    rtp = os.path.join(root, "readability-test-pages")
    sites["readability-test-pages"] = {
        site_of_case(c) for c in os.listdir(rtp) if os.path.isdir(os.path.join(rtp, c))
    }
    for corpus, truth in [
        ("article-benchmark-dev", "ground-truth.json"),
        ("trafilatura-dev", "truth.json"),
        ("modern-dev", "truth.json"),
    ]:
        with open(os.path.join(root, corpus, truth)) as f:
            sites[corpus] = {site_of_url(v["url"]) for v in json.load(f).values()}
    out = {
        "about": "Sites of each dev corpus in the validation part; every other site "
        "is in the tuning part. Written once by tests/quality/split.py (the rule is in "
        "its doc comment) and fixed: tune on the tuning part, and keep a change only "
        "when the validation part does not get worse. examples/eval.rs prints both.",
        "validation": {c: sorted(s for s in v if validation(s)) for c, v in sites.items()},
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "split.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for c, v in sites.items():
        print(f"{c}: {len(v)} sites, {len(out['validation'][c])} in validation")


main()
