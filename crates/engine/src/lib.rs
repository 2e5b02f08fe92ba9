//! rnode's engine: V8, the bindings (ops), the module loader and the glue
//! between JavaScript and the event loop.

pub mod bindings;
mod code_cache;
pub mod errno;
pub mod modules;
pub mod runtime;
pub mod state;

pub use runtime::{init_v8, run};
pub use state::StartupInfo;

/// The Node.js version rnode is compatible with (what `process.version` reports).
pub const NODE_COMPAT_VERSION: &str = "v20.20.2";

mod js_sources {
    include!(concat!(env!("OUT_DIR"), "/js_sources.rs"));
}

pub fn js_source(id: &str) -> Option<&'static str> {
    js_sources::JS_SOURCES.iter().find(|(name, _)| *name == id).map(|(_, src)| *src)
}

pub fn js_source_ids() -> impl Iterator<Item = &'static str> {
    js_sources::JS_SOURCES.iter().map(|(name, _)| *name)
}

/// Flushes our standard streams and ends the process. Writes from JavaScript are
/// synchronous, so nothing is buffered beyond Rust's own handles.
pub fn process_exit(code: i32) -> ! {
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(code)
}
