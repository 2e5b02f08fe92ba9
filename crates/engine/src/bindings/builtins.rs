//! Compiles the embedded `js/` built-ins. Each is a function of
//! `(exports, require, module, internalBinding, primordials)`, named
//! `node:<id>` so stack traces read like node's.

use super::{throw_error, v8_str, Op};

const BUILTIN_PARAMS: &[&str] = &["exports", "require", "module", "internalBinding", "primordials"];

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "compileBuiltin" => op_builtins_compile,
    }
}

pub fn init<'s>(scope: &mut v8::PinScope<'s, '_>, obj: v8::Local<'s, v8::Object>) {
    let ids: Vec<v8::Local<v8::Value>> = crate::js_source_ids().map(|id| v8_str(scope, id).into()).collect();
    let array = v8::Array::new_with_elements(scope, &ids);
    super::set_value(scope, obj, "ids", array.into());
}

/// Compiles built-in `id` as a function with the given parameter names.
pub fn compile_builtin<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    id: &str,
    params: &[&str],
) -> Option<v8::Local<'s, v8::Function>> {
    let Some(source) = crate::js_source(id) else {
        throw_error(scope, &format!("No such built-in module: {id}"));
        return None;
    };
    tracing::debug!(target: "engine", id, "compiling built-in");
    let name = format!("node:{id}");
    compile_cached(scope, id, source, &name, params)
}

/// Compiles a built-in with the on-disk code cache: consumes a saved cache when
/// V8 accepts it, and saves a fresh one when there was none or it was rejected.
fn compile_cached<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    id: &str,
    source: &str,
    resource_name: &str,
    params: &[&str],
) -> Option<v8::Local<'s, v8::Function>> {
    let code = v8::String::new(scope, source)?;
    let name = v8_str(scope, resource_name);
    let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, 0, None, false, false, false, None);
    let cached = crate::code_cache::load(id, source);
    let (mut src, options) = match &cached {
        Some(bytes) => (
            v8::script_compiler::Source::new_with_cached_data(code, Some(&origin), v8::CachedData::new(bytes)),
            v8::script_compiler::CompileOptions::ConsumeCodeCache,
        ),
        None => (
            v8::script_compiler::Source::new(code, Some(&origin)),
            v8::script_compiler::CompileOptions::NoCompileOptions,
        ),
    };
    let params: Vec<v8::Local<v8::String>> = params.iter().map(|p| v8_str(scope, p)).collect();
    let function = v8::script_compiler::compile_function(
        scope,
        &mut src,
        &params,
        &[],
        options,
        v8::script_compiler::NoCacheReason::NoReason,
    )?;
    let rejected = src.get_cached_data().is_none_or(|c| c.rejected());
    if cached.is_none() || rejected {
        if let Some(data) = function.create_code_cache() {
            crate::code_cache::store(id, source, &data);
        }
    }
    Some(function)
}

/// Compiles `source` as the body of a function, keeping the file's own line and
/// column numbers (no wrapper text is added around the source).
pub fn compile_function<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: &str,
    resource_name: &str,
    params: &[&str],
) -> Option<v8::Local<'s, v8::Function>> {
    let code = v8::String::new(scope, source)?;
    let name = v8_str(scope, resource_name);
    let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, 0, None, false, false, false, None);
    let mut src = v8::script_compiler::Source::new(code, Some(&origin));
    let params: Vec<v8::Local<v8::String>> = params.iter().map(|p| v8_str(scope, p)).collect();
    v8::script_compiler::compile_function(
        scope,
        &mut src,
        &params,
        &[],
        v8::script_compiler::CompileOptions::NoCompileOptions,
        v8::script_compiler::NoCacheReason::NoReason,
    )
}

fn op_builtins_compile(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let id = args.get(0).to_rust_string_lossy(scope);
    if let Some(f) = compile_builtin(scope, &id, BUILTIN_PARAMS) {
        rv.set(f.into());
    }
}
