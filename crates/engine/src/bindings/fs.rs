//! The `fs` binding. Each operation is one plain Rust function returning
//! `Result<T, SysError>`; `fs_ops!` turns it into a sync op (throws) and an
//! async op (runs it on the pool, then calls back `(err, value)`).
//!
//! Arguments are validated in JavaScript (`js/fs.js`); these functions take
//! plain values (paths as strings, flags and modes as numbers) and report every
//! failure as node's system error, never by panicking.

use std::ffi::CString;
use std::fs::File;
use std::io::{Read as _, Write as _};
use std::mem::ManuallyDrop;
use std::os::fd::{FromRawFd as _, OwnedFd};
use std::os::unix::ffi::OsStrExt as _;
use std::os::unix::fs::{DirBuilderExt as _, FileTypeExt as _, MetadataExt as _, PermissionsExt};
use std::path::{Path, PathBuf};

use super::{arg_bytes, bytes_to_uint8array, sys_error_value, throw_sys_error, throw_type_error, v8_str, Op};
use crate::errno::SysError;
use crate::runtime::submit_work;

type FsResult<T> = Result<T, SysError>;

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "readFileSync" => op_fs_read_file_sync,
        "readFile" => op_fs_read_file,
        "readFileFdSync" => op_fs_read_file_fd_sync,
        "readFileFd" => op_fs_read_file_fd,
        "writeFileSync" => op_fs_write_file_sync,
        "writeFile" => op_fs_write_file,
        "statSync" => op_fs_stat_sync,
        "stat" => op_fs_stat,
        "lstatSync" => op_fs_lstat_sync,
        "lstat" => op_fs_lstat,
        "fstatSync" => op_fs_fstat_sync,
        "fstat" => op_fs_fstat,
        "openSync" => op_fs_open_sync,
        "open" => op_fs_open,
        "closeSync" => op_fs_close_sync,
        "close" => op_fs_close,
        "readSync" => op_fs_read_sync,
        "read" => op_fs_read,
        "readBytesSync" => op_fs_read_copy_sync,
        "writeSync" => op_fs_write_sync,
        "write" => op_fs_write,
        "writeBytesSync" => op_fs_write_copy_sync,
        "readdirSync" => op_fs_readdir_sync,
        "readdir" => op_fs_readdir,
        "mkdirSync" => op_fs_mkdir_sync,
        "mkdir" => op_fs_mkdir,
        "mkdtempSync" => op_fs_mkdtemp_sync,
        "mkdtemp" => op_fs_mkdtemp,
        "rmdirSync" => op_fs_rmdir_sync,
        "rmdir" => op_fs_rmdir,
        "rmSync" => op_fs_rm_sync,
        "rm" => op_fs_rm,
        "unlinkSync" => op_fs_unlink_sync,
        "unlink" => op_fs_unlink,
        "renameSync" => op_fs_rename_sync,
        "rename" => op_fs_rename,
        "copyFileSync" => op_fs_copy_file_sync,
        "copyFile" => op_fs_copy_file,
        "accessSync" => op_fs_access_sync,
        "access" => op_fs_access,
        "chmodSync" => op_fs_chmod_sync,
        "chmod" => op_fs_chmod,
        "fchmodSync" => op_fs_fchmod_sync,
        "fchmod" => op_fs_fchmod,
        "chownSync" => op_fs_chown_sync,
        "chown" => op_fs_chown,
        "lchownSync" => op_fs_lchown_sync,
        "lchown" => op_fs_lchown,
        "fchownSync" => op_fs_fchown_sync,
        "fchown" => op_fs_fchown,
        "ftruncateSync" => op_fs_ftruncate_sync,
        "ftruncate" => op_fs_ftruncate,
        "utimesSync" => op_fs_utimes_sync,
        "utimes" => op_fs_utimes,
        "lutimesSync" => op_fs_lutimes_sync,
        "lutimes" => op_fs_lutimes,
        "futimesSync" => op_fs_futimes_sync,
        "futimes" => op_fs_futimes,
        "fsyncSync" => op_fs_fsync_sync,
        "fsync" => op_fs_fsync,
        "fdatasyncSync" => op_fs_fdatasync_sync,
        "fdatasync" => op_fs_fdatasync,
        "readlinkSync" => op_fs_readlink_sync,
        "readlink" => op_fs_readlink,
        "symlinkSync" => op_fs_symlink_sync,
        "symlink" => op_fs_symlink,
        "linkSync" => op_fs_link_sync,
        "link" => op_fs_link,
        "realpathSync" => op_fs_realpath_sync,
        "realpath" => op_fs_realpath,
        "realpathWalkSync" => op_fs_realpath_walk_sync,
        "realpathWalk" => op_fs_realpath_walk,
        "writeFdSync" => op_fs_write_fd_sync,
        "internalModuleStat" => op_fs_internal_module_stat,
        "readFileUtf8" => op_fs_read_file_utf8,
    }
}

// ---- errors ----

fn path_err(err: std::io::Error, syscall: &'static str, path: &str) -> SysError {
    SysError::from_io(&err, syscall).with_path(path)
}

fn dest_err(err: std::io::Error, syscall: &'static str, path: &str, dest: &str) -> SysError {
    SysError::from_io(&err, syscall).with_path(path).with_dest(dest)
}

fn os_err(errno: i32) -> std::io::Error {
    std::io::Error::from_raw_os_error(errno)
}

fn is_errno(err: &std::io::Error, errno: i32) -> bool {
    err.raw_os_error() == Some(errno)
}

/// A libc return value as `Ok(value)` or the thread's OS error when negative.
fn cvt<T: Default + PartialOrd>(ret: T) -> std::io::Result<T> {
    if ret < T::default() {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(ret)
    }
}

/// Runs a libc call again while it fails with EINTR.
fn cvt_retry<T: Default + PartialOrd>(mut call: impl FnMut() -> T) -> std::io::Result<T> {
    loop {
        match cvt(call()) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

fn c_path(path: &str) -> std::io::Result<CString> {
    CString::new(path).map_err(|_| os_err(libc::EINVAL))
}

/// Borrows a descriptor the caller owns as a `File`, without closing it after.
fn borrow_fd(fd: i32) -> std::io::Result<ManuallyDrop<File>> {
    if fd < 0 {
        return Err(os_err(libc::EBADF));
    }
    // SAFETY: fd is non-negative; ManuallyDrop keeps us from closing it.
    Ok(ManuallyDrop::new(unsafe { File::from_raw_fd(fd) }))
}

// ---- open, close, read, write ----

/// `(path, flags, mode)`: flags are node's numeric open flags.
pub fn open(args: (String, i64, i64)) -> FsResult<i32> {
    let (path, flags, mode) = args;
    open_fd(&path, flags, mode).map_err(|e| path_err(e, "open", &path))
}

fn open_fd(path: &str, flags: i64, mode: i64) -> std::io::Result<i32> {
    let cpath = c_path(path)?;
    let flags = flags as libc::c_int | libc::O_CLOEXEC;
    // SAFETY: cpath is a valid NUL-terminated string.
    cvt_retry(|| unsafe { libc::open(cpath.as_ptr(), flags, mode as libc::c_uint) })
}

fn open_owned(path: &str, flags: i64, mode: i64) -> FsResult<File> {
    let fd = open_fd(path, flags, mode).map_err(|e| path_err(e, "open", path))?;
    // SAFETY: `open` just returned this descriptor; the File now owns it.
    Ok(File::from(unsafe { OwnedFd::from_raw_fd(fd) }))
}

pub fn close(fd: i32) -> FsResult<()> {
    // SAFETY: closing a descriptor number has no memory-safety effects.
    cvt(unsafe { libc::close(fd) }).map(drop).map_err(|e| SysError::from_io(&e, "close"))
}

/// Reads into `buf` at `position`, or at the current offset when it is negative.
fn read_at(fd: i32, buf: &mut [u8], position: i64) -> std::io::Result<usize> {
    let ptr = buf.as_mut_ptr().cast();
    // SAFETY: ptr/len describe the writable slice `buf`.
    let n = cvt_retry(|| unsafe {
        if position < 0 {
            libc::read(fd, ptr, buf.len())
        } else {
            libc::pread(fd, ptr, buf.len(), position)
        }
    })?;
    Ok(n as usize)
}

/// Writes from `buf` at `position`, or at the current offset when it is negative.
fn write_at(fd: i32, buf: &[u8], position: i64) -> std::io::Result<usize> {
    let ptr = buf.as_ptr().cast();
    // SAFETY: ptr/len describe the readable slice `buf`.
    let n = cvt_retry(|| unsafe {
        if position < 0 {
            libc::write(fd, ptr, buf.len())
        } else {
            libc::pwrite(fd, ptr, buf.len(), position)
        }
    })?;
    Ok(n as usize)
}

/// `(fd, length, position)` -> the bytes read (the async read; JavaScript
/// copies them into the caller's buffer).
pub fn read(args: (i32, i64, i64)) -> FsResult<Vec<u8>> {
    let (fd, length, position) = args;
    let mut buf = vec![0u8; length.clamp(0, i32::MAX as i64) as usize];
    let n = read_at(fd, &mut buf, position).map_err(|e| SysError::from_io(&e, "read"))?;
    buf.truncate(n);
    Ok(buf)
}

/// `(fd, bytes, position)` -> bytes written (one write call, as node's).
pub fn write(args: (i32, Vec<u8>, i64)) -> FsResult<usize> {
    let (fd, data, position) = args;
    write_at(fd, &data, position).map_err(|e| SysError::from_io(&e, "write"))
}

// ---- whole files ----

/// `(path, flags)` -> contents. A directory fails as node's does:
/// `EISDIR: illegal operation on a directory, read`, with no path.
pub fn read_file(args: (String, i64)) -> FsResult<Vec<u8>> {
    let (path, flags) = args;
    let file = open_owned(&path, flags, 0o666)?;
    read_to_end(&file)
}

pub fn read_file_fd(fd: i32) -> FsResult<Vec<u8>> {
    let file = borrow_fd(fd).map_err(|e| SysError::from_io(&e, "read"))?;
    read_to_end(&file)
}

fn read_to_end(mut file: &File) -> FsResult<Vec<u8>> {
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|e| SysError::from_io(&e, "read"))?;
    Ok(bytes)
}

/// `(path, data, flags, mode)`.
pub fn write_file(args: (String, Vec<u8>, i64, i64)) -> FsResult<()> {
    let (path, data, flags, mode) = args;
    let mut file = open_owned(&path, flags, mode)?;
    file.write_all(&data).map_err(|e| SysError::from_io(&e, "write"))
}

// ---- stat ----

/// What a stat returns: ten integer fields, then `(seconds, nanoseconds)` for
/// atime, mtime, ctime and birthtime; `bigint` picks the JavaScript form.
pub struct RawStat {
    ints: [u64; 10],
    times: [(i64, i64); 4],
    bigint: bool,
}

fn raw_stat(meta: &std::fs::Metadata, bigint: bool) -> RawStat {
    let ctime = (meta.ctime(), meta.ctime_nsec());
    let birth = meta
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(ctime, |d| (d.as_secs() as i64, d.subsec_nanos() as i64));
    RawStat {
        ints: [
            meta.dev(),
            meta.mode() as u64,
            meta.nlink(),
            meta.uid() as u64,
            meta.gid() as u64,
            meta.rdev(),
            meta.blksize(),
            meta.ino(),
            meta.size(),
            meta.blocks(),
        ],
        times: [(meta.atime(), meta.atime_nsec()), (meta.mtime(), meta.mtime_nsec()), ctime, birth],
        bigint,
    }
}

/// `(path, bigint)`.
pub fn stat(args: (String, bool)) -> FsResult<RawStat> {
    std::fs::metadata(&args.0).map(|m| raw_stat(&m, args.1)).map_err(|e| path_err(e, "stat", &args.0))
}

pub fn lstat(args: (String, bool)) -> FsResult<RawStat> {
    std::fs::symlink_metadata(&args.0).map(|m| raw_stat(&m, args.1)).map_err(|e| path_err(e, "lstat", &args.0))
}

/// `(fd, bigint)`.
pub fn fstat(args: (i32, bool)) -> FsResult<RawStat> {
    borrow_fd(args.0)
        .and_then(|f| f.metadata())
        .map(|m| raw_stat(&m, args.1))
        .map_err(|e| SysError::from_io(&e, "fstat"))
}

// ---- directories ----

/// libuv's dirent types (`UV_DIRENT_*`).
fn dirent_type(ft: std::fs::FileType) -> u8 {
    if ft.is_file() {
        1
    } else if ft.is_dir() {
        2
    } else if ft.is_symlink() {
        3
    } else if ft.is_fifo() {
        4
    } else if ft.is_socket() {
        5
    } else if ft.is_char_device() {
        6
    } else if ft.is_block_device() {
        7
    } else {
        0
    }
}

/// Directory entries, sorted by name bytes as libuv's scandir sorts them.
pub struct DirEntries {
    entries: Vec<(String, u8)>,
    with_types: bool,
}

/// `(path, withFileTypes)`.
pub fn readdir(args: (String, bool)) -> FsResult<DirEntries> {
    let (path, with_types) = args;
    let fail = |e| path_err(e, "scandir", &path);
    let mut raw = Vec::new();
    for entry in std::fs::read_dir(&path).map_err(fail)? {
        let entry = entry.map_err(fail)?;
        let kind = entry.file_type().map_or(0, dirent_type);
        raw.push((entry.file_name(), kind));
    }
    raw.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let entries = raw.into_iter().map(|(name, kind)| (name.to_string_lossy().into_owned(), kind)).collect();
    Ok(DirEntries { entries, with_types })
}

/// `(path, mode, recursive)` -> with `recursive`, the first directory created.
pub fn mkdir(args: (String, i64, bool)) -> FsResult<Option<String>> {
    let (path, mode, recursive) = args;
    let mode = mode as u32;
    let created = if recursive {
        mkdir_parents(Path::new(&path), mode)
    } else {
        mkdir_one(Path::new(&path), mode).map(|()| None)
    };
    created.map(|p| p.map(|p| p.to_string_lossy().into_owned())).map_err(|e| path_err(e, "mkdir", &path))
}

fn mkdir_one(path: &Path, mode: u32) -> std::io::Result<()> {
    std::fs::DirBuilder::new().mode(mode).create(path)
}

/// `mkdir -p`: creates missing parents, returns the first directory it made.
fn mkdir_parents(path: &Path, mode: u32) -> std::io::Result<Option<PathBuf>> {
    match mkdir_one(path, mode) {
        Ok(()) => Ok(Some(path.to_path_buf())),
        Err(e) if is_errno(&e, libc::EEXIST) => existing_dir(path, e).map(|()| None),
        Err(e) if is_errno(&e, libc::ENOENT) => {
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => return Err(e),
            };
            let first = mkdir_parents(parent, mode)?;
            match mkdir_one(path, mode) {
                Ok(()) => Ok(first.or_else(|| Some(path.to_path_buf()))),
                Err(e) if is_errno(&e, libc::EEXIST) => existing_dir(path, e).map(|()| first),
                Err(e) => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

/// EEXIST is fine for `mkdir -p` when the thing that exists is a directory.
fn existing_dir(path: &Path, err: std::io::Error) -> std::io::Result<()> {
    if path.is_dir() {
        Ok(())
    } else {
        Err(err)
    }
}

/// `prefix` -> the new directory `prefix` + six random characters.
pub fn mkdtemp(prefix: String) -> FsResult<String> {
    let template = format!("{prefix}XXXXXX");
    let fail = |e| path_err(e, "mkdtemp", &template);
    let mut bytes = c_path(&template).map_err(fail)?.into_bytes_with_nul();
    // SAFETY: `bytes` is a writable NUL-terminated template that mkdtemp fills in.
    let ret = unsafe { libc::mkdtemp(bytes.as_mut_ptr().cast()) };
    if ret.is_null() {
        return Err(fail(std::io::Error::last_os_error()));
    }
    bytes.pop();
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

pub fn rmdir(path: String) -> FsResult<()> {
    std::fs::remove_dir(&path).map_err(|e| path_err(e, "rmdir", &path))
}

/// `(path, recursive, force)`. A directory without `recursive` fails with
/// syscall `rm` and EISDIR (JavaScript turns that into ERR_FS_EISDIR).
pub fn rm(args: (String, bool, bool)) -> FsResult<()> {
    let (path, recursive, force) = args;
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(meta) => meta,
        Err(e) if force && is_errno(&e, libc::ENOENT) => return Ok(()),
        Err(e) => return Err(path_err(e, "lstat", &path)),
    };
    if !meta.is_dir() {
        return remove_file(Path::new(&path));
    }
    if !recursive {
        return Err(path_err(os_err(libc::EISDIR), "rm", &path));
    }
    remove_tree(Path::new(&path))
}

/// Removes a directory and everything below it; vanished entries are not errors.
fn remove_tree(path: &Path) -> FsResult<()> {
    let text = || path.to_string_lossy().into_owned();
    match std::fs::remove_dir(path) {
        Ok(()) => return Ok(()),
        Err(e) if is_errno(&e, libc::ENOENT) => return Ok(()),
        Err(e) if !is_errno(&e, libc::ENOTEMPTY) && !is_errno(&e, libc::EEXIST) => {
            return Err(path_err(e, "rmdir", &text()))
        }
        Err(_) => {}
    }
    let entries = std::fs::read_dir(path).map_err(|e| path_err(e, "scandir", &text()))?;
    for entry in entries {
        let entry = entry.map_err(|e| path_err(e, "scandir", &text()))?;
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            remove_tree(&entry.path())?;
        } else {
            remove_file(&entry.path())?;
        }
    }
    match std::fs::remove_dir(path) {
        Err(e) if !is_errno(&e, libc::ENOENT) => Err(path_err(e, "rmdir", &text())),
        _ => Ok(()),
    }
}

fn remove_file(path: &Path) -> FsResult<()> {
    match std::fs::remove_file(path) {
        Err(e) if !is_errno(&e, libc::ENOENT) => Err(path_err(e, "unlink", &path.to_string_lossy())),
        _ => Ok(()),
    }
}

pub fn unlink(path: String) -> FsResult<()> {
    std::fs::remove_file(&path).map_err(|e| path_err(e, "unlink", &path))
}

// ---- two paths ----

/// `(from, to, _)`.
pub fn rename(args: (String, String, i64)) -> FsResult<()> {
    let (from, to, _) = args;
    std::fs::rename(&from, &to).map_err(|e| dest_err(e, "rename", &from, &to))
}

/// `(src, dest, mode)` with node's COPYFILE_* bits in `mode`.
pub fn copy_file(args: (String, String, i64)) -> FsResult<()> {
    let (src, dest, mode) = args;
    copy_file_io(&src, &dest, mode).map_err(|e| dest_err(e, "copyfile", &src, &dest))
}

fn copy_file_io(src: &str, dest: &str, mode: i64) -> std::io::Result<()> {
    const COPYFILE_EXCL: i64 = 1;
    if std::fs::metadata(src)?.is_dir() {
        return Err(os_err(libc::EISDIR));
    }
    if mode & COPYFILE_EXCL != 0 && std::fs::symlink_metadata(dest).is_ok() {
        return Err(os_err(libc::EEXIST));
    }
    std::fs::copy(src, dest).map(drop)
}

/// `(target, path, _)`: the error reads `symlink 'target' -> 'path'`.
pub fn symlink(args: (String, String, i64)) -> FsResult<()> {
    let (target, path, _) = args;
    std::os::unix::fs::symlink(&target, &path).map_err(|e| dest_err(e, "symlink", &target, &path))
}

/// `(existing, new, _)`.
pub fn link(args: (String, String, i64)) -> FsResult<()> {
    let (existing, new) = (args.0, args.1);
    std::fs::hard_link(&existing, &new).map_err(|e| dest_err(e, "link", &existing, &new))
}

// ---- permissions, owners, times ----

/// Runs a libc call on a path, mapping failure to `syscall 'path'`.
fn path_call(path: &str, syscall: &'static str, call: impl Fn(*const libc::c_char) -> libc::c_int) -> FsResult<()> {
    let cpath = c_path(path).map_err(|e| path_err(e, syscall, path))?;
    cvt_retry(|| call(cpath.as_ptr())).map(drop).map_err(|e| path_err(e, syscall, path))
}

/// Runs a libc call on a descriptor, mapping failure to `syscall` (no path).
fn fd_call(syscall: &'static str, call: impl Fn() -> libc::c_int) -> FsResult<()> {
    cvt_retry(call).map(drop).map_err(|e| SysError::from_io(&e, syscall))
}

/// `(path, mode)`.
pub fn access(args: (String, i64)) -> FsResult<()> {
    // SAFETY: `p` is a valid C string for the duration of the call.
    path_call(&args.0, "access", |p| unsafe { libc::access(p, args.1 as libc::c_int) })
}

pub fn chmod(args: (String, i64)) -> FsResult<()> {
    let perms = std::fs::Permissions::from_mode(args.1 as u32);
    std::fs::set_permissions(&args.0, perms).map_err(|e| path_err(e, "chmod", &args.0))
}

/// `(fd, mode)`.
pub fn fchmod(args: (i32, i64)) -> FsResult<()> {
    // SAFETY: plain syscall on a descriptor number.
    fd_call("fchmod", || unsafe { libc::fchmod(args.0, args.1 as libc::mode_t) })
}

/// `(path, uid, gid)`; -1 leaves an id unchanged.
pub fn chown(args: (String, i64, i64)) -> FsResult<()> {
    let (uid, gid) = (args.1 as libc::uid_t, args.2 as libc::gid_t);
    // SAFETY: `p` is a valid C string for the duration of the call.
    path_call(&args.0, "chown", |p| unsafe { libc::chown(p, uid, gid) })
}

pub fn lchown(args: (String, i64, i64)) -> FsResult<()> {
    let (uid, gid) = (args.1 as libc::uid_t, args.2 as libc::gid_t);
    // SAFETY: `p` is a valid C string for the duration of the call.
    path_call(&args.0, "lchown", |p| unsafe { libc::lchown(p, uid, gid) })
}

/// `(fd, uid, gid)`.
pub fn fchown(args: (i32, i64, i64)) -> FsResult<()> {
    let (uid, gid) = (args.1 as libc::uid_t, args.2 as libc::gid_t);
    // SAFETY: plain syscall on a descriptor number.
    fd_call("fchown", || unsafe { libc::fchown(args.0, uid, gid) })
}

/// `(fd, length)`.
pub fn ftruncate(args: (i32, i64)) -> FsResult<()> {
    // SAFETY: plain syscall on a descriptor number.
    fd_call("ftruncate", || unsafe { libc::ftruncate(args.0, args.1) })
}

/// Seconds since the epoch (fractional) as a timespec.
fn timespec(seconds: f64) -> libc::timespec {
    let secs = seconds.floor();
    libc::timespec { tv_sec: secs as libc::time_t, tv_nsec: ((seconds - secs) * 1e9) as libc::c_long }
}

fn set_times(path: &str, atime: f64, mtime: f64, syscall: &'static str, flags: i32) -> FsResult<()> {
    let times = [timespec(atime), timespec(mtime)];
    // SAFETY: `p` is a valid C string and `times` holds two timespecs.
    path_call(path, syscall, |p| unsafe { libc::utimensat(libc::AT_FDCWD, p, times.as_ptr(), flags) })
}

/// `(path, atime, mtime)` in seconds.
pub fn utimes(args: (String, f64, f64)) -> FsResult<()> {
    set_times(&args.0, args.1, args.2, "utime", 0)
}

pub fn lutimes(args: (String, f64, f64)) -> FsResult<()> {
    set_times(&args.0, args.1, args.2, "lutime", libc::AT_SYMLINK_NOFOLLOW)
}

/// `(fd, atime, mtime)` in seconds.
pub fn futimes(args: (i32, f64, f64)) -> FsResult<()> {
    let times = [timespec(args.1), timespec(args.2)];
    // SAFETY: `times` holds two timespecs.
    fd_call("futime", || unsafe { libc::futimens(args.0, times.as_ptr()) })
}

pub fn fsync(fd: i32) -> FsResult<()> {
    // SAFETY: plain syscall on a descriptor number.
    fd_call("fsync", || unsafe { libc::fsync(fd) })
}

pub fn fdatasync(fd: i32) -> FsResult<()> {
    // SAFETY: plain syscall on a descriptor number.
    fd_call("fdatasync", || unsafe { libc::fdatasync(fd) })
}

// ---- links and real paths ----

pub fn readlink(path: String) -> FsResult<String> {
    std::fs::read_link(&path).map(|p| p.to_string_lossy().into_owned()).map_err(|e| path_err(e, "readlink", &path))
}

/// `realpath(3)`: `fs.realpath.native` and the module loader.
pub fn realpath_native(path: String) -> FsResult<String> {
    std::fs::canonicalize(&path).map(|p| p.to_string_lossy().into_owned()).map_err(|e| path_err(e, "realpath", &path))
}

/// `fs.realpath` for an absolute path. Node resolves it component by component
/// with lstat, so a missing component fails as `lstat '<that prefix>'`.
pub fn realpath_walk(path: String) -> FsResult<String> {
    let first_err = match std::fs::canonicalize(&path) {
        Ok(real) => return Ok(real.to_string_lossy().into_owned()),
        Err(e) => e,
    };
    let mut current = PathBuf::from("/");
    for part in Path::new(&path).components().skip(1) {
        let next = current.join(part);
        let meta = std::fs::symlink_metadata(&next).map_err(|e| path_err(e, "lstat", &next.to_string_lossy()))?;
        current = if meta.is_symlink() {
            std::fs::canonicalize(&next).map_err(|e| path_err(e, "lstat", &next.to_string_lossy()))?
        } else {
            next
        };
    }
    Err(path_err(first_err, "realpath", &path))
}

// ---- converting results to JavaScript ----

fn js_bytes<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: Vec<u8>) -> v8::Local<'s, v8::Value> {
    bytes_to_uint8array(scope, bytes)
}

fn js_undefined<'s>(scope: &mut v8::PinScope<'s, '_>, _: ()) -> v8::Local<'s, v8::Value> {
    v8::undefined(scope).into()
}

fn js_fd<'s>(scope: &mut v8::PinScope<'s, '_>, fd: i32) -> v8::Local<'s, v8::Value> {
    v8::Integer::new(scope, fd).into()
}

fn js_count<'s>(scope: &mut v8::PinScope<'s, '_>, n: usize) -> v8::Local<'s, v8::Value> {
    v8::Number::new(scope, n as f64).into()
}

fn js_string<'s>(scope: &mut v8::PinScope<'s, '_>, s: String) -> v8::Local<'s, v8::Value> {
    v8_str(scope, &s).into()
}

fn js_opt_string<'s>(scope: &mut v8::PinScope<'s, '_>, s: Option<String>) -> v8::Local<'s, v8::Value> {
    match s {
        Some(s) => v8_str(scope, &s).into(),
        None => v8::undefined(scope).into(),
    }
}

/// Numbers: the 14 fields `internal/fs/stats` reads, times in milliseconds.
/// BigInts: the ten integer fields, then the four times in nanoseconds.
fn js_stats<'s>(scope: &mut v8::PinScope<'s, '_>, raw: RawStat) -> v8::Local<'s, v8::Value> {
    let values: Vec<v8::Local<v8::Value>> = if raw.bigint {
        let ints = raw.ints.iter().map(|&n| v8::BigInt::new_from_u64(scope, n).into());
        let ints: Vec<_> = ints.collect();
        let times = raw.times.iter().map(|&(s, ns)| {
            let total = i128::from(s) * 1_000_000_000 + i128::from(ns);
            let total = i64::try_from(total).unwrap_or(i64::MAX);
            v8::BigInt::new_from_i64(scope, total).into()
        });
        ints.into_iter().chain(times.collect::<Vec<_>>()).collect()
    } else {
        let ms = |(s, ns): (i64, i64)| s as f64 * 1e3 + ns as f64 / 1e6;
        let nums = raw.ints.iter().map(|&n| n as f64);
        let nums: Vec<f64> = nums.chain(raw.times.iter().map(|&t| ms(t))).collect();
        nums.iter().map(|&f| v8::Number::new(scope, f).into()).collect()
    };
    v8::Array::new_with_elements(scope, &values).into()
}

/// Names, or `[names, types]` when file types were asked for.
fn js_dirents<'s>(scope: &mut v8::PinScope<'s, '_>, dir: DirEntries) -> v8::Local<'s, v8::Value> {
    let names: Vec<v8::Local<v8::Value>> = dir.entries.iter().map(|(name, _)| v8_str(scope, name).into()).collect();
    let names = v8::Array::new_with_elements(scope, &names);
    if !dir.with_types {
        return names.into();
    }
    let types: Vec<v8::Local<v8::Value>> =
        dir.entries.iter().map(|&(_, kind)| v8::Integer::new(scope, i32::from(kind)).into()).collect();
    let types = v8::Array::new_with_elements(scope, &types);
    v8::Array::new_with_elements(scope, &[names.into(), types.into()]).into()
}

/// `(err, value)` callback arguments for a finished job.
pub fn settle<'s, T>(
    scope: &mut v8::PinScope<'s, '_>,
    result: Result<T, SysError>,
    to_js: fn(&mut v8::PinScope<'s, '_>, T) -> v8::Local<'s, v8::Value>,
) -> (v8::Local<'s, v8::Value>, v8::Local<'s, v8::Value>) {
    match result {
        Ok(value) => (v8::null(scope).into(), to_js(scope, value)),
        Err(err) => (sys_error_value(scope, &err), v8::undefined(scope).into()),
    }
}

/// The callback is the last argument of every async op.
pub fn callback_arg<'s>(
    scope: &mut v8::PinScope,
    args: &v8::FunctionCallbackArguments<'s>,
) -> Option<v8::Local<'s, v8::Function>> {
    let cb = v8::Local::<v8::Function>::try_from(args.get(args.length() - 1)).ok();
    if cb.is_none() {
        throw_type_error(scope, "callback must be a function");
    }
    cb
}

/// Defines `$sync` and `$async` ops around one worker function.
macro_rules! fs_ops {
    ($sync:ident, $async:ident, $parse:ident, $work:path, $to_js:ident) => {
        fn $sync(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
            let input = $parse(scope, &args);
            match $work(input) {
                Ok(value) => {
                    let js = $to_js(scope, value);
                    rv.set(js);
                }
                Err(err) => throw_sys_error(scope, &err),
            }
        }

        fn $async(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
            let Some(callback) = callback_arg(scope, &args) else {
                return;
            };
            let input = $parse(scope, &args);
            submit_work(scope, callback, move || $work(input), |scope, result| settle(scope, result, $to_js));
        }
    };
}

// ---- reading arguments ----

fn str_at(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, i: i32) -> String {
    args.get(i).to_rust_string_lossy(scope)
}

fn int_at(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, i: i32) -> i64 {
    args.get(i).integer_value(scope).unwrap_or(0)
}

fn fd_at(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, i: i32) -> i32 {
    args.get(i).int32_value(scope).unwrap_or(-1)
}

fn num_at(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, i: i32) -> f64 {
    args.get(i).number_value(scope).unwrap_or(0.0)
}

fn bool_at(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, i: i32) -> bool {
    args.get(i).boolean_value(scope)
}

fn parse_path(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> String {
    str_at(scope, args, 0)
}

fn parse_fd(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> i32 {
    fd_at(scope, args, 0)
}

fn parse_path_bool(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> (String, bool) {
    (str_at(scope, args, 0), bool_at(scope, args, 1))
}

fn parse_fd_bool(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> (i32, bool) {
    (fd_at(scope, args, 0), bool_at(scope, args, 1))
}

fn parse_path_int(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> (String, i64) {
    (str_at(scope, args, 0), int_at(scope, args, 1))
}

fn parse_fd_int(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> (i32, i64) {
    (fd_at(scope, args, 0), int_at(scope, args, 1))
}

fn parse_path_ints(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> (String, i64, i64) {
    let path = str_at(scope, args, 0);
    (path, int_at(scope, args, 1), int_at(scope, args, 2))
}

fn parse_fd_ints(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> (i32, i64, i64) {
    let fd = fd_at(scope, args, 0);
    (fd, int_at(scope, args, 1), int_at(scope, args, 2))
}

fn parse_path_times(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> (String, f64, f64) {
    let path = str_at(scope, args, 0);
    (path, num_at(scope, args, 1), num_at(scope, args, 2))
}

fn parse_fd_times(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> (i32, f64, f64) {
    let fd = fd_at(scope, args, 0);
    (fd, num_at(scope, args, 1), num_at(scope, args, 2))
}

fn parse_two_paths(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> (String, String, i64) {
    let (from, to) = (str_at(scope, args, 0), str_at(scope, args, 1));
    (from, to, int_at(scope, args, 2))
}

fn parse_mkdir(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> (String, i64, bool) {
    let path = str_at(scope, args, 0);
    (path, int_at(scope, args, 1), bool_at(scope, args, 2))
}

fn parse_rm(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> (String, bool, bool) {
    let path = str_at(scope, args, 0);
    (path, bool_at(scope, args, 1), bool_at(scope, args, 2))
}

/// `(fd, bytes, position)`: the bytes of a view or a UTF-8 string.
fn parse_write(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> (i32, Vec<u8>, i64) {
    let fd = fd_at(scope, args, 0);
    (fd, arg_bytes(scope, args.get(1)), int_at(scope, args, 2))
}

fn parse_write_file(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> (String, Vec<u8>, i64, i64) {
    let path = str_at(scope, args, 0);
    let data = arg_bytes(scope, args.get(1));
    (path, data, int_at(scope, args, 2), int_at(scope, args, 3))
}

fs_ops!(op_fs_read_file_sync, op_fs_read_file, parse_path_int, read_file, js_bytes);
fs_ops!(op_fs_read_file_fd_sync, op_fs_read_file_fd, parse_fd, read_file_fd, js_bytes);
fs_ops!(op_fs_write_file_sync, op_fs_write_file, parse_write_file, write_file, js_undefined);
fs_ops!(op_fs_stat_sync, op_fs_stat, parse_path_bool, stat, js_stats);
fs_ops!(op_fs_lstat_sync, op_fs_lstat, parse_path_bool, lstat, js_stats);
fs_ops!(op_fs_fstat_sync, op_fs_fstat, parse_fd_bool, fstat, js_stats);
fs_ops!(op_fs_open_sync, op_fs_open, parse_path_ints, open, js_fd);
fs_ops!(op_fs_close_sync, op_fs_close, parse_fd, close, js_undefined);
fs_ops!(op_fs_read_copy_sync, op_fs_read, parse_fd_ints, read, js_bytes);
fs_ops!(op_fs_write_copy_sync, op_fs_write, parse_write, write, js_count);
fs_ops!(op_fs_readdir_sync, op_fs_readdir, parse_path_bool, readdir, js_dirents);
fs_ops!(op_fs_mkdir_sync, op_fs_mkdir, parse_mkdir, mkdir, js_opt_string);
fs_ops!(op_fs_mkdtemp_sync, op_fs_mkdtemp, parse_path, mkdtemp, js_string);
fs_ops!(op_fs_rmdir_sync, op_fs_rmdir, parse_path, rmdir, js_undefined);
fs_ops!(op_fs_rm_sync, op_fs_rm, parse_rm, rm, js_undefined);
fs_ops!(op_fs_unlink_sync, op_fs_unlink, parse_path, unlink, js_undefined);
fs_ops!(op_fs_rename_sync, op_fs_rename, parse_two_paths, rename, js_undefined);
fs_ops!(op_fs_copy_file_sync, op_fs_copy_file, parse_two_paths, copy_file, js_undefined);
fs_ops!(op_fs_access_sync, op_fs_access, parse_path_int, access, js_undefined);
fs_ops!(op_fs_chmod_sync, op_fs_chmod, parse_path_int, chmod, js_undefined);
fs_ops!(op_fs_fchmod_sync, op_fs_fchmod, parse_fd_int, fchmod, js_undefined);
fs_ops!(op_fs_chown_sync, op_fs_chown, parse_path_ints, chown, js_undefined);
fs_ops!(op_fs_lchown_sync, op_fs_lchown, parse_path_ints, lchown, js_undefined);
fs_ops!(op_fs_fchown_sync, op_fs_fchown, parse_fd_ints, fchown, js_undefined);
fs_ops!(op_fs_ftruncate_sync, op_fs_ftruncate, parse_fd_int, ftruncate, js_undefined);
fs_ops!(op_fs_utimes_sync, op_fs_utimes, parse_path_times, utimes, js_undefined);
fs_ops!(op_fs_lutimes_sync, op_fs_lutimes, parse_path_times, lutimes, js_undefined);
fs_ops!(op_fs_futimes_sync, op_fs_futimes, parse_fd_times, futimes, js_undefined);
fs_ops!(op_fs_fsync_sync, op_fs_fsync, parse_fd, fsync, js_undefined);
fs_ops!(op_fs_fdatasync_sync, op_fs_fdatasync, parse_fd, fdatasync, js_undefined);
fs_ops!(op_fs_readlink_sync, op_fs_readlink, parse_path, readlink, js_string);
fs_ops!(op_fs_symlink_sync, op_fs_symlink, parse_two_paths, symlink, js_undefined);
fs_ops!(op_fs_link_sync, op_fs_link, parse_two_paths, link, js_undefined);
fs_ops!(op_fs_realpath_sync, op_fs_realpath, parse_path, realpath_native, js_string);
fs_ops!(op_fs_realpath_walk_sync, op_fs_realpath_walk, parse_path, realpath_walk, js_string);

// ---- synchronous reads and writes straight into JavaScript memory ----

/// The bytes of an ArrayBufferView argument, borrowed for one synchronous call.
///
/// SAFETY (for callers): the slice is only valid while no JavaScript runs and
/// nothing allocates on the V8 heap; the sync ops use it for one syscall.
fn view_slice<'a>(value: v8::Local<'a, v8::Value>) -> Option<&'a mut [u8]> {
    let view = v8::Local::<v8::ArrayBufferView>::try_from(value).ok()?;
    let len = view.byte_length();
    let ptr = view.data().cast::<u8>();
    if len == 0 || ptr.is_null() {
        return Some(&mut []);
    }
    // SAFETY: `data()` points at `len` bytes of the view's live backing store
    // (off the V8 heap, so the GC does not move it during this call).
    Some(unsafe { std::slice::from_raw_parts_mut(ptr, len) })
}

/// readSync(fd, view, position) -> bytes read into `view`.
fn op_fs_read_sync(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let fd = fd_at(scope, &args, 0);
    let position = int_at(scope, &args, 2);
    let Some(buf) = view_slice(args.get(1)) else {
        throw_type_error(scope, "buffer must be an ArrayBufferView");
        return;
    };
    match read_at(fd, buf, position) {
        Ok(n) => rv.set(v8::Number::new(scope, n as f64).into()),
        Err(e) => throw_sys_error(scope, &SysError::from_io(&e, "read")),
    }
}

/// writeSync(fd, view, position) -> bytes written from `view`.
fn op_fs_write_sync(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let fd = fd_at(scope, &args, 0);
    let position = int_at(scope, &args, 2);
    let Some(buf) = view_slice(args.get(1)) else {
        throw_type_error(scope, "buffer must be an ArrayBufferView");
        return;
    };
    match write_at(fd, buf, position) {
        Ok(n) => rv.set(v8::Number::new(scope, n as f64).into()),
        Err(e) => throw_sys_error(scope, &SysError::from_io(&e, "write")),
    }
}

/// writeFdSync(fd, data) -> bytes written. Synchronous, as node's stdout/stderr
/// writes to files, pipes and terminals are, so nothing is lost at exit.
fn op_fs_write_fd_sync(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    let data = arg_bytes(scope, args.get(1));
    match write_all_fd(fd, &data) {
        Ok(()) => rv.set(v8::Number::new(scope, data.len() as f64).into()),
        Err(err) => throw_sys_error(scope, &SysError::from_io(&err, "write")),
    }
}

/// Writes all of `data` to a raw descriptor without taking ownership of it.
pub fn write_all_fd(fd: i32, mut data: &[u8]) -> std::io::Result<()> {
    while !data.is_empty() {
        // SAFETY: `data` is a valid slice; the fd is only borrowed for this call.
        let n = unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) };
        if n < 0 {
            let err = std::io::Error::last_os_error();
            match err.kind() {
                std::io::ErrorKind::Interrupted => continue,
                std::io::ErrorKind::WouldBlock => wait_writable(fd),
                _ => return Err(err),
            }
            continue;
        }
        data = &data[n as usize..];
    }
    Ok(())
}

/// A non-blocking descriptor we must write synchronously: wait until it drains.
fn wait_writable(fd: i32) {
    let mut pfd = libc::pollfd { fd, events: libc::POLLOUT, revents: 0 };
    // SAFETY: one valid pollfd.
    unsafe { libc::poll(&mut pfd, 1, -1) };
}

/// internalModuleStat(path) -> 0 file, 1 directory, -2 missing (the loader's probe).
fn op_fs_internal_module_stat(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let path = args.get(0).to_rust_string_lossy(scope);
    let code = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => 1,
        Ok(_) => 0,
        Err(_) => -2,
    };
    rv.set(v8::Integer::new(scope, code).into());
}

/// readFileUtf8(path) -> string, or undefined when it cannot be read.
fn op_fs_read_file_utf8(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let path = args.get(0).to_rust_string_lossy(scope);
    if let Ok(bytes) = std::fs::read(&path) {
        let text = String::from_utf8_lossy(&bytes);
        rv.set(v8_str(scope, &text).into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("rnode-fs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        dir
    }

    fn text(p: &Path) -> String {
        p.to_string_lossy().into_owned()
    }

    #[test]
    fn mkdir_recursive_returns_first_created() {
        let dir = temp_dir("mkdirp");
        let deep = dir.join("a/b/c");
        let first = mkdir((text(&deep), 0o777, true)).expect("mkdir -p");
        assert_eq!(first, Some(text(&dir.join("a"))));
        assert_eq!(mkdir((text(&deep), 0o777, true)).expect("again"), None);
        let err = mkdir((text(&deep), 0o777, false)).expect_err("exists");
        assert_eq!(err.code, "EEXIST");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn readdir_sorts_by_bytes() {
        let dir = temp_dir("readdir");
        for name in ["b", "a", "C"] {
            std::fs::write(dir.join(name), "").expect("write");
        }
        let names: Vec<String> = readdir((text(&dir), true))
            .expect("readdir")
            .entries
            .into_iter()
            .map(|(n, kind)| {
                assert_eq!(kind, 1);
                n
            })
            .collect();
        assert_eq!(names, ["C", "a", "b"]);
        rm((text(&dir), true, false)).expect("rm -r");
        assert!(!dir.exists());
    }

    #[test]
    fn errors_name_syscall_and_paths() {
        let err = rename(("/no/such/a".into(), "/no/such/b".into(), 0)).expect_err("missing");
        assert_eq!(err.node_message(), "ENOENT: no such file or directory, rename '/no/such/a' -> '/no/such/b'");
        let err = read_file(("/".into(), 0)).expect_err("directory");
        assert_eq!(err.node_message(), "EISDIR: illegal operation on a directory, read");
        let err = close(-1).expect_err("bad fd");
        assert_eq!(err.node_message(), "EBADF: bad file descriptor, close");
        let err = realpath_walk("/no-such-dir-xyz/file".into()).expect_err("missing");
        assert_eq!(err.node_message(), "ENOENT: no such file or directory, lstat '/no-such-dir-xyz'");
    }
}
