//! The `timers` binding: each JavaScript Timeout owns one loop timer; the
//! immediate queue lives in JavaScript and only tells Rust whether the loop
//! should stay alive (and not block) for it.

use super::Op;
use crate::state;

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "scheduleTimer" => op_timers_schedule,
        "cancelTimer" => op_timers_cancel,
        "setTimerRef" => op_timers_set_ref,
        "getLoopTime" => op_timers_loop_time,
        "toggleImmediateRef" => op_timers_toggle_immediate_ref,
    }
}

fn id_arg(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> u64 {
    value.number_value(scope).unwrap_or(0.0).max(0.0) as u64
}

/// scheduleTimer(ms, refed) -> id
fn op_timers_schedule(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let ms = id_arg(scope, args.get(0));
    let refed = args.get(1).boolean_value(scope);
    // Like node's getLibuvNow(), scheduling refreshes the loop's clock first, so a
    // timer set after a long synchronous stretch counts from now, not from loop start.
    let event_loop = state::state(scope).event_loop.clone();
    event_loop.update_time();
    let id = event_loop.add_timer(ms, refed);
    rv.set(v8::Number::new(scope, id as f64).into());
}

fn op_timers_cancel(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let id = id_arg(scope, args.get(0));
    state::state(scope).event_loop.cancel_timer(id);
}

fn op_timers_set_ref(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let id = id_arg(scope, args.get(0));
    let refed = args.get(1).boolean_value(scope);
    state::state(scope).event_loop.set_timer_ref(id, refed);
}

/// The loop's cached time in ms: timers start counting from it, as in libuv.
fn op_timers_loop_time(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let event_loop = state::state(scope).event_loop.clone();
    event_loop.update_time();
    let now = event_loop.now();
    rv.set(v8::Number::new(scope, now as f64).into());
}

/// While ref'd immediates wait, an active idle handle keeps the loop alive and
/// makes the poll phase not block (node's toggleImmediateRef).
fn op_timers_toggle_immediate_ref(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let on = args.get(0).boolean_value(scope);
    let st = state::state(scope);
    if on {
        st.event_loop.start_handle(st.immediate_idle);
    } else {
        st.event_loop.stop_handle(st.immediate_idle);
    }
}
