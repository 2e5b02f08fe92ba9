//! Per-isolate engine state, kept in an isolate slot so ops can reach the loop,
//! outstanding pool requests and the JavaScript hooks the bootstrap registered.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rnode_eventloop::{HandleId, Loop, ReqId, WorkResult};

/// Turns a finished pool job's result into the callback's `(err, value)` arguments.
pub type Finisher = Box<dyn for<'s, 'i> FnOnce(&mut v8::PinScope<'s, 'i>, WorkResult) -> CallbackArgs<'s>>;

/// `(err, value)` arguments for an async op's callback.
pub type CallbackArgs<'s> = (v8::Local<'s, v8::Value>, v8::Local<'s, v8::Value>);

/// Converts a pool job's typed output on the main thread.
pub type FinishFn<T> = for<'s, 'i> fn(&mut v8::PinScope<'s, 'i>, T) -> CallbackArgs<'s>;

pub struct PendingWork {
    pub callback: v8::Global<v8::Function>,
    pub finish: Finisher,
    /// The async context (AsyncLocalStorage frame) current when the work was
    /// submitted; None when none was in use, so nothing is kept.
    pub context: Option<v8::Global<v8::Value>>,
}

/// Functions the JavaScript bootstrap hands to Rust, called from the loop.
pub struct JsHooks {
    pub tick: v8::Global<v8::Function>,
    pub on_timer: v8::Global<v8::Function>,
    pub on_immediate: v8::Global<v8::Function>,
    pub on_promise_reject: v8::Global<v8::Function>,
    pub fatal_exception: v8::Global<v8::Function>,
    pub emit_before_exit: v8::Global<v8::Function>,
    pub emit_exit: v8::Global<v8::Function>,
    pub on_signal: v8::Global<v8::Function>,
}

/// What the process was started with, read by `process` and the main-module runner.
#[derive(Debug, Clone, Default)]
pub struct StartupInfo {
    pub exec_path: String,
    pub argv0: String,
    pub argv: Vec<String>,
    pub exec_argv: Vec<String>,
    /// `-e`/`-p` source, stdin program, or None for a file.
    pub eval: Option<String>,
    pub print_eval: bool,
    pub check_only: bool,
    pub force_repl: bool,
    pub input_type_module: bool,
    pub preload: Vec<String>,
    /// The program came from stdin (`[stdin]` rather than `[eval]`).
    pub stdin_program: bool,
    /// Node options by canonical name and value (`("--warnings", "false")`),
    /// in order; read by JavaScript through `internal/options`.
    pub options: Vec<(String, String)>,
    /// The options `NODE_OPTIONS` may carry (`process.allowedNodeEnvironmentFlags`).
    pub env_allowed_options: Vec<String>,
}

impl StartupInfo {
    /// The last value given for a node option.
    pub fn option(&self, name: &str) -> Option<&str> {
        self.options.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Every value given for a repeatable node option.
    pub fn option_values(&self, name: &str) -> Vec<String> {
        self.options.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect()
    }
}

pub struct EngineState {
    pub event_loop: Rc<Loop>,
    pub pending_work: RefCell<HashMap<ReqId, PendingWork>>,
    pub hooks: RefCell<Option<Rc<JsHooks>>>,
    pub immediate_idle: HandleId,
    pub startup: StartupInfo,
    pub start_time: std::time::Instant,
    pub signals: crate::bindings::signals::SharedSignalWatcher,
    pub modules: crate::bindings::module_wrap::SharedModuleMap,
    pub resolver: crate::bindings::modules::SharedResolver,
    /// What to do when an I/O source registered with the loop becomes ready.
    pub io_watchers: RefCell<HashMap<rnode_eventloop::Token, Rc<dyn IoWatcher>>>,
    /// The zlib and brotli streams JavaScript holds, by id.
    pub zlib: RefCell<crate::zlib::Handles>,
    /// The HTTP parsers JavaScript holds, by id.
    pub http_parsers: RefCell<crate::bindings::http_parser::Parsers>,
    /// Stream handles (TCP, Unix sockets) and their listeners.
    pub net: crate::bindings::stream_wrap::NetState,
    /// UDP sockets (node:dgram).
    pub udp: crate::bindings::udp_wrap::UdpState,
}

/// Something registered with the loop for I/O readiness (the signal pipe, the
/// REPL's input, sockets): called from the poll phase on the main thread.
pub trait IoWatcher {
    fn on_ready(&self, scope: &mut v8::PinScope, readiness: rnode_eventloop::Readiness);
}

pub type SharedState = Rc<EngineState>;

/// The engine state of the isolate behind `scope`. Always present once the
/// runtime is created; ops are only reachable after that.
pub fn state(scope: &v8::PinScope) -> SharedState {
    scope.get_slot::<SharedState>().cloned().expect("engine state is installed before any JavaScript runs")
}

pub fn hooks(scope: &v8::PinScope) -> Option<Rc<JsHooks>> {
    state(scope).hooks.borrow().clone()
}
