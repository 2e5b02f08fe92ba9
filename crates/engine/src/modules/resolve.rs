//! node's CommonJS resolver (`Module._resolveFilename`, `_findPath`,
//! `_resolveLookupPaths`, `tryPackage`, `resolveExports`, `trySelf` in
//! lib/internal/modules/cjs/loader.js).

use std::path::{Path, PathBuf};

use url::Url;

use super::errors::{self, show, ResolveError};
use super::package_json::ReadCtx;
use super::paths::{self, concat, is_relative, node_module_paths, resolve_path};
use super::{Fs, Kind, Resolved, Resolver};

/// Who is requiring, for [`Resolver::resolve_cjs_with`].
#[derive(Debug, Default, Clone, Copy)]
pub struct CjsRequest<'a> {
    /// The parent module's filename; `None` for a parent without one (the
    /// REPL): relative requests and `#imports` then start at the cwd.
    pub parent: Option<&'a Path>,
    /// The parent's `module.paths`; default `node_module_paths(dirname(parent))`
    /// (or of the cwd without a parent).
    pub parent_paths: Option<&'a [PathBuf]>,
    /// `require.resolve(request, { paths })`.
    pub paths: Option<&'a [PathBuf]>,
}

/// The resolved inputs of one CommonJS resolution.
pub(crate) struct CjsCtx {
    lookup: Vec<PathBuf>,
    /// The parent path `#imports` resolve from (`None`: no imports lookup).
    imports_from: Option<PathBuf>,
    /// node's `trySelfParentPath` (`None`: no self-reference).
    self_from: Option<PathBuf>,
}

impl CjsCtx {
    /// What node's ESM error hint resolves with: a module with `paths` from
    /// the parent file itself but no filename.
    pub(crate) fn hint<F: Fs>(request: &str, parent: &Path, resolver: &Resolver<F>) -> CjsCtx {
        let own = node_module_paths(parent);
        let lookup = resolver.lookup_paths(request, None, Some(&own)).unwrap_or_default();
        CjsCtx { lookup, imports_from: None, self_from: None }
    }
}

impl<F: Fs> Resolver<F> {
    /// `require(request)` from the module `parent` (its filename).
    pub fn resolve_cjs(&self, request: &str, parent: Option<&Path>) -> Result<Resolved, ResolveError> {
        self.resolve_cjs_with(request, &CjsRequest { parent, ..CjsRequest::default() })
    }

    /// `require.resolve(request, options)` and the rest of the cases.
    pub fn resolve_cjs_with(&self, request: &str, req: &CjsRequest) -> Result<Resolved, ResolveError> {
        let default_paths;
        let parent_paths = match req.parent_paths {
            Some(p) => p,
            None => {
                let from = req.parent.and_then(Path::parent).unwrap_or(&self.config.cwd);
                default_paths = node_module_paths(&self.absolute(from));
                &default_paths
            }
        };
        let lookup = match req.paths {
            Some(paths) => self.lookup_from_option(request, paths),
            None => self.lookup_paths(request, req.parent, Some(parent_paths)).unwrap_or_default(),
        };
        let parent_or_cwd =
            |slash: &str| req.parent.map(Path::to_path_buf).unwrap_or_else(|| concat(&self.config.cwd, slash));
        let ctx = CjsCtx { lookup, imports_from: Some(parent_or_cwd("/")), self_from: Some(parent_or_cwd("")) };
        self.resolve_cjs_ctx(request, &ctx)
    }

    /// The entry point (`rnode main.js`): node's `Module._findPath(path.resolve(main), null, true)`.
    pub fn resolve_main(&self, main: &str) -> Result<Option<PathBuf>, ResolveError> {
        let abs = resolve_path(&self.config.cwd, main);
        self.find_path(&show(&abs), &[], true)
    }

    pub(crate) fn resolve_cjs_ctx(&self, request: &str, ctx: &CjsCtx) -> Result<Resolved, ResolveError> {
        if let Some(id) = self.builtin_id(request) {
            return Ok(Resolved::Builtin(id.to_string()));
        }
        if request.starts_with("node:") {
            // `require()` checks this before resolving (Module._load).
            return Err(errors::unknown_builtin(request));
        }
        if request.starts_with('#') {
            if let Some(found) = self.try_imports(request, ctx.imports_from.as_deref())? {
                return Ok(Resolved::File(found));
            }
        }
        if let Some(from) = &ctx.self_from {
            if let Some(found) = self.try_self(from, request)? {
                return Ok(Resolved::File(found));
            }
        }
        match self.find_path(request, &ctx.lookup, false)? {
            Some(found) => Ok(Resolved::File(found)),
            None => Err(errors::not_found(request)),
        }
    }

    /// node's `Module._resolveLookupPaths`: where a request is looked for;
    /// `None` for built-ins. `parent_paths` is the parent's `module.paths`.
    pub fn lookup_paths(
        &self,
        request: &str,
        parent: Option<&Path>,
        parent_paths: Option<&[PathBuf]>,
    ) -> Option<Vec<PathBuf>> {
        if self.builtin_id(request).is_some() {
            return None;
        }
        let bytes = request.as_bytes();
        let dotted = bytes.first() == Some(&b'.') && (bytes.len() == 1 || bytes[1] == b'.' || bytes[1] == b'/');
        if !dotted {
            let mut paths = parent_paths.map(<[PathBuf]>::to_vec).unwrap_or_default();
            paths.extend(self.config.global_paths.iter().cloned());
            return (!paths.is_empty()).then_some(paths);
        }
        match parent.and_then(Path::parent) {
            Some(dir) => Some(vec![dir.to_path_buf()]),
            None => Some(vec![PathBuf::from(".")]),
        }
    }

    /// `require.resolve`'s `paths` option: relative requests look in the paths
    /// themselves, others in each path's node_modules chain (deduplicated).
    fn lookup_from_option(&self, request: &str, paths: &[PathBuf]) -> Vec<PathBuf> {
        if request.starts_with("./") || request.starts_with("../") {
            return paths.to_vec();
        }
        let mut out: Vec<PathBuf> = Vec::new();
        for path in paths {
            let own = node_module_paths(&self.absolute(path));
            for p in self.lookup_paths(request, None, Some(&own)).unwrap_or_default() {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        out
    }

    /// `#name` from the parent's package `imports` (only when it has the field).
    fn try_imports(&self, request: &str, from: Option<&Path>) -> Result<Option<PathBuf>, ResolveError> {
        let Some(from) = from else { return Ok(None) };
        let Some(pkg) = self.package_scope(&scope_dir(from), ReadCtx::Cjs)? else {
            return Ok(None);
        };
        if pkg.imports.is_none() {
            return Ok(None);
        }
        let base = paths::file_url(from);
        let found = self
            .package_imports_resolve(request, &base, &self.cjs_conditions())
            .and_then(|url| self.finalize_esm(&url, Some(from), pkg.dir()));
        match found {
            Err(e) if e.has_code("ERR_MODULE_NOT_FOUND") => Err(errors::cjs_esm_not_found(request, None)),
            other => other.map(Some),
        }
    }

    /// node's `trySelf`: the nearest package requiring itself by name through `exports`.
    fn try_self(&self, from: &Path, request: &str) -> Result<Option<PathBuf>, ResolveError> {
        let Some(pkg) = self.package_scope(&scope_dir(from), ReadCtx::Cjs)? else {
            return Ok(None);
        };
        let (Some(name), Some(_)) = (&pkg.name, &pkg.exports) else {
            return Ok(None);
        };
        let expansion = match request.strip_prefix(name.as_str()) {
            Some("") => ".".to_string(),
            Some(rest) if rest.starts_with('/') => format!(".{rest}"),
            _ => return Ok(None),
        };
        let base = paths::file_url(from);
        let found = self
            .package_exports_resolve(&pkg, &expansion, Some(&base), &self.cjs_conditions())
            .and_then(|url| self.finalize_esm(&url, Some(from), pkg.dir()));
        match found {
            Err(e) if e.has_code("ERR_MODULE_NOT_FOUND") => Err(errors::cjs_esm_not_found(request, Some(&pkg.path))),
            other => other.map(Some),
        }
    }

    /// node's `Module._findPath`.
    fn find_path(&self, request: &str, lookup: &[PathBuf], is_main: bool) -> Result<Option<PathBuf>, ResolveError> {
        let absolute = request.starts_with('/');
        let inside = !(is_relative(request) && normalize_relative(request).starts_with(".."));
        let trailing_slash = has_trailing_slash(request);
        let entries: Vec<Option<PathBuf>> = match absolute {
            true => vec![None],
            false => lookup.iter().map(|p| Some(self.absolute(p))).collect(),
        };
        for cur in entries {
            if let Some(dir) = &cur {
                if inside && self.fs.stat(dir) != Some(Kind::Dir) {
                    continue;
                }
                if let Some(found) = self.resolve_exports(dir, request)? {
                    return Ok(Some(found));
                }
            }
            let base = resolve_path(cur.as_deref().unwrap_or(&self.config.cwd), request);
            if let Some(found) = self.try_base(&base, trailing_slash, is_main, request)? {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// One lookup directory's candidates: the file, with extensions, then the directory.
    fn try_base(
        &self,
        base: &Path,
        trailing_slash: bool,
        is_main: bool,
        request: &str,
    ) -> Result<Option<PathBuf>, ResolveError> {
        let kind = self.fs.stat(base);
        if !trailing_slash {
            if kind == Some(Kind::File) {
                return Ok(Some(self.to_real(base, is_main)));
            }
            if let Some(found) = self.try_extensions(base, is_main) {
                return Ok(Some(found));
            }
        }
        if kind == Some(Kind::Dir) {
            return self.try_package(base, is_main, request);
        }
        Ok(None)
    }

    fn try_file(&self, path: &Path, is_main: bool) -> Option<PathBuf> {
        (self.fs.stat(path) == Some(Kind::File)).then(|| self.to_real(path, is_main))
    }

    fn try_extensions(&self, base: &Path, is_main: bool) -> Option<PathBuf> {
        self.config.extensions.iter().find_map(|ext| self.try_file(&concat(base, ext), is_main))
    }

    /// node's `tryPackage`: package.json `main` (as a file, with extensions, as
    /// a directory's index), else `index`; a broken `main` with an index
    /// fallback is deprecated (DEP0128), without one an error.
    fn try_package(&self, dir: &Path, is_main: bool, request: &str) -> Result<Option<PathBuf>, ResolveError> {
        let pjson = dir.join("package.json");
        let pkg = self.read_package(&pjson, ReadCtx::Cjs)?;
        let index = dir.join("index");
        let Some(main) = pkg.as_ref().and_then(|p| p.main.as_deref()).filter(|m| !m.is_empty()) else {
            return Ok(self.try_extensions(&index, is_main));
        };
        let filename = resolve_path(dir, main);
        let found = self
            .try_file(&filename, is_main)
            .or_else(|| self.try_extensions(&filename, is_main))
            .or_else(|| self.try_extensions(&filename.join("index"), is_main));
        if found.is_some() {
            return Ok(found);
        }
        let Some(fallback) = self.try_extensions(&index, is_main) else {
            return Err(errors::main_not_found(&filename, &pjson, request));
        };
        let message = format!(
            "Invalid 'main' field in '{}' of '{main}'. Please either fix that or report it to the module author",
            show(&pjson)
        );
        self.warn("DEP0128", message);
        Ok(Some(fallback))
    }

    /// node's `resolveExports`: `pkg[/sub]` inside one node_modules directory,
    /// through the package's `exports` when it has them.
    fn resolve_exports(&self, nm_dir: &Path, request: &str) -> Result<Option<PathBuf>, ResolveError> {
        let Some((name, expansion)) = split_exports_request(request) else {
            return Ok(None);
        };
        let pkg_dir = resolve_path(nm_dir, name);
        let pjson = pkg_dir.join("package.json");
        let Some(pkg) = self.read_package(&pjson, ReadCtx::Cjs)?.filter(|p| p.exports.is_some()) else {
            return Ok(None);
        };
        let subpath = format!(".{expansion}");
        let found = self
            .package_exports_resolve(&pkg, &subpath, None, &self.cjs_conditions())
            .and_then(|url| self.finalize_esm(&url, None, &pkg_dir));
        match found {
            Err(e) if e.has_code("ERR_MODULE_NOT_FOUND") => Err(errors::cjs_esm_not_found(request, Some(&pjson))),
            other => other.map(Some),
        }
    }

    /// node's `finalizeEsmResolution`: an exports/imports URL must be an existing file.
    fn finalize_esm(&self, url: &Url, parent: Option<&Path>, pkg_dir: &Path) -> Result<PathBuf, ResolveError> {
        if paths::has_encoded_sep(url.as_str()) {
            let reason = "must not include encoded \"/\" or \"\\\" characters";
            let parent = parent.map(show);
            let err = errors::invalid_module_specifier(url.as_str(), reason, parent.as_deref());
            return Err(errors::recode(err, "MODULE_NOT_FOUND"));
        }
        let filename = paths::url_to_path(url)?;
        match self.try_file(&filename, false) {
            Some(found) => Ok(found),
            None => Err(errors::cjs_esm_not_found(&show(&filename), Some(&pkg_dir.join("package.json")))),
        }
    }

    /// A path made absolute against the cwd (NODE_PATH entries may be relative).
    fn absolute(&self, p: &Path) -> PathBuf {
        resolve_path(&self.config.cwd, &p.to_string_lossy())
    }
}

/// The directory whose package scope applies to `path`: node strips the last
/// component (`/a/b.js` and `/a/` both give `/a`).
fn scope_dir(path: &Path) -> PathBuf {
    let raw = show(path);
    match raw.rfind('/') {
        Some(0) => PathBuf::from("/"),
        Some(i) => PathBuf::from(&raw[..i]),
        None => PathBuf::from("."),
    }
}

/// Whether the request names a directory: `x/`, `.`, `..`, `x/.`, `x/..`.
fn has_trailing_slash(request: &str) -> bool {
    let b = request.as_bytes();
    let n = b.len();
    match b.last() {
        Some(b'/') => true,
        Some(b'.') => n == 1 || b[n - 2] == b'/' || (b[n - 2] == b'.' && (n == 2 || b[n - 3] == b'/')),
        _ => false,
    }
}

/// `path.normalize` of a relative request (only used to see if it leaves its directory).
fn normalize_relative(request: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for seg in request.split('/') {
        match seg {
            "" | "." => {}
            ".." if out.last().is_some_and(|s| *s != "..") => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out.join("/")
}

/// node's `EXPORTS_PATTERN` (`/^((?:@[^/\\%]+\/)?[^./\\%][^/\\%]*)(\/.*)?$/`):
/// the package name and the rest (`""` or `/...`).
fn split_exports_request(request: &str) -> Option<(&str, &str)> {
    let scoped = request.strip_prefix('@').and_then(|rest| {
        let slash = rest.find('/')?;
        let scope = &rest[..slash];
        let valid = !scope.is_empty() && !scope.contains(['\\', '%']);
        valid.then_some(slash + 2)
    });
    scoped.and_then(|start| split_unscoped(request, start)).or_else(|| split_unscoped(request, 0))
}

fn split_unscoped(request: &str, start: usize) -> Option<(&str, &str)> {
    let rest = &request[start..];
    let first = rest.chars().next()?;
    if matches!(first, '.' | '/' | '\\' | '%') {
        return None;
    }
    let end = rest.find('/').unwrap_or(rest.len());
    if rest[..end].contains(['\\', '%']) {
        return None;
    }
    Some((&request[..start + end], &request[start + end..]))
}
