//! The `runtime` binding: how the bootstrap registers its hooks with Rust, runs
//! microtasks and ends the process.

use super::{throw_type_error, v8_str, Op};
use crate::state::{self, JsHooks};
use std::rc::Rc;

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "setHooks" => op_runtime_set_hooks,
        "runMicrotasks" => op_runtime_run_microtasks,
        "reallyExit" => op_runtime_really_exit,
        "errorArrow" => op_runtime_error_arrow,
    }
}

fn hook<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    obj: v8::Local<v8::Object>,
    name: &str,
) -> Option<v8::Global<v8::Function>> {
    let key = v8_str(scope, name);
    let value = obj.get(scope, key.into())?;
    let f = v8::Local::<v8::Function>::try_from(value).ok()?;
    Some(v8::Global::new(scope, f))
}

fn read_hooks(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>) -> Option<JsHooks> {
    Some(JsHooks {
        tick: hook(scope, obj, "tick")?,
        on_timer: hook(scope, obj, "onTimer")?,
        on_immediate: hook(scope, obj, "onImmediate")?,
        on_promise_reject: hook(scope, obj, "onPromiseReject")?,
        fatal_exception: hook(scope, obj, "fatalException")?,
        emit_before_exit: hook(scope, obj, "emitBeforeExit")?,
        emit_exit: hook(scope, obj, "emitExit")?,
        on_signal: hook(scope, obj, "onSignal")?,
    })
}

fn op_runtime_set_hooks(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let hooks = v8::Local::<v8::Object>::try_from(args.get(0)).ok().and_then(|obj| read_hooks(scope, obj));
    match hooks {
        Some(hooks) => *state::state(scope).hooks.borrow_mut() = Some(Rc::new(hooks)),
        None => throw_type_error(scope, "setHooks: every hook must be a function"),
    }
}

fn op_runtime_run_microtasks(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    scope.perform_microtask_checkpoint();
}

fn op_runtime_really_exit(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let code = args.get(0).int32_value(scope).unwrap_or(0);
    crate::process_exit(code);
}

/// errorArrow(error) -> node's "file:line / source / caret" text for where the
/// error was created (used when JavaScript itself raises an uncaught exception).
fn op_runtime_error_arrow(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let error = args.get(0);
    let message = v8::Exception::create_message(scope, error);
    let mut arrow = crate::runtime::error_arrow(scope, message);
    // V8 falls back to the current location (this call) once the error's stack
    // was formatted; node errors (second argument true) format theirs at
    // creation, so for them the stack says where the error was made.
    if arrow.starts_with(OWN_CALL_SITE) && args.get(1).is_true() {
        arrow = arrow_from_stack(scope, error).unwrap_or(arrow);
    }
    rv.set(v8_str(scope, &arrow).into());
}

/// The script errorArrow is called from.
const OWN_CALL_SITE: &str = "node:internal/process/execution:";

/// The arrow for the first frame of `error.stack`: `file:line`, the source
/// line, and a caret under the column.
fn arrow_from_stack(scope: &mut v8::PinScope, error: v8::Local<v8::Value>) -> Option<String> {
    let object = v8::Local::<v8::Object>::try_from(error).ok()?;
    let key = v8_str(scope, "stack");
    let stack = object.get(scope, key.into())?;
    if !stack.is_string() {
        return None;
    }
    let stack = stack.to_rust_string_lossy(scope);
    let (file, line, column) = stack.lines().find_map(frame_location)?;
    let source = source_line(&file, line)?;
    Some(format!("{file}:{line}\n{source}\n{}^\n", " ".repeat(column.saturating_sub(1))))
}

/// `    at f (file:12:5)` or `    at file:12:5` -> (file, 12, 5).
fn frame_location(frame: &str) -> Option<(String, usize, usize)> {
    let rest = frame.trim_start().strip_prefix("at ")?;
    let location = match rest.strip_suffix(')') {
        Some(inner) => &inner[inner.rfind('(')? + 1..],
        None => rest,
    };
    let (file_line, column) = location.rsplit_once(':')?;
    let (file, line) = file_line.rsplit_once(':')?;
    Some((file.to_string(), line.parse().ok()?, column.parse().ok()?))
}

/// Line `line` (1-based) of a built-in (`node:...`) or a file (path or file: URL).
fn source_line(file: &str, line: usize) -> Option<String> {
    let text = match file.strip_prefix("node:") {
        Some(id) => crate::js_source(id)?.to_string(),
        None => {
            let path = file.strip_prefix("file://").unwrap_or(file);
            std::fs::read_to_string(percent_decode(path)).ok()?
        }
    };
    text.lines().nth(line.checked_sub(1)?).map(str::to_string)
}

/// Undoes a file URL's %XX escapes (spaces and the like in paths).
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_and_escapes() {
        assert_eq!(frame_location("    at join (node:path:12:5)"), Some(("node:path".into(), 12, 5)));
        assert_eq!(frame_location("    at /a b/x.js:3:1"), Some(("/a b/x.js".into(), 3, 1)));
        assert_eq!(frame_location("    at async f (file:///t/x.mjs:2:9)"), Some(("file:///t/x.mjs".into(), 2, 9)));
        assert_eq!(frame_location("TypeError: x"), None);
        assert_eq!(percent_decode("/a%20b/c%2"), "/a b/c%2");
    }
}
