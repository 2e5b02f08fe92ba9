//! The stream handle (libuv's `uv_stream_t`) and the `stream_wrap` binding.
//!
//! One [`Stream`] serves every source that reads and writes bytes (TCP and
//! Unix sockets today) and the listeners that accept them. JavaScript sees
//! node's `LibuvStreamWrap` shape on the `TCP`/`Pipe` objects that own one
//! (see `tcp_wrap.rs`):
//!
//! - `readStart()`/`readStop()`; data arrives as `onread(nread, Uint8Array)`,
//!   `nread` negative at the end (`UV_EOF`) or on an error.
//! - `writeBuffer(req, buf)`, `writev(req, bufs)`, `writeUtf8String(req, s)`:
//!   written at once when the queue is empty, else queued; `req.async` says
//!   which, and a queued request gets `req.oncomplete(status)` once flushed.
//!   Queued writes are requests: they keep the loop alive, even unref'd.
//! - `shutdown(req)`: half-close after the queued writes, `req.oncomplete(status)`.
//! - `close(cb)`: the fd is closed at once, `cb` runs in the closing phase after
//!   outstanding requests were cancelled with `ECANCELED` (libuv's order).
//!
//! I/O is edge-triggered: the handle remembers "readable pending" across
//! events, so a `readStart` after data (or EOF) arrived still sees it.
//! Callbacks that must not run inside the op that caused them (a shutdown
//! of an idle stream, a connect that failed at once, a read after
//! `readStart`) go through the loop's pending queue, keyed by stream id.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::io::{self, Write as _};
use std::net::Shutdown;
use std::rc::Rc;

use mio::net::{TcpListener, TcpStream, UnixListener, UnixStream};
use mio::unix::pipe::{Receiver, Sender};
use rnode_eventloop::{HandleId, Interest, Loop, Readiness, Token};

use super::{bytes_to_uint8array, set_num, set_value, v8_str, with_view_contents};
use crate::runtime::{call_js, drain_ticks};
use crate::state::{self, IoWatcher};

pub const UV_EOF: i32 = -4095;
const UV_UNKNOWN: i32 = -4094;
const UV_ECANCELED: i32 = -libc::ECANCELED;
const UV_EBADF: i32 = -libc::EBADF;
const UV_ENOTCONN: i32 = -libc::ENOTCONN;
const READ_CHUNK: usize = 64 * 1024;
/// Reads per readiness event before yielding to other handles (libuv: 32).
const READS_PER_TURN: usize = 32;

pub fn neg_errno(err: &io::Error) -> i32 {
    err.raw_os_error().map_or(UV_UNKNOWN, |n| -n)
}

/// What a stream handle reads, writes or accepts from.
pub enum Source {
    Tcp(TcpStream),
    Unix(UnixStream),
    TcpListener(TcpListener),
    UnixListener(UnixListener),
    /// A bound TCP socket that is not listening yet (std's type is only a
    /// holder for the fd here: nothing has called listen(2)).
    BoundTcp(std::net::TcpListener),
    /// Our ends of a child's stdio pipes.
    PipeIn(Receiver),
    PipeOut(Sender),
}

impl Source {
    fn as_source(&mut self) -> Option<&mut dyn mio::event::Source> {
        match self {
            Source::Tcp(s) => Some(s),
            Source::Unix(s) => Some(s),
            Source::TcpListener(s) => Some(s),
            Source::UnixListener(s) => Some(s),
            Source::PipeIn(s) => Some(s),
            Source::PipeOut(s) => Some(s),
            Source::BoundTcp(_) => None,
        }
    }

    /// One-way pipes are watched only in their direction.
    fn interest(&self) -> Interest {
        match self {
            Source::PipeIn(_) => Interest::READABLE,
            Source::PipeOut(_) => Interest::WRITABLE,
            _ => Interest::READABLE | Interest::WRITABLE,
        }
    }

    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Source::Tcp(s) => s.write(buf),
            Source::Unix(s) => s.write(buf),
            Source::PipeOut(s) => s.write(buf),
            _ => Err(io::Error::from_raw_os_error(libc::ENOTCONN)),
        }
    }

    fn shutdown_write(&self) -> io::Result<()> {
        match self {
            Source::Tcp(s) => s.shutdown(Shutdown::Write),
            Source::Unix(s) => s.shutdown(Shutdown::Write),
            // A pipe has no half-close: its end is closing it.
            Source::PipeIn(_) | Source::PipeOut(_) => Ok(()),
            _ => Err(io::Error::from_raw_os_error(libc::ENOTCONN)),
        }
    }

    fn raw_fd(&self) -> i32 {
        use std::os::fd::AsRawFd as _;
        match self {
            Source::Tcp(s) => s.as_raw_fd(),
            Source::Unix(s) => s.as_raw_fd(),
            Source::TcpListener(s) => s.as_raw_fd(),
            Source::UnixListener(s) => s.as_raw_fd(),
            Source::BoundTcp(s) => s.as_raw_fd(),
            Source::PipeIn(s) => s.as_raw_fd(),
            Source::PipeOut(s) => s.as_raw_fd(),
        }
    }

    fn is_connection(&self) -> bool {
        matches!(self, Source::Tcp(_) | Source::Unix(_) | Source::PipeIn(_) | Source::PipeOut(_))
    }

    /// None while a non-blocking connect is still in progress.
    fn connect_status(&self) -> Option<i32> {
        let (error, peer) = match self {
            Source::Tcp(s) => (s.take_error(), s.peer_addr().map(|_| ())),
            Source::Unix(s) => (s.take_error(), s.peer_addr().map(|_| ())),
            _ => return Some(UV_ENOTCONN),
        };
        match (error, peer) {
            (Ok(Some(err)), _) | (Err(err), _) => Some(neg_errno(&err)),
            (Ok(None), Ok(())) => Some(0),
            (Ok(None), Err(err)) if err.raw_os_error() == Some(libc::ENOTCONN) => None,
            (Ok(None), Err(err)) => Some(neg_errno(&err)),
        }
    }
}

/// A queued write: the bytes the socket has not taken yet.
struct WriteReq {
    req: v8::Global<v8::Object>,
    data: Vec<u8>,
    written: usize,
}

/// Work to finish from the pending phase.
#[derive(Default)]
struct Deferred {
    connect_status: Option<i32>,
    shutdown: bool,
    read: bool,
}

/// The per-runtime table of stream handles.
#[derive(Default)]
pub struct NetState {
    streams: RefCell<HashMap<u32, Rc<Stream>>>,
    /// Streams in the loop's closing phase, by loop handle.
    closing: RefCell<HashMap<HandleId, Rc<Stream>>>,
    next_id: Cell<u32>,
    /// Constructors `accept` instantiates clients with (TCP, Pipe).
    pub tcp_ctor: RefCell<Option<v8::Global<v8::Function>>>,
    pub pipe_ctor: RefCell<Option<v8::Global<v8::Function>>>,
}

pub struct Stream {
    pub id: u32,
    obj: RefCell<Option<v8::Global<v8::Object>>>,
    pub source: RefCell<Option<Source>>,
    handle: Cell<Option<HandleId>>,
    refed: Cell<bool>,
    reading: Cell<bool>,
    readable_pending: Cell<bool>,
    /// The peer closed or the socket failed: read until EOF or the error.
    hup_seen: Cell<bool>,
    listening: Cell<bool>,
    closing: Cell<bool>,
    pending_queued: Cell<bool>,
    deferred: RefCell<Deferred>,
    writes: RefCell<VecDeque<WriteReq>>,
    queued_bytes: Cell<usize>,
    shutdown_req: RefCell<Option<v8::Global<v8::Object>>>,
    connect_req: RefCell<Option<v8::Global<v8::Object>>>,
    close_cb: RefCell<Option<v8::Global<v8::Function>>>,
    bytes_read: Cell<u64>,
    bytes_written: Cell<u64>,
    /// A Unix socket path given to `bind`, bound by `listen`.
    pub pipe_path: RefCell<Option<String>>,
}

/// Creates the stream behind a new `TCP`/`Pipe` object.
pub fn new_stream(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>) -> Rc<Stream> {
    let st = state::state(scope);
    let id = st.net.next_id.get() + 1;
    st.net.next_id.set(id);
    let stream = Rc::new(Stream {
        id,
        obj: RefCell::new(Some(v8::Global::new(scope, obj))),
        source: RefCell::new(None),
        handle: Cell::new(None),
        refed: Cell::new(true),
        reading: Cell::new(false),
        readable_pending: Cell::new(true),
        hup_seen: Cell::new(false),
        listening: Cell::new(false),
        closing: Cell::new(false),
        pending_queued: Cell::new(false),
        deferred: RefCell::new(Deferred::default()),
        writes: RefCell::new(VecDeque::new()),
        queued_bytes: Cell::new(0),
        shutdown_req: RefCell::new(None),
        connect_req: RefCell::new(None),
        close_cb: RefCell::new(None),
        bytes_read: Cell::new(0),
        bytes_written: Cell::new(0),
        pipe_path: RefCell::new(None),
    });
    st.net.streams.borrow_mut().insert(id, stream.clone());
    stream
}

/// The stream of a `TCP`/`Pipe` object (its internal field holds the id).
pub fn stream_of(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>) -> Option<Rc<Stream>> {
    let data = obj.get_internal_field(scope, 0)?;
    let value = v8::Local::<v8::Value>::try_from(data).ok()?;
    let id = value.uint32_value(scope)?;
    state::state(scope).net.streams.borrow().get(&id).cloned()
}

fn event_loop(scope: &mut v8::PinScope) -> Rc<Loop> {
    state::state(scope).event_loop.clone()
}

impl Stream {
    pub fn object<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Object>> {
        self.obj.borrow().as_ref().map(|g| v8::Local::new(scope, g))
    }

    pub fn is_closing(&self) -> bool {
        self.closing.get()
    }

    /// Takes ownership of `source` and registers it with the loop.
    pub fn attach(self: &Rc<Self>, scope: &mut v8::PinScope, mut source: Source) -> Result<(), i32> {
        let lp = event_loop(scope);
        let interest = source.interest();
        if let Some(src) = source.as_source() {
            let (h, token) = lp.register_io(src, interest).map_err(|e| neg_errno(&e))?;
            self.handle.set(Some(h));
            if !self.refed.get() {
                lp.unref_handle(h);
            }
            state::state(scope).io_watchers.borrow_mut().insert(token, self.clone());
        }
        *self.source.borrow_mut() = Some(source);
        self.update_active(&lp);
        Ok(())
    }

    fn deregister(&self, scope: &mut v8::PinScope, mut old: Source) {
        let Some(h) = self.handle.take() else { return };
        let lp = event_loop(scope);
        if let Some(src) = old.as_source() {
            if let Err(err) = lp.deregister_io(src, h) {
                tracing::debug!(target: "net", %err, "cannot deregister a stream");
            }
        }
        state::state(scope).io_watchers.borrow_mut().remove(&Token(h as usize));
        lp.close_handle(h);
    }

    /// A handle is active while it reads, listens or connects (libuv's rule).
    fn update_active(&self, lp: &Loop) {
        let Some(h) = self.handle.get() else { return };
        let active = self.reading.get() || self.listening.get() || self.connect_req.borrow().is_some();
        if active {
            lp.start_handle(h);
        } else {
            lp.stop_handle(h);
        }
    }

    pub fn set_listening(&self, scope: &mut v8::PinScope) {
        self.listening.set(true);
        self.update_active(&event_loop(scope));
    }

    fn queue_pending(&self, lp: &Loop) {
        if !self.pending_queued.replace(true) {
            lp.queue_pending(u64::from(self.id));
        }
    }

    pub fn set_ref(&self, scope: &mut v8::PinScope, refed: bool) {
        self.refed.set(refed);
        if let Some(h) = self.handle.get() {
            let lp = event_loop(scope);
            if refed {
                lp.ref_handle(h);
            } else {
                lp.unref_handle(h);
            }
        }
    }

    pub fn has_ref(&self) -> bool {
        self.refed.get()
    }

    // --- reading ------------------------------------------------------------

    pub fn read_start(&self, scope: &mut v8::PinScope) -> i32 {
        if self.closing.get() {
            return UV_EBADF;
        }
        if !self.source.borrow().as_ref().is_some_and(Source::is_connection) {
            return UV_ENOTCONN;
        }
        self.reading.set(true);
        let lp = event_loop(scope);
        self.update_active(&lp);
        if self.readable_pending.get() {
            self.deferred.borrow_mut().read = true;
            self.queue_pending(&lp);
        }
        0
    }

    pub fn read_stop(&self, scope: &mut v8::PinScope) -> i32 {
        self.reading.set(false);
        self.update_active(&event_loop(scope));
        0
    }

    /// Reads until the socket would block, the reader stops, or the turn's
    /// share is used up (then the rest waits for the pending phase).
    fn read_some(&self, scope: &mut v8::PinScope) {
        for _ in 0..READS_PER_TURN {
            if !self.reading.get() || self.closing.get() {
                return;
            }
            let mut buf = Vec::with_capacity(READ_CHUNK);
            let result = match self.source.borrow_mut().as_mut() {
                Some(source) if source.is_connection() => read_into_spare(source.raw_fd(), &mut buf),
                Some(_) => Err(io::Error::from_raw_os_error(libc::ENOTCONN)),
                None => return,
            };
            match result {
                Ok(0) => {
                    self.stop_reading_with(scope, UV_EOF);
                    return;
                }
                Ok(n) => {
                    self.bytes_read.set(self.bytes_read.get() + n as u64);
                    let chunk = if n < READ_CHUNK / 4 { buf.to_vec() } else { buf };
                    // A short read drained the socket (libuv's rule): new data
                    // brings a new edge. It also keeps a descriptor a child
                    // made blocking from blocking the loop. Once the peer has
                    // closed, no further edge comes, so read on to the EOF.
                    let drained = n < READ_CHUNK && !self.hup_seen.get();
                    if drained {
                        self.readable_pending.set(false);
                    }
                    self.deliver(scope, n as i32, Some(chunk));
                    if drained {
                        return;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.readable_pending.set(false);
                    return;
                }
                Err(e) => {
                    self.stop_reading_with(scope, neg_errno(&e));
                    return;
                }
            }
        }
        // More may be readable: come back after the other handles had a turn.
        if self.reading.get() && !self.closing.get() {
            self.deferred.borrow_mut().read = true;
            self.queue_pending(&event_loop(scope));
        }
    }

    fn stop_reading_with(&self, scope: &mut v8::PinScope, status: i32) {
        self.reading.set(false);
        self.update_active(&event_loop(scope));
        self.deliver(scope, status, None);
    }

    /// `onread(nread, buf)` on the handle object.
    fn deliver(&self, scope: &mut v8::PinScope, nread: i32, chunk: Option<Vec<u8>>) {
        v8::scope!(let scope, scope);
        let Some(obj) = self.object(scope) else { return };
        let nread = v8::Integer::new(scope, nread).into();
        let buf = match chunk {
            Some(bytes) => bytes_to_uint8array(scope, bytes),
            None => v8::undefined(scope).into(),
        };
        call_method(scope, obj, "onread", &[nread, buf]);
    }

    // --- writing ------------------------------------------------------------

    /// Writes `data` now if nothing is queued, queues the rest. Returns 0 or a
    /// negative errno (nothing was queued then).
    pub fn write(&self, scope: &mut v8::PinScope, req: v8::Local<v8::Object>, data: &[u8]) -> i32 {
        if self.closing.get() {
            return UV_EBADF;
        }
        let mut written = 0;
        if self.writes.borrow().is_empty() {
            let result = match self.source.borrow_mut().as_mut() {
                Some(source) if source.is_connection() => write_nonblocking(source, data),
                _ => return UV_EBADF,
            };
            match result {
                Ok(n) => written = n,
                Err(errno) => return errno,
            }
        }
        // Counted when dispatched, as node's StreamBase does.
        self.bytes_written.set(self.bytes_written.get() + data.len() as u64);
        let queued = written < data.len();
        set_bool(scope, req, "async", queued);
        set_num(scope, req, "bytes", data.len() as f64);
        if queued {
            let rest = data[written..].to_vec();
            self.queued_bytes.set(self.queued_bytes.get() + rest.len());
            let req = v8::Global::new(scope, req);
            self.writes.borrow_mut().push_back(WriteReq { req, data: rest, written: 0 });
            event_loop(scope).ref_request();
            self.publish_queue_size(scope);
        }
        0
    }

    /// Flushes queued writes; completes those fully written (or failed).
    fn flush_writes(&self, scope: &mut v8::PinScope) {
        if self.writes.borrow().is_empty() {
            return;
        }
        let done = self.write_queued();
        if done.is_empty() {
            return;
        }
        let lp = event_loop(scope);
        self.publish_queue_size(scope);
        for (req, status) in done {
            lp.unref_request();
            v8::scope!(let scope, scope);
            let req = v8::Local::new(scope, req);
            let status = v8::Integer::new(scope, status).into();
            let handle = self.object(scope).map_or_else(|| v8::undefined(scope).into(), Into::into);
            call_method(scope, req, "oncomplete", &[status, handle]);
        }
        if self.writes.borrow().is_empty() {
            self.maybe_shutdown(scope);
        }
    }

    fn write_queued(&self) -> Vec<(v8::Global<v8::Object>, i32)> {
        let mut done = Vec::new();
        let mut source = self.source.borrow_mut();
        let Some(source) = source.as_mut() else { return done };
        let mut writes = self.writes.borrow_mut();
        while let Some(front) = writes.front_mut() {
            match write_nonblocking(source, &front.data[front.written..]) {
                Ok(n) => {
                    front.written += n;
                    self.queued_bytes.set(self.queued_bytes.get().saturating_sub(n));
                    if front.written < front.data.len() {
                        break;
                    }
                    if let Some(w) = writes.pop_front() {
                        done.push((w.req, 0));
                    }
                }
                Err(errno) => {
                    self.queued_bytes.set(0);
                    done.extend(writes.drain(..).map(|w| (w.req, errno)));
                }
            }
        }
        done
    }

    /// `writeQueueSize` on the handle: bytes accepted but not yet written.
    fn publish_queue_size(&self, scope: &mut v8::PinScope) {
        if let Some(obj) = self.object(scope) {
            set_num(scope, obj, "writeQueueSize", self.queued_bytes.get() as f64);
        }
    }

    pub fn bytes_read(&self) -> u64 {
        self.bytes_read.get()
    }

    pub fn bytes_written(&self) -> u64 {
        self.bytes_written.get()
    }

    // --- shutdown -----------------------------------------------------------

    pub fn shutdown(&self, scope: &mut v8::PinScope, req: v8::Local<v8::Object>) -> i32 {
        if self.closing.get() {
            return UV_EBADF;
        }
        if !self.source.borrow().as_ref().is_some_and(Source::is_connection) || self.shutdown_req.borrow().is_some() {
            return UV_ENOTCONN;
        }
        *self.shutdown_req.borrow_mut() = Some(v8::Global::new(scope, req));
        event_loop(scope).ref_request();
        if self.writes.borrow().is_empty() {
            self.maybe_shutdown(scope);
        }
        0
    }

    /// Once the write queue is empty the half-close happens from the pending
    /// phase (libuv does it from the next poll), so the peer sees the FIN
    /// after this turn's callbacks.
    fn maybe_shutdown(&self, scope: &mut v8::PinScope) {
        if self.shutdown_req.borrow().is_none() || self.deferred.borrow().shutdown {
            return;
        }
        self.deferred.borrow_mut().shutdown = true;
        self.queue_pending(&event_loop(scope));
    }

    fn do_shutdown(&self, scope: &mut v8::PinScope) {
        let status = match self.source.borrow().as_ref() {
            Some(source) => source.shutdown_write().map_or_else(|e| neg_errno(&e), |()| 0),
            None => UV_ENOTCONN,
        };
        self.complete_shutdown(scope, status);
    }

    fn complete_shutdown(&self, scope: &mut v8::PinScope, status: i32) {
        let Some(req) = self.shutdown_req.borrow_mut().take() else { return };
        event_loop(scope).unref_request();
        v8::scope!(let scope, scope);
        let req = v8::Local::new(scope, req);
        let status = v8::Integer::new(scope, status).into();
        let handle = self.object(scope).map_or_else(|| v8::undefined(scope).into(), Into::into);
        call_method(scope, req, "oncomplete", &[status, handle]);
    }

    // --- connecting ---------------------------------------------------------

    /// Remembers the connect request; `status` is Some when the outcome is
    /// already known (it is still reported from the pending phase).
    pub fn start_connect(&self, scope: &mut v8::PinScope, req: v8::Local<v8::Object>, status: Option<i32>) {
        *self.connect_req.borrow_mut() = Some(v8::Global::new(scope, req));
        let lp = event_loop(scope);
        lp.ref_request();
        self.update_active(&lp);
        if let Some(status) = status {
            self.deferred.borrow_mut().connect_status = Some(status);
            self.queue_pending(&lp);
        }
    }

    /// Connect outcome from a readiness event, if the connect finished.
    fn poll_connect(&self, scope: &mut v8::PinScope) {
        if self.connect_req.borrow().is_none() || self.deferred.borrow().connect_status.is_some() {
            return;
        }
        let status = self.source.borrow().as_ref().and_then(Source::connect_status);
        if let Some(status) = status {
            self.complete_connect(scope, status);
        }
    }

    /// `req.oncomplete(status, handle, req, readable, writable)`.
    fn complete_connect(&self, scope: &mut v8::PinScope, status: i32) {
        let Some(req) = self.connect_req.borrow_mut().take() else { return };
        let lp = event_loop(scope);
        lp.unref_request();
        self.update_active(&lp);
        v8::scope!(let scope, scope);
        let req = v8::Local::new(scope, req);
        let handle = self.object(scope).map_or_else(|| v8::undefined(scope).into(), Into::into);
        let ok = status == 0;
        let args = [
            v8::Integer::new(scope, status).into(),
            handle,
            req.into(),
            v8::Boolean::new(scope, ok).into(),
            v8::Boolean::new(scope, ok).into(),
        ];
        call_method(scope, req, "oncomplete", &args);
    }

    // --- closing ------------------------------------------------------------

    /// Closes the fd now; `cb` (and the cancellation of outstanding requests)
    /// runs in the loop's closing phase.
    pub fn close(self: &Rc<Self>, scope: &mut v8::PinScope, cb: Option<v8::Local<v8::Function>>) {
        if self.closing.replace(true) {
            return;
        }
        self.reading.set(false);
        self.listening.set(false);
        *self.close_cb.borrow_mut() = cb.map(|f| v8::Global::new(scope, f));
        let lp = event_loop(scope);
        let source = self.source.borrow_mut().take();
        // A Unix listener removes its socket file, as libuv does.
        if matches!(source, Some(Source::UnixListener(_))) {
            let path = self.pipe_path.borrow_mut().take().filter(|p| !p.starts_with('\0'));
            if let Some(path) = path {
                if let Err(err) = std::fs::remove_file(&path) {
                    tracing::debug!(target: "net", %err, path, "cannot remove a Unix socket file");
                }
            }
        }
        // A stream never registered (no socket, or only bound) still closes
        // through the closing phase, on a handle of its own.
        let h = match (self.handle.get(), source) {
            (Some(h), Some(source)) => {
                self.deregister(scope, source);
                h
            }
            _ => {
                let h = lp.add_handle();
                lp.close_handle(h);
                h
            }
        };
        state::state(scope).net.closing.borrow_mut().insert(h, self.clone());
    }

    /// The closing phase: cancel what is outstanding, then `cb()`.
    fn finish_close(&self, scope: &mut v8::PinScope) {
        let writes: Vec<_> = self.writes.borrow_mut().drain(..).map(|w| w.req).collect();
        let lp = event_loop(scope);
        for req in writes {
            lp.unref_request();
            v8::scope!(let scope, scope);
            let req = v8::Local::new(scope, req);
            let status = v8::Integer::new(scope, UV_ECANCELED).into();
            call_method(scope, req, "oncomplete", &[status]);
        }
        if self.connect_req.borrow().is_some() {
            self.complete_connect(scope, UV_ECANCELED);
        }
        if self.shutdown_req.borrow().is_some() {
            self.complete_shutdown(scope, UV_ECANCELED);
        }
        let cb = self.close_cb.borrow_mut().take();
        let obj = self.obj.borrow_mut().take();
        let st = state::state(scope);
        st.net.streams.borrow_mut().remove(&self.id);
        if let (Some(cb), Some(obj)) = (cb, obj) {
            v8::scope!(let scope, scope);
            let cb = v8::Local::new(scope, cb);
            let obj = v8::Local::new(scope, obj);
            call_js(scope, cb, obj.into(), &[]);
            drain_ticks(scope);
        }
    }

    // --- events -------------------------------------------------------------

    fn run_pending(&self, scope: &mut v8::PinScope) {
        self.pending_queued.set(false);
        if self.closing.get() {
            return;
        }
        let deferred = std::mem::take(&mut *self.deferred.borrow_mut());
        if let Some(status) = deferred.connect_status {
            self.complete_connect(scope, status);
        }
        if deferred.shutdown {
            self.do_shutdown(scope);
        }
        if deferred.read && self.readable_pending.get() {
            self.read_some(scope);
        }
    }

    fn on_event(&self, scope: &mut v8::PinScope, readiness: Readiness) {
        if readiness.readable || readiness.hup || readiness.error {
            self.readable_pending.set(true);
        }
        if readiness.hup || readiness.error {
            self.hup_seen.set(true);
        }
        if self.listening.get() {
            super::tcp_wrap::accept_all(self, scope);
            return;
        }
        self.poll_connect(scope);
        if self.connect_req.borrow().is_some() || self.closing.get() {
            return;
        }
        self.flush_writes(scope);
        if self.reading.get() && self.readable_pending.get() {
            self.read_some(scope);
        }
    }
}

impl IoWatcher for Stream {
    fn on_ready(&self, scope: &mut v8::PinScope, readiness: Readiness) {
        self.on_event(scope, readiness);
    }
}

/// The pending phase reached a stream's deferred work.
pub fn on_pending(scope: &mut v8::PinScope, id: u64) {
    let stream = u32::try_from(id).ok().and_then(|id| state::state(scope).net.streams.borrow().get(&id).cloned());
    if let Some(stream) = stream {
        stream.run_pending(scope);
    }
}

/// The closing phase reached a loop handle; true if it was a stream's.
pub fn on_close(scope: &mut v8::PinScope, h: HandleId) -> bool {
    let stream = state::state(scope).net.closing.borrow_mut().remove(&h);
    match stream {
        Some(stream) => {
            stream.finish_close(scope);
            true
        }
        None => false,
    }
}

/// read(2) into the vector's spare capacity: no zeroing of a buffer the
/// kernel is about to fill (it showed in profiles of loopback echo).
fn read_into_spare(fd: i32, buf: &mut Vec<u8>) -> io::Result<usize> {
    let spare = buf.spare_capacity_mut();
    // SAFETY: read(2) writes at most `spare.len()` bytes to memory that is
    // valid for writes (the vector's spare capacity).
    let n = unsafe { libc::read(fd, spare.as_mut_ptr().cast(), spare.len()) };
    let Ok(n) = usize::try_from(n) else { return Err(io::Error::last_os_error()) };
    // SAFETY: the kernel initialised the first `n` bytes of the spare capacity.
    unsafe { buf.set_len(n) };
    Ok(n)
}

/// Writes as much of `data` as the socket takes now: the count, or a
/// negative errno.
fn write_nonblocking(source: &mut Source, data: &[u8]) -> Result<usize, i32> {
    let mut written = 0;
    while written < data.len() {
        match source.write(&data[written..]) {
            Ok(n) => written += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
            Err(e) => return Err(neg_errno(&e)),
        }
    }
    Ok(written)
}

fn set_bool(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>, name: &str, value: bool) {
    let v = v8::Boolean::new(scope, value);
    set_value(scope, obj, name, v.into());
}

/// Calls `obj[name](...args)` if it is a function, then drains ticks.
pub fn call_method(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>, name: &str, args: &[v8::Local<v8::Value>]) {
    let key = v8_str(scope, name);
    let Some(f) = obj.get(scope, key.into()) else { return };
    let Ok(f) = v8::Local::<v8::Function>::try_from(f) else { return };
    call_js(scope, f, obj.into(), args);
    drain_ticks(scope);
}

// ---------------------------------------------------------------------------
// The methods every stream object has (installed on TCP and Pipe prototypes)

pub fn stream_methods() -> Vec<super::Op> {
    crate::op_table! {
        "readStart" => op_stream_read_start,
        "readStop" => op_stream_read_stop,
        "writeBuffer" => op_stream_write_buffer,
        "writev" => op_stream_writev,
        "writeUtf8String" => op_stream_write_utf8,
        "shutdown" => op_stream_shutdown,
        "close" => op_stream_close,
        "ref" => op_stream_ref,
        "unref" => op_stream_unref,
        "hasRef" => op_stream_has_ref,
        "getBytesRead" => op_stream_bytes_read,
        "getBytesWritten" => op_stream_bytes_written,
        "getFd" => op_stream_get_fd,
    }
}

fn this_stream(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<Rc<Stream>> {
    stream_of(scope, args.this())
}

fn op_stream_read_start(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let status = this_stream(scope, &args).map_or(UV_EBADF, |s| s.read_start(scope));
    rv.set_int32(status);
}

fn op_stream_read_stop(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let status = this_stream(scope, &args).map_or(UV_EBADF, |s| s.read_stop(scope));
    rv.set_int32(status);
}

fn req_arg<'s>(args: &v8::FunctionCallbackArguments<'s>) -> Option<v8::Local<'s, v8::Object>> {
    v8::Local::<v8::Object>::try_from(args.get(0)).ok()
}

/// writeBuffer(req, view): the bytes are written in place when the socket
/// takes them all; only what must wait is copied.
fn op_stream_write_buffer(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let (Some(stream), Some(req)) = (this_stream(scope, &args), req_arg(&args)) else {
        rv.set_int32(UV_EBADF);
        return;
    };
    let status = with_view_contents(args.get(1), |bytes| stream.write(scope, req, bytes));
    rv.set_int32(status.unwrap_or(-libc::EINVAL));
}

/// writev(req, [views]): one write of the concatenation.
fn op_stream_writev(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let (Some(stream), Some(req)) = (this_stream(scope, &args), req_arg(&args)) else {
        rv.set_int32(UV_EBADF);
        return;
    };
    let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(1)) else {
        rv.set_int32(-libc::EINVAL);
        return;
    };
    let mut data = Vec::new();
    for i in 0..list.length() {
        let Some(item) = list.get_index(scope, i) else { continue };
        if with_view_contents(item, |bytes| data.extend_from_slice(bytes)).is_none() {
            rv.set_int32(-libc::EINVAL);
            return;
        }
    }
    let status = stream.write(scope, req, &data);
    rv.set_int32(status);
}

fn op_stream_write_utf8(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let (Some(stream), Some(req)) = (this_stream(scope, &args), req_arg(&args)) else {
        rv.set_int32(UV_EBADF);
        return;
    };
    let text = args.get(1).to_rust_string_lossy(scope);
    let status = stream.write(scope, req, text.as_bytes());
    rv.set_int32(status);
}

fn op_stream_shutdown(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let (Some(stream), Some(req)) = (this_stream(scope, &args), req_arg(&args)) else {
        rv.set_int32(UV_EBADF);
        return;
    };
    let status = stream.shutdown(scope, req);
    rv.set_int32(status);
}

fn op_stream_close(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let Some(stream) = this_stream(scope, &args) else { return };
    let cb = v8::Local::<v8::Function>::try_from(args.get(0)).ok();
    stream.close(scope, cb);
}

fn op_stream_ref(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    if let Some(stream) = this_stream(scope, &args) {
        stream.set_ref(scope, true);
    }
}

fn op_stream_unref(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    if let Some(stream) = this_stream(scope, &args) {
        stream.set_ref(scope, false);
    }
}

fn op_stream_has_ref(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let refed = this_stream(scope, &args).is_some_and(|s| s.has_ref() && !s.is_closing());
    rv.set_bool(refed);
}

fn op_stream_bytes_read(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let n = this_stream(scope, &args).map_or(0, |s| s.bytes_read());
    rv.set_double(n as f64);
}

fn op_stream_bytes_written(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let n = this_stream(scope, &args).map_or(0, |s| s.bytes_written());
    rv.set_double(n as f64);
}

/// The handle's fd (node's `handle.fd`), -1 when it has none.
fn op_stream_get_fd(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let fd = this_stream(scope, &args).and_then(|s| s.source.borrow().as_ref().map(Source::raw_fd)).unwrap_or(-1);
    rv.set_int32(fd);
}
