//! The `crypto` binding: key derivation on `ring`, sync and on the pool.

use std::num::NonZeroU32;

use super::{arg_bytes, bytes_to_uint8array, throw_type_error, Op};
use crate::bindings::fs::{callback_arg, settle};
use crate::errno::SysError;
use crate::runtime::submit_work;

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "pbkdf2Sync" => op_crypto_pbkdf2_sync,
        "pbkdf2" => op_crypto_pbkdf2,
        "pbkdf2Digests" => op_crypto_pbkdf2_digests,
    }
}

/// How a digest's PBKDF2 is computed: `ring` where it has the digest (fastest),
/// RustCrypto's generic HMAC for the rest node supports.
#[derive(Clone, Copy)]
enum Pbkdf2Impl {
    Ring(ring::pbkdf2::Algorithm),
    Md5,
    Sha224,
    Sha512_224,
    Sha512_256,
}

const PBKDF2_DIGESTS: &[(&str, Pbkdf2Impl)] = &[
    ("sha1", Pbkdf2Impl::Ring(ring::pbkdf2::PBKDF2_HMAC_SHA1)),
    ("sha256", Pbkdf2Impl::Ring(ring::pbkdf2::PBKDF2_HMAC_SHA256)),
    ("sha384", Pbkdf2Impl::Ring(ring::pbkdf2::PBKDF2_HMAC_SHA384)),
    ("sha512", Pbkdf2Impl::Ring(ring::pbkdf2::PBKDF2_HMAC_SHA512)),
    ("md5", Pbkdf2Impl::Md5),
    ("sha224", Pbkdf2Impl::Sha224),
    ("sha512-224", Pbkdf2Impl::Sha512_224),
    ("sha512-256", Pbkdf2Impl::Sha512_256),
];

pub struct Pbkdf2Args {
    password: Vec<u8>,
    salt: Vec<u8>,
    iterations: NonZeroU32,
    key_len: usize,
    algorithm: Pbkdf2Impl,
}

pub fn pbkdf2(args: Pbkdf2Args) -> Result<Vec<u8>, SysError> {
    use pbkdf2::pbkdf2_hmac;
    let mut out = vec![0u8; args.key_len];
    let (password, salt, rounds) = (&args.password[..], &args.salt[..], args.iterations.get());
    match args.algorithm {
        Pbkdf2Impl::Ring(alg) => ring::pbkdf2::derive(alg, args.iterations, salt, password, &mut out),
        Pbkdf2Impl::Md5 => pbkdf2_hmac::<md5::Md5>(password, salt, rounds, &mut out),
        Pbkdf2Impl::Sha224 => pbkdf2_hmac::<sha2::Sha224>(password, salt, rounds, &mut out),
        Pbkdf2Impl::Sha512_224 => pbkdf2_hmac::<sha2::Sha512_224>(password, salt, rounds, &mut out),
        Pbkdf2Impl::Sha512_256 => pbkdf2_hmac::<sha2::Sha512_256>(password, salt, rounds, &mut out),
    }
    Ok(out)
}

/// Arguments arrive validated by `js/crypto.js`; a bad one here is a TypeError.
fn parse_pbkdf2(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<Pbkdf2Args> {
    let digest = args.get(4).to_rust_string_lossy(scope).to_ascii_lowercase();
    let algorithm = PBKDF2_DIGESTS.iter().find(|(name, _)| *name == digest).map(|(_, a)| *a);
    let iterations = args.get(2).uint32_value(scope).and_then(NonZeroU32::new);
    let key_len = args.get(3).uint32_value(scope).map(|n| n as usize);
    match (algorithm, iterations, key_len) {
        (Some(algorithm), Some(iterations), Some(key_len)) => Some(Pbkdf2Args {
            password: arg_bytes(scope, args.get(0)),
            salt: arg_bytes(scope, args.get(1)),
            iterations,
            key_len,
            algorithm,
        }),
        _ => {
            throw_type_error(scope, &format!("Invalid digest: {digest}"));
            None
        }
    }
}

fn js_bytes<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: Vec<u8>) -> v8::Local<'s, v8::Value> {
    bytes_to_uint8array(scope, bytes)
}

fn op_crypto_pbkdf2_sync(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(input) = parse_pbkdf2(scope, &args) else {
        return;
    };
    if let Ok(key) = pbkdf2(input) {
        rv.set(js_bytes(scope, key));
    }
}

fn op_crypto_pbkdf2(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let Some(callback) = callback_arg(scope, &args) else {
        return;
    };
    let Some(input) = parse_pbkdf2(scope, &args) else {
        return;
    };
    submit_work(scope, callback, move || pbkdf2(input), |scope, result| settle(scope, result, js_bytes));
}

/// The digest names pbkdf2 supports, for the JavaScript validator.
fn op_crypto_pbkdf2_digests(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let names: Vec<v8::Local<v8::Value>> =
        PBKDF2_DIGESTS.iter().map(|(name, _)| super::v8_str(scope, name).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &names).into());
}
