//! Resolver tests on an in-memory tree. Expected values and messages were
//! checked against node v20.20 on equivalent trees in /tmp.

mod cjs;
mod esm;
mod exports;
mod format;

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use super::{Config, Fs, Kind, ResolveError, Resolved, Resolver};

/// An in-memory file tree with symlinks (`link -> target`, absolute or
/// relative to the link's directory).
#[derive(Default)]
pub(crate) struct MemFs {
    files: HashMap<PathBuf, String>,
    dirs: HashSet<PathBuf>,
    links: HashMap<PathBuf, PathBuf>,
}

impl MemFs {
    pub(crate) fn new() -> Self {
        let mut fs = MemFs::default();
        fs.dirs.insert(PathBuf::from("/"));
        fs
    }

    pub(crate) fn file(mut self, path: &str, text: &str) -> Self {
        let path = PathBuf::from(path);
        self.add_parents(&path);
        self.files.insert(path, text.to_string());
        self
    }

    /// An empty file at each path.
    pub(crate) fn files(self, paths: &[&str]) -> Self {
        paths.iter().fold(self, |fs, p| fs.file(p, ""))
    }

    pub(crate) fn dir(mut self, path: &str) -> Self {
        let path = PathBuf::from(path);
        self.add_parents(&path);
        self.dirs.insert(path);
        self
    }

    pub(crate) fn link(mut self, link: &str, target: &str) -> Self {
        let link = PathBuf::from(link);
        self.add_parents(&link);
        self.links.insert(link, PathBuf::from(target));
        self
    }

    fn add_parents(&mut self, path: &Path) {
        for dir in path.ancestors().skip(1) {
            self.dirs.insert(dir.to_path_buf());
        }
    }

    /// The path with every symlink followed, if it exists.
    fn canonical(&self, path: &Path, depth: usize) -> Option<PathBuf> {
        if depth > 40 {
            return None;
        }
        let mut cur = PathBuf::from("/");
        for comp in path.components() {
            match comp {
                Component::Normal(name) => {
                    let next = cur.join(name);
                    cur = match self.links.get(&next) {
                        Some(target) => self.canonical(&cur.join(target), depth + 1)?,
                        None => next,
                    };
                }
                Component::ParentDir => {
                    cur.pop();
                }
                _ => {}
            }
        }
        (self.files.contains_key(&cur) || self.dirs.contains(&cur)).then_some(cur)
    }
}

impl Fs for MemFs {
    fn stat(&self, p: &Path) -> Option<Kind> {
        let real = self.canonical(p, 0)?;
        let dir_only = p.to_string_lossy().ends_with('/');
        match self.dirs.contains(&real) {
            true => Some(Kind::Dir),
            false => (!dir_only).then_some(Kind::File),
        }
    }

    fn read_to_string(&self, p: &Path) -> Option<String> {
        self.files.get(&self.canonical(p, 0)?).cloned()
    }

    fn realpath(&self, p: &Path) -> Option<PathBuf> {
        self.canonical(p, 0)
    }
}

pub(crate) const BUILTINS: &[&str] = &["fs", "path", "fs/promises", "node:test", "node:sea"];

pub(crate) fn resolver(fs: MemFs) -> Resolver<MemFs> {
    Resolver::new(fs, Config::new(BUILTINS.iter().copied(), "/cwd"))
}

/// `require.resolve(request)` from `parent`, as a path string.
pub(crate) fn cjs(r: &Resolver<MemFs>, request: &str, parent: &str) -> String {
    match r.resolve_cjs(request, Some(Path::new(parent))) {
        Ok(Resolved::File(p)) => p.to_string_lossy().into_owned(),
        Ok(Resolved::Builtin(id)) => format!("builtin:{id}"),
        Err(e) => panic!("require('{request}') from {parent}: {e}"),
    }
}

pub(crate) fn cjs_err(r: &Resolver<MemFs>, request: &str, parent: &str) -> ResolveError {
    match r.resolve_cjs(request, Some(Path::new(parent))) {
        Ok(found) => panic!("require('{request}') from {parent} resolved to {found:?}"),
        Err(e) => e,
    }
}

/// `code: message`, the way the tests compare errors.
pub(crate) fn show(e: &ResolveError) -> String {
    format!("{}: {}", e.code().unwrap_or("-"), e.message())
}
