//! The `repl` binding: line editing for the interactive REPL.
//!
//! A reader thread owns the terminal through rustyline (history, completion,
//! reverse search). It reads one line only when JavaScript asks for it
//! (`prompt`), then sends what happened (a line, Ctrl+C, Ctrl+D) over a
//! channel and writes a byte into a pipe the loop watches, so timers and I/O
//! keep running while the user types. Tab completion needs V8, so the reader
//! asks the main thread for candidates the same way and waits for the answer.
//!
//! SIGINT (Ctrl+C while the terminal is not in raw mode, i.e. while code runs)
//! interrupts a synchronous evaluation like node's `breakEvalOnSigint`: the
//! evaluation throws `ERR_SCRIPT_EXECUTION_INTERRUPTED` and the session goes on.

use std::cell::{Cell, RefCell};
use std::io::{Read as _, Write as _};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::time::Duration;

use rnode_eventloop::{HandleId, Interest, Token};
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::{FileHistory, History as _};
use rustyline::validate::Validator;
use rustyline::{
    CompletionType, ConditionalEventHandler, Config, Editor, EventContext, EventHandler, KeyEvent, RepeatCount,
};

use super::{set_str, throw_error, throw_type_error, v8_str, Op};
use crate::runtime::{call_js, drain_ticks};
use crate::state::{self, IoWatcher};

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "start" => op_repl_start,
        "prompt" => op_repl_prompt,
        "close" => op_repl_close,
        "runScript" => op_repl_run_script,
    }
}

/// Node's history size.
const HISTORY_SIZE: usize = 1000;
/// How long Tab waits for the main thread (busy in a long callback) before
/// giving up on completion.
const COMPLETION_TIMEOUT: Duration = Duration::from_secs(5);

// ---- messages between the threads ----

/// Main thread -> reader thread.
enum Command {
    Read { prompt: String, editor_mode: bool },
    Close,
}

/// Reader (and SIGINT) thread -> main thread.
enum Event {
    Line(String),
    /// Ctrl+D; in editor mode it may end a non-empty last line.
    Eof(String),
    /// Ctrl+C while reading; `empty` tells whether the line was empty.
    Interrupt {
        empty: bool,
    },
    /// SIGINT while not reading and not evaluating (e.g. during `await`).
    Sigint,
    Complete {
        line: String,
        reply: mpsc::Sender<Completions>,
    },
    Failed(String),
}

/// Candidates for the text before the cursor; `complete_on` is the suffix they replace.
#[derive(Default)]
struct Completions {
    candidates: Vec<String>,
    complete_on: String,
}

/// The sending half for the other threads: an event plus a wake-up byte.
#[derive(Clone)]
struct Outbox {
    events: mpsc::Sender<Event>,
    wake: Arc<mio::unix::pipe::Sender>,
}

impl Outbox {
    /// False once the main thread has gone away.
    fn send(&self, event: Event) -> bool {
        if self.events.send(event).is_err() {
            return false;
        }
        // A full pipe already guarantees a wake-up, so WouldBlock is fine.
        let _ = (&*self.wake).write(&[1]);
        true
    }
}

// ---- the reader thread ----

/// Flags the key handlers set while rustyline reads.
#[derive(Default)]
struct KeyFlags {
    editor_mode: AtomicBool,
    /// Ctrl+D ended editor mode on a non-empty line.
    editor_end: AtomicBool,
    ctrl_c_on_empty: AtomicBool,
}

/// Ctrl+C: remember whether the line was empty (node's hint depends on it).
struct CtrlC(Arc<KeyFlags>);

impl ConditionalEventHandler for CtrlC {
    fn handle(&self, _: &rustyline::Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<rustyline::Cmd> {
        self.0.ctrl_c_on_empty.store(ctx.line().is_empty(), Ordering::SeqCst);
        None
    }
}

/// Ctrl+D in editor mode on a non-empty line: accept it and end editor mode.
struct CtrlD(Arc<KeyFlags>);

impl ConditionalEventHandler for CtrlD {
    fn handle(&self, _: &rustyline::Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<rustyline::Cmd> {
        if self.0.editor_mode.load(Ordering::SeqCst) && !ctx.line().is_empty() {
            self.0.editor_end.store(true, Ordering::SeqCst);
            return Some(rustyline::Cmd::AcceptLine);
        }
        None
    }
}

/// rustyline's helper: completion comes from JavaScript on the main thread.
struct ReplHelper {
    outbox: Outbox,
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _: &rustyline::Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = line.get(..pos).unwrap_or(line);
        let (reply, answer) = mpsc::channel();
        if !self.outbox.send(Event::Complete { line: before.to_owned(), reply }) {
            return Ok((pos, Vec::new()));
        }
        let Ok(found) = answer.recv_timeout(COMPLETION_TIMEOUT) else {
            return Ok((pos, Vec::new()));
        };
        Ok(to_pairs(before, found))
    }
}

/// Where the replacement starts and the candidates, if `complete_on` really
/// ends the text (otherwise nothing is replaced).
fn to_pairs(before: &str, found: Completions) -> (usize, Vec<Pair>) {
    if !before.ends_with(&found.complete_on) {
        return (before.len(), Vec::new());
    }
    let start = before.len() - found.complete_on.len();
    let pairs = found.candidates.into_iter().map(|c| Pair { display: c.clone(), replacement: c }).collect();
    (start, pairs)
}

impl Hinter for ReplHelper {
    type Hint = String;
}
impl Highlighter for ReplHelper {}
impl Validator for ReplHelper {}
impl rustyline::Helper for ReplHelper {}

type ReplEditor = Editor<ReplHelper, FileHistory>;

struct Reader {
    editor: ReplEditor,
    flags: Arc<KeyFlags>,
    history: Option<PathBuf>,
    outbox: Outbox,
    stdin_is_tty: bool,
}

fn new_editor(outbox: &Outbox, flags: &Arc<KeyFlags>) -> rustyline::Result<ReplEditor> {
    let config = Config::builder()
        .max_history_size(HISTORY_SIZE)?
        .history_ignore_dups(true)?
        .completion_type(CompletionType::List)
        .build();
    let mut editor = ReplEditor::with_config(config)?;
    editor.set_helper(Some(ReplHelper { outbox: outbox.clone() }));
    editor.bind_sequence(KeyEvent::ctrl('C'), EventHandler::Conditional(Box::new(CtrlC(flags.clone()))));
    editor.bind_sequence(KeyEvent::ctrl('D'), EventHandler::Conditional(Box::new(CtrlD(flags.clone()))));
    Ok(editor)
}

impl Reader {
    fn new(outbox: Outbox, history: Option<PathBuf>) -> rustyline::Result<Reader> {
        let flags = Arc::new(KeyFlags::default());
        let mut editor = new_editor(&outbox, &flags)?;
        if let Some(path) = &history {
            // A missing file is a first session; an unreadable one just starts empty.
            if let Err(err) = editor.load_history(path) {
                tracing::debug!(target: "repl", %err, "no REPL history loaded");
            }
        }
        let stdin_is_tty = is_tty(libc::STDIN_FILENO);
        Ok(Reader { editor, flags, history, outbox, stdin_is_tty })
    }

    /// Serves `Read` commands until `Close` or until the main thread is gone.
    fn run(mut self, commands: mpsc::Receiver<Command>) {
        while let Ok(Command::Read { prompt, editor_mode }) = commands.recv() {
            let event = self.read(&prompt, editor_mode);
            if !self.outbox.send(event) {
                break;
            }
        }
    }

    fn read(&mut self, prompt: &str, editor_mode: bool) -> Event {
        self.flags.editor_mode.store(editor_mode, Ordering::SeqCst);
        self.flags.editor_end.store(false, Ordering::SeqCst);
        if !self.stdin_is_tty {
            // rustyline prints no prompt when reading from a pipe; node does.
            let mut out = std::io::stdout();
            let _ = out.write_all(prompt.as_bytes()).and_then(|()| out.flush());
        }
        match self.editor.readline(prompt) {
            Ok(line) if self.flags.editor_end.load(Ordering::SeqCst) => Event::Eof(line),
            Ok(line) => {
                self.remember(&line);
                Event::Line(line)
            }
            Err(ReadlineError::Interrupted) => {
                Event::Interrupt { empty: self.flags.ctrl_c_on_empty.load(Ordering::SeqCst) }
            }
            Err(ReadlineError::Eof) => Event::Eof(String::new()),
            Err(err) => Event::Failed(err.to_string()),
        }
    }

    /// Adds the line to the history and saves the file (as node does per line).
    fn remember(&mut self, line: &str) {
        let Some(path) = &self.history else { return };
        if line.trim().is_empty() || !self.stdin_is_tty {
            return;
        }
        let added = self.editor.history_mut().add(line).unwrap_or(false);
        if added {
            if let Err(err) = self.editor.save_history(path) {
                tracing::debug!(target: "repl", %err, "cannot save the REPL history");
            }
        }
    }
}

fn is_tty(fd: i32) -> bool {
    // SAFETY: isatty only inspects the descriptor.
    unsafe { libc::isatty(fd) == 1 }
}

fn spawn_reader(outbox: Outbox, history: Option<PathBuf>) -> std::io::Result<mpsc::Sender<Command>> {
    let (commands, inbox) = mpsc::channel();
    std::thread::Builder::new().name("repl-reader".into()).spawn(move || {
        match Reader::new(outbox.clone(), history) {
            Ok(reader) => reader.run(inbox),
            Err(err) => {
                outbox.send(Event::Failed(err.to_string()));
            }
        }
    })?;
    Ok(commands)
}

// ---- SIGINT: interrupt a running evaluation ----

/// Shared between the main thread (evaluating) and the SIGINT thread.
struct Interrupter {
    /// True while `runScript` runs user code; the lock orders it with SIGINT.
    evaluating: Mutex<bool>,
    /// Set when SIGINT terminated an evaluation.
    fired: AtomicBool,
    isolate: v8::IsolateHandle,
}

impl Interrupter {
    fn on_sigint(&self, outbox: &Outbox) {
        let Ok(evaluating) = self.evaluating.lock() else { return };
        if *evaluating {
            self.fired.store(true, Ordering::SeqCst);
            self.isolate.terminate_execution();
        } else {
            drop(evaluating);
            outbox.send(Event::Sigint);
        }
    }

    fn set_evaluating(&self, value: bool) {
        if let Ok(mut evaluating) = self.evaluating.lock() {
            *evaluating = value;
        }
    }
}

fn spawn_sigint_thread(
    interrupter: Arc<Interrupter>,
    outbox: Outbox,
) -> std::io::Result<signal_hook::iterator::Handle> {
    let mut signals = signal_hook::iterator::Signals::new([signal_hook::consts::SIGINT])?;
    let handle = signals.handle();
    std::thread::Builder::new().name("repl-sigint".into()).spawn(move || {
        for _ in signals.forever() {
            interrupter.on_sigint(&outbox);
        }
    })?;
    Ok(handle)
}

// ---- the terminal at exit ----

static SAVED_TERMIOS: OnceLock<libc::termios> = OnceLock::new();

/// Remembers the terminal's mode so a `process.exit()` while rustyline has
/// it in raw mode does not leave the user's shell unusable.
fn save_terminal_mode() {
    if !is_tty(libc::STDIN_FILENO) || SAVED_TERMIOS.get().is_some() {
        return;
    }
    // SAFETY: termios is plain data; tcgetattr fills it or fails.
    let mut termios: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: a valid fd and a valid pointer.
    if unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut termios) } != 0 {
        return;
    }
    if SAVED_TERMIOS.set(termios).is_ok() {
        // SAFETY: registers a plain extern "C" function.
        unsafe { libc::atexit(restore_terminal_mode) };
    }
}

extern "C" fn restore_terminal_mode() {
    if let Some(termios) = SAVED_TERMIOS.get() {
        // SAFETY: a valid fd and a termios read from it earlier.
        unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSADRAIN, termios) };
        if is_tty(libc::STDOUT_FILENO) {
            // Bracketed paste off, as rustyline would on leaving raw mode.
            let off = b"\x1b[?2004l";
            // SAFETY: writes a static buffer to stdout.
            unsafe { libc::write(libc::STDOUT_FILENO, off.as_ptr().cast(), off.len()) };
        }
    }
}

// ---- the session on the main thread ----

struct Session {
    wake: RefCell<mio::unix::pipe::Receiver>,
    events: mpsc::Receiver<Event>,
    commands: mpsc::Sender<Command>,
    handle: HandleId,
    token: Token,
    callback: v8::Global<v8::Function>,
    interrupter: Arc<Interrupter>,
    sigint: signal_hook::iterator::Handle,
    closed: Cell<bool>,
}

thread_local! {
    static SESSION: RefCell<Option<Rc<Session>>> = const { RefCell::new(None) };
}

fn current_session() -> Option<Rc<Session>> {
    SESSION.with(|s| s.borrow().clone())
}

impl Session {
    fn start(
        scope: &mut v8::PinScope,
        history: Option<PathBuf>,
        callback: v8::Local<v8::Function>,
    ) -> std::io::Result<Rc<Session>> {
        let st = state::state(scope);
        let (wake, mut wake_rx) = mio::unix::pipe::new()?;
        let (handle, token) = st.event_loop.register_io(&mut wake_rx, Interest::READABLE)?;
        let (events_tx, events) = mpsc::channel();
        let outbox = Outbox { events: events_tx, wake: Arc::new(wake) };
        let interrupter = Arc::new(Interrupter {
            evaluating: Mutex::new(false),
            fired: AtomicBool::new(false),
            isolate: scope.thread_safe_handle(),
        });
        let started = spawn_sigint_thread(interrupter.clone(), outbox.clone())
            .and_then(|sigint| spawn_reader(outbox, history).map(|commands| (sigint, commands)));
        let (sigint, commands) = match started {
            Ok(pair) => pair,
            Err(err) => {
                let _ = st.event_loop.deregister_io(&mut wake_rx, handle);
                st.event_loop.close_handle(handle);
                return Err(err);
            }
        };
        save_terminal_mode();
        let callback = v8::Global::new(scope, callback);
        let wake = RefCell::new(wake_rx);
        let closed = Cell::new(false);
        Ok(Rc::new(Session { wake, events, commands, handle, token, callback, interrupter, sigint, closed }))
    }

    fn drain_wake_pipe(&self) {
        let mut buf = [0u8; 64];
        let mut wake = self.wake.borrow_mut();
        loop {
            match wake.read(&mut buf) {
                Ok(0) => break,
                Ok(_) => continue,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
    }

    fn close(&self, scope: &mut v8::PinScope) {
        if self.closed.replace(true) {
            return;
        }
        let _ = self.commands.send(Command::Close);
        self.sigint.close();
        let st = state::state(scope);
        if let Err(err) = st.event_loop.deregister_io(&mut *self.wake.borrow_mut(), self.handle) {
            tracing::debug!(target: "repl", %err, "cannot deregister the REPL pipe");
        }
        st.event_loop.close_handle(self.handle);
        st.io_watchers.borrow_mut().remove(&self.token);
    }

    /// Calls `callback(kind, payload)`, then drains ticks and microtasks.
    fn dispatch(&self, scope: &mut v8::PinScope, event: Event) {
        let callback = v8::Local::new(scope, &self.callback);
        let recv = v8::undefined(scope).into();
        match event {
            Event::Complete { line, reply } => {
                let args = [v8_str(scope, "complete").into(), v8_str(scope, &line).into()];
                let result = call_js(scope, callback, recv, &args);
                let found = result.map(|r| read_completions(scope, r)).unwrap_or_default();
                let _ = reply.send(found);
            }
            other => {
                let args = event_args(scope, other);
                call_js(scope, callback, recv, &args);
            }
        }
        drain_ticks(scope);
    }
}

impl IoWatcher for Session {
    fn on_ready(&self, scope: &mut v8::PinScope, _readiness: rnode_eventloop::Readiness) {
        self.drain_wake_pipe();
        while !self.closed.get() {
            let Ok(event) = self.events.try_recv() else { break };
            self.dispatch(scope, event);
            if scope.is_execution_terminating() {
                break;
            }
        }
    }
}

/// `(kind, payload)` for every event but completion.
fn event_args<'s>(scope: &mut v8::PinScope<'s, '_>, event: Event) -> [v8::Local<'s, v8::Value>; 2] {
    let (kind, payload): (&str, v8::Local<v8::Value>) = match event {
        Event::Line(line) => ("line", v8_str(scope, &line).into()),
        Event::Eof(line) => ("eof", v8_str(scope, &line).into()),
        Event::Interrupt { empty } => ("interrupt", v8::Boolean::new(scope, empty).into()),
        Event::Sigint => ("sigint", v8::undefined(scope).into()),
        Event::Failed(msg) => ("error", v8_str(scope, &msg).into()),
        Event::Complete { .. } => ("complete", v8::undefined(scope).into()),
    };
    [v8_str(scope, kind).into(), payload]
}

/// Reads JavaScript's `[candidates, completeOn]` answer.
fn read_completions(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Completions {
    let Ok(pair) = v8::Local::<v8::Array>::try_from(value) else {
        return Completions::default();
    };
    let candidates = pair
        .get_index(scope, 0)
        .and_then(|list| v8::Local::<v8::Array>::try_from(list).ok())
        .map(|list| {
            (0..list.length()).filter_map(|i| list.get_index(scope, i)).map(|v| v.to_rust_string_lossy(scope)).collect()
        })
        .unwrap_or_default();
    let complete_on = pair.get_index(scope, 1).map(|v| v.to_rust_string_lossy(scope)).unwrap_or_default();
    Completions { candidates, complete_on }
}

// ---- ops ----

/// start(historyPath, callback): opens the terminal; `callback(kind, payload)`
/// receives 'line', 'eof', 'interrupt', 'sigint', 'complete' (returns
/// `[candidates, completeOn]`) and 'error'. An empty path keeps no history.
fn op_repl_start(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    if current_session().is_some() {
        throw_error(scope, "The REPL is already running");
        return;
    }
    let history = args.get(0).to_rust_string_lossy(scope);
    let history = (!history.is_empty()).then(|| PathBuf::from(history));
    let Ok(callback) = v8::Local::<v8::Function>::try_from(args.get(1)) else {
        throw_type_error(scope, "The \"callback\" argument must be of type function");
        return;
    };
    match Session::start(scope, history, callback) {
        Ok(session) => {
            state::state(scope).io_watchers.borrow_mut().insert(session.token, session.clone());
            SESSION.with(|s| *s.borrow_mut() = Some(session));
        }
        Err(err) => throw_error(scope, &format!("cannot start the REPL: {err}")),
    }
}

/// prompt(text, editorMode): read the next line.
fn op_repl_prompt(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let Some(session) = current_session() else {
        throw_error(scope, "The REPL is not running");
        return;
    };
    let prompt = args.get(0).to_rust_string_lossy(scope);
    let editor_mode = args.get(1).is_true();
    if session.commands.send(Command::Read { prompt, editor_mode }).is_err() {
        throw_error(scope, "The REPL's terminal reader has stopped");
    }
}

/// close(): stop reading; the loop no longer waits for the terminal.
fn op_repl_close(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    if let Some(session) = SESSION.with(|s| s.borrow_mut().take()) {
        session.close(scope);
    }
}

/// runScript(source, filename, info): compiles and runs a classic script in
/// the global scope. On a compile error, `info.compileError` is true and
/// `info.arrow` holds node's "file:line / source / caret" text. Ctrl+C while
/// it runs throws ERR_SCRIPT_EXECUTION_INTERRUPTED.
fn op_repl_run_script(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let info = v8::Local::<v8::Object>::try_from(args.get(2)).ok();
    v8::tc_scope!(let tc, scope);
    let Some(script) = super::contextify::compile_script(tc, args.get(0), args.get(1)) else {
        let arrow = tc.message().map(|m| crate::runtime::error_arrow(tc, m)).unwrap_or_default();
        report_compile_error(tc, info, &arrow);
        tc.rethrow();
        return;
    };
    let interrupter = current_session().map(|s| s.interrupter.clone());
    if let Some(i) = &interrupter {
        i.set_evaluating(true);
    }
    let result = script.run(tc);
    if let Some(i) = &interrupter {
        i.set_evaluating(false);
        if i.fired.swap(false, Ordering::SeqCst) {
            tc.cancel_terminate_execution();
            tc.reset();
            throw_interrupted(tc);
            tc.rethrow();
            return;
        }
    }
    match result {
        Some(value) => rv.set(value),
        None if tc.has_terminated() => {}
        None => {
            tc.rethrow();
        }
    }
}

fn report_compile_error(scope: &mut v8::PinScope, info: Option<v8::Local<v8::Object>>, arrow: &str) {
    let Some(info) = info else { return };
    let yes = v8::Boolean::new(scope, true).into();
    super::set_value(scope, info, "compileError", yes);
    set_str(scope, info, "arrow", arrow);
}

/// Node's `ERR_SCRIPT_EXECUTION_INTERRUPTED`, thrown from C++ in node too.
fn throw_interrupted(scope: &mut v8::PinScope) {
    let msg = v8_str(scope, "Script execution was interrupted by `SIGINT`");
    let exc = v8::Exception::error(scope, msg);
    if let Ok(obj) = v8::Local::<v8::Object>::try_from(exc) {
        set_str(scope, obj, "code", "ERR_SCRIPT_EXECUTION_INTERRUPTED");
    }
    scope.throw_exception(exc);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(candidates: &[&str], on: &str) -> Completions {
        Completions { candidates: candidates.iter().map(|s| s.to_string()).collect(), complete_on: on.into() }
    }

    #[test]
    fn completion_replaces_the_suffix_it_was_computed_for() {
        let (start, pairs) =
            to_pairs("x = process.ver", found(&["process.version", "process.versions"], "process.ver"));
        assert_eq!(start, 4);
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[0].replacement, "process.version");
    }

    #[test]
    fn completion_for_another_text_replaces_nothing() {
        let (start, pairs) = to_pairs("abc", found(&["zzz"], "zz"));
        assert_eq!(start, 3);
        assert!(pairs.is_empty());
    }

    #[test]
    fn completion_of_non_ascii_text_stays_on_char_boundaries() {
        let (start, pairs) = to_pairs("é.ab", found(&["é.abc"], "é.ab"));
        assert_eq!(start, 0);
        assert_eq!(pairs[0].display, "é.abc");
    }
}
