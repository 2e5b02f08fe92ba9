//! The runtime: one isolate, one context, the event loop and the pool.
//! `run` is the whole life of a program: bootstrap, run the main module, spin
//! the loop (with `beforeExit`), emit `exit`, and return the exit code.

use std::rc::Rc;

use rnode_eventloop::{Host, Loop, ReqId, RunMode, TimerId, WorkResult};
use rnode_threadpool::{JobPanic, ThreadPool};

use crate::bindings::{self, v8_str};
use crate::state::{self, EngineState, SharedState, StartupInfo};

/// Initialises V8 once per process with the given V8 flags; returns the flags V8
/// did not recognise (the CLI reports them as bad options).
pub fn init_v8(v8_flags: &[String]) -> Vec<String> {
    // As node: v8.setFlagsFromString() may change flags after start-up.
    let mut args = vec![String::from("rnode"), String::from("--no-freeze-flags-after-init")];
    args.extend(v8_flags.iter().cloned());
    let rest = v8::V8::set_flags_from_command_line(args);
    let platform = PLATFORM.get_or_init(|| v8::new_default_platform(0, false).make_shared());
    v8::V8::initialize_platform(platform.clone());
    v8::V8::initialize();
    rest.into_iter().skip(1).collect()
}

/// The V8 platform: its foreground task queue (FinalizationRegistry cleanup,
/// Atomics.waitAsync, WebAssembly compilation results) is pumped by the loop.
static PLATFORM: std::sync::OnceLock<v8::SharedRef<v8::Platform>> = std::sync::OnceLock::new();

/// Runs the tasks V8 posted for the main thread; called once per loop turn.
/// True if any ran (they may have queued microtasks).
fn pump_platform_tasks(isolate: &v8::Isolate) -> bool {
    let Some(platform) = PLATFORM.get() else { return false };
    let mut ran = false;
    while v8::Platform::pump_message_loop(platform, isolate, false) {
        ran = true;
    }
    ran
}

/// Runs a program to completion and returns the process exit code.
pub fn run(startup: StartupInfo) -> i32 {
    let event_loop = match Loop::new(ThreadPool::from_env()) {
        Ok(lp) => Rc::new(lp),
        Err(err) => {
            eprintln!("rnode: cannot create the event loop: {err}");
            return 1;
        }
    };
    let isolate = &mut v8::Isolate::new(v8::CreateParams::default());
    isolate.set_microtasks_policy(v8::MicrotasksPolicy::Explicit);
    isolate.set_promise_reject_callback(promise_reject_callback);
    bindings::module_wrap::install_host_callbacks(isolate);
    isolate.set_slot(new_state(event_loop, startup));

    v8::scope!(let handle_scope, isolate);
    let context = v8::Context::new(handle_scope, Default::default());
    let scope = &mut v8::ContextScope::new(handle_scope, context);

    let Some(main) = bootstrap(scope) else {
        return 1;
    };
    run_main(scope, main);
    spin_loop(scope);
    emit_exit(scope)
}

fn new_state(event_loop: Rc<Loop>, startup: StartupInfo) -> SharedState {
    // One check handle runs the immediate queue each turn; it is unref'd because only
    // the idle handle (started while ref'd immediates wait) should keep the loop alive.
    let immediate_check = event_loop.add_check();
    event_loop.start_handle(immediate_check);
    event_loop.unref_handle(immediate_check);
    let immediate_idle = event_loop.add_idle();
    // A prepare handle pumps V8's own task queue each turn; unref'd, so pending
    // V8 housekeeping never keeps the process alive.
    let platform_tasks = event_loop.add_prepare();
    event_loop.start_handle(platform_tasks);
    event_loop.unref_handle(platform_tasks);
    Rc::new(EngineState {
        event_loop,
        pending_work: Default::default(),
        hooks: Default::default(),
        immediate_idle,
        startup,
        start_time: std::time::Instant::now(),
        signals: Default::default(),
        modules: Default::default(),
        resolver: Default::default(),
        io_watchers: Default::default(),
        zlib: Default::default(),
        http_parsers: Default::default(),
        net: Default::default(),
        udp: Default::default(),
    })
}

/// Runs `internal/bootstrap/realm` (the built-in module loader), then
/// `internal/bootstrap/node` (globals, process, hooks), and returns its
/// `runMain`. None (after printing why) if the bootstrap threw.
fn bootstrap<'s>(scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Function>> {
    v8::tc_scope!(let tc, scope);
    if let Some(run_main) = bootstrap_inner(tc) {
        return Some(v8::Local::new(tc, run_main));
    }
    let msg = tc.exception().map(|e| describe_exception(tc, e)).unwrap_or_else(|| "unknown error".into());
    eprintln!("rnode: bootstrap failed: {msg}");
    None
}

fn bootstrap_inner<'s>(scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Function>> {
    let realm = bindings::builtins::compile_builtin(scope, "internal/bootstrap/realm", &["internalBinding"])?;
    let internal_binding = v8::Function::new(scope, bindings::op_internal_binding)?;
    let global = scope.get_current_context().global(scope);
    let require_builtin = realm.call(scope, global.into(), &[internal_binding.into()])?;
    let require_builtin = v8::Local::<v8::Function>::try_from(require_builtin).ok()?;
    let id = v8_str(scope, "internal/bootstrap/node");
    let exports = require_builtin.call(scope, global.into(), &[id.into()])?;
    let exports = v8::Local::<v8::Object>::try_from(exports).ok()?;
    let key = v8_str(scope, "runMain");
    let run_main = exports.get(scope, key.into())?;
    v8::Local::<v8::Function>::try_from(run_main).ok()
}

/// Loads the main module (file, `-e`, stdin) through `internal/main/run_main`.
fn run_main(scope: &mut v8::PinScope, run_main: v8::Local<v8::Function>) {
    let recv = v8::undefined(scope).into();
    call_js(scope, run_main, recv, &[]);
    drain_ticks(scope);
}

/// Runs the loop until nothing keeps it alive, emitting `beforeExit` each time it
/// empties; work scheduled by a `beforeExit` listener makes it run again.
fn spin_loop(scope: &mut v8::PinScope) {
    let event_loop = state::state(scope).event_loop.clone();
    loop {
        let mut host = JsHost { scope };
        event_loop.run(&mut host, RunMode::Default);
        call_hook(scope, |h| &h.emit_before_exit, &[]);
        drain_ticks(scope);
        if !event_loop.alive() {
            break;
        }
    }
}

/// Emits `exit` and returns the final exit code (`process.exitCode` or 0).
fn emit_exit(scope: &mut v8::PinScope) -> i32 {
    call_hook(scope, |h| &h.emit_exit, &[]).and_then(|code| code.int32_value(scope)).unwrap_or(0)
}

/// Calls one of the bootstrap's hooks, reporting any exception as uncaught.
pub fn call_hook<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    pick: impl Fn(&state::JsHooks) -> &v8::Global<v8::Function>,
    args: &[v8::Local<v8::Value>],
) -> Option<v8::Local<'s, v8::Value>> {
    let hooks = state::hooks(scope)?;
    let f = v8::Local::new(scope, pick(&hooks));
    let recv = v8::undefined(scope).into();
    call_js(scope, f, recv, args)
}

/// Calls into JavaScript from the loop; an exception becomes an uncaught exception
/// (which may be handled by `process.on('uncaughtException')` or end the process).
pub fn call_js<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    f: v8::Local<v8::Function>,
    recv: v8::Local<v8::Value>,
    args: &[v8::Local<v8::Value>],
) -> Option<v8::Local<'s, v8::Value>> {
    v8::tc_scope!(let tc, scope);
    if let Some(result) = f.call(tc, recv, args) {
        return Some(v8::Local::new(tc, result));
    }
    if tc.has_terminated() {
        return None;
    }
    let exception = tc.exception().unwrap_or_else(|| v8::undefined(tc).into());
    let arrow = tc.message().map(|m| error_arrow(tc, m)).unwrap_or_default();
    tc.reset();
    report_uncaught(tc, exception, &arrow);
    None
}

/// Hands an uncaught exception to `process._fatalException`; if nothing handles it,
/// that prints it as node does, emits `exit` and exits.
fn report_uncaught(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>, arrow: &str) {
    let Some(hooks) = state::hooks(scope) else {
        eprintln!("{}", describe_exception(scope, exception));
        crate::process_exit(1);
    };
    let fatal = v8::Local::new(scope, &hooks.fatal_exception);
    let arrow = v8_str(scope, arrow);
    let recv = v8::undefined(scope).into();
    v8::tc_scope!(let tc, scope);
    if fatal.call(tc, recv, &[exception, arrow.into()]).is_none() && !tc.has_terminated() {
        // The handler itself threw: node prints that error and exits with 7.
        let inner = tc.exception().map(|e| describe_exception(tc, e)).unwrap_or_default();
        eprintln!("{inner}");
        crate::process_exit(7);
    }
}

/// Node's "arrow": `file:line`, the source line, and carets under the range.
pub fn error_arrow(scope: &mut v8::PinScope, message: v8::Local<v8::Message>) -> String {
    let Some(name) = message.get_script_resource_name(scope) else {
        return String::new();
    };
    if name.is_undefined() {
        return String::new();
    }
    let name = name.to_rust_string_lossy(scope);
    let line = message.get_line_number(scope).unwrap_or(0);
    let source = message.get_source_line(scope).map(|s| s.to_rust_string_lossy(scope)).unwrap_or_default();
    let start = message.get_start_column();
    let end = message.get_end_column().max(start);
    format!("{name}:{line}\n{source}\n{}{}\n", " ".repeat(start), "^".repeat(end - start))
}

/// Last-resort text for an exception when JavaScript cannot format it.
fn describe_exception(scope: &mut v8::PinScope, exception: v8::Local<v8::Value>) -> String {
    if let Ok(obj) = v8::Local::<v8::Object>::try_from(exception) {
        let key = v8_str(scope, "stack");
        if let Some(stack) = obj.get(scope, key.into()) {
            if stack.is_string() {
                return stack.to_rust_string_lossy(scope);
            }
        }
    }
    exception.to_rust_string_lossy(scope)
}

/// After every callback into JavaScript: run `process.nextTick` callbacks and
/// microtasks until both queues are empty (node's processTicksAndRejections).
/// A tick that throws is reported as uncaught; if a listener handled it, the
/// drain resumes, so the remaining ticks and microtasks still run now.
pub fn drain_ticks(scope: &mut v8::PinScope) {
    let Some(hooks) = state::hooks(scope) else { return };
    let tick = v8::Local::new(scope, &hooks.tick);
    loop {
        let recv = v8::undefined(scope).into();
        if call_js(scope, tick, recv, &[]).is_some() || scope.is_execution_terminating() {
            return;
        }
    }
}

extern "C" fn promise_reject_callback(message: v8::PromiseRejectMessage) {
    v8::callback_scope!(unsafe scope, &message);
    let kind = match message.get_event() {
        v8::PromiseRejectEvent::PromiseRejectWithNoHandler => 0,
        v8::PromiseRejectEvent::PromiseHandlerAddedAfterReject => 1,
        v8::PromiseRejectEvent::PromiseRejectAfterResolved => 2,
        v8::PromiseRejectEvent::PromiseResolveAfterResolved => 3,
    };
    let Some(hooks) = state::hooks(scope) else {
        return;
    };
    let f = v8::Local::new(scope, &hooks.on_promise_reject);
    let kind = v8::Integer::new(scope, kind).into();
    let promise = message.get_promise().into();
    let value = message.get_value().unwrap_or_else(|| v8::undefined(scope).into());
    let recv = v8::undefined(scope).into();
    f.call(scope, recv, &[kind, promise, value]);
}

/// The engine as the loop's host: each event becomes one JavaScript call,
/// followed by draining nextTicks and microtasks.
struct JsHost<'a, 's, 'i> {
    scope: &'a mut v8::PinScope<'s, 'i>,
}

impl Host for JsHost<'_, '_, '_> {
    fn on_timer(&mut self, _lp: &Loop, id: TimerId) {
        v8::scope!(let scope, self.scope);
        let id = v8::Number::new(scope, id as f64).into();
        call_hook(scope, |h| &h.on_timer, &[id]);
        drain_ticks(scope);
    }

    fn on_check(&mut self, _lp: &Loop, _h: rnode_eventloop::HandleId) {
        v8::scope!(let scope, self.scope);
        // JavaScript drains ticks between immediates; this drain follows the last one.
        call_hook(scope, |h| &h.on_immediate, &[]);
        drain_ticks(scope);
    }

    fn on_prepare(&mut self, _lp: &Loop, _h: rnode_eventloop::HandleId) {
        if pump_platform_tasks(self.scope) {
            drain_ticks(self.scope);
        }
    }

    fn on_io(&mut self, _lp: &Loop, token: rnode_eventloop::Token, readiness: rnode_eventloop::Readiness) {
        v8::scope!(let scope, self.scope);
        let watcher = state::state(scope).io_watchers.borrow().get(&token).cloned();
        if let Some(watcher) = watcher {
            watcher.on_ready(scope, readiness);
        }
    }

    /// Pending callbacks are stream and UDP handles' deferred work, keyed by id.
    fn on_pending(&mut self, _lp: &Loop, id: u64) {
        v8::scope!(let scope, self.scope);
        if !bindings::udp_wrap::on_pending(scope, id) {
            bindings::stream_wrap::on_pending(scope, id);
        }
    }

    fn on_close(&mut self, _lp: &Loop, h: rnode_eventloop::HandleId) {
        v8::scope!(let scope, self.scope);
        if !bindings::stream_wrap::on_close(scope, h) {
            bindings::udp_wrap::on_close(scope, h);
        }
    }

    fn on_work_done(&mut self, _lp: &Loop, req: ReqId, result: Result<WorkResult, JobPanic>) {
        v8::scope!(let scope, self.scope);
        let Some(work) = state::state(scope).pending_work.borrow_mut().remove(&req) else {
            return;
        };
        let callback = v8::Local::new(scope, &work.callback);
        let args = match result {
            Ok(value) => {
                let (err, value) = (work.finish)(scope, value);
                [err, value]
            }
            Err(JobPanic(msg)) => {
                let msg = v8_str(scope, &format!("internal error in a pool job: {msg}"));
                [v8::Exception::error(scope, msg), v8::undefined(scope).into()]
            }
        };
        let recv = v8::undefined(scope).into();
        with_async_context(scope, work.context.as_ref(), |scope| {
            call_js(scope, callback, recv, &args);
        });
        drain_ticks(scope);
    }
}

/// The current async context (V8's continuation-preserved data, where
/// AsyncLocalStorage keeps its frame), if one is in use.
fn async_context_to_keep(scope: &mut v8::PinScope) -> Option<v8::Global<v8::Value>> {
    let context = scope.get_continuation_preserved_embedder_data();
    (!context.is_undefined()).then(|| v8::Global::new(scope, context))
}

/// Runs a callback in the async context its work was submitted from, then
/// restores the previous one (before ticks drain, as node's callback scope does).
fn with_async_context(
    scope: &mut v8::PinScope,
    context: Option<&v8::Global<v8::Value>>,
    f: impl FnOnce(&mut v8::PinScope),
) {
    let Some(context) = context else {
        f(scope);
        return;
    };
    let previous = scope.get_continuation_preserved_embedder_data();
    let context = v8::Local::new(scope, context);
    scope.set_continuation_preserved_embedder_data(context);
    f(scope);
    scope.set_continuation_preserved_embedder_data(previous);
}

/// Sends `job` to the pool; when done, `finish` converts its output on the main
/// thread and `callback(err, value)` is called. Shared by every async op.
pub fn submit_work<T: Send + 'static>(
    scope: &mut v8::PinScope,
    callback: v8::Local<v8::Function>,
    job: impl FnOnce() -> T + Send + 'static,
    finish: state::FinishFn<T>,
) {
    let st = state::state(scope);
    let req = st.event_loop.submit_work(move || Box::new(job()) as WorkResult);
    let callback = v8::Global::new(scope, callback);
    let finisher: state::Finisher = Box::new(move |scope, result: WorkResult| match result.downcast::<T>() {
        Ok(value) => finish(scope, *value),
        Err(_) => {
            let msg = v8_str(scope, "internal error: unexpected pool result type");
            (v8::Exception::error(scope, msg), v8::undefined(scope).into())
        }
    });
    let context = async_context_to_keep(scope);
    st.pending_work.borrow_mut().insert(req, state::PendingWork { callback, finish: finisher, context });
}
