//! `lectern`: the command-line front door.
//!
//! Reads one page (a file or standard input) and prints its article as JSON,
//! a standalone reader page, plain text or Markdown; or, with `--batch`,
//! runs a JSON-lines manifest of pages through every core and streams one
//! JSON line per input line, in input order.
//!
//! Exit status: 0 success, 1 no article / extraction error, 2 usage error,
//! 3 I/O error.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Condvar, Mutex};

use clap::{Parser, ValueEnum};
use lectern::{Article, Options};
use serde::Serialize;
use serde_json::Value;

/// Success.
const EXIT_OK: u8 = 0;
/// No article found, or the extraction failed (input too large, ...).
const EXIT_EXTRACT: u8 = 1;
/// Bad command line (clap uses 2 for its own errors too).
const EXIT_USAGE: u8 = 2;
/// A file or the manifest could not be read, or output could not be written.
const EXIT_IO: u8 = 3;

const AFTER_HELP: &str = r#"Examples:
  lectern story.html                          the article as JSON
  lectern story.html --url https://example.com/news/story -f markdown
  curl -s https://example.com/news/story | lectern --url https://example.com/news/story -f text
  lectern story.html -f html > reader.html    a standalone reader page
  lectern --batch pages.jsonl --jobs 4 > articles.jsonl

Batch manifest (--batch FILE, or --batch - for standard input): one JSON object per line,
  {"id": 1, "path": "pages/a.html", "url": "https://example.com/a"}
  {"id": "b", "html": "<html>...</html>", "url": "https://example.com/b"}
"url" is optional (default: --url); relative paths are resolved against the manifest's
folder (the current folder for standard input); blank lines are skipped. Output: one JSON
line per input line, in input order: {"id", ...article fields, "readerable"} or
{"id", "error", "errorKind"}. A bad line never stops the batch.

Exit status:
  0  success (in batch mode: the whole manifest was read, whatever its lines gave)
  1  no article found, or the extraction failed
  2  usage error (unknown flag, invalid --url, ...)
  3  I/O error (unreadable file or manifest, output could not be written)"#;

/// Reader-mode article extraction: any news page in, a clean article out.
#[derive(Parser, Debug)]
#[command(name = "lectern", version, about, after_help = AFTER_HELP)]
struct Cli {
    /// HTML file to read; `-` or nothing reads standard input.
    #[arg(value_name = "FILE", conflicts_with = "batch")]
    file: Option<PathBuf>,

    /// The page's address: resolves relative links and images, and is the
    /// site-name fallback.
    #[arg(long, value_name = "URL")]
    url: Option<String>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Json)]
    format: Format,

    /// JSON on one line instead of pretty-printed.
    #[arg(long)]
    compact: bool,

    /// The page's Content-Type header (e.g. `text/html; charset=shift_jis`),
    /// a hint for decoding its bytes.
    #[arg(long, value_name = "TYPE")]
    content_type: Option<String>,

    /// Fewest characters an extraction must hold before it is accepted.
    #[arg(long, value_name = "N")]
    char_threshold: Option<usize>,

    /// Number of top-scoring candidates compared when picking the article.
    #[arg(long, value_name = "N")]
    nb_top_candidates: Option<usize>,

    /// Keep `class` attributes in the article HTML.
    #[arg(long)]
    keep_classes: bool,

    /// A class to keep even without --keep-classes (repeatable).
    #[arg(long = "preserve-class", value_name = "CLASS")]
    preserve_class: Vec<String>,

    /// Drop images and figures.
    #[arg(long)]
    no_images: bool,

    /// Drop data tables.
    #[arg(long)]
    no_tables: bool,

    /// Drop `pre`/`code` blocks.
    #[arg(long)]
    no_code: bool,

    /// Largest input accepted, in bytes.
    #[arg(long, value_name = "BYTES")]
    max_input_bytes: Option<usize>,

    /// Most elements parsed (0: no limit).
    #[arg(long, value_name = "N")]
    max_elements: Option<usize>,

    /// Deepest nesting kept.
    #[arg(long, value_name = "N")]
    max_depth: Option<usize>,

    /// Run a JSON-lines manifest of pages (`-` for standard input); prints
    /// one JSON line per page.
    #[arg(long, value_name = "MANIFEST")]
    batch: Option<PathBuf>,

    /// Worker threads for --batch (default: one per core).
    #[arg(long, short = 'j', value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The article's fields plus `readerable`, as JSON.
    Json,
    /// A standalone reader page.
    Html,
    /// The article's plain text.
    Text,
    /// The article as Markdown.
    #[value(alias = "md")]
    Markdown,
}

/// The article with its `readerable` verdict, as printed.
#[derive(Serialize)]
struct Output<'a> {
    #[serde(flatten)]
    article: &'a Article,
    readerable: bool,
}

#[derive(Serialize)]
struct BatchArticle<'a> {
    id: &'a Value,
    #[serde(flatten)]
    article: &'a Article,
    readerable: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BatchError<'a> {
    id: &'a Value,
    error: &'a str,
    error_kind: &'a str,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(run(&cli))
}

fn run(cli: &Cli) -> u8 {
    if let Some(u) = cli.url.as_deref() {
        if url::Url::parse(u.trim()).is_err() {
            eprintln!("lectern: --url is not a valid absolute URL: {u:?}");
            return EXIT_USAGE;
        }
    }
    let options = options(cli);
    match &cli.batch {
        Some(manifest) => {
            if cli.format != Format::Json {
                eprintln!("lectern: --batch always prints JSON lines; drop --format");
                return EXIT_USAGE;
            }
            let jobs = cli
                .jobs
                .map(usize::from)
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            batch(manifest, jobs, &options, cli.content_type.as_deref())
        }
        None => single(cli, &options),
    }
}

fn options(cli: &Cli) -> Options {
    let mut o = match cli.url.as_deref() {
        Some(u) => Options::with_url(u.trim()),
        None => Options::default(),
    };
    if let Some(n) = cli.char_threshold {
        o.char_threshold = n;
    }
    if let Some(n) = cli.nb_top_candidates {
        o.nb_top_candidates = n;
    }
    if let Some(n) = cli.max_input_bytes {
        o.max_input_bytes = n;
    }
    if let Some(n) = cli.max_elements {
        o.max_elements = n;
    }
    if let Some(n) = cli.max_depth {
        o.max_depth = n;
    }
    o.keep_classes = cli.keep_classes;
    o.classes_to_preserve
        .extend(cli.preserve_class.iter().cloned());
    o.keep_images = !cli.no_images;
    o.keep_tables = !cli.no_tables;
    o.keep_code = !cli.no_code;
    o
}

/// One page: read, extract, print.
fn single(cli: &Cli, options: &Options) -> u8 {
    let path = cli.file.as_deref().filter(|p| *p != Path::new("-"));
    let bytes = match path {
        Some(p) => std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display())),
        None => {
            let mut buf = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map(|_| buf)
                .map_err(|e| format!("cannot read standard input: {e}"))
        }
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(msg) => {
            eprintln!("lectern: {msg}");
            return EXIT_IO;
        }
    };
    let html = lectern::decode_html(&bytes, cli.content_type.as_deref());
    drop(bytes);
    let article = match lectern::extract(&html, options) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("lectern: {e}");
            return if e.kind() == "InvalidUrl" {
                EXIT_USAGE
            } else {
                EXIT_EXTRACT
            };
        }
    };
    let mut text = match cli.format {
        Format::Json => {
            let out = Output {
                article: &article,
                readerable: lectern::is_probably_readerable(&html, options),
            };
            let json = if cli.compact {
                serde_json::to_string(&out)
            } else {
                serde_json::to_string_pretty(&out)
            };
            json.expect("an Article always serializes")
        }
        Format::Html => lectern::render::reader_page(&article),
        Format::Text => article.text_content.clone(),
        Format::Markdown => lectern::render::to_markdown(&article),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => EXIT_OK,
        Err(e) => write_failed(&e),
    }
}

fn write_failed(e: &io::Error) -> u8 {
    if e.kind() == io::ErrorKind::BrokenPipe {
        // `lectern ... | head`: the reader left; not an error of ours.
        EXIT_OK
    } else {
        eprintln!("lectern: cannot write output: {e}");
        EXIT_IO
    }
}

/// Settings every batch line shares.
struct BatchContext<'a> {
    base_dir: PathBuf,
    options: &'a Options,
    content_type: Option<&'a str>,
}

/// How far ahead of the writer the reader may run: bounds the reorder buffer
/// (and so memory) when one slow page holds up the lines behind it.
fn window(jobs: usize) -> usize {
    (jobs * 4).max(8)
}

/// Runs a manifest through `jobs` worker threads and streams the results in
/// input order.
///
/// One reader thread numbers the non-blank lines and hands them out over a
/// bounded channel; workers process them; this thread writes results in
/// order, holding early ones in a small map. The reader never runs more than
/// [`window`] lines ahead of the writer, so memory stays bounded whatever a
/// single page costs.
fn batch(manifest: &Path, jobs: usize, options: &Options, content_type: Option<&str>) -> u8 {
    let (input, base_dir): (Box<dyn BufRead + Send>, PathBuf) = if manifest == Path::new("-") {
        (Box::new(BufReader::new(io::stdin())), PathBuf::new())
    } else {
        match File::open(manifest) {
            Ok(f) => (
                Box::new(BufReader::new(f)),
                manifest.parent().map(Path::to_path_buf).unwrap_or_default(),
            ),
            Err(e) => {
                eprintln!("lectern: cannot read {}: {e}", manifest.display());
                return EXIT_IO;
            }
        }
    };
    let ctx = BatchContext {
        base_dir,
        options,
        content_type,
    };
    let window = window(jobs);
    let (task_tx, task_rx) = sync_channel::<(usize, Vec<u8>)>(jobs * 2);
    let task_rx = Mutex::new(task_rx);
    let (done_tx, done_rx) = sync_channel::<(usize, String)>(jobs * 2);
    // Lines written so far, for the reader's window.
    let written = (Mutex::new(0usize), Condvar::new());
    let abort = AtomicBool::new(false);

    std::thread::scope(|s| {
        let reader = s.spawn(|| read_manifest(input, task_tx, &written, &abort, window));
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let (task_rx, ctx) = (&task_rx, &ctx);
            s.spawn(move || worker(task_rx, done_tx, ctx));
        }
        drop(done_tx);

        let status = write_in_order(done_rx, &written, &abort);
        let read_status = reader.join().unwrap_or_else(|_| {
            eprintln!("lectern: the manifest reader failed");
            EXIT_IO
        });
        if status != EXIT_OK {
            status
        } else {
            read_status
        }
    })
}

fn read_manifest(
    mut input: Box<dyn BufRead + Send>,
    tasks: std::sync::mpsc::SyncSender<(usize, Vec<u8>)>,
    written: &(Mutex<usize>, Condvar),
    abort: &AtomicBool,
    window: usize,
) -> u8 {
    let mut index = 0usize;
    let mut line = Vec::new();
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) => return EXIT_OK,
            Ok(_) => {}
            Err(e) => {
                eprintln!("lectern: cannot read the manifest: {e}");
                return EXIT_IO;
            }
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        {
            let (lock, cvar) = written;
            let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
            while index >= *done + window && !abort.load(Ordering::Relaxed) {
                done = cvar.wait(done).unwrap_or_else(|e| e.into_inner());
            }
        }
        if abort.load(Ordering::Relaxed) {
            return EXIT_OK;
        }
        if tasks.send((index, std::mem::take(&mut line))).is_err() {
            return EXIT_OK;
        }
        index += 1;
    }
}

fn worker(
    tasks: &Mutex<Receiver<(usize, Vec<u8>)>>,
    done: std::sync::mpsc::SyncSender<(usize, String)>,
    ctx: &BatchContext<'_>,
) {
    loop {
        let task = tasks.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok((index, line)) = task else { return };
        let out =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process_line(&line, ctx)))
                .unwrap_or_else(|_| {
                    error_line(
                        &line_id(&line),
                        "Panic",
                        "internal error while extracting this page",
                    )
                });
        if done.send((index, out)).is_err() {
            return;
        }
    }
}

/// Writes results as soon as they are next in input order.
fn write_in_order(
    results: Receiver<(usize, String)>,
    written: &(Mutex<usize>, Condvar),
    abort: &AtomicBool,
) -> u8 {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut pending: BTreeMap<usize, String> = BTreeMap::new();
    let mut next = 0usize;
    let mut stopped: Option<u8> = None;
    for (index, line) in results {
        if stopped.is_some() {
            continue; // Drain so the workers can finish.
        }
        pending.insert(index, line);
        let before = next;
        let mut result = Ok(());
        while let Some(line) = pending.remove(&next) {
            result = out
                .write_all(line.as_bytes())
                .and_then(|_| out.write_all(b"\n"));
            if result.is_err() {
                break;
            }
            next += 1;
        }
        if result.is_ok() && next != before {
            result = out.flush();
        }
        if let Err(e) = result {
            stopped = Some(write_failed(&e));
            abort.store(true, Ordering::Relaxed);
        }
        let (lock, cvar) = written;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = next;
        cvar.notify_all();
    }
    match stopped {
        Some(code) => code,
        None => match out.flush() {
            Ok(()) => EXIT_OK,
            Err(e) => write_failed(&e),
        },
    }
}

/// One manifest line to one output line.
fn process_line(line: &[u8], ctx: &BatchContext<'_>) -> String {
    let null = Value::Null;
    let Ok(text) = std::str::from_utf8(line) else {
        return error_line(&null, "InvalidLine", "the line is not valid UTF-8");
    };
    let value: Value = match serde_json::from_str(text.trim()) {
        Ok(v) => v,
        Err(e) => return error_line(&null, "InvalidLine", &format!("invalid JSON: {e}")),
    };
    let Value::Object(map) = value else {
        return error_line(&null, "InvalidLine", "the line is not a JSON object");
    };
    let id = map.get("id").unwrap_or(&null);

    let mut options = ctx.options.clone();
    match map.get("url") {
        None | Some(Value::Null) => {}
        Some(Value::String(u)) => options.url = Some(u.trim().to_string()),
        Some(_) => return error_line(id, "InvalidLine", "\"url\" must be a string"),
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
        (Err(e), _) | (_, Err(e)) => return error_line(id, "InvalidLine", &e),
        (Ok(h), Ok(p)) => (h, p),
    };
    let html = match (html, path) {
        (Some(_), Some(_)) => {
            return error_line(
                id,
                "InvalidLine",
                "give either \"path\" or \"html\", not both",
            )
        }
        (None, None) => {
            return error_line(id, "InvalidLine", "the line has no \"path\" or \"html\"")
        }
        (Some(h), None) => std::borrow::Cow::Borrowed(h),
        (None, Some(p)) => {
            let full = ctx.base_dir.join(p);
            // Corpora are often stored compressed; `.gz` pages are inflated here.
            let read = std::fs::read(&full).and_then(|raw| {
                if p.ends_with(".gz") {
                    let mut out = Vec::new();
                    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&raw[..]), &mut out)?;
                    Ok(out)
                } else {
                    Ok(raw)
                }
            });
            match read {
                Ok(bytes) => std::borrow::Cow::Owned(lectern::decode_html(&bytes, content_type)),
                Err(e) => {
                    return error_line(id, "Io", &format!("cannot read {}: {e}", full.display()))
                }
            }
        }
    };
    match lectern::extract(&html, &options) {
        Ok(article) => {
            let out = BatchArticle {
                id,
                article: &article,
                readerable: lectern::is_probably_readerable(&html, &options),
            };
            serde_json::to_string(&out).expect("an Article always serializes")
        }
        Err(e) => error_line(id, e.kind(), &e.to_string()),
    }
}

fn error_line(id: &Value, kind: &str, message: &str) -> String {
    serde_json::to_string(&BatchError {
        id,
        error: message,
        error_kind: kind,
    })
    .expect("strings always serialize")
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
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn window_is_bounded_below() {
        assert_eq!(window(1), 8);
        assert_eq!(window(4), 16);
    }

    #[test]
    fn bad_lines_become_error_lines() {
        let options = Options::default();
        let ctx = BatchContext {
            base_dir: PathBuf::new(),
            options: &options,
            content_type: None,
        };
        let v: Value = serde_json::from_str(&process_line(b"{nope", &ctx)).unwrap();
        assert_eq!(v["errorKind"], "InvalidLine");
        assert_eq!(v["id"], Value::Null);
        let v: Value = serde_json::from_str(&process_line(br#"{"id": 7}"#, &ctx)).unwrap();
        assert_eq!(v["errorKind"], "InvalidLine");
        assert_eq!(v["id"], 7);
        let v: Value = serde_json::from_str(&process_line(
            br#"{"id": "x", "path": "/definitely/not/here.html"}"#,
            &ctx,
        ))
        .unwrap();
        assert_eq!(v["errorKind"], "Io");
        assert_eq!(v["id"], "x");
    }
}
