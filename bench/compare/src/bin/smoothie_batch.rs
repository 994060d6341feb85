//! dom_smoothie doing what `lectern --batch --jobs 1` does, for the batch
//! benchmark (`bench/batch.sh`): the same JSON-lines manifest in; per line
//! the page read (gunzipped when `.gz`), decoded by the same
//! `lectern::decode_html`, parsed once, `is_probably_readable` and `parse`
//! on that parse, and one JSON line out with the article's fields and the
//! verdict (or an error line). One thread.
//!
//! ```text
//! cargo run --release --bin smoothie-batch -- MANIFEST > out.jsonl
//! ```

#[path = "../pages.rs"]
mod pages;
use pages::read_page;

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use serde_json::{json, Value};

fn main() {
    let manifest = std::env::args()
        .nth(1)
        .expect("usage: smoothie-batch MANIFEST");
    let base = Path::new(&manifest)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let input = BufReader::new(std::fs::File::open(&manifest).expect("manifest"));
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in input.lines() {
        let line = line.expect("manifest line");
        if line.trim().is_empty() {
            continue;
        }
        let entry: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
        let id = entry.get("id").cloned().unwrap_or(Value::Null);
        let url = entry.get("url").and_then(Value::as_str);
        let result = entry
            .get("path")
            .and_then(Value::as_str)
            .ok_or_else(|| "no path".to_string())
            .and_then(|p| read_page(&base.join(p)).map_err(|e| e.to_string()))
            .map(|bytes| lectern::decode_html(&bytes, None))
            .and_then(|html| extract(&html, url));
        let value = match result {
            Ok(mut v) => {
                v["id"] = id;
                v
            }
            Err(e) => json!({"id": id, "error": e}),
        };
        serde_json::to_writer(&mut out, &value).expect("write");
        out.write_all(b"\n").expect("write");
    }
    out.flush().expect("flush");
}

fn extract(html: &str, url: Option<&str>) -> Result<Value, String> {
    let mut r = dom_smoothie::Readability::new(html, url, None).map_err(|e| e.to_string())?;
    let readerable = r.is_probably_readable();
    let a = r.parse().map_err(|e| e.to_string())?;
    Ok(json!({
        "title": a.title,
        "byline": a.byline,
        "dir": a.dir,
        "lang": a.lang,
        "content": a.content.to_string(),
        "textContent": a.text_content.to_string(),
        "length": a.length,
        "excerpt": a.excerpt,
        "siteName": a.site_name,
        "publishedTime": a.published_time,
        "readerable": readerable,
    }))
}
