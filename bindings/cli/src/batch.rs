//! `--batch`: a JSON-lines manifest of pages in, one JSON line per page out
//! (through [`crate::pool`]), in input order. A bad line never stops the run.

use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, BufWriter};
use std::path::{Path, PathBuf};

use lectern::{Article, ErrorKind, Options};
use serde::Serialize;
use serde_json::Value;

use crate::pool::{self, Line};
use crate::progress::Progress;

/// Settings every batch line shares.
pub struct Context<'a> {
    /// Relative `path`s resolve against this folder.
    pub base_dir: PathBuf,
    pub options: &'a Options,
    pub content_type: Option<&'a str>,
}

#[derive(Serialize)]
struct ArticleLine<'a> {
    id: &'a Value,
    #[serde(flatten)]
    article: &'a Article,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorLine<'a> {
    id: &'a Value,
    error: &'a str,
    error_kind: &'a str,
}

/// Runs the manifest at `manifest` (`-`: standard input) on `jobs` threads.
pub fn run(
    manifest: &Path,
    jobs: usize,
    options: &Options,
    content_type: Option<&str>,
) -> Result<(), String> {
    let (input, base_dir): (Box<dyn BufRead + Send>, PathBuf) = if manifest == Path::new("-") {
        (Box::new(BufReader::new(io::stdin())), PathBuf::new())
    } else {
        let f = std::fs::File::open(manifest)
            .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
        let dir = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
        (Box::new(BufReader::new(f)), dir)
    };
    let ctx = Context {
        base_dir,
        options,
        content_type,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let mut progress = Progress::new();
    let result = pool::run(
        lines(input),
        jobs,
        |line: &Vec<u8>| process_line(line, &ctx),
        |line: &Vec<u8>| {
            Err(error_line(
                &line_id(line),
                ErrorKind::Internal,
                "internal error while extracting this page",
            ))
        },
        &mut out,
        &mut |failed| progress.written(failed),
    );
    progress.finish();
    result.or_else(|e| match e {
        pool::Failure::Read(e) => Err(format!("cannot read the manifest: {e}")),
        // A closed pipe ends the run quietly, as in single-page mode.
        pool::Failure::Write(e) => crate::write_error(&e).map_or(Ok(()), Err),
    })
}

/// The non-blank lines of the manifest.
fn lines(mut input: Box<dyn BufRead + Send>) -> impl Iterator<Item = io::Result<Vec<u8>>> + Send {
    std::iter::from_fn(move || loop {
        let mut line = Vec::new();
        match input.read_until(b'\n', &mut line) {
            Ok(0) => return None,
            Ok(_) if line.iter().all(u8::is_ascii_whitespace) => continue,
            Ok(_) => return Some(Ok(line)),
            Err(e) => return Some(Err(e)),
        }
    })
}

/// One manifest line to one output line (`Err`: an error line).
pub fn process_line(line: &[u8], ctx: &Context<'_>) -> Line {
    let null = Value::Null;
    let invalid = ErrorKind::InvalidLine;
    let Ok(text) = std::str::from_utf8(line) else {
        return Err(error_line(&null, invalid, "the line is not valid UTF-8"));
    };
    let value: Value = match serde_json::from_str(text.trim()) {
        Ok(v) => v,
        Err(e) => return Err(error_line(&null, invalid, &format!("invalid JSON: {e}"))),
    };
    let Value::Object(map) = value else {
        return Err(error_line(&null, invalid, "the line is not a JSON object"));
    };
    let id = map.get("id").unwrap_or(&null);

    let mut options = ctx.options.clone();
    match map.get("url") {
        None | Some(Value::Null) => {}
        Some(Value::String(u)) => options.url = Some(u.trim().to_string()),
        Some(_) => return Err(error_line(id, invalid, "\"url\" must be a string")),
    }
    let content_type = match map.get("contentType") {
        Some(Value::String(c)) => Some(c.as_str()),
        _ => ctx.content_type,
    };
    let field = |name: &str| match map.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(format!("\"{name}\" must be a string")),
    };
    let (html, path) = match (field("html"), field("path")) {
        (Err(e), _) | (_, Err(e)) => return Err(error_line(id, invalid, &e)),
        (Ok(h), Ok(p)) => (h, p),
    };
    let html = match (html, path) {
        (Some(_), Some(_)) => {
            return Err(error_line(
                id,
                invalid,
                "give either \"path\" or \"html\", not both",
            ))
        }
        (None, None) => {
            return Err(error_line(
                id,
                invalid,
                "the line has no \"path\" or \"html\"",
            ))
        }
        (Some(h), None) => Cow::Borrowed(h),
        (None, Some(p)) => {
            let full = ctx.base_dir.join(p);
            match crate::read_page(&full) {
                Ok(bytes) => Cow::Owned(lectern::decode_html(&bytes, content_type)),
                Err(e) => {
                    let msg = format!("cannot read {}: {e}", full.display());
                    return Err(error_line(id, ErrorKind::Io, &msg));
                }
            }
        }
    };
    // One parse answers both: the article and its readerable verdict.
    match lectern::extract(&html, &options) {
        Ok(article) => Ok(json_line(&ArticleLine {
            id,
            article: &article,
        })),
        Err(e) => Err(error_line(id, e.kind(), &e.to_string())),
    }
}

fn error_line(id: &Value, kind: ErrorKind, message: &str) -> String {
    json_line(&ErrorLine {
        id,
        error: message,
        error_kind: kind.name(),
    })
}

/// A value as one JSON line. U+2028 and U+2029 are escaped as well: JSON
/// allows them raw, but line readers that split on them (Python's
/// `str.splitlines`, several JSONL tools) would cut the record in two.
pub fn json_line<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("batch lines always serialize");
    if json.contains(['\u{2028}', '\u{2029}']) {
        json.replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
    } else {
        json
    }
}

/// The `id` of a line, best effort (for errors raised outside `process_line`).
fn line_id(line: &[u8]) -> Value {
    std::str::from_utf8(line)
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(t).ok())
        .and_then(|v| v.get("id").cloned())
        .unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(options: &Options) -> Context<'_> {
        Context {
            base_dir: PathBuf::new(),
            options,
            content_type: None,
        }
    }

    #[test]
    fn bad_lines_become_error_lines() {
        let options = Options::default();
        let ctx = ctx(&options);
        let v: Value = serde_json::from_str(&process_line(b"{nope", &ctx).unwrap_err()).unwrap();
        assert_eq!(v["errorKind"], "InvalidLine");
        assert_eq!(v["id"], Value::Null);
        let v: Value =
            serde_json::from_str(&process_line(br#"{"id": 7}"#, &ctx).unwrap_err()).unwrap();
        assert_eq!(v["errorKind"], "InvalidLine");
        assert_eq!(v["id"], 7);
        let v: Value = serde_json::from_str(
            &process_line(br#"{"id": "x", "path": "/definitely/not/here.html"}"#, &ctx)
                .unwrap_err(),
        )
        .unwrap();
        assert_eq!(v["errorKind"], "Io");
        assert_eq!(v["id"], "x");
    }

    #[test]
    fn line_separators_are_escaped() {
        let line = json_line(&serde_json::json!({"t": "a\u{2028}b\u{2029}c"}));
        assert_eq!(line, r#"{"t":"a\u2028b\u2029c"}"#);
        let back: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["t"], "a\u{2028}b\u{2029}c");
    }
}
