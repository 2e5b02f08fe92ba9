//! A fixed set of worker threads for work the OS cannot do asynchronously
//! (file system calls, `dns.lookup`, hashing, zlib, ...), like libuv's pool.
//!
//! The pool knows nothing of V8 or of the event loop: a job is a plain
//! `FnOnce() -> T + Send`, and its result (or its panic) is handed to a
//! [`CompletionSink`] that the caller supplies.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

/// Default pool size when `UV_THREADPOOL_SIZE` is unset or invalid (libuv's).
pub const DEFAULT_SIZE: usize = 4;
/// Largest pool size accepted.
pub const MAX_SIZE: usize = 128;

/// The message of a job that panicked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobPanic(pub String);

impl std::fmt::Display for JobPanic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "thread pool job panicked: {}", self.0)
    }
}

impl std::error::Error for JobPanic {}

/// Receives the result of each job, on the worker thread that ran it.
pub trait CompletionSink<T>: Send + Sync + 'static {
    fn deliver(&self, id: u64, result: Result<T, JobPanic>);
}

/// Where jobs run: rayon workers, or (only if the OS refused to start any
/// thread) inline on the submitting thread, so the runtime degrades instead
/// of dying.
enum Workers {
    Rayon(rayon::ThreadPool),
    Inline,
}

pub struct ThreadPool {
    workers: Workers,
    size: usize,
}

impl std::fmt::Debug for ThreadPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ThreadPool")
            .field("size", &self.size)
            .field("inline", &matches!(self.workers, Workers::Inline))
            .finish()
    }
}

impl ThreadPool {
    /// A pool of `size` workers, clamped to `1..=128`. If the OS cannot start
    /// the threads, it retries with one worker, then falls back to running
    /// jobs inline (logged as an error).
    pub fn new(size: usize) -> ThreadPool {
        let size = clamp_size(size);
        match Self::try_new(size) {
            Ok(pool) => pool,
            Err(err) => {
                tracing::error!(target: "threadpool", %err, size, "cannot start worker threads; retrying with 1");
                Self::try_new(1).unwrap_or_else(|err| {
                    tracing::error!(target: "threadpool", %err, "cannot start any worker thread; running jobs inline");
                    ThreadPool { workers: Workers::Inline, size: 1 }
                })
            }
        }
    }

    /// Like [`ThreadPool::new`] but reports a failure to start the threads.
    pub fn try_new(size: usize) -> std::io::Result<ThreadPool> {
        let size = clamp_size(size);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(size)
            .thread_name(|i| format!("rnode-worker-{i}"))
            // Jobs catch their own panics; this only sees a panicking sink.
            // Without a handler rayon would abort the process.
            .panic_handler(|payload| {
                tracing::error!(target: "threadpool", message = %panic_message(payload.as_ref()), "panic outside a job");
            })
            .build()
            .map_err(std::io::Error::other)?;
        Ok(ThreadPool { workers: Workers::Rayon(pool), size })
    }

    /// A pool sized by `UV_THREADPOOL_SIZE` (read once, at start-up).
    pub fn from_env() -> ThreadPool {
        let value = std::env::var("UV_THREADPOOL_SIZE").ok();
        let (size, warning) = Self::size_from_env_value(value.as_deref());
        if let Some(warning) = warning {
            tracing::warn!(target: "threadpool", "{warning}");
        }
        ThreadPool::new(size)
    }

    /// Pool size for a value of `UV_THREADPOOL_SIZE`: unset or empty -> 4;
    /// `0` or negative -> 1; above 128 -> 128; not a number -> 4 plus a
    /// warning to log.
    pub fn size_from_env_value(v: Option<&str>) -> (usize, Option<String>) {
        let Some(raw) = v else {
            return (DEFAULT_SIZE, None);
        };
        let text = raw.trim();
        if text.is_empty() {
            return (DEFAULT_SIZE, None);
        }
        let (negative, digits) = match text.as_bytes()[0] {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            let warning = format!("UV_THREADPOOL_SIZE={raw:?} is not a number; using the default of {DEFAULT_SIZE}");
            return (DEFAULT_SIZE, Some(warning));
        }
        if negative {
            return (1, None);
        }
        // All digits: an overflowing value is simply "too big".
        let n = digits.parse::<usize>().unwrap_or(usize::MAX);
        (clamp_size(n), None)
    }

    /// Number of worker threads.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Runs `job` on a worker and hands its result, or its panic, to `sink`
    /// under `id`. A panicking job never takes a worker down.
    pub fn spawn<T: Send + 'static>(
        &self,
        id: u64,
        job: impl FnOnce() -> T + Send + 'static,
        sink: Arc<dyn CompletionSink<T>>,
    ) {
        let task = move || {
            let result =
                catch_unwind(AssertUnwindSafe(job)).map_err(|payload| JobPanic(panic_message(payload.as_ref())));
            sink.deliver(id, result);
        };
        match &self.workers {
            Workers::Rayon(pool) => pool.spawn(task),
            Workers::Inline => task(),
        }
    }
}

fn clamp_size(size: usize) -> usize {
    size.clamp(1, MAX_SIZE)
}

/// The text of a panic payload (`panic!` gives a `&str` or a `String`).
fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "job panicked".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    type Delivery<T> = (u64, Result<T, JobPanic>);

    /// Forwards deliveries to a channel the test reads.
    struct ChannelSink<T>(Mutex<mpsc::Sender<Delivery<T>>>);

    impl<T: Send + 'static> CompletionSink<T> for ChannelSink<T> {
        fn deliver(&self, id: u64, result: Result<T, JobPanic>) {
            if let Ok(tx) = self.0.lock() {
                let _ = tx.send((id, result));
            }
        }
    }

    fn channel<T: Send + 'static>() -> (Arc<dyn CompletionSink<T>>, mpsc::Receiver<Delivery<T>>) {
        let (tx, rx) = mpsc::channel();
        (Arc::new(ChannelSink(Mutex::new(tx))), rx)
    }

    fn run_sleepers(size: usize, jobs: u64, sleep: Duration) -> Duration {
        let pool = ThreadPool::new(size);
        let (sink, rx) = channel::<u64>();
        let start = Instant::now();
        for id in 0..jobs {
            pool.spawn(
                id,
                move || {
                    std::thread::sleep(sleep);
                    id * 10
                },
                sink.clone(),
            );
        }
        let mut seen = Vec::new();
        for _ in 0..jobs {
            let (id, result) = rx.recv_timeout(Duration::from_secs(10)).expect("job result");
            assert_eq!(result, Ok(id * 10));
            seen.push(id);
        }
        let elapsed = start.elapsed();
        seen.sort_unstable();
        assert_eq!(seen, (0..jobs).collect::<Vec<_>>());
        elapsed
    }

    #[test]
    fn sleeping_jobs_run_in_rounds_of_pool_size() {
        let sleep = Duration::from_millis(200);
        // 4 jobs on 2 workers: two rounds, not one and not three.
        let two_rounds = run_sleepers(2, 4, sleep);
        assert!(two_rounds >= Duration::from_millis(390), "{two_rounds:?}");
        assert!(two_rounds < Duration::from_millis(590), "{two_rounds:?}");
        // 5 jobs on 4 workers: ceil(5/4) = 2 rounds.
        let five_on_four = run_sleepers(4, 5, sleep);
        assert!(five_on_four >= Duration::from_millis(390), "{five_on_four:?}");
        assert!(five_on_four < Duration::from_millis(590), "{five_on_four:?}");
    }

    #[test]
    fn every_result_is_delivered() {
        let pool = ThreadPool::new(3);
        let (sink, rx) = channel::<u64>();
        for id in 0..200 {
            pool.spawn(id, move || id + 1, sink.clone());
        }
        let mut got: Vec<_> = (0..200).map(|_| rx.recv_timeout(Duration::from_secs(10)).expect("result")).collect();
        got.sort_by_key(|(id, _)| *id);
        for (i, (id, result)) in got.into_iter().enumerate() {
            assert_eq!(id, i as u64);
            assert_eq!(result, Ok(id + 1));
        }
    }

    #[test]
    fn panicking_job_is_reported_and_pool_survives() {
        let pool = ThreadPool::new(1);
        let (sink, rx) = channel::<u32>();
        pool.spawn(1, || -> u32 { panic!("boom {}", 42) }, sink.clone());
        pool.spawn(2, || -> u32 { std::panic::panic_any(7_i32) }, sink.clone());
        pool.spawn(3, || 3, sink);
        let mut got: Vec<_> = (0..3).map(|_| rx.recv_timeout(Duration::from_secs(10)).expect("result")).collect();
        got.sort_by_key(|(id, _)| *id);
        assert_eq!(got[0], (1, Err(JobPanic("boom 42".into()))));
        assert_eq!(got[1], (2, Err(JobPanic("job panicked".into()))));
        assert_eq!(got[2], (3, Ok(3)));
    }

    #[test]
    fn size_is_clamped() {
        assert_eq!(ThreadPool::new(0).size(), 1);
        assert_eq!(ThreadPool::new(3).size(), 3);
        assert_eq!(ThreadPool::new(1000).size(), MAX_SIZE);
    }

    #[test]
    fn env_value_parsing() {
        let size = ThreadPool::size_from_env_value;
        assert_eq!(size(None), (4, None));
        assert_eq!(size(Some("")), (4, None));
        assert_eq!(size(Some("0")), (1, None));
        assert_eq!(size(Some("1")), (1, None));
        assert_eq!(size(Some(" 8 ")), (8, None));
        assert_eq!(size(Some("+16")), (16, None));
        assert_eq!(size(Some("128")), (128, None));
        assert_eq!(size(Some("129")), (128, None));
        assert_eq!(size(Some("99999999999999999999999")), (128, None));
        assert_eq!(size(Some("-3")), (1, None));
        for bad in ["abc", "4x", "-", "1.5", "0x10"] {
            let (n, warning) = size(Some(bad));
            assert_eq!(n, 4, "{bad}");
            assert!(warning.is_some_and(|w| w.contains("UV_THREADPOOL_SIZE")), "{bad}");
        }
    }
}
