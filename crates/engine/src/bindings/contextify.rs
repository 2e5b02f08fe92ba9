//! Compiling user code: CommonJS modules as functions (so errors carry the
//! file's own positions), scripts for `-e`/`-p`, and node:vm's scripts,
//! functions and contexts (the contexts themselves are in `vm_context`).

use std::time::Duration;

use super::vm_context::{self, ContextOptions};
use super::{builtins::compile_function, bytes_to_uint8array, set_value, v8_str, Op};

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "compileFunction" => op_contextify_compile_function,
        "runScript" => op_contextify_run_script,
        "checkSyntax" => op_contextify_check_syntax,
        "containsModuleSyntax" => op_contextify_contains_module_syntax,
        "makeContext" => op_contextify_make_context,
        "compileScript" => op_contextify_compile_script,
        "runScriptIn" => op_contextify_run_script_in,
        "scriptCodeCache" => op_contextify_script_code_cache,
        "compileFunctionIn" => op_contextify_compile_function_in,
    }
}

pub fn init<'s>(scope: &mut v8::PinScope<'s, '_>, obj: v8::Local<'s, v8::Object>) {
    let timed_out = timed_out_symbol(scope);
    set_value(scope, obj, "timedOut", timed_out.into());
}

/// What `runScriptIn` returns when its timeout ended the script (JavaScript
/// throws node's ERR_SCRIPT_EXECUTION_TIMEOUT for it).
fn timed_out_symbol<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Symbol> {
    let name = v8_str(scope, "rnode:vm:timedOut");
    v8::Symbol::for_api(scope, name)
}

fn string_array(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Vec<String> {
    let Ok(array) = v8::Local::<v8::Array>::try_from(value) else {
        return Vec::new();
    };
    (0..array.length()).filter_map(|i| array.get_index(scope, i)).map(|v| v.to_rust_string_lossy(scope)).collect()
}

/// The `(source, filename, params)` arguments the function-compiling ops share.
struct FunctionSource {
    source: String,
    filename: String,
    params: Vec<String>,
}

impl FunctionSource {
    fn from_args(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> FunctionSource {
        FunctionSource {
            source: args.get(0).to_rust_string_lossy(scope),
            filename: args.get(1).to_rust_string_lossy(scope),
            params: string_array(scope, args.get(2)),
        }
    }

    fn compile<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Function>> {
        let params: Vec<&str> = self.params.iter().map(String::as_str).collect();
        compile_function(scope, &self.source, &self.filename, &params)
    }
}

/// compileFunction(source, filename, params) -> Function (throws SyntaxError).
fn op_contextify_compile_function(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    if let Some(f) = FunctionSource::from_args(scope, &args).compile(scope) {
        rv.set(f.into());
    }
}

/// Compiles a classic script in the global scope (`-e`, stdin programs, the REPL).
pub fn compile_script<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: v8::Local<v8::Value>,
    filename: v8::Local<v8::Value>,
) -> Option<v8::Local<'s, v8::Script>> {
    let code = source.to_string(scope)?;
    let name = filename.to_string(scope)?;
    let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, 0, None, false, false, false, None);
    v8::Script::compile(scope, code, Some(&origin))
}

/// runScript(source, filename) -> completion value of the script.
fn op_contextify_run_script(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    if let Some(result) = compile_script(scope, args.get(0), args.get(1)).and_then(|s| s.run(scope)) {
        rv.set(result);
    }
}

/// checkSyntax(source, filename, params): compiles without running (`rnode -c`).
fn op_contextify_check_syntax(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    if FunctionSource::from_args(scope, &args).compile(scope).is_some() {
        rv.set(v8::Boolean::new(scope, true).into());
    }
}

/// containsModuleSyntax(source, filename, params): node 20.19's detection for
/// files with no "type": true when the source fails to compile as CommonJS but
/// compiles as an ES module (import/export, import.meta, top-level await).
fn op_contextify_contains_module_syntax(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let input = FunctionSource::from_args(scope, &args);
    v8::tc_scope!(let tc, scope);
    let is_module = input.compile(tc).is_none() && compiles_as_module(tc, &input.source, &input.filename);
    tc.reset();
    rv.set(v8::Boolean::new(tc, is_module).into());
}

fn compiles_as_module(scope: &mut v8::PinScope, source: &str, filename: &str) -> bool {
    let (Some(code), name) = (v8::String::new(scope, source), v8_str(scope, filename)) else { return false };
    let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, 0, None, false, false, true, None);
    let mut src = v8::script_compiler::Source::new(code, Some(&origin));
    v8::script_compiler::compile_module(scope, &mut src).is_some()
}

// ---- node:vm ----

/// makeContext(sandbox, allowStringCodeGeneration) -> the new context's
/// global proxy, the handle JavaScript passes back to run code in it.
fn op_contextify_make_context(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Ok(sandbox) = v8::Local::<v8::Object>::try_from(args.get(0)) else {
        super::throw_type_error(scope, "contextObject must be an object");
        return;
    };
    let options = ContextOptions { allow_strings: args.get(1).boolean_value(scope) };
    let global = vm_context::contextify(scope, sandbox, &options);
    rv.set(global.into());
}

fn script_brand<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Private> {
    let name = v8_str(scope, "rnode:vm:script");
    v8::Private::for_api(scope, Some(name))
}

/// Where compiled code says it comes from: file name and position offsets.
struct CodeOrigin {
    filename: String,
    line_offset: i32,
    column_offset: i32,
}

impl CodeOrigin {
    fn from_args(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, first: i32) -> CodeOrigin {
        CodeOrigin {
            filename: args.get(first).to_rust_string_lossy(scope),
            line_offset: args.get(first + 1).int32_value(scope).unwrap_or(0),
            column_offset: args.get(first + 2).int32_value(scope).unwrap_or(0),
        }
    }

    fn source(
        &self,
        scope: &mut v8::PinScope,
        code: v8::Local<v8::String>,
        cache: Option<&[u8]>,
    ) -> v8::script_compiler::Source {
        let name = v8_str(scope, &self.filename);
        let origin = v8::ScriptOrigin::new(
            scope,
            name.into(),
            self.line_offset,
            self.column_offset,
            false,
            0,
            None,
            false,
            false,
            false,
            None,
        );
        match cache {
            Some(bytes) => {
                v8::script_compiler::Source::new_with_cached_data(code, Some(&origin), v8::CachedData::new(bytes))
            }
            None => v8::script_compiler::Source::new(code, Some(&origin)),
        }
    }
}

fn compile_options(has_cache: bool) -> v8::script_compiler::CompileOptions {
    if has_cache {
        v8::script_compiler::CompileOptions::ConsumeCodeCache
    } else {
        v8::script_compiler::CompileOptions::NoCompileOptions
    }
}

/// Sets `cachedDataRejected` (when a cache was given) and, when asked,
/// `cachedData` with a fresh cache, as node's vm objects carry them.
fn report_code_cache(
    scope: &mut v8::PinScope,
    target: v8::Local<v8::Object>,
    given: bool,
    rejected: bool,
    produced: Option<Vec<u8>>,
) {
    if given {
        let rejected = v8::Boolean::new(scope, rejected);
        set_value(scope, target, "cachedDataRejected", rejected.into());
    }
    if let Some(bytes) = produced {
        let produced_ok = v8::Boolean::new(scope, true);
        set_value(scope, target, "cachedDataProduced", produced_ok.into());
        let data = bytes_to_uint8array(scope, bytes);
        set_value(scope, target, "cachedData", data);
    }
}

/// compileScript(code, filename, lineOffset, columnOffset, cachedData,
/// produceCachedData) -> a handle holding the context-independent script.
fn op_contextify_compile_script(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(code) = args.get(0).to_string(scope) else { return };
    let origin = CodeOrigin::from_args(scope, &args, 1);
    let cache = super::view_bytes(args.get(4));
    let mut source = origin.source(scope, code, cache.as_deref());
    let options = compile_options(cache.is_some());
    let reason = v8::script_compiler::NoCacheReason::NoReason;
    let Some(unbound) = v8::script_compiler::compile_unbound_script(scope, &mut source, options, reason) else {
        return;
    };
    let rejected = source.get_cached_data().is_some_and(|c| c.rejected());
    let template = v8::ObjectTemplate::new(scope);
    template.set_internal_field_count(1);
    let Some(handle) = template.new_instance(scope) else { return };
    handle.set_internal_field(0, unbound.into());
    let brand = script_brand(scope);
    let yes = v8::Boolean::new(scope, true);
    handle.set_private(scope, brand, yes.into());
    let produced =
        if args.get(5).boolean_value(scope) { unbound.create_code_cache().map(|c| c.to_vec()) } else { None };
    report_code_cache(scope, handle, cache.is_some(), rejected, produced);
    let url = unbound.get_source_mapping_url(scope);
    if url.is_string() {
        set_value(scope, handle, "sourceMapURL", url);
    }
    rv.set(handle.into());
}

/// The script inside a handle made by compileScript; anything else throws.
fn unbound_script<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    handle: v8::Local<'_, v8::Value>,
) -> Option<v8::Local<'s, v8::UnboundScript>> {
    let brand = script_brand(scope);
    let handle =
        v8::Local::<v8::Object>::try_from(handle).ok().filter(|h| h.has_private(scope, brand).unwrap_or(false));
    let Some(handle) = handle else {
        super::throw_type_error(scope, "Illegal invocation");
        return None;
    };
    let data = handle.get_internal_field(scope, 0)?;
    // SAFETY: only compileScript makes branded handles, and it stores an
    // UnboundScript in field 0.
    Some(unsafe { v8::Local::<v8::UnboundScript>::cast_unchecked(data) })
}

/// The context code runs in: the one whose global proxy `global` is, or the
/// current one for null/undefined; anything else throws `message`.
fn target_context<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    global: v8::Local<'_, v8::Value>,
    message: &str,
) -> Option<v8::Local<'s, v8::Context>> {
    if global.is_null_or_undefined() {
        return Some(scope.get_current_context());
    }
    let context = vm_context::context_of(scope, global);
    if context.is_none() {
        super::throw_type_error(scope, message);
    }
    context
}

/// Ends the running script from another thread once `timeout` passes, unless
/// the script finished first.
struct Watchdog {
    done: std::sync::mpsc::Sender<()>,
    thread: std::thread::JoinHandle<bool>,
}

impl Watchdog {
    fn start(isolate: v8::IsolateHandle, timeout: Duration) -> Option<Watchdog> {
        let (done, finished) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("vm-watchdog".into())
            .spawn(move || {
                let fired = finished.recv_timeout(timeout) == Err(std::sync::mpsc::RecvTimeoutError::Timeout);
                if fired {
                    isolate.terminate_execution();
                }
                fired
            })
            .ok()?;
        Some(Watchdog { done, thread })
    }

    /// True if the watchdog ended the script.
    fn stop(self) -> bool {
        let _ = self.done.send(());
        self.thread.join().unwrap_or(false)
    }
}

/// runScriptIn(handle, contextGlobal | null, timeoutMs): runs the script in
/// that context (or this one); `timedOut` if the timeout ended it.
fn op_contextify_run_script_in(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(unbound) = unbound_script(scope, args.get(0)) else { return };
    let Some(context) = target_context(scope, args.get(1), "not a vm context") else { return };
    let timeout = args.get(2).integer_value(scope).filter(|ms| *ms > 0).map(|ms| Duration::from_millis(ms as u64));
    let scope = &mut v8::ContextScope::new(scope, context);
    let script = unbound.bind_to_current_context(scope);
    let watchdog = timeout.and_then(|t| Watchdog::start(scope.thread_safe_handle(), t));
    v8::tc_scope!(let tc, scope);
    let result = script.run(tc);
    let fired = watchdog.is_some_and(Watchdog::stop);
    if fired || tc.has_terminated() {
        tc.cancel_terminate_execution();
        tc.reset();
        rv.set(timed_out_symbol(tc).into());
        return;
    }
    match result {
        Some(value) => rv.set(value),
        None => {
            tc.rethrow();
        }
    }
}

/// scriptCodeCache(handle) -> Uint8Array (script.createCachedData()).
fn op_contextify_script_code_cache(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(unbound) = unbound_script(scope, args.get(0)) else { return };
    let bytes = unbound.create_code_cache().map(|c| c.to_vec()).unwrap_or_default();
    rv.set(bytes_to_uint8array(scope, bytes));
}

fn objects(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Vec<v8::Global<v8::Object>> {
    let Ok(array) = v8::Local::<v8::Array>::try_from(value) else {
        return Vec::new();
    };
    (0..array.length())
        .filter_map(|i| array.get_index(scope, i))
        .filter_map(|v| v8::Local::<v8::Object>::try_from(v).ok())
        .map(|o| v8::Global::new(scope, o))
        .collect()
}

/// compileFunctionIn(code, filename, lineOffset, columnOffset, params,
/// parsingContext's global | null, contextExtensions, cachedData,
/// produceCachedData) -> the function, with node's cache properties on it.
fn op_contextify_compile_function_in(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let origin = CodeOrigin::from_args(scope, &args, 1);
    let params = string_array(scope, args.get(4));
    let Some(context) = target_context(scope, args.get(5), "parsingContext is not a vm context") else { return };
    let extensions = objects(scope, args.get(6));
    let cache = super::view_bytes(args.get(7));
    let produce = args.get(8).boolean_value(scope);
    let Some(code) = args.get(0).to_string(scope) else { return };
    let scope = &mut v8::ContextScope::new(scope, context);
    let mut source = origin.source(scope, code, cache.as_deref());
    let params: Vec<v8::Local<v8::String>> = params.iter().map(|p| v8_str(scope, p)).collect();
    let extensions: Vec<v8::Local<v8::Object>> = extensions.iter().map(|e| v8::Local::new(scope, e)).collect();
    let options = compile_options(cache.is_some());
    let reason = v8::script_compiler::NoCacheReason::NoReason;
    let Some(function) =
        v8::script_compiler::compile_function(scope, &mut source, &params, &extensions, options, reason)
    else {
        return;
    };
    let rejected = source.get_cached_data().is_some_and(|c| c.rejected());
    let produced = if produce { function.create_code_cache().map(|c| c.to_vec()) } else { None };
    report_code_cache(scope, function.into(), cache.is_some(), rejected, produced);
    rv.set(function.into());
}
