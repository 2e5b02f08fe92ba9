//! Signatures over keys from `crypto_keys`: RSA PKCS#1 v1.5 and PSS, ECDSA
//! (DER or IEEE P1363), Ed25519; and RSA encryption (OAEP, PKCS#1 v1.5).
//!
//! RSA and ECDSA sign a digest that JavaScript made with `createSign`'s hash
//! (or a one-shot hash), so every digest node offers works; Ed25519 signs the
//! message itself.

use rsa::traits::PublicKeyParts as _;
use rsa::{Oaep, Pkcs1v15Encrypt, Pkcs1v15Sign, Pss, RsaPrivateKey, RsaPublicKey};

use super::crypto_keys::{PrivateKey, PublicKey};
use super::{bytes_to_uint8array, v8_str, view_bytes, Op};

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "signDigest" => op_crypto_sign_digest,
        "verifyDigest" => op_crypto_verify_digest,
        "rsaCipher" => op_crypto_rsa_cipher,
    }
}

const RSA_PKCS1_PADDING: i32 = 1;
const RSA_NO_PADDING: i32 = 3;
const RSA_PKCS1_OAEP_PADDING: i32 = 4;
const RSA_PKCS1_PSS_PADDING: i32 = 6;
const RSA_PSS_SALTLEN_DIGEST: i32 = -1;
const RSA_PSS_SALTLEN_MAX_SIGN: i32 = -2;

/// The DigestInfo DER prefix of PKCS#1 v1.5 signatures, by digest name.
fn digest_info_prefix(name: &str) -> Option<&'static [u8]> {
    Some(match name {
        "md5" => &[
            0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05, 0x00, 0x04, 0x10,
        ],
        "sha1" => &[0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14],
        "sha224" => &[
            0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04, 0x05, 0x00, 0x04,
            0x1c,
        ],
        "sha256" => &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04,
            0x20,
        ],
        "sha384" => &[
            0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04,
            0x30,
        ],
        "sha512" => &[
            0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04,
            0x40,
        ],
        "sha512-224" => &[
            0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x05, 0x05, 0x00, 0x04,
            0x1c,
        ],
        "sha512-256" => &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x06, 0x05, 0x00, 0x04,
            0x20,
        ],
        "sha3-224" => &[
            0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x07, 0x05, 0x00, 0x04,
            0x1c,
        ],
        "sha3-256" => &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x08, 0x05, 0x00, 0x04,
            0x20,
        ],
        "sha3-384" => &[
            0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x09, 0x05, 0x00, 0x04,
            0x30,
        ],
        "sha3-512" => &[
            0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x0a, 0x05, 0x00, 0x04,
            0x40,
        ],
        _ => return None,
    })
}

fn pkcs1v15(digest: &str, len: usize) -> Option<Pkcs1v15Sign> {
    let prefix = digest_info_prefix(digest)?;
    Some(Pkcs1v15Sign { hash_len: Some(len), prefix: prefix.into() })
}

/// A digest state for PSS's MGF1 and hashing, by name.
fn dyn_digest(name: &str) -> Option<Box<dyn sha2::digest::DynDigest + Send + Sync>> {
    Some(match name {
        "sha1" => Box::new(sha1::Sha1::default()),
        "sha224" => Box::new(sha2::Sha224::default()),
        "sha256" => Box::new(sha2::Sha256::default()),
        "sha384" => Box::new(sha2::Sha384::default()),
        "sha512" => Box::new(sha2::Sha512::default()),
        "sha512-224" => Box::new(sha2::Sha512_224::default()),
        "sha512-256" => Box::new(sha2::Sha512_256::default()),
        "sha3-256" => Box::new(sha3::Sha3_256::default()),
        "sha3-384" => Box::new(sha3::Sha3_384::default()),
        "sha3-512" => Box::new(sha3::Sha3_512::default()),
        _ => return None,
    })
}

/// The largest PSS salt for this key and digest.
fn max_salt(key: &RsaPublicKey, hash_len: usize) -> usize {
    let em_len = (key.n().bits() - 1).div_ceil(8);
    em_len.saturating_sub(hash_len + 2)
}

pub struct SignArgs {
    pub digest: String,
    pub padding: i32,
    pub salt_len: i32,
    pub p1363: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SignError {
    /// The digest is not one this key type can sign with.
    Digest,
    /// The key is too small for the digest and padding.
    KeyTooSmall,
    Failed,
}

macro_rules! ecdsa_sign {
    ($curve:ident, $secret:expr, $digest:expr, $p1363:expr) => {{
        use $curve::ecdsa::signature::hazmat::PrehashSigner as _;
        let key = $curve::ecdsa::SigningKey::from($secret);
        let sig: $curve::ecdsa::Signature = key.sign_prehash($digest).map_err(|_| SignError::Failed)?;
        Ok(if $p1363 { sig.to_bytes().to_vec() } else { sig.to_der().as_bytes().to_vec() })
    }};
}

pub fn sign(key: &PrivateKey, digest: &[u8], args: &SignArgs) -> Result<Vec<u8>, SignError> {
    match key {
        PrivateKey::Rsa { key, pss } => rsa_sign(key, *pss, digest, args),
        PrivateKey::P256(k) => ecdsa_sign!(p256, k, digest, args.p1363),
        PrivateKey::P384(k) => ecdsa_sign!(p384, k, digest, args.p1363),
        PrivateKey::K256(k) => ecdsa_sign!(k256, k, digest, args.p1363),
        PrivateKey::Ed25519(secret) => {
            use ed25519_dalek::Signer as _;
            Ok(ed25519_dalek::SigningKey::from_bytes(secret).sign(digest).to_bytes().to_vec())
        }
        PrivateKey::X25519(_) => Err(SignError::Failed),
    }
}

fn rsa_sign(key: &RsaPrivateKey, pss_key: bool, digest: &[u8], args: &SignArgs) -> Result<Vec<u8>, SignError> {
    let mut rng = rand_core::OsRng;
    if args.padding == RSA_PKCS1_PSS_PADDING || pss_key {
        let public = key.to_public_key();
        let salt = match args.salt_len {
            RSA_PSS_SALTLEN_DIGEST => digest.len(),
            n if n <= RSA_PSS_SALTLEN_MAX_SIGN => max_salt(&public, digest.len()),
            n => n as usize,
        };
        if salt > max_salt(&public, digest.len()) {
            return Err(SignError::KeyTooSmall);
        }
        let scheme = Pss { blinded: true, digest: dyn_digest(&args.digest).ok_or(SignError::Digest)?, salt_len: salt };
        return key.sign_with_rng(&mut rng, scheme, digest).map_err(|_| SignError::KeyTooSmall);
    }
    let scheme = pkcs1v15(&args.digest, digest.len()).ok_or(SignError::Digest)?;
    key.sign_with_rng(&mut rng, scheme, digest).map_err(|_| SignError::KeyTooSmall)
}

macro_rules! ecdsa_verify {
    ($curve:ident, $public:expr, $digest:expr, $sig:expr, $p1363:expr) => {{
        use $curve::ecdsa::signature::hazmat::PrehashVerifier as _;
        let key = $curve::ecdsa::VerifyingKey::from($public);
        let parsed =
            if $p1363 { $curve::ecdsa::Signature::from_slice($sig) } else { $curve::ecdsa::Signature::from_der($sig) };
        match parsed {
            Ok(sig) => {
                let sig = sig.normalize_s().unwrap_or(sig);
                key.verify_prehash($digest, &sig).is_ok()
            }
            Err(_) => false,
        }
    }};
}

pub fn verify(key: &PublicKey, digest: &[u8], sig: &[u8], args: &SignArgs) -> bool {
    match key {
        PublicKey::Rsa { key, pss } => rsa_verify(key, *pss, digest, sig, args),
        PublicKey::P256(k) => ecdsa_verify!(p256, k, digest, sig, args.p1363),
        PublicKey::P384(k) => ecdsa_verify!(p384, k, digest, sig, args.p1363),
        PublicKey::K256(k) => ecdsa_verify!(k256, k, digest, sig, args.p1363),
        PublicKey::Ed25519(public) => {
            let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(public) else {
                return false;
            };
            let Ok(sig) = ed25519_dalek::Signature::from_slice(sig) else {
                return false;
            };
            key.verify_strict(digest, &sig).is_ok()
        }
        PublicKey::X25519(_) => false,
    }
}

fn rsa_verify(key: &RsaPublicKey, pss_key: bool, digest: &[u8], sig: &[u8], args: &SignArgs) -> bool {
    if args.padding == RSA_PKCS1_PSS_PADDING || pss_key {
        let max = max_salt(key, digest.len());
        let pss_with = |salt: usize| match dyn_digest(&args.digest) {
            Some(d) => key.verify(Pss { blinded: false, digest: d, salt_len: salt }, digest, sig).is_ok(),
            None => false,
        };
        return match args.salt_len {
            RSA_PSS_SALTLEN_DIGEST => pss_with(digest.len()),
            // Auto: any salt length, the likely ones first.
            n if n <= RSA_PSS_SALTLEN_MAX_SIGN => {
                pss_with(digest.len()) || pss_with(max) || (0..max).filter(|&s| s != digest.len()).any(pss_with)
            }
            n => pss_with(n as usize),
        };
    }
    match pkcs1v15(&args.digest, digest.len()) {
        Some(scheme) => key.verify(scheme, digest, sig).is_ok(),
        None => false,
    }
}

// ---- RSA encryption ----

pub struct RsaCipherArgs {
    encrypt: bool,
    padding: i32,
    oaep_hash: String,
    label: Option<Vec<u8>>,
}

fn oaep(args: &RsaCipherArgs) -> Option<Oaep> {
    let digest = dyn_digest(&args.oaep_hash)?;
    let mgf = dyn_digest(&args.oaep_hash)?;
    let label = args.label.as_ref().map(|l| String::from_utf8_lossy(l).into_owned());
    Some(Oaep { digest, mgf_digest: mgf, label })
}

/// publicEncrypt/privateDecrypt (and the reverse pair, raw): the bytes or None.
fn rsa_cipher(
    private: Option<&RsaPrivateKey>,
    public: &RsaPublicKey,
    data: &[u8],
    args: &RsaCipherArgs,
) -> Option<Vec<u8>> {
    let mut rng = rand_core::OsRng;
    match (args.encrypt, private, args.padding) {
        (true, _, RSA_PKCS1_OAEP_PADDING) => public.encrypt(&mut rng, oaep(args)?, data).ok(),
        (true, _, RSA_PKCS1_PADDING) => public.encrypt(&mut rng, Pkcs1v15Encrypt, data).ok(),
        (false, Some(key), RSA_PKCS1_OAEP_PADDING) => key.decrypt(oaep(args)?, data).ok(),
        (false, Some(key), RSA_PKCS1_PADDING) => key.decrypt(Pkcs1v15Encrypt, data).ok(),
        (_, _, RSA_NO_PADDING) => raw_rsa(private, public, data, args.encrypt),
        _ => None,
    }
}

/// Textbook RSA for RSA_NO_PADDING: the input must be exactly the modulus size.
fn raw_rsa(private: Option<&RsaPrivateKey>, public: &RsaPublicKey, data: &[u8], encrypt: bool) -> Option<Vec<u8>> {
    use rsa::traits::PrivateKeyParts as _;
    let size = public.size();
    if data.len() != size {
        return None;
    }
    let m = rsa::BigUint::from_bytes_be(data);
    if &m >= public.n() {
        return None;
    }
    let out = match (encrypt, private) {
        (true, _) => m.modpow(public.e(), public.n()),
        (false, Some(key)) => m.modpow(key.d(), public.n()),
        _ => return None,
    };
    let bytes = out.to_bytes_be();
    let mut padded = vec![0u8; size - bytes.len()];
    padded.extend(bytes);
    Some(padded)
}

// ---- ops ----

/// The digest's one name here, from any name OpenSSL accepts for it.
fn canonical_digest(name: &str) -> &'static str {
    use super::crypto::Algorithm as A;
    match A::from_name(name) {
        Some(A::Md5) => "md5",
        Some(A::Sha1) => "sha1",
        Some(A::Sha224) => "sha224",
        Some(A::Sha256) => "sha256",
        Some(A::Sha384) => "sha384",
        Some(A::Sha512) => "sha512",
        Some(A::Sha512_224) => "sha512-224",
        Some(A::Sha512_256) => "sha512-256",
        Some(A::Sha3_224) => "sha3-224",
        Some(A::Sha3_256) => "sha3-256",
        Some(A::Sha3_384) => "sha3-384",
        Some(A::Sha3_512) => "sha3-512",
        _ => "",
    }
}

fn sign_args(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments, first: i32) -> SignArgs {
    let digest = canonical_digest(&args.get(first).to_rust_string_lossy(scope)).to_string();
    let padding = args.get(first + 1).int32_value(scope).unwrap_or(0);
    let salt_len = args.get(first + 2).int32_value(scope).unwrap_or(RSA_PSS_SALTLEN_MAX_SIGN);
    let p1363 = args.get(first + 3).is_true();
    SignArgs { digest, padding, salt_len, p1363 }
}

/// signDigest(pkcs8, digest (message for Ed25519), digestName, padding, saltLength, p1363)
/// -> Uint8Array | 'digest' | 'key-too-small' | 'failed'
fn op_crypto_sign_digest(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let der = view_bytes(args.get(0)).unwrap_or_default();
    let digest = view_bytes(args.get(1)).unwrap_or_default();
    let sign_args = sign_args(scope, &args, 2);
    let result =
        PrivateKey::from_pkcs8(&der).map_err(|_| SignError::Failed).and_then(|k| sign(&k, &digest, &sign_args));
    match result {
        Ok(sig) => rv.set(bytes_to_uint8array(scope, sig)),
        Err(SignError::Digest) => rv.set(v8_str(scope, "digest").into()),
        Err(SignError::KeyTooSmall) => rv.set(v8_str(scope, "key-too-small").into()),
        Err(SignError::Failed) => rv.set(v8_str(scope, "failed").into()),
    }
}

fn public_of(der: &[u8], is_private: bool) -> Option<PublicKey> {
    if is_private {
        PrivateKey::from_pkcs8(der).ok().map(|k| k.public())
    } else {
        PublicKey::from_spki(der).ok()
    }
}

/// verifyDigest(der, isPrivate, digest, signature, digestName, padding, saltLength, p1363) -> bool
fn op_crypto_verify_digest(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let der = view_bytes(args.get(0)).unwrap_or_default();
    let is_private = args.get(1).is_true();
    let digest = view_bytes(args.get(2)).unwrap_or_default();
    let sig = view_bytes(args.get(3)).unwrap_or_default();
    let sign_args = sign_args(scope, &args, 4);
    let ok = public_of(&der, is_private).is_some_and(|key| verify(&key, &digest, &sig, &sign_args));
    rv.set_bool(ok);
}

/// rsaCipher(der, isPrivate, data, encrypt, padding, oaepHash, label) -> Uint8Array | undefined
fn op_crypto_rsa_cipher(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let der = view_bytes(args.get(0)).unwrap_or_default();
    let is_private = args.get(1).is_true();
    let data = view_bytes(args.get(2)).unwrap_or_default();
    let cipher_args = RsaCipherArgs {
        encrypt: args.get(3).is_true(),
        padding: args.get(4).int32_value(scope).unwrap_or(RSA_PKCS1_OAEP_PADDING),
        oaep_hash: args.get(5).to_rust_string_lossy(scope).to_ascii_lowercase(),
        label: view_bytes(args.get(6)),
    };
    let private = if is_private { PrivateKey::from_pkcs8(&der).ok() } else { None };
    let out = match (&private, public_of(&der, is_private)) {
        (Some(PrivateKey::Rsa { key, .. }), Some(PublicKey::Rsa { key: public, .. })) => {
            rsa_cipher(Some(key), &public, &data, &cipher_args)
        }
        (None, Some(PublicKey::Rsa { key: public, .. })) => rsa_cipher(None, &public, &data, &cipher_args),
        _ => None,
    };
    if let Some(out) = out {
        rv.set(bytes_to_uint8array(scope, out));
    }
}
