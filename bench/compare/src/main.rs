//! Lectern beside dom_smoothie on the shared corpora, in one run.
//!
//! ```text
//! cd bench/compare && cargo run --release -- [CORPUS_DIR] [--runs N] [--threads-check]
//! ```
//!
//! For every page of `readability-test-pages` and `article-benchmark-dev`,
//! both engines get the same decoded HTML and page URL; each is timed as the
//! fastest of `--runs` (default 5) runs, alternating engines so that neither
//! gets a warmer cache. Each engine's time covers what a reader needs of a
//! page: its readerable verdict and its article, from one parse
//! (`lectern::extract`, which fills `Article::readerable`; dom_smoothie's
//! `is_probably_readable` then `parse`). Reported: median and p95 time per page, and each
//! engine's quality on the corpora's own metrics (bag-of-words text F1 on the
//! test pages, 4-gram shingle F1 on the benchmark), computed by the same code
//! as `examples/eval.rs`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

#[path = "../../../examples/common/metrics.rs"]
mod metrics;
use metrics::{bag_scores, html_text, intersection, shingles, tokens, total};

const RTP_URL: &str = "http://fakehost/test/page.html";

struct Page {
    html: String,
    url: Option<String>,
    /// What the page's text should be, as the corpus scores it.
    truth: Truth,
}

enum Truth {
    /// Text of expected.html, scored by bag-of-words F1.
    Bag(String),
    /// The benchmark's articleBody, scored by 4-gram shingles.
    Shingles(String),
}

#[derive(Default)]
struct Tally {
    times: Vec<f64>,
    bag_f1: Vec<f64>,
    shingle_p: Vec<f64>,
    shingle_r: Vec<f64>,
    failures: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(5usize);
    let corpus = args
        .iter()
        .find(|a| !a.starts_with("--") && a.parse::<usize>().is_err())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../../../shared/corpus"));
    if !corpus.is_dir() {
        eprintln!("corpus not found: {}", corpus.display());
        std::process::exit(2);
    }
    for (name, pages) in [
        (
            "readability-test-pages",
            rtp(&corpus.join("readability-test-pages")),
        ),
        (
            "article-benchmark-dev",
            abd(&corpus.join("article-benchmark-dev")),
        ),
    ] {
        let mut lectern = Tally::default();
        let mut smoothie = Tally::default();
        for page in &pages {
            let options = match &page.url {
                Some(u) => lectern::Options::default().with_url(u),
                None => lectern::Options::default(),
            };
            let mut best_l = Duration::MAX;
            let mut best_s = Duration::MAX;
            let mut text_l = None;
            let mut text_s = None;
            for _ in 0..runs {
                let t = Instant::now();
                let out = lectern::extract(&page.html, &options)
                    .ok()
                    .map(|a| a.text_content);
                best_l = best_l.min(t.elapsed());
                text_l = Some(out);
                let t = Instant::now();
                let out = smoothie_text(&page.html, page.url.as_deref());
                best_s = best_s.min(t.elapsed());
                text_s = Some(out);
            }
            score(&mut lectern, page, text_l.flatten(), best_l);
            score(&mut smoothie, page, text_s.flatten(), best_s);
        }
        println!(
            "{name}: {} pages, fastest of {runs} runs per page, one thread",
            pages.len()
        );
        for (engine, t) in [("lectern", &lectern), ("dom_smoothie", &smoothie)] {
            let (median, p95) = percentiles(&t.times);
            let quality = if t.bag_f1.is_empty() {
                let p = mean(&t.shingle_p);
                let r = mean(&t.shingle_r);
                format!(
                    "F1 {:.4} (P {p:.4} / R {r:.4})",
                    if p + r > 0.0 {
                        2.0 * p * r / (p + r)
                    } else {
                        0.0
                    }
                )
            } else {
                format!("mean text F1 {:.4}", mean(&t.bag_f1))
            };
            println!(
                "  {engine:<13} median {median:6.2} ms   p95 {p95:6.2} ms   {quality}   no article: {}",
                t.failures
            );
        }
    }
}

/// dom_smoothie as a reader uses it: one parse, the readable check and the
/// article, as `lectern::extract` gives both (`Article::readerable`).
fn smoothie_text(html: &str, url: Option<&str>) -> Option<String> {
    let mut r = dom_smoothie::Readability::new(html, url, None).ok()?;
    std::hint::black_box(r.is_probably_readable());
    let article = r.parse().ok()?;
    Some(article.text_content.to_string())
}

fn score(t: &mut Tally, page: &Page, text: Option<String>, took: Duration) {
    t.times.push(took.as_secs_f64() * 1000.0);
    if text.is_none() {
        t.failures += 1;
    }
    let text = text.unwrap_or_default();
    let got = tokens(&text);
    match &page.truth {
        Truth::Bag(expected) => {
            let exp = tokens(expected);
            t.bag_f1.push(bag_scores(&got, &exp).2);
        }
        Truth::Shingles(expected) => {
            let exp_tokens = tokens(expected);
            let pred = shingles(&got);
            let truth = shingles(&exp_tokens);
            let common = intersection(&pred, &truth) as f64;
            if total(&pred) > 0 {
                t.shingle_p.push(common / total(&pred) as f64);
            }
            if total(&truth) > 0 {
                t.shingle_r.push(common / total(&truth) as f64);
            }
        }
    }
}

fn rtp(dir: &Path) -> Vec<Page> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("source.html").exists())
                .collect()
        })
        .unwrap_or_default();
    cases.sort();
    cases
        .iter()
        .filter_map(|c| {
            let source = lectern::decode_html(&std::fs::read(c.join("source.html")).ok()?, None);
            let expected =
                String::from_utf8_lossy(&std::fs::read(c.join("expected.html")).ok()?).into_owned();
            Some(Page {
                html: source,
                url: Some(RTP_URL.to_string()),
                truth: Truth::Bag(html_text(&expected)),
            })
        })
        .collect()
}

fn abd(dir: &Path) -> Vec<Page> {
    let Ok(truth) = std::fs::read(dir.join("ground-truth.json")) else {
        return Vec::new();
    };
    let truth: Value = serde_json::from_slice(&truth).unwrap_or(Value::Null);
    let Some(map) = truth.as_object() else {
        return Vec::new();
    };
    let mut ids: Vec<&String> = map.keys().collect();
    ids.sort();
    ids.iter()
        .filter_map(|id| {
            let entry = &map[id.as_str()];
            let file = std::fs::File::open(dir.join("html").join(format!("{id}.html.gz"))).ok()?;
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(file), &mut bytes).ok()?;
            Some(Page {
                html: lectern::decode_html(&bytes, None),
                url: entry.get("url").and_then(Value::as_str).map(str::to_string),
                truth: Truth::Shingles(
                    entry
                        .get("articleBody")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                ),
            })
        })
        .collect()
}

fn percentiles(v: &[f64]) -> (f64, f64) {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return (0.0, 0.0);
    }
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    // Nearest rank, as in eval.rs.
    let p95 = v[((0.95 * n as f64).ceil() as usize).clamp(1, n) - 1];
    (median, p95)
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}
