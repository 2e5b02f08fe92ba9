//! The `signals` binding: `process.on('SIGUSR2', …)`. A signal handler writes
//! the signal number into a pipe the loop watches (the only async-signal-safe
//! hand-off); the loop then calls JavaScript. As in node, signal watchers are
//! unref'd: they never keep the process alive on their own.

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Read as _;
use std::os::fd::AsRawFd as _;

use rnode_eventloop::{Interest, Token};

use super::{throw_error, Op};
use crate::runtime::{call_hook, drain_ticks};
use crate::state::{self, IoWatcher};

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "startSignal" => op_signals_start,
    }
}

/// The loop's end of the signal pipe and the signals already hooked.
pub struct SignalWatcher {
    receiver: mio::unix::pipe::Receiver,
    /// Kept open for the handlers, which write to its raw fd.
    _sender: mio::unix::pipe::Sender,
    write_fd: i32,
    pub token: Token,
    hooked: HashSet<i32>,
}

impl SignalWatcher {
    fn new(event_loop: &rnode_eventloop::Loop) -> std::io::Result<SignalWatcher> {
        let (sender, mut receiver) = mio::unix::pipe::new()?;
        let (handle, token) = event_loop.register_io(&mut receiver, Interest::READABLE)?;
        event_loop.unref_handle(handle);
        let write_fd = sender.as_raw_fd();
        Ok(SignalWatcher { receiver, _sender: sender, write_fd, token, hooked: HashSet::new() })
    }

    fn hook(&mut self, signum: i32) -> std::io::Result<()> {
        if self.hooked.contains(&signum) {
            return Ok(());
        }
        let fd = self.write_fd;
        let byte = [signum as u8];
        // SAFETY: the action only calls write(2), which is async-signal-safe.
        unsafe {
            signal_hook::low_level::register(signum, move || {
                libc::write(fd, byte.as_ptr().cast(), 1);
            })
        }?;
        self.hooked.insert(signum);
        Ok(())
    }

    /// Signal numbers received since the last call.
    pub fn drain(&mut self) -> Vec<i32> {
        let mut buf = [0u8; 64];
        let mut signals = Vec::new();
        loop {
            match self.receiver.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => signals.extend(buf[..n].iter().map(|&b| b as i32)),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
        signals
    }
}

pub type SharedSignalWatcher = RefCell<Option<SignalWatcher>>;

/// Dispatches signals read from the pipe to `process.emit(signal)`.
struct SignalDispatch;

impl IoWatcher for SignalDispatch {
    fn on_ready(&self, scope: &mut v8::PinScope, _readiness: rnode_eventloop::Readiness) {
        let received = state::state(scope).signals.borrow_mut().as_mut().map(SignalWatcher::drain).unwrap_or_default();
        for signum in received {
            let num = v8::Integer::new(scope, signum).into();
            let handled = call_hook(scope, |h| &h.on_signal, &[num]).is_some_and(|v| v.is_true());
            drain_ticks(scope);
            if !handled {
                default_action(signum);
            }
        }
    }
}

/// When a signal arrives and no listener remains, do what the OS would have done.
fn default_action(signum: i32) {
    if let Err(err) = signal_hook::low_level::emulate_default_handler(signum) {
        tracing::warn!(target: "engine", signum, %err, "cannot emulate the default signal action");
    }
}

/// startSignal(signum): route this signal to JavaScript from now on.
fn op_signals_start(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let signum = args.get(0).int32_value(scope).unwrap_or(0);
    if signal_hook::consts::FORBIDDEN.contains(&signum) {
        throw_error(scope, &format!("signal {signum} cannot be caught"));
        return;
    }
    let st = state::state(scope);
    let mut watcher = st.signals.borrow_mut();
    if watcher.is_none() {
        match SignalWatcher::new(&st.event_loop) {
            Ok(w) => {
                st.io_watchers.borrow_mut().insert(w.token, std::rc::Rc::new(SignalDispatch));
                *watcher = Some(w);
            }
            Err(err) => {
                drop(watcher);
                throw_error(scope, &format!("cannot watch signals: {err}"));
                return;
            }
        }
    }
    let result = watcher.as_mut().map(|w| w.hook(signum));
    drop(watcher);
    if let Some(Err(err)) = result {
        throw_error(scope, &format!("cannot watch signal {signum}: {err}"));
    }
}
