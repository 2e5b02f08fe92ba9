//! Ops: the Rust functions JavaScript calls, grouped into bindings that
//! `internalBinding(name)` returns. Each area lists its ops once, in its own
//! `ops()` table; that table gives both the V8 function and its registration.

pub mod async_context;
pub mod buffer;
pub mod builtins;
pub mod constants;
pub mod contextify;
pub mod crypto;
pub mod crypto_cipher;
pub mod crypto_keys;
pub mod crypto_sign;
pub mod encoding;
pub mod fs;
pub mod heap;
pub mod http_parser;
pub mod module_wrap;
pub mod modules;
pub mod os;
pub mod process;
pub mod process_wrap;
pub mod repl;
pub mod runtime;
pub mod serdes;
pub mod signals;
pub mod stream_wrap;
pub mod tcp_wrap;
pub mod timers;
pub mod types;
pub mod udp_wrap;
pub mod url;
pub mod util;
pub mod vm_context;
pub mod zlib;

use crate::errno::SysError;

pub type Op = (&'static str, v8::FunctionCallback);

/// Builds an op table from `name => function` pairs. Each op runs inside
/// `run_guarded`, so a panic in an op throws a JS error instead of aborting
/// the process (rusty_v8 calls ops from `extern "C"` functions).
#[macro_export]
macro_rules! op_table {
    ($($name:literal => $f:path),* $(,)?) => {{
        use v8::MapFnTo as _;
        vec![$(($name, {
            fn guarded<'s, 'i>(
                scope: &mut v8::PinScope<'s, 'i>,
                args: v8::FunctionCallbackArguments<'s>,
                rv: v8::ReturnValue<'s, v8::Value>,
            ) {
                $crate::bindings::run_guarded(scope, $name, |scope| $f(scope, args, rv));
            }
            guarded.map_fn_to()
        })),*]
    }};
}

/// Runs an op, turning a panic into a thrown `Error` with code
/// `ERR_INTERNAL_ASSERTION` and the panic's message; the process goes on.
pub fn run_guarded<'s, 'i>(scope: &mut v8::PinScope<'s, 'i>, name: &str, op: impl FnOnce(&mut v8::PinScope<'s, 'i>)) {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| op(scope)));
    if let Err(payload) = outcome {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        tracing::error!(op = name, %detail, "op panicked");
        throw_internal_assertion(scope, name, &detail);
    }
}

fn throw_internal_assertion(scope: &mut v8::PinScope, name: &str, detail: &str) {
    let text = format!(
        "{detail}\nThis is caused by either a bug in rnode or incorrect usage of rnode internals.\n\
         Please open an issue with this stack trace (op {name})."
    );
    let message = v8_str(scope, &text);
    let error = v8::Exception::error(scope, message);
    if let Ok(obj) = v8::Local::<v8::Object>::try_from(error) {
        set_str(scope, obj, "code", "ERR_INTERNAL_ASSERTION");
    }
    scope.throw_exception(error);
}

/// A named group of ops plus optional extra properties (constants).
pub struct Binding {
    pub name: &'static str,
    pub ops: fn() -> Vec<Op>,
    pub init: Option<for<'s, 'i> fn(&mut v8::PinScope<'s, 'i>, v8::Local<'s, v8::Object>)>,
}

pub fn all_bindings() -> Vec<Binding> {
    vec![
        Binding { name: "async_context", ops: async_context::ops, init: None },
        Binding { name: "buffer", ops: buffer::ops, init: None },
        Binding { name: "cares_wrap", ops: tcp_wrap::cares_ops, init: Some(tcp_wrap::cares_init) },
        Binding { name: "builtins", ops: builtins::ops, init: Some(builtins::init) },
        Binding { name: "constants", ops: constants::ops, init: Some(constants::init) },
        Binding { name: "contextify", ops: contextify::ops, init: Some(contextify::init) },
        Binding { name: "crypto", ops: crypto::ops, init: None },
        Binding { name: "encoding", ops: encoding::ops, init: None },
        Binding { name: "fs", ops: fs::ops, init: None },
        Binding { name: "heap", ops: heap::ops, init: None },
        Binding { name: "http_parser", ops: http_parser::ops, init: None },
        Binding { name: "module_wrap", ops: module_wrap::ops, init: None },
        Binding { name: "modules", ops: modules::ops, init: None },
        Binding { name: "os", ops: os::ops, init: None },
        Binding { name: "process", ops: process::ops, init: Some(process::init) },
        Binding { name: "pipe_wrap", ops: tcp_wrap::pipe_ops, init: Some(tcp_wrap::pipe_init) },
        Binding { name: "process_wrap", ops: process_wrap::ops, init: None },
        Binding { name: "repl", ops: repl::ops, init: None },
        Binding { name: "runtime", ops: runtime::ops, init: None },
        Binding { name: "serdes", ops: serdes::ops, init: None },
        Binding { name: "signals", ops: signals::ops, init: None },
        Binding { name: "stream_wrap", ops: tcp_wrap::stream_ops, init: Some(tcp_wrap::stream_init) },
        Binding { name: "tcp_wrap", ops: tcp_wrap::tcp_ops, init: Some(tcp_wrap::tcp_init) },
        Binding { name: "timers", ops: timers::ops, init: None },
        Binding { name: "types", ops: types::ops, init: None },
        Binding { name: "udp_wrap", ops: udp_wrap::ops, init: Some(udp_wrap::init) },
        Binding { name: "url", ops: url::ops, init: None },
        Binding { name: "util", ops: util::ops, init: Some(util::init) },
        Binding { name: "zlib", ops: zlib::ops, init: None },
    ]
}

/// The native `internalBinding(name)`: a fresh object with the binding's ops.
/// JavaScript caches the result, so this runs once per name.
pub fn op_internal_binding(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let name = args.get(0).to_rust_string_lossy(scope);
    let Some(binding) = all_bindings().into_iter().find(|b| b.name == name) else {
        throw_error(scope, &format!("No such binding: {name}"));
        return;
    };
    let obj = v8::Object::new(scope);
    for (op_name, callback) in (binding.ops)() {
        set_function(scope, obj, op_name, callback);
    }
    if let Some(init) = binding.init {
        init(scope, obj);
    }
    rv.set(obj.into());
}

// ---- small helpers shared by every binding ----

pub fn v8_str<'s>(scope: &mut v8::PinScope<'s, '_>, s: &str) -> v8::Local<'s, v8::String> {
    v8::String::new(scope, s).unwrap_or_else(|| v8::String::empty(scope))
}

pub fn set_function(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>, name: &str, cb: v8::FunctionCallback) {
    let key = v8_str(scope, name);
    if let Some(f) = v8::Function::builder_raw(cb).build(scope) {
        f.set_name(key);
        obj.set(scope, key.into(), f.into());
    }
}

pub fn set_value(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>, name: &str, value: v8::Local<v8::Value>) {
    let key = v8_str(scope, name);
    obj.set(scope, key.into(), value);
}

pub fn set_str(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>, name: &str, value: &str) {
    let v = v8_str(scope, value);
    set_value(scope, obj, name, v.into());
}

pub fn set_num(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>, name: &str, value: f64) {
    let v = v8::Number::new(scope, value);
    set_value(scope, obj, name, v.into());
}

pub fn throw_error(scope: &mut v8::PinScope, msg: &str) {
    let m = v8_str(scope, msg);
    let exc = v8::Exception::error(scope, m);
    scope.throw_exception(exc);
}

pub fn throw_type_error(scope: &mut v8::PinScope, msg: &str) {
    let m = v8_str(scope, msg);
    let exc = v8::Exception::type_error(scope, m);
    scope.throw_exception(exc);
}

/// Builds Node's system error object: message, then errno, code, syscall, path, dest
/// in that order (the order `util.inspect` shows them in).
pub fn sys_error_value<'s>(scope: &mut v8::PinScope<'s, '_>, err: &SysError) -> v8::Local<'s, v8::Value> {
    let msg = v8_str(scope, &err.node_message());
    let exc = v8::Exception::error(scope, msg);
    if let Ok(obj) = v8::Local::<v8::Object>::try_from(exc) {
        set_num(scope, obj, "errno", err.errno as f64);
        set_str(scope, obj, "code", err.code);
        set_str(scope, obj, "syscall", err.syscall);
        if let Some(path) = &err.path {
            set_str(scope, obj, "path", path);
        }
        if let Some(dest) = &err.dest {
            set_str(scope, obj, "dest", dest);
        }
    }
    exc
}

pub fn throw_sys_error(scope: &mut v8::PinScope, err: &SysError) {
    let exc = sys_error_value(scope, err);
    scope.throw_exception(exc);
}

/// Copies bytes into a new `Uint8Array` (JavaScript turns it into a Buffer).
pub fn bytes_to_uint8array<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: Vec<u8>) -> v8::Local<'s, v8::Value> {
    let len = bytes.len();
    let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
    let ab = v8::ArrayBuffer::with_backing_store(scope, &store);
    match v8::Uint8Array::new(scope, ab, 0, len) {
        Some(u8a) => u8a.into(),
        None => v8::undefined(scope).into(),
    }
}

/// Copies the bytes of an ArrayBufferView (Buffer, typed array, DataView) argument;
/// for data that must outlive the call (pool jobs).
pub fn view_bytes(value: v8::Local<v8::Value>) -> Option<Vec<u8>> {
    with_view_contents(value, <[u8]>::to_vec)
}

/// Runs `f` on a view's bytes without copying them (off-heap stores are read in
/// place; V8 copies the small on-heap ones into a stack buffer).
pub fn with_view_contents<R>(value: v8::Local<v8::Value>, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    let view = v8::Local::<v8::ArrayBufferView>::try_from(value).ok()?;
    let mut storage = [0u8; v8::TYPED_ARRAY_MAX_SIZE_IN_HEAP];
    Some(f(view.get_contents(&mut storage)))
}

/// The argument as bytes: strings are UTF-8 encoded, views copied.
pub fn arg_bytes(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Vec<u8> {
    view_bytes(value).unwrap_or_else(|| value.to_rust_string_lossy(scope).into_bytes())
}
