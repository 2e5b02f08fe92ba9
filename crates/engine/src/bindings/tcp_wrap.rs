//! `internalBinding('tcp_wrap')`, `('pipe_wrap')`, `('stream_wrap')` and
//! `('cares_wrap')`: the classes `js/net.js` is written against, in node's
//! shape. `TCP` and `Pipe` objects own a stream handle (`stream_wrap.rs`);
//! their methods return 0 or a negative errno, and JavaScript builds node's
//! exceptions from it.
//!
//! As in libuv, a TCP socket is created by the first `bind` or `connect`
//! (its family comes from the address); `listen` then turns the bound socket
//! into a listener. A `Pipe` keeps the path `bind` got until `listen`.

use std::io;

use std::net::{IpAddr, SocketAddr};
use std::os::fd::{AsRawFd as _, FromRawFd as _, OwnedFd};
use std::rc::Rc;
use v8::MapFnTo as _;

use super::stream_wrap::{self, neg_errno, new_stream, stream_of, Source, Stream};
use super::{set_num, set_str, set_value, v8_str, Op};
use crate::state;

const UV_EINVAL: i32 = -libc::EINVAL;
const UV_EBADF: i32 = -libc::EBADF;
/// libuv's EAI_NONAME: node reports it as ENOTFOUND.
const UV_EAI_NONAME: i32 = -3008;

fn no_ops() -> Vec<Op> {
    Vec::new()
}

pub fn tcp_ops() -> Vec<Op> {
    no_ops()
}

pub fn pipe_ops() -> Vec<Op> {
    crate::op_table! { "guessHandleType" => op_guess_handle_type }
}

pub fn stream_ops() -> Vec<Op> {
    no_ops()
}

pub fn cares_ops() -> Vec<Op> {
    crate::op_table! {
        "getaddrinfo" => op_cares_getaddrinfo,
        "getnameinfo" => op_cares_getnameinfo,
    }
}

// ---------------------------------------------------------------------------
// Classes

/// A constructor whose instances have one internal field (the stream id)
/// and `methods` on their prototype.
pub(super) fn class<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    name: &str,
    ctor: v8::FunctionCallback,
    methods: &[Op],
) -> Option<v8::Local<'s, v8::Function>> {
    let tmpl = v8::FunctionTemplate::builder_raw(ctor).build(scope);
    let class_name = v8_str(scope, name);
    tmpl.set_class_name(class_name);
    tmpl.instance_template(scope).set_internal_field_count(1);
    let proto = tmpl.prototype_template(scope);
    for &(method, cb) in methods {
        let key = v8_str(scope, method);
        let f = v8::FunctionTemplate::builder_raw(cb).build(scope);
        proto.set(key.into(), f.into());
    }
    tmpl.get_function(scope)
}

/// A plain request class (`WriteWrap`, `TCPConnectWrap`, ...).
pub(super) fn req_class<'s>(scope: &mut v8::PinScope<'s, '_>, obj: v8::Local<'s, v8::Object>, name: &str) {
    let tmpl = v8::FunctionTemplate::builder(op_req_new).build(scope);
    let class_name = v8_str(scope, name);
    tmpl.set_class_name(class_name);
    if let Some(f) = tmpl.get_function(scope) {
        set_value(scope, obj, name, f.into());
    }
}

fn op_req_new(_scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {}

pub(super) fn set_constants(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>, pairs: &[(&str, f64)]) {
    let constants = v8::Object::new(scope);
    for &(name, value) in pairs {
        set_num(scope, constants, name, value);
    }
    set_value(scope, obj, "constants", constants.into());
}

fn tcp_methods() -> Vec<Op> {
    let mut methods = stream_wrap::stream_methods();
    methods.extend(crate::op_table! {
        "bind" => op_tcp_bind,
        "bind6" => op_tcp_bind6,
        "listen" => op_tcp_listen,
        "connect" => op_tcp_connect,
        "connect6" => op_tcp_connect,
        "getsockname" => op_tcp_getsockname,
        "getpeername" => op_tcp_getpeername,
        "setNoDelay" => op_tcp_set_no_delay,
        "setKeepAlive" => op_tcp_set_keep_alive,
        "setSimultaneousAccepts" => op_noop,
        "reset" => op_tcp_reset,
        "open" => op_tcp_open,
    });
    methods
}

fn pipe_methods() -> Vec<Op> {
    let mut methods = stream_wrap::stream_methods();
    methods.extend(crate::op_table! {
        "bind" => op_pipe_bind,
        "listen" => op_pipe_listen,
        "connect" => op_pipe_connect,
        "fchmod" => op_noop,
        "setPendingInstances" => op_noop,
        "open" => op_pipe_open,
    });
    methods
}

pub fn tcp_init<'s>(scope: &mut v8::PinScope<'s, '_>, obj: v8::Local<'s, v8::Object>) {
    if let Some(ctor) = class(scope, "TCP", op_handle_new.map_fn_to(), &tcp_methods()) {
        *state::state(scope).net.tcp_ctor.borrow_mut() = Some(v8::Global::new(scope, ctor));
        set_value(scope, obj, "TCP", ctor.into());
    }
    req_class(scope, obj, "TCPConnectWrap");
    set_constants(scope, obj, &[("SOCKET", 0.0), ("SERVER", 1.0), ("UV_TCP_IPV6ONLY", 1.0)]);
}

pub fn pipe_init<'s>(scope: &mut v8::PinScope<'s, '_>, obj: v8::Local<'s, v8::Object>) {
    if let Some(ctor) = class(scope, "Pipe", op_handle_new.map_fn_to(), &pipe_methods()) {
        *state::state(scope).net.pipe_ctor.borrow_mut() = Some(v8::Global::new(scope, ctor));
        set_value(scope, obj, "Pipe", ctor.into());
    }
    req_class(scope, obj, "PipeConnectWrap");
    let pairs = [("SOCKET", 0.0), ("SERVER", 1.0), ("IPC", 2.0), ("UV_READABLE", 1.0), ("UV_WRITABLE", 2.0)];
    set_constants(scope, obj, &pairs);
}

pub fn stream_init<'s>(scope: &mut v8::PinScope<'s, '_>, obj: v8::Local<'s, v8::Object>) {
    req_class(scope, obj, "WriteWrap");
    req_class(scope, obj, "ShutdownWrap");
}

pub fn cares_init<'s>(scope: &mut v8::PinScope<'s, '_>, obj: v8::Local<'s, v8::Object>) {
    req_class(scope, obj, "GetAddrInfoReqWrap");
    req_class(scope, obj, "GetNameInfoReqWrap");
}

/// `new TCP(type)` / `new Pipe(type)`: a handle with no socket yet.
fn op_handle_new(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    if args.new_target().is_undefined() {
        super::throw_type_error(scope, "Class constructor cannot be invoked without 'new'");
        return;
    }
    let this = args.this();
    let stream = new_stream(scope, this);
    let id = v8::Integer::new_from_unsigned(scope, stream.id);
    this.set_internal_field(0, id.into());
}

fn op_noop(_scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    rv.set_int32(0);
}

// ---------------------------------------------------------------------------
// Existing descriptors: guessHandleType(fd), TCP.open(fd), Pipe.open(fd)

pub(super) fn fstat_mode(fd: i32) -> io::Result<libc::mode_t> {
    // SAFETY: `st` is plain data that fstat fills in.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: fstat writes into `st`, which is valid for writes.
    cvt(unsafe { libc::fstat(fd, &mut st) })?;
    Ok(st.st_mode & libc::S_IFMT)
}

pub(super) fn sock_opt(fd: i32, name: libc::c_int) -> io::Result<libc::c_int> {
    let mut value: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: `value` and `len` are valid for writes and `len` is value's size.
    cvt(unsafe { libc::getsockopt(fd, libc::SOL_SOCKET, name, (&raw mut value).cast(), &mut len) })?;
    Ok(value)
}

/// libuv's uv_guess_handle, as node names the kinds.
fn guess_handle_type(fd: i32) -> &'static str {
    if fd < 0 {
        return "INVALID";
    }
    let Ok(mode) = fstat_mode(fd) else { return "UNKNOWN" };
    match mode {
        libc::S_IFREG => "FILE",
        // SAFETY: isatty has no memory-safety preconditions.
        libc::S_IFCHR if unsafe { libc::isatty(fd) } == 1 => "TTY",
        libc::S_IFCHR => "FILE",
        libc::S_IFIFO => "PIPE",
        libc::S_IFSOCK => match (sock_opt(fd, libc::SO_DOMAIN), sock_opt(fd, libc::SO_TYPE)) {
            (Ok(libc::AF_UNIX), _) => "PIPE",
            (Ok(libc::AF_INET | libc::AF_INET6), Ok(libc::SOCK_STREAM)) => "TCP",
            (Ok(libc::AF_INET | libc::AF_INET6), Ok(libc::SOCK_DGRAM)) => "UDP",
            _ => "UNKNOWN",
        },
        _ => "UNKNOWN",
    }
}

fn op_guess_handle_type(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    let kind = v8_str(scope, guess_handle_type(fd));
    rv.set(kind.into());
}

pub(super) fn set_fd_nonblocking(fd: i32) -> io::Result<()> {
    // SAFETY: fcntl(2) on a descriptor; no memory is involved.
    let flags = cvt(unsafe { libc::fcntl(fd, libc::F_GETFL) })?;
    // SAFETY: as above.
    cvt(unsafe { libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) })?;
    Ok(())
}

/// What an fd handed to `open` becomes: a connection, a listener, or (TCP,
/// not connected yet) a bound socket `listen`/`connect` can still use.
fn source_of_fd(fd: i32, tcp: bool) -> io::Result<Source> {
    let mode = fstat_mode(fd)?;
    set_fd_nonblocking(fd)?;
    // SAFETY (each from_raw_fd below): the caller gave us `fd` to own, as
    // node's handle.open(fd) takes ownership of it.
    if mode == libc::S_IFIFO {
        // SAFETY: fcntl(F_GETFL) has no memory-safety preconditions.
        let access = cvt(unsafe { libc::fcntl(fd, libc::F_GETFL) })? & libc::O_ACCMODE;
        return Ok(if access == libc::O_WRONLY {
            Source::PipeOut(unsafe { mio::unix::pipe::Sender::from_raw_fd(fd) })
        } else {
            Source::PipeIn(unsafe { mio::unix::pipe::Receiver::from_raw_fd(fd) })
        });
    }
    if mode != libc::S_IFSOCK {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    let listening = sock_opt(fd, libc::SO_ACCEPTCONN)? != 0;
    Ok(match (tcp, listening) {
        (true, true) => Source::TcpListener(unsafe { mio::net::TcpListener::from_raw_fd(fd) }),
        (true, false) => Source::Tcp(unsafe { mio::net::TcpStream::from_raw_fd(fd) }),
        (false, true) => Source::UnixListener(unsafe { mio::net::UnixListener::from_raw_fd(fd) }),
        (false, false) => Source::Unix(unsafe { mio::net::UnixStream::from_raw_fd(fd) }),
    })
}

fn open_fd(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, tcp: bool) -> i32 {
    let Some(stream) = this_stream(scope, args) else { return UV_EBADF };
    if stream.source.borrow().is_some() {
        return UV_EINVAL;
    }
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    if fd < 0 {
        return UV_EBADF;
    }
    match source_of_fd(fd, tcp) {
        Ok(source) => stream.attach(scope, source).map_or_else(|e| e, |()| 0),
        Err(err) => neg_errno(&err),
    }
}

fn op_tcp_open(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    rv.set_int32(open_fd(scope, &args, true));
}

fn op_pipe_open(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    rv.set_int32(open_fd(scope, &args, false));
}

fn this_stream(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<Rc<Stream>> {
    stream_of(scope, args.this())
}

// ---------------------------------------------------------------------------
// Sockets through libc (std and mio cannot bind without listening)

pub(super) fn cvt(r: libc::c_int) -> io::Result<libc::c_int> {
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(r)
    }
}

fn new_socket(addr: &SocketAddr) -> io::Result<OwnedFd> {
    let family = if addr.is_ipv4() { libc::AF_INET } else { libc::AF_INET6 };
    // SAFETY: socket(2) has no memory-safety preconditions.
    let fd = cvt(unsafe { libc::socket(family, libc::SOCK_STREAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC, 0) })?;
    // SAFETY: `fd` is a fresh descriptor that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

pub(super) fn set_int_opt(
    fd: &impl std::os::fd::AsRawFd,
    level: libc::c_int,
    name: libc::c_int,
    value: libc::c_int,
) -> io::Result<()> {
    let len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: `value` lives across the call and `len` is its size.
    cvt(unsafe { libc::setsockopt(fd.as_raw_fd(), level, name, (&raw const value).cast(), len) }).map(|_| ())
}

/// The address as a `sockaddr_storage` and its length.
pub(super) fn raw_addr(addr: &SocketAddr) -> (libc::sockaddr_storage, libc::socklen_t) {
    // SAFETY: sockaddr_storage is plain data; all zeroes is a valid value.
    let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let len = match addr {
        SocketAddr::V4(a) => {
            let sin = libc::sockaddr_in {
                sin_family: libc::AF_INET as libc::sa_family_t,
                sin_port: a.port().to_be(),
                sin_addr: libc::in_addr { s_addr: u32::from_ne_bytes(a.ip().octets()) },
                sin_zero: [0; 8],
            };
            // SAFETY: sockaddr_storage is larger than and aligned for sockaddr_in.
            unsafe { std::ptr::write((&raw mut storage).cast(), sin) };
            std::mem::size_of::<libc::sockaddr_in>()
        }
        SocketAddr::V6(a) => {
            let sin6 = libc::sockaddr_in6 {
                sin6_family: libc::AF_INET6 as libc::sa_family_t,
                sin6_port: a.port().to_be(),
                sin6_flowinfo: a.flowinfo(),
                sin6_addr: libc::in6_addr { s6_addr: a.ip().octets() },
                sin6_scope_id: a.scope_id(),
            };
            // SAFETY: sockaddr_storage is larger than and aligned for sockaddr_in6.
            unsafe { std::ptr::write((&raw mut storage).cast(), sin6) };
            std::mem::size_of::<libc::sockaddr_in6>()
        }
    };
    (storage, len as libc::socklen_t)
}

fn bind_tcp(addr: &SocketAddr, ipv6_only: bool) -> io::Result<std::net::TcpListener> {
    let fd = new_socket(addr)?;
    set_int_opt(&fd, libc::SOL_SOCKET, libc::SO_REUSEADDR, 1)?;
    if ipv6_only && addr.is_ipv6() {
        set_int_opt(&fd, libc::IPPROTO_IPV6, libc::IPV6_V6ONLY, 1)?;
    }
    let (storage, len) = raw_addr(addr);
    // SAFETY: `storage` holds a sockaddr of `len` bytes.
    cvt(unsafe { libc::bind(fd.as_raw_fd(), (&raw const storage).cast(), len) })?;
    Ok(std::net::TcpListener::from(fd))
}

/// Starts a non-blocking connect on `fd` (EINPROGRESS is success here).
fn connect_tcp(fd: OwnedFd, addr: &SocketAddr) -> io::Result<mio::net::TcpStream> {
    let (storage, len) = raw_addr(addr);
    loop {
        // SAFETY: `storage` holds a sockaddr of `len` bytes.
        let r = unsafe { libc::connect(fd.as_raw_fd(), (&raw const storage).cast(), len) };
        if r == 0 {
            break;
        }
        let err = io::Error::last_os_error();
        match err.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EINPROGRESS) => break,
            _ => return Err(err),
        }
    }
    Ok(mio::net::TcpStream::from_std(std::net::TcpStream::from(fd)))
}

fn parse_addr(scope: &mut v8::PinScope, host: v8::Local<v8::Value>, port: v8::Local<v8::Value>) -> Option<SocketAddr> {
    let host = host.to_rust_string_lossy(scope);
    let port = port.uint32_value(scope).and_then(|p| u16::try_from(p).ok())?;
    let ip: IpAddr = host.parse().ok()?;
    Some(SocketAddr::new(ip, port))
}

// ---------------------------------------------------------------------------
// TCP methods

fn tcp_bind(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, ipv6_only: bool) -> i32 {
    let Some(stream) = this_stream(scope, args) else { return UV_EBADF };
    if stream.source.borrow().is_some() {
        return UV_EINVAL;
    }
    let Some(addr) = parse_addr(scope, args.get(0), args.get(1)) else { return UV_EINVAL };
    match bind_tcp(&addr, ipv6_only) {
        Ok(socket) => {
            *stream.source.borrow_mut() = Some(Source::BoundTcp(socket));
            0
        }
        Err(err) => neg_errno(&err),
    }
}

fn op_tcp_bind(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    rv.set_int32(tcp_bind(scope, &args, false));
}

/// bind6(address, port, flags): flags & UV_TCP_IPV6ONLY sets IPV6_V6ONLY.
fn op_tcp_bind6(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let flags = args.get(2).int32_value(scope).unwrap_or(0);
    rv.set_int32(tcp_bind(scope, &args, flags & 1 != 0));
}

fn op_tcp_listen(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let Some(stream) = this_stream(scope, &args) else { return rv.set_int32(UV_EBADF) };
    let backlog = args.get(0).int32_value(scope).unwrap_or(511);
    // libuv binds an unbound socket to 0.0.0.0:0 first; we do the same.
    let socket = match stream.source.borrow_mut().take() {
        Some(Source::BoundTcp(socket)) => Ok(socket),
        Some(listener @ Source::TcpListener(_)) => {
            // Opened from a listening fd: it listens already.
            *stream.source.borrow_mut() = Some(listener);
            stream.set_listening(scope);
            return rv.set_int32(0);
        }
        Some(other) => {
            *stream.source.borrow_mut() = Some(other);
            return rv.set_int32(UV_EINVAL);
        }
        None => bind_tcp(&SocketAddr::from(([0, 0, 0, 0], 0)), false),
    };
    let status = socket
        .and_then(|socket| {
            // SAFETY: listen(2) on a socket we own.
            cvt(unsafe { libc::listen(socket.as_raw_fd(), backlog) })?;
            Ok(socket)
        })
        .map_err(|e| neg_errno(&e))
        .and_then(|socket| stream.attach(scope, Source::TcpListener(mio::net::TcpListener::from_std(socket))));
    match status {
        Ok(()) => {
            stream.set_listening(scope);
            rv.set_int32(0);
        }
        Err(errno) => rv.set_int32(errno),
    }
}

/// connect(req, address, port): the outcome comes as `req.oncomplete`.
fn op_tcp_connect(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let Some(stream) = this_stream(scope, &args) else { return rv.set_int32(UV_EBADF) };
    let Ok(req) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return rv.set_int32(UV_EINVAL) };
    let Some(addr) = parse_addr(scope, args.get(1), args.get(2)) else { return rv.set_int32(UV_EINVAL) };
    let fd = match stream.source.borrow_mut().take() {
        Some(Source::BoundTcp(socket)) => Ok(OwnedFd::from(socket)),
        Some(other) => {
            *stream.source.borrow_mut() = Some(other);
            return rv.set_int32(-libc::EISCONN);
        }
        None => new_socket(&addr),
    };
    let connected = fd.and_then(|fd| connect_tcp(fd, &addr));
    match connected {
        Ok(socket) => match stream.attach(scope, Source::Tcp(socket)) {
            Ok(()) => {
                stream.start_connect(scope, req, None);
                rv.set_int32(0);
            }
            Err(errno) => rv.set_int32(errno),
        },
        // libuv reports a refused connection through the callback.
        Err(err) if err.raw_os_error() == Some(libc::ECONNREFUSED) => {
            stream.start_connect(scope, req, Some(neg_errno(&err)));
            rv.set_int32(0);
        }
        Err(err) => rv.set_int32(neg_errno(&err)),
    }
}

pub(super) fn fill_addr(scope: &mut v8::PinScope, out: v8::Local<v8::Object>, addr: SocketAddr) {
    set_str(scope, out, "address", &address_text(&addr));
    set_str(scope, out, "family", if addr.is_ipv4() { "IPv4" } else { "IPv6" });
    set_num(scope, out, "port", f64::from(addr.port()));
}

/// The address as node prints it: a scoped IPv6 address carries `%` and its
/// interface name (or index, when the interface has no name).
fn address_text(addr: &SocketAddr) -> String {
    match addr {
        SocketAddr::V6(a) if a.scope_id() != 0 => format!("{}%{}", a.ip(), interface_name(a.scope_id())),
        _ => addr.ip().to_string(),
    }
}

fn interface_name(index: u32) -> String {
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE];
    // SAFETY: `buf` has room for IF_NAMESIZE bytes, as if_indextoname needs.
    let name = unsafe { libc::if_indextoname(index, buf.as_mut_ptr()) };
    if name.is_null() {
        return index.to_string();
    }
    // SAFETY: on success if_indextoname wrote a NUL-terminated name into `buf`.
    unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }.to_string_lossy().into_owned()
}

fn sock_name(stream: &Stream, peer: bool) -> io::Result<SocketAddr> {
    let source = stream.source.borrow();
    match (source.as_ref(), peer) {
        (Some(Source::Tcp(s)), false) => s.local_addr(),
        (Some(Source::Tcp(s)), true) => s.peer_addr(),
        (Some(Source::TcpListener(s)), false) => s.local_addr(),
        (Some(Source::BoundTcp(s)), false) => s.local_addr(),
        (None, _) => Err(io::Error::from_raw_os_error(libc::EBADF)),
        _ => Err(io::Error::from_raw_os_error(libc::ENOTCONN)),
    }
}

fn get_name(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, peer: bool) -> i32 {
    let Some(stream) = this_stream(scope, args) else { return UV_EBADF };
    let Ok(out) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return UV_EINVAL };
    match sock_name(&stream, peer) {
        Ok(addr) => {
            fill_addr(scope, out, addr);
            0
        }
        Err(err) => neg_errno(&err),
    }
}

fn op_tcp_getsockname(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    rv.set_int32(get_name(scope, &args, false));
}

fn op_tcp_getpeername(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    rv.set_int32(get_name(scope, &args, true));
}

fn with_tcp_fd(stream: &Stream, f: impl FnOnce(&OwnedFd) -> io::Result<()>) -> i32 {
    let source = stream.source.borrow();
    let Some(Source::Tcp(s)) = source.as_ref() else { return 0 };
    // SAFETY: the fd stays open while `source` is borrowed; ManuallyDrop keeps
    // this borrowed view from closing it.
    let fd = std::mem::ManuallyDrop::new(unsafe { OwnedFd::from_raw_fd(s.as_raw_fd()) });
    f(&fd).map_or_else(|e| neg_errno(&e), |()| 0)
}

fn op_tcp_set_no_delay(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(stream) = this_stream(scope, &args) else { return rv.set_int32(UV_EBADF) };
    let on = args.get(0).boolean_value(scope);
    rv.set_int32(with_tcp_fd(&stream, |fd| set_int_opt(fd, libc::IPPROTO_TCP, libc::TCP_NODELAY, i32::from(on))));
}

/// setKeepAlive(enable, delaySeconds).
fn op_tcp_set_keep_alive(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(stream) = this_stream(scope, &args) else { return rv.set_int32(UV_EBADF) };
    let on = args.get(0).boolean_value(scope);
    let delay = args.get(1).int32_value(scope).unwrap_or(0);
    rv.set_int32(with_tcp_fd(&stream, |fd| {
        set_int_opt(fd, libc::SOL_SOCKET, libc::SO_KEEPALIVE, i32::from(on))?;
        if on && delay > 0 {
            set_int_opt(fd, libc::IPPROTO_TCP, libc::TCP_KEEPIDLE, delay)?;
        }
        Ok(())
    }));
}

/// reset(cb): close with an RST instead of a FIN (SO_LINGER 0).
fn op_tcp_reset(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let Some(stream) = this_stream(scope, &args) else { return rv.set_int32(UV_EBADF) };
    let status = with_tcp_fd(&stream, |fd| {
        let linger = libc::linger { l_onoff: 1, l_linger: 0 };
        let len = std::mem::size_of::<libc::linger>() as libc::socklen_t;
        // SAFETY: `linger` lives across the call and `len` is its size.
        cvt(unsafe {
            libc::setsockopt(fd.as_raw_fd(), libc::SOL_SOCKET, libc::SO_LINGER, (&raw const linger).cast(), len)
        })
        .map(|_| ())
    });
    let cb = v8::Local::<v8::Function>::try_from(args.get(0)).ok();
    stream.close(scope, cb);
    rv.set_int32(status);
}

// ---------------------------------------------------------------------------
// Pipe methods

fn op_pipe_bind(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let Some(stream) = this_stream(scope, &args) else { return rv.set_int32(UV_EBADF) };
    let path = args.get(0).to_rust_string_lossy(scope);
    *stream.pipe_path.borrow_mut() = Some(path);
    rv.set_int32(0);
}

fn op_pipe_listen(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let Some(stream) = this_stream(scope, &args) else { return rv.set_int32(UV_EBADF) };
    if matches!(stream.source.borrow().as_ref(), Some(Source::UnixListener(_))) {
        // Opened from a listening fd: it listens already.
        stream.set_listening(scope);
        return rv.set_int32(0);
    }
    let Some(path) = stream.pipe_path.borrow().clone() else { return rv.set_int32(UV_EINVAL) };
    let status = bind_unix(&path)
        .map_err(|e| neg_errno(&e))
        .and_then(|listener| stream.attach(scope, Source::UnixListener(listener)));
    match status {
        Ok(()) => {
            stream.set_listening(scope);
            rv.set_int32(0);
        }
        Err(errno) => rv.set_int32(errno),
    }
}

/// A path starting with NUL names a Linux abstract socket.
fn abstract_addr(path: &str) -> Option<io::Result<std::os::unix::net::SocketAddr>> {
    use std::os::linux::net::SocketAddrExt as _;
    let name = path.strip_prefix('\0')?;
    Some(std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes()))
}

fn bind_unix(path: &str) -> io::Result<mio::net::UnixListener> {
    let Some(addr) = abstract_addr(path) else { return mio::net::UnixListener::bind(path) };
    let listener = std::os::unix::net::UnixListener::bind_addr(&addr?)?;
    listener.set_nonblocking(true)?;
    Ok(mio::net::UnixListener::from_std(listener))
}

fn connect_unix(path: &str) -> io::Result<mio::net::UnixStream> {
    let Some(addr) = abstract_addr(path) else { return mio::net::UnixStream::connect(path) };
    // A Unix connect finishes at once: blocking here does not wait.
    let stream = std::os::unix::net::UnixStream::connect_addr(&addr?)?;
    stream.set_nonblocking(true)?;
    Ok(mio::net::UnixStream::from_std(stream))
}

/// connect(req, path): Unix connects finish at once; the outcome still comes
/// through `req.oncomplete` from the pending phase, as libuv does.
fn op_pipe_connect(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let Some(stream) = this_stream(scope, &args) else { return rv.set_int32(UV_EBADF) };
    let Ok(req) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return rv.set_int32(UV_EINVAL) };
    let path = args.get(1).to_rust_string_lossy(scope);
    let status = match connect_unix(&path) {
        Ok(socket) => stream.attach(scope, Source::Unix(socket)).map_or_else(|e| e, |()| 0),
        Err(err) => neg_errno(&err),
    };
    stream.start_connect(scope, req, Some(status));
    rv.set_int32(0);
}

// ---------------------------------------------------------------------------
// Accepting

/// Accepts every waiting connection: `onconnection(status, clientHandle)`.
pub fn accept_all(server: &Stream, scope: &mut v8::PinScope) {
    while !server.is_closing() {
        let accepted = match server.source.borrow().as_ref() {
            Some(Source::TcpListener(l)) => l.accept().map(|(s, _)| Source::Tcp(s)),
            Some(Source::UnixListener(l)) => l.accept().map(|(s, _)| Source::Unix(s)),
            _ => return,
        };
        v8::scope!(let scope, scope);
        match accepted {
            Ok(source) => deliver_connection(server, scope, source),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
            Err(e) if matches!(e.raw_os_error(), Some(libc::EINTR | libc::ECONNABORTED)) => {}
            Err(e) => {
                let Some(obj) = server.object(scope) else { return };
                let status = v8::Integer::new(scope, neg_errno(&e)).into();
                let none = v8::undefined(scope).into();
                stream_wrap::call_method(scope, obj, "onconnection", &[status, none]);
                return;
            }
        }
    }
}

/// A new `Pipe` object owning `source` (a child's stdio pipe); None if
/// pipe_wrap was never loaded or the source cannot be registered.
pub fn new_pipe_object<'s>(scope: &mut v8::PinScope<'s, '_>, source: Source) -> Option<v8::Local<'s, v8::Object>> {
    let ctor = state::state(scope).net.pipe_ctor.borrow().clone()?;
    let ctor = v8::Local::new(scope, ctor);
    let obj = ctor.new_instance(scope, &[])?;
    let stream = stream_of(scope, obj)?;
    if let Err(errno) = stream.attach(scope, source) {
        tracing::debug!(target: "net", errno, "cannot register a child's pipe");
        stream.close(scope, None);
        return None;
    }
    Some(obj)
}

fn deliver_connection(server: &Stream, scope: &mut v8::PinScope, source: Source) {
    let is_tcp = matches!(source, Source::Tcp(_));
    let st = state::state(scope);
    let ctor = if is_tcp { st.net.tcp_ctor.borrow().clone() } else { st.net.pipe_ctor.borrow().clone() };
    let Some(ctor) = ctor else { return };
    let ctor = v8::Local::new(scope, ctor);
    let Some(client) = ctor.new_instance(scope, &[]) else { return };
    let Some(stream) = stream_of(scope, client) else { return };
    if let Err(errno) = stream.attach(scope, source) {
        tracing::debug!(target: "net", errno, "cannot register an accepted connection");
        stream.close(scope, None);
        return;
    }
    let Some(obj) = server.object(scope) else { return };
    let status = v8::Integer::new(scope, 0).into();
    stream_wrap::call_method(scope, obj, "onconnection", &[status, client.into()]);
}

// ---------------------------------------------------------------------------
// cares_wrap: getaddrinfo on the pool

/// getaddrinfo(hostname, family, callback): `callback(errno, addresses)`
/// with addresses in the resolver's order, filtered to `family` (0 = any).
fn op_cares_getaddrinfo(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let host = args.get(0).to_rust_string_lossy(scope);
    let family = args.get(1).int32_value(scope).unwrap_or(0);
    let Ok(callback) = v8::Local::<v8::Function>::try_from(args.get(2)) else {
        super::throw_type_error(scope, "getaddrinfo: callback must be a function");
        return;
    };
    crate::runtime::submit_work(scope, callback, move || resolve(&host, family), finish_lookup);
}

fn resolve(host: &str, family: i32) -> Result<Vec<String>, i32> {
    use std::net::ToSocketAddrs as _;
    let addrs = (host, 0u16).to_socket_addrs().map_err(|_| UV_EAI_NONAME)?;
    let mut out: Vec<String> = Vec::new();
    for addr in addrs {
        let keep = match family {
            4 => addr.is_ipv4(),
            6 => addr.is_ipv6(),
            _ => true,
        };
        let text = addr.ip().to_string();
        if keep && !out.contains(&text) {
            out.push(text);
        }
    }
    if out.is_empty() {
        return Err(UV_EAI_NONAME);
    }
    Ok(out)
}

fn finish_lookup<'s>(scope: &mut v8::PinScope<'s, '_>, result: Result<Vec<String>, i32>) -> state::CallbackArgs<'s> {
    match result {
        Ok(list) => {
            let items: Vec<v8::Local<v8::Value>> = list.iter().map(|a| v8_str(scope, a).into()).collect();
            let array = v8::Array::new_with_elements(scope, &items);
            (v8::Integer::new(scope, 0).into(), array.into())
        }
        Err(errno) => (v8::Integer::new(scope, errno).into(), v8::undefined(scope).into()),
    }
}

/// getnameinfo(address, port, callback): `callback(errno, [hostname, service])`
/// (dns.lookupService), on the pool as libuv's uv_getnameinfo.
fn op_cares_getnameinfo(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let Some(addr) = parse_addr(scope, args.get(0), args.get(1)) else {
        super::throw_type_error(scope, "getnameinfo: invalid address or port");
        return;
    };
    let Ok(callback) = v8::Local::<v8::Function>::try_from(args.get(2)) else {
        super::throw_type_error(scope, "getnameinfo: callback must be a function");
        return;
    };
    crate::runtime::submit_work(scope, callback, move || name_info(&addr), finish_name_info);
}

/// libuv's EAI_AGAIN, EAI_FAIL and EAI_MEMORY, for the ones that are not "no name".
const UV_EAI_AGAIN: i32 = -3001;
const UV_EAI_FAIL: i32 = -3004;

fn name_info(addr: &SocketAddr) -> Result<(String, String), i32> {
    let (storage, len) = raw_addr(addr);
    let mut host = [0 as libc::c_char; libc::NI_MAXHOST as usize];
    let mut service = [0 as libc::c_char; 32];
    // SAFETY: `storage` holds a sockaddr of `len` bytes; both output buffers
    // are valid for writes of the lengths passed.
    let r = unsafe {
        libc::getnameinfo(
            (&raw const storage).cast(),
            len,
            host.as_mut_ptr(),
            host.len() as libc::socklen_t,
            service.as_mut_ptr(),
            service.len() as libc::socklen_t,
            libc::NI_NAMEREQD,
        )
    };
    match r {
        0 => {
            // SAFETY: on success getnameinfo wrote NUL-terminated strings.
            let text =
                |buf: &[libc::c_char]| unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }.to_string_lossy().into_owned();
            Ok((text(&host), text(&service)))
        }
        libc::EAI_AGAIN => Err(UV_EAI_AGAIN),
        libc::EAI_NONAME => Err(UV_EAI_NONAME),
        _ => Err(UV_EAI_FAIL),
    }
}

fn finish_name_info<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    result: Result<(String, String), i32>,
) -> state::CallbackArgs<'s> {
    match result {
        Ok((host, service)) => {
            let items = [v8_str(scope, &host).into(), v8_str(scope, &service).into()];
            let array = v8::Array::new_with_elements(scope, &items);
            (v8::Integer::new(scope, 0).into(), array.into())
        }
        Err(errno) => (v8::Integer::new(scope, errno).into(), v8::undefined(scope).into()),
    }
}
