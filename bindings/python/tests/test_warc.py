"""WARC input: a file written with warcio (gzip per record and plain, WARC/1.1
and 1.0, with non-HTML, corrupt and truncated records) gives the same
records through `lectern --warc` and `lectern.extract_warc`, and each
article is the page's own."""
import pytest

import lectern
from conftest import jsonl, pages, run_cli, write_warc

BAD_LENGTH = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 60\r\n\r\nshort\r\n\r\n"
NOT_WARC = b"NOT A WARC HEADER\r\n\r\n"


def items():
    html = [("html", url, body, ctype) for _, url, body, ctype in pages()]
    return (
        html[:10]
        + [("image", "https://img.example/a.png", b"\x89PNG\r\n\x1a\n...."), ("request", "https://img.example/")]
        + [("raw", BAD_LENGTH), ("raw", NOT_WARC)]
        + html[10:]
        + [("cut", 200)]
    )


@pytest.mark.parametrize("gz,version", [(True, "1.1"), (False, "1.0")])
def test_cli_and_python_give_the_same_records(tmp_path, gz, version):
    path = tmp_path / ("t.warc.gz" if gz else "t.warc")
    written = write_warc(path, items(), gzip_records=gz, version=version)
    out = run_cli("--warc", str(path))
    assert out.returncode == 0, out.stderr
    lines = jsonl(out.stdout)
    records = lectern.extract_warc(str(path))
    got = list(records)
    assert got == lines
    skipped = sum(1 for _, k in written if k in ("warcinfo", "image", "request"))
    assert f"{skipped} WARC records skipped" in out.stderr.decode()
    assert records.skipped == skipped

    html_ids = [i for i, k in written if k == "html"]
    # Pages with no article are error lines of their own kind, with their id.
    ids = [line["id"] for line in lines if line.get("errorKind") != "InvalidRecord"]
    bad = [line for line in lines if line.get("errorKind") == "InvalidRecord"]
    assert any(line.get("errorKind") == "NoArticle" and line["id"] for line in lines)
    assert sum("title" in line for line in lines) >= 20
    # The last record was cut: it is an error line, at the end.
    assert lines[-1]["errorKind"] == "InvalidRecord"
    if gz:
        # One record per gzip member: each bad record costs only itself.
        assert ids == html_ids
        assert len(bad) == 3
    else:
        # Uncompressed, a wrong Content-Length swallows what it claims; the
        # reader finds the next record after it.
        assert set(ids) <= set(html_ids) and len(ids) >= len(html_ids) - 3
        assert len(bad) >= 2


def test_each_record_is_its_page(tmp_path):
    path = tmp_path / "p.warc.gz"
    chosen = pages()[:12]
    write_warc(path, [("html", u, b, c) for _, u, b, c in chosen])
    records = list(lectern.extract_warc(path))
    assert len(records) == len(chosen)
    for record, (_, url, body, ctype) in zip(records, chosen):
        assert record["url"] == url
        try:
            expected = lectern.extract(body, url, content_type=ctype)
        except lectern.LecternError as e:
            expected = {"error": str(e), "errorKind": e.kind}
        assert {k: v for k, v in record.items() if k not in ("id", "url")} == expected


def test_options_apply_to_warc_records(tmp_path):
    path = tmp_path / "o.warc.gz"
    chosen = [p for p in pages() if p[0] == "harbor-bridge"]
    write_warc(path, [("html", u, b, c) for _, u, b, c in chosen])
    (rec,) = lectern.extract_warc(path, keep_images=False)
    assert "<img" not in rec["content"]
    (line,) = jsonl(run_cli("--warc", str(path), "--no-images").stdout)
    assert rec == line
