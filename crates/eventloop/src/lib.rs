//! The shape of libuv's `uv_run` (v1.4x) in Rust, with `mio::Poll` underneath.
//!
//! The loop is single-threaded and uses interior mutability so every method
//! takes `&self`: the engine keeps an `Rc<Loop>` and calls back into it from
//! inside [`Host`] callbacks. No `RefCell` borrow is ever held across a call
//! into the host.
//!
//! Each iteration runs one private function per phase:
//!
//! ```text
//! update_time -> run_timers -> run_pending -> run_idle -> run_prepare
//!             -> poll_io(timeout) -> run_check -> run_closing
//! ```
//!
//! As in libuv >= 1.45 the code is written as: (default mode) timers once,
//! then per iteration pending, idle, prepare, poll, pending again (at most 8
//! times, for callbacks queued by I/O), check, closing, update_time, timers.
//!
//! I/O is edge-triggered (mio): on readiness the host must read/write until
//! `WouldBlock`.
//!
//! Unlike libuv, idle/prepare/check handles run in the order they were
//! started (libuv runs the most recently started first).
//!
//! Note for hosts: a started check handle alone does not stop `poll_io` from
//! blocking (as in libuv); keep an idle handle active while immediates wait,
//! like Node does.

use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, VecDeque};
use std::io;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

pub use mio::{Interest, Token};
use rnode_threadpool::{CompletionSink, JobPanic, ThreadPool};

pub type TimerId = u64;
pub type HandleId = u64;
pub type ReqId = u64;
pub type WorkResult = Box<dyn std::any::Any + Send>;

/// Readiness of an I/O source, as reported by the poll phase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Readiness {
    pub readable: bool,
    pub writable: bool,
    pub error: bool,
    /// The peer closed its side (read or write closed).
    pub hup: bool,
}

impl Readiness {
    fn from_event(event: &mio::event::Event) -> Readiness {
        Readiness {
            readable: event.is_readable(),
            writable: event.is_writable(),
            error: event.is_error(),
            hup: event.is_read_closed() || event.is_write_closed(),
        }
    }
}

/// Receives the loop's events. Every method defaults to doing nothing.
#[allow(unused_variables)]
pub trait Host {
    fn on_timer(&mut self, lp: &Loop, id: TimerId) {}
    fn on_pending(&mut self, lp: &Loop, id: u64) {}
    fn on_idle(&mut self, lp: &Loop, h: HandleId) {}
    fn on_prepare(&mut self, lp: &Loop, h: HandleId) {}
    fn on_io(&mut self, lp: &Loop, token: Token, r: Readiness) {}
    fn on_work_done(&mut self, lp: &Loop, req: ReqId, result: Result<WorkResult, JobPanic>) {}
    fn on_check(&mut self, lp: &Loop, h: HandleId) {}
    fn on_close(&mut self, lp: &Loop, h: HandleId) {}
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunMode {
    /// Run until nothing keeps the loop alive (or `stop()`).
    Default,
    /// One iteration; poll blocks if there is nothing else to do.
    Once,
    /// One iteration; poll does not block.
    NoWait,
}

/// Token of the completion-queue waker. Handle ids start at 1, and an I/O
/// handle's token is its id, so 0 is never a handle's token.
const WAKER_TOKEN: Token = Token(0);
/// libuv runs callbacks queued during poll at most this many times per turn.
const MAX_PENDING_ROUNDS_AFTER_POLL: usize = 8;
const EVENTS_CAPACITY: usize = 1024;

// ---------------------------------------------------------------------------
// Timers

#[derive(Debug)]
struct TimerEntry {
    deadline: u64,
    refed: bool,
    /// Expired and moved to the ready queue: no longer counted as active.
    ready: bool,
}

/// Hashes sequential ids with one multiply: timer maps are hot (every
/// setTimeout inserts and every firing or clearTimeout removes), and ids are
/// not attacker-chosen, so SipHash buys nothing here.
#[derive(Debug, Default, Clone, Copy)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type IdMap<V> = HashMap<TimerId, V, std::hash::BuildHasherDefault<IdHasher>>;

#[derive(Debug, Default)]
struct Timers {
    /// Min-heap of (deadline, id); ids grow, so equal deadlines fire in
    /// insertion order. Cancelled timers stay until they reach the top (lazy
    /// deletion): an entry counts only while `entries` has it with that deadline.
    heap: BinaryHeap<Reverse<(u64, TimerId)>>,
    entries: IdMap<TimerEntry>,
    /// Expired timers of the current `run_timers` pass.
    ready: VecDeque<TimerId>,
    /// Scheduled (not ready) timers that are ref'd.
    refed_scheduled: usize,
    next_id: TimerId,
}

impl Timers {
    fn add(&mut self, deadline: u64, refed: bool) -> TimerId {
        self.next_id += 1;
        let id = self.next_id;
        self.heap.push(Reverse((deadline, id)));
        self.entries.insert(id, TimerEntry { deadline, refed, ready: false });
        if refed {
            self.refed_scheduled += 1;
        }
        id
    }

    fn cancel(&mut self, id: TimerId) -> bool {
        let Some(entry) = self.entries.remove(&id) else {
            return false;
        };
        // A ready timer is skipped by pop_ready; a scheduled one by the heap.
        if !entry.ready && entry.refed {
            self.refed_scheduled -= 1;
        }
        true
    }

    fn set_ref(&mut self, id: TimerId, refed: bool) {
        let Some(entry) = self.entries.get_mut(&id) else {
            return;
        };
        if entry.refed == refed {
            return;
        }
        entry.refed = refed;
        if !entry.ready {
            if refed {
                self.refed_scheduled += 1;
            } else {
                self.refed_scheduled -= 1;
            }
        }
    }

    fn is_live(&self, deadline: u64, id: TimerId) -> bool {
        self.entries.get(&id).is_some_and(|e| !e.ready && e.deadline == deadline)
    }

    /// Drops cancelled timers from the top of the heap.
    fn discard_stale_top(&mut self) {
        while let Some(&Reverse((deadline, id))) = self.heap.peek() {
            if self.is_live(deadline, id) {
                break;
            }
            self.heap.pop();
        }
    }

    fn next_deadline(&mut self) -> Option<u64> {
        self.discard_stale_top();
        self.heap.peek().map(|&Reverse((deadline, _))| deadline)
    }

    /// Moves every timer with deadline <= now to the ready queue, so timers
    /// added by callbacks of this pass wait for the next one (libuv >= 1.45).
    fn collect_expired(&mut self, now: u64) {
        while let Some(deadline) = self.next_deadline() {
            if deadline > now {
                break;
            }
            let Some(Reverse((_, id))) = self.heap.pop() else { break };
            if let Some(entry) = self.entries.get_mut(&id) {
                entry.ready = true;
                if entry.refed {
                    self.refed_scheduled -= 1;
                }
            }
            self.ready.push_back(id);
        }
    }

    /// Next ready timer that was not cancelled meanwhile; it is forgotten.
    fn pop_ready(&mut self) -> Option<TimerId> {
        while let Some(id) = self.ready.pop_front() {
            if self.entries.remove(&id).is_some() {
                return Some(id);
            }
        }
        None
    }
}

// ---------------------------------------------------------------------------
// Handles

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Idle,
    Prepare,
    Check,
    Io,
    Other,
}

#[derive(Debug)]
struct Handle {
    kind: Kind,
    active: bool,
    refed: bool,
    closing: bool,
    /// Sequence of the last start; a phase snapshot runs a handle only if it
    /// was not stopped/restarted since the snapshot (libuv's queue move).
    start_seq: u64,
}

#[derive(Debug, Default)]
struct Handles {
    table: HashMap<HandleId, Handle>,
    /// Active watchers per phase, in start order, keyed by start_seq.
    idle: BTreeMap<u64, HandleId>,
    prepare: BTreeMap<u64, HandleId>,
    check: BTreeMap<u64, HandleId>,
    /// Active, ref'd, not closing handles (libuv's active_handles count).
    active_refed: usize,
    next_id: HandleId,
    next_seq: u64,
}

impl Handles {
    fn add(&mut self, kind: Kind) -> HandleId {
        self.next_id += 1;
        let id = self.next_id;
        let handle = Handle { kind, active: false, refed: true, closing: false, start_seq: 0 };
        self.table.insert(id, handle);
        id
    }

    fn watchers(&mut self, kind: Kind) -> Option<&mut BTreeMap<u64, HandleId>> {
        match kind {
            Kind::Idle => Some(&mut self.idle),
            Kind::Prepare => Some(&mut self.prepare),
            Kind::Check => Some(&mut self.check),
            Kind::Io | Kind::Other => None,
        }
    }

    fn start(&mut self, h: HandleId) {
        self.next_seq += 1;
        let seq = self.next_seq;
        let Some(handle) = self.table.get_mut(&h) else {
            return;
        };
        if handle.active || handle.closing {
            return;
        }
        handle.active = true;
        handle.start_seq = seq;
        let (kind, refed) = (handle.kind, handle.refed);
        if refed {
            self.active_refed += 1;
        }
        if let Some(list) = self.watchers(kind) {
            list.insert(seq, h);
        }
    }

    fn stop(&mut self, h: HandleId) {
        let Some(handle) = self.table.get_mut(&h) else {
            return;
        };
        if !handle.active {
            return;
        }
        handle.active = false;
        let (kind, refed, seq) = (handle.kind, handle.refed, handle.start_seq);
        if refed {
            self.active_refed -= 1;
        }
        if let Some(list) = self.watchers(kind) {
            list.remove(&seq);
        }
    }

    fn set_ref(&mut self, h: HandleId, refed: bool) {
        let Some(handle) = self.table.get_mut(&h) else {
            return;
        };
        if handle.refed == refed {
            return;
        }
        handle.refed = refed;
        if handle.active {
            if refed {
                self.active_refed += 1;
            } else {
                self.active_refed -= 1;
            }
        }
    }

    /// Snapshot of a phase's active watchers as (id, start_seq).
    fn snapshot(&mut self, kind: Kind) -> Vec<(HandleId, u64)> {
        self.watchers(kind).map(|list| list.iter().map(|(&seq, &h)| (h, seq)).collect()).unwrap_or_default()
    }

    fn still_started(&self, h: HandleId, seq: u64) -> bool {
        self.table.get(&h).is_some_and(|handle| handle.active && handle.start_seq == seq)
    }

    fn is_live_io(&self, h: HandleId) -> bool {
        self.table.get(&h).is_some_and(|handle| handle.kind == Kind::Io && !handle.closing)
    }
}

// ---------------------------------------------------------------------------
// Thread-pool completions

type Completion = (ReqId, Result<WorkResult, JobPanic>);

/// Completed pool jobs, handed from workers to the loop thread. Like
/// `uv_async_send`, only the first completion after a drain wakes the loop.
struct CompletionQueue {
    done: Mutex<Vec<Completion>>,
    waker: mio::Waker,
}

impl CompletionQueue {
    fn drain(&self) -> Vec<Completion> {
        let mut done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
        std::mem::take(&mut *done)
    }
}

impl CompletionSink<WorkResult> for CompletionQueue {
    fn deliver(&self, id: u64, result: Result<WorkResult, JobPanic>) {
        let was_empty = {
            let mut done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
            done.push((id, result));
            done.len() == 1
        };
        if was_empty {
            if let Err(err) = self.waker.wake() {
                tracing::error!(target: "eventloop", %err, "cannot wake the event loop");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The loop

pub struct Loop {
    poll: RefCell<mio::Poll>,
    events: RefCell<mio::Events>,
    /// Reused buffer of (token, readiness) copied out of `events`, so no
    /// borrow is held while the host runs.
    ready_io: RefCell<Vec<(Token, Readiness)>>,
    completions: Arc<CompletionQueue>,
    pool: ThreadPool,
    start: Instant,
    now_ms: Cell<u64>,
    stop_flag: Cell<bool>,
    timers: RefCell<Timers>,
    handles: RefCell<Handles>,
    pending: RefCell<VecDeque<u64>>,
    closing: RefCell<Vec<HandleId>>,
    /// Submitted pool jobs whose completion has not run yet.
    outstanding_work: Cell<usize>,
    /// Requests counted by the engine (connects, writes, ...).
    refed_requests: Cell<usize>,
    next_req: Cell<ReqId>,
}

impl std::fmt::Debug for Loop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loop")
            .field("now", &self.now_ms.get())
            .field("pool_size", &self.pool.size())
            .field("outstanding_work", &self.outstanding_work.get())
            .field("refed_requests", &self.refed_requests.get())
            .finish_non_exhaustive()
    }
}

impl Loop {
    pub fn new(pool: ThreadPool) -> io::Result<Loop> {
        let poll = mio::Poll::new()?;
        let waker = mio::Waker::new(poll.registry(), WAKER_TOKEN)?;
        let completions = Arc::new(CompletionQueue { done: Mutex::new(Vec::new()), waker });
        Ok(Loop {
            poll: RefCell::new(poll),
            events: RefCell::new(mio::Events::with_capacity(EVENTS_CAPACITY)),
            ready_io: RefCell::new(Vec::new()),
            completions,
            pool,
            start: Instant::now(),
            now_ms: Cell::new(0),
            stop_flag: Cell::new(false),
            timers: RefCell::new(Timers::default()),
            handles: RefCell::new(Handles::default()),
            pending: RefCell::new(VecDeque::new()),
            closing: RefCell::new(Vec::new()),
            outstanding_work: Cell::new(0),
            refed_requests: Cell::new(0),
            next_req: Cell::new(0),
        })
    }

    // --- time -------------------------------------------------------------

    /// Cached loop time: ms since the loop was created, updated once per
    /// iteration (and after polling).
    pub fn now(&self) -> u64 {
        self.now_ms.get()
    }

    pub fn update_time(&self) {
        let ms = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.now_ms.set(ms);
    }

    /// Uncached monotonic time in ns since the loop was created.
    pub fn hrtime_ns(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }

    // --- timers -----------------------------------------------------------

    /// A one-shot timer firing at `now() + timeout_ms` (repeat by adding
    /// again from `on_timer`).
    pub fn add_timer(&self, timeout_ms: u64, refed: bool) -> TimerId {
        let deadline = self.now().saturating_add(timeout_ms);
        self.timers.borrow_mut().add(deadline, refed)
    }

    /// True if the timer was still waiting to fire (also when it expired in
    /// the current pass but its callback has not run yet).
    pub fn cancel_timer(&self, id: TimerId) -> bool {
        self.timers.borrow_mut().cancel(id)
    }

    pub fn set_timer_ref(&self, id: TimerId, refed: bool) {
        self.timers.borrow_mut().set_ref(id, refed);
    }

    /// False for unknown (fired or cancelled) timers.
    pub fn timer_refed(&self, id: TimerId) -> bool {
        self.timers.borrow().entries.get(&id).is_some_and(|e| e.refed)
    }

    /// Deadline (loop ms) of a timer that has not fired or been cancelled.
    pub fn timer_deadline(&self, id: TimerId) -> Option<u64> {
        self.timers.borrow().entries.get(&id).map(|e| e.deadline)
    }

    // --- generic handles --------------------------------------------------

    /// An idle handle (created stopped, ref'd). While active, poll does not block.
    pub fn add_idle(&self) -> HandleId {
        self.handles.borrow_mut().add(Kind::Idle)
    }

    pub fn add_prepare(&self) -> HandleId {
        self.handles.borrow_mut().add(Kind::Prepare)
    }

    pub fn add_check(&self) -> HandleId {
        self.handles.borrow_mut().add(Kind::Check)
    }

    /// A handle with no phase of its own (signals, child processes, ...):
    /// only its active/ref state matters, to keep the loop alive.
    pub fn add_handle(&self) -> HandleId {
        self.handles.borrow_mut().add(Kind::Other)
    }

    /// Makes the handle active. A watcher started during its own phase runs
    /// from the next turn on. No-op if closing or already active.
    pub fn start_handle(&self, h: HandleId) {
        self.handles.borrow_mut().start(h);
    }

    pub fn stop_handle(&self, h: HandleId) {
        self.handles.borrow_mut().stop(h);
    }

    pub fn ref_handle(&self, h: HandleId) {
        self.handles.borrow_mut().set_ref(h, true);
    }

    pub fn unref_handle(&self, h: HandleId) {
        self.handles.borrow_mut().set_ref(h, false);
    }

    /// The handle's ref flag (whether or not it is active), like `uv_has_ref`.
    pub fn has_ref(&self, h: HandleId) -> bool {
        self.handles.borrow().table.get(&h).is_some_and(|handle| handle.refed)
    }

    /// Like `uv_is_active`.
    pub fn is_active(&self, h: HandleId) -> bool {
        self.handles.borrow().table.get(&h).is_some_and(|handle| handle.active)
    }

    /// Like `uv_is_closing`: true from `close_handle` on (and for unknown ids).
    pub fn is_closing(&self, h: HandleId) -> bool {
        self.handles.borrow().table.get(&h).is_none_or(|handle| handle.closing)
    }

    /// Stops the handle; `host.on_close(h)` runs in the closing phase and the
    /// id is forgotten. Closing handles keep the loop alive until then. For
    /// I/O handles, deregister the source first. No-op if already closing.
    pub fn close_handle(&self, h: HandleId) {
        {
            let mut handles = self.handles.borrow_mut();
            handles.stop(h);
            let Some(handle) = handles.table.get_mut(&h) else {
                return;
            };
            if handle.closing {
                return;
            }
            handle.closing = true;
        }
        self.closing.borrow_mut().push(h);
    }

    // --- I/O --------------------------------------------------------------

    /// Registers a source; the new handle is active and ref'd, and its token
    /// is what `on_io` receives.
    pub fn register_io(
        &self,
        source: &mut (impl mio::event::Source + ?Sized),
        interest: Interest,
    ) -> io::Result<(HandleId, Token)> {
        let h = self.handles.borrow_mut().add(Kind::Io);
        let token = token_of(h);
        if let Err(err) = self.poll.borrow().registry().register(source, token, interest) {
            self.handles.borrow_mut().table.remove(&h);
            return Err(err);
        }
        self.handles.borrow_mut().start(h);
        Ok((h, token))
    }

    pub fn reregister_io(
        &self,
        source: &mut (impl mio::event::Source + ?Sized),
        h: HandleId,
        interest: Interest,
    ) -> io::Result<()> {
        self.poll.borrow().registry().reregister(source, token_of(h), interest)
    }

    /// Deregisters the source and stops the handle (it no longer keeps the
    /// loop alive). `close_handle` still frees the id and runs `on_close`.
    pub fn deregister_io(&self, source: &mut (impl mio::event::Source + ?Sized), h: HandleId) -> io::Result<()> {
        self.handles.borrow_mut().stop(h);
        self.poll.borrow().registry().deregister(source)
    }

    // --- thread-pool requests ---------------------------------------------

    /// Runs `job` on the pool. Until `host.on_work_done(req, ..)` has been
    /// called (in a poll phase), the request keeps the loop alive.
    pub fn submit_work(&self, job: impl FnOnce() -> WorkResult + Send + 'static) -> ReqId {
        let req = self.next_req.get() + 1;
        self.next_req.set(req);
        self.outstanding_work.set(self.outstanding_work.get() + 1);
        let sink: Arc<dyn CompletionSink<WorkResult>> = self.completions.clone();
        self.pool.spawn(req, job, sink);
        req
    }

    pub fn pool_size(&self) -> usize {
        self.pool.size()
    }

    // --- pending callbacks and requests -----------------------------------

    /// `host.on_pending(id)` runs in the next pending phase (or right after
    /// the current poll phase when queued from an I/O callback, as libuv does).
    pub fn queue_pending(&self, id: u64) {
        self.pending.borrow_mut().push_back(id);
    }

    pub fn ref_request(&self) {
        self.refed_requests.set(self.refed_requests.get() + 1);
    }

    pub fn unref_request(&self) {
        let count = self.refed_requests.get();
        if count == 0 {
            tracing::warn!(target: "eventloop", "unref_request without a matching ref_request");
            return;
        }
        self.refed_requests.set(count - 1);
    }

    // --- liveness and running ---------------------------------------------

    /// libuv's `uv__loop_alive`.
    pub fn alive(&self) -> bool {
        self.has_active_handles()
            || self.has_active_requests()
            || !self.pending.borrow().is_empty()
            || !self.closing.borrow().is_empty()
    }

    /// Like `uv_stop`: `run()` returns after the current iteration.
    pub fn stop(&self) {
        self.stop_flag.set(true);
    }

    /// Runs the loop; returns `alive()` at the end. Poll errors (other than
    /// EINTR) are logged and end the run; see [`Loop::try_run`].
    pub fn run(&self, host: &mut impl Host, mode: RunMode) -> bool {
        match self.try_run(host, mode) {
            Ok(alive) => alive,
            Err(err) => {
                tracing::error!(target: "eventloop", %err, "polling for I/O failed");
                self.alive()
            }
        }
    }

    /// Like [`Loop::run`], but returns a poll error instead of logging it.
    pub fn try_run(&self, host: &mut impl Host, mode: RunMode) -> io::Result<bool> {
        let result = self.run_iterations(host, mode);
        self.stop_flag.set(false);
        result
    }

    /// `uv_run` of libuv v1.4x.
    fn run_iterations(&self, host: &mut impl Host, mode: RunMode) -> io::Result<bool> {
        let mut alive = self.alive();
        if !alive {
            self.update_time();
        }
        // Default mode runs timers before the first poll; the others only
        // after it, so one Once/NoWait turn behaves like one loop turn.
        if mode == RunMode::Default && alive && !self.stop_flag.get() {
            self.update_time();
            self.run_timers(host);
        }
        while alive && !self.stop_flag.get() {
            let can_sleep = self.pending.borrow().is_empty() && !self.has_active_idle();
            self.run_pending(host);
            self.run_idle(host);
            self.run_prepare(host);
            let timeout = match mode {
                RunMode::Default => self.backend_timeout(),
                RunMode::Once if can_sleep => self.backend_timeout(),
                RunMode::Once | RunMode::NoWait => Some(Duration::ZERO),
            };
            self.poll_io(host, timeout)?;
            // Callbacks queued by I/O callbacks run now, not a turn later.
            for _ in 0..MAX_PENDING_ROUNDS_AFTER_POLL {
                if self.pending.borrow().is_empty() {
                    break;
                }
                self.run_pending(host);
            }
            self.run_check(host);
            self.run_closing(host);
            self.update_time();
            self.run_timers(host);
            alive = self.alive();
            if mode != RunMode::Default {
                break;
            }
        }
        Ok(alive)
    }

    fn has_active_handles(&self) -> bool {
        self.handles.borrow().active_refed > 0 || self.timers.borrow().refed_scheduled > 0
    }

    fn has_active_requests(&self) -> bool {
        self.outstanding_work.get() > 0 || self.refed_requests.get() > 0
    }

    fn has_active_idle(&self) -> bool {
        !self.handles.borrow().idle.is_empty()
    }

    /// libuv's `uv_backend_timeout`: `None` blocks.
    fn backend_timeout(&self) -> Option<Duration> {
        let must_not_block = self.stop_flag.get()
            || !(self.has_active_handles() || self.has_active_requests())
            || !self.pending.borrow().is_empty()
            || self.has_active_idle()
            || !self.closing.borrow().is_empty();
        if must_not_block {
            return Some(Duration::ZERO);
        }
        let next = self.timers.borrow_mut().next_deadline()?;
        Some(Duration::from_millis(next.saturating_sub(self.now())))
    }

    // --- phases -----------------------------------------------------------

    fn run_timers(&self, host: &mut impl Host) {
        let _span = tracing::trace_span!(target: "eventloop", "run_timers").entered();
        self.timers.borrow_mut().collect_expired(self.now());
        let mut count = 0usize;
        loop {
            let next = self.timers.borrow_mut().pop_ready();
            let Some(id) = next else { break };
            host.on_timer(self, id);
            count += 1;
        }
        tracing::trace!(target: "eventloop", count, "timers");
    }

    fn run_pending(&self, host: &mut impl Host) {
        let _span = tracing::trace_span!(target: "eventloop", "run_pending").entered();
        let queue = std::mem::take(&mut *self.pending.borrow_mut());
        let count = queue.len();
        for id in queue {
            host.on_pending(self, id);
        }
        tracing::trace!(target: "eventloop", count, "pending");
    }

    fn run_idle(&self, host: &mut impl Host) {
        let _span = tracing::trace_span!(target: "eventloop", "run_idle").entered();
        let count = self.run_watchers(Kind::Idle, |h| host.on_idle(self, h));
        tracing::trace!(target: "eventloop", count, "idle");
    }

    fn run_prepare(&self, host: &mut impl Host) {
        let _span = tracing::trace_span!(target: "eventloop", "run_prepare").entered();
        let count = self.run_watchers(Kind::Prepare, |h| host.on_prepare(self, h));
        tracing::trace!(target: "eventloop", count, "prepare");
    }

    fn run_check(&self, host: &mut impl Host) {
        let _span = tracing::trace_span!(target: "eventloop", "run_check").entered();
        let count = self.run_watchers(Kind::Check, |h| host.on_check(self, h));
        tracing::trace!(target: "eventloop", count, "check");
    }

    /// Runs the watchers active when the phase began that are still started
    /// (not stopped or restarted by an earlier callback of this phase).
    fn run_watchers(&self, kind: Kind, mut call: impl FnMut(HandleId)) -> usize {
        let snapshot = self.handles.borrow_mut().snapshot(kind);
        let mut count = 0;
        for (h, seq) in snapshot {
            if self.handles.borrow().still_started(h, seq) {
                call(h);
                count += 1;
            }
        }
        count
    }

    fn poll_io(&self, host: &mut impl Host, timeout: Option<Duration>) -> io::Result<()> {
        let _span = tracing::trace_span!(target: "eventloop", "poll_io", ?timeout).entered();
        let woken = self.poll_events(timeout)?;
        // Time moved while we slept; callbacks below should see it (libuv).
        self.update_time();
        let mut ready = std::mem::take(&mut *self.ready_io.borrow_mut());
        let mut count = 0;
        for &(token, readiness) in &ready {
            if self.handles.borrow().is_live_io(handle_of(token)) {
                host.on_io(self, token, readiness);
                count += 1;
            }
        }
        ready.clear();
        *self.ready_io.borrow_mut() = ready;
        if woken {
            count += self.run_completions(host);
        }
        tracing::trace!(target: "eventloop", count, "poll");
        Ok(())
    }

    /// Polls, retrying on EINTR with the remaining time. Copies I/O events to
    /// `ready_io`; returns whether the completion waker fired.
    fn poll_events(&self, timeout: Option<Duration>) -> io::Result<bool> {
        let deadline = timeout.map(|t| Instant::now() + t);
        let mut poll = self.poll.borrow_mut();
        let mut events = self.events.borrow_mut();
        let mut remaining = timeout;
        loop {
            match poll.poll(&mut events, remaining) {
                Ok(()) => break,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {
                    remaining = deadline.map(|d| d.saturating_duration_since(Instant::now()));
                }
                Err(err) => return Err(err),
            }
        }
        let mut woken = false;
        let mut ready = self.ready_io.borrow_mut();
        for event in events.iter() {
            if event.token() == WAKER_TOKEN {
                woken = true;
            } else {
                ready.push((event.token(), Readiness::from_event(event)));
            }
        }
        Ok(woken)
    }

    /// Runs every queued pool completion (many may share one wake-up).
    fn run_completions(&self, host: &mut impl Host) -> usize {
        let done = self.completions.drain();
        let count = done.len();
        for (req, result) in done {
            // The request stops counting before its callback, as in libuv.
            self.outstanding_work.set(self.outstanding_work.get().saturating_sub(1));
            host.on_work_done(self, req, result);
        }
        count
    }

    fn run_closing(&self, host: &mut impl Host) {
        let _span = tracing::trace_span!(target: "eventloop", "run_closing").entered();
        let closing = std::mem::take(&mut *self.closing.borrow_mut());
        let count = closing.len();
        // libuv keeps closing handles in a list it pushes onto the front of:
        // the most recently closed handle's callback runs first.
        for h in closing.into_iter().rev() {
            self.handles.borrow_mut().table.remove(&h);
            host.on_close(self, h);
        }
        tracing::trace!(target: "eventloop", count, "closing");
    }
}

fn token_of(h: HandleId) -> Token {
    Token(h as usize)
}

fn handle_of(token: Token) -> HandleId {
    token.0 as HandleId
}

#[cfg(test)]
mod tests;
