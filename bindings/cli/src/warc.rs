//! `--warc`: the HTML response records of WARC files in, one JSON line per
//! record out (`id`, `url`, then the article's keys or `error`/`errorKind`),
//! in file order. Reading the format is `lectern-warc`'s; a truncated or
//! corrupt record is an error line and the run goes on.

use std::io::{self, BufWriter};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use lectern::Options;
use lectern_warc::{Item, Records};

use crate::batch::json_line;
use crate::pool::{self, Line};
use crate::progress::Progress;

/// Runs every record of `files`, in order, on `jobs` threads.
pub fn run(
    files: &[PathBuf],
    jobs: usize,
    options: &Options,
    content_type: Option<&str>,
) -> Result<(), String> {
    let skipped = AtomicU64::new(0);
    // A file that cannot be opened is one error line, like a bad record.
    let items = files.iter().flat_map(|path| {
        let records: Box<dyn Iterator<Item = Item> + Send> = match Records::open(path) {
            Ok(r) => Box::new(r),
            Err(e) => Box::new(std::iter::once(Item::Bad {
                id: None,
                url: None,
                message: format!("cannot read {}: {e}", path.display()),
            })),
        };
        records
    });
    let tasks = items
        .filter(|item| {
            let skip = *item == Item::Skipped;
            if skip {
                skipped.fetch_add(1, Ordering::Relaxed);
            }
            !skip
        })
        .map(Ok);
    let mut out = BufWriter::new(io::stdout().lock());
    let mut progress = Progress::new();
    let result = pool::run(
        tasks,
        jobs,
        |item: &Item| line(item, options, content_type),
        |item: &Item| Err(internal(item)),
        &mut out,
        &mut |failed| progress.written(failed),
    );
    progress.finish();
    eprintln!(
        "lectern: {} WARC records skipped (not HTML responses)",
        skipped.load(Ordering::Relaxed)
    );
    result.or_else(|e| match e {
        pool::Failure::Read(e) => Err(format!("cannot read the WARC file: {e}")),
        pool::Failure::Write(e) => crate::write_error(&e).map_or(Ok(()), Err),
    })
}

fn line(item: &Item, options: &Options, content_type: Option<&str>) -> Line {
    match lectern_warc::extract(item, options, content_type) {
        Some(output) if output.failed() => Err(json_line(&output)),
        Some(output) => Ok(json_line(&output)),
        // Skipped records never reach the workers (filtered above).
        None => Err(internal(item)),
    }
}

/// The error line of a record the engine failed on (a caught panic).
fn internal(item: &Item) -> String {
    let (id, url) = match item {
        Item::Html(p) => (p.id.clone(), p.url.clone()),
        Item::Bad { id, url, .. } => (id.clone(), url.clone()),
        Item::Skipped => (None, None),
    };
    json_line(&lectern_warc::Output {
        id,
        url,
        outcome: lectern_warc::Outcome::Error {
            error: "internal error while extracting this page".to_string(),
            error_kind: lectern::ErrorKind::Internal.name(),
        },
    })
}
