//! How a resolved file is loaded: node's `defaultGetFormat` (ESM) and the
//! `Module._extensions` choice (CommonJS).

use std::path::Path;

use super::errors::{self, show, ResolveError};
use super::package_json::PackageType;
use super::{paths, Fs, Resolver};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    CommonJs,
    Module,
    /// `.js` or extensionless with no `"type"` in the package scope: CommonJS
    /// unless the source has ES module syntax (node 20.19+ detects it).
    Detect,
    Json,
    /// A `.node` native addon (CommonJS only).
    Addon,
    Builtin,
}

impl<F: Fs> Resolver<F> {
    /// The format `import` loads `path` with; unknown extensions are
    /// `ERR_UNKNOWN_FILE_EXTENSION` (`.node`, `.wasm` and `.ts` included, as in node 20).
    pub fn esm_format(&self, path: &Path) -> Result<Format, ResolveError> {
        match extname(path).as_str() {
            ".mjs" => Ok(Format::Module),
            ".cjs" => Ok(Format::CommonJs),
            ".json" => Ok(Format::Json),
            ".js" | "" => self.typed_format(path),
            ext => Err(errors::unknown_file_extension(ext, path)),
        }
    }

    /// The format `require` loads `path` with: node compiles any unknown
    /// extension as `.js`, but only a `.js` file follows the package `"type"`.
    pub fn cjs_format(&self, path: &Path) -> Result<Format, ResolveError> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let ext = self.longest_registered_extension(&name);
        Ok(match ext {
            ".json" => Format::Json,
            ".node" => Format::Addon,
            ".mjs" => Format::Module,
            _ if name.ends_with(".cjs") => Format::CommonJs,
            _ if name.ends_with(".js") => match self.scope_of_file(path)?.map(|p| p.kind) {
                Some(PackageType::Module) => Format::Module,
                Some(PackageType::CommonJs) => Format::CommonJs,
                _ => Format::Detect,
            },
            _ => Format::CommonJs,
        })
    }

    /// node's `findLongestRegisteredExtension`: `.test.js` before `.js`, else `.js`.
    fn longest_registered_extension(&self, name: &str) -> &str {
        let registered = |ext: &str| ext == ".mjs" || self.config.extensions.iter().any(|e| e == ext);
        let mut start = 0;
        while let Some(i) = name[start..].find('.').map(|i| i + start) {
            start = i + 1;
            if i == 0 {
                continue;
            }
            if registered(&name[i..]) {
                return match &name[i..] {
                    ".json" => ".json",
                    ".node" => ".node",
                    ".mjs" => ".mjs",
                    _ => ".js",
                };
            }
        }
        ".js"
    }

    /// `.js`/extensionless: the nearest package.json `"type"` decides.
    fn typed_format(&self, path: &Path) -> Result<Format, ResolveError> {
        let url = paths::file_url(path);
        let kind = self.scope_of_url(&url)?.map_or(PackageType::None, |p| p.kind);
        Ok(match kind {
            PackageType::Module => Format::Module,
            PackageType::CommonJs => Format::CommonJs,
            PackageType::None => Format::Detect,
        })
    }
}

/// node's ESM `extname`: from the last dot of the last segment, unless the
/// segment starts with it.
fn extname(path: &Path) -> String {
    let shown = show(path);
    let name = shown.rsplit('/').next().unwrap_or("");
    match name.rfind('.') {
        Some(i) if i > 0 => name[i..].to_string(),
        _ => String::new(),
    }
}
