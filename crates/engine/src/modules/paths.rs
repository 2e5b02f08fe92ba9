//! Path and URL helpers with node's semantics (POSIX `path`, `fileURLToPath`,
//! `pathToFileURL`, `Module._nodeModulePaths`).

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use url::Url;

use super::errors::{self, ResolveError};

/// node's `path.resolve(base, req)`: lexical, `..` stops at the root, no
/// trailing slash. `base` is expected to be absolute.
pub(crate) fn resolve_path(base: &Path, req: &str) -> PathBuf {
    let joined = if req.starts_with('/') { PathBuf::from(req) } else { base.join(req) };
    normalize(&joined)
}

/// Lexical normalisation of an absolute path (`.` and `..` removed).
pub(crate) fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::from("/");
    for comp in p.components() {
        match comp {
            Component::Normal(name) => out.push(name),
            Component::ParentDir => {
                out.pop();
            }
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    out
}

/// `a + b` on the raw strings (node's `basePath + ext`).
pub(crate) fn concat(p: &Path, suffix: &str) -> PathBuf {
    let mut s = OsString::from(p.as_os_str());
    s.push(suffix);
    PathBuf::from(s)
}

/// node's `Module._nodeModulePaths(from)` for an absolute `from`: a
/// `node_modules` under every ancestor except those that are `node_modules`.
pub fn node_module_paths(from: &Path) -> Vec<PathBuf> {
    let from = normalize(from);
    let mut paths: Vec<PathBuf> = from
        .ancestors()
        .filter(|dir| dir.parent().is_some())
        .filter(|dir| dir.file_name().is_none_or(|n| n != "node_modules"))
        .map(|dir| dir.join("node_modules"))
        .collect();
    paths.push(PathBuf::from("/node_modules"));
    paths
}

/// Whether node treats the specifier as a relative or absolute path
/// (`shouldBeTreatedAsRelativeOrAbsolutePath`).
pub(crate) fn is_relative_or_absolute(specifier: &str) -> bool {
    specifier.starts_with('/') || is_relative(specifier)
}

/// `.`, `..`, `./x`, `../x` (node's `isRelativeSpecifier`).
pub(crate) fn is_relative(specifier: &str) -> bool {
    matches!(specifier, "." | "..") || specifier.starts_with("./") || specifier.starts_with("../")
}

/// node's `pathToFileURL` for an absolute path; a trailing slash is kept.
pub(crate) fn file_url(p: &Path) -> Url {
    let mut url = Url::from_file_path(p).unwrap_or_else(|_| Url::parse("file:///").expect("static URL"));
    let raw = p.as_os_str().as_encoded_bytes();
    if raw.len() > 1 && raw.ends_with(b"/") && !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url
}

/// The URL of a directory, with the trailing slash that makes `join` work inside it.
pub(crate) fn dir_url(p: &Path) -> Url {
    file_url(&concat(p, if p.as_os_str().as_encoded_bytes().ends_with(b"/") { "" } else { "/" }))
}

/// node's `fileURLToPath` on POSIX (keeps a trailing slash).
pub(crate) fn url_to_path(url: &Url) -> Result<PathBuf, ResolveError> {
    if url.scheme() != "file" {
        return Err(errors::invalid_url_scheme());
    }
    if url.host_str().is_some_and(|h| !h.is_empty() && h != "localhost") {
        return Err(errors::invalid_file_url_host());
    }
    if has_encoded_slash(url.path()) {
        return Err(errors::invalid_file_url_path("must not include encoded / characters"));
    }
    Ok(path_from_bytes(percent_decode(url.path())))
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// `fileURLToPath(url)` for messages, falling back to the URL text.
pub(crate) fn url_display(url: &Url) -> String {
    url_to_path(url).map(|p| errors::show(&p)).unwrap_or_else(|_| url.to_string())
}

fn has_encoded_slash(s: &str) -> bool {
    s.to_ascii_lowercase().contains("%2f")
}

/// node's `encodedSepRegEx` (`/%2F|%5C/i`).
pub(crate) fn has_encoded_sep(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.contains("%2f") || lower.contains("%5c")
}

/// The verdict of node's `invalidSegmentRegEx` / `deprecatedInvalidSegmentRegEx`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Segments {
    Ok,
    /// An empty segment (`//`, or a leading or trailing slash): only deprecated.
    Deprecated,
    /// A `.`, `..` or `node_modules` segment, percent-encoded or not.
    Invalid,
}

pub(crate) fn check_segments(s: &str) -> Segments {
    let mut verdict = Segments::Ok;
    for seg in s.split(['/', '\\']) {
        let decoded = String::from_utf8_lossy(&percent_decode(seg)).to_ascii_lowercase();
        if matches!(decoded.as_str(), "." | ".." | "node_modules") {
            return Segments::Invalid;
        }
        if seg.is_empty() {
            verdict = Segments::Deprecated;
        }
    }
    verdict
}

/// node's `path.posix.relative` for two absolute paths.
pub(crate) fn relative_posix(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let ups = std::iter::repeat_n("..", from.len() - common);
    ups.chain(to[common..].iter().copied()).collect::<Vec<_>>().join("/")
}

/// `%XX` sequences decoded to bytes; malformed ones are kept as written.
pub(crate) fn percent_decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// JavaScript's `encodeURIComponent`.
pub(crate) fn encode_uri_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
