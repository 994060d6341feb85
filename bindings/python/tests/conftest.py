"""Shared helpers of the Python package's tests: the pages (the repository's
fixture pages), the CLI to compare with, and WARC files written with warcio.

The tests run against the installed wheel, as a user would: ./build.sh test
installs it into a fresh venv and runs pytest there, with LECTERN_CLI set to
the release binary built from the same tree.
"""
import gzip
import io
import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = ROOT / "samples"


def cli_path():
    path = os.environ.get("LECTERN_CLI", str(ROOT / "target" / "release" / "lectern"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"the lectern CLI is not built at {path} (set LECTERN_CLI)")
    return path


def run_cli(*args, input=None):
    return subprocess.run([cli_path(), *args], input=input, capture_output=True, check=False)


def pages():
    """(name, url, bytes, content_type) of every fixture page and sample."""
    out = []
    for case in sorted(FIXTURES.iterdir()):
        src = case / "source.html"
        if not src.exists():
            continue
        meta = case / "url.txt"
        url = meta.read_text().strip() if meta.exists() else f"https://fixtures.example/{case.name}/"
        charset = None
        if case.name.startswith("charset-"):
            # The legacy-charset pages' encoding goes in the HTTP header too,
            # as a server would send it.
            charset = case.name[len("charset-"):].replace("-", "_")
        ctype = f"text/html; charset={charset}" if charset else "text/html"
        out.append((case.name, url, src.read_bytes(), ctype))
    for src in sorted(SAMPLES.glob("*.html")):
        out.append((src.stem, f"https://samples.example/{src.name}", src.read_bytes(), "text/html; charset=utf-8"))
    return out


def write_warc(path, items, gzip_records=True, version="1.1"):
    """Writes a WARC with warcio and returns the ids of its records, in
    order, as (id, kind). items: ("html", url, bytes, content_type),
    ("image", url, bytes), ("request", url), ("raw", bytes) for a record
    written as given (a corrupt one), or ("cut", n) to end the file n bytes
    before its current end (a truncated last record)."""
    from warcio.warcwriter import WARCWriter
    from warcio.statusandheaders import StatusAndHeaders

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip_records, warc_version=version)
    written = []
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "lectern tests"}))
    written.append((None, "warcinfo"))
    for item in items:
        kind = item[0]
        if kind in ("html", "image"):
            url, body = item[1], item[2]
            ctype = item[3] if kind == "html" else "image/png"
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            writer.write_record(rec)
            written.append((rec.rec_headers.get_header("WARC-Record-ID"), kind))
        elif kind == "request":
            http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
            rec = writer.create_warc_record(item[1], "request", http_headers=http)
            writer.write_record(rec)
            written.append((rec.rec_headers.get_header("WARC-Record-ID"), "request"))
        elif kind == "raw":
            data = item[1]
            buf.write(gzip.compress(data) if gzip_records else data)
            written.append((None, "bad"))
        elif kind == "cut":
            data = buf.getvalue()[: -item[1]]
            buf = io.BytesIO()
            buf.write(data)
            written[-1] = (written[-1][0], "bad")
    Path(path).write_bytes(buf.getvalue())
    return written


def record_id():
    return f"<urn:uuid:{uuid.uuid4()}>"


def jsonl(stdout):
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines()]
