//! An ordered parallel map over the lines of a stream: one reader thread
//! numbers the non-blank lines and hands them out over a bounded channel,
//! `jobs` workers turn each into one output line, and the calling thread
//! writes the results in input order, holding early ones in a small map.
//!
//! The reader never runs more than [`window`] lines ahead of the writer, so
//! memory stays bounded whatever a single line costs; a panicking line
//! becomes the output of `on_panic` and the run goes on; a failed write
//! stops the reader and lets the workers drain.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Condvar, Mutex};

/// How a run ended.
#[derive(Debug)]
pub enum Failure {
    /// The input could not be read (what was read before is written).
    Read(io::Error),
    /// The output could not be written.
    Write(io::Error),
}

/// How far ahead of the writer the reader may run: bounds the reorder buffer
/// (and so memory) when one slow line holds up the lines behind it.
pub fn window(jobs: usize) -> usize {
    (jobs * 4).max(8)
}

/// Lines written so far, shared by the writer and the reader's window.
type Written = (Mutex<usize>, Condvar);

/// Runs `process` over every non-blank line of `input` on `jobs` threads and
/// writes one line per input line to `out`, in input order.
pub fn run<P, E>(
    input: Box<dyn BufRead + Send>,
    jobs: usize,
    process: P,
    on_panic: E,
    out: &mut dyn Write,
) -> Result<(), Failure>
where
    P: Fn(&[u8]) -> String + Sync,
    E: Fn(&[u8]) -> String + Sync,
{
    let jobs = jobs.max(1);
    let window = window(jobs);
    let (task_tx, task_rx) = sync_channel::<(usize, Vec<u8>)>(jobs * 2);
    let task_rx = Mutex::new(task_rx);
    let (done_tx, done_rx) = sync_channel::<(usize, String)>(jobs * 2);
    let written: Written = (Mutex::new(0usize), Condvar::new());
    let abort = AtomicBool::new(false);

    std::thread::scope(|s| {
        let reader = s.spawn(|| read_lines(input, task_tx, &written, &abort, window));
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let (task_rx, process, on_panic) = (&task_rx, &process, &on_panic);
            s.spawn(move || worker(task_rx, done_tx, process, on_panic));
        }
        drop(done_tx);

        let wrote = write_in_order(done_rx, &written, &abort, out);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the input reader failed")));
        wrote.map_err(Failure::Write)?;
        read.map_err(Failure::Read)
    })
}

fn read_lines(
    mut input: Box<dyn BufRead + Send>,
    tasks: SyncSender<(usize, Vec<u8>)>,
    written: &Written,
    abort: &AtomicBool,
    window: usize,
) -> io::Result<()> {
    let mut index = 0usize;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
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
        if abort.load(Ordering::Relaxed) || tasks.send((index, std::mem::take(&mut line))).is_err()
        {
            return Ok(());
        }
        index += 1;
    }
}

fn worker<P, E>(
    tasks: &Mutex<Receiver<(usize, Vec<u8>)>>,
    done: SyncSender<(usize, String)>,
    process: &P,
    on_panic: &E,
) where
    P: Fn(&[u8]) -> String,
    E: Fn(&[u8]) -> String,
{
    loop {
        let task = tasks.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok((index, line)) = task else { return };
        let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(&line)))
            .unwrap_or_else(|_| on_panic(&line));
        if done.send((index, out)).is_err() {
            return;
        }
    }
}

/// Writes results as soon as they are next in input order.
fn write_in_order(
    results: Receiver<(usize, String)>,
    written: &Written,
    abort: &AtomicBool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut pending: BTreeMap<usize, String> = BTreeMap::new();
    let mut next = 0usize;
    let mut failed: Option<io::Error> = None;
    for (index, line) in results {
        if failed.is_some() {
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
            failed = Some(e);
            abort.store(true, Ordering::Relaxed);
        }
        let (lock, cvar) = written;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = next;
        cvar.notify_all();
    }
    match failed {
        Some(e) => Err(e),
        None => out.flush(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_is_bounded_below() {
        assert_eq!(window(1), 8);
        assert_eq!(window(4), 16);
    }

    #[test]
    fn lines_come_back_in_order_and_panics_become_lines() {
        let input: String = (0..200).map(|i| format!("{i}\n\n")).collect();
        let mut out = Vec::new();
        run(
            Box::new(io::Cursor::new(input.into_bytes())),
            3,
            |l| {
                let n: u64 = std::str::from_utf8(l).unwrap().trim().parse().unwrap();
                assert_ne!(n, 17, "boom");
                // Later lines finish first, so the writer must reorder.
                std::thread::sleep(std::time::Duration::from_micros(200 - n));
                format!("<{n}>")
            },
            |_| "panic".to_string(),
            &mut out,
        )
        .unwrap();
        let lines: Vec<String> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        assert_eq!(lines.len(), 200);
        assert_eq!(lines[16], "<16>");
        assert_eq!(lines[17], "panic");
        assert_eq!(lines[199], "<199>");
    }
}
