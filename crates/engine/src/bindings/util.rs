//! `internalBinding('util')`: the V8 introspection util.inspect needs, with
//! node's signatures (promise state, proxy parts, collection previews).

use super::{set_num, v8_str, Op};

const K_PENDING: i32 = 0;
const K_FULFILLED: i32 = 1;
const K_REJECTED: i32 = 2;
const ALL_PROPERTIES: i32 = 0;
const ONLY_ENUMERABLE: i32 = 2;

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "getPromiseDetails" => op_util_get_promise_details,
        "getProxyDetails" => op_util_get_proxy_details,
        "previewEntries" => op_util_preview_entries,
        "getOwnNonIndexProperties" => op_util_get_own_non_index_properties,
        "getConstructorName" => op_util_get_constructor_name,
        "panicForTest" => op_util_panic_for_test,
    }
}

/// Panics on purpose (reachable only through `--expose-internals`): shows
/// that a panic in an op becomes a JS error and the process goes on.
fn op_util_panic_for_test(
    _scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    panic!("panicForTest was called");
}

pub fn init<'s>(scope: &mut v8::PinScope<'s, '_>, obj: v8::Local<'s, v8::Object>) {
    let constants = v8::Object::new(scope);
    for (name, value) in [
        ("kPending", K_PENDING),
        ("kFulfilled", K_FULFILLED),
        ("kRejected", K_REJECTED),
        ("ALL_PROPERTIES", ALL_PROPERTIES),
        ("ONLY_ENUMERABLE", ONLY_ENUMERABLE),
    ] {
        set_num(scope, constants, name, value as f64);
    }
    super::set_value(scope, obj, "constants", constants.into());
}

fn op_util_get_promise_details(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Ok(promise) = v8::Local::<v8::Promise>::try_from(args.get(0)) else {
        return;
    };
    let state = match promise.state() {
        v8::PromiseState::Pending => K_PENDING,
        v8::PromiseState::Fulfilled => K_FULFILLED,
        v8::PromiseState::Rejected => K_REJECTED,
    };
    let state_value = v8::Integer::new(scope, state).into();
    let details = if state == K_PENDING {
        v8::Array::new_with_elements(scope, &[state_value])
    } else {
        let result = promise.result(scope);
        v8::Array::new_with_elements(scope, &[state_value, result])
    };
    rv.set(details.into());
}

fn op_util_get_proxy_details(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Ok(proxy) = v8::Local::<v8::Proxy>::try_from(args.get(0)) else {
        return;
    };
    let target = proxy.get_target(scope);
    let show_proxy = args.length() < 2 || args.get(1).boolean_value(scope);
    if show_proxy {
        let handler = proxy.get_handler(scope);
        rv.set(v8::Array::new_with_elements(scope, &[target, handler]).into());
    } else {
        rv.set(target);
    }
}

fn op_util_preview_entries(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Ok(obj) = v8::Local::<v8::Object>::try_from(args.get(0)) else {
        return;
    };
    let (entries, is_key_value) = obj.preview_entries(scope);
    let Some(entries) = entries else { return };
    if args.length() < 2 {
        rv.set(entries.into());
        return;
    }
    let flag = v8::Boolean::new(scope, is_key_value).into();
    rv.set(v8::Array::new_with_elements(scope, &[entries.into(), flag]).into());
}

fn op_util_get_own_non_index_properties(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Ok(obj) = v8::Local::<v8::Object>::try_from(args.get(0)) else {
        return;
    };
    let filter = args.get(1).int32_value(scope).unwrap_or(ALL_PROPERTIES);
    let property_filter = if filter & ONLY_ENUMERABLE != 0 {
        v8::PropertyFilter::ONLY_ENUMERABLE
    } else {
        v8::PropertyFilter::ALL_PROPERTIES
    };
    let names = obj.get_property_names(
        scope,
        v8::GetPropertyNamesArgsBuilder::new()
            .mode(v8::KeyCollectionMode::OwnOnly)
            .property_filter(property_filter)
            .index_filter(v8::IndexFilter::SkipIndices)
            .key_conversion(v8::KeyConversionMode::KeepNumbers)
            .build(),
    );
    if let Some(names) = names {
        rv.set(names.into());
    }
}

fn op_util_get_constructor_name(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Ok(obj) = v8::Local::<v8::Object>::try_from(args.get(0)) else {
        rv.set(v8_str(scope, "").into());
        return;
    };
    let name = obj.get_constructor_name().to_rust_string_lossy(scope);
    rv.set(v8_str(scope, &name).into());
}
