//! The `crypto` binding: message digests and HMACs whose state lives here under
//! numeric ids, random bytes, a timing-safe comparison, and the key derivations
//! (PBKDF2, HKDF, scrypt), each sync or on the thread pool.
//!
//! SHA-1 and SHA-256/384/512 run on `ring` (its assembly is the fastest we
//! have); every other digest node offers runs on RustCrypto. HMAC is built here
//! once over any digest state, so every digest gets one.
//!
//! Arguments arrive validated by `js/internal/crypto/*.js`; a value that slips
//! through gives a thrown error or an empty result, never a panic.

use std::collections::HashMap;
use std::ffi::c_void;
use std::num::NonZeroU32;
use std::ptr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};

use ring::rand::{SecureRandom as _, SystemRandom};
use sha2::digest::{Digest, ExtendableOutput, Update, XofReader as _};

use super::buffer::{decode, Encoding};
use super::{arg_bytes, bytes_to_uint8array, throw_error, with_view_contents, Op};
use crate::bindings::fs::callback_arg;
use crate::runtime::submit_work;

pub fn ops() -> Vec<Op> {
    let mut ops = crate::op_table! {
        "digestInfo" => op_crypto_digest_info,
        "hashNew" => op_crypto_hash_new,
        "hmacNew" => op_crypto_hmac_new,
        "hashUpdate" => op_crypto_hash_update,
        "hashDigest" => op_crypto_hash_digest,
        "hashCopy" => op_crypto_hash_copy,
        "hashOnce" => op_crypto_hash_once,
        "randomFillSync" => op_crypto_random_fill_sync,
        "randomBytes" => op_crypto_random_bytes,
        "timingSafeEqual" => op_crypto_timing_safe_equal,
        "pbkdf2Sync" => op_crypto_pbkdf2_sync,
        "pbkdf2" => op_crypto_pbkdf2,
        "hkdfSync" => op_crypto_hkdf_sync,
        "hkdf" => op_crypto_hkdf,
        "scryptSync" => op_crypto_scrypt_sync,
        "scrypt" => op_crypto_scrypt,
    };
    ops.extend(super::crypto_cipher::ops());
    ops.extend(super::crypto_keys::ops());
    ops.extend(super::crypto_sign::ops());
    ops
}

// ---- algorithms ----

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Algorithm {
    Md5,
    Md5Sha1,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha512_224,
    Sha512_256,
    Sha3_224,
    Sha3_256,
    Sha3_384,
    Sha3_512,
    Shake128,
    Shake256,
    Ripemd160,
    Blake2b512,
    Blake2s256,
    Sm3,
}

/// Every name OpenSSL 3 (so node) accepts for a digest, lower-cased: its own
/// names, the legacy signature names and the OIDs.
const NAMES: &[(&str, Algorithm)] = &[
    ("md5", Algorithm::Md5),
    ("ssl3-md5", Algorithm::Md5),
    ("rsa-md5", Algorithm::Md5),
    ("md5withrsaencryption", Algorithm::Md5),
    ("1.2.840.113549.2.5", Algorithm::Md5),
    ("md5-sha1", Algorithm::Md5Sha1),
    ("sha1", Algorithm::Sha1),
    ("sha-1", Algorithm::Sha1),
    ("ssl3-sha1", Algorithm::Sha1),
    ("rsa-sha1", Algorithm::Sha1),
    ("rsa-sha1-2", Algorithm::Sha1),
    ("sha1withrsaencryption", Algorithm::Sha1),
    ("1.3.14.3.2.26", Algorithm::Sha1),
    ("sha224", Algorithm::Sha224),
    ("sha-224", Algorithm::Sha224),
    ("sha2-224", Algorithm::Sha224),
    ("rsa-sha224", Algorithm::Sha224),
    ("sha224withrsaencryption", Algorithm::Sha224),
    ("2.16.840.1.101.3.4.2.4", Algorithm::Sha224),
    ("sha256", Algorithm::Sha256),
    ("sha-256", Algorithm::Sha256),
    ("sha2-256", Algorithm::Sha256),
    ("rsa-sha256", Algorithm::Sha256),
    ("sha256withrsaencryption", Algorithm::Sha256),
    ("2.16.840.1.101.3.4.2.1", Algorithm::Sha256),
    ("sha384", Algorithm::Sha384),
    ("sha-384", Algorithm::Sha384),
    ("sha2-384", Algorithm::Sha384),
    ("rsa-sha384", Algorithm::Sha384),
    ("sha384withrsaencryption", Algorithm::Sha384),
    ("2.16.840.1.101.3.4.2.2", Algorithm::Sha384),
    ("sha512", Algorithm::Sha512),
    ("sha-512", Algorithm::Sha512),
    ("sha2-512", Algorithm::Sha512),
    ("rsa-sha512", Algorithm::Sha512),
    ("sha512withrsaencryption", Algorithm::Sha512),
    ("2.16.840.1.101.3.4.2.3", Algorithm::Sha512),
    ("sha512-224", Algorithm::Sha512_224),
    ("sha-512/224", Algorithm::Sha512_224),
    ("sha2-512/224", Algorithm::Sha512_224),
    ("rsa-sha512/224", Algorithm::Sha512_224),
    ("sha512-224withrsaencryption", Algorithm::Sha512_224),
    ("2.16.840.1.101.3.4.2.5", Algorithm::Sha512_224),
    ("sha512-256", Algorithm::Sha512_256),
    ("sha-512/256", Algorithm::Sha512_256),
    ("sha2-512/256", Algorithm::Sha512_256),
    ("rsa-sha512/256", Algorithm::Sha512_256),
    ("sha512-256withrsaencryption", Algorithm::Sha512_256),
    ("2.16.840.1.101.3.4.2.6", Algorithm::Sha512_256),
    ("sha3-224", Algorithm::Sha3_224),
    ("rsa-sha3-224", Algorithm::Sha3_224),
    ("id-rsassa-pkcs1-v1_5-with-sha3-224", Algorithm::Sha3_224),
    ("2.16.840.1.101.3.4.2.7", Algorithm::Sha3_224),
    ("sha3-256", Algorithm::Sha3_256),
    ("rsa-sha3-256", Algorithm::Sha3_256),
    ("id-rsassa-pkcs1-v1_5-with-sha3-256", Algorithm::Sha3_256),
    ("2.16.840.1.101.3.4.2.8", Algorithm::Sha3_256),
    ("sha3-384", Algorithm::Sha3_384),
    ("rsa-sha3-384", Algorithm::Sha3_384),
    ("id-rsassa-pkcs1-v1_5-with-sha3-384", Algorithm::Sha3_384),
    ("2.16.840.1.101.3.4.2.9", Algorithm::Sha3_384),
    ("sha3-512", Algorithm::Sha3_512),
    ("rsa-sha3-512", Algorithm::Sha3_512),
    ("id-rsassa-pkcs1-v1_5-with-sha3-512", Algorithm::Sha3_512),
    ("2.16.840.1.101.3.4.2.10", Algorithm::Sha3_512),
    ("shake128", Algorithm::Shake128),
    ("shake-128", Algorithm::Shake128),
    ("2.16.840.1.101.3.4.2.11", Algorithm::Shake128),
    ("shake256", Algorithm::Shake256),
    ("shake-256", Algorithm::Shake256),
    ("2.16.840.1.101.3.4.2.12", Algorithm::Shake256),
    ("ripemd160", Algorithm::Ripemd160),
    ("ripemd-160", Algorithm::Ripemd160),
    ("ripemd", Algorithm::Ripemd160),
    ("rmd160", Algorithm::Ripemd160),
    ("rsa-ripemd160", Algorithm::Ripemd160),
    ("ripemd160withrsa", Algorithm::Ripemd160),
    ("1.3.36.3.2.1", Algorithm::Ripemd160),
    ("blake2b512", Algorithm::Blake2b512),
    ("blake2b-512", Algorithm::Blake2b512),
    ("blake2s256", Algorithm::Blake2s256),
    ("blake2s-256", Algorithm::Blake2s256),
    ("sm3", Algorithm::Sm3),
    ("rsa-sm3", Algorithm::Sm3),
    ("sm3withrsaencryption", Algorithm::Sm3),
];

/// Every algorithm, by the index `digestInfo` hands JavaScript.
const ALGORITHMS: [Algorithm; 19] = [
    Algorithm::Md5,
    Algorithm::Md5Sha1,
    Algorithm::Sha1,
    Algorithm::Sha224,
    Algorithm::Sha256,
    Algorithm::Sha384,
    Algorithm::Sha512,
    Algorithm::Sha512_224,
    Algorithm::Sha512_256,
    Algorithm::Sha3_224,
    Algorithm::Sha3_256,
    Algorithm::Sha3_384,
    Algorithm::Sha3_512,
    Algorithm::Shake128,
    Algorithm::Shake256,
    Algorithm::Ripemd160,
    Algorithm::Blake2b512,
    Algorithm::Blake2s256,
    Algorithm::Sm3,
];

impl Algorithm {
    fn index(self) -> usize {
        ALGORITHMS.iter().position(|a| *a == self).unwrap_or(0)
    }

    /// The digest for any of node's (case-insensitive) names.
    pub fn from_name(name: &str) -> Option<Algorithm> {
        let lower = name.to_ascii_lowercase();
        NAMES.iter().find(|(n, _)| *n == lower).map(|(_, a)| *a)
    }

    /// The output length in bytes (the default one for the XOFs).
    pub fn output_len(self) -> usize {
        use Algorithm::*;
        match self {
            Md5 | Shake128 => 16,
            Sha1 | Ripemd160 => 20,
            Sha224 | Sha512_224 | Sha3_224 => 28,
            Sha256 | Sha512_256 | Sha3_256 | Shake256 | Blake2s256 | Sm3 => 32,
            Md5Sha1 => 36,
            Sha384 | Sha3_384 => 48,
            Sha512 | Sha3_512 | Blake2b512 => 64,
        }
    }

    /// The block length in bytes (what HMAC pads its key to).
    pub fn block_len(self) -> usize {
        use Algorithm::*;
        match self {
            Sha384 | Sha512 | Sha512_224 | Sha512_256 | Blake2b512 => 128,
            Sha3_224 => 144,
            Sha3_256 => 136,
            Sha3_384 => 104,
            Sha3_512 => 72,
            Shake128 => 168,
            Shake256 => 136,
            _ => 64,
        }
    }

    pub fn is_xof(self) -> bool {
        matches!(self, Algorithm::Shake128 | Algorithm::Shake256)
    }

    /// A fresh hashing state.
    pub fn new_state(self) -> Box<dyn HashState> {
        use ring::digest as rd;
        use Algorithm::*;
        match self {
            Md5 => Box::new(Fixed(md5::Md5::new())),
            Md5Sha1 => Box::new(Md5Sha1State(md5::Md5::new(), rd::Context::new(&rd::SHA1_FOR_LEGACY_USE_ONLY))),
            Sha1 => Box::new(RingHash(rd::Context::new(&rd::SHA1_FOR_LEGACY_USE_ONLY))),
            Sha224 => Box::new(Fixed(sha2::Sha224::new())),
            Sha256 => Box::new(RingHash(rd::Context::new(&rd::SHA256))),
            Sha384 => Box::new(RingHash(rd::Context::new(&rd::SHA384))),
            Sha512 => Box::new(RingHash(rd::Context::new(&rd::SHA512))),
            Sha512_224 => Box::new(Fixed(sha2::Sha512_224::new())),
            Sha512_256 => Box::new(Fixed(sha2::Sha512_256::new())),
            Sha3_224 => Box::new(Fixed(sha3::Sha3_224::new())),
            Sha3_256 => Box::new(Fixed(sha3::Sha3_256::new())),
            Sha3_384 => Box::new(Fixed(sha3::Sha3_384::new())),
            Sha3_512 => Box::new(Fixed(sha3::Sha3_512::new())),
            Shake128 => Box::new(Xof(sha3::Shake128::default())),
            Shake256 => Box::new(Xof(sha3::Shake256::default())),
            Ripemd160 => Box::new(Fixed(ripemd::Ripemd160::new())),
            Blake2b512 => Box::new(Fixed(blake2::Blake2b512::new())),
            Blake2s256 => Box::new(Fixed(blake2::Blake2s256::new())),
            Sm3 => Box::new(Fixed(sm3::Sm3::new())),
        }
    }

    /// The digest of `data` in one go.
    pub fn digest(self, data: &[u8], len: usize) -> Vec<u8> {
        let mut state = self.new_state();
        state.update(data);
        state.finish(len)
    }
}

// ---- hashing states ----

/// A running digest (or HMAC) that can be fed, copied and finished.
pub trait HashState: Send {
    fn update(&mut self, data: &[u8]);
    /// The digest; `len` matters only to the XOFs (others give their size).
    fn finish(self: Box<Self>, len: usize) -> Vec<u8>;
    fn boxed_clone(&self) -> Box<dyn HashState>;
}

struct RingHash(ring::digest::Context);

impl HashState for RingHash {
    fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }
    fn finish(self: Box<Self>, _len: usize) -> Vec<u8> {
        self.0.finish().as_ref().to_vec()
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(RingHash(self.0.clone()))
    }
}

struct Fixed<D>(D);

impl<D: Digest + Clone + Send + 'static> HashState for Fixed<D> {
    fn update(&mut self, data: &[u8]) {
        Digest::update(&mut self.0, data);
    }
    fn finish(self: Box<Self>, _len: usize) -> Vec<u8> {
        self.0.finalize().to_vec()
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(Fixed(self.0.clone()))
    }
}

struct Xof<D>(D);

impl<D: Update + ExtendableOutput + Clone + Send + 'static> HashState for Xof<D> {
    fn update(&mut self, data: &[u8]) {
        Update::update(&mut self.0, data);
    }
    fn finish(self: Box<Self>, len: usize) -> Vec<u8> {
        let mut out = vec![0u8; len];
        self.0.finalize_xof().read(&mut out);
        out
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(Xof(self.0.clone()))
    }
}

/// OpenSSL's TLS 1.0 digest: MD5 and SHA-1 of the same input, concatenated.
struct Md5Sha1State(md5::Md5, ring::digest::Context);

impl HashState for Md5Sha1State {
    fn update(&mut self, data: &[u8]) {
        Digest::update(&mut self.0, data);
        self.1.update(data);
    }
    fn finish(self: Box<Self>, _len: usize) -> Vec<u8> {
        let mut out = self.0.finalize().to_vec();
        out.extend_from_slice(self.1.finish().as_ref());
        out
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(Md5Sha1State(self.0.clone(), self.1.clone()))
    }
}

/// HMAC (RFC 2104) over any fixed-length digest.
pub struct HmacState {
    inner: Box<dyn HashState>,
    outer: Box<dyn HashState>,
}

impl HmacState {
    pub fn new(alg: Algorithm, key: &[u8]) -> HmacState {
        let block = alg.block_len();
        let mut padded = if key.len() > block { alg.digest(key, alg.output_len()) } else { key.to_vec() };
        padded.resize(block, 0);
        let mut inner = alg.new_state();
        let mut outer = alg.new_state();
        inner.update(&padded.iter().map(|b| b ^ 0x36).collect::<Vec<u8>>());
        outer.update(&padded.iter().map(|b| b ^ 0x5c).collect::<Vec<u8>>());
        HmacState { inner, outer }
    }

    fn clone_state(&self) -> HmacState {
        HmacState { inner: self.inner.boxed_clone(), outer: self.outer.boxed_clone() }
    }

    /// The MAC of `data` in one go.
    pub fn mac(&self, data: &[u8], len: usize) -> Vec<u8> {
        let mut state = Box::new(self.clone_state());
        state.update(data);
        state.finish(len)
    }
}

impl HashState for HmacState {
    fn update(&mut self, data: &[u8]) {
        self.inner.update(data);
    }
    fn finish(self: Box<Self>, len: usize) -> Vec<u8> {
        let inner_hash = self.inner.finish(len);
        let mut outer = self.outer;
        outer.update(&inner_hash);
        outer.finish(len)
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(self.clone_state())
    }
}

// ---- states kept for JavaScript ----
//
// Each state sits in a process-wide map under an id. JavaScript holds a token
// for it: an 8-byte ArrayBuffer holding the id, whose backing store's deleter
// drops the state when the token is garbage-collected (V8 frees backing
// stores during or after GC, possibly on another thread, with no task to pump).
// Ops read the id out of the token, so any other buffer just finds nothing.
// The map's lock is never held across a V8 call that may allocate (and so GC).

struct Entry {
    state: Box<dyn HashState>,
    len: usize,
}

/// A value JavaScript holds through a token; each kind has its own map.
pub(crate) trait Stored: Send + Sized + 'static {
    fn map() -> &'static Mutex<HashMap<u64, Self>>;

    fn lock() -> MutexGuard<'static, HashMap<u64, Self>> {
        Self::map().lock().unwrap_or_else(PoisonError::into_inner)
    }
}

static HASH_STATES: LazyLock<Mutex<HashMap<u64, Entry>>> = LazyLock::new(|| Mutex::new(HashMap::new()));
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl Stored for Entry {
    fn map() -> &'static Mutex<HashMap<u64, Self>> {
        &HASH_STATES
    }
}

fn states() -> MutexGuard<'static, HashMap<u64, Entry>> {
    Entry::lock()
}

/// The token's deleter: frees its id bytes and the value, if still there.
unsafe extern "C" fn free_token<T: Stored>(data: *mut c_void, _len: usize, _deleter_data: *mut c_void) {
    // SAFETY: `data` is the `Box<[u8; 8]>` that `store` leaked for this store,
    // and V8 calls the deleter once.
    let bytes = unsafe { Box::from_raw(data.cast::<[u8; 8]>()) };
    let value = T::lock().remove(&u64::from_ne_bytes(*bytes));
    drop(value);
}

/// Keeps `value` and returns its token.
pub(crate) fn store<'s, T: Stored>(scope: &mut v8::PinScope<'s, '_>, value: T) -> v8::Local<'s, v8::Value> {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    T::lock().insert(id, value);
    let raw = Box::into_raw(Box::new(id.to_ne_bytes()));
    // SAFETY: `raw` points at 8 bytes that stay alive until `free_token` frees them.
    let store = unsafe { v8::ArrayBuffer::new_backing_store_from_ptr(raw.cast(), 8, free_token::<T>, ptr::null_mut()) };
    v8::ArrayBuffer::with_backing_store(scope, &store.make_shared()).into()
}

/// The id a token holds (any 8-byte ArrayBuffer gives some id; others none).
pub(crate) fn token_id(value: v8::Local<v8::Value>) -> Option<u64> {
    let buffer = v8::Local::<v8::ArrayBuffer>::try_from(value).ok()?;
    if buffer.byte_length() != 8 {
        return None;
    }
    let data = buffer.data()?;
    // SAFETY: the buffer has 8 readable bytes at `data` for this call.
    let bytes = unsafe { data.cast::<[u8; 8]>().as_ptr().read_unaligned() };
    Some(u64::from_ne_bytes(bytes))
}

/// An algorithm by name (the key derivations) or by index (the hashing ops).
fn algorithm_arg(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<Algorithm> {
    if value.is_number() {
        let index = value.uint32_value(scope)? as usize;
        return ALGORITHMS.get(index).copied();
    }
    Algorithm::from_name(&value.to_rust_string_lossy(scope))
}

/// The digest as a Uint8Array, or as a string when `encoding` names one of
/// Buffer's (normalised) encodings.
fn digest_value<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    bytes: Vec<u8>,
    encoding: v8::Local<v8::Value>,
) -> v8::Local<'s, v8::Value> {
    let enc = if encoding.is_string() { Encoding::parse(&encoding.to_rust_string_lossy(scope)) } else { None };
    match enc.and_then(|enc| decode(scope, &bytes, enc)) {
        Some(s) => s.into(),
        None => bytes_to_uint8array(scope, bytes),
    }
}

/// An output length argument, or the algorithm's own when not a number.
fn len_arg(scope: &mut v8::PinScope, value: v8::Local<v8::Value>, alg: Algorithm) -> usize {
    if value.is_number() {
        value.integer_value(scope).map_or(alg.output_len(), |n| n.clamp(0, u32::MAX as i64) as usize)
    } else {
        alg.output_len()
    }
}

/// Feeds a view's bytes in place, or a string's UTF-8 (a fresh state: no lock).
fn update_with(scope: &mut v8::PinScope, state: &mut dyn HashState, data: v8::Local<v8::Value>) {
    if with_view_contents(data, |bytes| state.update(bytes)).is_none() {
        let text = data.to_rust_string_lossy(scope);
        state.update(text.as_bytes());
    }
}

/// digestInfo(name) -> [outputLength, isXof, index] | undefined
fn op_crypto_digest_info(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(alg) = algorithm_arg(scope, args.get(0)) else {
        return;
    };
    let len = v8::Number::new(scope, alg.output_len() as f64).into();
    let xof = v8::Boolean::new(scope, alg.is_xof()).into();
    let index = v8::Number::new(scope, alg.index() as f64).into();
    rv.set(v8::Array::new_with_elements(scope, &[len, xof, index]).into());
}

/// hashNew(index, outputLength?) -> token | undefined (unknown digest)
fn op_crypto_hash_new(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    if let Some(alg) = algorithm_arg(scope, args.get(0)) {
        let len = len_arg(scope, args.get(1), alg);
        let token = store(scope, Entry { state: alg.new_state(), len });
        rv.set(token);
    }
}

/// hmacNew(index, key) -> token | undefined (unknown digest or an XOF)
fn op_crypto_hmac_new(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    if let Some(alg) = algorithm_arg(scope, args.get(0)).filter(|a| !a.is_xof()) {
        let key = arg_bytes(scope, args.get(1));
        let token = store(scope, Entry { state: Box::new(HmacState::new(alg, &key)), len: alg.output_len() });
        rv.set(token);
    }
}

/// Runs `f` on the state a token names; false when there is none.
fn with_state(id: Option<u64>, f: impl FnOnce(&mut dyn HashState)) -> bool {
    let mut map = states();
    match id.and_then(|id| map.get_mut(&id)) {
        Some(entry) => {
            f(entry.state.as_mut());
            true
        }
        None => false,
    }
}

/// hashUpdate(token, data) -> whether the state exists. Views are hashed in
/// place; strings are read into Rust first (that may allocate, so unlocked).
fn op_crypto_hash_update(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let id = token_id(args.get(0));
    let data = args.get(1);
    let found = match with_view_contents(data, |bytes| with_state(id, |s| s.update(bytes))) {
        Some(found) => found,
        None => {
            let text = data.to_rust_string_lossy(scope);
            with_state(id, |s| s.update(text.as_bytes()))
        }
    };
    rv.set_bool(found);
}

/// hashDigest(token, encoding?) -> Uint8Array | string | undefined (the state is gone after)
fn op_crypto_hash_digest(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let entry = token_id(args.get(0)).and_then(|id| states().remove(&id));
    if let Some(entry) = entry {
        let out = entry.state.finish(entry.len);
        rv.set(digest_value(scope, out, args.get(1)));
    }
}

/// hashCopy(token, outputLength?) -> new token | undefined
fn op_crypto_hash_copy(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let id = token_id(args.get(0));
    let copy = id.and_then(|id| states().get(&id).map(|e| (e.state.boxed_clone(), e.len)));
    if let Some((state, len)) = copy {
        let len = u32_arg(scope, args.get(1)).map_or(len, |n| n as usize);
        let token = store(scope, Entry { state, len });
        rv.set(token);
    }
}

/// hashOnce(index | name, data, encoding?) -> Uint8Array | string | undefined (unknown)
fn op_crypto_hash_once(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(alg) = algorithm_arg(scope, args.get(0)) else {
        return;
    };
    let mut state = alg.new_state();
    update_with(scope, state.as_mut(), args.get(1));
    let out = state.finish(alg.output_len());
    rv.set(digest_value(scope, out, args.get(2)));
}

// ---- random bytes ----

pub(crate) fn fill_random(buf: &mut [u8]) -> Result<(), &'static str> {
    SystemRandom::new().fill(buf).map_err(|_| "Random number generation failed")
}

fn random_vec(size: usize) -> Result<Vec<u8>, &'static str> {
    let mut out = vec![0u8; size];
    fill_random(&mut out)?;
    Ok(out)
}

/// randomFillSync(view, offset, size): fills `view[offset..offset+size]` in place
/// (offset and size in bytes, checked in JavaScript and again here).
fn op_crypto_random_fill_sync(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(0)) else {
        return throw_error(scope, "buffer must be an ArrayBufferView");
    };
    let offset = args.get(1).integer_value(scope).unwrap_or(0).max(0) as usize;
    let size = args.get(2).integer_value(scope).unwrap_or(0).max(0) as usize;
    let (len, ptr) = (view.byte_length(), view.data().cast::<u8>());
    if ptr.is_null() || offset.checked_add(size).is_none_or(|end| end > len) {
        return;
    }
    // SAFETY: `data()` points at `len` live bytes of the view's backing store,
    // and `offset + size <= len`; no JavaScript runs while the slice is alive.
    let slice = unsafe { std::slice::from_raw_parts_mut(ptr.add(offset), size) };
    if let Err(msg) = fill_random(slice) {
        throw_error(scope, msg);
    }
}

/// randomBytes(size, callback): `size` random bytes made on the pool.
fn op_crypto_random_bytes(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let Some(callback) = callback_arg(scope, &args) else {
        return;
    };
    let size = args.get(0).integer_value(scope).unwrap_or(0).clamp(0, i32::MAX as i64) as usize;
    submit_work(scope, callback, move || random_vec(size), settle_bytes);
}

// ---- comparison ----

/// Compares in time that depends only on the length.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

/// timingSafeEqual(a, b) -> boolean (both views of the same byte length)
fn op_crypto_timing_safe_equal(
    _scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let a = super::view_bytes(args.get(0)).unwrap_or_default();
    let equal = with_view_contents(args.get(1), |b| constant_time_eq(&a, b)).unwrap_or(false);
    rv.set_bool(equal);
}

// ---- key derivation ----

/// The result of a derivation job as the callback's `(err, value)`.
fn settle_bytes<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    result: Result<Vec<u8>, &'static str>,
) -> (v8::Local<'s, v8::Value>, v8::Local<'s, v8::Value>) {
    match result {
        Ok(bytes) => (v8::null(scope).into(), bytes_to_uint8array(scope, bytes)),
        Err(msg) => {
            let m = super::v8_str(scope, msg);
            (v8::Exception::error(scope, m), v8::undefined(scope).into())
        }
    }
}

/// Runs a derivation now and returns its bytes, or throws its error.
fn derive_now<T>(
    scope: &mut v8::PinScope,
    rv: &mut v8::ReturnValue<v8::Value>,
    input: Option<T>,
    derive: fn(T) -> Result<Vec<u8>, &'static str>,
) {
    match input.map(derive) {
        Some(Ok(bytes)) => rv.set(bytes_to_uint8array(scope, bytes)),
        Some(Err(msg)) => throw_error(scope, msg),
        None => throw_error(scope, "Deriving bits failed"),
    }
}

/// Runs a derivation on the pool and calls back `(err, bytes)`.
fn derive_later<T: Send + 'static>(
    scope: &mut v8::PinScope,
    args: &v8::FunctionCallbackArguments,
    input: Option<T>,
    derive: fn(T) -> Result<Vec<u8>, &'static str>,
) {
    let Some(callback) = callback_arg(scope, args) else {
        return;
    };
    match input {
        Some(input) => submit_work(scope, callback, move || derive(input), settle_bytes),
        None => throw_error(scope, "Deriving bits failed"),
    }
}

fn u32_arg(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<u32> {
    value.is_number().then(|| value.uint32_value(scope)).flatten()
}

pub struct Pbkdf2Args {
    password: Vec<u8>,
    salt: Vec<u8>,
    iterations: NonZeroU32,
    key_len: usize,
    algorithm: Algorithm,
}

/// PBKDF2-HMAC (RFC 8018); `ring` where it has the digest.
pub fn pbkdf2(args: Pbkdf2Args) -> Result<Vec<u8>, &'static str> {
    let mut out = vec![0u8; args.key_len];
    let ring_alg = match args.algorithm {
        Algorithm::Sha1 => Some(ring::pbkdf2::PBKDF2_HMAC_SHA1),
        Algorithm::Sha256 => Some(ring::pbkdf2::PBKDF2_HMAC_SHA256),
        Algorithm::Sha384 => Some(ring::pbkdf2::PBKDF2_HMAC_SHA384),
        Algorithm::Sha512 => Some(ring::pbkdf2::PBKDF2_HMAC_SHA512),
        _ => None,
    };
    match ring_alg {
        Some(alg) => ring::pbkdf2::derive(alg, args.iterations, &args.salt, &args.password, &mut out),
        None if args.algorithm.is_xof() => return Err("Deriving bits failed"),
        None => pbkdf2_generic(&args, &mut out),
    }
    Ok(out)
}

fn pbkdf2_generic(args: &Pbkdf2Args, out: &mut [u8]) {
    let prf = HmacState::new(args.algorithm, &args.password);
    let hash_len = args.algorithm.output_len();
    for (i, block) in out.chunks_mut(hash_len).enumerate() {
        let mut salt = args.salt.clone();
        salt.extend_from_slice(&(i as u32 + 1).to_be_bytes());
        let mut u = prf.mac(&salt, hash_len);
        let mut t = u.clone();
        for _ in 1..args.iterations.get() {
            u = prf.mac(&u, hash_len);
            t.iter_mut().zip(&u).for_each(|(t, u)| *t ^= u);
        }
        block.copy_from_slice(&t[..block.len()]);
    }
}

/// pbkdf2(password, salt, iterations, keylen, digest)
fn parse_pbkdf2(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<Pbkdf2Args> {
    Some(Pbkdf2Args {
        algorithm: algorithm_arg(scope, args.get(4))?,
        iterations: u32_arg(scope, args.get(2)).and_then(NonZeroU32::new)?,
        key_len: u32_arg(scope, args.get(3))? as usize,
        password: arg_bytes(scope, args.get(0)),
        salt: arg_bytes(scope, args.get(1)),
    })
}

fn op_crypto_pbkdf2_sync(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let input = parse_pbkdf2(scope, &args);
    derive_now(scope, &mut rv, input, pbkdf2);
}

fn op_crypto_pbkdf2(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let input = parse_pbkdf2(scope, &args);
    derive_later(scope, &args, input, pbkdf2);
}

pub struct HkdfArgs {
    algorithm: Algorithm,
    key: Vec<u8>,
    salt: Vec<u8>,
    info: Vec<u8>,
    len: usize,
}

/// HKDF (RFC 5869): extract, then expand to `len` bytes.
pub fn hkdf(args: HkdfArgs) -> Result<Vec<u8>, &'static str> {
    let alg = args.algorithm;
    let hash_len = alg.output_len();
    if alg.is_xof() || args.len > 255 * hash_len {
        return Err("Deriving bits failed");
    }
    let salt = if args.salt.is_empty() { vec![0u8; hash_len] } else { args.salt };
    let prk = HmacState::new(alg, &salt).mac(&args.key, hash_len);
    let expander = HmacState::new(alg, &prk);
    let mut out = Vec::with_capacity(args.len);
    let mut previous: Vec<u8> = Vec::new();
    let mut counter = 1u8;
    while out.len() < args.len {
        let mut input = std::mem::take(&mut previous);
        input.extend_from_slice(&args.info);
        input.push(counter);
        previous = expander.mac(&input, hash_len);
        let take = (args.len - out.len()).min(hash_len);
        out.extend_from_slice(&previous[..take]);
        counter = counter.wrapping_add(1);
    }
    Ok(out)
}

/// hkdf(digest, key, salt, info, length)
fn parse_hkdf(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<HkdfArgs> {
    Some(HkdfArgs {
        algorithm: algorithm_arg(scope, args.get(0))?,
        len: u32_arg(scope, args.get(4))? as usize,
        key: arg_bytes(scope, args.get(1)),
        salt: arg_bytes(scope, args.get(2)),
        info: arg_bytes(scope, args.get(3)),
    })
}

fn op_crypto_hkdf_sync(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let input = parse_hkdf(scope, &args);
    derive_now(scope, &mut rv, input, hkdf);
}

fn op_crypto_hkdf(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let input = parse_hkdf(scope, &args);
    derive_later(scope, &args, input, hkdf);
}

pub struct ScryptArgs {
    password: Vec<u8>,
    salt: Vec<u8>,
    params: scrypt::Params,
    key_len: usize,
}

/// scrypt (RFC 7914) with parameters JavaScript checked against OpenSSL's limits.
pub fn scrypt(args: ScryptArgs) -> Result<Vec<u8>, &'static str> {
    let mut out = vec![0u8; args.key_len];
    if !out.is_empty() {
        scrypt::scrypt(&args.password, &args.salt, &args.params, &mut out).map_err(|_| "Invalid scrypt params")?;
    }
    Ok(out)
}

/// scrypt(password, salt, N, r, p, keylen): N a power of two.
fn parse_scrypt(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<ScryptArgs> {
    let n = args.get(2).integer_value(scope).filter(|n| *n >= 2 && (n & (n - 1)) == 0)?;
    let r = u32_arg(scope, args.get(3))?;
    let p = u32_arg(scope, args.get(4))?;
    let params = scrypt::Params::new(n.trailing_zeros() as u8, r, p, 32).ok()?;
    Some(ScryptArgs {
        params,
        key_len: u32_arg(scope, args.get(5))? as usize,
        password: arg_bytes(scope, args.get(0)),
        salt: arg_bytes(scope, args.get(1)),
    })
}

fn op_crypto_scrypt_sync(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let input = parse_scrypt(scope, &args);
    derive_now(scope, &mut rv, input, scrypt);
}

fn op_crypto_scrypt(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let input = parse_scrypt(scope, &args);
    derive_later(scope, &args, input, scrypt);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn hash_hex(name: &str, data: &[u8]) -> String {
        let alg = Algorithm::from_name(name).expect("known digest");
        hex(&alg.digest(data, alg.output_len()))
    }

    #[test]
    fn names_are_case_insensitive() {
        assert_eq!(Algorithm::from_name("RSA-SHA256"), Some(Algorithm::Sha256));
        assert_eq!(Algorithm::from_name("SHA-512/224"), Some(Algorithm::Sha512_224));
        assert_eq!(Algorithm::from_name("sha512/224"), None);
    }

    #[test]
    fn known_digests() {
        assert_eq!(hash_hex("sha256", b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(hash_hex("md5", b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(
            hash_hex("md5-sha1", b""),
            "d41d8cd98f00b204e9800998ecf8427eda39a3ee5e6b4b0d3255bfef95601890afd80709"
        );
        assert_eq!(hash_hex("shake128", b""), "7f9c2ba4e88f827d616045507605853e");
    }

    #[test]
    fn hmac_matches_rfc_4231() {
        let mac = HmacState::new(Algorithm::Sha256, &[0x0b; 20]).mac(b"Hi There", 32);
        assert_eq!(hex(&mac), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    #[test]
    fn generic_pbkdf2_matches_ring() {
        let args = |algorithm| Pbkdf2Args {
            password: b"pw".to_vec(),
            salt: b"salt".to_vec(),
            iterations: NonZeroU32::new(3).expect("nonzero"),
            key_len: 70,
            algorithm,
        };
        let mut generic = vec![0u8; 70];
        pbkdf2_generic(&args(Algorithm::Sha256), &mut generic);
        assert_eq!(pbkdf2(args(Algorithm::Sha256)), Ok(generic));
    }

    #[test]
    fn hkdf_matches_rfc_5869() {
        let args = HkdfArgs {
            algorithm: Algorithm::Sha256,
            key: vec![0x0b; 22],
            salt: (0u8..=12).collect(),
            info: (0xf0u8..=0xf9).collect(),
            len: 42,
        };
        let okm = hkdf(args).expect("derives");
        assert_eq!(hex(&okm), "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    #[test]
    fn timing_safe_equal() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
