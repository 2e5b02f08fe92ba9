//! The `os` binding: facts about the machine, read the way libuv reads them
//! (procfs first, syscalls as fallback), plus the clock `perf_hooks` uses.
//!
//! Ops that can fail take a `ctx` object as their last argument and, on
//! failure, fill it with `{ errno, code, message, syscall }` and return
//! undefined; JavaScript then throws `ERR_SYSTEM_ERROR` with it, as Node does.

use super::{bytes_to_uint8array, set_num, set_str, set_value, v8_str, Op};
use crate::state;

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "hostname" => op_os_hostname,
        "uname" => op_os_uname,
        "getCPUs" => op_os_get_cpus,
        "getFreeMem" => op_os_get_free_mem,
        "getTotalMem" => op_os_get_total_mem,
        "getUptime" => op_os_get_uptime,
        "getLoadAvg" => op_os_get_load_avg,
        "getHomeDirectory" => op_os_get_home_directory,
        "getInterfaceAddresses" => op_os_get_interface_addresses,
        "getPriority" => op_os_get_priority,
        "setPriority" => op_os_set_priority,
        "getUserInfo" => op_os_get_user_info,
        "getAvailableParallelism" => op_os_get_available_parallelism,
        "hrtimeMs" => op_os_hrtime_ms,
        "timeOriginMs" => op_os_time_origin_ms,
    }
}

// ---- shared helpers ----

fn c_field(field: &[libc::c_char]) -> String {
    let bytes: Vec<u8> = field.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Bytes of a NUL-terminated C string (empty for a null pointer).
fn c_ptr_bytes(ptr: *const libc::c_char) -> Option<Vec<u8>> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: libc hands us a valid NUL-terminated string that outlives this call.
    Some(unsafe { std::ffi::CStr::from_ptr(ptr) }.to_bytes().to_vec())
}

fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO)
}

/// Fills Node's error context object (`ctx`) from a positive errno.
fn fill_ctx(scope: &mut v8::PinScope, ctx: v8::Local<v8::Value>, errno: i32, syscall: &str) {
    let Ok(obj) = v8::Local::<v8::Object>::try_from(ctx) else { return };
    let (negative, code, message) = crate::errno::lookup(errno);
    set_num(scope, obj, "errno", negative as f64);
    set_str(scope, obj, "code", code);
    set_str(scope, obj, "message", message);
    set_str(scope, obj, "syscall", syscall);
}

fn set_number_rv(scope: &mut v8::PinScope, rv: &mut v8::ReturnValue<v8::Value>, n: f64) {
    rv.set(v8::Number::new(scope, n).into());
}

fn read_proc(path: &str) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

// ---- uname, hostname ----

fn uname() -> Option<libc::utsname> {
    // SAFETY: utsname is plain data; uname fills it.
    let mut info: libc::utsname = unsafe { std::mem::zeroed() };
    (unsafe { libc::uname(&mut info) } == 0).then_some(info)
}

fn op_os_hostname(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let mut buf = [0 as libc::c_char; 256];
    // SAFETY: the buffer is writable for its length; gethostname NUL-terminates within it on success.
    if unsafe { libc::gethostname(buf.as_mut_ptr(), buf.len() - 1) } != 0 {
        fill_ctx(scope, args.get(0), last_errno(), "uv_os_gethostname");
        return;
    }
    rv.set(v8_str(scope, &c_field(&buf)).into());
}

/// uname() -> [sysname, release, version, machine]
fn op_os_uname(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let Some(info) = uname() else { return };
    let fields = [&info.sysname[..], &info.release[..], &info.version[..], &info.machine[..]];
    let values: Vec<v8::Local<v8::Value>> = fields.iter().map(|f| v8_str(scope, &c_field(f)).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}

// ---- cpus ----

/// Per-CPU tick counts from /proc/stat, as libuv reads them (iowait skipped).
#[derive(Default, Clone)]
struct CpuTimes {
    id: u32,
    user: u64,
    nice: u64,
    sys: u64,
    idle: u64,
    irq: u64,
}

fn parse_proc_stat(text: &str) -> Vec<CpuTimes> {
    let mut cpus = Vec::new();
    for line in text.lines().skip(1) {
        let Some(rest) = line.strip_prefix("cpu") else { break };
        let mut fields = rest.split_whitespace();
        let Some(Ok(id)) = fields.next().map(str::parse::<u32>) else { break };
        let nums: Vec<u64> = fields.take(6).filter_map(|f| f.parse().ok()).collect();
        if nums.len() < 6 {
            break;
        }
        cpus.push(CpuTimes { id, user: nums[0], nice: nums[1], sys: nums[2], idle: nums[3], irq: nums[5] });
    }
    cpus
}

/// CPU id -> model name from /proc/cpuinfo ("model name" on x86, "Processor"/"cpu model" elsewhere).
fn parse_cpuinfo_models(text: &str) -> Vec<(u32, String)> {
    let mut models = Vec::new();
    for block in text.split("\n\n") {
        let mut id = None;
        let mut model = None;
        for line in block.lines() {
            let Some((key, value)) = line.split_once(':') else { continue };
            match key.trim() {
                "processor" => id = value.trim().parse::<u32>().ok(),
                "model name" | "cpu model" if model.is_none() => model = Some(value.trim_start().to_string()),
                _ => {}
            }
        }
        if let (Some(id), Some(model)) = (id, model) {
            models.push((id, model));
        }
    }
    models
}

fn cpu_speed_mhz(id: u32) -> f64 {
    let path = format!("/sys/devices/system/cpu/cpu{id}/cpufreq/scaling_cur_freq");
    let khz: u64 = read_proc(&path).and_then(|s| s.trim().parse().ok()).unwrap_or(0);
    (khz / 1000) as f64
}

/// getCPUs() -> flat [model, speed, user, nice, sys, idle, irq, ...] (times in ms).
fn op_os_get_cpus(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let cpus = parse_proc_stat(&read_proc("/proc/stat").unwrap_or_default());
    let models = parse_cpuinfo_models(&read_proc("/proc/cpuinfo").unwrap_or_default());
    // SAFETY: sysconf with a valid name has no preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    let ms = |t: u64| (t * (1000 / ticks).max(1)) as f64;
    let mut values: Vec<v8::Local<v8::Value>> = Vec::with_capacity(cpus.len() * 7);
    for cpu in &cpus {
        let model = models.iter().find(|(id, _)| *id == cpu.id).map(|(_, m)| m.as_str()).unwrap_or("unknown");
        values.push(v8_str(scope, model).into());
        let nums = [cpu_speed_mhz(cpu.id), ms(cpu.user), ms(cpu.nice), ms(cpu.sys), ms(cpu.idle), ms(cpu.irq)];
        for n in nums {
            values.push(v8::Number::new(scope, n).into());
        }
    }
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}

fn op_os_get_available_parallelism(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    // SAFETY: cpu_set_t is plain data; sched_getaffinity fills it for this process.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    let count = if unsafe { libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) } == 0 {
        // SAFETY: set was filled by sched_getaffinity.
        i64::from(unsafe { libc::CPU_COUNT(&set) })
    } else {
        // SAFETY: sysconf with a valid name has no preconditions.
        let online: libc::c_long = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
        online as i64
    };
    set_number_rv(scope, &mut rv, count.max(1) as f64);
}

// ---- memory, uptime, load ----

/// A `/proc/meminfo` field in bytes (0 when absent), as `uv__read_proc_meminfo`.
fn meminfo_bytes(field: &str) -> u64 {
    let text = read_proc("/proc/meminfo").unwrap_or_default();
    text.lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn sysinfo() -> Option<libc::sysinfo> {
    // SAFETY: sysinfo is plain data; the call fills it.
    let mut info: libc::sysinfo = unsafe { std::mem::zeroed() };
    (unsafe { libc::sysinfo(&mut info) } == 0).then_some(info)
}

fn op_os_get_free_mem(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let mut bytes = meminfo_bytes("MemAvailable:");
    if bytes == 0 {
        bytes = sysinfo().map_or(0, |i| i.freeram * i.mem_unit as u64);
    }
    set_number_rv(scope, &mut rv, bytes as f64);
}

fn op_os_get_total_mem(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let mut bytes = meminfo_bytes("MemTotal:");
    if bytes == 0 {
        bytes = sysinfo().map_or(0, |i| i.totalram * i.mem_unit as u64);
    }
    set_number_rv(scope, &mut rv, bytes as f64);
}

fn boot_clock_secs() -> Option<f64> {
    // SAFETY: timespec is plain data; clock_gettime fills it.
    let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
    (unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut ts) } == 0).then_some(ts.tv_sec as f64)
}

fn op_os_get_uptime(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let from_proc = read_proc("/proc/uptime").and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok());
    match from_proc.or_else(boot_clock_secs) {
        Some(secs) => set_number_rv(scope, &mut rv, secs),
        None => fill_ctx(scope, args.get(0), last_errno(), "uv_uptime"),
    }
}

/// getLoadAvg() -> [1, 5, 15 minute averages]
fn op_os_get_load_avg(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let from_proc: Option<Vec<f64>> = read_proc("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).filter_map(|f| f.parse().ok()).collect())
        .filter(|v: &Vec<f64>| v.len() == 3);
    let avg = from_proc.unwrap_or_else(|| match sysinfo() {
        Some(info) => info.loads.iter().map(|&l| l as f64 / 65536.0).collect(),
        None => vec![0.0; 3],
    });
    let values: Vec<v8::Local<v8::Value>> = avg.iter().map(|&n| v8::Number::new(scope, n).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}

// ---- users ----

/// The fields of a passwd entry that Node reports.
struct Passwd {
    uid: u32,
    gid: u32,
    username: Vec<u8>,
    homedir: Vec<u8>,
    shell: Option<Vec<u8>>,
}

/// getpwuid_r for the effective user, growing the buffer on ERANGE. Err is a positive errno.
fn passwd_of_euid() -> Result<Passwd, i32> {
    // SAFETY: geteuid cannot fail.
    let uid = unsafe { libc::geteuid() };
    let mut size = 4096usize;
    loop {
        let mut buf = vec![0 as libc::c_char; size];
        // SAFETY: passwd is plain data; getpwuid_r writes into it and into buf (of the given length).
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result) };
        if rc == libc::ERANGE && size < (1 << 20) {
            size *= 2;
            continue;
        }
        if rc != 0 {
            return Err(rc);
        }
        if result.is_null() {
            return Err(libc::ENOENT);
        }
        return Ok(Passwd {
            uid: pwd.pw_uid,
            gid: pwd.pw_gid,
            username: c_ptr_bytes(pwd.pw_name).unwrap_or_default(),
            homedir: c_ptr_bytes(pwd.pw_dir).unwrap_or_default(),
            shell: c_ptr_bytes(pwd.pw_shell),
        });
    }
}

/// HOME when set (even empty, as libuv), else the passwd entry's directory.
fn op_os_get_home_directory(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    if let Some(home) = std::env::var_os("HOME") {
        rv.set(v8_str(scope, &home.to_string_lossy()).into());
        return;
    }
    match passwd_of_euid() {
        Ok(pwd) => rv.set(v8_str(scope, &String::from_utf8_lossy(&pwd.homedir)).into()),
        Err(errno) => fill_ctx(scope, args.get(0), errno, "uv_os_homedir"),
    }
}

fn text_or_bytes<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: &[u8], as_bytes: bool) -> v8::Local<'s, v8::Value> {
    if as_bytes {
        bytes_to_uint8array(scope, bytes.to_vec())
    } else {
        v8_str(scope, &String::from_utf8_lossy(bytes)).into()
    }
}

/// getUserInfo(asBytes, ctx) -> { uid, gid, username, homedir, shell } with a null
/// prototype; with asBytes the strings come as Uint8Arrays.
fn op_os_get_user_info(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let as_bytes = args.get(0).is_true();
    let pwd = match passwd_of_euid() {
        Ok(pwd) => pwd,
        Err(errno) => return fill_ctx(scope, args.get(1), errno, "uv_os_get_passwd"),
    };
    let obj = v8::Object::new(scope);
    let null = v8::null(scope).into();
    obj.set_prototype(scope, null);
    set_num(scope, obj, "uid", pwd.uid as f64);
    set_num(scope, obj, "gid", pwd.gid as f64);
    let username = text_or_bytes(scope, &pwd.username, as_bytes);
    set_value(scope, obj, "username", username);
    let homedir = text_or_bytes(scope, &pwd.homedir, as_bytes);
    set_value(scope, obj, "homedir", homedir);
    let shell = match &pwd.shell {
        Some(shell) => text_or_bytes(scope, shell, as_bytes),
        None => v8::null(scope).into(),
    };
    set_value(scope, obj, "shell", shell);
    rv.set(obj.into());
}

// ---- priority ----

fn op_os_get_priority(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let pid = args.get(0).int32_value(scope).unwrap_or(0);
    // SAFETY: getpriority has no memory-safety preconditions; errno is reset to tell -1 from failure.
    unsafe { *libc::__errno_location() = 0 };
    let prio = unsafe { libc::getpriority(libc::PRIO_PROCESS, pid as libc::id_t) };
    let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    if prio == -1 && errno != 0 {
        fill_ctx(scope, args.get(1), errno, "uv_os_getpriority");
        return;
    }
    set_number_rv(scope, &mut rv, prio as f64);
}

/// setPriority(pid, priority, ctx) -> 0, or a negative errno with ctx filled.
fn op_os_set_priority(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let pid = args.get(0).int32_value(scope).unwrap_or(0);
    let prio = args.get(1).int32_value(scope).unwrap_or(0);
    // SAFETY: setpriority has no memory-safety preconditions.
    let rc = unsafe { libc::setpriority(libc::PRIO_PROCESS, pid as libc::id_t, prio) };
    if rc != 0 {
        let errno = last_errno();
        fill_ctx(scope, args.get(2), errno, "uv_os_setpriority");
        set_number_rv(scope, &mut rv, -errno as f64);
        return;
    }
    set_number_rv(scope, &mut rv, 0.0);
}

// ---- network interfaces ----

/// One address of an interface, in the order Node's binding reports it.
struct IfAddr {
    name: String,
    address: String,
    netmask: String,
    family: &'static str,
    mac: [u8; 6],
    internal: bool,
    scopeid: i64,
}

fn ipv4_text(sa: *const libc::sockaddr) -> String {
    if sa.is_null() {
        return "0.0.0.0".to_string();
    }
    // SAFETY: the caller checked the family is AF_INET, so this is a sockaddr_in.
    let sin = unsafe { &*(sa as *const libc::sockaddr_in) };
    std::net::Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr)).to_string()
}

fn ipv6_parts(sa: *const libc::sockaddr) -> ([u8; 16], u32) {
    if sa.is_null() {
        return ([0; 16], 0);
    }
    // SAFETY: the caller checked the family is AF_INET6, so this is a sockaddr_in6.
    let sin6 = unsafe { &*(sa as *const libc::sockaddr_in6) };
    (sin6.sin6_addr.s6_addr, sin6.sin6_scope_id)
}

/// libuv's `inet_ntop6`: RFC 5952 compression of the longest zero run (>= 2 groups),
/// with an embedded IPv4 tail for compatible and mapped addresses.
pub fn ipv6_text(bytes: &[u8; 16]) -> String {
    let words: Vec<u16> = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
    let (mut best_base, mut best_len) = (None::<usize>, 0usize);
    let (mut cur_base, mut cur_len) = (None::<usize>, 0usize);
    for (i, &w) in words.iter().enumerate() {
        if w == 0 {
            if cur_base.is_none() {
                cur_base = Some(i);
                cur_len = 0;
            }
            cur_len += 1;
            if best_base.is_none() || cur_len > best_len {
                (best_base, best_len) = (cur_base, cur_len);
            }
        } else {
            cur_base = None;
        }
    }
    if best_len < 2 {
        best_base = None;
    }
    let mut out = String::new();
    for i in 0..8 {
        if let Some(base) = best_base.filter(|&b| i >= b && i < b + best_len) {
            if i == base {
                out.push(':');
            }
            continue;
        }
        if i != 0 {
            out.push(':');
        }
        let v4_tail = best_base == Some(0)
            && (best_len == 6 || (best_len == 7 && words[7] != 1) || (best_len == 5 && words[5] == 0xffff));
        if i == 6 && v4_tail {
            out.push_str(&std::net::Ipv4Addr::new(bytes[12], bytes[13], bytes[14], bytes[15]).to_string());
            return out;
        }
        out.push_str(&format!("{:x}", words[i]));
    }
    if best_base.is_some_and(|b| b + best_len == 8) {
        out.push(':');
    }
    out
}

fn usable(ent: &libc::ifaddrs) -> bool {
    let flags = ent.ifa_flags;
    flags & libc::IFF_UP as u32 != 0 && flags & libc::IFF_RUNNING as u32 != 0 && !ent.ifa_addr.is_null()
}

fn family_of(sa: *const libc::sockaddr) -> i32 {
    // SAFETY: callers pass a non-null sockaddr from getifaddrs.
    unsafe { (*sa).sa_family as i32 }
}

fn ifaddr_entry(ent: &libc::ifaddrs) -> Option<IfAddr> {
    let name = String::from_utf8_lossy(&c_ptr_bytes(ent.ifa_name).unwrap_or_default()).into_owned();
    let internal = ent.ifa_flags & libc::IFF_LOOPBACK as u32 != 0;
    let (address, netmask, family, scopeid) = match family_of(ent.ifa_addr) {
        libc::AF_INET => (ipv4_text(ent.ifa_addr), ipv4_text(ent.ifa_netmask), "IPv4", -1),
        libc::AF_INET6 => {
            let (addr, scope) = ipv6_parts(ent.ifa_addr);
            let (mask, _) = ipv6_parts(ent.ifa_netmask);
            (ipv6_text(&addr), ipv6_text(&mask), "IPv6", scope as i64)
        }
        _ => return None,
    };
    Some(IfAddr { name, address, netmask, family, mac: [0; 6], internal, scopeid })
}

/// The hardware address of an AF_PACKET entry, given to every address of that
/// interface and its aliases (`eth0:1`).
fn apply_mac(ent: &libc::ifaddrs, list: &mut [IfAddr]) {
    let name = String::from_utf8_lossy(&c_ptr_bytes(ent.ifa_name).unwrap_or_default()).into_owned();
    // SAFETY: AF_PACKET entries carry a sockaddr_ll.
    let sll = unsafe { &*(ent.ifa_addr as *const libc::sockaddr_ll) };
    for item in list.iter_mut() {
        let alias = item.name.strip_prefix(&name).is_some_and(|rest| rest.is_empty() || rest.starts_with(':'));
        if alias {
            item.mac.copy_from_slice(&sll.sll_addr[..6]);
        }
    }
}

/// getifaddrs in libuv's order; Err is a positive errno.
fn interface_addresses() -> Result<Vec<IfAddr>, i32> {
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs allocates a list we free below.
    if unsafe { libc::getifaddrs(&mut head) } != 0 {
        return Err(last_errno());
    }
    let mut entries = Vec::new();
    let mut ptr = head;
    while !ptr.is_null() {
        // SAFETY: ptr walks the list getifaddrs returned, which stays valid until freeifaddrs.
        let ent = unsafe { &*ptr };
        entries.push(ent);
        ptr = ent.ifa_next;
    }
    let usable_entries: Vec<&libc::ifaddrs> = entries.into_iter().filter(|e| usable(e)).collect();
    let mut list: Vec<IfAddr> = usable_entries.iter().filter_map(|e| ifaddr_entry(e)).collect();
    for ent in usable_entries.iter().filter(|e| family_of(e.ifa_addr) == libc::AF_PACKET) {
        apply_mac(ent, &mut list);
    }
    // SAFETY: head came from getifaddrs and no reference into it outlives this point.
    unsafe { libc::freeifaddrs(head) };
    Ok(list)
}

fn mac_text(mac: &[u8; 6]) -> String {
    mac.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":")
}

/// getInterfaceAddresses(ctx) -> flat [name, address, netmask, family, mac, internal, scopeid, ...]
fn op_os_get_interface_addresses(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let list = match interface_addresses() {
        Ok(list) => list,
        Err(errno) => return fill_ctx(scope, args.get(0), errno, "uv_interface_addresses"),
    };
    let mut values: Vec<v8::Local<v8::Value>> = Vec::with_capacity(list.len() * 7);
    for item in &list {
        for text in [item.name.as_str(), &item.address, &item.netmask, item.family, &mac_text(&item.mac)] {
            values.push(v8_str(scope, text).into());
        }
        values.push(v8::Boolean::new(scope, item.internal).into());
        values.push(v8::Number::new(scope, item.scopeid as f64).into());
    }
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}

// ---- perf_hooks clock ----

/// Milliseconds since the process started (monotonic, sub-microsecond resolution).
fn op_os_hrtime_ms(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let ns = state::state(scope).start_time.elapsed().as_nanos();
    set_number_rv(scope, &mut rv, ns as f64 / 1e6);
}

/// Epoch milliseconds at process start, to the microsecond (`performance.timeOrigin`).
fn op_os_time_origin_ms(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let elapsed = state::state(scope).start_time.elapsed();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let origin_us = now.saturating_sub(elapsed).as_micros();
    set_number_rv(scope, &mut rv, origin_us as f64 / 1000.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v6(text: &str) -> String {
        ipv6_text(&text.parse::<std::net::Ipv6Addr>().expect("valid address").octets())
    }

    #[test]
    fn ipv6_matches_libuv() {
        assert_eq!(v6("::1"), "::1");
        assert_eq!(v6("::"), "::");
        assert_eq!(v6("fe80::fc:ff:fe00:1"), "fe80::fc:ff:fe00:1");
        assert_eq!(v6("ffff:ffff:ffff:ffff::"), "ffff:ffff:ffff:ffff::");
        assert_eq!(v6("::ffff:1.2.3.4"), "::ffff:1.2.3.4");
        assert_eq!(v6("::1.2.3.4"), "::1.2.3.4");
        assert_eq!(v6("1:0:0:2::3"), "1:0:0:2::3");
        assert_eq!(v6("1:0:0:2:0:0:3:4"), "1::2:0:0:3:4");
        assert_eq!(v6("1:0:2:0:3:0:4:0"), "1:0:2:0:3:0:4:0");
    }

    #[test]
    fn proc_stat_skips_iowait() {
        let text = "cpu  1 2 3 4 5 6 7\ncpu0 10 20 30 40 50 60 70\ncpu1 1 1 1 1 1 1 1\nintr 5\n";
        let cpus = parse_proc_stat(text);
        assert_eq!(cpus.len(), 2);
        assert_eq!((cpus[0].user, cpus[0].idle, cpus[0].irq), (10, 40, 60));
    }

    #[test]
    fn cpuinfo_models_by_processor() {
        let text = "processor\t: 0\nmodel name\t: Xeon\n\nprocessor\t: 1\nmodel name\t: Xeon\n";
        assert_eq!(parse_cpuinfo_models(text), vec![(0, "Xeon".to_string()), (1, "Xeon".to_string())]);
    }
}
