//! Embeds every file under the workspace's `js/` directory into the binary as a
//! table of `(module id, source)` pairs, so built-ins need no files at run time.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "js") {
            let rel = path.strip_prefix(root).expect("under root").with_extension("");
            out.push((rel.to_string_lossy().replace('\\', "/"), path));
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let js_root = manifest.join("../../js").canonicalize().expect("js/ directory exists");
    println!("cargo:rerun-if-changed={}", js_root.display());
    let mut files = Vec::new();
    collect(&js_root, &js_root, &mut files);
    let mut code = String::from("pub static JS_SOURCES: &[(&str, &str)] = &[\n");
    for (id, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(code, "    ({id:?}, include_str!({:?})),", path.display().to_string()).expect("write to string");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("js_sources.rs");
    std::fs::write(out, code).expect("write js_sources.rs");
}
