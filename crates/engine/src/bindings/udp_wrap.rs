//! `internalBinding('udp_wrap')`: node's `UDP` and `SendWrap` classes, which
//! `js/dgram.js` is written against. Methods return 0 or a negative errno.
//!
//! - As in libuv, the socket is created by `bind`/`bind6` (or `open(fd)`);
//!   its family is fixed then. `connect` needs a bound socket (dgram binds
//!   first), `disconnect` connects to AF_UNSPEC.
//! - `send(req, list, count, port, address, hasCallback)` (or without port
//!   and address on a connected socket) tries the datagram at once and
//!   returns its size + 1 when the kernel took it; otherwise it is queued
//!   (a request: it keeps the loop alive) and `req.oncomplete(status, sent)`
//!   runs once the socket is writable.
//! - `recvStart()`: datagrams arrive as `onmessage(nread, handle, buf, rinfo)`,
//!   nread negative on a receive error. Readiness is edge-triggered: the
//!   handle drains until `WouldBlock` and remembers readiness while it is not
//!   receiving, so a later `recvStart` still sees what arrived.
//! - `close(cb)`: the fd is closed at once; queued sends are cancelled with
//!   `ECANCELED` and `cb` runs in the loop's closing phase.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::{AsRawFd as _, FromRawFd as _, OwnedFd};
use std::rc::Rc;

use mio::net::UdpSocket;
use rnode_eventloop::{HandleId, Interest, Loop, Readiness, Token};
use v8::MapFnTo as _;

use super::stream_wrap::{call_method, neg_errno};
use super::tcp_wrap::{class, cvt, fill_addr, raw_addr, req_class, set_constants, set_int_opt};
use super::{bytes_to_uint8array, set_num, set_str, set_value, with_view_contents, Op};
use crate::runtime::{call_js, drain_ticks};
use crate::state::{self, IoWatcher};

const UV_EBADF: i32 = -libc::EBADF;
const UV_EINVAL: i32 = -libc::EINVAL;
const UV_ECANCELED: i32 = -libc::ECANCELED;
const UV_EAGAIN: i32 = -libc::EAGAIN;
/// libuv's bind flags.
const UV_UDP_IPV6ONLY: i32 = 1;
const UV_UDP_REUSEADDR: i32 = 4;
/// The largest datagram (an IPv4 UDP payload is at most 65,507 bytes).
const RECV_BUFFER: usize = 64 * 1024;
/// Datagrams received per readiness event before other handles get a turn
/// (libuv's uv__udp_recvmsg reads 32).
const RECVS_PER_TURN: usize = 32;
/// Pending-phase ids of UDP handles live above the stream handles' ids.
const PENDING_BASE: u64 = 1 << 32;

pub fn ops() -> Vec<Op> {
    Vec::new()
}

pub fn init<'s>(scope: &mut v8::PinScope<'s, '_>, obj: v8::Local<'s, v8::Object>) {
    if let Some(ctor) = class(scope, "UDP", op_udp_new.map_fn_to(), &udp_methods()) {
        set_value(scope, obj, "UDP", ctor.into());
    }
    req_class(scope, obj, "SendWrap");
    set_constants(scope, obj, &[("UV_UDP_IPV6ONLY", f64::from(UV_UDP_IPV6ONLY)), ("UV_UDP_REUSEADDR", 4.0)]);
}

fn udp_methods() -> Vec<Op> {
    crate::op_table! {
        "bind" => op_bind,
        "bind6" => op_bind6,
        "open" => op_open,
        "send" => op_send,
        "send6" => op_send6,
        "connect" => op_connect,
        "connect6" => op_connect6,
        "disconnect" => op_disconnect,
        "recvStart" => op_recv_start,
        "recvStop" => op_recv_stop,
        "getsockname" => op_getsockname,
        "getpeername" => op_getpeername,
        "setBroadcast" => op_set_broadcast,
        "setTTL" => op_set_ttl,
        "setMulticastTTL" => op_set_multicast_ttl,
        "setMulticastLoopback" => op_set_multicast_loopback,
        "setMulticastInterface" => op_set_multicast_interface,
        "addMembership" => op_add_membership,
        "dropMembership" => op_drop_membership,
        "addSourceSpecificMembership" => op_add_source_membership,
        "dropSourceSpecificMembership" => op_drop_source_membership,
        "bufferSize" => op_buffer_size,
        "getSendQueueSize" => op_send_queue_size,
        "getSendQueueCount" => op_send_queue_count,
        "ref" => op_ref,
        "unref" => op_unref,
        "hasRef" => op_has_ref,
        "close" => op_close,
        "getFd" => op_get_fd,
    }
}

// ---------------------------------------------------------------------------
// The handle

/// A datagram that waits for the socket to become writable.
struct SendReq {
    req: v8::Global<v8::Object>,
    data: Vec<u8>,
    /// None on a connected socket.
    to: Option<SocketAddr>,
}

/// The per-runtime table of UDP handles.
#[derive(Default)]
pub struct UdpState {
    handles: RefCell<HashMap<u32, Rc<Udp>>>,
    /// Handles in the loop's closing phase, by loop handle.
    closing: RefCell<HashMap<HandleId, Rc<Udp>>>,
    next_id: Cell<u32>,
}

pub struct Udp {
    id: u32,
    obj: RefCell<Option<v8::Global<v8::Object>>>,
    socket: RefCell<Option<UdpSocket>>,
    handle: Cell<Option<HandleId>>,
    refed: Cell<bool>,
    receiving: Cell<bool>,
    readable_pending: Cell<bool>,
    closing: Cell<bool>,
    pending_queued: Cell<bool>,
    sends: RefCell<VecDeque<SendReq>>,
    queued_bytes: Cell<usize>,
    close_cb: RefCell<Option<v8::Global<v8::Function>>>,
    recv_buf: RefCell<Vec<u8>>,
}

fn event_loop(scope: &mut v8::PinScope) -> Rc<Loop> {
    state::state(scope).event_loop.clone()
}

fn udp_of(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>) -> Option<Rc<Udp>> {
    let data = obj.get_internal_field(scope, 0)?;
    let value = v8::Local::<v8::Value>::try_from(data).ok()?;
    let id = value.uint32_value(scope)?;
    state::state(scope).udp.handles.borrow().get(&id).cloned()
}

fn this_udp(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<Rc<Udp>> {
    udp_of(scope, args.this())
}

/// `new UDP()`: a handle with no socket yet.
fn op_udp_new(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    if args.new_target().is_undefined() {
        super::throw_type_error(scope, "Class constructor UDP cannot be invoked without 'new'");
        return;
    }
    let this = args.this();
    let st = state::state(scope);
    let id = st.udp.next_id.get() + 1;
    st.udp.next_id.set(id);
    let udp = Rc::new(Udp {
        id,
        obj: RefCell::new(Some(v8::Global::new(scope, this))),
        socket: RefCell::new(None),
        handle: Cell::new(None),
        refed: Cell::new(true),
        receiving: Cell::new(false),
        readable_pending: Cell::new(true),
        closing: Cell::new(false),
        pending_queued: Cell::new(false),
        sends: RefCell::new(VecDeque::new()),
        queued_bytes: Cell::new(0),
        close_cb: RefCell::new(None),
        recv_buf: RefCell::new(Vec::new()),
    });
    st.udp.handles.borrow_mut().insert(id, udp);
    let id = v8::Integer::new_from_unsigned(scope, id);
    this.set_internal_field(0, id.into());
}

impl Udp {
    fn object<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Object>> {
        self.obj.borrow().as_ref().map(|g| v8::Local::new(scope, g))
    }

    fn raw_fd(&self) -> Option<i32> {
        self.socket.borrow().as_ref().map(|s| s.as_raw_fd())
    }

    /// Takes ownership of `socket` and registers it with the loop.
    fn attach(self: &Rc<Self>, scope: &mut v8::PinScope, mut socket: UdpSocket) -> i32 {
        let lp = event_loop(scope);
        let (h, token) = match lp.register_io(&mut socket, Interest::READABLE | Interest::WRITABLE) {
            Ok(registered) => registered,
            Err(err) => return neg_errno(&err),
        };
        self.handle.set(Some(h));
        if !self.refed.get() {
            lp.unref_handle(h);
        }
        state::state(scope).io_watchers.borrow_mut().insert(token, self.clone());
        *self.socket.borrow_mut() = Some(socket);
        self.update_active(&lp);
        0
    }

    /// Active while receiving or while datagrams wait to be sent (libuv's rule).
    fn update_active(&self, lp: &Loop) {
        let Some(h) = self.handle.get() else { return };
        if self.receiving.get() || !self.sends.borrow().is_empty() {
            lp.start_handle(h);
        } else {
            lp.stop_handle(h);
        }
    }

    fn set_ref(&self, scope: &mut v8::PinScope, refed: bool) {
        self.refed.set(refed);
        let Some(h) = self.handle.get() else { return };
        let lp = event_loop(scope);
        if refed {
            lp.ref_handle(h);
        } else {
            lp.unref_handle(h);
        }
    }

    fn queue_pending(&self, lp: &Loop) {
        if !self.pending_queued.replace(true) {
            lp.queue_pending(PENDING_BASE + u64::from(self.id));
        }
    }

    // --- receiving ----------------------------------------------------------

    fn recv_start(&self, scope: &mut v8::PinScope) -> i32 {
        if self.closing.get() || self.socket.borrow().is_none() {
            return UV_EBADF;
        }
        self.receiving.set(true);
        let lp = event_loop(scope);
        self.update_active(&lp);
        if self.readable_pending.get() {
            self.queue_pending(&lp);
        }
        0
    }

    fn recv_stop(&self, scope: &mut v8::PinScope) -> i32 {
        self.receiving.set(false);
        self.update_active(&event_loop(scope));
        0
    }

    /// Receives until the socket would block, the receiver stops, or the
    /// turn's share is used up (the rest waits for the pending phase).
    fn recv_some(&self, scope: &mut v8::PinScope) {
        for _ in 0..RECVS_PER_TURN {
            if !self.receiving.get() || self.closing.get() {
                return;
            }
            match self.recv_one() {
                Some(Ok((data, from))) => self.deliver(scope, Ok((data, from))),
                Some(Err(e)) if e.kind() == io::ErrorKind::Interrupted => {}
                Some(Err(e)) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.readable_pending.set(false);
                    return;
                }
                Some(Err(e)) => self.deliver(scope, Err(neg_errno(&e))),
                None => return,
            }
        }
        if self.receiving.get() && !self.closing.get() {
            self.queue_pending(&event_loop(scope));
        }
    }

    fn recv_one(&self) -> Option<io::Result<(Vec<u8>, SocketAddr)>> {
        let socket = self.socket.borrow();
        let socket = socket.as_ref()?;
        let mut buf = self.recv_buf.borrow_mut();
        if buf.len() < RECV_BUFFER {
            buf.resize(RECV_BUFFER, 0);
        }
        Some(socket.recv_from(&mut buf).map(|(n, from)| (buf[..n].to_vec(), from)))
    }

    /// `onmessage(nread, handle, buf, rinfo)`, or `onmessage(errno, handle)`.
    fn deliver(&self, scope: &mut v8::PinScope, received: Result<(Vec<u8>, SocketAddr), i32>) {
        v8::scope!(let scope, scope);
        let Some(obj) = self.object(scope) else { return };
        let args = match received {
            Ok((data, from)) => {
                let nread = v8::Integer::new(scope, i32::try_from(data.len()).unwrap_or(i32::MAX)).into();
                let buf = bytes_to_uint8array(scope, data);
                let rinfo = v8::Object::new(scope);
                fill_addr(scope, rinfo, from);
                vec![nread, obj.into(), buf, rinfo.into()]
            }
            Err(errno) => vec![v8::Integer::new(scope, errno).into(), obj.into()],
        };
        call_method(scope, obj, "onmessage", &args);
    }

    // --- sending ------------------------------------------------------------

    /// Sends `data` now when nothing is queued: its size + 1 on success,
    /// a negative errno on failure, 0 when it was queued.
    fn send(&self, scope: &mut v8::PinScope, req: v8::Local<v8::Object>, data: &[u8], to: Option<SocketAddr>) -> i32 {
        if self.closing.get() {
            return UV_EBADF;
        }
        if self.sends.borrow().is_empty() {
            match self.try_send(data, to) {
                Ok(n) => return i32::try_from(n).map_or(i32::MAX, |n| n.saturating_add(1)),
                Err(errno) if errno != UV_EAGAIN => return errno,
                Err(_) => {}
            }
        }
        self.sends.borrow_mut().push_back(SendReq { req: v8::Global::new(scope, req), data: data.to_vec(), to });
        self.queued_bytes.set(self.queued_bytes.get() + data.len());
        let lp = event_loop(scope);
        lp.ref_request();
        self.update_active(&lp);
        0
    }

    fn try_send(&self, data: &[u8], to: Option<SocketAddr>) -> Result<usize, i32> {
        let socket = self.socket.borrow();
        let Some(socket) = socket.as_ref() else { return Err(UV_EBADF) };
        loop {
            let sent = match to {
                Some(addr) => socket.send_to(data, addr),
                None => socket.send(data),
            };
            match sent {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(neg_errno(&e)),
            }
        }
    }

    /// Sends queued datagrams until the socket would block again.
    fn flush_sends(&self, scope: &mut v8::PinScope) {
        loop {
            let outcome = {
                let sends = self.sends.borrow();
                let Some(next) = sends.front() else { break };
                self.try_send(&next.data, next.to)
            };
            let status = match outcome {
                Err(UV_EAGAIN) => break,
                Ok(_) => 0,
                Err(errno) => errno,
            };
            let Some(done) = self.sends.borrow_mut().pop_front() else { break };
            self.complete_send(scope, done, status);
        }
        self.update_active(&event_loop(scope));
    }

    /// `req.oncomplete(status, sent)`.
    fn complete_send(&self, scope: &mut v8::PinScope, done: SendReq, status: i32) {
        self.queued_bytes.set(self.queued_bytes.get().saturating_sub(done.data.len()));
        event_loop(scope).unref_request();
        v8::scope!(let scope, scope);
        let req = v8::Local::new(scope, done.req);
        let size = i32::try_from(done.data.len()).unwrap_or(i32::MAX);
        let args = [v8::Integer::new(scope, status).into(), v8::Integer::new(scope, size).into()];
        call_method(scope, req, "oncomplete", &args);
    }

    // --- closing ------------------------------------------------------------

    fn close(self: &Rc<Self>, scope: &mut v8::PinScope, cb: Option<v8::Local<v8::Function>>) {
        if self.closing.replace(true) {
            return;
        }
        self.receiving.set(false);
        *self.close_cb.borrow_mut() = cb.map(|f| v8::Global::new(scope, f));
        let lp = event_loop(scope);
        let socket = self.socket.borrow_mut().take();
        let h = match (self.handle.take(), socket) {
            (Some(h), Some(mut socket)) => {
                if let Err(err) = lp.deregister_io(&mut socket, h) {
                    tracing::debug!(target: "dgram", %err, "cannot deregister a UDP socket");
                }
                state::state(scope).io_watchers.borrow_mut().remove(&Token(h as usize));
                h
            }
            // Never bound: close through the closing phase on a handle of its own.
            _ => lp.add_handle(),
        };
        lp.close_handle(h);
        state::state(scope).udp.closing.borrow_mut().insert(h, self.clone());
    }

    /// The closing phase: cancel queued sends, then `cb()`.
    fn finish_close(&self, scope: &mut v8::PinScope) {
        let sends: Vec<SendReq> = self.sends.borrow_mut().drain(..).collect();
        for done in sends {
            self.complete_send(scope, done, UV_ECANCELED);
        }
        let cb = self.close_cb.borrow_mut().take();
        let obj = self.obj.borrow_mut().take();
        state::state(scope).udp.handles.borrow_mut().remove(&self.id);
        if let (Some(cb), Some(obj)) = (cb, obj) {
            v8::scope!(let scope, scope);
            let cb = v8::Local::new(scope, cb);
            let obj = v8::Local::new(scope, obj);
            call_js(scope, cb, obj.into(), &[]);
            drain_ticks(scope);
        }
    }

    fn run_pending(&self, scope: &mut v8::PinScope) {
        self.pending_queued.set(false);
        if self.receiving.get() && self.readable_pending.get() {
            self.recv_some(scope);
        }
    }
}

impl IoWatcher for Udp {
    fn on_ready(&self, scope: &mut v8::PinScope, readiness: Readiness) {
        if self.closing.get() {
            return;
        }
        if readiness.writable || readiness.error {
            self.flush_sends(scope);
        }
        if readiness.readable || readiness.error {
            self.readable_pending.set(true);
        }
        if self.receiving.get() && self.readable_pending.get() {
            self.recv_some(scope);
        }
    }
}

/// The pending phase reached an id; true if it was a UDP handle's.
pub fn on_pending(scope: &mut v8::PinScope, id: u64) -> bool {
    let Some(id) = id.checked_sub(PENDING_BASE).and_then(|id| u32::try_from(id).ok()) else { return false };
    let udp = state::state(scope).udp.handles.borrow().get(&id).cloned();
    if let Some(udp) = udp {
        udp.run_pending(scope);
    }
    true
}

/// The closing phase reached a loop handle; true if it was a UDP handle's.
pub fn on_close(scope: &mut v8::PinScope, h: HandleId) -> bool {
    let udp = state::state(scope).udp.closing.borrow_mut().remove(&h);
    let Some(udp) = udp else { return false };
    udp.finish_close(scope);
    true
}

// ---------------------------------------------------------------------------
// Addresses and sockets

/// Node's numeric address for a family: IPv6 may carry a `%scope` (an
/// interface name or index).
fn parse_ip(text: &str, v6: bool) -> Option<IpAddr> {
    if !v6 {
        return text.parse::<Ipv4Addr>().ok().map(IpAddr::V4);
    }
    let (ip, _) = parse_ip6_scoped(text)?;
    Some(IpAddr::V6(ip))
}

fn parse_ip6_scoped(text: &str) -> Option<(Ipv6Addr, u32)> {
    let (ip, scope) = match text.split_once('%') {
        Some((ip, scope)) => (ip, Some(scope)),
        None => (text, None),
    };
    let ip = ip.parse::<Ipv6Addr>().ok()?;
    let scope_id = match scope {
        None => 0,
        Some(s) => s.parse::<u32>().ok().unwrap_or_else(|| interface_index(s)),
    };
    Some((ip, scope_id))
}

fn interface_index(name: &str) -> u32 {
    let Ok(name) = std::ffi::CString::new(name) else { return 0 };
    // SAFETY: `name` is a NUL-terminated string that outlives the call.
    unsafe { libc::if_nametoindex(name.as_ptr()) }
}

fn socket_addr(text: &str, port: u16, v6: bool) -> Option<SocketAddr> {
    if v6 {
        let (ip, scope_id) = parse_ip6_scoped(text)?;
        return Some(SocketAddr::V6(std::net::SocketAddrV6::new(ip, port, 0, scope_id)));
    }
    Some(SocketAddr::new(parse_ip(text, false)?, port))
}

fn arg_addr(
    scope: &mut v8::PinScope,
    host: v8::Local<v8::Value>,
    port: v8::Local<v8::Value>,
    v6: bool,
) -> Option<SocketAddr> {
    let host = host.to_rust_string_lossy(scope);
    let port = port.uint32_value(scope).and_then(|p| u16::try_from(p).ok())?;
    socket_addr(&host, port, v6)
}

fn new_udp_socket(addr: &SocketAddr, flags: i32) -> io::Result<OwnedFd> {
    let family = if addr.is_ipv4() { libc::AF_INET } else { libc::AF_INET6 };
    // SAFETY: socket(2) has no memory-safety preconditions.
    let fd = cvt(unsafe { libc::socket(family, libc::SOCK_DGRAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC, 0) })?;
    // SAFETY: `fd` is a fresh descriptor that nothing else owns.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    if flags & UV_UDP_REUSEADDR != 0 {
        set_int_opt(&fd, libc::SOL_SOCKET, libc::SO_REUSEADDR, 1)?;
    }
    if addr.is_ipv6() {
        let v6only = i32::from(flags & UV_UDP_IPV6ONLY != 0);
        set_int_opt(&fd, libc::IPPROTO_IPV6, libc::IPV6_V6ONLY, v6only)?;
    }
    Ok(fd)
}

fn bind_udp(addr: &SocketAddr, flags: i32) -> io::Result<UdpSocket> {
    let fd = new_udp_socket(addr, flags)?;
    let (storage, len) = raw_addr(addr);
    // SAFETY: `storage` holds a sockaddr of `len` bytes.
    cvt(unsafe { libc::bind(fd.as_raw_fd(), (&raw const storage).cast(), len) })?;
    Ok(UdpSocket::from_std(std::net::UdpSocket::from(fd)))
}

/// bind(address, port, flags) / bind6(...).
fn bind(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, v6: bool) -> i32 {
    let Some(udp) = this_udp(scope, args) else { return UV_EBADF };
    if udp.closing.get() {
        return UV_EBADF;
    }
    if udp.socket.borrow().is_some() {
        return UV_EINVAL;
    }
    let Some(addr) = arg_addr(scope, args.get(0), args.get(1), v6) else { return UV_EINVAL };
    let flags = args.get(2).int32_value(scope).unwrap_or(0);
    match bind_udp(&addr, flags) {
        Ok(socket) => udp.attach(scope, socket),
        Err(err) => neg_errno(&err),
    }
}

fn op_bind(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    rv.set_int32(bind(scope, &args, false));
}

fn op_bind6(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    rv.set_int32(bind(scope, &args, true));
}

/// open(fd): adopt a datagram socket the caller owns.
fn op_open(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let Some(udp) = this_udp(scope, &args) else { return rv.set_int32(UV_EBADF) };
    if udp.socket.borrow().is_some() {
        return rv.set_int32(UV_EINVAL);
    }
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    if fd < 0 {
        return rv.set_int32(UV_EBADF);
    }
    if let Err(err) = super::tcp_wrap::set_fd_nonblocking(fd) {
        return rv.set_int32(neg_errno(&err));
    }
    // SAFETY: node's handle.open(fd) takes ownership of the descriptor.
    let socket = unsafe { std::net::UdpSocket::from_raw_fd(fd) };
    rv.set_int32(udp.attach(scope, UdpSocket::from_std(socket)));
}

/// Runs `f` on the bytes of the first `count` views of `list`, copied into
/// one datagram only when there are several.
fn with_datagram<R>(
    scope: &mut v8::PinScope,
    list: v8::Local<v8::Value>,
    count: u32,
    f: impl FnOnce(&mut v8::PinScope, &[u8]) -> R,
) -> Option<R> {
    let list = v8::Local::<v8::Array>::try_from(list).ok()?;
    let count = count.min(list.length());
    if count == 1 {
        let item = list.get_index(scope, 0)?;
        let view = v8::Local::<v8::ArrayBufferView>::try_from(item).ok()?;
        let mut storage = [0u8; v8::TYPED_ARRAY_MAX_SIZE_IN_HEAP];
        return Some(f(scope, view.get_contents(&mut storage)));
    }
    let mut data = Vec::new();
    for i in 0..count {
        let item = list.get_index(scope, i)?;
        with_view_contents(item, |bytes| data.extend_from_slice(bytes))?;
    }
    Some(f(scope, &data))
}

/// send(req, list, count, port, address, hasCallback), or
/// send(req, list, count, hasCallback) on a connected socket.
fn send(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, v6: bool) -> i32 {
    let Some(udp) = this_udp(scope, args) else { return UV_EBADF };
    let Ok(req) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return UV_EINVAL };
    let count = args.get(2).uint32_value(scope).unwrap_or(0);
    let to = if args.length() >= 6 {
        let Some(addr) = arg_addr(scope, args.get(4), args.get(3), v6) else { return UV_EINVAL };
        Some(addr)
    } else {
        None
    };
    with_datagram(scope, args.get(1), count, |scope, bytes| udp.send(scope, req, bytes, to)).unwrap_or(UV_EINVAL)
}

fn op_send(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    rv.set_int32(send(scope, &args, false));
}

fn op_send6(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    rv.set_int32(send(scope, &args, true));
}

fn connect_raw(fd: i32, storage: &libc::sockaddr_storage, len: libc::socklen_t) -> io::Result<()> {
    loop {
        // SAFETY: `storage` holds a sockaddr of `len` bytes.
        let r = unsafe { libc::connect(fd, std::ptr::from_ref(storage).cast(), len) };
        if r == 0 {
            return Ok(());
        }
        let err = io::Error::last_os_error();
        if err.raw_os_error() != Some(libc::EINTR) {
            return Err(err);
        }
    }
}

/// connect(address, port) / connect6(...).
fn connect(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, v6: bool) -> i32 {
    let Some(udp) = this_udp(scope, args) else { return UV_EBADF };
    let Some(fd) = udp.raw_fd() else { return UV_EBADF };
    let Some(addr) = arg_addr(scope, args.get(0), args.get(1), v6) else { return UV_EINVAL };
    let (storage, len) = raw_addr(&addr);
    connect_raw(fd, &storage, len).map_or_else(|e| neg_errno(&e), |()| 0)
}

fn op_connect(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    rv.set_int32(connect(scope, &args, false));
}

fn op_connect6(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    rv.set_int32(connect(scope, &args, true));
}

/// disconnect(): connect to AF_UNSPEC, as libuv does.
fn op_disconnect(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let Some(fd) = this_udp(scope, &args).and_then(|u| u.raw_fd()) else { return rv.set_int32(UV_EBADF) };
    // SAFETY: sockaddr_storage is plain data; all zeroes is AF_UNSPEC.
    let storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let len = std::mem::size_of::<libc::sockaddr>() as libc::socklen_t;
    let status = match connect_raw(fd, &storage, len) {
        Err(e) if e.raw_os_error() != Some(libc::EAFNOSUPPORT) => neg_errno(&e),
        _ => 0,
    };
    rv.set_int32(status);
}

fn op_recv_start(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let status = this_udp(scope, &args).map_or(UV_EBADF, |u| u.recv_start(scope));
    rv.set_int32(status);
}

fn op_recv_stop(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let status = this_udp(scope, &args).map_or(UV_EBADF, |u| u.recv_stop(scope));
    rv.set_int32(status);
}

fn get_name(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, peer: bool) -> i32 {
    let Some(udp) = this_udp(scope, args) else { return UV_EBADF };
    let Ok(out) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return UV_EINVAL };
    let name = match udp.socket.borrow().as_ref() {
        Some(s) if peer => s.peer_addr(),
        Some(s) => s.local_addr(),
        None => Err(io::Error::from_raw_os_error(libc::EBADF)),
    };
    match name {
        Ok(addr) => {
            fill_addr(scope, out, addr);
            0
        }
        Err(err) => neg_errno(&err),
    }
}

fn op_getsockname(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    rv.set_int32(get_name(scope, &args, false));
}

fn op_getpeername(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    rv.set_int32(get_name(scope, &args, true));
}

// ---------------------------------------------------------------------------
// Socket options

/// Runs `f` with the socket's fd and whether it is IPv6; EBADF without one.
fn with_socket(
    scope: &mut v8::PinScope,
    args: &v8::FunctionCallbackArguments,
    f: impl FnOnce(&UdpSocket, bool) -> io::Result<()>,
) -> i32 {
    let Some(udp) = this_udp(scope, args) else { return UV_EBADF };
    let socket = udp.socket.borrow();
    let Some(socket) = socket.as_ref() else { return UV_EBADF };
    let v6 = socket.local_addr().is_ok_and(|a| a.is_ipv6());
    f(socket, v6).map_or_else(|e| neg_errno(&e), |()| 0)
}

fn einval() -> io::Error {
    io::Error::from_raw_os_error(libc::EINVAL)
}

fn op_set_broadcast(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let on = i32::from(args.get(0).boolean_value(scope));
    rv.set_int32(with_socket(scope, &args, |s, _| set_int_opt(s, libc::SOL_SOCKET, libc::SO_BROADCAST, on)));
}

/// An option that has an IPv4 and an IPv6 name, with a value in `range`.
fn set_family_opt(
    scope: &mut v8::PinScope,
    args: &v8::FunctionCallbackArguments,
    v4: libc::c_int,
    v6: libc::c_int,
    range: std::ops::RangeInclusive<i32>,
) -> i32 {
    let value = args.get(0).int32_value(scope).unwrap_or(-1);
    with_socket(scope, args, |s, is_v6| {
        if !range.contains(&value) {
            return Err(einval());
        }
        if is_v6 {
            set_int_opt(s, libc::IPPROTO_IPV6, v6, value)
        } else {
            set_int_opt(s, libc::IPPROTO_IP, v4, value)
        }
    })
}

fn op_set_ttl(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    rv.set_int32(set_family_opt(scope, &args, libc::IP_TTL, libc::IPV6_UNICAST_HOPS, 1..=255));
}

fn op_set_multicast_ttl(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    rv.set_int32(set_family_opt(scope, &args, libc::IP_MULTICAST_TTL, libc::IPV6_MULTICAST_HOPS, 0..=255));
}

fn op_set_multicast_loopback(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    rv.set_int32(set_family_opt(scope, &args, libc::IP_MULTICAST_LOOP, libc::IPV6_MULTICAST_LOOP, 0..=1));
}

fn set_raw_opt<T>(s: &UdpSocket, level: libc::c_int, name: libc::c_int, value: &T) -> io::Result<()> {
    let len = std::mem::size_of::<T>() as libc::socklen_t;
    // SAFETY: `value` is a live, initialised T of `len` bytes.
    cvt(unsafe { libc::setsockopt(s.as_raw_fd(), level, name, std::ptr::from_ref(value).cast(), len) }).map(|_| ())
}

fn in_addr(ip: Ipv4Addr) -> libc::in_addr {
    libc::in_addr { s_addr: u32::from_ne_bytes(ip.octets()) }
}

/// setMulticastInterface(address): an IPv4 address, or an IPv6 `::%scope`.
fn op_set_multicast_interface(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let text = args.get(0).to_rust_string_lossy(scope);
    rv.set_int32(with_socket(scope, &args, |s, is_v6| {
        if is_v6 {
            let (_, index) = parse_ip6_scoped(&text).ok_or_else(einval)?;
            set_raw_opt(s, libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_IF, &index)
        } else {
            let ip = text.parse::<Ipv4Addr>().map_err(|_| einval())?;
            set_raw_opt(s, libc::IPPROTO_IP, libc::IP_MULTICAST_IF, &in_addr(ip))
        }
    }));
}

/// libuv binds an unbound socket to the any-address of `group`'s family
/// (with SO_REUSEADDR) before it joins a multicast group.
fn bind_for_membership(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, group: &str) -> i32 {
    let Some(udp) = this_udp(scope, args) else { return UV_EBADF };
    if udp.socket.borrow().is_some() || udp.closing.get() {
        return 0;
    }
    let any = if group.parse::<Ipv6Addr>().is_ok() {
        SocketAddr::from((Ipv6Addr::UNSPECIFIED, 0))
    } else {
        SocketAddr::from((Ipv4Addr::UNSPECIFIED, 0))
    };
    match bind_udp(&any, UV_UDP_REUSEADDR) {
        Ok(socket) => udp.attach(scope, socket),
        Err(err) => neg_errno(&err),
    }
}

/// add/dropMembership(group, interface?).
fn membership(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, join: bool) -> i32 {
    let group = args.get(0).to_rust_string_lossy(scope);
    let status = bind_for_membership(scope, args, &group);
    if status != 0 {
        return status;
    }
    let iface = args.get(1);
    let iface = (!iface.is_null_or_undefined()).then(|| iface.to_rust_string_lossy(scope));
    with_socket(scope, args, |s, _| match group.parse::<IpAddr>().map_err(|_| einval())? {
        IpAddr::V4(group) => {
            let local = match &iface {
                Some(text) => text.parse::<Ipv4Addr>().map_err(|_| einval())?,
                None => Ipv4Addr::UNSPECIFIED,
            };
            let mreq = libc::ip_mreq { imr_multiaddr: in_addr(group), imr_interface: in_addr(local) };
            let name = if join { libc::IP_ADD_MEMBERSHIP } else { libc::IP_DROP_MEMBERSHIP };
            set_raw_opt(s, libc::IPPROTO_IP, name, &mreq)
        }
        IpAddr::V6(group) => {
            let index = match &iface {
                Some(text) => parse_ip6_scoped(text).ok_or_else(einval)?.1,
                None => 0,
            };
            let mreq = libc::ipv6_mreq {
                ipv6mr_multiaddr: libc::in6_addr { s6_addr: group.octets() },
                ipv6mr_interface: index,
            };
            let name = if join { libc::IPV6_ADD_MEMBERSHIP } else { libc::IPV6_DROP_MEMBERSHIP };
            set_raw_opt(s, libc::IPPROTO_IPV6, name, &mreq)
        }
    })
}

fn op_add_membership(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    rv.set_int32(membership(scope, &args, true));
}

fn op_drop_membership(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    rv.set_int32(membership(scope, &args, false));
}

/// add/dropSourceSpecificMembership(source, group, interface?): IPv4 through
/// ip_mreq_source; IPv6 is not offered (libuv's is through MCAST_JOIN_SOURCE_GROUP).
fn source_membership(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, join: bool) -> i32 {
    let source = args.get(0).to_rust_string_lossy(scope);
    let group = args.get(1).to_rust_string_lossy(scope);
    let status = bind_for_membership(scope, args, &group);
    if status != 0 {
        return status;
    }
    let iface = args.get(2);
    let iface = (!iface.is_null_or_undefined()).then(|| iface.to_rust_string_lossy(scope));
    with_socket(scope, args, |s, _| {
        let (Ok(source), Ok(group)) = (source.parse::<Ipv4Addr>(), group.parse::<Ipv4Addr>()) else {
            return Err(einval());
        };
        let local = match &iface {
            Some(text) => text.parse::<Ipv4Addr>().map_err(|_| einval())?,
            None => Ipv4Addr::UNSPECIFIED,
        };
        let mreq = libc::ip_mreq_source {
            imr_multiaddr: in_addr(group),
            imr_interface: in_addr(local),
            imr_sourceaddr: in_addr(source),
        };
        let name = if join { libc::IP_ADD_SOURCE_MEMBERSHIP } else { libc::IP_DROP_SOURCE_MEMBERSHIP };
        set_raw_opt(s, libc::IPPROTO_IP, name, &mreq)
    })
}

fn op_add_source_membership(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    rv.set_int32(source_membership(scope, &args, true));
}

fn op_drop_source_membership(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    rv.set_int32(source_membership(scope, &args, false));
}

/// libuv's uv_{recv,send}_buffer_size: 0 reads the size, anything else sets it.
fn buffer_size(udp: &Udp, size: i32, recv: bool) -> Result<i32, i32> {
    let fd = udp.raw_fd().ok_or(UV_EBADF)?;
    let name = if recv { libc::SO_RCVBUF } else { libc::SO_SNDBUF };
    if size != 0 {
        let socket = udp.socket.borrow();
        let socket = socket.as_ref().ok_or(UV_EBADF)?;
        set_int_opt(socket, libc::SOL_SOCKET, name, size).map_err(|e| neg_errno(&e))?;
        return Ok(size);
    }
    super::tcp_wrap::sock_opt(fd, name).map_err(|e| neg_errno(&e))
}

/// bufferSize(size, isRecv, ctx): the size, or undefined with ctx filled in
/// as node's CollectUVExceptionInfo does.
fn op_buffer_size(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let recv = args.get(1).boolean_value(scope);
    let syscall = if recv { "uv_recv_buffer_size" } else { "uv_send_buffer_size" };
    let result = match (this_udp(scope, &args), args.get(0)) {
        (Some(udp), size) if size.is_int32() => buffer_size(&udp, size.int32_value(scope).unwrap_or(0), recv),
        (Some(_), _) => Err(UV_EINVAL),
        (None, _) => Err(UV_EBADF),
    };
    match result {
        Ok(size) => rv.set_int32(size),
        Err(errno) => {
            if let Ok(ctx) = v8::Local::<v8::Object>::try_from(args.get(2)) {
                let (errno, code, message) = crate::errno::lookup(-errno);
                set_num(scope, ctx, "errno", f64::from(errno));
                set_str(scope, ctx, "code", code);
                set_str(scope, ctx, "message", message);
                set_str(scope, ctx, "syscall", syscall);
            }
            rv.set_undefined();
        }
    }
}

fn op_send_queue_size(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let size = this_udp(scope, &args).map_or(0, |u| u.queued_bytes.get());
    rv.set_double(size as f64);
}

fn op_send_queue_count(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let count = this_udp(scope, &args).map_or(0, |u| u.sends.borrow().len());
    rv.set_double(count as f64);
}

fn op_ref(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    if let Some(udp) = this_udp(scope, &args) {
        udp.set_ref(scope, true);
    }
}

fn op_unref(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    if let Some(udp) = this_udp(scope, &args) {
        udp.set_ref(scope, false);
    }
}

fn op_has_ref(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let refed = this_udp(scope, &args).is_some_and(|u| u.refed.get() && !u.closing.get());
    rv.set_bool(refed);
}

fn op_close(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let Some(udp) = this_udp(scope, &args) else { return };
    let cb = v8::Local::<v8::Function>::try_from(args.get(0)).ok();
    udp.close(scope, cb);
}

/// The socket's fd, -1 when it has none.
fn op_get_fd(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let fd = this_udp(scope, &args).and_then(|u| u.raw_fd()).unwrap_or(-1);
    rv.set_int32(fd);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_addresses_by_family() {
        assert_eq!(socket_addr("127.0.0.1", 53, false), Some(SocketAddr::from(([127, 0, 0, 1], 53))));
        assert_eq!(socket_addr("::1", 53, false), None);
        assert_eq!(socket_addr("127.0.0.1", 53, true), None);
        let v6 = socket_addr("::1%7", 9, true);
        assert!(matches!(v6, Some(SocketAddr::V6(a)) if a.scope_id() == 7 && a.port() == 9));
    }
}
