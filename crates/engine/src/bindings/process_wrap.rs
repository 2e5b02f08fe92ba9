//! The `process_wrap` binding: child processes for `node:child_process`.
//!
//! - `spawn(options, onexit)` starts a child with `std::process::Command` and
//!   watches for its exit through the loop: a pidfd (Linux >= 5.3) registered
//!   for readability, or, where `pidfd_open` is missing, a helper thread that
//!   waits (`waitid(WNOWAIT)`, without reaping) and writes to a pipe the loop
//!   watches. Either way the main thread reaps with `waitpid(WNOHANG)` and
//!   calls `onexit(exitCode, signal)`. No polling.
//! - The parent's ends of the child's stdio pipes are non-blocking stream
//!   handles (`stream_wrap.rs`) in `Pipe` objects of pipe_wrap; JavaScript
//!   wraps them in `net.Socket`s, as node does.
//! - `spawnSync(options)` blocks: helper threads feed stdin and drain
//!   stdout/stderr while the caller waits for the exit with an optional timeout.
//!
//! Errors are returned as negative errno numbers; JavaScript builds node's
//! error objects (`spawn nope ENOENT`). The bookkeeping lives in thread-locals:
//! one isolate per thread, and ops only run on that isolate's thread.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Read as _, Write as _};
use std::os::fd::{AsRawFd as _, FromRawFd as _, OwnedFd};
use std::os::unix::process::{CommandExt as _, ExitStatusExt as _};
use std::process::{Command, Stdio};
use std::rc::Rc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use mio::unix::pipe::{Receiver, Sender};
use rnode_eventloop::{HandleId, Interest, Token};

use super::stream_wrap::Source;
use super::{bytes_to_uint8array, set_value, throw_type_error, v8_str, view_bytes, Op};
use crate::runtime::{call_js, drain_ticks};
use crate::state::{self, IoWatcher};

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "spawn" => op_process_wrap_spawn,
        "kill" => op_process_wrap_kill,
        "ref" => op_process_wrap_ref,
        "unref" => op_process_wrap_unref,
        "spawnSync" => op_process_wrap_spawn_sync,
    }
}

const UV_UNKNOWN: i32 = -4094;
const READ_CHUNK: usize = 64 * 1024;

fn neg_errno(err: &io::Error) -> i32 {
    err.raw_os_error().map_or(UV_UNKNOWN, |n| -n)
}

fn last_errno() -> i32 {
    io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

// ---------------------------------------------------------------------------
// Options shared by spawn and spawnSync

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StdioSpec {
    Pipe,
    Ignore,
    Inherit,
    Fd(i32),
}

#[derive(Debug)]
struct SpawnSpec {
    file: String,
    /// argv, argv[0] included.
    args: Vec<String>,
    cwd: Option<String>,
    env: Vec<(String, String)>,
    stdio: [StdioSpec; 3],
    detached: bool,
    uid: Option<u32>,
    gid: Option<u32>,
}

fn prop<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    obj: v8::Local<'_, v8::Object>,
    name: &str,
) -> Option<v8::Local<'s, v8::Value>> {
    let key = v8_str(scope, name);
    obj.get(scope, key.into()).filter(|v| !v.is_null_or_undefined())
}

fn string_list(scope: &mut v8::PinScope, value: Option<v8::Local<v8::Value>>) -> Vec<String> {
    let Some(array) = value.and_then(|v| v8::Local::<v8::Array>::try_from(v).ok()) else {
        return Vec::new();
    };
    (0..array.length()).filter_map(|i| array.get_index(scope, i)).map(|v| v.to_rust_string_lossy(scope)).collect()
}

fn stdio_spec(scope: &mut v8::PinScope, value: Option<v8::Local<v8::Value>>) -> StdioSpec {
    match value {
        None => StdioSpec::Ignore,
        Some(v) if v.is_number() => StdioSpec::Fd(v.int32_value(scope).unwrap_or(-1)),
        Some(v) => match v.to_rust_string_lossy(scope).as_str() {
            "pipe" | "overlapped" => StdioSpec::Pipe,
            "inherit" => StdioSpec::Inherit,
            _ => StdioSpec::Ignore,
        },
    }
}

fn optional_id(scope: &mut v8::PinScope, value: Option<v8::Local<v8::Value>>) -> Option<u32> {
    value.filter(|v| v.is_number()).and_then(|v| v.int32_value(scope)).map(|n| n as u32)
}

/// Reads `{ file, args, cwd, envPairs, stdio, detached, uid, gid }` (already
/// validated and normalised by JavaScript).
fn parse_spec(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>) -> SpawnSpec {
    let file = prop(scope, obj, "file").map(|v| v.to_rust_string_lossy(scope)).unwrap_or_default();
    let args = prop(scope, obj, "args");
    let mut args = string_list(scope, args);
    if args.is_empty() {
        args.push(file.clone());
    }
    let cwd = prop(scope, obj, "cwd").map(|v| v.to_rust_string_lossy(scope));
    let env_pairs = prop(scope, obj, "envPairs");
    let env = string_list(scope, env_pairs)
        .into_iter()
        .filter_map(|pair| pair.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
        .collect();
    let stdio_list = prop(scope, obj, "stdio").and_then(|v| v8::Local::<v8::Array>::try_from(v).ok());
    let mut stdio = [StdioSpec::Ignore; 3];
    for (i, slot) in stdio.iter_mut().enumerate() {
        let entry = stdio_list.and_then(|a| a.get_index(scope, i as u32)).filter(|v| !v.is_null_or_undefined());
        *slot = stdio_spec(scope, entry);
    }
    let detached = prop(scope, obj, "detached").is_some_and(|v| v.is_true());
    let uid = prop(scope, obj, "uid");
    let uid = optional_id(scope, uid);
    let gid = prop(scope, obj, "gid");
    let gid = optional_id(scope, gid);
    SpawnSpec { file, args, cwd, env, stdio, detached, uid, gid }
}

/// A close-on-exec duplicate of `fd` for the child's stdio.
fn dup_fd(fd: i32) -> io::Result<OwnedFd> {
    // SAFETY: fcntl(F_DUPFD_CLOEXEC) has no memory-safety preconditions.
    let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 3) };
    if new < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `new` is a fresh descriptor that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(new) })
}

fn stdio_for(spec: StdioSpec) -> io::Result<Stdio> {
    Ok(match spec {
        StdioSpec::Pipe => Stdio::piped(),
        StdioSpec::Ignore => Stdio::null(),
        StdioSpec::Inherit => Stdio::inherit(),
        StdioSpec::Fd(fd) => Stdio::from(dup_fd(fd)?),
    })
}

fn build_command(spec: &SpawnSpec) -> io::Result<Command> {
    let mut cmd = Command::new(&spec.file);
    if let Some((argv0, rest)) = spec.args.split_first() {
        cmd.arg0(argv0);
        cmd.args(rest);
    }
    cmd.env_clear();
    cmd.envs(spec.env.iter().map(|(k, v)| (k, v)));
    if let Some(cwd) = &spec.cwd {
        cmd.current_dir(cwd);
    }
    cmd.stdin(stdio_for(spec.stdio[0])?);
    cmd.stdout(stdio_for(spec.stdio[1])?);
    cmd.stderr(stdio_for(spec.stdio[2])?);
    if let Some(uid) = spec.uid {
        cmd.uid(uid);
    }
    if let Some(gid) = spec.gid {
        cmd.gid(gid);
    }
    let shared: Vec<i32> = (0..3).filter(|&i| matches!(spec.stdio[i as usize], StdioSpec::Fd(_))).collect();
    if !shared.is_empty() {
        // A descriptor shared with the parent (another child's pipe, a socket)
        // may be non-blocking there; the child gets it blocking, as libuv does.
        // SAFETY: the closure only calls fcntl(2), which is async-signal-safe.
        unsafe {
            cmd.pre_exec(move || {
                for &fd in &shared {
                    let flags = libc::fcntl(fd, libc::F_GETFL);
                    if flags >= 0 && flags & libc::O_NONBLOCK != 0 {
                        libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
                    }
                }
                Ok(())
            });
        }
    }
    if spec.detached {
        // SAFETY: the closure only calls setsid(2), which is async-signal-safe.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    Ok(cmd)
}

/// `(exit code, signal number)` from a wait status: one of them is meaningful.
fn decode_status(status: std::process::ExitStatus) -> (Option<i32>, Option<i32>) {
    match status.signal() {
        Some(sig) => (None, Some(sig)),
        None => (Some(status.code().unwrap_or(0)), None),
    }
}

// ---------------------------------------------------------------------------
// Async children

/// What tells the loop a child has exited.
enum ExitSource {
    Pidfd(OwnedFd),
    /// Read end of a pipe a waiter thread writes to when the child exits.
    Thread(Receiver),
}

impl ExitSource {
    fn open(pid: i32) -> io::Result<ExitSource> {
        // SAFETY: pidfd_open takes a pid and flags, and returns a new fd or -1.
        let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
        if fd >= 0 {
            // SAFETY: the syscall returned a fresh descriptor that we now own.
            let fd = unsafe { OwnedFd::from_raw_fd(fd as i32) };
            return Ok(ExitSource::Pidfd(fd));
        }
        waiter_thread(pid).map(ExitSource::Thread)
    }

    fn register(&mut self, event_loop: &rnode_eventloop::Loop) -> io::Result<(HandleId, Token)> {
        match self {
            ExitSource::Pidfd(fd) => {
                let raw = fd.as_raw_fd();
                event_loop.register_io(&mut mio::unix::SourceFd(&raw), Interest::READABLE)
            }
            ExitSource::Thread(receiver) => event_loop.register_io(receiver, Interest::READABLE),
        }
    }

    fn deregister(&mut self, event_loop: &rnode_eventloop::Loop, handle: HandleId) -> io::Result<()> {
        match self {
            ExitSource::Pidfd(fd) => {
                let raw = fd.as_raw_fd();
                event_loop.deregister_io(&mut mio::unix::SourceFd(&raw), handle)
            }
            ExitSource::Thread(receiver) => event_loop.deregister_io(receiver, handle),
        }
    }
}

/// Fallback without pidfd: a thread waits for the child to exit (leaving it to
/// be reaped by the loop thread) and then writes to the returned pipe.
fn waiter_thread(pid: i32) -> io::Result<Receiver> {
    let (sender, receiver) = mio::unix::pipe::new()?;
    std::thread::Builder::new().name("rnode-waitpid".into()).spawn(move || {
        // SAFETY: siginfo_t is plain data; waitid fills it in.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        loop {
            // WNOWAIT leaves the child to be reaped by the loop thread.
            // SAFETY: `info` is a valid, writable siginfo_t.
            let r = unsafe { libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, libc::WEXITED | libc::WNOWAIT) };
            if r == 0 || last_errno() != libc::EINTR {
                break;
            }
        }
        let _ = (&sender).write(&[1]);
    })?;
    Ok(receiver)
}

struct ChildProc {
    pid: i32,
    handle: HandleId,
    token: Token,
    source: RefCell<Option<ExitSource>>,
    onexit: v8::Global<v8::Function>,
}

thread_local! {
    static CHILDREN: RefCell<HashMap<i32, Rc<ChildProc>>> = RefCell::new(HashMap::new());
}

fn child(pid: i32) -> Option<Rc<ChildProc>> {
    CHILDREN.with(|c| c.borrow().get(&pid).cloned())
}

/// Reaps the child if it has exited: `Some((code, signal))`.
fn try_reap(pid: i32) -> Option<(Option<i32>, Option<i32>)> {
    let mut status = 0;
    loop {
        // SAFETY: `status` is a valid, writable int.
        let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if r == pid {
            return Some(decode_status(std::process::ExitStatus::from_raw(status)));
        }
        if r == 0 {
            return None;
        }
        match last_errno() {
            libc::EINTR => continue,
            // Someone else reaped it: the status is lost.
            _ => return Some((Some(0), None)),
        }
    }
}

impl ChildProc {
    fn finish(&self, scope: &mut v8::PinScope) {
        let st = state::state(scope);
        if let Some(mut source) = self.source.borrow_mut().take() {
            if let Err(err) = source.deregister(&st.event_loop, self.handle) {
                tracing::debug!(target: "engine", %err, "cannot deregister a child's exit watcher");
            }
        }
        st.event_loop.close_handle(self.handle);
        st.io_watchers.borrow_mut().remove(&self.token);
        CHILDREN.with(|c| c.borrow_mut().remove(&self.pid));
    }
}

impl IoWatcher for ChildProc {
    fn on_ready(&self, scope: &mut v8::PinScope, _readiness: rnode_eventloop::Readiness) {
        if let Some(ExitSource::Thread(receiver)) = self.source.borrow_mut().as_mut() {
            let mut buf = [0u8; 16];
            while matches!(receiver.read(&mut buf), Ok(n) if n > 0) {}
        }
        let Some((code, signal)) = try_reap(self.pid) else {
            return;
        };
        self.finish(scope);
        let f = v8::Local::new(scope, &self.onexit);
        let code: v8::Local<v8::Value> = match code {
            Some(c) => v8::Integer::new(scope, c).into(),
            None => v8::null(scope).into(),
        };
        let signal = v8::Integer::new(scope, signal.unwrap_or(0)).into();
        let recv = v8::undefined(scope).into();
        call_js(scope, f, recv, &[code, signal]);
        drain_ticks(scope);
    }
}

// ---------------------------------------------------------------------------
// Async ops

/// spawn(options, onexit) -> [pid, stdinPipe, stdoutPipe, stderrPipe] (pipe_wrap
/// `Pipe` handles, 0 where there is no pipe), or a negative errno. `onexit(code, signal)` is
/// called once the child has exited and been reaped.
fn op_process_wrap_spawn(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Ok(options) = v8::Local::<v8::Object>::try_from(args.get(0)) else {
        throw_type_error(scope, "spawn: options must be an object");
        return;
    };
    let Ok(onexit) = v8::Local::<v8::Function>::try_from(args.get(1)) else {
        throw_type_error(scope, "spawn: onexit must be a function");
        return;
    };
    let spec = parse_spec(scope, options);
    match spawn_async(scope, &spec, onexit) {
        Ok(values) => rv.set(v8::Array::new_with_elements(scope, &values).into()),
        Err(errno) => rv.set_int32(errno),
    }
}

fn spawn_async<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    spec: &SpawnSpec,
    onexit: v8::Local<v8::Function>,
) -> Result<Vec<v8::Local<'s, v8::Value>>, i32> {
    let mut cmd = build_command(spec).map_err(|e| neg_errno(&e))?;
    let mut child = cmd.spawn().map_err(|e| neg_errno(&e))?;
    let pid = child.id() as i32;
    let st = state::state(scope);
    let mut source = match ExitSource::open(pid) {
        Ok(source) => source,
        Err(err) => {
            abandon(&mut child);
            return Err(neg_errno(&err));
        }
    };
    let (handle, token) = match source.register(&st.event_loop) {
        Ok(pair) => pair,
        Err(err) => {
            abandon(&mut child);
            return Err(neg_errno(&err));
        }
    };
    let onexit = v8::Global::new(scope, onexit);
    let proc = Rc::new(ChildProc { pid, handle, token, source: RefCell::new(Some(source)), onexit });
    st.io_watchers.borrow_mut().insert(token, proc.clone());
    CHILDREN.with(|c| c.borrow_mut().insert(pid, proc));

    // Our pipe ends become stream handles; one that cannot be registered is
    // closed, and the child sees EOF/EPIPE.
    let pid_value = v8::Integer::new(scope, pid).into();
    let mut values = vec![pid_value];
    let sources = [
        child.stdin.take().map(|p| Source::PipeOut(Sender::from(p))),
        child.stdout.take().map(|p| Source::PipeIn(Receiver::from(p))),
        child.stderr.take().map(|p| Source::PipeIn(Receiver::from(p))),
    ];
    for source in sources {
        let handle = source.and_then(|source| pipe_handle(scope, source));
        values.push(handle.map_or_else(|| v8::Integer::new(scope, 0).into(), Into::into));
    }
    Ok(values)
}

fn pipe_handle<'s>(scope: &mut v8::PinScope<'s, '_>, source: Source) -> Option<v8::Local<'s, v8::Object>> {
    if let Err(err) = set_nonblocking(&source) {
        tracing::debug!(target: "engine", %err, "cannot make a child's pipe non-blocking");
        return None;
    }
    super::tcp_wrap::new_pipe_object(scope, source)
}

fn set_nonblocking(source: &Source) -> io::Result<()> {
    match source {
        Source::PipeIn(r) => r.set_nonblocking(true),
        Source::PipeOut(w) => w.set_nonblocking(true),
        _ => Ok(()),
    }
}

/// A child we cannot watch: kill and reap it so it does not linger.
fn abandon(child: &mut std::process::Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// kill(pid, signal) -> 0 or a negative errno (ESRCH once the child is reaped).
fn op_process_wrap_kill(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let pid = args.get(0).int32_value(scope).unwrap_or(0);
    let signal = args.get(1).int32_value(scope).unwrap_or(libc::SIGTERM);
    if pid <= 0 || child(pid).is_none() {
        rv.set_int32(-libc::ESRCH);
        return;
    }
    // SAFETY: kill has no memory-safety preconditions; the pid is our unreaped child.
    let r = unsafe { libc::kill(pid, signal) };
    rv.set_int32(if r == 0 { 0 } else { -last_errno() });
}

fn set_child_ref(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, refed: bool) {
    let pid = args.get(0).int32_value(scope).unwrap_or(0);
    if let Some(c) = child(pid) {
        let event_loop = &state::state(scope).event_loop;
        if refed {
            event_loop.ref_handle(c.handle);
        } else {
            event_loop.unref_handle(c.handle);
        }
    }
}

fn op_process_wrap_ref(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    set_child_ref(scope, &args, true);
}

fn op_process_wrap_unref(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    set_child_ref(scope, &args, false);
}

// ---------------------------------------------------------------------------
// spawnSync

struct SyncOptions {
    input: Option<Vec<u8>>,
    timeout: Option<Duration>,
    kill_signal: i32,
    max_buffer: f64,
}

#[derive(Default)]
struct SyncResult {
    pid: u32,
    status: Option<i32>,
    signal: Option<i32>,
    /// stdout and stderr, None where they were not piped.
    output: Option<[Option<Vec<u8>>; 2]>,
    error: Option<i32>,
}

enum SyncEvent {
    Data(usize, Vec<u8>),
    Closed,
    Exited(std::process::ExitStatus),
    WaitFailed(i32),
}

fn spawn_reader(idx: usize, mut from: impl io::Read + Send + 'static, tx: mpsc::Sender<SyncEvent>) -> io::Result<()> {
    std::thread::Builder::new().name("rnode-spawnsync".into()).spawn(move || {
        let mut buf = vec![0u8; READ_CHUNK];
        loop {
            match from.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    if tx.send(SyncEvent::Data(idx, buf[..n].to_vec())).is_err() {
                        break;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
        let _ = tx.send(SyncEvent::Closed);
    })?;
    Ok(())
}

fn kill_pid(pid: u32, signal: i32) {
    // SAFETY: kill has no memory-safety preconditions; the child is not reaped
    // until the waiter thread reports its exit.
    unsafe { libc::kill(pid as i32, signal) };
}

fn spawn_sync(spec: &SpawnSpec, opts: SyncOptions) -> SyncResult {
    let mut cmd = match build_command(spec) {
        Ok(cmd) => cmd,
        Err(e) => return SyncResult { error: Some(neg_errno(&e)), ..SyncResult::default() },
    };
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) => return SyncResult { error: Some(neg_errno(&e)), ..SyncResult::default() },
    };
    let pid = child.id();
    let mut result = SyncResult { pid, ..SyncResult::default() };
    let (tx, rx) = mpsc::channel();
    let mut open_readers = 0;
    let mut output: [Option<Vec<u8>>; 2] = [None, None];
    let mut setup_error = None;
    if let Some(mut stdin) = child.stdin.take() {
        let input = opts.input.unwrap_or_default();
        // Dropping the pipe after the input gives the child EOF; EPIPE ends it early.
        let spawned = std::thread::Builder::new().name("rnode-spawnsync".into()).spawn(move || {
            let _ = stdin.write_all(&input);
        });
        if let Err(e) = spawned {
            setup_error = Some(neg_errno(&e));
        }
    }
    let readers: [Option<Box<dyn io::Read + Send>>; 2] = [
        child.stdout.take().map(|s| Box::new(s) as Box<dyn io::Read + Send>),
        child.stderr.take().map(|s| Box::new(s) as Box<dyn io::Read + Send>),
    ];
    for (idx, reader) in readers.into_iter().enumerate() {
        if let Some(reader) = reader {
            output[idx] = Some(Vec::new());
            match spawn_reader(idx, reader, tx.clone()) {
                Ok(()) => open_readers += 1,
                Err(e) => setup_error = Some(neg_errno(&e)),
            }
        }
    }
    let waiter_tx = tx.clone();
    let waiter = std::thread::Builder::new().name("rnode-spawnsync".into()).spawn(move || {
        let event = match child.wait() {
            Ok(status) => SyncEvent::Exited(status),
            Err(e) => SyncEvent::WaitFailed(neg_errno(&e)),
        };
        let _ = waiter_tx.send(event);
    });
    drop(tx);
    if let Err(e) = waiter {
        // Without a waiter nobody reaps it; kill it and give up on the output.
        kill_pid(pid, libc::SIGKILL);
        return SyncResult { pid, error: Some(neg_errno(&e)), ..SyncResult::default() };
    }
    if let Some(errno) = setup_error {
        kill_pid(pid, opts.kill_signal);
        result.error = Some(errno);
    }

    let mut deadline = opts.timeout.map(|t| Instant::now() + t);
    let mut exited = false;
    // After a kill for a timeout or maxBuffer, output is no longer collected
    // and only the exit is awaited (node closes the pipes then).
    let mut killed = false;
    let mut buffered = 0f64;
    while !exited || (open_readers > 0 && !killed) {
        let event = match deadline {
            Some(d) => {
                let now = Instant::now();
                if now >= d {
                    deadline = None;
                    killed = true;
                    kill_pid(pid, opts.kill_signal);
                    result.error.get_or_insert(-libc::ETIMEDOUT);
                    continue;
                }
                match rx.recv_timeout(d - now) {
                    Ok(event) => event,
                    Err(mpsc::RecvTimeoutError::Timeout) => continue,
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
            None => match rx.recv() {
                Ok(event) => event,
                Err(_) => break,
            },
        };
        match event {
            SyncEvent::Data(_, _) if killed => {}
            SyncEvent::Data(idx, bytes) => {
                buffered += bytes.len() as f64;
                if let Some(out) = output[idx].as_mut() {
                    out.extend_from_slice(&bytes);
                }
                if buffered > opts.max_buffer && result.error.is_none() {
                    kill_pid(pid, opts.kill_signal);
                    result.error = Some(-libc::ENOBUFS);
                    deadline = None;
                    killed = true;
                }
            }
            SyncEvent::Closed => open_readers -= 1,
            SyncEvent::Exited(status) => {
                exited = true;
                deadline = None;
                (result.status, result.signal) = decode_status(status);
            }
            SyncEvent::WaitFailed(errno) => {
                exited = true;
                result.error.get_or_insert(errno);
            }
        }
    }
    result.output = Some(output);
    result
}

/// spawnSync(options) -> { pid, status, signal, output: [null, stdout, stderr] | null, error? }
/// with `signal` a number (0: none) and `error` a negative errno.
fn op_process_wrap_spawn_sync(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Ok(options) = v8::Local::<v8::Object>::try_from(args.get(0)) else {
        throw_type_error(scope, "spawnSync: options must be an object");
        return;
    };
    let spec = parse_spec(scope, options);
    let input = prop(scope, options, "input").and_then(view_bytes);
    let timeout = prop(scope, options, "timeout").and_then(|v| v.number_value(scope));
    let timeout = timeout.filter(|&t| t > 0.0 && t.is_finite()).map(|t| Duration::from_millis(t as u64));
    let kill_signal = prop(scope, options, "killSignal").and_then(|v| v.int32_value(scope)).unwrap_or(libc::SIGTERM);
    let max_buffer = prop(scope, options, "maxBuffer").and_then(|v| v.number_value(scope)).unwrap_or(f64::INFINITY);
    let max_buffer = if max_buffer.is_nan() { f64::INFINITY } else { max_buffer };
    let result = spawn_sync(&spec, SyncOptions { input, timeout, kill_signal, max_buffer });

    let obj = v8::Object::new(scope);
    if let Some(errno) = result.error {
        let v = v8::Integer::new(scope, errno).into();
        set_value(scope, obj, "error", v);
    }
    let status: v8::Local<v8::Value> = match result.status {
        Some(s) => v8::Integer::new(scope, s).into(),
        None => v8::null(scope).into(),
    };
    set_value(scope, obj, "status", status);
    let signal = v8::Integer::new(scope, result.signal.unwrap_or(0)).into();
    set_value(scope, obj, "signal", signal);
    let output: v8::Local<v8::Value> = match result.output {
        Some([stdout, stderr]) => {
            let mut items: Vec<v8::Local<v8::Value>> = vec![v8::null(scope).into()];
            for out in [stdout, stderr] {
                items.push(match out {
                    Some(bytes) => bytes_to_uint8array(scope, bytes),
                    None => v8::null(scope).into(),
                });
            }
            v8::Array::new_with_elements(scope, &items).into()
        }
        None => v8::null(scope).into(),
    };
    set_value(scope, obj, "output", output);
    let pid = v8::Number::new(scope, result.pid as f64).into();
    set_value(scope, obj, "pid", pid);
    rv.set(obj.into());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(file: &str, args: &[&str], stdio: StdioSpec) -> SpawnSpec {
        let mut argv = vec![file.to_owned()];
        argv.extend(args.iter().map(|a| (*a).to_owned()));
        SpawnSpec {
            file: file.to_owned(),
            args: argv,
            cwd: None,
            env: vec![("PATH".to_owned(), std::env::var("PATH").unwrap_or_default())],
            stdio: [stdio; 3],
            detached: false,
            uid: None,
            gid: None,
        }
    }

    fn opts() -> SyncOptions {
        SyncOptions { input: None, timeout: None, kill_signal: libc::SIGTERM, max_buffer: f64::INFINITY }
    }

    #[test]
    fn sync_collects_output_and_status() {
        let r = spawn_sync(&spec("sh", &["-c", "echo out; echo err >&2; exit 3"], StdioSpec::Pipe), opts());
        assert_eq!(r.error, None);
        assert_eq!((r.status, r.signal), (Some(3), None));
        let [stdout, stderr] = r.output.expect("output");
        assert_eq!(stdout.as_deref(), Some(&b"out\n"[..]));
        assert_eq!(stderr.as_deref(), Some(&b"err\n"[..]));
    }

    #[test]
    fn sync_feeds_input() {
        let options = SyncOptions { input: Some(b"abc".to_vec()), ..opts() };
        let r = spawn_sync(&spec("cat", &[], StdioSpec::Pipe), options);
        assert_eq!(r.output.expect("output")[0].as_deref(), Some(&b"abc"[..]));
    }

    #[test]
    fn sync_reports_enoent() {
        let r = spawn_sync(&spec("does-not-exist-rnode", &[], StdioSpec::Pipe), opts());
        assert_eq!((r.error, r.pid, r.output.is_none()), (Some(-libc::ENOENT), 0, true));
    }

    #[test]
    fn sync_timeout_kills_with_the_kill_signal() {
        let options = SyncOptions { timeout: Some(Duration::from_millis(50)), kill_signal: libc::SIGKILL, ..opts() };
        let r = spawn_sync(&spec("sleep", &["10"], StdioSpec::Ignore), options);
        assert_eq!((r.error, r.status, r.signal), (Some(-libc::ETIMEDOUT), None, Some(libc::SIGKILL)));
    }

    #[test]
    fn sync_max_buffer_kills_the_child() {
        let options = SyncOptions { max_buffer: 4.0, ..opts() };
        let r = spawn_sync(&spec("sh", &["-c", "echo 0123456789; sleep 10"], StdioSpec::Pipe), options);
        assert_eq!((r.error, r.signal), (Some(-libc::ENOBUFS), Some(libc::SIGTERM)));
    }

    #[test]
    #[allow(clippy::zombie_processes)] // reaped by try_reap
    fn waiter_thread_reports_exit_without_reaping() {
        let child = Command::new("sh").args(["-c", "exit 7"]).spawn().expect("spawn sh");
        let pid = child.id() as i32;
        let receiver = waiter_thread(pid).expect("waiter thread");
        receiver.set_nonblocking(false).expect("blocking");
        let mut buf = [0u8; 1];
        assert_eq!((&receiver).read(&mut buf).expect("read"), 1);
        assert_eq!(try_reap(pid), Some((Some(7), None)));
    }
}
