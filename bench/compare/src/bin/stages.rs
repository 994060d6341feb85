//! Where the two engines' time goes: the parse and everything after it,
//! timed apart in one process over the same decoded pages (one thread, all
//! pages in memory first, 3 passes, engines alternating page by page).
//! Lectern: `Document::parse`, then `extract` (which also answers
//! readerable); dom_smoothie: `Readability::new` (its parse), then
//! `is_probably_readable` and `parse`.
//!
//! ```text
//! cargo run --release --bin stages -- MANIFEST   # bench/manifest.py output
//! ```

#[path = "../pages.rs"]
mod pages;
use pages::read_page;

use std::path::Path;
use std::time::Instant;

use serde_json::Value;

const PASSES: usize = 3;

fn main() {
    let manifest = std::env::args().nth(1).expect("usage: stages MANIFEST");
    let base = Path::new(&manifest)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut pages = Vec::new();
    for line in std::fs::read_to_string(&manifest)
        .expect("manifest")
        .lines()
    {
        let Ok(entry) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let Some(path) = entry.get("path").and_then(Value::as_str) else {
            continue;
        };
        let Ok(bytes) = read_page(&base.join(path)) else {
            continue;
        };
        let url = entry.get("url").and_then(Value::as_str).map(String::from);
        pages.push((lectern::decode_html(&bytes, None), url));
    }
    let mut lectern_times = [0f64; 2];
    let mut smoothie_times = [0f64; 2];
    for _ in 0..PASSES {
        for (html, url) in &pages {
            let options = match url {
                Some(u) => lectern::Options::default().with_url(u),
                None => lectern::Options::default(),
            };
            let start = Instant::now();
            let doc = lectern::Document::parse(html, &options);
            let parsed = Instant::now();
            if let Ok(doc) = doc {
                let _ = std::hint::black_box(doc.extract());
            }
            lectern_times[0] += (parsed - start).as_secs_f64();
            lectern_times[1] += parsed.elapsed().as_secs_f64();

            let start = Instant::now();
            let readability = dom_smoothie::Readability::new(html.as_str(), url.as_deref(), None);
            let parsed = Instant::now();
            if let Ok(mut r) = readability {
                let _ = std::hint::black_box(r.is_probably_readable());
                let _ = std::hint::black_box(r.parse());
            }
            smoothie_times[0] += (parsed - start).as_secs_f64();
            smoothie_times[1] += parsed.elapsed().as_secs_f64();
        }
    }
    println!(
        "{} pages, {PASSES} passes, seconds in all (Lectern / dom_smoothie = ratio)",
        pages.len()
    );
    for (i, stage) in ["parse", "after the parse"].iter().enumerate() {
        println!(
            "  {stage:<16} {:7.2} / {:7.2} = {:.3}",
            lectern_times[i],
            smoothie_times[i],
            lectern_times[i] / smoothie_times[i]
        );
    }
    let (l, s) = (
        lectern_times.iter().sum::<f64>(),
        smoothie_times.iter().sum::<f64>(),
    );
    println!("  {:<16} {l:7.2} / {s:7.2} = {:.3}", "total", l / s);
}
