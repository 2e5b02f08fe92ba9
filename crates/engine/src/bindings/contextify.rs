//! Compiling user code: CommonJS modules as functions (so errors carry the
//! file's own positions) and scripts for `-e`/`-p`.

use super::{builtins::compile_function, v8_str, Op};

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "compileFunction" => op_contextify_compile_function,
        "runScript" => op_contextify_run_script,
        "checkSyntax" => op_contextify_check_syntax,
        "containsModuleSyntax" => op_contextify_contains_module_syntax,
    }
}

fn string_array(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Vec<String> {
    let Ok(array) = v8::Local::<v8::Array>::try_from(value) else {
        return Vec::new();
    };
    (0..array.length()).filter_map(|i| array.get_index(scope, i)).map(|v| v.to_rust_string_lossy(scope)).collect()
}

/// The `(source, filename, params)` arguments the function-compiling ops share.
struct FunctionSource {
    source: String,
    filename: String,
    params: Vec<String>,
}

impl FunctionSource {
    fn from_args(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> FunctionSource {
        FunctionSource {
            source: args.get(0).to_rust_string_lossy(scope),
            filename: args.get(1).to_rust_string_lossy(scope),
            params: string_array(scope, args.get(2)),
        }
    }

    fn compile<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Function>> {
        let params: Vec<&str> = self.params.iter().map(String::as_str).collect();
        compile_function(scope, &self.source, &self.filename, &params)
    }
}

/// compileFunction(source, filename, params) -> Function (throws SyntaxError).
fn op_contextify_compile_function(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    if let Some(f) = FunctionSource::from_args(scope, &args).compile(scope) {
        rv.set(f.into());
    }
}

/// Compiles a classic script in the global scope (`-e`, stdin programs, the REPL).
pub fn compile_script<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    source: v8::Local<v8::Value>,
    filename: v8::Local<v8::Value>,
) -> Option<v8::Local<'s, v8::Script>> {
    let code = source.to_string(scope)?;
    let name = filename.to_string(scope)?;
    let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, 0, None, false, false, false, None);
    v8::Script::compile(scope, code, Some(&origin))
}

/// runScript(source, filename) -> completion value of the script.
fn op_contextify_run_script(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    if let Some(result) = compile_script(scope, args.get(0), args.get(1)).and_then(|s| s.run(scope)) {
        rv.set(result);
    }
}

/// checkSyntax(source, filename, params): compiles without running (`rnode -c`).
fn op_contextify_check_syntax(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    if FunctionSource::from_args(scope, &args).compile(scope).is_some() {
        rv.set(v8::Boolean::new(scope, true).into());
    }
}

/// containsModuleSyntax(source, filename, params): node 20.19's detection for
/// files with no "type": true when the source fails to compile as CommonJS but
/// compiles as an ES module (import/export, import.meta, top-level await).
fn op_contextify_contains_module_syntax(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let input = FunctionSource::from_args(scope, &args);
    v8::tc_scope!(let tc, scope);
    let is_module = input.compile(tc).is_none() && compiles_as_module(tc, &input.source, &input.filename);
    tc.reset();
    rv.set(v8::Boolean::new(tc, is_module).into());
}

fn compiles_as_module(scope: &mut v8::PinScope, source: &str, filename: &str) -> bool {
    let (Some(code), name) = (v8::String::new(scope, source), v8_str(scope, filename)) else { return false };
    let origin = v8::ScriptOrigin::new(scope, name.into(), 0, 0, false, 0, None, false, false, true, None);
    let mut src = v8::script_compiler::Source::new(code, Some(&origin));
    v8::script_compiler::compile_module(scope, &mut src).is_some()
}
