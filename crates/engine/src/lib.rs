//! rnode's engine: V8, the bindings (ops), the module loader and the glue
//! between JavaScript and the event loop.

pub mod bindings;
mod code_cache;
pub mod errno;
pub mod http_parser;
pub mod modules;
pub mod runtime;
pub mod state;
pub mod zlib;

pub use runtime::{init_v8, run};
pub use state::StartupInfo;

/// The Node.js version rnode is compatible with (what `process.version` reports).
pub const NODE_COMPAT_VERSION: &str = "v20.20.2";

mod js_sources {
    include!(concat!(env!("OUT_DIR"), "/js_sources.rs"));
}

pub fn js_source(id: &str) -> Option<&'static str> {
    let embedded = js_sources::JS_SOURCES.iter().find(|(name, _)| *name == id).map(|(_, src)| *src)?;
    Some(dev_js_source(id).unwrap_or(embedded))
}

/// Development aid: with `RNODE_DEV_JS_DIR=<checkout>/js`, the built-ins that
/// the binary embeds are read from that directory instead, so editing a
/// built-in needs no rebuild. Each file is read once and kept for the process.
fn dev_js_source(id: &str) -> Option<&'static str> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static DIR: OnceLock<Option<std::path::PathBuf>> = OnceLock::new();
    static READ: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let dir = DIR.get_or_init(|| std::env::var_os("RNODE_DEV_JS_DIR").map(std::path::PathBuf::from)).as_ref()?;
    let mut read = READ.get_or_init(Default::default).lock().ok()?;
    if let Some(source) = read.get(id) {
        return Some(source);
    }
    let source: &'static str = Box::leak(std::fs::read_to_string(dir.join(format!("{id}.js"))).ok()?.into_boxed_str());
    read.insert(id.to_string(), source);
    Some(source)
}

pub fn js_source_ids() -> impl Iterator<Item = &'static str> {
    js_sources::JS_SOURCES.iter().map(|(name, _)| *name)
}

/// Built-ins that load only with the `node:` scheme, as in node: a bare
/// `require('test')` is a package from node_modules.
pub const SCHEME_ONLY_BUILTINS: &[&str] = &["test", "test/reporters"];

/// The public built-in ids as the resolver spells them: `fs`, `node:test`.
pub fn public_builtin_ids() -> impl Iterator<Item = String> {
    js_source_ids().filter(|id| !id.starts_with("internal/")).map(|id| {
        if SCHEME_ONLY_BUILTINS.contains(&id) {
            format!("node:{id}")
        } else {
            id.to_string()
        }
    })
}

/// Flushes our standard streams and ends the process. Writes from JavaScript are
/// synchronous, so nothing is buffered beyond Rust's own handles.
pub fn process_exit(code: i32) -> ! {
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(code)
}
