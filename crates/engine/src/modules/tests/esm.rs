//! ESM resolution (`import`).

use std::path::PathBuf;

use super::{resolver, show, MemFs};
use crate::modules::{Config, EsmResolved, ResolveError, Resolver};

const P: &str = "/app/main.mjs";

fn file(r: &Resolver<MemFs>, spec: &str, parent: &str) -> String {
    match r.resolve_esm(spec, Some(parent)) {
        Ok(EsmResolved::File { url, .. }) => url,
        other => panic!("import '{spec}' from {parent}: {other:?}"),
    }
}

fn err(r: &Resolver<MemFs>, spec: &str) -> String {
    match r.resolve_esm(spec, Some(P)) {
        Ok(found) => panic!("import '{spec}' resolved to {found:?}"),
        Err(e) => show(&e),
    }
}

#[test]
fn relative_and_absolute_files() {
    let r = resolver(MemFs::new().files(&["/app/a.js", "/lib/b.mjs"]));
    assert_eq!(file(&r, "./a.js", P), "file:///app/a.js");
    assert_eq!(file(&r, "../lib/b.mjs", P), "file:///lib/b.mjs");
    assert_eq!(file(&r, "/lib/b.mjs", P), "file:///lib/b.mjs");
    assert_eq!(file(&r, "file:///lib/b.mjs", P), "file:///lib/b.mjs");
}

#[test]
fn parent_may_be_a_url() {
    let r = resolver(MemFs::new().files(&["/app/a.js"]));
    assert_eq!(file(&r, "./a.js", "file:///app/main.mjs"), "file:///app/a.js");
}

#[test]
fn result_has_path_and_url() {
    let r = resolver(MemFs::new().files(&["/app/a b.js"]));
    let got = r.resolve_esm("./a%20b.js", Some(P)).unwrap();
    assert_eq!(got, EsmResolved::File { path: PathBuf::from("/app/a b.js"), url: "file:///app/a%20b.js".into() });
    assert_eq!(got.url(), "file:///app/a%20b.js");
}

#[test]
fn file_urls_are_percent_decoded() {
    let r = resolver(MemFs::new().files(&["/app/a b.js"]));
    assert_eq!(file(&r, "file:///app/a%20b.js", P), "file:///app/a%20b.js");
    assert_eq!(
        err(&r, "file:///app/c%20d.js"),
        "ERR_MODULE_NOT_FOUND: Cannot find module '/app/c d.js' imported from /app/main.mjs"
    );
}

#[test]
fn query_and_fragment_are_kept() {
    let r = resolver(MemFs::new().files(&["/app/a.js"]));
    assert_eq!(file(&r, "./a.js?v=1#top", P), "file:///app/a.js?v=1#top");
}

#[test]
fn no_extension_guessing() {
    let r = resolver(MemFs::new().files(&["/app/a.js"]));
    let ResolveError::Node(e) = r.resolve_esm("./a", Some(P)).unwrap_err() else { panic!() };
    assert_eq!(e.code, Some("ERR_MODULE_NOT_FOUND"));
    assert!(e.message.starts_with("Cannot find module '/app/a' imported from /app/main.mjs"), "{}", e.message);
    assert_eq!(e.url.as_deref(), Some("file:///app/a"));
}

#[test]
fn not_found_hint_for_relative_uses_the_cwd_like_node() {
    let fs = MemFs::new().files(&["/cwd/a.js", "/cwd/main.mjs", "/cwd/esm/x.js", "/app/a.js"]);
    let r = resolver(fs);
    let got = r.resolve_esm("./a", Some("/cwd/main.mjs")).unwrap_err().message();
    assert_eq!(got, "Cannot find module '/cwd/a' imported from /cwd/main.mjs\nDid you mean to import \"./a.js\"?");
    let got = r.resolve_esm("./esm/x", Some("/cwd/main.mjs")).unwrap_err().message();
    assert_eq!(
        got,
        "Cannot find module '/cwd/esm/x' imported from /cwd/main.mjs\nDid you mean to import \"./esm/x.js\"?"
    );
    // node's hint resolves relative requests from the cwd, not the parent
    // (checked: node 20 suggests "../dm/z.js" for a z.js in its cwd).
    assert_eq!(
        err(&r, "./a"),
        "ERR_MODULE_NOT_FOUND: Cannot find module '/app/a' imported from /app/main.mjs\nDid you mean to import \"../cwd/a.js\"?"
    );
    assert_eq!(err(&r, "./b"), "ERR_MODULE_NOT_FOUND: Cannot find module '/app/b' imported from /app/main.mjs");
}

#[test]
fn not_found_hint_for_absolute_and_bare() {
    let fs = MemFs::new()
        .files(&["/app/a.js", "/app/node_modules/nm3/lib/index.js"])
        .file("/app/node_modules/nm3/package.json", r#"{"main": "lib"}"#);
    let r = resolver(fs);
    assert_eq!(
        err(&r, "/app/a"),
        "ERR_MODULE_NOT_FOUND: Cannot find module '/app/a' imported from /app/main.mjs\nDid you mean to import \"/app/a.js\"?"
    );
    assert_eq!(
        err(&r, "nm3/lib"),
        "ERR_UNSUPPORTED_DIR_IMPORT: Directory import '/app/node_modules/nm3/lib' is not supported resolving ES modules imported from /app/main.mjs\nDid you mean to import \"nm3/lib/index.js\"?"
    );
}

#[test]
fn directory_import_is_unsupported() {
    let r = resolver(MemFs::new().files(&["/app/dir/index.js", "/app/a.js"]));
    assert_eq!(
        err(&r, "./dir/"),
        "ERR_UNSUPPORTED_DIR_IMPORT: Directory import '/app/dir/' is not supported resolving ES modules imported from /app/main.mjs"
    );
    // node stats "/" for any path with a trailing slash.
    assert_eq!(
        err(&r, "./a.js/"),
        "ERR_UNSUPPORTED_DIR_IMPORT: Directory import '/app/a.js/' is not supported resolving ES modules imported from /app/main.mjs"
    );
}

#[test]
fn builtins() {
    let r = resolver(MemFs::new());
    assert_eq!(r.resolve_esm("fs", Some(P)), Ok(EsmResolved::Builtin("fs".into())));
    assert_eq!(r.resolve_esm("node:fs", Some(P)), Ok(EsmResolved::Builtin("fs".into())));
    assert_eq!(r.resolve_esm("node:test", Some(P)), Ok(EsmResolved::Builtin("test".into())));
    assert_eq!(r.resolve_esm("node:fs", Some(P)).unwrap().url(), "node:fs");
    assert_eq!(err(&r, "node:nope"), "ERR_UNKNOWN_BUILTIN_MODULE: No such built-in module: node:nope");
    assert_eq!(err(&r, "test"), "ERR_MODULE_NOT_FOUND: Cannot find package 'test' imported from /app/main.mjs");
}

#[test]
fn data_urls_pass_through() {
    let r = resolver(MemFs::new());
    let got = r.resolve_esm("data:text/javascript,export default 1", Some(P));
    assert_eq!(got, Ok(EsmResolved::Data("data:text/javascript,export default 1".into())));
}

#[test]
fn other_schemes_are_unsupported() {
    let r = resolver(MemFs::new());
    assert_eq!(
        err(&r, "https://x.com/a.js"),
        "ERR_UNSUPPORTED_ESM_URL_SCHEME: Only URLs with a scheme in: file, data, and node are supported by the default ESM loader. Received protocol 'https:'"
    );
}

#[test]
fn bare_package_with_exports_uses_import_condition() {
    let fs = MemFs::new()
        .file(
            "/app/node_modules/ex/package.json",
            r#"{"exports": {".": {"require": "./r.js", "import": "./i.mjs"}, "./sub": "./sub.js"}}"#,
        )
        .files(&["/app/node_modules/ex/r.js", "/app/node_modules/ex/i.mjs", "/app/node_modules/ex/sub.js"]);
    let r = resolver(fs);
    assert_eq!(file(&r, "ex", P), "file:///app/node_modules/ex/i.mjs");
    assert_eq!(file(&r, "ex/sub", P), "file:///app/node_modules/ex/sub.js");
    assert_eq!(
        err(&r, "ex/nope"),
        "ERR_PACKAGE_PATH_NOT_EXPORTED: Package subpath './nope' is not defined by \"exports\" in /app/node_modules/ex/package.json imported from /app/main.mjs"
    );
}

#[test]
fn exported_file_missing_is_module_not_found() {
    let fs = MemFs::new().file("/app/node_modules/ex/package.json", r#"{"exports": {"./missing": "./nofile.js"}}"#);
    let r = resolver(fs);
    assert_eq!(
        err(&r, "ex/missing"),
        "ERR_MODULE_NOT_FOUND: Cannot find module '/app/node_modules/ex/nofile.js' imported from /app/main.mjs"
    );
}

#[test]
fn invalid_target_names_the_importer() {
    let fs = MemFs::new().file("/app/node_modules/ex/package.json", r#"{"exports": {"./bad": "x.js"}}"#);
    let r = resolver(fs);
    assert_eq!(
        err(&r, "ex/bad"),
        "ERR_INVALID_PACKAGE_TARGET: Invalid \"exports\" target \"x.js\" defined for './bad' in the package config /app/node_modules/ex/package.json imported from /app/main.mjs; targets must start with \"./\""
    );
}

#[test]
fn invalid_config_names_the_importer_url() {
    let fs =
        MemFs::new().file("/app/node_modules/mix/package.json", r#"{"exports": {"./a": "./a.js", "b": "./b.js"}}"#);
    let r = resolver(fs);
    assert!(err(&r, "mix").starts_with(
        "ERR_INVALID_PACKAGE_CONFIG: Invalid package config /app/node_modules/mix/package.json while importing file:///app/main.mjs. \"exports\" cannot"
    ));
}

#[test]
fn legacy_main_with_guessing() {
    let fs = MemFs::new()
        .file("/app/node_modules/a/package.json", r#"{"main": "lib/entry"}"#)
        .file("/app/node_modules/b/package.json", r#"{"main": "lib"}"#)
        .file("/app/node_modules/c/package.json", r#"{"name": "c"}"#)
        .files(&[
            "/app/node_modules/a/lib/entry.js",
            "/app/node_modules/b/lib/index.json",
            "/app/node_modules/c/index.json",
            "/app/node_modules/d/index.js",
        ]);
    let r = resolver(fs);
    assert_eq!(file(&r, "a", P), "file:///app/node_modules/a/lib/entry.js");
    assert_eq!(file(&r, "b", P), "file:///app/node_modules/b/lib/index.json");
    assert_eq!(file(&r, "c", P), "file:///app/node_modules/c/index.json");
    assert_eq!(file(&r, "d", P), "file:///app/node_modules/d/index.js");
}

#[test]
fn legacy_main_not_found_messages() {
    let fs = MemFs::new()
        .file("/app/node_modules/nomain/package.json", r#"{"main": "./nope.js"}"#)
        .file("/app/node_modules/nm2/package.json", r#"{"name": "nm2"}"#);
    let r = resolver(fs);
    assert_eq!(
        err(&r, "nomain"),
        "ERR_MODULE_NOT_FOUND: Cannot find package '/app/node_modules/nomain/nope.js' imported from /app/main.mjs"
    );
    assert_eq!(
        err(&r, "nm2"),
        "ERR_MODULE_NOT_FOUND: Cannot find package '/app/node_modules/nm2/index.js' imported from /app/main.mjs"
    );
}

#[test]
fn package_subpath_without_exports_has_no_guessing() {
    let fs = MemFs::new().file("/app/node_modules/nm2/package.json", "{}").files(&["/app/node_modules/nm2/x.js"]);
    let r = resolver(fs);
    assert_eq!(file(&r, "nm2/x.js", P), "file:///app/node_modules/nm2/x.js");
    assert!(err(&r, "nm2/x")
        .starts_with("ERR_MODULE_NOT_FOUND: Cannot find module '/app/node_modules/nm2/x' imported from /app/main.mjs"));
}

#[test]
fn missing_package() {
    let r = resolver(MemFs::new());
    assert_eq!(err(&r, "nopkg"), "ERR_MODULE_NOT_FOUND: Cannot find package 'nopkg' imported from /app/main.mjs");
    assert_eq!(
        err(&r, "@s/nopkg/x"),
        "ERR_MODULE_NOT_FOUND: Cannot find package '@s/nopkg' imported from /app/main.mjs"
    );
}

#[test]
fn invalid_package_names() {
    let r = resolver(MemFs::new());
    for spec in ["@sc", ".bad", "a%b", "a\\b"] {
        assert_eq!(
            err(&r, spec),
            format!("ERR_INVALID_MODULE_SPECIFIER: Invalid module \"{spec}\" is not a valid package name imported from /app/main.mjs")
        );
    }
}

#[test]
fn node_modules_walk() {
    let fs = MemFs::new().files(&["/node_modules/top/index.js", "/app/node_modules/mid/index.js"]);
    let r = resolver(fs);
    assert_eq!(file(&r, "top", "/app/src/x.mjs"), "file:///node_modules/top/index.js");
    assert_eq!(file(&r, "mid", "/app/src/x.mjs"), "file:///app/node_modules/mid/index.js");
}

#[test]
fn self_reference() {
    let fs = MemFs::new()
        .file("/app/package.json", r#"{"name": "me", "exports": {".": {"import": "./m.mjs", "default": "./c.js"}}}"#)
        .files(&["/app/m.mjs", "/app/c.js"]);
    let r = resolver(fs);
    assert_eq!(file(&r, "me", "/app/src/x.mjs"), "file:///app/m.mjs");
}

#[test]
fn imports_hash_specifiers() {
    let fs = MemFs::new()
        .file(
            "/app/package.json",
            r##"{"imports": {"#a": "./a.js", "#fs": "fs", "#cond": {"import": "./i.mjs", "default": "./a.js"}}}"##,
        )
        .files(&["/app/a.js", "/app/i.mjs"]);
    let r = resolver(fs);
    assert_eq!(file(&r, "#a", P), "file:///app/a.js");
    assert_eq!(file(&r, "#cond", P), "file:///app/i.mjs");
    assert_eq!(r.resolve_esm("#fs", Some(P)), Ok(EsmResolved::Builtin("fs".into())));
    assert_eq!(
        err(&r, "#x"),
        "ERR_PACKAGE_IMPORT_NOT_DEFINED: Package import specifier \"#x\" is not defined in package /app/package.json imported from /app/main.mjs"
    );
}

#[test]
fn imports_without_package_json() {
    let r = resolver(MemFs::new());
    assert_eq!(
        err(&r, "#x"),
        "ERR_PACKAGE_IMPORT_NOT_DEFINED: Package import specifier \"#x\" is not defined imported from /app/main.mjs"
    );
}

#[test]
fn imports_targets_that_are_urls_are_invalid() {
    let fs = MemFs::new().file("/app/package.json", r##"{"imports": {"#n": "node:fs", "#u": "https://x/y.js"}}"##);
    let r = resolver(fs);
    assert_eq!(
        err(&r, "#n"),
        "ERR_INVALID_PACKAGE_TARGET: Invalid \"imports\" target \"node:fs\" defined for '#n' in the package config /app/package.json imported from /app/main.mjs"
    );
    assert!(err(&r, "#u").contains("Invalid \"imports\" target \"https://x/y.js\""));
}

#[test]
fn invalid_package_json_while_importing() {
    let fs = MemFs::new().file("/app/node_modules/bad/package.json", r#"{"main": }"#);
    let r = resolver(fs);
    let ResolveError::Node(e) = r.resolve_esm("bad", Some(P)).unwrap_err() else { panic!() };
    assert_eq!(e.code, Some("ERR_INVALID_PACKAGE_CONFIG"));
    let prefix =
        "Invalid package config /app/node_modules/bad/package.json while importing \"bad\" from /app/main.mjs. ";
    assert!(e.message.starts_with(prefix), "{}", e.message);
    assert_eq!(e.json.unwrap().prefix, prefix);
}

#[test]
fn encoded_separators_are_rejected() {
    let r = resolver(MemFs::new());
    assert_eq!(
        err(&r, "./a%2Fb.js"),
        "ERR_INVALID_MODULE_SPECIFIER: Invalid module \"/app/a%2Fb.js\" must not include encoded \"/\" or \"\\\" characters imported from /app/main.mjs"
    );
}

#[test]
fn symlinks_resolve_to_real_paths() {
    let fs = MemFs::new().files(&["/real/a.mjs"]).link("/app/a.mjs", "/real/a.mjs");
    let r = resolver(fs);
    assert_eq!(file(&r, "./a.mjs", P), "file:///real/a.mjs");
}

#[test]
fn preserve_symlinks_main_applies_to_the_entry() {
    let fs = MemFs::new().files(&["/real/a.mjs"]).link("/cwd/a.mjs", "/real/a.mjs");
    let mut config = Config::new(super::BUILTINS.iter().copied(), "/cwd");
    config.preserve_symlinks_main = true;
    let r = Resolver::new(fs, config);
    assert_eq!(r.resolve_esm("./a.mjs", None).unwrap().url(), "file:///cwd/a.mjs");
    assert_eq!(r.resolve_esm("./a.mjs", Some("/cwd/x.mjs")).unwrap().url(), "file:///real/a.mjs");
}

#[test]
fn entry_without_parent_resolves_from_the_cwd() {
    let r = resolver(MemFs::new().files(&["/cwd/main.mjs"]));
    assert_eq!(r.resolve_esm("./main.mjs", None).unwrap().url(), "file:///cwd/main.mjs");
}

#[test]
fn exports_patterns_and_imports_patterns() {
    let fs = MemFs::new()
        .file("/app/package.json", r##"{"imports": {"#internal/*": "./src/internal/*.js", "#dep/*": "dep/feat/*"}}"##)
        .file("/app/node_modules/dep/package.json", r#"{"exports": {"./feat/*": {"import": "./esm/*.mjs"}}}"#)
        .files(&["/app/src/internal/a.js", "/app/node_modules/dep/esm/x.mjs"]);
    let r = resolver(fs);
    assert_eq!(file(&r, "#internal/a", P), "file:///app/src/internal/a.js");
    assert_eq!(file(&r, "dep/feat/x", P), "file:///app/node_modules/dep/esm/x.mjs");
    assert_eq!(file(&r, "#dep/x", P), "file:///app/node_modules/dep/esm/x.mjs");
}

#[test]
fn package_directory_without_package_json_or_index() {
    let r = resolver(MemFs::new().dir("/app/node_modules/e"));
    assert_eq!(
        err(&r, "e"),
        "ERR_MODULE_NOT_FOUND: Cannot find package '/app/node_modules/e/index.js' imported from /app/main.mjs"
    );
}
