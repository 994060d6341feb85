//! `lectern`: the command-line front door.
//!
//! Reads one page (a file or standard input) and prints its article as JSON,
//! a standalone reader page, plain text or Markdown; or, with `--batch`,
//! runs a JSON-lines manifest of pages through every core and streams one
//! JSON line per input line, in input order; or, with `--warc`, does the
//! same for the HTML response records of WARC files.
//!
//! Exit status: 0 success, 1 no article / extraction error, 2 usage error,
//! 3 I/O error.

mod batch;
mod pool;
mod progress;
mod warc;

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use lectern::{ErrorKind, Limits, Options};

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
  lectern --warc CC-MAIN-xxxx.warc.gz > articles.jsonl

Batch manifest (--batch FILE, or --batch - for standard input): one JSON object per line,
  {"id": 1, "path": "pages/a.html", "url": "https://example.com/a"}
  {"id": "b", "html": "<html>...</html>", "url": "https://example.com/b"}
"url" is optional (default: --url); relative paths are resolved against the manifest's
folder (the current folder for standard input); blank lines are skipped. Output: one JSON
line per input line, in input order: {"id", ...article fields, "readerable"} or
{"id", "error", "errorKind"}. A bad line never stops the batch. A `.gz` file (FILE or a
manifest "path") is inflated first.

WARC input (--warc FILE...): WARC/1.0 and 1.1, plain or gzip per record (as Common Crawl
ships them). Each HTML response record gives one JSON line, in file order: {"id" (the
WARC-Record-ID), "url" (the WARC-Target-URI), ...article fields} or {"id", "url", "error",
"errorKind"}; the payload is decoded by its HTTP Content-Type and the page itself. Other
records are skipped and counted on standard error. A truncated or corrupt record is an
error line (errorKind InvalidRecord); the run goes on.

Long --batch and --warc runs show a progress line on standard error when it is a terminal.

Error kinds (the batch's "errorKind", the npm package's Error.kind), one list for every front door:
  NoArticle        the page holds nothing that looks like an article
  InputTooLarge    the page is larger than --max-input-bytes
  TooManyElements  the page has more elements than --max-elements
  InvalidUrl       the page URL is not an absolute URL
  InvalidOptions   options of the wrong shape or type, or an unknown option (npm)
  InvalidInput     the HTML is not a string (npm)
  InvalidArticle   an object passed as an article is not one (npm)
  InvalidLine      a manifest line is not a JSON object of the expected shape
  InvalidRecord    a WARC record is truncated or corrupt, or its HTTP response is malformed
  Io               a file could not be read
  Internal         a bug in Lectern (please report it)

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
    #[arg(value_name = "FILE", conflicts_with_all = ["batch", "warc"])]
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
    #[arg(long, value_name = "MANIFEST", conflicts_with = "warc")]
    batch: Option<PathBuf>,

    /// Extract every HTML response record of these WARC files (`.warc` or
    /// `.warc.gz`); prints one JSON line per record.
    #[arg(long, value_name = "WARC", num_args = 1..)]
    warc: Vec<PathBuf>,

    /// Worker threads for --batch and --warc (default: one per core).
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

// See the feature's note in Cargo.toml.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    if cli.batch.is_none() && cli.warc.is_empty() {
        return single(cli, &options);
    }
    if cli.format != Format::Json {
        eprintln!("lectern: --batch and --warc always print JSON lines; drop --format");
        return EXIT_USAGE;
    }
    let jobs = cli
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let content_type = cli.content_type.as_deref();
    let result = match &cli.batch {
        Some(manifest) => batch::run(manifest, jobs, &options, content_type),
        None => warc::run(&cli.warc, jobs, &options, content_type),
    };
    match result {
        Ok(()) => EXIT_OK,
        Err(msg) => {
            eprintln!("lectern: {msg}");
            EXIT_IO
        }
    }
}

fn options(cli: &Cli) -> Options {
    let defaults = Options::default();
    let mut limits = Limits::default();
    if let Some(n) = cli.max_input_bytes {
        limits = limits.with_max_input_bytes(n);
    }
    if let Some(n) = cli.max_elements {
        limits = limits.with_max_elements(n);
    }
    if let Some(n) = cli.max_depth {
        limits = limits.with_max_depth(n);
    }
    let mut classes = defaults.classes_to_preserve.clone();
    classes.extend(cli.preserve_class.iter().cloned());
    let mut o = defaults
        .with_limits(limits)
        .with_keep_classes(cli.keep_classes)
        .with_classes_to_preserve(classes)
        .with_keep_images(!cli.no_images)
        .with_keep_tables(!cli.no_tables)
        .with_keep_code(!cli.no_code);
    if let Some(n) = cli.char_threshold {
        o = o.with_char_threshold(n);
    }
    if let Some(n) = cli.nb_top_candidates {
        o = o.with_nb_top_candidates(n);
    }
    if let Some(u) = cli.url.as_deref() {
        o = o.with_url(u.trim());
    }
    o
}

/// One page: read, extract, print.
fn single(cli: &Cli, options: &Options) -> u8 {
    let path = cli.file.as_deref().filter(|p| *p != Path::new("-"));
    let bytes = match path {
        Some(p) => read_page(p).map_err(|e| format!("cannot read {}: {e}", p.display())),
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
            return if e.kind() == ErrorKind::InvalidUrl {
                EXIT_USAGE
            } else {
                EXIT_EXTRACT
            };
        }
    };
    let mut text = match cli.format {
        Format::Json if cli.compact => batch::json_line(&article),
        Format::Json => {
            serde_json::to_string_pretty(&article).expect("an Article always serializes")
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
        Err(e) => match write_error(&e) {
            None => EXIT_OK,
            Some(msg) => {
                eprintln!("lectern: {msg}");
                EXIT_IO
            }
        },
    }
}

/// What to say about a failed write, or `None` for a closed pipe
/// (`lectern ... | head`: the reader left; not an error of ours).
fn write_error(e: &io::Error) -> Option<String> {
    (e.kind() != io::ErrorKind::BrokenPipe).then(|| format!("cannot write output: {e}"))
}

/// A page's bytes from a file; corpora are often stored compressed, so a
/// `.gz` file is inflated.
/// Largest output/input ratio believed from a gzip trailer when sizing the
/// buffer (HTML inflates 4-10x; deflate's own bound is about 1000x).
const GZ_MAX_RATIO_HINT: usize = 32;

fn read_page(path: &Path) -> io::Result<Vec<u8>> {
    let raw = std::fs::read(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        // The gzip trailer ends with the size of the data (mod 2^32): room
        // for it up front saves re-growing (and copying) the page as it
        // inflates. Only a hint, so a lying trailer is capped.
        let size = raw.len().checked_sub(4).map_or(0, |at| {
            u32::from_le_bytes([raw[at], raw[at + 1], raw[at + 2], raw[at + 3]])
        });
        let mut out =
            Vec::with_capacity((size as usize).min(raw.len().saturating_mul(GZ_MAX_RATIO_HINT)));
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        Ok(out)
    } else {
        Ok(raw)
    }
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
    fn help_lists_every_error_kind() {
        for kind in ErrorKind::ALL {
            assert!(
                AFTER_HELP.contains(kind.name()),
                "--help does not name {kind}"
            );
        }
    }
}
