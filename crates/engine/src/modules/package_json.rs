//! package.json reading: the fields resolution needs, cached per path, and the
//! walk up to the nearest package.json (the "package scope").

use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde_json::Value;
use url::Url;

use super::errors::{self, show, ResolveError};
use super::paths;
use super::{CachedPackage, Fs, Resolver};

/// The `"type"` field; anything but `module`/`commonjs` counts as absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageType {
    None,
    CommonJs,
    Module,
}

/// The fields of a package.json that resolution reads.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageJson {
    /// The package.json file itself.
    pub path: PathBuf,
    pub name: Option<String>,
    pub main: Option<String>,
    pub kind: PackageType,
    /// `exports` when present and not `null`, with key order kept.
    pub exports: Option<Value>,
    /// `imports` when present and not `null`.
    pub imports: Option<Value>,
}

impl PackageJson {
    /// Parses package.json text (a leading BOM is skipped, as node does).
    pub fn parse(path: &Path, text: &str) -> Result<PackageJson, serde_json::Error> {
        let value: Value = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))?;
        let string = |key: &str| value.get(key).and_then(Value::as_str).map(String::from);
        let present = |key: &str| value.get(key).filter(|v| !v.is_null()).cloned();
        let kind = match value.get("type").and_then(Value::as_str) {
            Some("module") => PackageType::Module,
            Some("commonjs") => PackageType::CommonJs,
            _ => PackageType::None,
        };
        Ok(PackageJson {
            path: path.to_path_buf(),
            name: string("name"),
            main: string("main"),
            kind,
            exports: present("exports"),
            imports: present("imports"),
        })
    }

    /// The package directory.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("/"))
    }

    /// The directory as node prints it in messages: with a trailing separator.
    pub(crate) fn dir_display(&self) -> String {
        let dir = show(self.dir());
        if dir.ends_with('/') {
            dir
        } else {
            format!("{dir}/")
        }
    }

    pub(crate) fn url(&self) -> Url {
        paths::file_url(&self.path)
    }
}

/// Who is reading, which decides the error for a package.json that does not parse.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ReadCtx<'a> {
    /// CommonJS: `SyntaxError: Error parsing <path>: ...`.
    Cjs,
    /// ESM package scope lookup for a file: `... while importing <file>. ...`.
    EsmScope(&'a Url),
    /// ESM bare specifier: `... while importing "<specifier>" from <base>. ...`.
    EsmPackage { specifier: &'a str, base: &'a Url },
}

impl ReadCtx<'_> {
    fn esm_context(&self) -> Option<String> {
        match self {
            ReadCtx::Cjs => None,
            ReadCtx::EsmScope(url) => Some(paths::url_display(url)),
            ReadCtx::EsmPackage { specifier, base } => {
                Some(format!("\"{specifier}\" from {}", paths::url_display(base)))
            }
        }
    }
}

impl<F: Fs> Resolver<F> {
    /// Reads (through the cache) the package.json at `json_path`; `None` when
    /// there is no such file.
    pub(crate) fn read_package(&self, json_path: &Path, ctx: ReadCtx) -> Result<Option<Rc<PackageJson>>, ResolveError> {
        let cached = self.packages.borrow().get(json_path).cloned();
        let entry = match cached {
            Some(entry) => entry,
            None => {
                let entry = self.load_package(json_path);
                self.packages.borrow_mut().insert(json_path.to_path_buf(), entry.clone());
                entry
            }
        };
        match entry {
            CachedPackage::Missing => Ok(None),
            CachedPackage::Parsed(pkg) => Ok(Some(pkg)),
            CachedPackage::Invalid { source, message } => {
                Err(errors::package_json_parse(json_path, ctx.esm_context().as_deref(), &source, &message))
            }
        }
    }

    fn load_package(&self, json_path: &Path) -> CachedPackage {
        let Some(text) = self.fs.read_to_string(json_path) else {
            return CachedPackage::Missing;
        };
        match PackageJson::parse(json_path, &text) {
            Ok(pkg) => CachedPackage::Parsed(Rc::new(pkg)),
            Err(e) => CachedPackage::Invalid { source: text.into(), message: e.to_string().into() },
        }
    }

    /// The package.json in `dir` or the nearest one above it, not looking past
    /// a `node_modules` directory (node's package scope). CommonJS errors.
    pub fn nearest_package_json(&self, dir: &Path) -> Result<Option<Rc<PackageJson>>, ResolveError> {
        self.package_scope(dir, ReadCtx::Cjs)
    }

    pub(crate) fn package_scope(&self, dir: &Path, ctx: ReadCtx) -> Result<Option<Rc<PackageJson>>, ResolveError> {
        for dir in dir.ancestors() {
            if dir.file_name().is_some_and(|n| n == "node_modules") {
                break;
            }
            if let Some(pkg) = self.read_package(&dir.join("package.json"), ctx)? {
                return Ok(Some(pkg));
            }
        }
        Ok(None)
    }

    /// CommonJS's `readPackageScope(file)`: the scope of the file's directory.
    pub(crate) fn scope_of_file(&self, file: &Path) -> Result<Option<Rc<PackageJson>>, ResolveError> {
        match file.parent() {
            Some(dir) => self.package_scope(dir, ReadCtx::Cjs),
            None => Ok(None),
        }
    }

    /// ESM's `getPackageScopeConfig(url)`: the scope of the URL's directory.
    pub(crate) fn scope_of_url(&self, url: &Url) -> Result<Option<Rc<PackageJson>>, ResolveError> {
        let Ok(dir) = url.join(".").map_err(|_| ()).and_then(|u| paths::url_to_path(&u).map_err(|_| ())) else {
            return Ok(None);
        };
        self.package_scope(&dir, ReadCtx::EsmScope(url))
    }
}
