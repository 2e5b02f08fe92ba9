//! `internalBinding('heap')`: what node:v8 reports about the V8 heap, V8
//! flags set at run time, and heap snapshots.

use super::{set_num, set_str, Op};

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "heapStatistics" => op_heap_statistics,
        "heapSpaceStatistics" => op_heap_space_statistics,
        "heapCodeStatistics" => op_heap_code_statistics,
        "setFlagsFromString" => op_heap_set_flags_from_string,
        "cachedDataVersionTag" => op_heap_cached_data_version_tag,
        "takeSnapshot" => op_heap_take_snapshot,
    }
}

/// getHeapStatistics() in node's field names and order.
fn op_heap_statistics(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let stats = scope.get_heap_statistics();
    let obj = v8::Object::new(scope);
    let fields: [(&str, f64); 14] = [
        ("total_heap_size", stats.total_heap_size() as f64),
        ("total_heap_size_executable", stats.total_heap_size_executable() as f64),
        ("total_physical_size", stats.total_physical_size() as f64),
        ("total_available_size", stats.total_available_size() as f64),
        ("used_heap_size", stats.used_heap_size() as f64),
        ("heap_size_limit", stats.heap_size_limit() as f64),
        ("malloced_memory", stats.malloced_memory() as f64),
        ("peak_malloced_memory", stats.peak_malloced_memory() as f64),
        ("does_zap_garbage", f64::from(u8::from(stats.does_zap_garbage()))),
        ("number_of_native_contexts", stats.number_of_native_contexts() as f64),
        ("number_of_detached_contexts", stats.number_of_detached_contexts() as f64),
        ("total_global_handles_size", stats.total_global_handles_size() as f64),
        ("used_global_handles_size", stats.used_global_handles_size() as f64),
        ("external_memory", stats.external_memory() as f64),
    ];
    for (name, value) in fields {
        set_num(scope, obj, name, value);
    }
    rv.set(obj.into());
}

fn op_heap_space_statistics(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let count = scope.number_of_heap_spaces();
    let mut spaces: Vec<v8::Local<v8::Value>> = Vec::with_capacity(count);
    for index in 0..count {
        let Some(space) = scope.get_heap_space_statistics(index) else { continue };
        let obj = v8::Object::new(scope);
        set_str(scope, obj, "space_name", &space.space_name().to_string_lossy());
        set_num(scope, obj, "space_size", space.space_size() as f64);
        set_num(scope, obj, "space_used_size", space.space_used_size() as f64);
        set_num(scope, obj, "space_available_size", space.space_available_size() as f64);
        set_num(scope, obj, "physical_space_size", space.physical_space_size() as f64);
        spaces.push(obj.into());
    }
    rv.set(v8::Array::new_with_elements(scope, &spaces).into());
}

fn op_heap_code_statistics(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let obj = v8::Object::new(scope);
    if let Some(stats) = scope.get_heap_code_and_metadata_statistics() {
        set_num(scope, obj, "code_and_metadata_size", stats.code_and_metadata_size() as f64);
        set_num(scope, obj, "bytecode_and_metadata_size", stats.bytecode_and_metadata_size() as f64);
        set_num(scope, obj, "external_script_source_size", stats.external_script_source_size() as f64);
        set_num(scope, obj, "cpu_profiler_metadata_size", stats.cpu_profiler_metadata_size() as f64);
    }
    rv.set(obj.into());
}

fn op_heap_set_flags_from_string(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let flags = args.get(0).to_rust_string_lossy(scope);
    v8::V8::set_flags_from_string(&flags);
}

fn op_heap_cached_data_version_tag(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let tag = v8::script_compiler::cached_data_version_tag();
    rv.set(v8::Number::new(scope, f64::from(tag)).into());
}

/// takeSnapshot() -> the heap snapshot's JSON text.
fn op_heap_take_snapshot(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let mut json = Vec::new();
    scope.take_heap_snapshot(|chunk| {
        json.extend_from_slice(chunk);
        true
    });
    let text = String::from_utf8_lossy(&json);
    let Some(value) = v8::String::new(scope, &text) else {
        super::throw_error(scope, "heap snapshot too large for a string");
        return;
    };
    rv.set(value.into());
}
