//! The `module_wrap` binding: ES modules through V8's module API. JavaScript
//! (`internal/modules/esm/loader`) drives loading and resolution; Rust keeps the
//! compiled modules, links each one to the children JavaScript resolved for it,
//! and routes V8's host callbacks (dynamic `import()`, `import.meta`) to JavaScript.

use std::cell::RefCell;

use super::{throw_error, v8_str, Op};
use crate::state;

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "compileModule" => op_module_wrap_compile,
        "createSyntheticModule" => op_module_wrap_create_synthetic,
        "link" => op_module_wrap_link,
        "instantiate" => op_module_wrap_instantiate,
        "evaluate" => op_module_wrap_evaluate,
        "getNamespace" => op_module_wrap_get_namespace,
        "getStatus" => op_module_wrap_get_status,
        "getException" => op_module_wrap_get_exception,
        "isGraphAsync" => op_module_wrap_is_graph_async,
        "setHooks" => op_module_wrap_set_hooks,
        "setSyntheticExports" => op_module_wrap_set_synthetic_exports,
    }
}

/// One compiled module: its V8 handle, URL, the specifiers it requests (in
/// request order) and the module ids JavaScript resolved them to.
pub struct ModuleRecord {
    module: v8::Global<v8::Module>,
    url: String,
    specifiers: Vec<String>,
    children: Vec<usize>,
    /// For synthetic modules (CommonJS, JSON, built-ins): returns the exports object.
    evaluator: Option<v8::Global<v8::Function>>,
    export_names: Vec<String>,
}

/// JavaScript functions V8's module host callbacks call.
pub struct ModuleHooks {
    import_dynamically: v8::Global<v8::Function>,
    initialize_import_meta: v8::Global<v8::Function>,
}

#[derive(Default)]
pub struct ModuleMap {
    records: Vec<ModuleRecord>,
    hooks: Option<ModuleHooks>,
}

pub type SharedModuleMap = RefCell<ModuleMap>;

/// Installs V8's host callbacks for `import()` and `import.meta` on the isolate.
pub fn install_host_callbacks(isolate: &mut v8::Isolate) {
    isolate.set_host_import_module_dynamically_callback(import_module_dynamically);
    isolate.set_host_initialize_import_meta_object_callback(initialize_import_meta);
}

fn record_id(scope: &mut v8::PinScope, module: v8::Local<v8::Module>) -> Option<usize> {
    let st = state::state(scope);
    let map = st.modules.borrow();
    let hash = module.get_identity_hash();
    map.records.iter().position(|r| {
        let candidate = v8::Local::new(scope, &r.module);
        candidate.get_identity_hash() == hash && candidate == module
    })
}

fn module_of<'s>(scope: &mut v8::PinScope<'s, '_>, id: usize) -> Option<v8::Local<'s, v8::Module>> {
    let st = state::state(scope);
    let map = st.modules.borrow();
    map.records.get(id).map(|r| v8::Local::new(scope, &r.module))
}

fn id_arg(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<usize> {
    let id = value.uint32_value(scope)? as usize;
    let exists = state::state(scope).modules.borrow().records.len() > id;
    if !exists {
        throw_error(scope, &format!("no module with id {id}"));
        return None;
    }
    Some(id)
}

fn register(scope: &mut v8::PinScope, module: v8::Local<v8::Module>, record: ModuleRecordInit) -> usize {
    let st = state::state(scope);
    let mut map = st.modules.borrow_mut();
    map.records.push(ModuleRecord {
        module: v8::Global::new(scope, module),
        url: record.url,
        specifiers: record.specifiers,
        children: Vec::new(),
        evaluator: record.evaluator,
        export_names: record.export_names,
    });
    map.records.len() - 1
}

struct ModuleRecordInit {
    url: String,
    specifiers: Vec<String>,
    evaluator: Option<v8::Global<v8::Function>>,
    export_names: Vec<String>,
}

/// The `type` import attribute of a request (`with { type: 'json' }`), if any.
fn request_type(scope: &mut v8::PinScope, request: v8::Local<v8::ModuleRequest>) -> Option<String> {
    let attrs = request.get_import_attributes();
    // Layout: [key, value, source offset, key, value, source offset, ...]
    (0..attrs.length()).step_by(3).find_map(|i| {
        let key = attrs.get(scope, i)?;
        let key = v8::Local::<v8::Value>::try_from(key).ok()?.to_rust_string_lossy(scope);
        if key != "type" {
            return None;
        }
        let value = attrs.get(scope, i + 1)?;
        Some(v8::Local::<v8::Value>::try_from(value).ok()?.to_rust_string_lossy(scope))
    })
}

/// compileModule(source, url) -> [id, [[specifier, type], ...]]; throws SyntaxError.
fn op_module_wrap_compile(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(source) = args.get(0).to_string(scope) else { return };
    let url = args.get(1).to_rust_string_lossy(scope);
    let name = v8_str(scope, &url);
    let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, 0, None, false, false, true, None);
    let mut src = v8::script_compiler::Source::new(source, Some(&origin));
    let Some(module) = v8::script_compiler::compile_module(scope, &mut src) else { return };
    let requests = module.get_module_requests();
    let mut specifiers = Vec::new();
    let mut request_values = Vec::new();
    for i in 0..requests.length() {
        let Some(request) = requests.get(scope, i).and_then(|d| v8::Local::<v8::ModuleRequest>::try_from(d).ok())
        else {
            continue;
        };
        let specifier = request.get_specifier().to_rust_string_lossy(scope);
        let kind = request_type(scope, request);
        let spec_value = v8_str(scope, &specifier).into();
        let kind_value = match &kind {
            Some(k) => v8_str(scope, k).into(),
            None => v8::undefined(scope).into(),
        };
        request_values.push(v8::Array::new_with_elements(scope, &[spec_value, kind_value]).into());
        specifiers.push(specifier);
    }
    let id = register(scope, module, ModuleRecordInit { url, specifiers, evaluator: None, export_names: Vec::new() });
    let id_value = v8::Number::new(scope, id as f64).into();
    let requests = v8::Array::new_with_elements(scope, &request_values).into();
    rv.set(v8::Array::new_with_elements(scope, &[id_value, requests]).into());
}

/// createSyntheticModule(url, exportNames, evaluate) -> id. `evaluate()` runs when
/// the module is evaluated and returns the object the exports are read from.
fn op_module_wrap_create_synthetic(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let url = args.get(0).to_rust_string_lossy(scope);
    let Ok(names) = v8::Local::<v8::Array>::try_from(args.get(1)) else { return };
    let Ok(evaluate) = v8::Local::<v8::Function>::try_from(args.get(2)) else { return };
    let export_names: Vec<String> =
        (0..names.length()).filter_map(|i| names.get_index(scope, i)).map(|v| v.to_rust_string_lossy(scope)).collect();
    let name_values: Vec<v8::Local<v8::String>> = export_names.iter().map(|n| v8_str(scope, n)).collect();
    let module_name = v8_str(scope, &url);
    let module = v8::Module::create_synthetic_module(scope, module_name, &name_values, synthetic_evaluation_steps);
    let evaluator = Some(v8::Global::new(scope, evaluate));
    let id = register(scope, module, ModuleRecordInit { url, specifiers: Vec::new(), evaluator, export_names });
    rv.set(v8::Number::new(scope, id as f64).into());
}

fn synthetic_evaluation_steps<'s>(
    context: v8::Local<'s, v8::Context>,
    module: v8::Local<'s, v8::Module>,
) -> Option<v8::Local<'s, v8::Value>> {
    v8::callback_scope!(unsafe scope, context);
    let id = record_id(scope, module)?;
    let (evaluator, names) = {
        let st = state::state(scope);
        let map = st.modules.borrow();
        let record = map.records.get(id)?;
        (v8::Local::new(scope, record.evaluator.as_ref()?), record.export_names.clone())
    };
    let recv = v8::undefined(scope).into();
    let exports = evaluator.call(scope, recv, &[])?;
    let exports = v8::Local::<v8::Object>::try_from(exports).ok()?;
    for name in names {
        let key = v8_str(scope, &name);
        let value = exports.get(scope, key.into())?;
        module.set_synthetic_module_export(scope, key, value)?;
    }
    let resolver = v8::PromiseResolver::new(scope)?;
    let undefined = v8::undefined(scope).into();
    resolver.resolve(scope, undefined);
    Some(resolver.get_promise(scope).into())
}

/// link(id, childIds): the modules its requests resolved to, in request order.
fn op_module_wrap_link(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let Some(id) = id_arg(scope, args.get(0)) else { return };
    let Ok(children) = v8::Local::<v8::Array>::try_from(args.get(1)) else { return };
    let children: Vec<usize> = (0..children.length())
        .filter_map(|i| children.get_index(scope, i))
        .filter_map(|v| v.uint32_value(scope))
        .map(|v| v as usize)
        .collect();
    if let Some(record) = state::state(scope).modules.borrow_mut().records.get_mut(id) {
        record.children = children;
    }
}

fn resolve_linked<'s>(
    context: v8::Local<'s, v8::Context>,
    specifier: v8::Local<'s, v8::String>,
    _import_attributes: v8::Local<'s, v8::FixedArray>,
    referrer: v8::Local<'s, v8::Module>,
) -> Option<v8::Local<'s, v8::Module>> {
    v8::callback_scope!(unsafe scope, context);
    let specifier = specifier.to_rust_string_lossy(scope);
    let Some(parent) = record_id(scope, referrer) else {
        throw_error(scope, &format!("cannot link '{specifier}': unknown referrer"));
        return None;
    };
    let child = {
        let st = state::state(scope);
        let map = st.modules.borrow();
        let record = map.records.get(parent)?;
        record.specifiers.iter().position(|s| *s == specifier).and_then(|i| record.children.get(i).copied())
    };
    match child {
        Some(child) => module_of(scope, child),
        None => {
            throw_error(scope, &format!("module '{specifier}' was not linked"));
            None
        }
    }
}

fn op_module_wrap_instantiate(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(id) = id_arg(scope, args.get(0)) else { return };
    let Some(module) = module_of(scope, id) else { return };
    if module.get_status() != v8::ModuleStatus::Uninstantiated {
        return;
    }
    if let Some(ok) = module.instantiate_module(scope, resolve_linked) {
        rv.set(v8::Boolean::new(scope, ok).into());
    }
}

/// evaluate(id) -> the evaluation promise (top-level await settles it).
fn op_module_wrap_evaluate(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(id) = id_arg(scope, args.get(0)) else { return };
    let Some(module) = module_of(scope, id) else { return };
    if let Some(result) = module.evaluate(scope) {
        rv.set(result);
    }
}

/// setSyntheticExports(id, object): sets an evaluated synthetic module's named
/// exports again from `object` (module.syncBuiltinESMExports).
fn op_module_wrap_set_synthetic_exports(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let Some(id) = id_arg(scope, args.get(0)) else { return };
    let Ok(exports) = v8::Local::<v8::Object>::try_from(args.get(1)) else { return };
    let Some(module) = module_of(scope, id) else { return };
    if !module.is_synthetic_module() || module.get_status() != v8::ModuleStatus::Evaluated {
        return;
    }
    let names = state::state(scope).modules.borrow().records.get(id).map(|r| r.export_names.clone());
    for name in names.unwrap_or_default().iter().filter(|n| n.as_str() != "default") {
        let key = v8_str(scope, name);
        let Some(value) = exports.get(scope, key.into()) else { return };
        if module.set_synthetic_module_export(scope, key, value).is_none() {
            return;
        }
    }
}

fn op_module_wrap_get_namespace(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(id) = id_arg(scope, args.get(0)) else { return };
    let Some(module) = module_of(scope, id) else { return };
    if matches!(module.get_status(), v8::ModuleStatus::Uninstantiated | v8::ModuleStatus::Instantiating) {
        throw_error(scope, "cannot get the namespace of a module that is not instantiated");
        return;
    }
    rv.set(module.get_module_namespace());
}

/// getStatus(id) -> 'unlinked' | 'linking' | 'linked' | 'evaluating' | 'evaluated' | 'errored'
fn op_module_wrap_get_status(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(id) = id_arg(scope, args.get(0)) else { return };
    let Some(module) = module_of(scope, id) else { return };
    let status = match module.get_status() {
        v8::ModuleStatus::Uninstantiated => "unlinked",
        v8::ModuleStatus::Instantiating => "linking",
        v8::ModuleStatus::Instantiated => "linked",
        v8::ModuleStatus::Evaluating => "evaluating",
        v8::ModuleStatus::Evaluated => "evaluated",
        v8::ModuleStatus::Errored => "errored",
    };
    rv.set(v8_str(scope, status).into());
}

fn op_module_wrap_get_exception(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(id) = id_arg(scope, args.get(0)) else { return };
    let Some(module) = module_of(scope, id) else { return };
    if module.get_status() == v8::ModuleStatus::Errored {
        rv.set(module.get_exception());
    }
}

/// isGraphAsync(id): whether evaluating the (instantiated) graph involves top-level await.
fn op_module_wrap_is_graph_async(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(id) = id_arg(scope, args.get(0)) else { return };
    let Some(module) = module_of(scope, id) else { return };
    let is_async = module.is_source_text_module() && module.is_graph_async();
    rv.set(v8::Boolean::new(scope, is_async).into());
}

fn op_module_wrap_set_hooks(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let hook = |scope: &mut v8::PinScope, i: i32| {
        v8::Local::<v8::Function>::try_from(args.get(i)).ok().map(|f| v8::Global::new(scope, f))
    };
    let (Some(import_dynamically), Some(initialize_import_meta)) = (hook(scope, 0), hook(scope, 1)) else {
        throw_error(scope, "setHooks(importModuleDynamically, initializeImportMeta) takes two functions");
        return;
    };
    state::state(scope).modules.borrow_mut().hooks = Some(ModuleHooks { import_dynamically, initialize_import_meta });
}

fn hook_function<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    pick: fn(&ModuleHooks) -> &v8::Global<v8::Function>,
) -> Option<v8::Local<'s, v8::Function>> {
    let st = state::state(scope);
    let map = st.modules.borrow();
    map.hooks.as_ref().map(|h| v8::Local::new(scope, pick(h)))
}

/// `import(specifier)` anywhere: JavaScript resolves relative to the referrer's
/// resource name (a file path for CommonJS, a file: URL for ES modules).
fn import_module_dynamically<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    _host_defined_options: v8::Local<'s, v8::Data>,
    resource_name: v8::Local<'s, v8::Value>,
    specifier: v8::Local<'s, v8::String>,
    import_attributes: v8::Local<'s, v8::FixedArray>,
) -> Option<v8::Local<'s, v8::Promise>> {
    let kind = dynamic_import_type(scope, import_attributes);
    let Some(hook) = hook_function(scope, |h| &h.import_dynamically) else {
        throw_error(scope, "dynamic import() is not available yet");
        return None;
    };
    let recv = v8::undefined(scope).into();
    let result = hook.call(scope, recv, &[specifier.into(), resource_name, kind])?;
    v8::Local::<v8::Promise>::try_from(result).ok()
}

/// The `type` attribute of a dynamic import: [key, value, key, value, ...].
fn dynamic_import_type<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    attrs: v8::Local<'s, v8::FixedArray>,
) -> v8::Local<'s, v8::Value> {
    for i in (0..attrs.length()).step_by(2) {
        let pair = (attrs.get(scope, i), attrs.get(scope, i + 1));
        if let (Some(key), Some(value)) = pair {
            let key = v8::Local::<v8::Value>::try_from(key).ok();
            let value = v8::Local::<v8::Value>::try_from(value).ok();
            if let (Some(key), Some(value)) = (key, value) {
                if key.to_rust_string_lossy(scope) == "type" {
                    return value;
                }
            }
        }
    }
    v8::undefined(scope).into()
}

extern "C" fn initialize_import_meta(
    context: v8::Local<v8::Context>,
    module: v8::Local<v8::Module>,
    meta: v8::Local<v8::Object>,
) {
    v8::callback_scope!(unsafe scope, context);
    let Some(id) = record_id(scope, module) else { return };
    let url = {
        let st = state::state(scope);
        let map = st.modules.borrow();
        map.records.get(id).map(|r| r.url.clone()).unwrap_or_default()
    };
    let Some(hook) = hook_function(scope, |h| &h.initialize_import_meta) else { return };
    let url = v8_str(scope, &url).into();
    let recv = v8::undefined(scope).into();
    hook.call(scope, recv, &[meta.into(), url]);
}
