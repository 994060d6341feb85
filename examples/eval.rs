//! Lectern's quality and speed benchmark.
//!
//! ```text
//! cargo run --release --example eval -- [CORPUS_DIR] [--gate] [--report N] [--runs N] [--only TEXT] [--corpora A,B] [--part P] [--dump FILE] [--json]
//! ```
//!
//! `CORPUS_DIR` (default `../shared/corpus`) may hold:
//!
//! * `readability-test-pages/<case>/{source.html, expected.html, expected-metadata.json}`:
//!   Mozilla Readability's test pages. Scored by token F1 (bag of `\w+` words)
//!   between our `text_content` and the text of `expected.html`, averaged over
//!   pages, plus exact-match rates of the metadata and the readerable verdict.
//! * `article-benchmark-dev/{ground-truth.json, html/<id>.html.gz}`: the
//!   article-extraction-benchmark dev set. Scored by 4-gram shingle
//!   precision and recall (means over pages), and their harmonic mean.
//! * `trafilatura-dev/{truth.json, html/<id>.html.gz}`: half of trafilatura's
//!   evaluation set, scored by its own snippet metric (`with` snippets found
//!   in `text_content` are true positives, `without` snippets found false
//!   positives; precision and recall from the sums over the corpus).
//! * `modern-dev/{truth.json, html/<id>.html.gz}`: non-article pages of
//!   2025-26; mean bag-of-tokens F1 of `text_content` against the gold
//!   `text`, overall and per `page_type`, plus the snippet metric.
//!
//! Every corpus is also scored on its tuning and validation parts, split by
//! site in `tests/quality/split.json` (fixed; see `tests/quality/split.py`):
//! tune on the first, keep a change only when the second does not get worse.
//!
//! Timing is the time of `lectern::extract` alone (parse + extract; no file
//! I/O, gunzip or charset decoding), the fastest of `--runs` runs per page,
//! single-threaded.
//!
//! `--gate` exits non-zero when a score falls below its floor in
//! `tests/quality/floors.json` or a corpus is not the one the floors were
//! set on (its fingerprint); under CI (`CI=true`) a missing corpus fails too;
//! `--report N` prints the N worst pages of each corpus with samples of missed
//! and extra text, and every metadata mismatch; `--json` prints the summary as
//! JSON on stdout (everything else goes to stderr).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

#[path = "common/metrics.rs"]
mod metrics;
use metrics::{bag_scores, counts, html_text, intersection, shingles, tokens, total};

/// The quality floors `--gate` enforces, with each corpus's fingerprint
/// (see [`gate`]). Raise them as the engine improves, never lower them.
const FLOORS_FILE: &str = "tests/quality/floors.json";

/// The URL every readability test page was captured under.
const RTP_URL: &str = "http://fakehost/test/page.html";
const RTP_DIR: &str = "readability-test-pages";
const ABD_DIR: &str = "article-benchmark-dev";
/// Metadata fields compared against `expected-metadata.json` (`readerable` apart).
const META_FIELDS: [&str; 7] = [
    "title",
    "byline",
    "excerpt",
    "siteName",
    "publishedTime",
    "lang",
    "dir",
];
/// Characters of missed/extra text shown per page in the report.
const SAMPLE_CHARS: usize = 200;

#[derive(Clone)]
struct Args {
    corpus: PathBuf,
    /// `--dump FILE`: one line per page (corpus, id, part, scores), for
    /// comparing two builds page by page.
    dump: Option<PathBuf>,
    /// `--part tuning|validation`: only the pages of that part.
    part: Option<String>,
    /// `--corpora a,b`: only these corpora (by folder name).
    corpora: Option<Vec<String>>,
    gate: bool,
    report: usize,
    runs: usize,
    json: bool,
    only: Option<String>,
}

fn usage() -> &'static str {
    "usage: cargo run --release --example eval -- [CORPUS_DIR] [--gate] [--report N] [--runs N] [--only TEXT] [--corpora A,B] [--part P] [--dump FILE] [--json]\n\
     \n\
     CORPUS_DIR   default ../shared/corpus\n\
     --gate       exit 1 when a score is below its floor\n\
     --report N   print the N worst pages per corpus and every metadata mismatch\n\
     --runs N     runs per page for timing, fastest kept (default 3)\n\
     --only TEXT  only pages whose case name / id contains TEXT\n\
     --corpora A,B  only these corpora (folder names)\n\
     --part P     only the pages of the tuning or the validation part\n\
     --dump FILE  write each page's scores, a line per page\n\
     --json       print the summary as JSON"
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        corpus: PathBuf::from("../shared/corpus"),
        gate: false,
        report: 0,
        runs: 3,
        json: false,
        only: None,
        corpora: None,
        part: None,
        dump: None,
    };
    let mut corpus_set = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            it.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{name} needs a number"))
        };
        match a.as_str() {
            "--gate" => args.gate = true,
            "--json" => args.json = true,
            "--report" => args.report = number("--report")?,
            "--runs" => args.runs = number("--runs")?.max(1),
            "--only" => args.only = Some(it.next().ok_or("--only needs a value")?),
            "--part" => match it.next().as_deref() {
                Some(p @ ("tuning" | "validation")) => args.part = Some(p.to_string()),
                _ => return Err("--part needs tuning or validation".into()),
            },
            "--dump" => args.dump = Some(it.next().ok_or("--dump needs a file")?.into()),
            "--corpora" => {
                let v = it.next().ok_or("--corpora needs a list")?;
                args.corpora = Some(v.split(',').map(String::from).collect());
            }
            "-h" | "--help" => {
                println!("{}", usage());
                std::process::exit(0);
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s if !corpus_set => {
                args.corpus = PathBuf::from(s);
                corpus_set = true;
            }
            s => return Err(format!("unexpected argument {s}")),
        }
    }
    Ok(args)
}

/// Prints to stdout normally, to stderr with `--json` (stdout is the JSON).
/// Nothing is printed while [`QUIET`] is set (the summaries of the tuning and
/// validation parts are computed, not printed in full).
macro_rules! out {
    ($json:expr, $($arg:tt)*) => {
        if QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        } else if $json { eprintln!($($arg)*) } else { println!($($arg)*) }
    };
}

static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The "missed" / "extra" text samples of one page in the report.
fn print_samples(j: bool, missed: &str, extra: &str) {
    if !missed.is_empty() {
        out!(j, "      missed: {}", missed);
    }
    if !extra.is_empty() {
        out!(j, "      extra:  {}", extra);
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("eval: {e}\n\n{}", usage());
            return ExitCode::from(2);
        }
    };
    let dirs = [RTP_DIR, ABD_DIR, TRAF_DIR, MODERN_DIR].map(|d| args.corpus.join(d));
    if !args.corpus.is_dir() || !dirs.iter().any(|d| d.is_dir()) {
        if args.gate && ci() {
            eprintln!(
                "eval: {} not found; under CI (CI=true) the quality gate must run",
                args.corpus.display()
            );
            return ExitCode::FAILURE;
        }
        println!("skipped: {} not found", args.corpus.display());
        return ExitCode::SUCCESS;
    }
    let j = args.json;
    out!(
        j,
        "Lectern {} eval: {} (fastest of {} run{} per page{})",
        lectern::VERSION,
        args.corpus.display(),
        args.runs,
        if args.runs == 1 { "" } else { "s" },
        if cfg!(debug_assertions) {
            "; DEBUG build, timings not representative: use --release"
        } else {
            ""
        }
    );

    let split = load_split();
    let mut dump = String::new();
    let part_of = |name: &str, site: &str| match split.get(name) {
        Some(v) if v.contains(site) => "validation",
        Some(_) => "tuning",
        None => "-",
    };
    let mut summary = serde_json::Map::new();
    let mut measured = 0usize;
    for (name, dir) in [RTP_DIR, ABD_DIR, TRAF_DIR, MODERN_DIR].iter().zip(&dirs) {
        if args
            .corpora
            .as_ref()
            .is_some_and(|c| !c.iter().any(|c| c == name))
        {
            continue;
        }
        if !dir.is_dir() {
            out!(j, "\n{name}: skipped ({} not found)", dir.display());
            continue;
        }
        let quiet = Args {
            report: 0,
            ..args.clone()
        };
        let val = split.get(*name);
        let part = match *name {
            RTP_DIR => {
                let mut pages = run_rtp(dir, &args);
                in_part(&mut pages, |p| &p.site, val, &args);
                measured += pages.len();
                for p in &pages {
                    let _ = writeln!(
                        dump,
                        "{name}\t{}\t{}\tcontentF1 {:.4}\ttextF1 {:.4}",
                        p.name,
                        part_of(name, &p.site),
                        p.content_f1,
                        p.f1
                    );
                }
                let mut v = summarize_rtp(&pages, &args);
                let keys = [("content F1", "/contentF1"), ("text F1", "/textF1")];
                add_parts(
                    &mut v,
                    &pages,
                    |p| &p.site,
                    val,
                    |ps| summarize_rtp(ps, &quiet),
                    &keys,
                    j,
                );
                v
            }
            ABD_DIR => {
                let mut pages = run_abd(dir, &args);
                in_part(&mut pages, |p| &p.site, val, &args);
                measured += pages.len();
                for p in &pages {
                    let _ = writeln!(
                        dump,
                        "{name}\t{}\t{}\tF1 {:.4}",
                        p.id,
                        part_of(name, &p.site),
                        p.f1()
                    );
                }
                let mut v = summarize_abd(&pages, &args);
                let keys = [("F1", "/f1"), ("P", "/precision"), ("R", "/recall")];
                add_parts(
                    &mut v,
                    &pages,
                    |p| &p.site,
                    val,
                    |ps| summarize_abd(ps, &quiet),
                    &keys,
                    j,
                );
                v
            }
            _ => {
                let mut pages = run_snippet_corpus(dir, &args);
                in_part(&mut pages, |p| &p.site, val, &args);
                measured += pages.len();
                for p in &pages {
                    let bag = p
                        .bag
                        .map(|b| format!("\tF1 {:.4}", b.2))
                        .unwrap_or_default();
                    let _ = writeln!(
                        dump,
                        "{name}\t{}\t{}\t{}{bag}\tfn {}\tfp {}",
                        p.id,
                        part_of(name, &p.site),
                        p.page_type,
                        p.snippets.fn_,
                        p.snippets.fp
                    );
                }
                let mut v = summarize_snippets(name, &pages, &args);
                let keys: Vec<(String, String)> = if *name == TRAF_DIR {
                    vec![
                        ("F1".into(), "/f1".into()),
                        ("P".into(), "/precision".into()),
                        ("R".into(), "/recall".into()),
                    ]
                } else {
                    let mut types: Vec<&str> = pages.iter().map(|p| p.page_type.as_str()).collect();
                    types.sort();
                    types.dedup();
                    std::iter::once(("F1".to_string(), "/f1".to_string()))
                        .chain(
                            types
                                .iter()
                                .map(|t| (t.to_string(), format!("/byType/{t}/f1"))),
                        )
                        .chain(std::iter::once((
                            "snippets".to_string(),
                            "/snippetF1".to_string(),
                        )))
                        .collect()
                };
                let keys: Vec<(&str, &str)> =
                    keys.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                add_parts(
                    &mut v,
                    &pages,
                    |p| &p.site,
                    val,
                    |ps| summarize_snippets(name, ps, &quiet),
                    &keys,
                    j,
                );
                v
            }
        };
        summary.insert(name.to_string(), part);
    }

    if let Some(path) = &args.dump {
        if let Err(e) = std::fs::write(path, &dump) {
            eprintln!("eval: cannot write {}: {e}", path.display());
        }
    }
    let mut failed = Vec::new();
    if args.gate {
        if args.only.is_some() {
            out!(
                j,
                "\ngate: not run with --only (floors are for whole corpora)"
            );
        } else if measured == 0 {
            out!(j, "\ngate: nothing measured");
            failed.push("no corpus page".to_string());
        } else {
            failed = gate(&args.corpus, &summary, j);
        }
    }
    if args.json {
        if args.gate {
            summary.insert("gateFailed".into(), json!(failed));
        }
        println!(
            "{}",
            serde_json::to_string_pretty(&Value::Object(summary)).expect("JSON")
        );
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("eval: below the floor: {}", failed.join(", "));
        ExitCode::FAILURE
    }
}

// ---------------------------------------------------------------------------
// readability-test-pages

#[derive(Clone)]
struct MetaCheck {
    field: &'static str,
    expected: Option<String>,
    got: Option<String>,
}

impl MetaCheck {
    fn matches(&self) -> bool {
        self.expected == self.got
    }
}

#[derive(Clone)]
struct RtpPage {
    name: String,
    site: String,
    /// Token F1 of the text of `content` against `expected.html`: what
    /// Readability's output is, and so the conformance measure.
    content_f1: f64,
    precision: f64,
    recall: f64,
    f1: f64,
    error: Option<String>,
    millis: f64,
    meta: Vec<MetaCheck>,
    readerable: Option<(bool, bool)>,
    missed: String,
    extra: String,
}

fn run_rtp(dir: &Path, args: &Args) -> Vec<RtpPage> {
    let mut cases: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("source.html").is_file())
            .collect(),
        Err(e) => {
            eprintln!("eval: cannot list {}: {e}", dir.display());
            Vec::new()
        }
    };
    cases.sort();
    let mut pages = Vec::new();
    for case in cases {
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if args.only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        match rtp_page(&case, name.clone(), args.runs) {
            Ok(p) => pages.push(p),
            Err(e) => eprintln!("eval: {name}: {e}"),
        }
    }
    pages
}

fn rtp_page(case: &Path, name: String, runs: usize) -> Result<RtpPage, String> {
    let read =
        |file: &str| std::fs::read(case.join(file)).map_err(|e| format!("cannot read {file}: {e}"));
    let source = lectern::decode_html(&read("source.html")?, None);
    let expected_html = String::from_utf8_lossy(&read("expected.html")?).into_owned();
    let expected_meta: Value = match read("expected-metadata.json") {
        Ok(b) => {
            serde_json::from_slice(&b).map_err(|e| format!("bad expected-metadata.json: {e}"))?
        }
        Err(_) => Value::Null,
    };
    let options = lectern::Options::default().with_url(RTP_URL);
    let (result, elapsed) = timed(runs, || lectern::extract(&source, &options));

    let expected_text = html_text(&expected_html);
    let got_text = result
        .as_ref()
        .map(|a| a.text_content.as_str())
        .unwrap_or("");
    let exp_tokens = tokens(&expected_text);
    let got_tokens = tokens(got_text);
    let (precision, recall, f1) = bag_scores(&got_tokens, &exp_tokens);
    let content_text = result
        .as_ref()
        .map(|a| html_text(&a.content))
        .unwrap_or_default();
    let content_f1 = bag_scores(&tokens(&content_text), &exp_tokens).2;
    let missed = bag_sample(&exp_tokens, &got_tokens);
    let extra = bag_sample(&got_tokens, &exp_tokens);

    let mut meta = Vec::new();
    for field in META_FIELDS {
        let Some(exp) = expected_meta.get(field) else {
            continue; // Not stated for this page: not compared.
        };
        let expected = match exp {
            Value::Null => None,
            Value::String(s) => norm(s),
            other => norm(&other.to_string()),
        };
        let got = result.as_ref().ok().and_then(|a| {
            let v = match field {
                "title" => a.title.as_deref(),
                "byline" => a.byline.as_deref(),
                "excerpt" => a.excerpt.as_deref(),
                "siteName" => a.site_name.as_deref(),
                "publishedTime" => a.published_time.as_deref(),
                "lang" => a.lang.as_deref(),
                "dir" => a.dir.as_deref(),
                _ => None,
            };
            v.and_then(norm)
        });
        meta.push(MetaCheck {
            field,
            expected,
            got,
        });
    }
    let readerable = expected_meta
        .get("readerable")
        .and_then(Value::as_bool)
        .map(|exp| {
            // The verdict of the same parse, as a reader gets it.
            let got = match &result {
                Ok(a) => a.readerable,
                Err(_) => lectern::is_probably_readerable(&source, &options),
            };
            (exp, got)
        });

    Ok(RtpPage {
        site: case_site(&name),
        name,
        content_f1,
        precision,
        recall,
        f1,
        error: result.err().map(|e| format!("{} ({e})", e.kind())),
        millis: ms(elapsed),
        meta,
        readerable,
        missed,
        extra,
    })
}

fn summarize_rtp(pages: &[RtpPage], args: &Args) -> Value {
    let j = args.json;
    let n = pages.len();
    let errors: Vec<&RtpPage> = pages.iter().filter(|p| p.error.is_some()).collect();
    let mean_f1 = mean(pages.iter().map(|p| p.f1));
    let mean_content_f1 = mean(pages.iter().map(|p| p.content_f1));
    let mean_p = mean(pages.iter().map(|p| p.precision));
    let mean_r = mean(pages.iter().map(|p| p.recall));
    let perfect = pages.iter().filter(|p| p.f1 >= 0.9999).count();
    let times = timing(pages.iter().map(|p| p.millis).collect());

    out!(
        j,
        "\n{RTP_DIR}: {n} pages, {} extraction errors",
        errors.len()
    );
    out!(
        j,
        "  {:<34} {}",
        "content F1 (bag of words, mean)",
        fmt(mean_content_f1)
    );
    out!(
        j,
        "  {:<34} {}",
        "text F1 (bag of words, mean)",
        fmt(mean_f1)
    );
    out!(
        j,
        "  {:<34} {} / {}",
        "text precision / recall (mean)",
        fmt(mean_p),
        fmt(mean_r)
    );
    out!(j, "  {:<34} {perfect}/{n}", "pages with F1 = 1");
    out!(j, "  metadata exact match:");
    let mut meta_json = serde_json::Map::new();
    let mut meta_counts = serde_json::Map::new();
    for field in META_FIELDS {
        let checks: Vec<&MetaCheck> = pages
            .iter()
            .flat_map(|p| p.meta.iter().filter(|m| m.field == field))
            .collect();
        let ok = checks.iter().filter(|m| m.matches()).count();
        let rate = ratio(ok, checks.len());
        out!(
            j,
            "    {field:<16} {ok:>4}/{:<4} {}",
            checks.len(),
            pct(rate)
        );
        meta_json.insert(field.into(), json!(rate));
        meta_counts.insert(field.into(), json!([ok, checks.len()]));
    }
    let rd: Vec<(bool, bool)> = pages.iter().filter_map(|p| p.readerable).collect();
    let rd_ok = rd.iter().filter(|(e, g)| e == g).count();
    let rd_rate = ratio(rd_ok, rd.len());
    out!(
        j,
        "    {:<16} {rd_ok:>4}/{:<4} {}",
        "readerable",
        rd.len(),
        pct(rd_rate)
    );
    meta_json.insert("readerable".into(), json!(rd_rate));
    meta_counts.insert("readerable".into(), json!([rd_ok, rd.len()]));
    print_timing(j, &times);
    if !errors.is_empty() {
        let list: Vec<String> = errors
            .iter()
            .map(|p| format!("{} [{}]", p.name, p.error.as_deref().unwrap_or("")))
            .collect();
        out!(j, "  errors (scored F1 0): {}", list.join(", "));
    }

    if args.report > 0 {
        let mut worst: Vec<&RtpPage> = pages.iter().collect();
        worst.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| a.name.cmp(&b.name)));
        out!(j, "\n  worst {} pages by text F1:", args.report.min(n));
        for p in worst.iter().take(args.report) {
            out!(
                j,
                "  - {}  F1 {:.3}  P {:.3}  R {:.3}{}",
                p.name,
                p.f1,
                p.precision,
                p.recall,
                p.error
                    .as_deref()
                    .map(|e| format!("  ERROR {e}"))
                    .unwrap_or_default()
            );
            print_samples(j, &p.missed, &p.extra);
        }
        out!(j, "\n  metadata mismatches (case, field: expected / got):");
        let mut any = false;
        for p in pages {
            for m in p.meta.iter().filter(|m| !m.matches()) {
                any = true;
                out!(
                    j,
                    "  - {} {}: {} / {}",
                    p.name,
                    m.field,
                    show(m.expected.as_deref()),
                    show(m.got.as_deref())
                );
            }
            if let Some((e, g)) = p.readerable.filter(|(e, g)| e != g) {
                any = true;
                out!(j, "  - {} readerable: {e} / {g}", p.name);
            }
        }
        if !any {
            out!(j, "  (none)");
        }
    }

    json!({
        "pages": n,
        "errors": errors.iter().map(|p| json!({"page": p.name, "error": p.error})).collect::<Vec<_>>(),
        "contentF1": mean_content_f1,
        "textF1": mean_f1,
        "textPrecision": mean_p,
        "textRecall": mean_r,
        "perfectPages": perfect,
        "metadata": meta_json,
        "metadataCounts": meta_counts,
        "timeMs": times.to_json(),
    })
}

// ---------------------------------------------------------------------------
// article-benchmark-dev

#[derive(Clone)]
struct AbdPage {
    id: String,
    site: String,
    /// `None` when nothing was predicted (no shingles).
    precision: Option<f64>,
    /// `None` when nothing was expected.
    recall: Option<f64>,
    error: Option<String>,
    millis: Option<f64>,
    missed: String,
    extra: String,
}

impl AbdPage {
    fn f1(&self) -> f64 {
        let p = self.precision.unwrap_or(0.0);
        let r = self.recall.unwrap_or(0.0);
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn run_abd(dir: &Path, args: &Args) -> Vec<AbdPage> {
    let truth: Value = match std::fs::read(dir.join("ground-truth.json"))
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => {
            eprintln!("eval: {ABD_DIR}/ground-truth.json: {e}");
            return Vec::new();
        }
    };
    let Some(map) = truth.as_object() else {
        eprintln!("eval: {ABD_DIR}/ground-truth.json is not an object");
        return Vec::new();
    };
    let mut ids: Vec<&String> = map.keys().collect();
    ids.sort();
    let mut pages = Vec::new();
    for id in ids {
        if args.only.as_deref().is_some_and(|o| !id.contains(o)) {
            continue;
        }
        let entry = &map[id];
        let body = entry["articleBody"].as_str().unwrap_or("");
        let url = entry["url"].as_str();
        pages.push(abd_page(dir, id, body, url, args.runs));
    }
    pages
}

fn abd_page(dir: &Path, id: &str, body: &str, url: Option<&str>, runs: usize) -> AbdPage {
    let path = dir.join("html").join(format!("{id}.html.gz"));
    let html = gunzip(&path).map(|bytes| lectern::decode_html(&bytes, None));
    let options = match url {
        Some(u) => lectern::Options::default().with_url(u),
        None => lectern::Options::default(),
    };
    let (predicted, error, millis) = match &html {
        Ok(html) => {
            let (result, elapsed) = timed(runs, || lectern::extract(html, &options));
            match result {
                Ok(a) => (a.text_content, None, Some(ms(elapsed))),
                Err(e) => (
                    String::new(),
                    Some(format!("{} ({e})", e.kind())),
                    Some(ms(elapsed)),
                ),
            }
        }
        Err(e) => (String::new(), Some(format!("Io ({e})")), None),
    };
    let pred_tokens = tokens(&predicted);
    let truth_tokens = tokens(body);
    let pred = shingles(&pred_tokens);
    let truth = shingles(&truth_tokens);
    let common = intersection(&pred, &truth) as f64;
    let (np, nt) = (total(&pred), total(&truth));
    AbdPage {
        id: id.to_string(),
        site: url.map(url_site).unwrap_or_default(),
        precision: (np > 0).then(|| common / np as f64),
        recall: (nt > 0).then(|| common / nt as f64),
        error,
        millis,
        missed: shingle_sample(&truth_tokens, &pred),
        extra: shingle_sample(&pred_tokens, &truth),
    }
}

fn summarize_abd(pages: &[AbdPage], args: &Args) -> Value {
    let j = args.json;
    let n = pages.len();
    let errors: Vec<&AbdPage> = pages.iter().filter(|p| p.error.is_some()).collect();
    let ps: Vec<f64> = pages.iter().filter_map(|p| p.precision).collect();
    let rs: Vec<f64> = pages.iter().filter_map(|p| p.recall).collect();
    let precision = mean(ps.iter().copied());
    let recall = mean(rs.iter().copied());
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let times = timing(pages.iter().filter_map(|p| p.millis).collect());

    out!(
        j,
        "\n{ABD_DIR}: {n} pages, {} extraction errors",
        errors.len()
    );
    out!(
        j,
        "  {:<34} {}   (mean over {} pages with output)",
        "precision (4-gram shingles)",
        fmt(precision),
        ps.len()
    );
    out!(
        j,
        "  {:<34} {}   (mean over {} pages with a truth)",
        "recall (4-gram shingles)",
        fmt(recall),
        rs.len()
    );
    out!(j, "  {:<34} {}", "F1", fmt(f1));
    print_timing(j, &times);
    if !errors.is_empty() {
        let list: Vec<String> = errors
            .iter()
            .map(|p| format!("{} [{}]", short_id(&p.id), p.error.as_deref().unwrap_or("")))
            .collect();
        out!(j, "  errors (empty prediction): {}", list.join(", "));
    }

    if args.report > 0 {
        let mut worst: Vec<&AbdPage> = pages.iter().collect();
        worst.sort_by(|a, b| a.f1().total_cmp(&b.f1()).then_with(|| a.id.cmp(&b.id)));
        out!(j, "\n  worst {} pages by F1:", args.report.min(n));
        for p in worst.iter().take(args.report) {
            let opt = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"));
            out!(
                j,
                "  - {}  F1 {:.3}  P {}  R {}{}",
                p.id,
                p.f1(),
                opt(p.precision),
                opt(p.recall),
                p.error
                    .as_deref()
                    .map(|e| format!("  ERROR {e}"))
                    .unwrap_or_default()
            );
            print_samples(j, &p.missed, &p.extra);
        }
    }

    json!({
        "pages": n,
        "errors": errors.iter().map(|p| json!({"page": p.id, "error": p.error})).collect::<Vec<_>>(),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "pagesWithOutput": ps.len(),
        "pagesWithTruth": rs.len(),
        "timeMs": times.to_json(),
    })
}

fn gunzip(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::io::BufReader::new(file))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(bytes)
}

fn short_id(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

// ---------------------------------------------------------------------------
// Text, tokens and scores

/// Tokens of `from` left over after matching against the multiset of
/// `against`, in order, gaps marked with `…`, cut to [`SAMPLE_CHARS`].
fn bag_sample(from: &[&str], against: &[&str]) -> String {
    let mut left = counts(against.iter().copied());
    let unmatched: Vec<bool> = from
        .iter()
        .map(|t| match left.get_mut(t) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect();
    sample(from, &unmatched)
}

/// Tokens of `from` covered by no shingle found in `against`.
fn shingle_sample(from: &[&str], against: &HashMap<&[&str], usize>) -> String {
    let mut left = against.clone();
    let mut covered = vec![false; from.len()];
    for (i, w) in from.windows(4).enumerate() {
        if let Some(n) = left.get_mut(w).filter(|n| **n > 0) {
            *n -= 1;
            covered[i..i + 4].iter_mut().for_each(|c| *c = true);
        }
    }
    if from.len() < 4 {
        // No shingles at all: everything counts as unmatched.
        return sample(from, &vec![true; from.len()]);
    }
    let unmatched: Vec<bool> = covered.iter().map(|c| !c).collect();
    sample(from, &unmatched)
}

fn sample(tokens: &[&str], pick: &[bool]) -> String {
    let mut s = String::new();
    let mut prev: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate() {
        if !pick[i] {
            continue;
        }
        if let Some(p) = prev {
            s.push_str(if p + 1 == i { " " } else { " … " });
        }
        s.push_str(t);
        prev = Some(i);
        if s.chars().count() > SAMPLE_CHARS {
            break;
        }
    }
    truncate(&s, SAMPLE_CHARS)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

/// Whitespace collapsed; empty is `None` (like JSON null).
fn norm(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

fn show(v: Option<&str>) -> String {
    match v {
        None => "null".to_string(),
        Some(s) => format!("{:?}", truncate(s, 100)),
    }
}

// ---------------------------------------------------------------------------
// Timing and formatting

/// Runs `f` `runs` times; the last result and the fastest time.
fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (T, Duration) {
    let mut best = Duration::MAX;
    let mut result = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let r = f();
        best = best.min(start.elapsed());
        result = Some(r);
    }
    (result.expect("at least one run"), best)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct Timing {
    median: f64,
    p95: f64,
    mean: f64,
    max: f64,
    total: f64,
}

impl Timing {
    fn to_json(&self) -> Value {
        json!({
            "median": self.median, "p95": self.p95, "mean": self.mean,
            "max": self.max, "total": self.total,
        })
    }
}

fn timing(mut v: Vec<f64>) -> Timing {
    if v.is_empty() {
        return Timing {
            median: 0.0,
            p95: 0.0,
            mean: 0.0,
            max: 0.0,
            total: 0.0,
        };
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    let p95 = v[((n as f64 * 0.95).ceil() as usize).clamp(1, n) - 1];
    let total: f64 = v.iter().sum();
    Timing {
        median,
        p95,
        mean: total / n as f64,
        max: v[n - 1],
        total,
    }
}

fn print_timing(json: bool, t: &Timing) {
    out!(
        json,
        "  {:<34} median {:.2} ms   p95 {:.2} ms   mean {:.2} ms   max {:.2} ms",
        "time per page (extract)",
        t.median,
        t.p95,
        t.mean,
        t.max
    );
}

fn mean(it: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = it.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.4}")
}

fn pct(v: f64) -> String {
    let mut s = String::new();
    let _ = write!(s, "{:5.1}%", v * 100.0);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_is_backslash_w_plus() {
        assert_eq!(
            tokens("Hello, wörld_1! 東京 it's  x"),
            vec!["Hello", "wörld_1", "東京", "it", "s", "x"]
        );
        assert!(tokens(" ... ").is_empty());
    }

    #[test]
    fn bag_f1() {
        let (p, r, f) = bag_scores(&["a", "b", "b"], &["a", "b", "c", "d"]);
        assert!((p - 2.0 / 3.0).abs() < 1e-9);
        assert!((r - 0.5).abs() < 1e-9);
        assert!((f - 4.0 / 7.0).abs() < 1e-9);
        assert_eq!(bag_scores(&[], &[]).2, 1.0);
        assert_eq!(bag_scores(&[], &["a"]).2, 0.0);
    }

    #[test]
    fn shingle_multisets() {
        let a = tokens("one two three four five");
        let b = tokens("zero one two three four");
        let (sa, sb) = (shingles(&a), shingles(&b));
        assert_eq!(total(&sa), 2);
        assert_eq!(intersection(&sa, &sb), 1);
        assert!(shingles(&tokens("too short")).is_empty());
        assert_eq!(shingle_sample(&a, &sb), "five");
    }

    #[test]
    fn expected_text_keeps_blocks_apart() {
        assert_eq!(
            html_text("<div><p>one<b>two</b></p><p>three\n  four</p><script>x</script></div>"),
            "onetwo three four"
        );
    }

    #[test]
    fn timing_percentiles() {
        let t = timing((1..=20).map(f64::from).collect());
        assert_eq!(t.median, 10.5);
        assert_eq!(t.p95, 19.0);
        assert_eq!(t.max, 20.0);
    }
}

// ---------------------------------------------------------------------------
// The tuning / validation split (tests/quality/split.json)

/// The split of each corpus by site, written once by `tests/quality/split.py`
/// and fixed: sites listed under `validation` form the validation part,
/// every other site the tuning part.
const SPLIT_FILE: &str = "tests/quality/split.json";

/// Country-code second levels under which a site is three labels
/// (`bbc.co.uk`); the same list as `tests/quality/split.py`.
const SECOND_LEVEL: [&str; 10] = [
    "co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go",
];

/// A page's site: its URL's registrable domain, as `split.py` computes it.
fn url_site(url: &str) -> String {
    let host = url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    let keep = if n >= 3 && labels[n - 1].len() == 2 && SECOND_LEVEL.contains(&labels[n - 2]) {
        3
    } else {
        2
    };
    labels[n.saturating_sub(keep)..].join(".")
}

/// A readability test case's site: its name without a `-N` suffix
/// (`bbc-1` -> `bbc`), as all of them share one fake URL.
fn case_site(name: &str) -> String {
    match name.rsplit_once('-') {
        Some((site, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => site.into(),
        _ => name.into(),
    }
}

fn load_split() -> HashMap<String, std::collections::HashSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file: Value = std::fs::read(root.join(SPLIT_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_else(|| panic!("eval: cannot read {SPLIT_FILE}"));
    let mut out = HashMap::new();
    for (corpus, sites) in file["validation"].as_object().into_iter().flatten() {
        let set = sites
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(String::from))
            .collect();
        out.insert(corpus.clone(), set);
    }
    out
}

/// Keeps only the pages of `--part`, if given.
fn in_part<P>(
    pages: &mut Vec<P>,
    site: impl Fn(&P) -> &str,
    validation: Option<&std::collections::HashSet<String>>,
    args: &Args,
) {
    if let (Some(part), Some(val)) = (&args.part, validation) {
        let want = part == "validation";
        pages.retain(|p| val.contains(site(p)) == want);
    }
}

/// The summaries of the tuning and validation parts of one corpus, computed
/// quietly, added to `summary` as `tuning` and `validation`, and printed as
/// one line of `key` figures (JSON pointers) each.
fn add_parts<P: Clone>(
    summary: &mut Value,
    pages: &[P],
    site: impl Fn(&P) -> &str,
    validation: Option<&std::collections::HashSet<String>>,
    summarize: impl Fn(&[P]) -> Value,
    keys: &[(&str, &str)],
    j: bool,
) {
    let Some(validation) = validation else {
        return;
    };
    let (val, tun): (Vec<P>, Vec<P>) = pages
        .iter()
        .cloned()
        .partition(|p| validation.contains(site(p)));
    QUIET.store(true, std::sync::atomic::Ordering::Relaxed);
    let parts = [("tuning", summarize(&tun)), ("validation", summarize(&val))];
    QUIET.store(false, std::sync::atomic::Ordering::Relaxed);
    for (name, part) in parts {
        let figures: Vec<String> = keys
            .iter()
            .map(|(label, ptr)| {
                let v = part
                    .pointer(ptr)
                    .and_then(Value::as_f64)
                    .unwrap_or(f64::NAN);
                format!("{label} {}", fmt(v))
            })
            .collect();
        let n = part["pages"].as_u64().unwrap_or(0);
        out!(j, "  {:<11} {n:>3} pages: {}", name, figures.join("  "));
        summary[name] = part;
    }
}

// ---------------------------------------------------------------------------
// trafilatura-dev and the snippets of modern-dev

const TRAF_DIR: &str = "trafilatura-dev";
const MODERN_DIR: &str = "modern-dev";

/// Snippet counts of one page under trafilatura's metric: each `with`
/// snippet found (whitespace collapsed, substring) is a true positive,
/// missing a false negative; each `without` snippet found a false positive,
/// absent a true negative.
#[derive(Clone, Default)]
struct Snippets {
    tp: usize,
    fn_: usize,
    fp: usize,
    tn: usize,
    missed: Vec<String>,
    found: Vec<String>,
}

impl Snippets {
    fn score(text: &str, entry: &Value) -> Snippets {
        let text = collapse(text);
        let mut s = Snippets::default();
        let list = |key: &str| -> Vec<String> {
            entry[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(collapse))
                .collect()
        };
        for w in list("with") {
            if text.contains(&w) {
                s.tp += 1;
            } else {
                s.fn_ += 1;
                s.missed.push(w);
            }
        }
        for w in list("without") {
            if text.contains(&w) {
                s.fp += 1;
                s.found.push(w);
            } else {
                s.tn += 1;
            }
        }
        s
    }
}

/// Whitespace runs collapsed to one space, trimmed (trafilatura's
/// evaluation does the same to both sides).
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Precision, recall and F1 from summed snippet counts.
fn snippet_prf<'a>(all: impl Iterator<Item = &'a Snippets>) -> (f64, f64, f64, [usize; 4]) {
    let mut c = [0usize; 4];
    for s in all {
        c[0] += s.tp;
        c[1] += s.fn_;
        c[2] += s.fp;
        c[3] += s.tn;
    }
    let p = ratio(c[0], c[0] + c[2]);
    let r = ratio(c[0], c[0] + c[1]);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f, c)
}

#[derive(Clone)]
struct SnippetPage {
    id: String,
    site: String,
    /// modern-dev's `page_type` (empty for trafilatura-dev).
    page_type: String,
    snippets: Snippets,
    /// Bag-of-tokens scores against modern-dev's `text`.
    bag: Option<(f64, f64, f64)>,
    error: Option<String>,
    millis: Option<f64>,
    missed: String,
    extra: String,
}

fn read_truth(dir: &Path, file: &str) -> Option<serde_json::Map<String, Value>> {
    match std::fs::read(dir.join(file))
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice::<Value>(&b).map_err(|e| e.to_string()))
    {
        Ok(Value::Object(m)) => Some(m),
        Ok(_) => {
            eprintln!("eval: {}/{file} is not an object", dir.display());
            None
        }
        Err(e) => {
            eprintln!("eval: {}/{file}: {e}", dir.display());
            None
        }
    }
}

/// Runs every page of trafilatura-dev or modern-dev (both hold
/// `html/<id>.html.gz` and `truth.json`).
fn run_snippet_corpus(dir: &Path, args: &Args) -> Vec<SnippetPage> {
    let Some(map) = read_truth(dir, "truth.json") else {
        return Vec::new();
    };
    let mut ids: Vec<&String> = map.keys().collect();
    ids.sort();
    let mut pages = Vec::new();
    for id in ids {
        if args.only.as_deref().is_some_and(|o| !id.contains(o)) {
            continue;
        }
        let entry = &map[id];
        let url = entry["url"].as_str();
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let html = gunzip(&path).map(|bytes| lectern::decode_html(&bytes, None));
        let options = match url {
            Some(u) => lectern::Options::default().with_url(u),
            None => lectern::Options::default(),
        };
        let (text, error, millis) = match &html {
            Ok(html) => {
                let (result, elapsed) = timed(args.runs, || lectern::extract(html, &options));
                match result {
                    Ok(a) => (a.text_content, None, Some(ms(elapsed))),
                    Err(e) => (
                        String::new(),
                        Some(format!("{} ({e})", e.kind())),
                        Some(ms(elapsed)),
                    ),
                }
            }
            Err(e) => (String::new(), Some(format!("Io ({e})")), None),
        };
        let gold = entry["text"].as_str();
        let (bag, missed, extra) = match gold {
            Some(gold) => {
                let (g, t) = (tokens(gold), tokens(&text));
                let bag = if t.is_empty() {
                    (0.0, 0.0, 0.0) // an empty result scores 0
                } else {
                    bag_scores(&t, &g)
                };
                (Some(bag), bag_sample(&g, &t), bag_sample(&t, &g))
            }
            None => (None, String::new(), String::new()),
        };
        pages.push(SnippetPage {
            id: id.clone(),
            site: url.map(url_site).unwrap_or_default(),
            page_type: entry["page_type"].as_str().unwrap_or("").to_string(),
            snippets: Snippets::score(&text, entry),
            bag,
            error,
            millis,
            missed,
            extra,
        });
    }
    pages
}

fn summarize_snippets(name: &str, pages: &[SnippetPage], args: &Args) -> Value {
    let j = args.json;
    let n = pages.len();
    let errors: Vec<&SnippetPage> = pages.iter().filter(|p| p.error.is_some()).collect();
    let (p, r, f, c) = snippet_prf(pages.iter().map(|p| &p.snippets));
    let times = timing(pages.iter().filter_map(|p| p.millis).collect());
    out!(j, "\n{name}: {n} pages, {} extraction errors", errors.len());
    let mut out_json = json!({
        "pages": n,
        "errors": errors.iter().map(|p| json!({"page": p.id, "error": p.error})).collect::<Vec<_>>(),
    });
    let bags: Vec<(f64, f64, f64)> = pages.iter().filter_map(|p| p.bag).collect();
    if !bags.is_empty() {
        let f1 = mean(bags.iter().map(|b| b.2));
        out!(
            j,
            "  {:<34} {}   (P {} R {})",
            "token F1 vs text (mean)",
            fmt(f1),
            fmt(mean(bags.iter().map(|b| b.0))),
            fmt(mean(bags.iter().map(|b| b.1)))
        );
        out_json["f1"] = json!(f1);
        out_json["precision"] = json!(mean(bags.iter().map(|b| b.0)));
        out_json["recall"] = json!(mean(bags.iter().map(|b| b.1)));
        let mut types: Vec<&str> = pages.iter().map(|p| p.page_type.as_str()).collect();
        types.sort();
        types.dedup();
        let mut by_type = serde_json::Map::new();
        for t in types {
            let of: Vec<&SnippetPage> = pages.iter().filter(|p| p.page_type == t).collect();
            let f1 = mean(of.iter().filter_map(|p| p.bag.map(|b| b.2)));
            let none = of.iter().filter(|p| p.error.is_some()).count();
            out!(
                j,
                "    {t:<16} {:>3} pages  F1 {}  no article on {none}",
                of.len(),
                fmt(f1)
            );
            by_type.insert(
                t.into(),
                json!({"pages": of.len(), "f1": f1, "errors": none}),
            );
        }
        out_json["byType"] = Value::Object(by_type);
    }
    out!(
        j,
        "  {:<34} {}   (P {} R {}; tp {} fn {} fp {} tn {})",
        "snippet F1 (sums)",
        fmt(f),
        fmt(p),
        fmt(r),
        c[0],
        c[1],
        c[2],
        c[3]
    );
    let key = if bags.is_empty() { "f1" } else { "snippetF1" };
    out_json[key] = json!(f);
    out_json[if bags.is_empty() {
        "precision"
    } else {
        "snippetPrecision"
    }] = json!(p);
    out_json[if bags.is_empty() {
        "recall"
    } else {
        "snippetRecall"
    }] = json!(r);
    print_timing(j, &times);
    out_json["timeMs"] = times.to_json();
    if !errors.is_empty() {
        let list: Vec<String> = errors
            .iter()
            .map(|p| format!("{} [{}]", short_id(&p.id), p.error.as_deref().unwrap_or("")))
            .collect();
        out!(j, "  errors: {}", list.join(", "));
    }
    if args.report > 0 {
        // Worst by token F1 where there is a gold text, else by wrong snippets.
        let bad = |p: &SnippetPage| match p.bag {
            Some(b) => 1.0 - b.2,
            None => (p.snippets.fn_ + p.snippets.fp) as f64,
        };
        let mut worst: Vec<&SnippetPage> = pages.iter().collect();
        worst.sort_by(|a, b| bad(b).total_cmp(&bad(a)).then_with(|| a.id.cmp(&b.id)));
        out!(j, "\n  worst {} pages:", args.report.min(n));
        for p in worst.iter().take(args.report) {
            let bag = p
                .bag
                .map(|b| format!("  F1 {:.3} P {:.3} R {:.3}", b.2, b.0, b.1))
                .unwrap_or_default();
            out!(
                j,
                "  - {} {}{}  snippets fn {} fp {}{}",
                short_id(&p.id),
                p.page_type,
                bag,
                p.snippets.fn_,
                p.snippets.fp,
                p.error
                    .as_deref()
                    .map(|e| format!("  ERROR {e}"))
                    .unwrap_or_default()
            );
            for m in p.snippets.missed.iter().take(3) {
                out!(j, "      missing: {}", truncate(m, 120));
            }
            for m in p.snippets.found.iter().take(3) {
                out!(j, "      unwanted: {}", truncate(m, 120));
            }
            print_samples(j, &p.missed, &p.extra);
        }
    }
    out_json
}

// ---------------------------------------------------------------------------
// The gate: floors and corpus fingerprints from tests/quality/floors.json

/// `true` under CI (`CI=true`), where a corpus named in the floors file must
/// be there: a missing one fails the gate instead of being skipped.
fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Checks every floor of [`FLOORS_FILE`] against the summary and returns the
/// failures. Each corpus entry holds:
///
/// * `fingerprint`: `{files, sha256}` of the corpus folder (every file's
///   relative path and bytes, in path order). A different corpus fails the
///   gate: floors set on one corpus say nothing about another.
/// * `floors`: `{pointer: minimum}`, each pointer a JSON pointer into that
///   corpus's summary (`/contentF1`, `/metadata/title`, ...), as `--json`
///   prints it.
///
/// A corpus missing from disk is skipped, except under CI.
fn gate(corpus: &Path, summary: &serde_json::Map<String, Value>, j: bool) -> Vec<String> {
    let mut failed = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file: Value = match std::fs::read(root.join(FLOORS_FILE))
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => {
            out!(j, "\ngate: cannot read {FLOORS_FILE}: {e}");
            return vec![FLOORS_FILE.to_string()];
        }
    };
    out!(j, "\ngate ({FLOORS_FILE}):");
    let corpora = file["corpora"].as_object().cloned().unwrap_or_default();
    for (name, entry) in &corpora {
        let dir = corpus.join(name);
        if !dir.is_dir() {
            if ci() {
                out!(j, "  FAIL {name}: not found at {} (CI=true)", dir.display());
                failed.push(format!("{name} missing"));
            } else {
                out!(j, "  skip {name}: not found at {}", dir.display());
            }
            continue;
        }
        let (files, sha) = fingerprint(&dir);
        let want_files = entry["fingerprint"]["files"].as_u64();
        let want_sha = entry["fingerprint"]["sha256"].as_str();
        if want_files != Some(files as u64) || want_sha != Some(sha.as_str()) {
            out!(
                j,
                "  FAIL {name}: fingerprint {files} files {sha} is not the {} files {} the floors were set on",
                want_files.unwrap_or(0),
                want_sha.unwrap_or("?")
            );
            failed.push(format!("{name} fingerprint"));
            continue;
        }
        let Some(measured) = summary.get(name) else {
            out!(j, "  FAIL {name}: not measured");
            failed.push(format!("{name} not measured"));
            continue;
        };
        for (pointer, floor) in entry["floors"].as_object().cloned().unwrap_or_default() {
            let floor = floor.as_f64().unwrap_or(f64::INFINITY);
            match measured.pointer(&pointer).and_then(Value::as_f64) {
                Some(v) if v >= floor => {
                    out!(j, "  pass {name}{pointer}: {v:.4} (floor {floor:.3})")
                }
                Some(v) => {
                    out!(j, "  FAIL {name}{pointer}: {v:.4} (floor {floor:.3})");
                    failed.push(format!("{name}{pointer}"));
                }
                None => {
                    out!(j, "  FAIL {name}{pointer}: no such figure");
                    failed.push(format!("{name}{pointer}"));
                }
            }
        }
    }
    failed
}

/// Files under `dir` and the SHA-256 of their relative paths and contents,
/// in path order: what a corpus is, byte for byte.
fn fingerprint(dir: &Path) -> (usize, String) {
    use sha2::{Digest, Sha256};
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut hash = Sha256::new();
    for f in &files {
        let rel = f
            .strip_prefix(dir)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(f).unwrap_or_default();
        hash.update((rel.len() as u64).to_le_bytes());
        hash.update(rel.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    let digest = hash.finalize();
    (
        files.len(),
        digest.iter().map(|b| format!("{b:02x}")).collect(),
    )
}
