//! The `process` binding: the process's own state (cwd, ids, env, times,
//! memory, signals) and what it was started with.

use super::{set_num, set_str, set_value, throw_sys_error, v8_str, Op};
use crate::errno::SysError;
use crate::state;

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "cwd" => op_process_cwd,
        "chdir" => op_process_chdir,
        "umask" => op_process_umask,
        "getuid" => op_process_getuid,
        "geteuid" => op_process_geteuid,
        "getgid" => op_process_getgid,
        "getegid" => op_process_getegid,
        "ppid" => op_process_ppid,
        "hrtimeBigInt" => op_process_hrtime_bigint,
        "uptime" => op_process_uptime,
        "memoryUsage" => op_process_memory_usage,
        "rss" => op_process_rss,
        "cpuUsage" => op_process_cpu_usage,
        "kill" => op_process_kill,
        "getEnv" => op_process_get_env,
        "setEnv" => op_process_set_env,
        "unsetEnv" => op_process_unset_env,
        "envKeys" => op_process_env_keys,
        "isatty" => op_process_isatty,
        "windowSize" => op_process_window_size,
    }
}

/// Start-up facts that never change: argv, execPath, versions, pid.
pub fn init<'s>(scope: &mut v8::PinScope<'s, '_>, obj: v8::Local<'s, v8::Object>) {
    let startup = state::state(scope).startup.clone();
    let argv = string_array(scope, &startup.argv);
    set_value(scope, obj, "argv", argv.into());
    let exec_argv = string_array(scope, &startup.exec_argv);
    set_value(scope, obj, "execArgv", exec_argv.into());
    set_str(scope, obj, "execPath", &startup.exec_path);
    set_str(scope, obj, "argv0", &startup.argv0);
    set_str(scope, obj, "version", crate::NODE_COMPAT_VERSION);
    set_str(scope, obj, "v8Version", v8::V8::get_version());
    set_str(scope, obj, "rnodeVersion", env!("CARGO_PKG_VERSION"));
    set_num(scope, obj, "pid", std::process::id() as f64);
    if let Some(code) = &startup.eval {
        set_str(scope, obj, "evalSource", code);
    }
    let flags = [
        ("printEval", startup.print_eval),
        ("checkOnly", startup.check_only),
        ("forceRepl", startup.force_repl),
        ("inputTypeModule", startup.input_type_module),
    ];
    for (name, value) in flags {
        let v = v8::Boolean::new(scope, value).into();
        set_value(scope, obj, name, v);
    }
    let preload = string_array(scope, &startup.preload);
    set_value(scope, obj, "preload", preload.into());
    let stdin = v8::Boolean::new(scope, startup.stdin_program).into();
    set_value(scope, obj, "stdinProgram", stdin);
    let options = options_array(scope, &startup.options);
    set_value(scope, obj, "options", options.into());
    let allowed = string_array(scope, &startup.env_allowed_options);
    set_value(scope, obj, "envAllowedOptions", allowed.into());
}

/// `[[name, value], ...]` for `internal/options`.
fn options_array<'s>(scope: &mut v8::PinScope<'s, '_>, options: &[(String, String)]) -> v8::Local<'s, v8::Array> {
    let pairs: Vec<v8::Local<v8::Value>> =
        options.iter().map(|(name, value)| string_array(scope, &[name.clone(), value.clone()]).into()).collect();
    v8::Array::new_with_elements(scope, &pairs)
}

fn string_array<'s>(scope: &mut v8::PinScope<'s, '_>, items: &[String]) -> v8::Local<'s, v8::Array> {
    let values: Vec<v8::Local<v8::Value>> = items.iter().map(|s| v8_str(scope, s).into()).collect();
    v8::Array::new_with_elements(scope, &values)
}

fn set_number_rv(scope: &mut v8::PinScope, rv: &mut v8::ReturnValue<v8::Value>, n: f64) {
    rv.set(v8::Number::new(scope, n).into());
}

fn op_process_cwd(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    match std::env::current_dir() {
        Ok(dir) => rv.set(v8_str(scope, &dir.to_string_lossy()).into()),
        Err(err) => throw_sys_error(scope, &SysError::from_io(&err, "uv_cwd")),
    }
}

fn op_process_chdir(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let dir = args.get(0).to_rust_string_lossy(scope);
    if let Err(err) = std::env::set_current_dir(&dir) {
        let cwd = std::env::current_dir().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
        throw_sys_error(scope, &SysError::from_io(&err, "chdir").with_path(cwd).with_dest(dir));
    }
}

/// umask(mask?) sets the mask when given, and returns the previous one.
fn op_process_umask(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    // SAFETY: umask cannot fail; reading it requires setting it, so restore when only reading.
    let old = unsafe { libc::umask(0o022) };
    let new = if args.get(0).is_undefined() {
        old
    } else {
        args.get(0).uint32_value(scope).unwrap_or(0o022) as libc::mode_t & 0o777
    };
    unsafe { libc::umask(new) };
    set_number_rv(scope, &mut rv, old as f64);
}

macro_rules! id_op {
    ($name:ident, $call:ident) => {
        fn $name(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
            // SAFETY: these id getters always succeed.
            let id = unsafe { libc::$call() };
            set_number_rv(scope, &mut rv, id as f64);
        }
    };
}
id_op!(op_process_getuid, getuid);
id_op!(op_process_geteuid, geteuid);
id_op!(op_process_getgid, getgid);
id_op!(op_process_getegid, getegid);
id_op!(op_process_ppid, getppid);

/// Monotonic nanoseconds as a BigInt (process.hrtime and hrtime.bigint build on it).
fn op_process_hrtime_bigint(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let ns = state::state(scope).event_loop.hrtime_ns();
    rv.set(v8::BigInt::new_from_u64(scope, ns).into());
}

fn op_process_uptime(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let secs = state::state(scope).start_time.elapsed().as_secs_f64();
    set_number_rv(scope, &mut rv, secs);
}

fn resident_set_size() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm.split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0.0);
    // SAFETY: sysconf with a valid name has no preconditions.
    let page_size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(1) as f64;
    pages * page_size
}

fn op_process_rss(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    set_number_rv(scope, &mut rv, resident_set_size());
}

fn op_process_memory_usage(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let stats = scope.get_heap_statistics();
    let obj = v8::Object::new(scope);
    set_num(scope, obj, "rss", resident_set_size());
    set_num(scope, obj, "heapTotal", stats.total_heap_size() as f64);
    set_num(scope, obj, "heapUsed", stats.used_heap_size() as f64);
    set_num(scope, obj, "external", stats.external_memory() as f64);
    set_num(scope, obj, "arrayBuffers", 0.0);
    rv.set(obj.into());
}

/// cpuUsage() -> [user µs, system µs] from getrusage.
fn op_process_cpu_usage(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    // SAFETY: rusage is plain data; getrusage fills it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let micros = |tv: libc::timeval| tv.tv_sec as f64 * 1e6 + tv.tv_usec as f64;
    let user = v8::Number::new(scope, micros(usage.ru_utime)).into();
    let system = v8::Number::new(scope, micros(usage.ru_stime)).into();
    rv.set(v8::Array::new_with_elements(scope, &[user, system]).into());
}

/// kill(pid, signal) -> 0 or a negative errno (JavaScript builds the error).
fn op_process_kill(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let pid = args.get(0).int32_value(scope).unwrap_or(0);
    let sig = args.get(1).int32_value(scope).unwrap_or(0);
    // SAFETY: kill has no memory-safety preconditions.
    let result = unsafe { libc::kill(pid, sig) };
    let code = if result == 0 { 0 } else { -std::io::Error::last_os_error().raw_os_error().unwrap_or(1) };
    set_number_rv(scope, &mut rv, code as f64);
}

fn op_process_get_env(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let key = args.get(0).to_rust_string_lossy(scope);
    if key.is_empty() || key.contains(['=', '\0']) {
        return;
    }
    if let Some(value) = std::env::var_os(&key) {
        rv.set(v8_str(scope, &value.to_string_lossy()).into());
    }
}

fn valid_env_key(key: &str) -> bool {
    !key.is_empty() && !key.contains(['=', '\0'])
}

fn op_process_set_env(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let key = args.get(0).to_rust_string_lossy(scope);
    let value = args.get(1).to_rust_string_lossy(scope);
    if valid_env_key(&key) && !value.contains('\0') {
        std::env::set_var(key, value);
    }
}

fn op_process_unset_env(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let key = args.get(0).to_rust_string_lossy(scope);
    if valid_env_key(&key) {
        std::env::remove_var(key);
    }
}

/// envKeys() -> [key, value, key, value, ...] of the whole environment.
fn op_process_env_keys(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let mut items = Vec::new();
    for (key, value) in std::env::vars_os() {
        items.push(v8_str(scope, &key.to_string_lossy()).into());
        items.push(v8_str(scope, &value.to_string_lossy()).into());
    }
    rv.set(v8::Array::new_with_elements(scope, &items).into());
}

fn op_process_isatty(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    // SAFETY: isatty accepts any integer.
    let tty = fd >= 0 && unsafe { libc::isatty(fd) } == 1;
    rv.set(v8::Boolean::new(scope, tty).into());
}

/// windowSize(fd) -> [columns, rows] or undefined when fd is not a terminal.
fn op_process_window_size(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let fd = args.get(0).int32_value(scope).unwrap_or(-1);
    // SAFETY: winsize is plain data; ioctl fills it or fails.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } != 0 {
        return;
    }
    let cols = v8::Number::new(scope, ws.ws_col as f64).into();
    let rows = v8::Number::new(scope, ws.ws_row as f64).into();
    rv.set(v8::Array::new_with_elements(scope, &[cols, rows]).into());
}
