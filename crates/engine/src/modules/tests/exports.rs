//! package.json `exports` (both resolvers share the implementation; most
//! cases go through `require`, whose messages have no "imported from").

use super::{cjs, cjs_err, resolver, show, MemFs};
use crate::modules::{Config, ResolveError, Resolver};

const P: &str = "/app/main.js";

fn pkg(exports: &str, files: &[&str]) -> Resolver<MemFs> {
    let mut fs =
        MemFs::new().file("/app/node_modules/ex/package.json", &format!(r#"{{"name": "ex", "exports": {exports}}}"#));
    for f in files {
        fs = fs.file(&format!("/app/node_modules/ex/{f}"), "");
    }
    resolver(fs)
}

const EX: &str = "/app/node_modules/ex";

#[test]
fn string_sugar_is_the_main_export() {
    let r = pkg(r#""./x.js""#, &["x.js", "other.js"]);
    assert_eq!(cjs(&r, "ex", P), format!("{EX}/x.js"));
    assert_eq!(
        show(&cjs_err(&r, "ex/other.js", P)),
        format!("ERR_PACKAGE_PATH_NOT_EXPORTED: Package subpath './other.js' is not defined by \"exports\" in {EX}/package.json")
    );
}

#[test]
fn exports_win_over_main() {
    let fs = MemFs::new()
        .file("/app/node_modules/ex/package.json", r#"{"main": "main.js", "exports": "./x.js"}"#)
        .files(&["/app/node_modules/ex/main.js", "/app/node_modules/ex/x.js"]);
    assert_eq!(cjs(&resolver(fs), "ex", P), format!("{EX}/x.js"));
}

#[test]
fn conditions_sugar_and_require_condition() {
    let r = pkg(r#"{"import": "./i.mjs", "require": "./r.js"}"#, &["i.mjs", "r.js"]);
    assert_eq!(cjs(&r, "ex", P), format!("{EX}/r.js"));
}

#[test]
fn condition_order_is_the_file_order() {
    let r = pkg(r#"{".": {"default": "./d.js", "require": "./r.js"}}"#, &["d.js", "r.js"]);
    assert_eq!(cjs(&r, "ex", P), format!("{EX}/d.js"));
    let r = pkg(r#"{".": {"node": "./n.js", "require": "./r.js"}}"#, &["n.js", "r.js"]);
    assert_eq!(cjs(&r, "ex", P), format!("{EX}/n.js"));
}

#[test]
fn unknown_conditions_are_skipped() {
    let r = pkg(r#"{".": {"browser": "./b.js", "deno": "./d.js", "default": "./x.js"}}"#, &["b.js", "d.js", "x.js"]);
    assert_eq!(cjs(&r, "ex", P), format!("{EX}/x.js"));
}

#[test]
fn node_addons_condition_is_on() {
    let r = pkg(r#"{".": {"node-addons": "./a.js", "default": "./x.js"}}"#, &["a.js", "x.js"]);
    assert_eq!(cjs(&r, "ex", P), format!("{EX}/a.js"));
}

#[test]
fn user_conditions() {
    let fs = MemFs::new()
        .file("/app/node_modules/ex/package.json", r#"{"exports": {"development": "./dev.js", "default": "./x.js"}}"#)
        .files(&["/app/node_modules/ex/dev.js", "/app/node_modules/ex/x.js"]);
    let mut config = Config::new(super::BUILTINS.iter().copied(), "/cwd");
    config.conditions.push("development".into());
    assert_eq!(cjs(&Resolver::new(fs, config), "ex", P), format!("{EX}/dev.js"));
}

#[test]
fn nested_conditions() {
    let r = pkg(
        r#"{".": {"node": {"import": "./ni.mjs", "require": "./nr.js"}, "default": "./d.js"}}"#,
        &["ni.mjs", "nr.js", "d.js"],
    );
    assert_eq!(cjs(&r, "ex", P), format!("{EX}/nr.js"));
}

#[test]
fn unmatched_nested_conditions_fall_through_to_the_next_key() {
    let r = pkg(r#"{".": {"node": {"import": "./ni.mjs"}, "default": "./d.js"}}"#, &["ni.mjs", "d.js"]);
    assert_eq!(cjs(&r, "ex", P), format!("{EX}/d.js"));
}

#[test]
fn no_matching_condition_is_not_exported() {
    let r = pkg(r#"{"./o": {"foo": "./a.js"}}"#, &["a.js"]);
    assert_eq!(
        show(&cjs_err(&r, "ex/o", P)),
        format!(
            "ERR_PACKAGE_PATH_NOT_EXPORTED: Package subpath './o' is not defined by \"exports\" in {EX}/package.json"
        )
    );
}

#[test]
fn main_not_exported_message() {
    let r = pkg(r#"{"./y": "./y.js"}"#, &["y.js"]);
    assert_eq!(
        show(&cjs_err(&r, "ex", P)),
        format!("ERR_PACKAGE_PATH_NOT_EXPORTED: No \"exports\" main defined in {EX}/package.json")
    );
}

#[test]
fn subpaths_exact() {
    let r = pkg(
        r#"{".": "./main.js", "./sub": "./lib/sub.js", "./package.json": "./package.json"}"#,
        &["main.js", "lib/sub.js"],
    );
    assert_eq!(cjs(&r, "ex/sub", P), format!("{EX}/lib/sub.js"));
    assert_eq!(cjs(&r, "ex/package.json", P), format!("{EX}/package.json"));
    assert!(matches!(cjs_err(&r, "ex/lib/sub.js", P).code(), Some("ERR_PACKAGE_PATH_NOT_EXPORTED")));
}

#[test]
fn null_target_is_not_exported() {
    let r = pkg(r#"{"./*": "./*.js", "./private/*": null}"#, &["a.js", "private/b.js"]);
    assert_eq!(cjs(&r, "ex/a", P), format!("{EX}/a.js"));
    assert_eq!(
        show(&cjs_err(&r, "ex/private/b", P)),
        format!("ERR_PACKAGE_PATH_NOT_EXPORTED: Package subpath './private/b' is not defined by \"exports\" in {EX}/package.json")
    );
}

#[test]
fn pattern_subpaths() {
    let r = pkg(r#"{"./p/*": "./lib/*.js", "./m/*.js": "./mod/*.mjs"}"#, &["lib/a.js", "lib/x/y.js", "mod/q.mjs"]);
    assert_eq!(cjs(&r, "ex/p/a", P), format!("{EX}/lib/a.js"));
    assert_eq!(cjs(&r, "ex/p/x/y", P), format!("{EX}/lib/x/y.js"));
    assert_eq!(cjs(&r, "ex/m/q.js", P), format!("{EX}/mod/q.mjs"));
    assert!(matches!(cjs_err(&r, "ex/m/q", P).code(), Some("ERR_PACKAGE_PATH_NOT_EXPORTED")));
}

#[test]
fn pattern_replaces_every_star_in_the_target() {
    let r = pkg(r#"{"./f/*": "./feat/*/*.js"}"#, &["feat/x/x.js"]);
    assert_eq!(cjs(&r, "ex/f/x", P), format!("{EX}/feat/x/x.js"));
}

#[test]
fn longest_prefix_pattern_wins() {
    let r = pkg(
        r#"{"./*": "./root/*.js", "./a/*": "./a-dir/*.js", "./a/b/*": "./ab-dir/*.js"}"#,
        &["root/x.js", "a-dir/x.js", "ab-dir/x.js"],
    );
    assert_eq!(cjs(&r, "ex/x", P), format!("{EX}/root/x.js"));
    assert_eq!(cjs(&r, "ex/a/x", P), format!("{EX}/a-dir/x.js"));
    assert_eq!(cjs(&r, "ex/a/b/x", P), format!("{EX}/ab-dir/x.js"));
}

#[test]
fn longer_trailer_wins_between_equal_prefixes() {
    let r = pkg(r#"{"./x/*": "./short/*", "./x/*.js": "./long/*.js"}"#, &["short/a.js", "long/a.js"]);
    assert_eq!(cjs(&r, "ex/x/a.js", P), format!("{EX}/long/a.js"));
}

#[test]
fn exact_key_wins_over_pattern() {
    let r = pkg(r#"{"./*": "./star/*.js", "./x": "./exact.js"}"#, &["star/x.js", "exact.js"]);
    assert_eq!(cjs(&r, "ex/x", P), format!("{EX}/exact.js"));
}

#[test]
fn array_targets_take_the_first_valid() {
    let r = pkg(r#"{".": ["x.js", "./ok.js"], "./n": [null, "./ok.js"]}"#, &["ok.js"]);
    assert_eq!(cjs(&r, "ex", P), format!("{EX}/ok.js"));
    assert_eq!(cjs(&r, "ex/n", P), format!("{EX}/ok.js"));
}

#[test]
fn array_with_conditions() {
    let r = pkg(r#"{".": [{"import": "./i.mjs"}, "./fallback.js"]}"#, &["i.mjs", "fallback.js"]);
    assert_eq!(cjs(&r, "ex", P), format!("{EX}/fallback.js"));
}

#[test]
fn array_of_invalid_targets_throws_the_last() {
    let r = pkg(r#"{".": ["a.js", "b.js"]}"#, &[]);
    assert_eq!(
        show(&cjs_err(&r, "ex", P)),
        format!("ERR_INVALID_PACKAGE_TARGET: Invalid \"exports\" main target \"b.js\" defined in the package config {EX}/package.json; targets must start with \"./\"")
    );
}

#[test]
fn empty_array_is_not_exported() {
    let r = pkg(r#"{".": []}"#, &[]);
    assert!(matches!(cjs_err(&r, "ex", P).code(), Some("ERR_PACKAGE_PATH_NOT_EXPORTED")));
}

#[test]
fn invalid_targets() {
    let r = pkg(
        r#"{".": 5, "./bad": "x.js", "./up": "./../x.js", "./nm": "./node_modules/x.js", "./abs": "/x.js", "./url": "file:///x.js"}"#,
        &[],
    );
    let err = |req| show(&cjs_err(&r, req, P));
    assert_eq!(
        err("ex"),
        format!("ERR_INVALID_PACKAGE_TARGET: Invalid \"exports\" main target \"5\" defined in the package config {EX}/package.json; targets must start with \"./\"")
    );
    assert_eq!(
        err("ex/bad"),
        format!("ERR_INVALID_PACKAGE_TARGET: Invalid \"exports\" target \"x.js\" defined for './bad' in the package config {EX}/package.json; targets must start with \"./\"")
    );
    assert_eq!(
        err("ex/up"),
        format!("ERR_INVALID_PACKAGE_TARGET: Invalid \"exports\" target \"./../x.js\" defined for './up' in the package config {EX}/package.json")
    );
    assert_eq!(
        err("ex/nm"),
        format!("ERR_INVALID_PACKAGE_TARGET: Invalid \"exports\" target \"./node_modules/x.js\" defined for './nm' in the package config {EX}/package.json")
    );
    assert!(err("ex/abs").contains("Invalid \"exports\" target \"/x.js\" defined for './abs'"));
    assert!(err("ex/url").contains("target \"file:///x.js\""));
}

#[test]
fn object_target_is_printed_as_json() {
    let r = pkg(r#"{"./o": [{"default": true}]}"#, &[]);
    assert_eq!(
        show(&cjs_err(&r, "ex/o", P)),
        format!("ERR_INVALID_PACKAGE_TARGET: Invalid \"exports\" target \"true\" defined for './o' in the package config {EX}/package.json; targets must start with \"./\"")
    );
}

#[test]
fn invalid_subpath_segments_in_patterns() {
    let r = pkg(r#"{"./p/*": "./lib/*.js"}"#, &["x.js"]);
    let msg = |shown: &str| {
        format!("ERR_INVALID_MODULE_SPECIFIER: Invalid module \"{shown}\" request is not a valid match in pattern \"./p/*\" for the \"exports\" resolution of {EX}/package.json")
    };
    assert_eq!(show(&cjs_err(&r, "ex/p/../x", P)), msg("./p/../x"));
    assert_eq!(show(&cjs_err(&r, "ex/p/%2e%2e/x", P)), msg("./p/%2e%2e/x"));
    assert_eq!(show(&cjs_err(&r, "ex/p/node_modules/a", P)), msg("./p/node_modules/a"));
}

#[test]
fn encoded_separator_in_a_pattern_match() {
    let r = pkg(r#"{"./p/*": "./lib/*.js"}"#, &[]);
    let err = cjs_err(&r, "ex/p/a%2Fb", P);
    assert_eq!(
        show(&err),
        format!("MODULE_NOT_FOUND: Invalid module \"file://{EX}/lib/a%2Fb.js\" must not include encoded \"/\" or \"\\\" characters")
    );
}

#[test]
fn exported_file_missing() {
    let r = pkg(r#"{"./missing": "./nofile.js", "./e/*": "./lib/*/"}"#, &["lib/q"]);
    let ResolveError::Node(err) = cjs_err(&r, "ex/missing", P) else { panic!() };
    assert_eq!(err.code, Some("MODULE_NOT_FOUND"));
    assert_eq!(err.message, format!("Cannot find module '{EX}/nofile.js'"));
    assert_eq!(err.path, Some(format!("{EX}/package.json")));
    assert_eq!(cjs_err(&r, "ex/e/q", P).message(), format!("Cannot find module '{EX}/lib/q/'"));
    assert_eq!(r.take_warnings()[0].code, "DEP0166");
}

#[test]
fn exported_directory_is_not_a_file() {
    let r = pkg(r#"{"./d": "./dir"}"#, &["dir/index.js"]);
    assert_eq!(cjs_err(&r, "ex/d", P).message(), format!("Cannot find module '{EX}/dir'"));
}

#[test]
fn mixed_keys_are_an_invalid_config() {
    let r = pkg(r#"{"./a": "./a.js", "b": "./b.js"}"#, &["a.js"]);
    assert_eq!(
        show(&cjs_err(&r, "ex/a", P)),
        format!("ERR_INVALID_PACKAGE_CONFIG: Invalid package config {EX}/package.json. \"exports\" cannot contain some keys starting with '.' and some not. The exports object must either be an object of package subpath keys or an object of main entry condition name keys only.")
    );
}

#[test]
fn numeric_condition_keys_are_an_invalid_config() {
    let r = pkg(r#"{".": {"0": "./a.js"}}"#, &["a.js"]);
    assert_eq!(
        show(&cjs_err(&r, "ex", P)),
        format!("ERR_INVALID_PACKAGE_CONFIG: Invalid package config {EX}/package.json. \"exports\" cannot contain numeric property keys.")
    );
}

#[test]
fn non_object_exports_export_nothing() {
    let r = pkg("true", &["index.js"]);
    assert!(matches!(cjs_err(&r, "ex", P).code(), Some("ERR_PACKAGE_PATH_NOT_EXPORTED")));
}

#[test]
fn null_exports_fall_back_to_main() {
    let r = pkg("null", &["index.js"]);
    assert_eq!(cjs(&r, "ex", P), format!("{EX}/index.js"));
}

#[test]
fn scoped_package_exports() {
    let fs = MemFs::new()
        .file("/app/node_modules/@s/p/package.json", r#"{"exports": {"./x": "./x.js"}}"#)
        .files(&["/app/node_modules/@s/p/x.js"]);
    let r = resolver(fs);
    assert_eq!(cjs(&r, "@s/p/x", P), "/app/node_modules/@s/p/x.js");
}

#[test]
fn exports_target_is_realpathed() {
    let fs = MemFs::new()
        .file("/store/ex/package.json", r#"{"exports": "./x.js"}"#)
        .files(&["/store/ex/x.js"])
        .link("/app/node_modules/ex", "/store/ex");
    assert_eq!(cjs(&resolver(fs), "ex", P), "/store/ex/x.js");
}

#[test]
fn trailing_slash_subpath_warns_for_patterns() {
    let r = pkg(r#"{"./p/*": "./lib/*.js"}"#, &[]);
    assert!(matches!(cjs_err(&r, "ex/p/", P).code(), Some("ERR_PACKAGE_PATH_NOT_EXPORTED")));
    let warnings = r.take_warnings();
    assert_eq!(warnings[0].code, "DEP0155");
    assert_eq!(
        warnings[0].message,
        format!("Use of deprecated trailing slash pattern mapping \"./p/\" in the \"exports\" field module resolution of the package at {EX}/package.json. Mapping specifiers ending in \"/\" is no longer supported.")
    );
}

#[test]
fn exports_resolution_keeps_looking_in_later_node_modules_only_without_exports() {
    // A package with exports that does not export the subpath is an error, not a miss.
    let fs = MemFs::new()
        .file("/app/node_modules/ex/package.json", r#"{"exports": {}}"#)
        .files(&["/node_modules/ex/index.js"]);
    let r = resolver(fs);
    assert!(matches!(cjs_err(&r, "ex", P).code(), Some("ERR_PACKAGE_PATH_NOT_EXPORTED")));
    assert_eq!(cjs(&r, "ex", "/other.js"), "/node_modules/ex/index.js");
}

#[test]
fn number_targets_print_like_javascript() {
    let r = pkg(r#"{"./n": 1.5, "./o": {"default": {"x": 1}}}"#, &[]);
    assert_eq!(
        show(&cjs_err(&r, "ex/n", P)),
        format!("ERR_INVALID_PACKAGE_TARGET: Invalid \"exports\" target \"1.5\" defined for './n' in the package config {EX}/package.json; targets must start with \"./\"")
    );
    assert!(matches!(cjs_err(&r, "ex/o", P).code(), Some("ERR_PACKAGE_PATH_NOT_EXPORTED")));
}
