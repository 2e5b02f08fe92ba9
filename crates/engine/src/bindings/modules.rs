//! The `modules` binding: node's resolution algorithms (crate::modules, plain
//! Rust) for the JavaScript loaders. One resolver per isolate caches
//! package.json files; the cwd follows `process.chdir()`.

use std::path::{Path, PathBuf};

use super::{set_str, throw_error, v8_str, Op};
use crate::modules::{CjsRequest, Config, EsmResolved, Format, NodeError, RealFs, ResolveError, Resolved, Resolver};
use crate::state;

pub type SharedResolver = std::cell::RefCell<Option<Resolver<RealFs>>>;

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "resolveCjs" => op_modules_resolve_cjs,
        "resolveEsm" => op_modules_resolve_esm,
        "esmFormat" => op_modules_esm_format,
        "cjsFormat" => op_modules_cjs_format,
        "nodeModulePaths" => op_modules_node_module_paths,
        "packageJsonPath" => op_modules_package_json_path,
    }
}

fn new_resolver(startup: &state::StartupInfo) -> Resolver<RealFs> {
    let builtins = crate::public_builtin_ids();
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let mut config = Config::new(builtins, cwd);
    let node_path = std::env::var("NODE_PATH").ok();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let exec_path = std::env::current_exe().unwrap_or_default();
    config.global_paths = Config::global_paths(node_path.as_deref(), home.as_deref(), &exec_path);
    config.conditions = startup.option_values("--conditions");
    config.preserve_symlinks = startup.option("--preserve-symlinks") == Some("true")
        || std::env::var("NODE_PRESERVE_SYMLINKS").as_deref() == Ok("1");
    config.preserve_symlinks_main = startup.option("--preserve-symlinks-main") == Some("true");
    Resolver::new(RealFs, config)
}

/// Runs `f` with the isolate's resolver, created on first use, its cwd current.
fn with_resolver<R>(scope: &mut v8::PinScope, f: impl FnOnce(&Resolver<RealFs>) -> R) -> R {
    let st = state::state(scope);
    let mut slot = st.resolver.borrow_mut();
    let resolver = slot.get_or_insert_with(|| new_resolver(&st.startup));
    if let Ok(cwd) = std::env::current_dir() {
        resolver.config.cwd = cwd;
    }
    f(resolver)
}

/// Throws a resolution error as node does: the right class, `code`, and the
/// `path`/`url`/`requestPath` properties when known. CommonJS "not found"
/// returns undefined instead: JavaScript adds the require stack.
fn throw_resolve_error(scope: &mut v8::PinScope, err: &NodeError) {
    let class = match err.class {
        crate::modules::ErrorClass::Error => "Error",
        crate::modules::ErrorClass::TypeError => "TypeError",
        crate::modules::ErrorClass::SyntaxError => "SyntaxError",
    };
    let desc = v8::Object::new(scope);
    set_str(scope, desc, "class", class);
    set_str(scope, desc, "message", &err.message);
    let fields = [("code", err.code.map(String::from)), ("path", err.path.clone()), ("url", err.url.clone())];
    for (name, value) in fields {
        if let Some(value) = value {
            set_str(scope, desc, name, &value);
        }
    }
    if let Some(request_path) = &err.request_path {
        set_str(scope, desc, "requestPath", request_path);
    }
    if let Some(json) = &err.json {
        set_str(scope, desc, "jsonPrefix", &json.prefix);
        set_str(scope, desc, "jsonSource", &json.source);
    }
    let key = v8_str(scope, "__rnodeResolveError");
    let marker = v8::Boolean::new(scope, true);
    desc.set(scope, key.into(), marker.into());
    scope.throw_exception(desc.into());
}

fn string_list(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<Vec<PathBuf>> {
    let array = v8::Local::<v8::Array>::try_from(value).ok()?;
    Some(
        (0..array.length())
            .filter_map(|i| array.get_index(scope, i))
            .map(|v| v.to_rust_string_lossy(scope).into())
            .collect(),
    )
}

fn optional_string(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<String> {
    (value.is_string()).then(|| value.to_rust_string_lossy(scope))
}

/// resolveCjs(request, parentFilename?, parentPaths?, optionPaths?) -> filename,
/// `node:<id>` for a built-in, or undefined when nothing matched.
fn op_modules_resolve_cjs(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let request = args.get(0).to_rust_string_lossy(scope);
    let parent = optional_string(scope, args.get(1)).map(PathBuf::from);
    let parent_paths = string_list(scope, args.get(2));
    let paths = string_list(scope, args.get(3));
    let req = CjsRequest { parent: parent.as_deref(), parent_paths: parent_paths.as_deref(), paths: paths.as_deref() };
    let result = with_resolver(scope, |r| r.resolve_cjs_with(&request, &req));
    match result {
        Ok(Resolved::Builtin(id)) => rv.set(v8_str(scope, &format!("node:{id}")).into()),
        Ok(Resolved::File(path)) => rv.set(v8_str(scope, &path.to_string_lossy()).into()),
        Err(ResolveError::NotFound { .. }) => {}
        Err(ResolveError::Node(err)) => throw_resolve_error(scope, &err),
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::CommonJs => "commonjs",
        Format::Module => "module",
        Format::Detect => "detect",
        Format::Json => "json",
        Format::Addon => "addon",
        Format::Builtin => "builtin",
    }
}

/// resolveEsm(specifier, parentUrlOrPath?) -> [url, format]
fn op_modules_resolve_esm(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let specifier = args.get(0).to_rust_string_lossy(scope);
    let parent = optional_string(scope, args.get(1));
    let result = with_resolver(scope, |r| {
        let resolved = r.resolve_esm(&specifier, parent.as_deref())?;
        let format = match &resolved {
            EsmResolved::Builtin(_) => Format::Builtin,
            EsmResolved::File { path, .. } => r.esm_format(path)?,
            EsmResolved::Data(_) => Format::Module,
        };
        Ok::<_, ResolveError>((resolved.url(), format))
    });
    match result {
        Ok((url, format)) => {
            let url = v8_str(scope, &url).into();
            let format = v8_str(scope, format_name(format)).into();
            rv.set(v8::Array::new_with_elements(scope, &[url, format]).into());
        }
        Err(ResolveError::NotFound { request }) => throw_error(scope, &format!("Cannot find module '{request}'")),
        Err(ResolveError::Node(err)) => throw_resolve_error(scope, &err),
    }
}

fn format_op(
    scope: &mut v8::PinScope,
    args: &v8::FunctionCallbackArguments,
    rv: &mut v8::ReturnValue<v8::Value>,
    pick: fn(&Resolver<RealFs>, &Path) -> Result<Format, ResolveError>,
) {
    let path = PathBuf::from(args.get(0).to_rust_string_lossy(scope));
    match with_resolver(scope, |r| pick(r, &path)) {
        Ok(format) => rv.set(v8_str(scope, format_name(format)).into()),
        Err(ResolveError::Node(err)) => throw_resolve_error(scope, &err),
        Err(err) => throw_error(scope, &err.message()),
    }
}

/// esmFormat(path) -> how `import` loads it ('module', 'commonjs', 'detect', 'json', ...).
fn op_modules_esm_format(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    format_op(scope, &args, &mut rv, Resolver::esm_format);
}

/// cjsFormat(path) -> how `require` loads it.
fn op_modules_cjs_format(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    format_op(scope, &args, &mut rv, Resolver::cjs_format);
}

fn op_modules_node_module_paths(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let from = PathBuf::from(args.get(0).to_rust_string_lossy(scope));
    let paths: Vec<v8::Local<v8::Value>> =
        crate::modules::node_module_paths(&from).iter().map(|p| v8_str(scope, &p.to_string_lossy()).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &paths).into());
}

/// packageJsonPath(dir) -> the nearest package.json's path (package scope), if any.
fn op_modules_package_json_path(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let dir = PathBuf::from(args.get(0).to_rust_string_lossy(scope));
    match with_resolver(scope, |r| r.nearest_package_json(&dir)) {
        Ok(Some(pkg)) => rv.set(v8_str(scope, &pkg.path.to_string_lossy()).into()),
        Ok(None) => {}
        Err(ResolveError::Node(err)) => throw_resolve_error(scope, &err),
        Err(err) => throw_error(scope, &err.message()),
    }
}
