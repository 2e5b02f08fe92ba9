//! node's ESM resolver (`defaultResolve` / `moduleResolve` in
//! lib/internal/modules/esm/resolve.js): URLs, no extension guessing, no
//! directory index, `exports` under `import`/`node`/`default`.

use std::path::{Path, PathBuf};

use url::Url;

use super::errors::{self, show, ResolveError};
use super::package_json::ReadCtx;
use super::paths::{self, is_relative, is_relative_or_absolute};
use super::resolve::CjsCtx;
use super::{Fs, Kind, Resolved, Resolver};

/// Where an `import` leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EsmResolved {
    /// A built-in module id without `node:` (`fs`, `test`).
    Builtin(String),
    /// A file: its real path and its URL (query and fragment kept, as the
    /// module map key: `./a.js?x` and `./a.js?y` are two modules).
    File { path: PathBuf, url: String },
    /// A `data:` URL, as written (normalised); the loader decodes it.
    Data(String),
}

impl EsmResolved {
    /// The module's URL (`node:fs`, `file:///a.js`, `data:...`).
    pub fn url(&self) -> String {
        match self {
            EsmResolved::Builtin(id) => format!("node:{id}"),
            EsmResolved::File { url, .. } | EsmResolved::Data(url) => url.clone(),
        }
    }
}

impl<F: Fs> Resolver<F> {
    /// Resolves `specifier` imported from `parent` (a `file:` URL or an
    /// absolute path; `None` for the entry point, resolved from the cwd).
    pub fn resolve_esm(&self, specifier: &str, parent: Option<&str>) -> Result<EsmResolved, ResolveError> {
        let is_main = parent.is_none();
        let base = match parent {
            Some(p) => parse_parent(p),
            None => Some(paths::dir_url(&self.config.cwd)),
        };
        let parsed = match is_relative_or_absolute(specifier) {
            true => base.as_ref().and_then(|b| b.join(specifier).ok()),
            false => Url::parse(specifier).ok(),
        };
        if let Some(url) = &parsed {
            match url.scheme() {
                "data" => return Ok(EsmResolved::Data(url.to_string())),
                "node" => return self.esm_builtin(specifier, url),
                "file" => {}
                other => return Err(errors::unsupported_esm_url_scheme(&format!("{other}:"))),
            }
        }
        let base = base.ok_or_else(|| errors::unsupported_resolve_request(specifier, parent.unwrap_or("")))?;
        match self.module_resolve(specifier, &base, is_main) {
            Ok(url) => self.to_esm_resolved(url),
            Err(e) if e.has_code("ERR_MODULE_NOT_FOUND") || e.has_code("ERR_UNSUPPORTED_DIR_IMPORT") => Err(match self
                .commonjs_hint(specifier, &base)
            {
                Some(hint) => errors::append_line(e, &format!("Did you mean to import {}?", errors::json_quote(&hint))),
                None => e,
            }),
            Err(e) => Err(e),
        }
    }

    fn esm_builtin(&self, specifier: &str, url: &Url) -> Result<EsmResolved, ResolveError> {
        let id = url.path();
        match self.is_builtin(id, true) {
            true => Ok(EsmResolved::Builtin(id.to_string())),
            false => Err(errors::unknown_builtin(specifier)),
        }
    }

    fn to_esm_resolved(&self, url: Url) -> Result<EsmResolved, ResolveError> {
        match url.scheme() {
            "node" => self.esm_builtin(url.as_str(), &url),
            "data" => Ok(EsmResolved::Data(url.to_string())),
            _ => Ok(EsmResolved::File { path: paths::url_to_path(&url)?, url: url.to_string() }),
        }
    }

    /// node's `moduleResolve`.
    fn module_resolve(&self, specifier: &str, base: &Url, is_main: bool) -> Result<Url, ResolveError> {
        let conditions = self.esm_conditions();
        let resolved = if is_relative_or_absolute(specifier) {
            base.join(specifier).map_err(|_| errors::unsupported_resolve_request(specifier, base.as_str()))?
        } else if base.scheme() == "file" && specifier.starts_with('#') {
            self.package_imports_resolve(specifier, base, &conditions)?
        } else if let Ok(url) = Url::parse(specifier) {
            url
        } else {
            self.package_resolve(specifier, base, &conditions)?
        };
        if resolved.scheme() != "file" {
            return Ok(resolved);
        }
        self.finalize_resolution(resolved, base, is_main)
    }

    /// node's `finalizeResolution`: the file must exist and not be a directory;
    /// the result is its real path's URL with the query and fragment kept.
    fn finalize_resolution(&self, resolved: Url, base: &Url, is_main: bool) -> Result<Url, ResolveError> {
        let base_display = paths::url_display(base);
        if paths::has_encoded_sep(resolved.path()) {
            let reason = "must not include encoded \"/\" or \"\\\" characters";
            return Err(errors::invalid_module_specifier(resolved.path(), reason, Some(&base_display)));
        }
        let path = paths::url_to_path(&resolved)?;
        let shown = show(&path);
        // node stats `path.slice(-1)` for a trailing slash, i.e. "/": a directory.
        let stat_path = if shown.ends_with('/') { Path::new("/") } else { path.as_path() };
        match self.fs.stat(stat_path) {
            Some(Kind::File) => {}
            Some(Kind::Dir) => return Err(errors::unsupported_dir_import(&shown, &base_display, resolved.as_str())),
            None => return Err(errors::module_not_found(&shown, &base_display, Some(resolved.as_str()))),
        }
        let real = self.to_real(&path, is_main);
        let mut url = paths::file_url(&real);
        url.set_query(resolved.query());
        url.set_fragment(resolved.fragment());
        Ok(url)
    }

    /// node's `packageResolve`: a bare specifier (`pkg`, `pkg/sub`, `@s/pkg/sub`)
    /// through self-reference, then `node_modules` directories up from `base`.
    pub(crate) fn package_resolve(
        &self,
        specifier: &str,
        base: &Url,
        conditions: &[String],
    ) -> Result<Url, ResolveError> {
        if self.is_builtin(specifier, false) {
            return Url::parse(&format!("node:{specifier}")).map_err(|_| errors::unknown_builtin(specifier));
        }
        let (name, subpath) = parse_package_name(specifier, base)?;
        if let Some(pkg) = self.scope_of_url(base)? {
            if pkg.exports.is_some() && pkg.name.as_deref() == Some(name) {
                return self.package_exports_resolve(&pkg, &subpath, Some(base), conditions);
            }
        }
        let start = base.join(".").ok().and_then(|u| paths::url_to_path(&u).ok()).unwrap_or_else(|| PathBuf::from("/"));
        for dir in start.ancestors() {
            let pkg_dir = dir.join("node_modules").join(name);
            if self.fs.stat(&pkg_dir) != Some(Kind::Dir) {
                continue;
            }
            let json_path = pkg_dir.join("package.json");
            let pkg = self.read_package(&json_path, ReadCtx::EsmPackage { specifier, base })?;
            let exports = pkg.as_ref().filter(|p| p.exports.is_some());
            if let Some(pkg) = exports {
                return self.package_exports_resolve(pkg, &subpath, Some(base), conditions);
            }
            if subpath == "." {
                let main = pkg.as_ref().and_then(|p| p.main.as_deref());
                return self.legacy_main_resolve(&pkg_dir, main, base);
            }
            let pkg_url = paths::file_url(&json_path);
            return pkg_url.join(&subpath).map_err(|_| errors::invalid_module_specifier(specifier, "", None));
        }
        Err(errors::module_not_found(name, &paths::url_display(base), None))
    }

    /// node's `legacyMainResolve`: `main` with CommonJS-like guesses, then `index`.
    fn legacy_main_resolve(&self, pkg_dir: &Path, main: Option<&str>, base: &Url) -> Result<Url, ResolveError> {
        let is_file = |p: &Path| self.fs.stat(p) == Some(Kind::File);
        let main_path = main.map(|m| paths::resolve_path(pkg_dir, m));
        if let Some(main_path) = &main_path {
            for ext in ["", ".js", ".json", ".node", "/index.js", "/index.json", "/index.node"] {
                let guess = paths::concat(main_path, ext);
                if is_file(&guess) {
                    return Ok(paths::file_url(&guess));
                }
            }
        }
        for ext in [".js", ".json", ".node"] {
            let guess = paths::concat(&pkg_dir.join("index"), ext);
            if is_file(&guess) {
                return Ok(paths::file_url(&guess));
            }
        }
        let shown = main_path.unwrap_or_else(|| pkg_dir.join("index.js"));
        Err(errors::module_not_found(&show(&shown), &paths::url_display(base), None))
    }

    /// node's `decorateErrorWithCommonJSHints`: what `require` would have found,
    /// written as the import the user probably meant.
    fn commonjs_hint(&self, specifier: &str, parent_url: &Url) -> Option<String> {
        let spec = match specifier.starts_with("file://") {
            true => show(&paths::url_to_path(&Url::parse(specifier).ok()?).ok()?),
            false => specifier.to_string(),
        };
        let parent = paths::url_to_path(parent_url).ok()?;
        // node resolves with a parent module that has paths but no filename:
        // relative requests start at the cwd, no self-reference, no imports.
        let ctx = CjsCtx::hint(&spec, &parent, self);
        let Ok(Resolved::File(found)) = self.resolve_cjs_ctx(&spec, &ctx) else {
            return None;
        };
        let found = self.hint_text(&spec, &found, parent_url);
        (found != spec).then_some(found)
    }

    fn hint_text(&self, spec: &str, found: &Path, parent_url: &Url) -> String {
        if is_relative(spec) {
            let parent = parent_url.as_str();
            let end = parent.rfind('/').unwrap_or(parent.len());
            let parent_dir = parent.get("file://".len()..end).unwrap_or("");
            let rel = paths::relative_posix(parent_dir, paths::file_url(found).path());
            return if rel.starts_with("../") { rel } else { format!("./{rel}") };
        }
        let found_str = show(found);
        if spec.starts_with('/') {
            return found_str;
        }
        let pkg = spec.split('/').next().unwrap_or(spec);
        let needle = format!("/node_modules/{pkg}/");
        match found_str.rfind(&needle) {
            Some(i) => {
                let rest = &found_str[i + needle.len()..];
                let parts: Vec<String> = rest.split('/').map(paths::encode_uri_component).collect();
                format!("{pkg}/{}", parts.join("/"))
            }
            None => paths::file_url(found).to_string(),
        }
    }
}

/// A parent given as an absolute path or a URL.
fn parse_parent(parent: &str) -> Option<Url> {
    match parent.starts_with('/') {
        true => Some(paths::file_url(Path::new(parent))),
        false => Url::parse(parent).ok(),
    }
}

/// node's `parsePackageName`: (`name`, `./subpath` or `.`).
fn parse_package_name<'s>(specifier: &'s str, base: &Url) -> Result<(&'s str, String), ResolveError> {
    let mut sep = specifier.find('/');
    let mut valid = true;
    if specifier.starts_with('@') {
        match sep {
            None => valid = false,
            Some(i) => sep = specifier[i + 1..].find('/').map(|j| i + 1 + j),
        }
    }
    let name = sep.map_or(specifier, |i| &specifier[..i]);
    if name.starts_with('.') || name.contains('%') || name.contains('\\') {
        valid = false;
    }
    if !valid {
        let base = paths::url_display(base);
        return Err(errors::invalid_module_specifier(specifier, "is not a valid package name", Some(&base)));
    }
    let subpath = format!(".{}", sep.map_or("", |i| &specifier[i..]));
    Ok((name, subpath))
}
