//! Node's own command-line options: which exist, whether they take a value,
//! which V8 handles, and which `NODE_OPTIONS` may carry (node's allow-list).

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// A boolean node option; `--no-<name>` sets it to false.
    Flag,
    /// A node option with a value (`--name=v` or `--name v`).
    Value,
    /// Handed to V8 as written (and listed in `process.execArgv`).
    V8,
}

#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub name: &'static str,
    pub kind: Kind,
    /// Allowed in `NODE_OPTIONS`.
    pub env: bool,
}

const fn flag(name: &'static str) -> Spec {
    Spec { name, kind: Kind::Flag, env: true }
}
const fn value(name: &'static str) -> Spec {
    Spec { name, kind: Kind::Value, env: true }
}
const fn v8(name: &'static str) -> Spec {
    Spec { name, kind: Kind::V8, env: true }
}
const fn cli_only(spec: Spec) -> Spec {
    Spec { env: false, ..spec }
}

/// Options rnode accepts beyond its own `-e/-p/-c/-r/-i/--input-type`. Those
/// with an effect are read by the bootstrap through `internal/options`; the
/// rest are accepted as node accepts them (see README's usage table).
pub const SPECS: &[Spec] = &[
    // Process warnings and deprecations.
    flag("--warnings"),
    flag("--deprecation"),
    flag("--throw-deprecation"),
    flag("--trace-deprecation"),
    flag("--trace-warnings"),
    flag("--pending-deprecation"),
    value("--disable-warning"),
    value("--redirect-warnings"),
    value("--unhandled-rejections"),
    flag("--trace-uncaught"),
    flag("--trace-exit"),
    flag("--trace-sigint"),
    flag("--trace-sync-io"),
    flag("--trace-promises"),
    flag("--trace-atomics-wait"),
    flag("--trace-tls"),
    // Modules.
    flag("--preserve-symlinks"),
    flag("--preserve-symlinks-main"),
    value("--conditions"),
    value("--import"),
    value("--experimental-loader"),
    value("--loader"),
    value("--experimental-default-type"),
    value("--experimental-specifier-resolution"),
    value("--es-module-specifier-resolution"),
    flag("--experimental-detect-module"),
    flag("--experimental-require-module"),
    flag("--experimental-import-meta-resolve"),
    flag("--experimental-json-modules"),
    flag("--experimental-modules"),
    flag("--experimental-network-imports"),
    flag("--experimental-top-level-await"),
    flag("--experimental-vm-modules"),
    flag("--experimental-wasm-modules"),
    flag("--experimental-print-required-tla"),
    flag("--global-search-paths"),
    flag("--addons"),
    flag("--enable-source-maps"),
    // Globals and web APIs.
    flag("--experimental-abortcontroller"),
    flag("--experimental-eventsource"),
    flag("--experimental-fetch"),
    flag("--experimental-global-customevent"),
    flag("--experimental-global-webcrypto"),
    flag("--experimental-websocket"),
    flag("--experimental-shadow-realm"),
    flag("--experimental-repl-await"),
    flag("--experimental-worker"),
    flag("--experimental-report"),
    flag("--experimental-wasi-unstable-preview1"),
    // The permission model is not implemented: --experimental-permission is
    // refused (see check_supported); the --allow-* options alone fail as in node.
    flag("--experimental-permission"),
    value("--allow-fs-read"),
    value("--allow-fs-write"),
    flag("--allow-child-process"),
    flag("--allow-worker"),
    flag("--allow-addons"),
    flag("--allow-wasi"),
    value("--experimental-policy"),
    cli_only(flag("--experimental-test-coverage")),
    cli_only(flag("--experimental-test-module-mocks")),
    cli_only(value("--experimental-sea-config")),
    // The process.
    value("--env-file"),
    value("--title"),
    value("--disable-proto"),
    flag("--zero-fill-buffers"),
    flag("--frozen-intrinsics"),
    flag("--force-context-aware"),
    flag("--verify-base-objects"),
    flag("--node-memory-debug"),
    value("--diagnostic-dir"),
    value("--icu-data-dir"),
    value("--secure-heap"),
    value("--secure-heap-min"),
    value("--v8-pool-size"),
    // Networking defaults (accepted; the modules they tune read them when present).
    value("--max-http-header-size"),
    flag("--insecure-http-parser"),
    value("--dns-result-order"),
    flag("--network-family-autoselection"),
    flag("--enable-network-family-autoselection"),
    value("--network-family-autoselection-attempt-timeout"),
    flag("--tls-min-v1.0"),
    flag("--tls-min-v1.1"),
    flag("--tls-min-v1.2"),
    flag("--tls-min-v1.3"),
    flag("--tls-max-v1.2"),
    flag("--tls-max-v1.3"),
    value("--tls-cipher-list"),
    value("--tls-keylog"),
    flag("--use-openssl-ca"),
    flag("--use-bundled-ca"),
    value("--openssl-config"),
    flag("--openssl-legacy-provider"),
    flag("--openssl-shared-config"),
    flag("--enable-fips"),
    flag("--force-fips"),
    // Options whose V8 meaning is the whole effect.
    flag("--expose-internals"),
    v8("--expose-gc"),
    v8("--expose_gc"),
    v8("--max-old-space-size"),
    v8("--max-semi-space-size"),
    v8("--stack-trace-limit"),
    v8("--abort-on-uncaught-exception"),
    v8("--disallow-code-generation-from-strings"),
    v8("--huge-max-old-generation-size"),
    v8("--interpreted-frames-native-stack"),
    v8("--jitless"),
    v8("--perf-basic-prof"),
    v8("--perf-basic-prof-only-functions"),
    v8("--perf-prof"),
    v8("--perf-prof-unwinding-info"),
    cli_only(v8("--stack-size")),
];

/// `--foo_bar=x` names `--foo-bar` (node normalises underscores in its own options).
pub fn normalize(name: &str) -> String {
    match name.strip_prefix("--") {
        Some(rest) => format!("--{}", rest.replace('_', "-")),
        None => name.to_string(),
    }
}

/// Looks an option up by its (normalised) name; `--no-x` finds the flag `--x`.
/// Returns the spec and whether it was negated.
pub fn lookup(name: &str) -> Option<(&'static Spec, bool)> {
    if name == "-C" {
        return SPECS.iter().find(|s| s.name == "--conditions").map(|s| (s, false));
    }
    // V8 spells some with underscores; match those as written first.
    if let Some(spec) = SPECS.iter().find(|s| s.name == name) {
        return Some((spec, false));
    }
    let normal = normalize(name);
    if let Some(spec) = SPECS.iter().find(|s| s.name == normal) {
        return Some((spec, false));
    }
    let positive = format!("--{}", normal.strip_prefix("--no-")?);
    SPECS.iter().find(|s| s.name == positive && s.kind == Kind::Flag).map(|s| (s, true))
}

/// What `process.allowedNodeEnvironmentFlags` lists: every option
/// `NODE_OPTIONS` may carry, with the `--no-` forms of flags.
pub fn env_allowed_names() -> Vec<String> {
    let mut names: Vec<String> = ["-r", "--require", "--input-type", "-C"].map(String::from).to_vec();
    for spec in SPECS.iter().filter(|s| s.env && !s.name.contains('_')) {
        names.push(spec.name.to_string());
        if spec.kind == Kind::Flag {
            names.push(format!("--no-{}", &spec.name[2..]));
        }
    }
    names
}

/// `--no-<name>` where `--<name>` takes a value: node rejects the negation.
pub fn is_value_negation(name: &str) -> bool {
    let normal = normalize(name);
    let Some(rest) = normal.strip_prefix("--no-") else { return false };
    let positive = format!("--{rest}");
    SPECS.iter().any(|s| s.name == positive && s.kind == Kind::Value)
}

/// Options rnode refuses because accepting them without their effect would
/// mislead (a permission model that restricts nothing, loader hooks or a
/// policy that are never applied, a debugger that never listens).
pub fn check_supported(name: &str, enabled: bool) -> Result<(), String> {
    const REFUSED: &[&str] =
        &["--experimental-permission", "--experimental-loader", "--loader", "--experimental-policy"];
    if enabled && REFUSED.contains(&name) {
        return Err(format!("{name} is not supported by rnode"));
    }
    Ok(())
}

/// `--inspect`, `--inspect-brk`, `--inspect-port`, ...: rnode has no inspector.
pub fn is_inspector_option(name: &str) -> bool {
    let normal = normalize(name);
    normal.starts_with("--inspect") || normal == "--debug-port"
}

/// Checks a value node validates at start-up; the message is node's.
pub fn check_value(name: &str, value: &str) -> Result<(), String> {
    let allowed: &[&str] = match name {
        "--unhandled-rejections" => &["strict", "warn", "none", "throw", "warn-with-error-code"],
        "--dns-result-order" => &["ipv4first", "verbatim"],
        "--experimental-default-type" => &["commonjs", "module"],
        _ => return Ok(()),
    };
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(format!("invalid value for {name}"))
    }
}

/// Splits `NODE_OPTIONS` as node does: on spaces, with `"..."` grouping and
/// `\` escaping inside quotes.
pub fn split_node_options(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_token = false;
    let mut quoted = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quoted => match chars.next() {
                Some(next) => current.push(next),
                None => return Err("invalid value for NODE_OPTIONS (invalid escape)".into()),
            },
            '"' => {
                quoted = !quoted;
                in_token = true;
            }
            ' ' if !quoted => {
                if in_token {
                    out.push(std::mem::take(&mut current));
                    in_token = false;
                }
            }
            _ => {
                current.push(c);
                in_token = true;
            }
        }
    }
    if quoted {
        return Err("invalid value for NODE_OPTIONS (unterminated string)".into());
    }
    if in_token {
        out.push(current);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negated_flags_and_aliases() {
        assert_eq!(lookup("--no-warnings").map(|(s, n)| (s.name, n)), Some(("--warnings", true)));
        assert_eq!(lookup("--trace_warnings").map(|(s, n)| (s.name, n)), Some(("--trace-warnings", false)));
        assert_eq!(lookup("-C").map(|(s, _)| s.name), Some("--conditions"));
        assert!(lookup("--no-title").is_none());
        assert!(lookup("--bogus").is_none());
    }

    #[test]
    fn node_options_quoting() {
        assert_eq!(
            split_node_options(r#" --a  -r "x y.js" "q\"z""#).ok(),
            Some(vec!["--a".to_string(), "-r".into(), "x y.js".into(), "q\"z".into()])
        );
        assert!(split_node_options("\"open").is_err());
    }

    #[test]
    fn values_node_checks() {
        assert!(check_value("--unhandled-rejections", "strict").is_ok());
        assert!(check_value("--unhandled-rejections", "bogus").is_err());
        assert!(check_value("--title", "anything").is_ok());
    }
}
