//! Asymmetric keys for `KeyObject`: import from PEM/DER (PKCS#8, encrypted
//! PKCS#8, PKCS#1, SEC1, SPKI) and JWK components, export to the same, the
//! details `asymmetricKeyDetails` shows, and key generation.
//!
//! A key lives in JavaScript as its canonical DER: PKCS#8 for a private key,
//! SPKI for a public one. Every op parses that DER again (microseconds next to
//! any RSA or EC operation), so no key state is kept here.

use der::asn1::{ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Tagged as _};
use pkcs8::{EncodePrivateKey as _, EncodePublicKey as _, PrivateKeyInfo};
use rsa::pkcs1::{
    DecodeRsaPrivateKey as _, DecodeRsaPublicKey as _, EncodeRsaPrivateKey as _, EncodeRsaPublicKey as _,
};
use rsa::traits::{PrivateKeyParts as _, PublicKeyParts as _};
use rsa::{BigUint, RsaPrivateKey, RsaPublicKey};

use super::{bytes_to_uint8array, v8_str, view_bytes, Op};
use crate::bindings::fs::callback_arg;
use crate::runtime::submit_work;

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "keyImport" => op_crypto_key_import,
        "keyFromJwk" => op_crypto_key_from_jwk,
        "keyExport" => op_crypto_key_export,
        "keyJwk" => op_crypto_key_jwk,
        "keyDetails" => op_crypto_key_details,
        "keyGenerateSync" => op_crypto_key_generate_sync,
        "keyGenerate" => op_crypto_key_generate,
    }
}

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const OID_X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_K256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");

/// Why a key could not be read or written; JavaScript gives node's error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyError {
    Unsupported,
    NotEnoughData,
    BadDecrypt,
    Interrupted,
    Failed,
}

impl KeyError {
    fn code(self) -> &'static str {
        match self {
            KeyError::Unsupported => "unsupported",
            KeyError::NotEnoughData => "asn1",
            KeyError::BadDecrypt => "bad-decrypt",
            KeyError::Interrupted => "no-passphrase",
            KeyError::Failed => "failed",
        }
    }
}

type KeyResult<T> = Result<T, KeyError>;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Curve {
    P256,
    P384,
    K256,
}

impl Curve {
    fn from_oid(oid: ObjectIdentifier) -> Option<Curve> {
        match oid {
            OID_P256 => Some(Curve::P256),
            OID_P384 => Some(Curve::P384),
            OID_K256 => Some(Curve::K256),
            _ => None,
        }
    }

    pub fn from_name(name: &str) -> Option<Curve> {
        match name {
            "prime256v1" | "P-256" | "secp256r1" => Some(Curve::P256),
            "secp384r1" | "P-384" => Some(Curve::P384),
            "secp256k1" => Some(Curve::K256),
            _ => None,
        }
    }

    /// OpenSSL's name, as `asymmetricKeyDetails.namedCurve`.
    fn openssl_name(self) -> &'static str {
        match self {
            Curve::P256 => "prime256v1",
            Curve::P384 => "secp384r1",
            Curve::K256 => "secp256k1",
        }
    }

    fn jwk_name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::K256 => "secp256k1",
        }
    }
}

/// A private key, parsed.
pub enum PrivateKey {
    Rsa { key: Box<RsaPrivateKey>, pss: bool },
    P256(p256::SecretKey),
    P384(p384::SecretKey),
    K256(k256::SecretKey),
    Ed25519([u8; 32]),
    X25519([u8; 32]),
}

/// A public key, parsed.
pub enum PublicKey {
    Rsa { key: RsaPublicKey, pss: bool },
    P256(p256::PublicKey),
    P384(p384::PublicKey),
    K256(k256::PublicKey),
    Ed25519([u8; 32]),
    X25519([u8; 32]),
}

fn der_err(_: der::Error) -> KeyError {
    KeyError::Unsupported
}

// ---- fixed DER for the 25519 keys (as OpenSSL writes them) ----

fn okp_oid(x25519: bool) -> u8 {
    if x25519 {
        0x6e
    } else {
        0x70
    }
}

fn okp_pkcs8(secret: &[u8; 32], x25519: bool) -> Vec<u8> {
    let mut out =
        vec![0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, okp_oid(x25519), 0x04, 0x22, 0x04, 0x20];
    out.extend_from_slice(secret);
    out
}

fn okp_spki(public: &[u8; 32], x25519: bool) -> Vec<u8> {
    let mut out = vec![0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, okp_oid(x25519), 0x03, 0x21, 0x00];
    out.extend_from_slice(public);
    out
}

fn okp_secret(info: &PrivateKeyInfo) -> KeyResult<[u8; 32]> {
    let inner = OctetStringRef::from_der(info.private_key).map_err(der_err)?;
    inner.as_bytes().try_into().map_err(|_| KeyError::Unsupported)
}

// ---- parsing ----

impl PrivateKey {
    pub fn from_pkcs8(der: &[u8]) -> KeyResult<PrivateKey> {
        let info = PrivateKeyInfo::from_der(der).map_err(|e| match e.kind() {
            der::ErrorKind::Incomplete { .. } => KeyError::NotEnoughData,
            _ => KeyError::Unsupported,
        })?;
        let oid = info.algorithm.oid;
        match oid {
            OID_RSA | OID_RSA_PSS => {
                let key = RsaPrivateKey::from_pkcs1_der(info.private_key).map_err(|_| KeyError::Unsupported)?;
                Ok(PrivateKey::Rsa { key: Box::new(key), pss: oid == OID_RSA_PSS })
            }
            OID_EC => {
                let curve = info
                    .algorithm
                    .parameters_oid()
                    .ok()
                    .and_then(Curve::from_oid)
                    .or_else(|| sec1_curve(info.private_key))
                    .ok_or(KeyError::Unsupported)?;
                Self::from_sec1_on(curve, info.private_key)
            }
            OID_ED25519 => Ok(PrivateKey::Ed25519(okp_secret(&info)?)),
            OID_X25519 => Ok(PrivateKey::X25519(okp_secret(&info)?)),
            _ => Err(KeyError::Unsupported),
        }
    }

    fn from_sec1_on(curve: Curve, der: &[u8]) -> KeyResult<PrivateKey> {
        let bad = |_| KeyError::Unsupported;
        Ok(match curve {
            Curve::P256 => PrivateKey::P256(p256::SecretKey::from_sec1_der(der).map_err(bad)?),
            Curve::P384 => PrivateKey::P384(p384::SecretKey::from_sec1_der(der).map_err(bad)?),
            Curve::K256 => PrivateKey::K256(k256::SecretKey::from_sec1_der(der).map_err(bad)?),
        })
    }

    pub fn from_sec1(der: &[u8]) -> KeyResult<PrivateKey> {
        // Without parameters, the scalar's size tells P-384 from P-256.
        let curve = sec1_curve(der).or_else(|| {
            let key = sec1::EcPrivateKey::from_der(der).ok()?;
            Some(if key.private_key.len() == 48 { Curve::P384 } else { Curve::P256 })
        });
        let curve = curve.ok_or(KeyError::Unsupported)?;
        Self::from_sec1_on(curve, der)
    }

    pub fn to_pkcs8(&self) -> KeyResult<Vec<u8>> {
        let doc = match self {
            PrivateKey::Rsa { key, .. } => key.to_pkcs8_der(),
            PrivateKey::P256(k) => k.to_pkcs8_der(),
            PrivateKey::P384(k) => k.to_pkcs8_der(),
            PrivateKey::K256(k) => k.to_pkcs8_der(),
            PrivateKey::Ed25519(k) => return Ok(okp_pkcs8(k, false)),
            PrivateKey::X25519(k) => return Ok(okp_pkcs8(k, true)),
        };
        doc.map(|d| d.as_bytes().to_vec()).map_err(|_| KeyError::Failed)
    }

    pub fn public(&self) -> PublicKey {
        match self {
            PrivateKey::Rsa { key, pss } => PublicKey::Rsa { key: key.to_public_key(), pss: *pss },
            PrivateKey::P256(k) => PublicKey::P256(k.public_key()),
            PrivateKey::P384(k) => PublicKey::P384(k.public_key()),
            PrivateKey::K256(k) => PublicKey::K256(k.public_key()),
            PrivateKey::Ed25519(k) => {
                PublicKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(k).verifying_key().to_bytes())
            }
            PrivateKey::X25519(k) => {
                let secret = x25519_dalek::StaticSecret::from(*k);
                PublicKey::X25519(x25519_dalek::PublicKey::from(&secret).to_bytes())
            }
        }
    }
}

/// The named curve inside a SEC1 ECPrivateKey's parameters.
fn sec1_curve(der: &[u8]) -> Option<Curve> {
    let key = sec1::EcPrivateKey::from_der(der).ok()?;
    let oid = key.parameters?.named_curve()?;
    Curve::from_oid(oid)
}

impl PublicKey {
    pub fn from_spki(der: &[u8]) -> KeyResult<PublicKey> {
        let info = spki::SubjectPublicKeyInfoRef::from_der(der).map_err(der_err)?;
        let bits = info.subject_public_key.as_bytes().ok_or(KeyError::Unsupported)?;
        let bad = |_| KeyError::Unsupported;
        let oid = info.algorithm.oid;
        Ok(match oid {
            OID_RSA | OID_RSA_PSS => {
                PublicKey::Rsa { key: RsaPublicKey::from_pkcs1_der(bits).map_err(bad)?, pss: oid == OID_RSA_PSS }
            }
            OID_EC => {
                let curve =
                    info.algorithm.parameters_oid().ok().and_then(Curve::from_oid).ok_or(KeyError::Unsupported)?;
                Self::from_point(curve, bits)?
            }
            OID_ED25519 => PublicKey::Ed25519(bits.try_into().map_err(|_| KeyError::Unsupported)?),
            OID_X25519 => PublicKey::X25519(bits.try_into().map_err(|_| KeyError::Unsupported)?),
            _ => return Err(KeyError::Unsupported),
        })
    }

    pub fn from_point(curve: Curve, point: &[u8]) -> KeyResult<PublicKey> {
        let bad = |_| KeyError::Unsupported;
        Ok(match curve {
            Curve::P256 => PublicKey::P256(p256::PublicKey::from_sec1_bytes(point).map_err(bad)?),
            Curve::P384 => PublicKey::P384(p384::PublicKey::from_sec1_bytes(point).map_err(bad)?),
            Curve::K256 => PublicKey::K256(k256::PublicKey::from_sec1_bytes(point).map_err(bad)?),
        })
    }

    pub fn to_spki(&self) -> KeyResult<Vec<u8>> {
        let doc = match self {
            PublicKey::Rsa { key, .. } => key.to_public_key_der(),
            PublicKey::P256(k) => k.to_public_key_der(),
            PublicKey::P384(k) => k.to_public_key_der(),
            PublicKey::K256(k) => k.to_public_key_der(),
            PublicKey::Ed25519(k) => return Ok(okp_spki(k, false)),
            PublicKey::X25519(k) => return Ok(okp_spki(k, true)),
        };
        doc.map(|d| d.as_bytes().to_vec()).map_err(|_| KeyError::Failed)
    }

    fn type_name(&self) -> &'static str {
        match self {
            PublicKey::Rsa { pss: true, .. } => "rsa-pss",
            PublicKey::Rsa { .. } => "rsa",
            PublicKey::P256(_) | PublicKey::P384(_) | PublicKey::K256(_) => "ec",
            PublicKey::Ed25519(_) => "ed25519",
            PublicKey::X25519(_) => "x25519",
        }
    }
}

// ---- PEM ----

/// The PEM blocks of a text, as (label, DER).
fn pem_blocks(text: &str) -> Vec<(String, Vec<u8>)> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + 11..];
        let Some(label_end) = after.find("-----") else {
            break;
        };
        let label = &after[..label_end];
        let end_marker = format!("-----END {label}-----");
        let Some(end) = rest[start..].find(&end_marker) else {
            break;
        };
        let block = &rest[start..start + end + end_marker.len()];
        if let Ok((label, der)) = der::pem::decode_vec(block.as_bytes()) {
            blocks.push((label.to_string(), der));
        } else if let Some(der) = legacy_pem_body(block) {
            blocks.push((label.to_string(), der));
        }
        rest = &rest[start + end + end_marker.len()..];
    }
    blocks
}

/// A PEM body with headers (as "Proc-Type: 4,ENCRYPTED") is not RFC 7468;
/// such keys are encrypted, which we report as needing a passphrase.
fn legacy_pem_body(_block: &str) -> Option<Vec<u8>> {
    None
}

fn is_encrypted_legacy_pem(text: &str) -> bool {
    text.contains("Proc-Type: 4,ENCRYPTED")
}

/// The key in `data` as a private key (`want_private`) or a public one
/// (private keys give their public half then).
pub struct Imported {
    pub private: Option<PrivateKey>,
    pub public: PublicKey,
}

fn decode_private_der(der: &[u8], kind: &str, passphrase: Option<&[u8]>) -> KeyResult<PrivateKey> {
    match kind {
        "pkcs1" => RsaPrivateKey::from_pkcs1_der(der)
            .map(|key| PrivateKey::Rsa { key: Box::new(key), pss: false })
            .map_err(|_| KeyError::Unsupported),
        "sec1" => PrivateKey::from_sec1(der),
        _ => match PrivateKey::from_pkcs8(der) {
            Ok(key) => Ok(key),
            Err(err) => match pkcs8::EncryptedPrivateKeyInfo::from_der(der) {
                Ok(encrypted) => {
                    let pass = passphrase.ok_or(KeyError::Interrupted)?;
                    let doc = encrypted.decrypt(pass).map_err(|_| KeyError::BadDecrypt)?;
                    PrivateKey::from_pkcs8(doc.as_bytes())
                }
                Err(_) => Err(err),
            },
        },
    }
}

fn import_pem(text: &str, want_private: bool, passphrase: Option<&[u8]>) -> KeyResult<Imported> {
    for (label, der) in pem_blocks(text) {
        let private = match label.as_str() {
            "PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => Some(decode_private_der(&der, "pkcs8", passphrase)?),
            "RSA PRIVATE KEY" => Some(decode_private_der(&der, "pkcs1", passphrase)?),
            "EC PRIVATE KEY" => Some(decode_private_der(&der, "sec1", passphrase)?),
            "PUBLIC KEY" if !want_private => return Ok(public_only(PublicKey::from_spki(&der)?)),
            "RSA PUBLIC KEY" if !want_private => {
                let key = RsaPublicKey::from_pkcs1_der(&der).map_err(|_| KeyError::Unsupported)?;
                return Ok(public_only(PublicKey::Rsa { key, pss: false }));
            }
            "CERTIFICATE" if !want_private => return Ok(public_only(PublicKey::from_spki(&certificate_spki(&der)?)?)),
            _ => None,
        };
        if let Some(private) = private {
            return Ok(Imported { public: private.public(), private: Some(private) });
        }
    }
    if is_encrypted_legacy_pem(text) {
        return Err(if passphrase.is_some() { KeyError::Unsupported } else { KeyError::Interrupted });
    }
    Err(KeyError::Unsupported)
}

fn public_only(public: PublicKey) -> Imported {
    Imported { private: None, public }
}

/// The SubjectPublicKeyInfo of an X.509 certificate, as DER.
fn certificate_spki(der: &[u8]) -> KeyResult<Vec<u8>> {
    use der::{Reader as _, SliceReader};
    let bad = |_| KeyError::Unsupported;
    let mut outer = SliceReader::new(der).map_err(bad)?;
    let cert = outer.decode::<der::asn1::AnyRef>().map_err(bad)?;
    let mut cert_reader = SliceReader::new(cert.value()).map_err(bad)?;
    let tbs = cert_reader.decode::<der::asn1::AnyRef>().map_err(bad)?;
    let mut tbs_reader = SliceReader::new(tbs.value()).map_err(bad)?;
    let mut field = tbs_reader.decode::<der::asn1::AnyRef>().map_err(bad)?;
    if field.tag().is_context_specific() {
        field = tbs_reader.decode::<der::asn1::AnyRef>().map_err(bad)?; // serial after [0] version
    }
    let _ = field;
    for _ in 0..4 {
        tbs_reader.decode::<der::asn1::AnyRef>().map_err(bad)?; // signature, issuer, validity, subject
    }
    let spki = tbs_reader.decode::<der::asn1::AnyRef>().map_err(bad)?;
    spki.to_der().map_err(bad)
}

/// Whether DER data ends before its outer length says (OpenSSL's "not enough data").
fn truncated_der(der: &[u8]) -> bool {
    use der::Reader as _;
    let Ok(mut reader) = der::SliceReader::new(der) else {
        return false;
    };
    match der::Header::decode(&mut reader) {
        Err(e) => matches!(e.kind(), der::ErrorKind::Incomplete { .. }),
        Ok(header) => header.length > reader.remaining_len(),
    }
}

fn import_der(der: &[u8], kind: &str, want_private: bool, passphrase: Option<&[u8]>) -> KeyResult<Imported> {
    let result = import_der_as(der, kind, want_private, passphrase);
    match result {
        Err(KeyError::Unsupported) if truncated_der(der) => Err(KeyError::NotEnoughData),
        other => other,
    }
}

fn import_der_as(der: &[u8], kind: &str, want_private: bool, passphrase: Option<&[u8]>) -> KeyResult<Imported> {
    match kind {
        "spki" => Ok(public_only(PublicKey::from_spki(der)?)),
        "pkcs1" if !want_private => match RsaPublicKey::from_pkcs1_der(der) {
            Ok(key) => Ok(public_only(PublicKey::Rsa { key, pss: false })),
            Err(_) => with_public(decode_private_der(der, kind, passphrase)?),
        },
        _ => with_public(decode_private_der(der, kind, passphrase)?),
    }
}

fn with_public(private: PrivateKey) -> KeyResult<Imported> {
    Ok(Imported { public: private.public(), private: Some(private) })
}

// ---- export ----

fn pem(label: &str, der: &[u8]) -> KeyResult<String> {
    der::pem::encode_string(label, der::pem::LineEnding::LF, der).map_err(|_| KeyError::Failed)
}

pub enum Exported {
    Pem(String),
    Der(Vec<u8>),
}

fn export_private(
    key: &PrivateKey,
    pkcs8_der: &[u8],
    kind: &str,
    as_pem: bool,
    cipher: Option<(&str, &[u8])>,
) -> KeyResult<Exported> {
    let (label, der) = match (kind, key) {
        ("pkcs1", PrivateKey::Rsa { key, .. }) => {
            ("RSA PRIVATE KEY", key.to_pkcs1_der().map_err(|_| KeyError::Failed)?.as_bytes().to_vec())
        }
        ("sec1", PrivateKey::P256(_) | PrivateKey::P384(_) | PrivateKey::K256(_)) => ("EC PRIVATE KEY", sec1_der(key)?),
        ("pkcs8", _) => match cipher {
            Some((name, pass)) => ("ENCRYPTED PRIVATE KEY", encrypt_pkcs8(pkcs8_der, name, pass)?),
            None => ("PRIVATE KEY", pkcs8_der.to_vec()),
        },
        _ => return Err(KeyError::Unsupported),
    };
    Ok(if as_pem { Exported::Pem(pem(label, &der)?) } else { Exported::Der(der) })
}

/// SEC1 ECPrivateKey with the named curve and public key, as OpenSSL writes it.
fn sec1_der(key: &PrivateKey) -> KeyResult<Vec<u8>> {
    let public = key.public();
    let (curve, point, scalar) = ec_parts(&public, Some(key));
    let scalar = scalar.ok_or(KeyError::Unsupported)?;
    let oid = match curve {
        Curve::P256 => OID_P256,
        Curve::P384 => OID_P384,
        Curve::K256 => OID_K256,
    };
    let encoded = sec1::EcPrivateKey {
        private_key: &scalar,
        parameters: Some(sec1::EcParameters::NamedCurve(oid)),
        public_key: Some(&point),
    };
    encoded.to_der().map_err(|_| KeyError::Failed)
}

/// PKCS#8 encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-CBC), as OpenSSL 3 does.
fn encrypt_pkcs8(der: &[u8], cipher: &str, pass: &[u8]) -> KeyResult<Vec<u8>> {
    let info = PrivateKeyInfo::from_der(der).map_err(der_err)?;
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 16];
    super::crypto::fill_random(&mut salt).map_err(|_| KeyError::Failed)?;
    super::crypto::fill_random(&mut iv).map_err(|_| KeyError::Failed)?;
    let params = match cipher.to_ascii_lowercase().as_str() {
        "aes-128-cbc" | "aes128" => pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes128cbc(2048, &salt, &iv),
        "aes-256-cbc" | "aes256" => pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(2048, &salt, &iv),
        _ => return Err(KeyError::Unsupported),
    }
    .map_err(|_| KeyError::Failed)?;
    let doc = info.encrypt_with_params(params, pass).map_err(|_| KeyError::Failed)?;
    Ok(doc.as_bytes().to_vec())
}

fn export_public(key: &PublicKey, spki_der: &[u8], kind: &str, as_pem: bool) -> KeyResult<Exported> {
    let (label, der) = match (kind, key) {
        ("pkcs1", PublicKey::Rsa { key, .. }) => {
            ("RSA PUBLIC KEY", key.to_pkcs1_der().map_err(|_| KeyError::Failed)?.as_bytes().to_vec())
        }
        ("spki", _) => ("PUBLIC KEY", spki_der.to_vec()),
        _ => return Err(KeyError::Unsupported),
    };
    Ok(if as_pem { Exported::Pem(pem(label, &der)?) } else { Exported::Der(der) })
}

// ---- generation ----

pub struct GenerateArgs {
    kind: String,
    modulus_bits: usize,
    exponent: u64,
    curve: Option<Curve>,
}

/// A new key pair as (PKCS#8, SPKI).
pub fn generate(args: GenerateArgs) -> KeyResult<(Vec<u8>, Vec<u8>)> {
    let mut rng = rand_core::OsRng;
    let private = match args.kind.as_str() {
        "rsa" | "rsa-pss" => {
            let exp = BigUint::from(args.exponent);
            let key = RsaPrivateKey::new_with_exp(&mut rng, args.modulus_bits, &exp).map_err(|_| KeyError::Failed)?;
            PrivateKey::Rsa { key: Box::new(key), pss: false }
        }
        "ec" => match args.curve.ok_or(KeyError::Unsupported)? {
            Curve::P256 => PrivateKey::P256(p256::SecretKey::random(&mut rng)),
            Curve::P384 => PrivateKey::P384(p384::SecretKey::random(&mut rng)),
            Curve::K256 => PrivateKey::K256(k256::SecretKey::random(&mut rng)),
        },
        "ed25519" | "x25519" => {
            let mut secret = [0u8; 32];
            super::crypto::fill_random(&mut secret).map_err(|_| KeyError::Failed)?;
            if args.kind == "x25519" {
                PrivateKey::X25519(secret)
            } else {
                PrivateKey::Ed25519(secret)
            }
        }
        _ => return Err(KeyError::Unsupported),
    };
    Ok((private.to_pkcs8()?, private.public().to_spki()?))
}

// ---- ops ----

fn str_arg(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<String> {
    value.is_string().then(|| value.to_rust_string_lossy(scope))
}

fn set_error(scope: &mut v8::PinScope, rv: &mut v8::ReturnValue<v8::Value>, err: KeyError) {
    rv.set(v8_str(scope, err.code()).into());
}

/// [asymmetricKeyType, der, isPrivate]
fn imported_value<'s>(scope: &mut v8::PinScope<'s, '_>, imported: Imported) -> KeyResult<v8::Local<'s, v8::Value>> {
    let kind = v8_str(scope, imported.public.type_name()).into();
    let (der, is_private) = match &imported.private {
        Some(private) => (private_der(private)?, true),
        None => (imported.public.to_spki()?, false),
    };
    let der = bytes_to_uint8array(scope, der);
    let is_private = v8::Boolean::new(scope, is_private).into();
    Ok(v8::Array::new_with_elements(scope, &[kind, der, is_private]).into())
}

/// An RSA-PSS key keeps the PKCS#8 it came in (its parameters); others are re-encoded.
fn private_der(key: &PrivateKey) -> KeyResult<Vec<u8>> {
    key.to_pkcs8()
}

/// keyImport(data, format, type, passphrase, wantPrivate) -> [type, der, isPrivate] | error code
fn op_crypto_key_import(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let format = str_arg(scope, args.get(1)).unwrap_or_default();
    let kind = str_arg(scope, args.get(2)).unwrap_or_default();
    let passphrase = view_bytes(args.get(3));
    let want_private = args.get(4).is_true();
    let result = if format == "pem" {
        let text = match view_bytes(args.get(0)) {
            Some(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            None => args.get(0).to_rust_string_lossy(scope),
        };
        import_pem(&text, want_private, passphrase.as_deref())
    } else {
        let der = view_bytes(args.get(0)).unwrap_or_default();
        import_der(&der, &kind, want_private, passphrase.as_deref())
    };
    let result = result.map(|mut imported| {
        if !want_private {
            imported.private = None;
        }
        imported
    });
    match result.and_then(|imported| imported_value(scope, imported)) {
        Ok(value) => rv.set(value),
        Err(err) => set_error(scope, &mut rv, err),
    }
}

fn object_bytes(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>, name: &str) -> Option<Vec<u8>> {
    let key = v8_str(scope, name);
    let value = obj.get(scope, key.into())?;
    view_bytes(value)
}

fn jwk_key(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>) -> KeyResult<Imported> {
    let kty_key = v8_str(scope, "kty");
    let kty = obj.get(scope, kty_key.into()).map(|v| v.to_rust_string_lossy(scope)).unwrap_or_default();
    let crv_key = v8_str(scope, "crv");
    let crv = obj.get(scope, crv_key.into()).map(|v| v.to_rust_string_lossy(scope)).unwrap_or_default();
    let mut get = |name: &str| object_bytes(scope, obj, name);
    let big = |bytes: Vec<u8>| BigUint::from_bytes_be(&bytes);
    match kty.as_str() {
        "RSA" => {
            let n = big(get("n").ok_or(KeyError::Unsupported)?);
            let e = big(get("e").ok_or(KeyError::Unsupported)?);
            match get("d") {
                Some(d) => {
                    let primes: Vec<BigUint> = [get("p"), get("q")].into_iter().flatten().map(big).collect();
                    let key = RsaPrivateKey::from_components(n, e, big(d), primes).map_err(|_| KeyError::Failed)?;
                    with_public(PrivateKey::Rsa { key: Box::new(key), pss: false })
                }
                None => {
                    let key = RsaPublicKey::new(n, e).map_err(|_| KeyError::Failed)?;
                    Ok(public_only(PublicKey::Rsa { key, pss: false }))
                }
            }
        }
        "EC" => {
            let curve = Curve::from_name(&crv).ok_or(KeyError::Unsupported)?;
            if let Some(d) = get("d") {
                let bad = |_| KeyError::Failed;
                let private = match curve {
                    Curve::P256 => PrivateKey::P256(p256::SecretKey::from_slice(&d).map_err(bad)?),
                    Curve::P384 => PrivateKey::P384(p384::SecretKey::from_slice(&d).map_err(bad)?),
                    Curve::K256 => PrivateKey::K256(k256::SecretKey::from_slice(&d).map_err(bad)?),
                };
                return with_public(private);
            }
            let mut point = vec![4u8];
            point.extend(get("x").ok_or(KeyError::Unsupported)?);
            point.extend(get("y").ok_or(KeyError::Unsupported)?);
            Ok(public_only(PublicKey::from_point(curve, &point).map_err(|_| KeyError::Failed)?))
        }
        "OKP" => {
            let x25519 = crv == "X25519";
            let fixed = |bytes: Vec<u8>| <[u8; 32]>::try_from(bytes).map_err(|_| KeyError::Failed);
            if let Some(d) = get("d") {
                let d = fixed(d)?;
                return with_public(if x25519 { PrivateKey::X25519(d) } else { PrivateKey::Ed25519(d) });
            }
            let x = fixed(get("x").ok_or(KeyError::Unsupported)?)?;
            Ok(public_only(if x25519 { PublicKey::X25519(x) } else { PublicKey::Ed25519(x) }))
        }
        _ => Err(KeyError::Unsupported),
    }
}

/// keyFromJwk({ kty, crv, n, e, d, ... as bytes }, wantPrivate) -> [type, der, isPrivate] | error code
fn op_crypto_key_from_jwk(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Ok(obj) = v8::Local::<v8::Object>::try_from(args.get(0)) else {
        return set_error(scope, &mut rv, KeyError::Unsupported);
    };
    let want_private = args.get(1).is_true();
    let result = jwk_key(scope, obj).and_then(|mut imported| {
        if want_private && imported.private.is_none() {
            return Err(KeyError::Unsupported);
        }
        if !want_private {
            imported.private = None;
        }
        imported_value(scope, imported)
    });
    match result {
        Ok(value) => rv.set(value),
        Err(err) => set_error(scope, &mut rv, err),
    }
}

/// keyExport(der, isPrivate, format, type, cipher, passphrase) -> string | Uint8Array | error code
fn op_crypto_key_export(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let der = view_bytes(args.get(0)).unwrap_or_default();
    let is_private = args.get(1).is_true();
    let as_pem = str_arg(scope, args.get(2)).as_deref() == Some("pem");
    let kind = str_arg(scope, args.get(3)).unwrap_or_default();
    let cipher = str_arg(scope, args.get(4));
    let passphrase = view_bytes(args.get(5)).unwrap_or_default();
    let result = if is_private {
        PrivateKey::from_pkcs8(&der).and_then(|key| {
            let cipher = cipher.as_deref().map(|c| (c, passphrase.as_slice()));
            export_private(&key, &der, &kind, as_pem, cipher)
        })
    } else {
        PublicKey::from_spki(&der).and_then(|key| export_public(&key, &der, &kind, as_pem))
    };
    match result {
        Ok(Exported::Pem(text)) => rv.set(v8_str(scope, &text).into()),
        Ok(Exported::Der(bytes)) => rv.set(bytes_to_uint8array(scope, bytes)),
        Err(err) => set_error(scope, &mut rv, err),
    }
}

fn set_bytes(scope: &mut v8::PinScope, obj: v8::Local<v8::Object>, name: &str, bytes: Vec<u8>) {
    let value = bytes_to_uint8array(scope, bytes);
    super::set_value(scope, obj, name, value);
}

fn ec_coordinates(point: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let coords = point.get(1..).unwrap_or_default();
    let half = coords.len() / 2;
    (coords[..half].to_vec(), coords[half..].to_vec())
}

/// keyJwk(der, isPrivate) -> { kty, crv?, fields as bytes } in node's order | error code
fn op_crypto_key_jwk(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let der = view_bytes(args.get(0)).unwrap_or_default();
    let private = if args.get(1).is_true() { PrivateKey::from_pkcs8(&der).ok() } else { None };
    let public = match &private {
        Some(key) => Ok(key.public()),
        None => PublicKey::from_spki(&der),
    };
    let Ok(public) = public else {
        return set_error(scope, &mut rv, KeyError::Unsupported);
    };
    let obj = v8::Object::new(scope);
    match (&public, &private) {
        (PublicKey::Rsa { key, .. }, _) => {
            super::set_str(scope, obj, "kty", "RSA");
            set_bytes(scope, obj, "n", key.n().to_bytes_be());
            set_bytes(scope, obj, "e", key.e().to_bytes_be());
            if let Some(PrivateKey::Rsa { key, .. }) = &private {
                set_bytes(scope, obj, "d", key.d().to_bytes_be());
                let primes = key.primes();
                if primes.len() >= 2 {
                    set_bytes(scope, obj, "p", primes[0].to_bytes_be());
                    set_bytes(scope, obj, "q", primes[1].to_bytes_be());
                }
                if let (Some(dp), Some(dq), Some(qi)) = (key.dp(), key.dq(), key.crt_coefficient()) {
                    set_bytes(scope, obj, "dp", dp.to_bytes_be());
                    set_bytes(scope, obj, "dq", dq.to_bytes_be());
                    set_bytes(scope, obj, "qi", qi.to_bytes_be());
                }
            }
        }
        (PublicKey::P256(_) | PublicKey::P384(_) | PublicKey::K256(_), _) => {
            let (curve, point, d) = ec_parts(&public, private.as_ref());
            super::set_str(scope, obj, "kty", "EC");
            let (x, y) = ec_coordinates(&point);
            set_bytes(scope, obj, "x", x);
            set_bytes(scope, obj, "y", y);
            super::set_str(scope, obj, "crv", curve.jwk_name());
            if let Some(d) = d {
                set_bytes(scope, obj, "d", d);
            }
        }
        (PublicKey::Ed25519(x) | PublicKey::X25519(x), _) => {
            let crv = if matches!(public, PublicKey::X25519(_)) { "X25519" } else { "Ed25519" };
            super::set_str(scope, obj, "crv", crv);
            if let Some(PrivateKey::Ed25519(d) | PrivateKey::X25519(d)) = &private {
                set_bytes(scope, obj, "d", d.to_vec());
            }
            set_bytes(scope, obj, "x", x.to_vec());
            super::set_str(scope, obj, "kty", "OKP");
        }
    }
    rv.set(obj.into());
}

/// (curve, uncompressed point, private scalar) of an EC key.
fn ec_parts(public: &PublicKey, private: Option<&PrivateKey>) -> (Curve, Vec<u8>, Option<Vec<u8>>) {
    use p256::elliptic_curve::sec1::ToEncodedPoint as _;
    let d = match private {
        Some(PrivateKey::P256(k)) => Some(k.to_bytes().to_vec()),
        Some(PrivateKey::P384(k)) => Some(k.to_bytes().to_vec()),
        Some(PrivateKey::K256(k)) => Some(k.to_bytes().to_vec()),
        _ => None,
    };
    match public {
        PublicKey::P256(k) => (Curve::P256, k.to_encoded_point(false).as_bytes().to_vec(), d),
        PublicKey::P384(k) => (Curve::P384, k.to_encoded_point(false).as_bytes().to_vec(), d),
        _ => {
            let point = match public {
                PublicKey::K256(k) => k.to_encoded_point(false).as_bytes().to_vec(),
                _ => Vec::new(),
            };
            (Curve::K256, point, d)
        }
    }
}

/// keyDetails(der, isPrivate) -> { modulusLength, publicExponent (hex), namedCurve } | undefined
fn op_crypto_key_details(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let der = view_bytes(args.get(0)).unwrap_or_default();
    let public = if args.get(1).is_true() {
        PrivateKey::from_pkcs8(&der).map(|k| k.public())
    } else {
        PublicKey::from_spki(&der)
    };
    let Ok(public) = public else {
        return;
    };
    let obj = v8::Object::new(scope);
    match &public {
        PublicKey::Rsa { key, .. } => {
            super::set_num(scope, obj, "modulusLength", key.n().bits() as f64);
            super::set_str(scope, obj, "publicExponent", &key.e().to_str_radix(16));
        }
        PublicKey::P256(_) | PublicKey::P384(_) | PublicKey::K256(_) => {
            let (curve, _, _) = ec_parts(&public, None);
            super::set_str(scope, obj, "namedCurve", curve.openssl_name());
        }
        _ => {}
    }
    rv.set(obj.into());
}

fn parse_generate(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> GenerateArgs {
    let kind = args.get(0).to_rust_string_lossy(scope);
    let modulus_bits = args.get(1).uint32_value(scope).unwrap_or(0) as usize;
    let exponent = args.get(2).integer_value(scope).unwrap_or(65537).max(0) as u64;
    let curve = str_arg(scope, args.get(3)).and_then(|name| Curve::from_name(&name));
    GenerateArgs { kind, modulus_bits, exponent, curve }
}

fn pair_value<'s>(scope: &mut v8::PinScope<'s, '_>, pair: (Vec<u8>, Vec<u8>)) -> v8::Local<'s, v8::Value> {
    let private = bytes_to_uint8array(scope, pair.0);
    let public = bytes_to_uint8array(scope, pair.1);
    v8::Array::new_with_elements(scope, &[private, public]).into()
}

/// keyGenerateSync(type, modulusLength, publicExponent, curve) -> [pkcs8, spki] | error code
fn op_crypto_key_generate_sync(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let input = parse_generate(scope, &args);
    match generate(input) {
        Ok(pair) => rv.set(pair_value(scope, pair)),
        Err(err) => set_error(scope, &mut rv, err),
    }
}

fn settle_pair<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    result: KeyResult<(Vec<u8>, Vec<u8>)>,
) -> (v8::Local<'s, v8::Value>, v8::Local<'s, v8::Value>) {
    match result {
        Ok(pair) => (v8::null(scope).into(), pair_value(scope, pair)),
        Err(err) => (v8_str(scope, err.code()).into(), v8::undefined(scope).into()),
    }
}

/// keyGenerate(type, modulusLength, publicExponent, curve, callback): the same on the pool,
/// calling back (errorCode, [pkcs8, spki]).
fn op_crypto_key_generate(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let Some(callback) = callback_arg(scope, &args) else {
        return;
    };
    let input = parse_generate(scope, &args);
    submit_work(scope, callback, move || generate(input), settle_pair);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn okp_keys_round_trip() {
        let der = okp_pkcs8(&[7; 32], false);
        let key = PrivateKey::from_pkcs8(&der).expect("ed25519 pkcs8");
        assert_eq!(key.to_pkcs8().expect("encode"), der);
        let spki = key.public().to_spki().expect("spki");
        assert!(matches!(PublicKey::from_spki(&spki), Ok(PublicKey::Ed25519(_))));
    }

    #[test]
    fn garbage_is_unsupported() {
        assert!(PrivateKey::from_pkcs8(b"nope").is_err());
        assert!(import_pem("nope", true, None).is_err());
    }
}
