//! Resolution errors with node 20's codes and exact messages, so the JS side
//! can throw them as they are.

use std::fmt;
use std::path::Path;

/// Which JavaScript constructor node uses for the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    Error,
    TypeError,
    SyntaxError,
}

/// A package.json that does not parse. node's message ends with V8's
/// `JSON.parse` text, which serde cannot reproduce: the JS side may rebuild
/// the message as `prefix + <JSON.parse(source) error message>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonParseFailure {
    pub prefix: String,
    pub source: String,
}

/// An error node throws as-is: `new <class>(message)` with `code` and,
/// when set, the `path`, `url` and `requestPath` properties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeError {
    pub class: ErrorClass,
    /// `None` only for CommonJS's package.json `SyntaxError`, which has no code.
    pub code: Option<&'static str>,
    pub message: String,
    pub path: Option<String>,
    pub url: Option<String>,
    pub request_path: Option<String>,
    pub json: Option<JsonParseFailure>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// CommonJS found nothing: the JS side throws `Cannot find module '<request>'`
    /// plus `\nRequire stack:\n- <parent>...`, code `MODULE_NOT_FOUND`, `requireStack`.
    NotFound { request: String },
    /// Anything else, thrown as it is (boxed: keeps `Result`s small).
    Node(Box<NodeError>),
}

impl ResolveError {
    pub fn code(&self) -> Option<&'static str> {
        match self {
            ResolveError::NotFound { .. } => Some("MODULE_NOT_FOUND"),
            ResolveError::Node(e) => e.code,
        }
    }

    /// The message without CommonJS's require stack.
    pub fn message(&self) -> String {
        match self {
            ResolveError::NotFound { request } => format!("Cannot find module '{request}'"),
            ResolveError::Node(e) => e.message.clone(),
        }
    }

    pub(crate) fn has_code(&self, code: &str) -> bool {
        self.code() == Some(code)
    }
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code() {
            Some(code) => write!(f, "{code}: {}", self.message()),
            None => f.write_str(&self.message()),
        }
    }
}

impl std::error::Error for ResolveError {}

pub(crate) fn show(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// node's ` imported from <base>` suffix, empty without a base.
fn imported_from(base: Option<&str>) -> String {
    base.map(|b| format!(" imported from {b}")).unwrap_or_default()
}

/// JSON.stringify of a string, for quoting targets and hints as node does.
pub(crate) fn json_quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn node(class: ErrorClass, code: &'static str, message: String) -> ResolveError {
    ResolveError::Node(Box::new(NodeError {
        class,
        code: Some(code),
        message,
        path: None,
        url: None,
        request_path: None,
        json: None,
    }))
}

fn with(mut err: ResolveError, edit: impl FnOnce(&mut NodeError)) -> ResolveError {
    if let ResolveError::Node(e) = &mut err {
        edit(e);
    }
    err
}

pub(crate) fn not_found(request: &str) -> ResolveError {
    ResolveError::NotFound { request: request.to_string() }
}

/// CommonJS's `createEsmNotFoundErr`: no require stack, `path` is the package.json.
pub(crate) fn cjs_esm_not_found(request: &str, pjson: Option<&Path>) -> ResolveError {
    let err = node(ErrorClass::Error, "MODULE_NOT_FOUND", format!("Cannot find module '{request}'"));
    with(err, |e| e.path = pjson.map(show))
}

/// CommonJS `tryPackage`: `main` and the index fallback both missing.
pub(crate) fn main_not_found(filename: &Path, pjson: &Path, request: &str) -> ResolveError {
    let message = format!(
        "Cannot find module '{}'. Please verify that the package.json has a valid \"main\" entry",
        show(filename)
    );
    with(node(ErrorClass::Error, "MODULE_NOT_FOUND", message), |e| {
        e.path = Some(show(pjson));
        e.request_path = Some(request.to_string());
    })
}

/// ERR_MODULE_NOT_FOUND for a file (`url` set) or a package (`url` unset).
pub(crate) fn module_not_found(what: &str, base: &str, url: Option<&str>) -> ResolveError {
    let noun = if url.is_some() { "module" } else { "package" };
    let message = format!("Cannot find {noun} '{what}' imported from {base}");
    with(node(ErrorClass::Error, "ERR_MODULE_NOT_FOUND", message), |e| e.url = url.map(String::from))
}

pub(crate) fn unsupported_dir_import(path: &str, base: &str, url: &str) -> ResolveError {
    let message = format!("Directory import '{path}' is not supported resolving ES modules imported from {base}");
    with(node(ErrorClass::Error, "ERR_UNSUPPORTED_DIR_IMPORT", message), |e| e.url = Some(url.to_string()))
}

pub(crate) fn invalid_module_specifier(request: &str, reason: &str, base: Option<&str>) -> ResolveError {
    let message = format!("Invalid module \"{request}\" {reason}{}", imported_from(base));
    node(ErrorClass::TypeError, "ERR_INVALID_MODULE_SPECIFIER", message)
}

/// `pkg_dir` ends with a separator, as node's `fileURLToPath(new URL('.', pjsonUrl))`.
pub(crate) fn package_path_not_exported(pkg_dir: &str, subpath: &str, base: Option<&str>) -> ResolveError {
    let message = if subpath == "." {
        format!("No \"exports\" main defined in {pkg_dir}package.json{}", imported_from(base))
    } else {
        format!(
            "Package subpath '{subpath}' is not defined by \"exports\" in {pkg_dir}package.json{}",
            imported_from(base)
        )
    };
    node(ErrorClass::Error, "ERR_PACKAGE_PATH_NOT_EXPORTED", message)
}

pub(crate) fn invalid_package_target(
    pkg_dir: &str,
    key: &str,
    target: &str,
    is_import: bool,
    base: Option<&str>,
) -> ResolveError {
    let related = !is_import && !target.is_empty() && !target.starts_with("./");
    let hint = if related { "; targets must start with \"./\"" } else { "" };
    let target = json_quote(target);
    let from = imported_from(base);
    let message = if key == "." {
        format!(
            "Invalid \"exports\" main target {target} defined in the package config {pkg_dir}package.json{from}{hint}"
        )
    } else {
        let field = if is_import { "imports" } else { "exports" };
        format!(
            "Invalid \"{field}\" target {target} defined for '{key}' in the package config {pkg_dir}package.json{from}{hint}"
        )
    };
    node(ErrorClass::Error, "ERR_INVALID_PACKAGE_TARGET", message)
}

/// `base` is what node interpolates: a URL's href, or a path.
pub(crate) fn invalid_package_config(path: &Path, base: Option<&str>, detail: &str) -> ResolveError {
    let base = base.map(|b| format!(" while importing {b}")).unwrap_or_default();
    let message = format!("Invalid package config {}{base}. {detail}", show(path));
    node(ErrorClass::Error, "ERR_INVALID_PACKAGE_CONFIG", message)
}

/// A package.json that does not parse; `esm_context` is node's "while importing" text.
pub(crate) fn package_json_parse(path: &Path, esm_context: Option<&str>, source: &str, detail: &str) -> ResolveError {
    let (prefix, class, code) = match esm_context {
        Some(ctx) => (
            format!("Invalid package config {} while importing {ctx}. ", show(path)),
            ErrorClass::Error,
            Some("ERR_INVALID_PACKAGE_CONFIG"),
        ),
        None => (format!("Error parsing {}: ", show(path)), ErrorClass::SyntaxError, None),
    };
    ResolveError::Node(Box::new(NodeError {
        class,
        code,
        message: format!("{prefix}{detail}"),
        path: esm_context.is_none().then(|| show(path)),
        url: None,
        request_path: None,
        json: Some(JsonParseFailure { prefix, source: source.to_string() }),
    }))
}

pub(crate) fn package_import_not_defined(specifier: &str, pkg_dir: Option<&str>, base: &str) -> ResolveError {
    let inside = pkg_dir.map(|d| format!(" in package {d}package.json")).unwrap_or_default();
    let message = format!("Package import specifier \"{specifier}\" is not defined{inside} imported from {base}");
    node(ErrorClass::TypeError, "ERR_PACKAGE_IMPORT_NOT_DEFINED", message)
}

pub(crate) fn unknown_file_extension(ext: &str, path: &Path) -> ResolveError {
    let message = format!("Unknown file extension \"{ext}\" for {}", show(path));
    node(ErrorClass::TypeError, "ERR_UNKNOWN_FILE_EXTENSION", message)
}

pub(crate) fn unsupported_esm_url_scheme(protocol: &str) -> ResolveError {
    let message = format!(
        "Only URLs with a scheme in: file, data, and node are supported by the default ESM loader. Received protocol '{protocol}'"
    );
    node(ErrorClass::Error, "ERR_UNSUPPORTED_ESM_URL_SCHEME", message)
}

pub(crate) fn unknown_builtin(request: &str) -> ResolveError {
    node(ErrorClass::Error, "ERR_UNKNOWN_BUILTIN_MODULE", format!("No such built-in module: {request}"))
}

pub(crate) fn invalid_url_scheme() -> ResolveError {
    node(ErrorClass::TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file".to_string())
}

pub(crate) fn invalid_file_url_path(reason: &str) -> ResolveError {
    node(ErrorClass::TypeError, "ERR_INVALID_FILE_URL_PATH", format!("File URL path {reason}"))
}

pub(crate) fn invalid_file_url_host() -> ResolveError {
    let message = "File URL host must be \"localhost\" or empty on linux".to_string();
    node(ErrorClass::TypeError, "ERR_INVALID_FILE_URL_HOST", message)
}

pub(crate) fn unsupported_resolve_request(specifier: &str, base: &str) -> ResolveError {
    let message = format!(
        "Failed to resolve module specifier \"{specifier}\" from \"{base}\": Invalid relative URL or base scheme is not hierarchical."
    );
    node(ErrorClass::TypeError, "ERR_UNSUPPORTED_RESOLVE_REQUEST", message)
}

/// Replaces the code (node overwrites `err.code` in `finalizeEsmResolution`).
pub(crate) fn recode(err: ResolveError, code: &'static str) -> ResolveError {
    with(err, |e| e.code = Some(code))
}

/// Appends a line to the message (node's "Did you mean to import ...?" hint).
pub(crate) fn append_line(err: ResolveError, line: &str) -> ResolveError {
    with(err, |e| {
        e.message.push('\n');
        e.message.push_str(line);
    })
}
