//! The `async_context` binding: V8's continuation-preserved embedder data, the
//! slot that V8 itself carries across `await` and promise reactions (it is
//! captured when a reaction is registered and restored while it runs). The
//! JavaScript `AsyncContextFrame` (the map behind `AsyncLocalStorage`) lives in
//! that slot; the runtime's own async boundaries (timers, immediates, ticks)
//! capture it when scheduling and restore it around the callback. Plus V8's
//! per-context promise hooks, for `async_hooks.createHook` PROMISE events.

use super::Op;

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "getContinuationData" => op_async_context_get,
        "setContinuationData" => op_async_context_set,
        "exchangeContinuationData" => op_async_context_exchange,
        "setPromiseHooks" => op_async_context_set_promise_hooks,
        "enqueueMicrotask" => op_async_context_enqueue_microtask,
    }
}

/// getContinuationData() -> the current frame (undefined when none was set).
fn op_async_context_get(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    rv.set(scope.get_continuation_preserved_embedder_data());
}

/// setContinuationData(frame)
fn op_async_context_set(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    scope.set_continuation_preserved_embedder_data(args.get(0));
}

/// exchangeContinuationData(frame) -> the frame it replaced (one call for
/// "switch to the callback's frame, remembering the prior one").
fn op_async_context_exchange(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let prior = scope.get_continuation_preserved_embedder_data();
    scope.set_continuation_preserved_embedder_data(args.get(0));
    rv.set(prior);
}

/// setPromiseHooks(init, before, after, resolve): each a function or undefined
/// (undefined removes that hook). Installed on the current context.
fn op_async_context_set_promise_hooks(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let hook = |i: i32| v8::Local::<v8::Function>::try_from(args.get(i)).ok();
    scope.set_promise_hooks(hook(0), hook(1), hook(2), hook(3));
}

/// enqueueMicrotask(fn): queues fn on V8's microtask queue without a promise
/// (queueMicrotask's path; V8 carries the current frame with the task). fn must
/// not throw: V8 would drop the exception, so JavaScript catches it first.
fn op_async_context_enqueue_microtask(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    if let Ok(f) = v8::Local::<v8::Function>::try_from(args.get(0)) {
        scope.enqueue_microtask(f);
    }
}
