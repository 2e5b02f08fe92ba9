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
    let message = v8::Exception::create_message(scope, args.get(0));
    let arrow = crate::runtime::error_arrow(scope, message);
    rv.set(v8_str(scope, &arrow).into());
}
