//! The `os` binding: facts about the machine.

use super::{v8_str, Op};

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "hostname" => op_os_hostname,
        "uname" => op_os_uname,
    }
}

fn c_field(field: &[libc::c_char]) -> String {
    let bytes: Vec<u8> = field
        .iter()
        .take_while(|&&c| c != 0)
        .map(|&c| c as u8)
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn uname() -> Option<libc::utsname> {
    // SAFETY: utsname is plain data; uname fills it.
    let mut info: libc::utsname = unsafe { std::mem::zeroed() };
    (unsafe { libc::uname(&mut info) } == 0).then_some(info)
}

fn op_os_hostname(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let name = uname().map(|u| c_field(&u.nodename)).unwrap_or_default();
    rv.set(v8_str(scope, &name).into());
}

/// uname() -> [sysname, release, version, machine]
fn op_os_uname(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(info) = uname() else { return };
    let fields = [
        &info.sysname[..],
        &info.release[..],
        &info.version[..],
        &info.machine[..],
    ];
    let values: Vec<v8::Local<v8::Value>> = fields
        .iter()
        .map(|f| v8_str(scope, &c_field(f)).into())
        .collect();
    rv.set(v8::Array::new_with_elements(scope, &values).into());
}
