//! Node's module resolution, CommonJS and ESM, as plain Rust (no V8 here).
//!
//! The loader's ops call a [`Resolver`], which the isolate keeps for its whole
//! life: it caches parsed package.json files, as node does. File access goes
//! through the small [`Fs`] trait so the unit tests run on an in-memory tree.
//!
//! - [`Resolver::resolve_cjs`]: `require()` / `require.resolve()`
//!   (node's `Module._resolveFilename`).
//! - [`Resolver::resolve_esm`]: `import` / `import()` (node's `defaultResolve`).
//! - [`Resolver::esm_format`] / [`Resolver::cjs_format`]: how to load a file.
//! - Errors carry node's `code` and exact `message` ([`ResolveError`]).

mod errors;
mod esm;
mod exports;
mod format;
mod package_json;
mod paths;
mod resolve;

#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

pub use errors::{ErrorClass, JsonParseFailure, NodeError, ResolveError};
pub use esm::EsmResolved;
pub use format::Format;
pub use package_json::{PackageJson, PackageType};
pub use paths::node_module_paths;
pub use resolve::CjsRequest;

/// What `stat` found (node's `internalModuleStat`: anything not a directory is a file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
}

/// The file system as the resolver sees it. `stat` and `realpath` follow symlinks.
pub trait Fs {
    fn stat(&self, p: &Path) -> Option<Kind>;
    fn read_to_string(&self, p: &Path) -> Option<String>;
    fn realpath(&self, p: &Path) -> Option<PathBuf>;
}

/// The real file system (`std::fs`).
#[derive(Debug, Default, Clone, Copy)]
pub struct RealFs;

impl Fs for RealFs {
    fn stat(&self, p: &Path) -> Option<Kind> {
        let meta = std::fs::metadata(p).ok()?;
        Some(if meta.is_dir() { Kind::Dir } else { Kind::File })
    }

    fn read_to_string(&self, p: &Path) -> Option<String> {
        // node decodes package.json as UTF-8 with replacement characters.
        let bytes = std::fs::read(p).ok()?;
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }

    fn realpath(&self, p: &Path) -> Option<PathBuf> {
        std::fs::canonicalize(p).ok()
    }
}

/// A CommonJS or ESM resolution result (CommonJS form; ESM has [`EsmResolved`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A built-in module id without the `node:` prefix (`fs`, `test`).
    /// `require.resolve` returns the request as written, not this id.
    Builtin(String),
    /// The absolute real path of the file (a `.node` file too: the caller errors).
    File(PathBuf),
}

/// A deprecation that node would print with `process.emitWarning(message,
/// 'DeprecationWarning', code)`; drained with [`Resolver::take_warnings`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
}

/// Process-wide settings for resolution.
#[derive(Debug, Clone)]
pub struct Config {
    /// Built-in ids. Plain ids (`fs`, `fs/promises`) load with or without
    /// `node:`; ids written with the prefix (`node:test`, `node:sea`) only with it.
    pub builtins: Vec<String>,
    /// User conditions (`--conditions` / `-C`), after node's own.
    pub conditions: Vec<String>,
    /// `Module.globalPaths`: NODE_PATH entries, then `~/.node_modules`,
    /// `~/.node_libraries`, `<prefix>/lib/node` (see [`Config::global_paths`]).
    pub global_paths: Vec<PathBuf>,
    /// The keys of `require.extensions`, in order.
    pub extensions: Vec<String>,
    /// `process.cwd()`: relative paths and parent-less requests start here.
    pub cwd: PathBuf,
    /// `--preserve-symlinks`.
    pub preserve_symlinks: bool,
    /// `--preserve-symlinks-main`.
    pub preserve_symlinks_main: bool,
}

impl Config {
    pub fn new<S: Into<String>>(builtins: impl IntoIterator<Item = S>, cwd: impl Into<PathBuf>) -> Self {
        Config {
            builtins: builtins.into_iter().map(Into::into).collect(),
            conditions: Vec::new(),
            global_paths: Vec::new(),
            extensions: [".js", ".json", ".node"].map(String::from).to_vec(),
            cwd: cwd.into(),
            preserve_symlinks: false,
            preserve_symlinks_main: false,
        }
    }

    /// node's `Module._initPaths`: NODE_PATH entries (split on `:`, empties
    /// dropped, kept as written) before the home and prefix directories.
    pub fn global_paths(node_path: Option<&str>, home: Option<&Path>, exec_path: &Path) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> =
            node_path.into_iter().flat_map(|p| p.split(':')).filter(|s| !s.is_empty()).map(PathBuf::from).collect();
        if let Some(home) = home.filter(|h| !h.as_os_str().is_empty()) {
            paths.push(home.join(".node_modules"));
            paths.push(home.join(".node_libraries"));
        }
        let prefix = paths::resolve_path(exec_path, "../..");
        paths.push(prefix.join("lib").join("node"));
        paths
    }
}

/// A cached package.json read: missing, parsed, or a parse failure (kept so
/// every later read fails the same way, as node's reader does).
#[derive(Debug, Clone)]
enum CachedPackage {
    Missing,
    Parsed(Rc<PackageJson>),
    Invalid { source: Rc<str>, message: Rc<str> },
}

/// node's resolver state: settings, the package.json cache and pending warnings.
pub struct Resolver<F: Fs = RealFs> {
    fs: F,
    pub config: Config,
    packages: RefCell<HashMap<PathBuf, CachedPackage>>,
    warnings: RefCell<Vec<Warning>>,
    warned: RefCell<HashSet<String>>,
}

impl<F: Fs> Resolver<F> {
    pub fn new(fs: F, config: Config) -> Self {
        Resolver { fs, config, packages: RefCell::default(), warnings: RefCell::default(), warned: RefCell::default() }
    }

    pub fn fs(&self) -> &F {
        &self.fs
    }

    /// Forgets every cached package.json (node never does; useful for tests and watch mode).
    pub fn clear_cache(&self) {
        self.packages.borrow_mut().clear();
    }

    /// The deprecation warnings produced since the last call, for `process.emitWarning`.
    pub fn take_warnings(&self) -> Vec<Warning> {
        std::mem::take(&mut *self.warnings.borrow_mut())
    }

    fn warn(&self, code: &'static str, message: String) {
        self.warnings.borrow_mut().push(Warning { code, message });
    }

    /// Warns once per `key`, like node's `emittedPackageWarnings` set.
    fn warn_once(&self, key: String, code: &'static str, message: String) {
        if self.warned.borrow_mut().insert(key) {
            self.warn(code, message);
        }
    }

    /// The id of a built-in `request` may load (`fs`, `node:fs`, `node:test`), if any.
    pub fn builtin_id<'r>(&self, request: &'r str) -> Option<&'r str> {
        match request.strip_prefix("node:") {
            Some(id) => self.is_builtin(id, true).then_some(id),
            None => self.is_builtin(request, false).then_some(request),
        }
    }

    /// node's `canBeRequiredWithoutScheme` (with_scheme false) / `canBeRequiredByUsers`.
    fn is_builtin(&self, id: &str, with_scheme: bool) -> bool {
        self.config.builtins.iter().any(|b| match b.strip_prefix("node:") {
            Some(scheme_only) => with_scheme && scheme_only == id,
            None => b == id,
        })
    }

    /// node's CommonJS conditions: `require`, `node`, `node-addons`, then the user's.
    fn cjs_conditions(&self) -> Vec<String> {
        self.conditions_with(&["require", "node", "node-addons"])
    }

    /// node's ESM conditions: `node`, `import`, `node-addons`, then the user's.
    fn esm_conditions(&self) -> Vec<String> {
        self.conditions_with(&["node", "import", "node-addons"])
    }

    fn conditions_with(&self, own: &[&str]) -> Vec<String> {
        own.iter().map(|s| s.to_string()).chain(self.config.conditions.iter().cloned()).collect()
    }

    /// The real path of an existing file, unless symlinks are preserved.
    fn to_real(&self, path: &Path, is_main: bool) -> PathBuf {
        let preserve = if is_main { self.config.preserve_symlinks_main } else { self.config.preserve_symlinks };
        if preserve {
            return path.to_path_buf();
        }
        self.fs.realpath(path).unwrap_or_else(|| path.to_path_buf())
    }
}
