#!/usr/bin/env python3
"""Throughput of Lectern's pipeline front doors over every page of the dev
corpora (bench/manifest.py), with trafilatura on the same pages in the same
run. Run by bench/pipelines.sh, in a venv with the lectern wheel, warcio,
pyspark and trafilatura installed.

Each figure is pages per second (wall clock, best of ROUNDS) and that
divided by the workers used: pages per second per core. Every front door
reads the same bytes and returns a full article for every page:

  --batch      lectern --batch over the manifest (file reading, gunzip, decoding)
  --warc       lectern --warc over one gzip-per-record WARC of the same pages
  python       lectern.extract(bytes, url) on a thread pool, pages in memory
  spark        lectern.spark.extract_pages in local mode, written to Parquet
               (session start not counted)
  trafilatura  trafilatura.extract(bytes, url) in a process pool (it holds
               the GIL, so threads would not help it), pages in memory

    python bench/pipelines.py MANIFEST LECTERN_CLI [JOBS]
"""
import gzip
import io
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

ROUNDS = 2
# trafilatura logs a warning for every page it discards; the figures are
# what this prints.
logging.disable(logging.WARNING)


def load(manifest):
    pages = []
    for line in open(manifest, encoding="utf-8"):
        entry = json.loads(line)
        raw = open(entry["path"], "rb").read()
        if entry["path"].endswith(".gz"):
            raw = gzip.decompress(raw)
        pages.append((entry["id"], entry.get("url"), raw))
    return pages


def best(fn):
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def write_warc(path, pages):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for _, url, raw in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url or "http://unknown.example/", "response", payload=io.BytesIO(raw), http_headers=http)
            writer.write_record(rec)


def run_cli(args, expect):
    out = subprocess.run(args, capture_output=True, check=True)
    lines = out.stdout.count(b"\n")
    assert lines == expect, (args, lines, expect)


def lectern_one(page):
    import lectern

    _, url, raw = page
    try:
        lectern.extract(raw, url)
        return True
    except lectern.LecternError:
        return False


def trafilatura_one(page):
    import trafilatura

    _, url, raw = page
    return trafilatura.extract(raw, url=url) is not None


def main():
    manifest, cli = sys.argv[1], sys.argv[2]
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else os.cpu_count()
    pages = load(manifest)
    n = len(pages)
    results = []

    def report(name, workers, seconds, note=""):
        rate = n / seconds
        results.append((name, workers, rate, rate / workers, note))
        print(f"{name:<22} {workers} worker(s) {rate:8.1f} pages/s {rate / workers:8.1f} pages/s/core {note}", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        warc = os.path.join(tmp, "pages.warc.gz")
        write_warc(warc, pages)
        for j in sorted({1, jobs}):
            report("lectern --batch", j, best(lambda: run_cli([cli, "--batch", manifest, "--jobs", str(j)], n)))
            report("lectern --warc", j, best(lambda: run_cli([cli, "--warc", warc, "--jobs", str(j)], n)))

        import lectern

        for j in sorted({1, jobs}):
            with ThreadPoolExecutor(j) as pool:
                report("python threads", j, best(lambda: list(pool.map(lectern_one, pages))))

        from pyspark.sql import SparkSession
        from lectern.spark import extract_pages

        os.environ["PYSPARK_PYTHON"] = sys.executable
        spark = (
            SparkSession.builder.master(f"local[{jobs}]").appName("lectern-bench")
            .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        df = spark.createDataFrame([(i, u, bytearray(r)) for i, u, r in pages], "id string, url string, html binary")
        df = df.repartition(jobs * 4).cache()
        df.count()
        rounds = iter(range(100))
        report("spark local", jobs, best(lambda: extract_pages(df).write.mode("overwrite").parquet(os.path.join(tmp, f"out{next(rounds)}"))), "(to Parquet)")
        spark.stop()

        import trafilatura

        for j in sorted({1, jobs}):
            with ProcessPoolExecutor(j) as pool:
                list(pool.map(trafilatura_one, pages[:j]))  # start the workers first
                report(f"trafilatura {trafilatura.__version__}", j, best(lambda: list(pool.map(trafilatura_one, pages, chunksize=8))))

    print(f"\n{n} pages; {ROUNDS} rounds, best taken; {os.cpu_count()} cores on this machine")


if __name__ == "__main__":
    main()
