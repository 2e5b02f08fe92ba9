//! V8 code cache for the embedded built-ins, kept on disk between runs: the
//! first run compiles a built-in and saves V8's cache for it; later runs hand
//! that cache to the compiler and skip parsing. The cache is keyed by the
//! source's hash and V8's version, so a changed source or binary never uses a
//! stale entry; any I/O problem just means compiling without it.
//!
//! Location: `$RNODE_CACHE_DIR`, else `$XDG_CACHE_HOME/rnode`, else
//! `~/.cache/rnode`; `RNODE_CODE_CACHE=0` turns it off.

use std::path::PathBuf;
use std::sync::OnceLock;

fn cache_dir() -> Option<&'static PathBuf> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        if std::env::var_os("RNODE_CODE_CACHE").is_some_and(|v| v == "0") {
            return None;
        }
        let base = std::env::var_os("RNODE_CACHE_DIR").map(PathBuf::from).or_else(|| {
            let xdg = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from);
            xdg.or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache"))).map(|d| d.join("rnode"))
        })?;
        Some(base.join(format!("code-cache-v8-{}", v8::V8::get_version())))
    })
    .as_ref()
}

/// FNV-1a: a fast, stable fingerprint of the source (not a security boundary).
fn fingerprint(source: &str) -> u64 {
    source.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn entry_path(id: &str, source: &str) -> Option<PathBuf> {
    let name = format!("{}-{:016x}.bin", id.replace('/', "__"), fingerprint(source));
    cache_dir().map(|dir| dir.join(name))
}

/// The saved cache for this built-in's current source, if there is one.
pub fn load(id: &str, source: &str) -> Option<Vec<u8>> {
    std::fs::read(entry_path(id, source)?).ok()
}

/// Saves a cache entry (written to a temporary file and renamed, so readers
/// never see half a file).
pub fn store(id: &str, source: &str, data: &[u8]) {
    let Some(path) = entry_path(id, source) else { return };
    let Some(dir) = path.parent() else { return };
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let result = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&tmp, data))
        .and_then(|()| std::fs::rename(&tmp, &path));
    if let Err(err) = result {
        let _ = std::fs::remove_file(&tmp);
        tracing::debug!(target: "engine", id, %err, "cannot save code cache");
    }
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn fingerprint_changes_with_source() {
        assert_ne!(fingerprint("a"), fingerprint("b"));
        assert_eq!(fingerprint("same"), fingerprint("same"));
    }
}
