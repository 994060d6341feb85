//! An ordered parallel map over a stream of tasks (manifest lines, WARC
//! records): one reader thread numbers the tasks and hands them out over a
//! bounded channel, `jobs` workers turn each into one output line, and the
//! calling thread writes the results in input order, holding early ones in
//! a small map.
//!
//! The reader never runs more than [`window`] tasks ahead of the writer, so
//! memory stays bounded whatever a single task costs; a panicking task
//! becomes the output of `on_panic` and the run goes on; a failed write
//! stops the reader and lets the workers drain. Each line is an `Ok` (a
//! result) or an `Err` (an error line): both are written, and `on_written`
//! hears of each, for the progress line.

use std::collections::BTreeMap;
use std::io::{self, Write};
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

/// One output line: `Ok` for a result, `Err` for an error line.
pub type Line = Result<String, String>;

/// Runs `process` over every task of `input` on `jobs` threads and writes
/// one line per task to `out`, in input order; `on_written(failed)` is
/// called after each line is written.
pub fn run<T, I, P, E>(
    input: I,
    jobs: usize,
    process: P,
    on_panic: E,
    out: &mut dyn Write,
    on_written: &mut dyn FnMut(bool),
) -> Result<(), Failure>
where
    T: Send,
    I: Iterator<Item = io::Result<T>> + Send,
    P: Fn(&T) -> Line + Sync,
    E: Fn(&T) -> Line + Sync,
{
    let jobs = jobs.max(1);
    let window = window(jobs);
    let (task_tx, task_rx) = sync_channel::<(usize, T)>(jobs * 2);
    let task_rx = Mutex::new(task_rx);
    let (done_tx, done_rx) = sync_channel::<(usize, Line)>(jobs * 2);
    let written: Written = (Mutex::new(0usize), Condvar::new());
    let abort = AtomicBool::new(false);

    std::thread::scope(|s| {
        let reader = s.spawn(|| read_tasks(input, task_tx, &written, &abort, window));
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let (task_rx, process, on_panic) = (&task_rx, &process, &on_panic);
            s.spawn(move || worker(task_rx, done_tx, process, on_panic));
        }
        drop(done_tx);

        let wrote = write_in_order(done_rx, &written, &abort, out, on_written);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the input reader failed")));
        wrote.map_err(Failure::Write)?;
        read.map_err(Failure::Read)
    })
}

fn read_tasks<T, I: Iterator<Item = io::Result<T>>>(
    input: I,
    tasks: SyncSender<(usize, T)>,
    written: &Written,
    abort: &AtomicBool,
    window: usize,
) -> io::Result<()> {
    for (index, task) in input.enumerate() {
        let task = task?;
        {
            let (lock, cvar) = written;
            let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
            while index >= *done + window && !abort.load(Ordering::Relaxed) {
                done = cvar.wait(done).unwrap_or_else(|e| e.into_inner());
            }
        }
        if abort.load(Ordering::Relaxed) || tasks.send((index, task)).is_err() {
            return Ok(());
        }
    }
    Ok(())
}

fn worker<T, P, E>(
    tasks: &Mutex<Receiver<(usize, T)>>,
    done: SyncSender<(usize, Line)>,
    process: &P,
    on_panic: &E,
) where
    P: Fn(&T) -> Line,
    E: Fn(&T) -> Line,
{
    loop {
        let task = tasks.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok((index, task)) = task else { return };
        let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(&task)))
            .unwrap_or_else(|_| on_panic(&task));
        if done.send((index, out)).is_err() {
            return;
        }
    }
}

/// Writes results as soon as they are next in input order.
fn write_in_order(
    results: Receiver<(usize, Line)>,
    written: &Written,
    abort: &AtomicBool,
    out: &mut dyn Write,
    on_written: &mut dyn FnMut(bool),
) -> io::Result<()> {
    let mut pending: BTreeMap<usize, Line> = BTreeMap::new();
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
            let failed = line.is_err();
            let text = line.unwrap_or_else(|e| e);
            result = out
                .write_all(text.as_bytes())
                .and_then(|_| out.write_all(b"\n"));
            if result.is_err() {
                break;
            }
            next += 1;
            on_written(failed);
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
        let mut out = Vec::new();
        let mut failed = 0;
        run(
            (0..200u64).map(Ok),
            3,
            |&n| {
                assert_ne!(n, 17, "boom");
                // Later tasks finish first, so the writer must reorder.
                std::thread::sleep(std::time::Duration::from_micros(200 - n));
                Ok(format!("<{n}>"))
            },
            |_| Err("panic".to_string()),
            &mut out,
            &mut |f| failed += usize::from(f),
        )
        .unwrap();
        assert_eq!(failed, 1);
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
