//! Module formats (`esm_format`, `cjs_format`).

use std::path::Path;

use super::{resolver, show, MemFs};
use crate::modules::Format;

fn tree() -> MemFs {
    MemFs::new()
        .file("/m/package.json", r#"{"type": "module"}"#)
        .file("/c/package.json", r#"{"type": "commonjs"}"#)
        .file("/n/package.json", r#"{"name": "n"}"#)
        .file("/m/node_modules/dep/index.js", "")
}

#[test]
fn esm_format_by_extension() {
    let r = resolver(tree());
    assert_eq!(r.esm_format(Path::new("/n/a.mjs")), Ok(Format::Module));
    assert_eq!(r.esm_format(Path::new("/m/a.cjs")), Ok(Format::CommonJs));
    assert_eq!(r.esm_format(Path::new("/m/a.json")), Ok(Format::Json));
}

#[test]
fn esm_format_js_follows_type() {
    let r = resolver(tree());
    assert_eq!(r.esm_format(Path::new("/m/sub/a.js")), Ok(Format::Module));
    assert_eq!(r.esm_format(Path::new("/c/a.js")), Ok(Format::CommonJs));
    assert_eq!(r.esm_format(Path::new("/n/a.js")), Ok(Format::Detect));
    assert_eq!(r.esm_format(Path::new("/none/a.js")), Ok(Format::Detect));
}

#[test]
fn esm_format_extensionless_follows_type() {
    let r = resolver(tree());
    assert_eq!(r.esm_format(Path::new("/m/bin/cli")), Ok(Format::Module));
    assert_eq!(r.esm_format(Path::new("/c/cli")), Ok(Format::CommonJs));
    assert_eq!(r.esm_format(Path::new("/n/.hidden")), Ok(Format::Detect));
}

#[test]
fn package_scope_stops_at_node_modules() {
    let r = resolver(tree());
    assert_eq!(r.esm_format(Path::new("/m/node_modules/dep/index.js")), Ok(Format::Detect));
}

#[test]
fn unknown_extension_under_esm() {
    let r = resolver(tree());
    for (file, ext) in [("/m/x.ts", ".ts"), ("/m/x.node", ".node"), ("/m/x.wasm", ".wasm"), ("/m/x.d.ts", ".ts")] {
        let err = r.esm_format(Path::new(file)).unwrap_err();
        assert_eq!(show(&err), format!("ERR_UNKNOWN_FILE_EXTENSION: Unknown file extension \"{ext}\" for {file}"));
    }
}

#[test]
fn cjs_format_rules() {
    let r = resolver(tree());
    assert_eq!(r.cjs_format(Path::new("/m/a.js")), Ok(Format::Module));
    assert_eq!(r.cjs_format(Path::new("/c/a.js")), Ok(Format::CommonJs));
    assert_eq!(r.cjs_format(Path::new("/n/a.js")), Ok(Format::Detect));
    assert_eq!(r.cjs_format(Path::new("/m/a.cjs")), Ok(Format::CommonJs));
    assert_eq!(r.cjs_format(Path::new("/n/a.mjs")), Ok(Format::Module));
    assert_eq!(r.cjs_format(Path::new("/m/a.json")), Ok(Format::Json));
    assert_eq!(r.cjs_format(Path::new("/m/a.node")), Ok(Format::Addon));
    assert_eq!(r.cjs_format(Path::new("/m/a.ts")), Ok(Format::CommonJs));
    assert_eq!(r.cjs_format(Path::new("/m/cli")), Ok(Format::CommonJs));
}

#[test]
fn invalid_package_json_during_format() {
    let r = resolver(MemFs::new().file("/b/package.json", "{"));
    let err = r.esm_format(Path::new("/b/a.js")).unwrap_err();
    assert!(
        err.message().starts_with("Invalid package config /b/package.json while importing /b/a.js. "),
        "{}",
        err.message()
    );
}
