//! End-to-end tests of the `lectern` binary: formats, stdin, exit codes and
//! batch mode, on small pages written to a temporary folder.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_lectern");

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Lighthouse keepers return to the coast | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
</head><body>
<nav class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<main><article>
<h1>Lighthouse keepers return to the coast</h1>
<p class="byline">By Mara Lindqvist</p>
<p>After forty years of automation, the harbour authority has decided to station keepers at three
lighthouses again. Officials said the change was driven by a series of equipment failures last winter.
The first keepers will arrive in early spring.</p>
<p>The decision follows a storm in January that left the northern light dark for two nights. Fishing crews
complained that no one noticed the outage until a trawler reported it by radio. An inquiry found that the
remote alarm had been disconnected during maintenance.</p>
<p>Keepers will live on site for two weeks at a time and will be responsible for routine repairs. The
authority expects the programme to cost less than replacing the aging monitoring network outright.
Applications opened on Monday and more than two hundred people have already applied.</p>
<p>Local historians welcomed the news, saying the keepers' cottages had stood empty for decades. Several
of the buildings will be restored with help from a regional heritage fund. Visitors will be allowed to tour
one of the towers during the summer months.</p>
<p>Not everyone is convinced that the plan will last. Critics argue that the money would be better spent on
modern sensors and reliable backup power. The authority has promised to review the programme after two
years and publish the results.</p>
</article></main>
<footer><p>Copyright Harbour Gazette. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"#;

const EMPTY_PAGE: &str = "<html><head><title>Nothing</title></head><body></body></html>";

const URL: &str = "https://gazette.example/news/lighthouses";

/// A fresh folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lectern-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the lectern binary runs")
}

fn run_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the lectern binary runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_ok(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "expected success; stderr: {}",
        stderr(out)
    );
}

#[test]
fn json_is_the_default_format() {
    let dir = temp_dir("json");
    let page = write(&dir, "page.html", PAGE);
    let out = run(&[page.to_str().unwrap(), "--url", URL]);
    assert_ok(&out);
    let v: Value = serde_json::from_str(&stdout(&out)).expect("stdout is JSON");
    assert_eq!(v["title"], "Lighthouse keepers return to the coast");
    assert_eq!(v["lang"], "en");
    let text = v["textContent"].as_str().expect("textContent is a string");
    assert!(text.contains("forty years of automation"));
    assert!(text.contains("publish the results"));
    assert!(!text.contains("Privacy"));
    assert!(v["content"].as_str().unwrap().contains("<p"));
    assert!(v["readerable"].is_boolean());
    assert!(v["wordCount"].as_u64().unwrap() > 100);
    assert!(v.get("siteName").is_some());
    assert!(v.get("readingTimeMinutes").is_some());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn compact_json_is_one_line() {
    let dir = temp_dir("compact");
    let page = write(&dir, "page.html", PAGE);
    let out = run(&[page.to_str().unwrap(), "--compact"]);
    assert_ok(&out);
    let s = stdout(&out);
    assert_eq!(s.trim_end().lines().count(), 1);
    let v: Value = serde_json::from_str(&s).unwrap();
    assert!(v["textContent"].as_str().unwrap().contains("lighthouses"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn text_format_prints_the_plain_text() {
    let dir = temp_dir("text");
    let page = write(&dir, "page.html", PAGE);
    let out = run(&[page.to_str().unwrap(), "--format", "text"]);
    assert_ok(&out);
    let s = stdout(&out);
    assert!(s.contains("After forty years of automation"));
    assert!(s.contains("\n\n"), "blocks are separated by blank lines");
    assert!(!s.contains("<p"));
    assert!(!s.contains("Sport"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn markdown_format_starts_with_the_title() {
    let dir = temp_dir("markdown");
    let page = write(&dir, "page.html", PAGE);
    let out = run(&[page.to_str().unwrap(), "-f", "markdown", "--url", URL]);
    assert_ok(&out);
    let s = stdout(&out);
    assert!(
        s.starts_with("# Lighthouse keepers return to the coast\n"),
        "{s}"
    );
    assert!(s.contains("Keepers will live on site"));
    assert!(!s.contains("<p>"));
    // `md` is an alias.
    let out = run(&[page.to_str().unwrap(), "-f", "md"]);
    assert_ok(&out);
    assert!(stdout(&out).starts_with("# "));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn html_format_is_a_standalone_page() {
    let dir = temp_dir("html");
    let page = write(&dir, "page.html", PAGE);
    let out = run(&[page.to_str().unwrap(), "--format", "html", "--url", URL]);
    assert_ok(&out);
    let s = stdout(&out);
    assert!(s.starts_with("<!DOCTYPE html>"));
    assert!(s.contains("Content-Security-Policy"));
    assert!(s.contains("<title>Lighthouse keepers return to the coast"));
    assert!(s.contains("Local historians welcomed the news"));
    assert!(s.contains("min read"));
    assert!(s.trim_end().ends_with("</html>"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn reads_standard_input() {
    for args in [&["-", "-f", "text"][..], &["-f", "text"][..]] {
        let out = run_with_stdin(args, PAGE);
        assert_ok(&out);
        assert!(stdout(&out).contains("Applications opened on Monday"));
    }
}

#[test]
fn no_article_exits_1_with_a_message() {
    let out = run_with_stdin(&[], EMPTY_PAGE);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.starts_with("lectern: "), "{err}");
    assert!(err.contains("no article"), "{err}");
}

#[test]
fn input_over_the_limit_exits_1() {
    let out = run_with_stdin(&["--max-input-bytes", "100"], PAGE);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("lectern: "));
}

#[test]
fn unreadable_file_exits_3() {
    let dir = temp_dir("missing");
    let missing = dir.join("does-not-exist.html");
    let out = run(&[missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).starts_with("lectern: "));
    // A folder is not a readable page either.
    let out = run(&[dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["--no-such-flag"]).status.code(), Some(2));
    assert_eq!(run(&["--format", "pdf"]).status.code(), Some(2));
    assert_eq!(run(&["--char-threshold", "lots"]).status.code(), Some(2));
    let out = run_with_stdin(&["--url", "not a url"], PAGE);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("lectern: "));
    assert_eq!(run(&["--batch", "-", "--jobs", "0"]).status.code(), Some(2));
    assert_eq!(
        run(&["--batch", "-", "--format", "text"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["page.html", "--batch", "-"]).status.code(), Some(2));
}

#[test]
fn help_and_version() {
    let out = run(&["--help"]);
    assert_ok(&out);
    let s = stdout(&out);
    assert!(s.contains("Usage:"));
    assert!(s.contains("Examples:"));
    assert!(s.contains("--batch"));
    assert!(s.contains("Exit status"));
    let out = run(&["--version"]);
    assert_ok(&out);
    assert_eq!(
        stdout(&out).trim(),
        format!("lectern {}", env!("CARGO_PKG_VERSION"))
    );
}

/// Parses JSON lines, failing on any that is not JSON.
fn json_lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l:?}: {e}")))
        .collect()
}

#[test]
fn batch_keeps_order_and_reports_bad_lines() {
    let dir = temp_dir("batch");
    write(&dir, "good.html", PAGE);
    write(&dir, "empty.html", EMPTY_PAGE);
    let inline = serde_json::to_string(&serde_json::json!({
        "id": "inline", "html": PAGE, "url": URL
    }))
    .unwrap();
    let manifest = [
        r#"{"id": 1, "path": "good.html", "url": "https://gazette.example/a"}"#.to_string(),
        "{this is not json".to_string(),
        String::new(),
        r#"{"id": "missing", "path": "nope.html"}"#.to_string(),
        inline,
        "   ".to_string(),
        r#"{"id": 5, "path": "empty.html"}"#.to_string(),
        r#"{"id": 6}"#.to_string(),
        r#"[1, 2, 3]"#.to_string(),
        r#"{"id": {"nested": true}, "path": "good.html"}"#.to_string(),
        r#"{"id": 9, "path": "good.html", "url": "::not a url::"}"#.to_string(),
    ]
    .join("\n");
    let manifest_path = write(&dir, "manifest.jsonl", &manifest);

    // From a file, paths relative to the manifest's folder; run from elsewhere.
    let out = Command::new(BIN)
        .args(["--batch", manifest_path.to_str().unwrap(), "--jobs", "3"])
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_ok(&out);
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.len(), 9, "one output line per non-blank input line");

    assert_eq!(lines[0]["id"], 1);
    assert!(lines[0]["textContent"]
        .as_str()
        .unwrap()
        .contains("forty years"));
    assert!(lines[0]["readerable"].is_boolean());
    assert!(lines[0].get("error").is_none());

    assert_eq!(lines[1]["id"], Value::Null);
    assert_eq!(lines[1]["errorKind"], "InvalidLine");
    assert!(lines[1]["error"].as_str().unwrap().contains("JSON"));

    assert_eq!(lines[2]["id"], "missing");
    assert_eq!(lines[2]["errorKind"], "Io");

    assert_eq!(lines[3]["id"], "inline");
    assert_eq!(lines[3]["title"], "Lighthouse keepers return to the coast");

    assert_eq!(lines[4]["id"], 5);
    assert_eq!(lines[4]["errorKind"], "NoArticle");
    assert!(lines[4]["error"].is_string());

    assert_eq!(lines[5]["id"], 6);
    assert_eq!(lines[5]["errorKind"], "InvalidLine");

    assert_eq!(lines[6]["errorKind"], "InvalidLine");

    assert_eq!(lines[7]["id"], serde_json::json!({"nested": true}));
    assert!(lines[7]["textContent"].is_string());

    assert_eq!(lines[8]["id"], 9);
    assert_eq!(lines[8]["errorKind"], "InvalidUrl");

    // The same manifest from standard input, paths relative to the current folder.
    let mut child = Command::new(BIN)
        .args(["--batch", "-", "--jobs", "2"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(manifest.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_ok(&out);
    let again = json_lines(&stdout(&out));
    assert_eq!(again.len(), 9);
    for (a, b) in lines.iter().zip(&again) {
        assert_eq!(a["id"], b["id"]);
        assert_eq!(a.get("errorKind"), b.get("errorKind"));
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn batch_order_holds_with_many_workers() {
    let dir = temp_dir("batch-many");
    write(&dir, "good.html", PAGE);
    write(&dir, "empty.html", EMPTY_PAGE);
    let mut manifest = String::new();
    for i in 0..60 {
        let line = match i % 4 {
            0 => format!(r#"{{"id": {i}, "path": "good.html"}}"#),
            1 => format!(r#"{{"id": {i}, "path": "empty.html"}}"#),
            2 => format!(r#"{{"id": {i}, "html": "<html><body> </body></html>"}}"#),
            _ => format!(r#"{{"id": {i}, "path": "gone-{i}.html"}}"#),
        };
        manifest.push_str(&line);
        manifest.push('\n');
    }
    let manifest_path = write(&dir, "many.jsonl", &manifest);
    let out = run(&["--batch", manifest_path.to_str().unwrap(), "-j", "4"]);
    assert_ok(&out);
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.len(), 60);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["id"], i, "line {i} out of order");
        match i % 4 {
            0 => assert!(line["textContent"].is_string(), "{line}"),
            1 | 2 => assert_eq!(line["errorKind"], "NoArticle", "{line}"),
            _ => assert_eq!(line["errorKind"], "Io", "{line}"),
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn batch_with_unreadable_manifest_exits_3() {
    let dir = temp_dir("batch-missing");
    let out = run(&["--batch", dir.join("none.jsonl").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).starts_with("lectern: "));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn batch_of_nothing_prints_nothing() {
    let out = run_with_stdin(&["--batch", "-"], "\n\n  \n");
    assert_ok(&out);
    assert!(stdout(&out).is_empty());
}

/// One WARC/1.1 record with the given block.
fn warc_record(kind: &str, id: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {id}\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    r.extend_from_slice(body);
    r
}

fn gzip_member(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

#[test]
fn warc_gives_one_line_per_html_record_and_survives_bad_ones() {
    let dir = temp_dir("warc");
    let records = [
        warc_record("warcinfo", "<urn:uuid:0>", "", b"software: test\r\n"),
        warc_record(
            "response",
            "<urn:uuid:1>",
            URL,
            &http_response("text/html; charset=utf-8", PAGE.as_bytes()),
        ),
        warc_record(
            "response",
            "<urn:uuid:2>",
            "https://img.example/a.png",
            &http_response("image/png", b"\x89PNG"),
        ),
        warc_record("request", "<urn:uuid:3>", URL, b"GET / HTTP/1.1\r\n\r\n"),
        warc_record(
            "response",
            "<urn:uuid:4>",
            "https://gazette.example/empty",
            &http_response("text/html", EMPTY_PAGE.as_bytes()),
        ),
        b"NOT A WARC RECORD\r\n\r\n".to_vec(),
        warc_record(
            "response",
            "<urn:uuid:5>",
            "https://gazette.example/again",
            &http_response("text/html", PAGE.as_bytes()),
        ),
    ];
    let mut gz: Vec<u8> = records.iter().flat_map(|r| gzip_member(r)).collect();
    // A last record cut short, as a download that stopped.
    let last = gzip_member(&records[1]);
    gz.extend_from_slice(&last[..last.len() / 2]);
    let path = dir.join("crawl.warc.gz");
    std::fs::write(&path, &gz).unwrap();

    let out = run(&["--warc", path.to_str().unwrap(), "--jobs", "2"]);
    assert_ok(&out);
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert_eq!(lines[0]["id"], "<urn:uuid:1>");
    assert_eq!(lines[0]["url"], URL);
    assert_eq!(lines[0]["title"], "Lighthouse keepers return to the coast");
    assert_eq!(lines[1]["id"], "<urn:uuid:4>");
    assert_eq!(lines[1]["errorKind"], "NoArticle");
    assert_eq!(lines[2]["errorKind"], "InvalidRecord");
    assert_eq!(lines[3]["id"], "<urn:uuid:5>");
    assert_eq!(lines[3]["byline"], lines[0]["byline"]);
    assert_eq!(lines[4]["errorKind"], "InvalidRecord");
    let err = stderr(&out);
    assert!(err.contains("3 WARC records skipped"), "{err}");
    // Standard error is a pipe here: no progress line.
    assert!(!err.contains("pages/s"), "{err}");

    // The same records uncompressed (but the cut one) give the same lines.
    let plain: Vec<u8> = records.concat();
    let path = dir.join("crawl.warc");
    std::fs::write(&path, &plain).unwrap();
    let out = run(&["--warc", path.to_str().unwrap()]);
    assert_ok(&out);
    assert_eq!(json_lines(&stdout(&out)), lines[..4].to_vec());
}
