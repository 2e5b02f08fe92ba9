//! CommonJS resolution (`require` / `require.resolve`).

use std::path::{Path, PathBuf};

use super::{cjs, cjs_err, resolver, show, MemFs};
use crate::modules::{node_module_paths, CjsRequest, Config, ResolveError, Resolved, Resolver};

const P: &str = "/app/main.js";

#[test]
fn builtins_bare_and_prefixed() {
    let r = resolver(MemFs::new());
    assert_eq!(cjs(&r, "fs", P), "builtin:fs");
    assert_eq!(cjs(&r, "node:fs", P), "builtin:fs");
    assert_eq!(cjs(&r, "fs/promises", P), "builtin:fs/promises");
}

#[test]
fn scheme_only_builtins_need_the_prefix() {
    let r = resolver(MemFs::new());
    assert_eq!(cjs(&r, "node:test", P), "builtin:test");
    assert_eq!(cjs_err(&r, "test", P), ResolveError::NotFound { request: "test".into() });
}

#[test]
fn unknown_node_scheme_is_unknown_builtin() {
    let r = resolver(MemFs::new());
    assert_eq!(show(&cjs_err(&r, "node:nope", P)), "ERR_UNKNOWN_BUILTIN_MODULE: No such built-in module: node:nope");
}

#[test]
fn builtin_with_trailing_slash_is_a_package_lookup() {
    let r = resolver(MemFs::new());
    assert_eq!(cjs_err(&r, "fs/", P), ResolveError::NotFound { request: "fs/".into() });
}

#[test]
fn a_package_does_not_shadow_a_builtin() {
    let r = resolver(MemFs::new().file("/app/node_modules/fs/index.js", ""));
    assert_eq!(cjs(&r, "fs", P), "builtin:fs");
}

#[test]
fn relative_exact_file() {
    let r = resolver(MemFs::new().files(&["/app/a.js", "/app/lib/b.txt"]));
    assert_eq!(cjs(&r, "./a.js", P), "/app/a.js");
    assert_eq!(cjs(&r, "./lib/b.txt", P), "/app/lib/b.txt");
}

#[test]
fn extensions_in_order() {
    let r = resolver(MemFs::new().files(&["/app/a.json", "/app/a.node", "/app/b.node", "/app/c.js", "/app/c.json"]));
    assert_eq!(cjs(&r, "./a", P), "/app/a.json");
    assert_eq!(cjs(&r, "./b", P), "/app/b.node");
    assert_eq!(cjs(&r, "./c", P), "/app/c.js");
}

#[test]
fn exact_file_wins_over_extension() {
    let r = resolver(MemFs::new().files(&["/app/a", "/app/a.js"]));
    assert_eq!(cjs(&r, "./a", P), "/app/a");
}

#[test]
fn file_with_extension_wins_over_directory() {
    let r = resolver(MemFs::new().files(&["/app/lib.js", "/app/lib/index.js"]));
    assert_eq!(cjs(&r, "./lib", P), "/app/lib.js");
    assert_eq!(cjs(&r, "./lib/", P), "/app/lib/index.js");
}

#[test]
fn parent_relative_and_dot() {
    let r = resolver(MemFs::new().files(&["/x.js", "/app/index.js", "/app/sub/index.json"]));
    assert_eq!(cjs(&r, "../x", P), "/x.js");
    assert_eq!(cjs(&r, ".", P), "/app/index.js");
    assert_eq!(cjs(&r, "..", "/app/sub/m.js"), "/app/index.js");
    assert_eq!(cjs(&r, "./sub", P), "/app/sub/index.json");
}

#[test]
fn absolute_path() {
    let r = resolver(MemFs::new().files(&["/lib/x.js"]));
    assert_eq!(cjs(&r, "/lib/x", P), "/lib/x.js");
    assert_eq!(cjs(&r, "/lib/../lib/x.js", P), "/lib/x.js");
}

#[test]
fn not_found_is_plain() {
    let r = resolver(MemFs::new());
    let err = cjs_err(&r, "./nope", P);
    assert_eq!(err, ResolveError::NotFound { request: "./nope".into() });
    assert_eq!(err.message(), "Cannot find module './nope'");
    assert_eq!(err.code(), Some("MODULE_NOT_FOUND"));
}

#[test]
fn directory_index_order() {
    let r = resolver(MemFs::new().files(&["/app/d/index.json", "/app/d/index.node", "/app/e/index.node"]));
    assert_eq!(cjs(&r, "./d", P), "/app/d/index.json");
    assert_eq!(cjs(&r, "./e", P), "/app/e/index.node");
}

#[test]
fn package_main_with_and_without_extension() {
    let fs = MemFs::new()
        .file("/app/node_modules/a/package.json", r#"{"main": "lib/entry.js"}"#)
        .file("/app/node_modules/b/package.json", r#"{"main": "./lib/entry"}"#)
        .file("/app/node_modules/c/package.json", r#"{"main": "lib"}"#)
        .files(&[
            "/app/node_modules/a/lib/entry.js",
            "/app/node_modules/b/lib/entry.js",
            "/app/node_modules/c/lib/index.js",
        ]);
    let r = resolver(fs);
    assert_eq!(cjs(&r, "a", P), "/app/node_modules/a/lib/entry.js");
    assert_eq!(cjs(&r, "b", P), "/app/node_modules/b/lib/entry.js");
    assert_eq!(cjs(&r, "c", P), "/app/node_modules/c/lib/index.js");
}

#[test]
fn package_without_main_uses_index() {
    let fs = MemFs::new()
        .file("/app/node_modules/a/package.json", r#"{"name": "a"}"#)
        .file("/app/node_modules/b/package.json", r#"{"main": ""}"#)
        .files(&["/app/node_modules/a/index.js", "/app/node_modules/b/index.json", "/app/node_modules/c/index.js"]);
    let r = resolver(fs);
    assert_eq!(cjs(&r, "a", P), "/app/node_modules/a/index.js");
    assert_eq!(cjs(&r, "b", P), "/app/node_modules/b/index.json");
    assert_eq!(cjs(&r, "c", P), "/app/node_modules/c/index.js");
}

#[test]
fn broken_main_falls_back_to_index_with_a_warning() {
    let fs = MemFs::new()
        .file("/app/node_modules/a/package.json", r#"{"main": "nope.js"}"#)
        .files(&["/app/node_modules/a/index.js"]);
    let r = resolver(fs);
    assert_eq!(cjs(&r, "a", P), "/app/node_modules/a/index.js");
    let warnings = r.take_warnings();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, "DEP0128");
    assert_eq!(
        warnings[0].message,
        "Invalid 'main' field in '/app/node_modules/a/package.json' of 'nope.js'. Please either fix that or report it to the module author"
    );
}

#[test]
fn broken_main_without_index_is_an_error() {
    let fs = MemFs::new().file("/app/node_modules/nomain/package.json", r#"{"name":"nomain","main":"./nope.js"}"#);
    let r = resolver(fs);
    let ResolveError::Node(err) = cjs_err(&r, "nomain", P) else { panic!("expected a node error") };
    assert_eq!(err.code, Some("MODULE_NOT_FOUND"));
    assert_eq!(
        err.message,
        "Cannot find module '/app/node_modules/nomain/nope.js'. Please verify that the package.json has a valid \"main\" entry"
    );
    assert_eq!(err.path.as_deref(), Some("/app/node_modules/nomain/package.json"));
    assert_eq!(err.request_path.as_deref(), Some("nomain"));
}

#[test]
fn package_subpath_without_exports() {
    let fs = MemFs::new()
        .file("/app/node_modules/a/package.json", r#"{"main": "x.js"}"#)
        .files(&["/app/node_modules/a/lib/util.js", "/app/node_modules/@s/b/c/index.js"]);
    let r = resolver(fs);
    assert_eq!(cjs(&r, "a/lib/util", P), "/app/node_modules/a/lib/util.js");
    assert_eq!(cjs(&r, "@s/b/c", P), "/app/node_modules/@s/b/c/index.js");
}

#[test]
fn node_modules_walk_up_to_the_root() {
    let fs =
        MemFs::new().files(&["/node_modules/top.js", "/app/node_modules/mid.js", "/app/src/deep/node_modules/low.js"]);
    let r = resolver(fs);
    let parent = "/app/src/deep/x.js";
    assert_eq!(cjs(&r, "top", parent), "/node_modules/top.js");
    assert_eq!(cjs(&r, "mid", parent), "/app/node_modules/mid.js");
    assert_eq!(cjs(&r, "low", parent), "/app/src/deep/node_modules/low.js");
}

#[test]
fn nearest_node_modules_wins() {
    let fs = MemFs::new().files(&["/node_modules/x/index.js", "/app/node_modules/x/index.js"]);
    let r = resolver(fs);
    assert_eq!(cjs(&r, "x", P), "/app/node_modules/x/index.js");
}

#[test]
fn node_module_paths_skips_node_modules_segments() {
    let got = node_module_paths(Path::new("/a/node_modules/b/node_modules/c"));
    let want = [
        "/a/node_modules/b/node_modules/c/node_modules",
        "/a/node_modules/b/node_modules",
        "/a/node_modules",
        "/node_modules",
    ];
    assert_eq!(got, want.iter().map(PathBuf::from).collect::<Vec<_>>());
    assert_eq!(node_module_paths(Path::new("/")), vec![PathBuf::from("/node_modules")]);
    assert_eq!(
        node_module_paths(Path::new("/a/b/")),
        [PathBuf::from("/a/b/node_modules"), PathBuf::from("/a/node_modules"), PathBuf::from("/node_modules")]
    );
}

#[test]
fn node_module_paths_only_skips_exact_segments() {
    let got = node_module_paths(Path::new("/x/my_node_modules"));
    assert_eq!(got[0], PathBuf::from("/x/my_node_modules/node_modules"));
}

#[test]
fn module_inside_node_modules_finds_siblings() {
    let fs = MemFs::new().files(&["/app/node_modules/a/index.js", "/app/node_modules/b/index.js"]);
    let r = resolver(fs);
    assert_eq!(cjs(&r, "b", "/app/node_modules/a/index.js"), "/app/node_modules/b/index.js");
}

#[test]
fn global_paths_come_after_node_modules() {
    let fs = MemFs::new().files(&["/global/g.js", "/global/x.js", "/app/node_modules/x.js"]);
    let mut config = Config::new(super::BUILTINS.iter().copied(), "/cwd");
    config.global_paths = vec![PathBuf::from("/global")];
    let r = Resolver::new(fs, config);
    assert_eq!(cjs(&r, "g", P), "/global/g.js");
    assert_eq!(cjs(&r, "x", P), "/app/node_modules/x.js");
}

#[test]
fn node_path_relative_entries_use_the_cwd() {
    let fs = MemFs::new().files(&["/cwd/libs/l.js"]);
    let mut config = Config::new(super::BUILTINS.iter().copied(), "/cwd");
    config.global_paths = Config::global_paths(Some("libs::/nope"), None, Path::new("/usr/bin/rnode"));
    assert_eq!(config.global_paths, [PathBuf::from("libs"), PathBuf::from("/nope"), PathBuf::from("/usr/lib/node")]);
    let r = Resolver::new(fs, config);
    assert_eq!(cjs(&r, "l", P), "/cwd/libs/l.js");
}

#[test]
fn global_paths_layout() {
    let got = Config::global_paths(Some("/a:/b"), Some(Path::new("/home/u")), Path::new("/opt/node/bin/node"));
    let want = ["/a", "/b", "/home/u/.node_modules", "/home/u/.node_libraries", "/opt/node/lib/node"];
    assert_eq!(got, want.iter().map(PathBuf::from).collect::<Vec<_>>());
}

#[test]
fn relative_requests_ignore_node_modules_and_globals() {
    let fs = MemFs::new().files(&["/app/node_modules/x.js"]);
    let r = resolver(fs);
    assert_eq!(cjs_err(&r, "./x", P), ResolveError::NotFound { request: "./x".into() });
}

#[test]
fn lookup_paths_rules() {
    let r = resolver(MemFs::new());
    assert_eq!(r.lookup_paths("fs", Some(Path::new(P)), None), None);
    assert_eq!(r.lookup_paths("./a", Some(Path::new(P)), None), Some(vec![PathBuf::from("/app")]));
    assert_eq!(r.lookup_paths("..", Some(Path::new(P)), None), Some(vec![PathBuf::from("/app")]));
    assert_eq!(r.lookup_paths("./a", None, None), Some(vec![PathBuf::from(".")]));
    let own = [PathBuf::from("/app/node_modules")];
    assert_eq!(r.lookup_paths("x", Some(Path::new(P)), Some(&own)), Some(own.to_vec()));
    assert_eq!(r.lookup_paths(".x", Some(Path::new(P)), Some(&own)), Some(own.to_vec()));
    assert_eq!(r.lookup_paths("x", None, None), None);
}

#[test]
fn no_parent_resolves_from_the_cwd() {
    let r = resolver(MemFs::new().files(&["/cwd/a.js", "/cwd/node_modules/m/index.js"]));
    assert_eq!(r.resolve_cjs("./a", None), Ok(Resolved::File(PathBuf::from("/cwd/a.js"))));
    assert_eq!(r.resolve_cjs("m", None), Ok(Resolved::File(PathBuf::from("/cwd/node_modules/m/index.js"))));
}

#[test]
fn require_resolve_paths_option() {
    let fs = MemFs::new().files(&["/other/node_modules/x/index.js", "/other/y.js"]);
    let r = resolver(fs);
    let paths = [PathBuf::from("/other/sub")];
    let req = CjsRequest { parent: Some(Path::new(P)), paths: Some(&paths), ..CjsRequest::default() };
    assert_eq!(r.resolve_cjs_with("x", &req), Ok(Resolved::File(PathBuf::from("/other/node_modules/x/index.js"))));
    let paths = [PathBuf::from("/other")];
    let req = CjsRequest { paths: Some(&paths), ..req };
    assert_eq!(r.resolve_cjs_with("./y", &req), Ok(Resolved::File(PathBuf::from("/other/y.js"))));
}

#[test]
fn parent_paths_override() {
    let fs = MemFs::new().files(&["/custom/x.js"]);
    let r = resolver(fs);
    let own = [PathBuf::from("/custom")];
    let req = CjsRequest { parent: Some(Path::new(P)), parent_paths: Some(&own), ..CjsRequest::default() };
    assert_eq!(r.resolve_cjs_with("x", &req), Ok(Resolved::File(PathBuf::from("/custom/x.js"))));
}

#[test]
fn symlinked_file_resolves_to_its_real_path() {
    let fs = MemFs::new().files(&["/real/a.js"]).link("/app/a.js", "/real/a.js");
    let r = resolver(fs);
    assert_eq!(cjs(&r, "./a", P), "/real/a.js");
}

#[test]
fn symlinked_package_directory_resolves_to_its_real_path() {
    let fs = MemFs::new()
        .file("/store/pkg/package.json", r#"{"main": "main.js"}"#)
        .files(&["/store/pkg/main.js"])
        .link("/app/node_modules/pkg", "../../store/pkg");
    let r = resolver(fs);
    assert_eq!(cjs(&r, "pkg", P), "/store/pkg/main.js");
}

#[test]
fn preserve_symlinks_keeps_the_link_path() {
    let fs = MemFs::new().files(&["/real/a.js"]).link("/app/a.js", "/real/a.js");
    let mut config = Config::new(super::BUILTINS.iter().copied(), "/cwd");
    config.preserve_symlinks = true;
    let r = Resolver::new(fs, config);
    assert_eq!(cjs(&r, "./a", P), "/app/a.js");
}

#[test]
fn resolve_main_entry() {
    let fs = MemFs::new().files(&["/cwd/app.js", "/cwd/dir/index.js", "/real/m.js"]).link("/cwd/l.js", "/real/m.js");
    let r = resolver(fs);
    assert_eq!(r.resolve_main("app"), Ok(Some(PathBuf::from("/cwd/app.js"))));
    assert_eq!(r.resolve_main("./dir"), Ok(Some(PathBuf::from("/cwd/dir/index.js"))));
    assert_eq!(r.resolve_main("/cwd/l.js"), Ok(Some(PathBuf::from("/real/m.js"))));
    assert_eq!(r.resolve_main("missing"), Ok(None));
}

#[test]
fn invalid_package_json_is_a_syntax_error_naming_the_file() {
    let fs = MemFs::new().file("/app/node_modules/bad/package.json", r#"{"name":"bad", "main": }"#);
    let r = resolver(fs);
    let ResolveError::Node(err) = cjs_err(&r, "bad", P) else { panic!("expected a node error") };
    assert_eq!(err.code, None);
    assert_eq!(err.class, crate::modules::ErrorClass::SyntaxError);
    assert!(err.message.starts_with("Error parsing /app/node_modules/bad/package.json: "), "{}", err.message);
    assert_eq!(err.path.as_deref(), Some("/app/node_modules/bad/package.json"));
    let json = err.json.expect("the source is kept for V8's message");
    assert_eq!(json.prefix, "Error parsing /app/node_modules/bad/package.json: ");
    assert_eq!(json.source, r#"{"name":"bad", "main": }"#);
}

#[test]
fn package_json_with_bom_parses() {
    let fs = MemFs::new()
        .file("/app/node_modules/a/package.json", "\u{feff}{\"main\": \"m.js\"}")
        .files(&["/app/node_modules/a/m.js"]);
    let r = resolver(fs);
    assert_eq!(cjs(&r, "a", P), "/app/node_modules/a/m.js");
}

#[test]
fn nearest_package_json_stops_at_node_modules() {
    let fs = MemFs::new()
        .file("/app/package.json", r#"{"name": "app", "type": "module"}"#)
        .files(&["/app/node_modules/dep/index.js"]);
    let r = resolver(fs);
    let pkg = r.nearest_package_json(Path::new("/app/src/deep")).unwrap().expect("found");
    assert_eq!(pkg.path, PathBuf::from("/app/package.json"));
    assert_eq!(pkg.name.as_deref(), Some("app"));
    assert_eq!(pkg.kind, crate::modules::PackageType::Module);
    assert_eq!(r.nearest_package_json(Path::new("/app/node_modules/dep")).unwrap(), None);
}

#[test]
fn package_json_is_cached_until_cleared() {
    let fs = MemFs::new().file("/app/package.json", r#"{"name": "app"}"#);
    let r = resolver(fs);
    let a = r.nearest_package_json(Path::new("/app")).unwrap().unwrap();
    let b = r.nearest_package_json(Path::new("/app")).unwrap().unwrap();
    assert!(std::rc::Rc::ptr_eq(&a, &b));
    r.clear_cache();
    let c = r.nearest_package_json(Path::new("/app")).unwrap().unwrap();
    assert!(!std::rc::Rc::ptr_eq(&a, &c));
}

#[test]
fn custom_extensions_are_tried() {
    let fs = MemFs::new().files(&["/app/a.coffee"]);
    let mut config = Config::new(super::BUILTINS.iter().copied(), "/cwd");
    config.extensions.push(".coffee".into());
    let r = Resolver::new(fs, config);
    assert_eq!(cjs(&r, "./a", P), "/app/a.coffee");
}

#[test]
fn self_reference_by_name_through_exports() {
    let fs = MemFs::new()
        .file("/app/package.json", r#"{"name": "me", "exports": {".": "./main.js", "./util": "./lib/util.js"}}"#)
        .files(&["/app/main.js", "/app/lib/util.js"]);
    let r = resolver(fs);
    assert_eq!(cjs(&r, "me", "/app/lib/x.js"), "/app/main.js");
    assert_eq!(cjs(&r, "me/util", "/app/lib/x.js"), "/app/lib/util.js");
}

#[test]
fn self_reference_needs_exports() {
    let fs = MemFs::new().file("/app/package.json", r#"{"name": "me", "main": "main.js"}"#).files(&["/app/main.js"]);
    let r = resolver(fs);
    assert_eq!(cjs_err(&r, "me", P), ResolveError::NotFound { request: "me".into() });
}

#[test]
fn self_reference_not_exported_names_the_importer() {
    let fs =
        MemFs::new().file("/app/package.json", r#"{"name": "me", "exports": {"./y": "./a.js"}}"#).files(&["/app/a.js"]);
    let r = resolver(fs);
    assert_eq!(
        show(&cjs_err(&r, "me", P)),
        "ERR_PACKAGE_PATH_NOT_EXPORTED: No \"exports\" main defined in /app/package.json imported from /app/main.js"
    );
    assert_eq!(cjs(&r, "me/y", P), "/app/a.js");
}

#[test]
fn imports_hash_specifiers() {
    let fs = MemFs::new()
        .file(
            "/app/package.json",
            r##"{"imports": {"#a": "./a.js", "#fs": "fs", "#dep": "dep/sub", "#p/*": "./lib/*.js"}}"##,
        )
        .file("/app/node_modules/dep/package.json", r#"{"exports": {"./sub": "./sub.js"}}"#)
        .files(&["/app/a.js", "/app/lib/x.js", "/app/node_modules/dep/sub.js"]);
    let r = resolver(fs);
    assert_eq!(cjs(&r, "#a", P), "/app/a.js");
    assert_eq!(cjs(&r, "#dep", P), "/app/node_modules/dep/sub.js");
    assert_eq!(cjs(&r, "#p/x", P), "/app/lib/x.js");
    assert_eq!(show(&cjs_err(&r, "#fs", P)), "ERR_INVALID_URL_SCHEME: The URL must be of scheme file");
}

#[test]
fn imports_not_defined() {
    let fs = MemFs::new().file("/app/package.json", r##"{"imports": {"#a": "./a.js"}}"##);
    let r = resolver(fs);
    assert_eq!(
        show(&cjs_err(&r, "#nope", P)),
        "ERR_PACKAGE_IMPORT_NOT_DEFINED: Package import specifier \"#nope\" is not defined in package /app/package.json imported from /app/main.js"
    );
}

#[test]
fn imports_without_the_field_fall_through_to_not_found() {
    let fs = MemFs::new().file("/app/package.json", r#"{"name": "app"}"#);
    let r = resolver(fs);
    assert_eq!(cjs_err(&r, "#a", P), ResolveError::NotFound { request: "#a".into() });
}

#[test]
fn imports_target_missing_file() {
    let fs = MemFs::new().file("/app/package.json", r##"{"imports": {"#p/*": "./lib/*.js"}}"##);
    let r = resolver(fs);
    let ResolveError::Node(err) = cjs_err(&r, "#p/a", P) else { panic!() };
    assert_eq!(err.code, Some("MODULE_NOT_FOUND"));
    assert_eq!(err.message, "Cannot find module '/app/lib/a.js'");
    assert_eq!(err.path.as_deref(), Some("/app/package.json"));
}

#[test]
fn imports_package_not_found_names_the_specifier() {
    let fs = MemFs::new().file("/app/package.json", r##"{"imports": {"#d": "nodep"}}"##);
    let r = resolver(fs);
    let ResolveError::Node(err) = cjs_err(&r, "#d", P) else { panic!() };
    assert_eq!((err.code, err.message.as_str(), err.path), (Some("MODULE_NOT_FOUND"), "Cannot find module '#d'", None));
}

#[test]
fn imports_invalid_names() {
    let fs = MemFs::new().file("/app/package.json", r##"{"imports": {"#a": "./a.js"}}"##);
    let r = resolver(fs);
    for name in ["#", "#/x", "#a/"] {
        assert_eq!(
            show(&cjs_err(&r, name, P)),
            format!("ERR_INVALID_MODULE_SPECIFIER: Invalid module \"{name}\" is not a valid internal imports specifier name imported from /app/main.js")
        );
    }
}

#[test]
fn imports_without_parent_use_the_cwd() {
    let fs = MemFs::new().file("/cwd/package.json", r##"{"imports": {"#a": "./a.js"}}"##).files(&["/cwd/a.js"]);
    let r = resolver(fs);
    assert_eq!(r.resolve_cjs("#a", None), Ok(Resolved::File(PathBuf::from("/cwd/a.js"))));
}

#[test]
fn scope_like_name_without_slash_is_a_plain_package() {
    let r = resolver(MemFs::new().files(&["/app/node_modules/@foo/index.js"]));
    assert_eq!(cjs(&r, "@foo", P), "/app/node_modules/@foo/index.js");
}

#[test]
fn empty_directory_is_not_found() {
    let r = resolver(MemFs::new().dir("/app/emptydir"));
    assert_eq!(cjs_err(&r, "./emptydir", P), ResolveError::NotFound { request: "./emptydir".into() });
}

#[test]
fn missing_lookup_directories_are_skipped() {
    // "/app/node_modules" is a file here, not a directory: node skips it.
    let r = resolver(MemFs::new().files(&["/app/node_modules", "/node_modules/x.js"]));
    assert_eq!(cjs(&r, "x", P), "/node_modules/x.js");
}
