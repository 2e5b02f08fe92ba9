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
    let scheme_only: Vec<v8::Local<v8::Value>> =
        crate::SCHEME_ONLY_BUILTINS.iter().map(|id| v8_str(scope, id).into()).collect();
    let array = v8::Array::new_with_elements(scope, &scheme_only);
    super::set_value(scope, obj, "schemeOnly", array.into());
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
    let cached = crate::code_cache::load(id, source);
    let (function, accepted) = compile_with_cache(scope, source, resource_name, params, cached.as_deref())?;
    if !accepted {
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
    compile_with_cache(scope, source, resource_name, params, None).map(|(function, _)| function)
}

/// The one place functions are compiled; with `cache`, V8 consumes it. Returns
/// the function and whether a given cache was accepted (false without one).
fn compile_with_cache<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: &str,
    resource_name: &str,
    params: &[&str],
    cache: Option<&[u8]>,
) -> Option<(v8::Local<'s, v8::Function>, bool)> {
    use v8::script_compiler::{CompileOptions, NoCacheReason, Source};
    let code = v8::String::new(scope, source)?;
    let name = v8_str(scope, resource_name);
    let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, 0, None, false, false, false, None);
    let (mut src, options) = match cache {
        Some(bytes) => (
            Source::new_with_cached_data(code, Some(&origin), v8::CachedData::new(bytes)),
            CompileOptions::ConsumeCodeCache,
        ),
        None => (Source::new(code, Some(&origin)), CompileOptions::NoCompileOptions),
    };
    let params: Vec<v8::Local<v8::String>> = params.iter().map(|p| v8_str(scope, p)).collect();
    let function =
        v8::script_compiler::compile_function(scope, &mut src, &params, &[], options, NoCacheReason::NoReason)?;
    let accepted = cache.is_some() && src.get_cached_data().is_some_and(|c| !c.rejected());
    Some((function, accepted))
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
