//! The `fs` binding. Each operation is one plain Rust function returning
//! `Result<T, SysError>`; `fs_ops!` turns it into a sync op (throws) and an
//! async op (runs it on the pool, then calls back `(err, value)`).

use std::io::Write as _;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};

use super::{
    arg_bytes, bytes_to_uint8array, sys_error_value, throw_sys_error, throw_type_error, v8_str, Op,
};
use crate::errno::SysError;
use crate::runtime::submit_work;

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "readFileSync" => op_fs_read_file_sync,
        "readFile" => op_fs_read_file,
        "writeFileSync" => op_fs_write_file_sync,
        "writeFile" => op_fs_write_file,
        "statSync" => op_fs_stat_sync,
        "stat" => op_fs_stat,
        "lstatSync" => op_fs_lstat_sync,
        "lstat" => op_fs_lstat,
        "writeFdSync" => op_fs_write_fd_sync,
        "internalModuleStat" => op_fs_internal_module_stat,
        "readFileUtf8" => op_fs_read_file_utf8,
        "realpathSync" => op_fs_realpath_sync,
    }
}

/// Input to writeFile: path, bytes, append flag, mode.
pub struct WriteFileArgs {
    path: String,
    data: Vec<u8>,
    append: bool,
    mode: u32,
}

pub fn read_file(path: String) -> Result<Vec<u8>, SysError> {
    let open_err = |e: std::io::Error| SysError::from_io(&e, "open").with_path(path.clone());
    let meta = std::fs::metadata(&path).map_err(open_err)?;
    if meta.is_dir() {
        return Err(SysError::from_io(
            &std::io::Error::from_raw_os_error(libc::EISDIR),
            "read",
        ));
    }
    std::fs::read(&path).map_err(|e| SysError::from_io(&e, "read"))
}

pub fn write_file(args: WriteFileArgs) -> Result<(), SysError> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .append(args.append)
        .truncate(!args.append)
        .mode(args.mode)
        .open(&args.path)
        .map_err(|e| SysError::from_io(&e, "open").with_path(args.path.clone()))?;
    file.write_all(&args.data)
        .map_err(|e| SysError::from_io(&e, "write"))
}

/// Node's stat fields, in the order `internal/fs/stats` reads them.
pub type StatFields = [f64; 14];

fn stat_fields(meta: &std::fs::Metadata) -> StatFields {
    let ms = |secs: i64, nanos: i64| secs as f64 * 1e3 + nanos as f64 / 1e6;
    [
        meta.dev() as f64,
        meta.mode() as f64,
        meta.nlink() as f64,
        meta.uid() as f64,
        meta.gid() as f64,
        meta.rdev() as f64,
        meta.blksize() as f64,
        meta.ino() as f64,
        meta.size() as f64,
        meta.blocks() as f64,
        ms(meta.atime(), meta.atime_nsec()),
        ms(meta.mtime(), meta.mtime_nsec()),
        ms(meta.ctime(), meta.ctime_nsec()),
        meta.created()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(ms(meta.ctime(), meta.ctime_nsec()), |d| {
                d.as_secs_f64() * 1e3
            }),
    ]
}

pub fn stat(path: String) -> Result<StatFields, SysError> {
    std::fs::metadata(&path)
        .map(|m| stat_fields(&m))
        .map_err(|e| SysError::from_io(&e, "stat").with_path(path))
}

pub fn lstat(path: String) -> Result<StatFields, SysError> {
    std::fs::symlink_metadata(&path)
        .map(|m| stat_fields(&m))
        .map_err(|e| SysError::from_io(&e, "lstat").with_path(path))
}

// ---- converting results to JavaScript ----

fn js_bytes<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: Vec<u8>) -> v8::Local<'s, v8::Value> {
    bytes_to_uint8array(scope, bytes)
}

fn js_undefined<'s>(scope: &mut v8::PinScope<'s, '_>, _: ()) -> v8::Local<'s, v8::Value> {
    v8::undefined(scope).into()
}

fn js_stats<'s>(scope: &mut v8::PinScope<'s, '_>, fields: StatFields) -> v8::Local<'s, v8::Value> {
    let values: Vec<v8::Local<v8::Value>> = fields
        .iter()
        .map(|&f| v8::Number::new(scope, f).into())
        .collect();
    v8::Array::new_with_elements(scope, &values).into()
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
        fn $sync(
            scope: &mut v8::PinScope,
            args: v8::FunctionCallbackArguments,
            mut rv: v8::ReturnValue<v8::Value>,
        ) {
            let input = $parse(scope, &args);
            match $work(input) {
                Ok(value) => {
                    let js = $to_js(scope, value);
                    rv.set(js);
                }
                Err(err) => throw_sys_error(scope, &err),
            }
        }

        fn $async(
            scope: &mut v8::PinScope,
            args: v8::FunctionCallbackArguments,
            _rv: v8::ReturnValue<v8::Value>,
        ) {
            let Some(callback) = callback_arg(scope, &args) else {
                return;
            };
            let input = $parse(scope, &args);
            submit_work(
                scope,
                callback,
                move || $work(input),
                |scope, result| settle(scope, result, $to_js),
            );
        }
    };
}

fn parse_path(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> String {
    args.get(0).to_rust_string_lossy(scope)
}

fn parse_write_file(
    scope: &mut v8::PinScope,
    args: &v8::FunctionCallbackArguments,
) -> WriteFileArgs {
    WriteFileArgs {
        path: args.get(0).to_rust_string_lossy(scope),
        data: arg_bytes(scope, args.get(1)),
        append: args.get(2).boolean_value(scope),
        mode: args.get(3).uint32_value(scope).unwrap_or(0o666),
    }
}

fs_ops!(
    op_fs_read_file_sync,
    op_fs_read_file,
    parse_path,
    read_file,
    js_bytes
);
fs_ops!(
    op_fs_write_file_sync,
    op_fs_write_file,
    parse_write_file,
    write_file,
    js_undefined
);
fs_ops!(op_fs_stat_sync, op_fs_stat, parse_path, stat, js_stats);
fs_ops!(op_fs_lstat_sync, op_fs_lstat, parse_path, lstat, js_stats);

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
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLOUT,
        revents: 0,
    };
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

fn op_fs_realpath_sync(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let path = args.get(0).to_rust_string_lossy(scope);
    match std::fs::canonicalize(&path) {
        Ok(real) => rv.set(v8_str(scope, &real.to_string_lossy()).into()),
        Err(err) => throw_sys_error(scope, &SysError::from_io(&err, "realpath").with_path(path)),
    }
}
