//! The progress line of long `--batch`/`--warc` runs: pages done, pages per
//! second and errors, redrawn in place on standard error at most a few
//! times a second, and only when standard error is a terminal (a log file
//! or a pipe gets nothing).

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Time between two redraws: often enough to look alive, rarely enough to
/// cost nothing beside extraction.
const EVERY: Duration = Duration::from_millis(250);

pub struct Progress {
    shown: bool,
    start: Instant,
    last: Instant,
    done: u64,
    errors: u64,
}

impl Progress {
    pub fn new() -> Progress {
        let now = Instant::now();
        Progress {
            shown: std::io::stderr().is_terminal(),
            start: now,
            last: now,
            done: 0,
            errors: 0,
        }
    }

    /// One output line was written.
    pub fn written(&mut self, failed: bool) {
        self.done += 1;
        self.errors += u64::from(failed);
        if self.shown && self.last.elapsed() >= EVERY {
            self.last = Instant::now();
            self.draw();
        }
    }

    fn draw(&self) {
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        // \r and "erase to end of line": the line is redrawn where it stands.
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r{} pages, {:.1} pages/s, {} errors\x1b[K",
            self.done,
            self.done as f64 / secs,
            self.errors
        );
        let _ = err.flush();
    }

    /// The run is over: the final figures stay on their own line.
    pub fn finish(&self) {
        if self.shown && self.done > 0 {
            self.draw();
            eprintln!();
        }
    }
}
