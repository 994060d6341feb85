//! Readability-style fixture suite, one test per case.
//!
//! Every folder `tests/fixtures/<case>/` is one behaviour of the extractor:
//!
//! | file | meaning |
//! |---|---|
//! | `source.html` | the page, as bytes; decoded with [`lectern::decode_html`] (so legacy charsets are exercised) |
//! | `url.txt` | optional: the page URL (default `https://news.example/2024/05/story.html`) |
//! | `expected.txt` | the article's text: `text_content` must equal it exactly, after trailing whitespace is trimmed from the end of both |
//! | `expected-blocks.txt` | instead of (or beside) `expected.txt`, when a case states only part of the text: blocks separated by blank lines; each must appear in `text_content`, in order, after whitespace normalization |
//! | `expected-metadata.json` | a subset of the `Article` keys (camelCase, `null` for `None`) asserted exactly; `readerable` is compared with [`lectern::is_probably_readerable`] |
//! | `must-not-contain.txt` | optional: one string per line (case-sensitive, literal) that must appear neither in `text_content` nor in `content`; each line must occur in the page (see below), or it could never fail |
//! | `must-not-generate.txt` | optional: the same check for strings that the page does *not* contain and that only a bug of the engine itself would produce (a relative URL resolved against the page URL instead of `<base href>`, text escaped twice, `<noscript>` markup kept as text); each line must be absent from the page, or it belongs in `must-not-contain.txt` |
//! | `expected-content.txt` | optional: one string per line that must appear in `content` (the sanitized HTML); `\n`, `\t` and `\\` are unescaped so that `<pre>` whitespace can be stated exactly |
//! | `expect-error.txt` | optional: the page is not an article; `extract` must fail with this [`lectern::Error::kind`] (e.g. `NoArticle`) |
//!
//! A line "occurs in the page" when it is a substring of `source.html` read
//! as UTF-8 (markup and entities as written; a legacy-charset page read so
//! shows the U+FFFD that a wrong decoding gives), of the decoded page, or of
//! its text nodes (entities decoded, joined across tags, also with
//! whitespace runs collapsed) or attribute values.
//!
//! This file is its own test harness ([`libtest_mimic`], `harness = false` in
//! `Cargo.toml`): the case folders are listed at run time and each one is a
//! trial named after its folder, so adding a folder adds a test, and
//! `cargo test --test fixtures -- clutter-removal` runs one case (add
//! `--exact` when a name is the start of another's). A failing case lists
//! all of its failures. `FIXTURE_DUMP=<case>` prints the extracted article of
//! a case (output is never captured; `--test-threads=1` keeps several dumps
//! apart).
//!
//! The trial `shared/infinite-edge-capital` runs the shared conformance
//! fixture in `../shared/fixtures/infinite-edge-capital/`, whose text must
//! hold exactly the article's paragraphs (compared block by block after
//! whitespace normalization, the format of the shared `expected.txt`, and not
//! byte for byte like a case's `expected.txt`). Without `../shared` it is reported
//! as ignored, with the reason, unless `CI=true`: then it fails.

use std::fmt::Write as _;
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use lectern::{decode_html, extract, is_probably_readerable, Article, Error, Options};
use libtest_mimic::{Arguments, Completion, Failed, Trial};
use serde_json::Value;

const DEFAULT_URL: &str = "https://news.example/2024/05/story.html";
const SHARED_URL: &str = "https://infiniteedgecapital.example/news/37215.html";

/// Whitespace runs collapsed to one space, ends trimmed.
fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Blocks of a text separated by blank (whitespace-only) lines, normalized,
/// empty ones dropped.
fn blocks(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in s.lines() {
        if line.trim().is_empty() {
            if !cur.trim().is_empty() {
                out.push(normalize(&cur));
            }
            cur.clear();
        } else {
            cur.push_str(line);
            cur.push('\n');
        }
    }
    if !cur.trim().is_empty() {
        out.push(normalize(&cur));
    }
    out
}

/// Non-empty lines of a list file, `\r` dropped; the text is otherwise literal.
fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(|l| l.trim_end_matches('\r').to_string())
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// `\n`, `\t`, `\\` escapes of `expected-content.txt`.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// A string shortened for a message, on one line.
fn short(s: &str, max: usize) -> String {
    let one_line = s.replace('\n', "\\n");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max).collect();
        format!("{cut}…")
    }
}

fn read_opt(dir: &Path, name: &str) -> Option<String> {
    let p = dir.join(name);
    p.exists().then(|| {
        fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
    })
}

/// Runs `extract`, turning a panic into an error message.
fn run_extract(html: &str, options: &Options) -> Result<Result<Article, Error>, String> {
    catch_unwind(AssertUnwindSafe(|| extract(html, options))).map_err(panic_message)
}

fn run_readerable(html: &str, options: &Options) -> Result<bool, String> {
    catch_unwind(AssertUnwindSafe(|| is_probably_readerable(html, options))).map_err(panic_message)
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// The `text_content` blocks, listed for a failure message.
fn show_blocks(text: &str) -> String {
    let mut out = String::from("    actual text_content blocks:\n");
    for (i, b) in blocks(text).iter().enumerate() {
        let _ = writeln!(out, "      [{i}] {}", short(b, 110));
    }
    out
}

/// The first `n` characters of `s`.
fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// `text_content` must equal `expected.txt`, trailing whitespace trimmed
/// from the end of both.
fn check_exact_text(expected: &str, text: &str, fails: &mut Vec<String>) {
    let (want, got) = (expected.trim_end(), text.trim_end());
    if want == got {
        return;
    }
    let (want_blocks, got_blocks) = (blocks(want), blocks(got));
    if want_blocks != got_blocks {
        fails.push(format!(
            "text_content differs from expected.txt (- expected but missing, + extra; a case \
             that states only part of the text names its file expected-blocks.txt):\n{}",
            diff_blocks(&want_blocks, &got_blocks)
        ));
        return;
    }
    let mut at = want
        .bytes()
        .zip(got.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !want.is_char_boundary(at) {
        at -= 1;
    }
    let line = want[..at].matches('\n').count() + 1;
    fails.push(format!(
        "text_content differs from expected.txt in whitespace only, from line {line}: \
         expected {:?}, got {:?}",
        head(&want[at..], 60),
        head(&got[at..], 60)
    ));
}

/// Each expected block must appear in the normalized text, in order.
fn check_blocks_in_order(file: &str, expected: &[String], text: &str, fails: &mut Vec<String>) {
    let hay = normalize(text);
    let mut pos = 0;
    for (i, block) in expected.iter().enumerate() {
        match hay[pos..].find(block.as_str()) {
            Some(at) => pos += at + block.len(),
            None => {
                let where_ = if hay.contains(block.as_str()) {
                    "present, but out of order (before the previous expected block)"
                } else {
                    "missing"
                };
                fails.push(format!(
                    "{file} block {i} {where_} in text_content:\n      - {}",
                    short(block, 200)
                ));
            }
        }
    }
}

/// No line of `list` (the lines of `file`) may appear in the article.
fn check_must_not_contain(file: &str, list: &[String], article: &Article, fails: &mut Vec<String>) {
    for s in list {
        let in_text = article.text_content.contains(s.as_str());
        let in_html = article.content.contains(s.as_str());
        if in_text || in_html {
            let which = match (in_text, in_html) {
                (true, true) => "text_content and content",
                (true, false) => "text_content",
                _ => "content",
            };
            let src = if in_text {
                &article.text_content
            } else {
                &article.content
            };
            let at = src.find(s.as_str()).unwrap_or(0);
            let start = src[..at].char_indices().rev().nth(60).map_or(0, |(i, _)| i);
            let ctx: String = src[start..]
                .chars()
                .take(60 + s.chars().count() + 60)
                .collect();
            fails.push(format!(
                "{file} line {s:?} found in {which}: …{}…",
                short(&ctx, 240)
            ));
        }
    }
}

/// The forms of a page in which a `must-not-contain` line is looked for.
struct PageViews {
    /// `source.html` read as UTF-8, invalid bytes replaced by U+FFFD.
    raw: String,
    /// The page decoded with its charset.
    decoded: String,
    /// Every text node, entities decoded, in document order, joined without
    /// separators (so text split by tags joins up).
    text: String,
    /// `text` with whitespace runs collapsed.
    text_normalized: String,
    /// Every attribute value, entities decoded, one per line.
    attributes: String,
}

impl PageViews {
    fn new(bytes: &[u8], decoded: &str) -> Self {
        let doc = scraper::Html::parse_document(decoded);
        let (mut text, mut attributes) = (String::new(), String::new());
        for node in doc.tree.root().descendants() {
            match node.value() {
                scraper::Node::Text(t) => text.push_str(t),
                scraper::Node::Element(e) => {
                    for (_, value) in e.attrs() {
                        attributes.push_str(value);
                        attributes.push('\n');
                    }
                }
                _ => {}
            }
        }
        PageViews {
            raw: String::from_utf8_lossy(bytes).into_owned(),
            decoded: decoded.to_string(),
            text_normalized: normalize(&text),
            text,
            attributes,
        }
    }

    fn contains(&self, s: &str) -> bool {
        self.raw.contains(s)
            || self.decoded.contains(s)
            || self.text.contains(s)
            || self.attributes.contains(s)
            || self.text_normalized.contains(&normalize(s))
    }
}

/// A `must-not-contain` line must occur in the page: what the page does not
/// contain cannot leak from it, so such a line could never fail. A
/// `must-not-generate` line must not occur in it.
fn check_lists_against_page(
    page: &PageViews,
    must_not: &[String],
    must_not_generate: &[String],
    fails: &mut Vec<String>,
) {
    for s in must_not {
        if !page.contains(s) {
            fails.push(format!(
                "malformed fixture: must-not-contain.txt line {s:?} does not occur in \
                 source.html, so it can never fail: correct it to the page's text, remove it, \
                 or move it to must-not-generate.txt if only a bug of the engine could produce it"
            ));
        }
    }
    for s in must_not_generate {
        if page.contains(s) {
            fails.push(format!(
                "malformed fixture: must-not-generate.txt line {s:?} occurs in source.html; \
                 it belongs in must-not-contain.txt"
            ));
        }
    }
}

/// What "occurs in the page" accepts and refuses, on a small page.
fn page_views_self_test() -> Result<(), Failed> {
    let page = "<p title=\"Tom &amp; Jerry\">Home</a> &gt; <a href=\"/n/\">News</a>\n  \
                and   more</p><!-- note -->";
    let mut bytes = page.as_bytes().to_vec();
    bytes.push(0x82); // a byte of a legacy charset: U+FFFD when read as UTF-8
    let views = PageViews::new(&bytes, page);
    let mut fails = Vec::new();
    for (line, occurs) in [
        ("Home > News", true),   // text joined across tags, entity decoded
        ("Home</a> &gt;", true), // the markup as written
        ("Tom & Jerry", true),   // an attribute value, decoded
        ("News and more", true), // whitespace runs collapsed
        ("note", true),          // a comment, in the raw page
        ("\u{fffd}", true),      // what a wrong decoding would show
        ("Home &amp;gt; News", false),
        ("Zebra crossing", false),
    ] {
        if views.contains(line) != occurs {
            fails.push(format!("{line:?}: expected occurs = {occurs}"));
        }
    }
    outcome(fails)
}

fn check_expected_content(list: &[String], article: &Article, fails: &mut Vec<String>) {
    for s in list {
        if !article.content.contains(s.as_str()) {
            fails.push(format!("expected-content {:?} not found in content", s));
        }
    }
}

/// Compares each key of the expected JSON object with the article (and
/// `readerable` with the readerable check).
fn check_metadata(
    expected: &Value,
    article: Option<&Article>,
    readerable: &Result<bool, String>,
    fails: &mut Vec<String>,
) {
    let Some(obj) = expected.as_object() else {
        fails.push("expected-metadata.json is not a JSON object".to_string());
        return;
    };
    let actual = article.map(|a| serde_json::to_value(a).expect("Article serializes"));
    for (key, want) in obj {
        if key == "readerable" {
            match readerable {
                Ok(got) if Value::Bool(*got) == *want => {}
                Ok(got) => fails.push(format!("metadata.readerable: expected {want}, got {got}")),
                Err(p) => fails.push(format!("is_probably_readerable panicked: {p}")),
            }
            continue;
        }
        let Some(actual) = actual.as_ref() else {
            continue; // no article: only `readerable` can be checked
        };
        match actual.get(key) {
            None => fails.push(format!(
                "metadata.{key}: not a key of Article (typo in expected-metadata.json?)"
            )),
            Some(got) if got == want => {}
            Some(got) => fails.push(format!("metadata.{key}: expected {want}, got {got}")),
        }
    }
}

/// `FIXTURE_DUMP=<case>[,<case>...]` (or `all`) prints the article of those
/// cases, for investigating a failure:
/// `FIXTURE_DUMP=clutter-removal cargo test --test fixtures -- --nocapture`.
fn dump_if_asked(dir: &Path, article: &Article) {
    let Ok(want) = std::env::var("FIXTURE_DUMP") else {
        return;
    };
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    if want == "all" || want.split(',').any(|w| w.trim() == name) {
        println!("----- {name}: article -----");
        println!("{article:#?}");
        println!("----- {name}: end -----");
    }
}

/// Runs one fixture folder; returns its failures.
fn run_case(dir: &Path) -> Vec<String> {
    let mut fails = Vec::new();
    let bytes = match fs::read(dir.join("source.html")) {
        Ok(b) => b,
        Err(e) => return vec![format!("malformed fixture: cannot read source.html: {e}")],
    };
    let html = decode_html(&bytes, None);
    let url = read_opt(dir, "url.txt")
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| DEFAULT_URL.to_string());
    let options = Options::default().with_url(url);

    let expected_text = read_opt(dir, "expected.txt");
    let expected_blocks = read_opt(dir, "expected-blocks.txt");
    let expect_error = read_opt(dir, "expect-error.txt").map(|s| s.trim().to_string());
    let metadata =
        match read_opt(dir, "expected-metadata.json").map(|s| serde_json::from_str::<Value>(&s)) {
            None => None,
            Some(Ok(v)) => Some(v),
            Some(Err(e)) => {
                fails.push(format!("malformed fixture: expected-metadata.json: {e}"));
                None
            }
        };
    let must_not = read_opt(dir, "must-not-contain.txt")
        .map(|s| lines(&s))
        .unwrap_or_default();
    let must_not_generate = read_opt(dir, "must-not-generate.txt")
        .map(|s| lines(&s))
        .unwrap_or_default();
    if !must_not.is_empty() || !must_not_generate.is_empty() {
        let page = PageViews::new(&bytes, &html);
        check_lists_against_page(&page, &must_not, &must_not_generate, &mut fails);
    }
    let must_have: Vec<String> = read_opt(dir, "expected-content.txt")
        .map(|s| lines(&s).iter().map(|l| unescape(l)).collect())
        .unwrap_or_default();
    if expected_text.is_none() && expected_blocks.is_none() && expect_error.is_none() {
        fails.push(
            "malformed fixture: none of expected.txt, expected-blocks.txt, expect-error.txt"
                .to_string(),
        );
    }

    let readerable = run_readerable(&html, &options);
    let result = match run_extract(&html, &options) {
        Ok(r) => r,
        Err(p) => {
            fails.push(format!("extract panicked: {p}"));
            return fails;
        }
    };

    match (&expect_error, result) {
        (Some(kind), Err(e)) => {
            if e.kind().name() != kind {
                fails.push(format!("expected Err({kind}), got Err({}): {e}", e.kind()));
            }
            if let Some(m) = &metadata {
                check_metadata(m, None, &readerable, &mut fails);
            }
        }
        (Some(kind), Ok(article)) => {
            fails.push(format!(
                "expected Err({kind}), got Ok: title {:?}, {} chars of text: {}",
                article.title,
                article.length,
                short(&normalize(&article.text_content), 300)
            ));
            if let Some(m) = &metadata {
                check_metadata(m, None, &readerable, &mut fails);
            }
        }
        (None, Err(e)) => {
            fails.push(format!("extract failed: Err({}): {e}", e.kind()));
            if let Some(m) = &metadata {
                check_metadata(m, None, &readerable, &mut fails);
            }
        }
        (None, Ok(article)) => {
            dump_if_asked(dir, &article);
            if let Some(t) = &expected_text {
                check_exact_text(t, &article.text_content, &mut fails);
            }
            let before = fails.len();
            if let Some(t) = &expected_blocks {
                check_blocks_in_order(
                    "expected-blocks.txt",
                    &blocks(t),
                    &article.text_content,
                    &mut fails,
                );
            }
            let blocks_failed = fails.len() > before;
            if let Some(m) = &metadata {
                check_metadata(m, Some(&article), &readerable, &mut fails);
            }
            check_must_not_contain("must-not-contain.txt", &must_not, &article, &mut fails);
            check_must_not_contain(
                "must-not-generate.txt",
                &must_not_generate,
                &article,
                &mut fails,
            );
            check_expected_content(&must_have, &article, &mut fails);
            if blocks_failed {
                fails.push(show_blocks(&article.text_content));
            }
        }
    }
    fails
}

/// The case folders under `root`, sorted.
fn fixture_dirs(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root)
        .map_err(|e| format!("cannot list {}: {e}", root.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// The failures of a case as a trial outcome: one message listing them all.
fn outcome(fails: Vec<String>) -> Result<(), Failed> {
    if fails.is_empty() {
        return Ok(());
    }
    let mut report = format!("{} failure(s):\n", fails.len());
    for f in fails {
        let _ = writeln!(report, "  * {f}");
    }
    Err(report.into())
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut trials = Vec::new();
    match fixture_dirs(&root) {
        Ok(dirs) if !dirs.is_empty() => {
            for dir in dirs {
                let name = dir.file_name().unwrap().to_string_lossy().to_string();
                trials.push(Trial::test(name, move || outcome(run_case(&dir))));
            }
        }
        // No case to run is a failure of its own, not an empty success.
        found => {
            let why = found.map_or_else(
                |e| e,
                |_| format!("no fixture folders in {}", root.display()),
            );
            trials.push(Trial::test("fixture-folders", move || Err(why.into())));
        }
    }
    trials.push(Trial::ignorable_test(
        "shared/infinite-edge-capital",
        infinite_edge_capital,
    ));
    trials.push(Trial::test("harness/page-views", page_views_self_test));
    libtest_mimic::run(&args, trials).exit();
}

/// A line diff of two block lists (longest common subsequence): `-` lines
/// are expected but missing, `+` lines are extra in the result.
fn diff_blocks(expected: &[String], actual: &[String]) -> String {
    let (n, m) = (expected.len(), actual.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if expected[i] == actual[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && expected[i] == actual[j] {
            let _ = writeln!(out, "      = {}", short(&expected[i], 100));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            let _ = writeln!(out, "      + {}", short(&actual[j], 500));
            j += 1;
        } else {
            let _ = writeln!(out, "      - {}", short(&expected[i], 500));
            i += 1;
        }
    }
    out
}

/// The shared conformance fixture. When `../shared` is not beside the
/// repository it is ignored, with the reason, except under `CI=true`, where
/// CI lays `../shared` beside its clone and a missing one fails.
fn infinite_edge_capital() -> Result<Completion, Failed> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/infinite-edge-capital");
    if !dir.is_dir() {
        let missing = format!(
            "{} not found: ../shared is not beside the repository",
            dir.display()
        );
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            return Err(format!("{missing}, and CI=true requires it").into());
        }
        return Ok(Completion::ignored_with(format!(
            "{missing}; under CI=true this fails"
        )));
    }
    let bytes = fs::read(dir.join("source.html")).expect("source.html");
    let html = decode_html(&bytes, None);
    let options = Options::default().with_url(SHARED_URL);
    let expected = blocks(&fs::read_to_string(dir.join("expected.txt")).expect("expected.txt"));
    let metadata: Value = serde_json::from_str(
        &fs::read_to_string(dir.join("expected-metadata.json")).expect("expected-metadata.json"),
    )
    .expect("expected-metadata.json parses");
    let must_not = read_opt(&dir, "must-not-contain.txt")
        .map(|s| lines(&s))
        .unwrap_or_default();

    let mut fails = Vec::new();
    check_lists_against_page(&PageViews::new(&bytes, &html), &must_not, &[], &mut fails);
    let readerable = run_readerable(&html, &options);
    match run_extract(&html, &options) {
        Err(p) => fails.push(format!("extract panicked: {p}")),
        Ok(Err(e)) => {
            fails.push(format!("extract failed: Err({}): {e}", e.kind()));
            check_metadata(&metadata, None, &readerable, &mut fails);
        }
        Ok(Ok(article)) => {
            check_blocks_in_order("expected.txt", &expected, &article.text_content, &mut fails);
            let actual = blocks(&article.text_content);
            if actual != expected {
                fails.push(format!(
                    "text_content must hold exactly the article's {} paragraphs; it has {} blocks \
                     (- expected but missing, + extra):\n{}",
                    expected.len(),
                    actual.len(),
                    diff_blocks(&expected, &actual)
                ));
            }
            check_must_not_contain("must-not-contain.txt", &must_not, &article, &mut fails);
            check_metadata(&metadata, Some(&article), &readerable, &mut fails);
        }
    }
    outcome(fails).map(|()| Completion::Completed)
}
