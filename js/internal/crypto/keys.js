'use strict';
// KeyObject (secret, public, private) and createSecretKey/createPublicKey/
// createPrivateKey, with node's option parsing. A key's handle holds its bytes:
// the raw secret, or canonical DER (PKCS#8 private, SPKI public) that Rust
// (crypto_keys.rs) parses for every operation.

const binding = internalBinding('crypto');
const { Buffer } = require('buffer');
const {
  codes: {
    ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS,
    ERR_CRYPTO_INVALID_JWK,
    ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
  },
} = require('internal/errors');
const { validateObject, validateOneOf, validateString } = require('internal/validators');
const { asBuffer, isAnyArrayBuffer, nativeError, opensslError } = require('internal/crypto/util');

const kHandle = Symbol('kHandle');
const kKeyObject = Symbol('kKeyObject');
const kKeyType = Symbol('kKeyType');
const kAsymmetricKeyType = Symbol('kAsymmetricKeyType');
const kAsymmetricKeyDetails = Symbol('kAsymmetricKeyDetails');

// What a key is made for, as node's contexts.
const kConsumePublic = 0;
const kConsumePrivate = 1;
const kCreatePublic = 2;
const kCreatePrivate = 3;

const kStringOrBuffer = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'];

// Rust's key failures (crypto_keys.rs `KeyError`) as node's errors.
function keyError(code, cutAt) {
  switch (code) {
    case 'asn1':
      return opensslError('0680008E', 'asn1 encoding routines', 'not enough data', 'ERR_OSSL_ASN1_NOT_ENOUGH_DATA',
                          cutAt);
    case 'bad-decrypt':
      return opensslError('1C800064', 'Provider routines', 'bad decrypt', 'ERR_OSSL_BAD_DECRYPT', cutAt);
    case 'no-passphrase':
      return opensslError('07880109', 'common libcrypto routines', 'interrupted or cancelled',
                          'ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED', cutAt);
    case 'failed':
      return nativeError(Error, 'Failed to read asymmetric key', undefined, undefined, cutAt);
    default:
      return opensslError('1E08010C', 'DECODER routines', 'unsupported', 'ERR_OSSL_UNSUPPORTED', cutAt);
  }
}

// The native handle: bytes plus whether they are a private key's.
class KeyObjectHandle {
  constructor(data, isPrivate = false) {
    this.data = data;
    this.isPrivate = isPrivate;
  }

  equals(other) {
    const a = this.data;
    const b = other.data;
    if (a.byteLength !== b.byteLength) return false;
    return binding.timingSafeEqual(a, b);
  }
}

function isKeyObject(value) {
  return value != null && value[kKeyType] !== undefined && value[kHandle] instanceof KeyObjectHandle;
}

function isCryptoKey(value) {
  return value != null && typeof value === 'object' && isKeyObject(value[kKeyObject]);
}

class KeyObject {
  constructor(type, handle) {
    if (type !== 'secret' && type !== 'public' && type !== 'private') {
      throw new ERR_INVALID_ARG_VALUE('type', type);
    }
    if (typeof handle !== 'object' || !(handle instanceof KeyObjectHandle)) {
      throw new ERR_INVALID_ARG_TYPE('handle', 'object', handle);
    }
    this[kKeyType] = type;
    Object.defineProperty(this, kHandle, { __proto__: null, value: handle, enumerable: false, configurable: false,
                                           writable: false });
  }

  get type() {
    return this[kKeyType];
  }

  static from(key) {
    if (!isCryptoKey(key)) throw new ERR_INVALID_ARG_TYPE('key', 'CryptoKey', key);
    return key[kKeyObject];
  }

  equals(otherKeyObject) {
    if (!isKeyObject(otherKeyObject)) {
      throw new ERR_INVALID_ARG_TYPE('otherKeyObject', 'KeyObject', otherKeyObject);
    }
    return otherKeyObject.type === this.type && this[kHandle].equals(otherKeyObject[kHandle]);
  }
}

Object.defineProperties(KeyObject.prototype, {
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'KeyObject' },
});

class SecretKeyObject extends KeyObject {
  constructor(handle) {
    super('secret', handle);
  }

  get symmetricKeySize() {
    return this[kHandle].data.byteLength;
  }

  export(options) {
    if (options !== undefined) {
      validateObject(options, 'options');
      validateOneOf(options.format, 'options.format', [undefined, 'buffer', 'jwk']);
      if (options.format === 'jwk') {
        return { kty: 'oct', k: Buffer.from(this[kHandle].data).toString('base64url') };
      }
    }
    return Buffer.from(this[kHandle].data);
  }
}

function normalizeDetails(details) {
  if (details.publicExponent !== undefined) details.publicExponent = BigInt(`0x${details.publicExponent}`);
  return details;
}

class AsymmetricKeyObject extends KeyObject {
  constructor(type, handle, asymmetricKeyType) {
    super(type, handle);
    this[kAsymmetricKeyType] = asymmetricKeyType;
    this[kAsymmetricKeyDetails] = undefined;
  }

  get asymmetricKeyType() {
    return this[kAsymmetricKeyType];
  }

  get asymmetricKeyDetails() {
    if (this[kAsymmetricKeyDetails] === undefined) {
      const handle = this[kHandle];
      this[kAsymmetricKeyDetails] = normalizeDetails(binding.keyDetails(handle.data, handle.isPrivate) ?? {});
    }
    return { ...this[kAsymmetricKeyDetails] };
  }
}

function exportJwk(handle) {
  const fields = binding.keyJwk(handle.data, handle.isPrivate);
  if (typeof fields === 'string') throw keyError(fields, exportJwk);
  const jwk = {};
  for (const name of Object.keys(fields)) {
    const value = fields[name];
    jwk[name] = typeof value === 'string' ? value : Buffer.from(value).toString('base64url');
  }
  return jwk;
}

function exportHandle(handle, format, type, cipher, passphrase) {
  const out = binding.keyExport(handle.data, handle.isPrivate, format, type, cipher, passphrase);
  if (typeof out === 'string' && format === 'pem' && out.startsWith('-----')) return out;
  if (typeof out === 'string') {
    if (cipher !== undefined) {
      throw nativeError(Error, 'Unknown cipher', 'ERR_CRYPTO_UNKNOWN_CIPHER', undefined, exportHandle);
    }
    throw keyError(out, exportHandle);
  }
  return asBuffer(out);
}

class PublicKeyObject extends AsymmetricKeyObject {
  constructor(handle, asymmetricKeyType) {
    super('public', handle, asymmetricKeyType);
  }

  export(options) {
    if (options && options.format === 'jwk') return exportJwk(this[kHandle]);
    const { format, type } = parseKeyEncoding(options, this.asymmetricKeyType, true);
    return exportHandle(this[kHandle], format, type);
  }
}

class PrivateKeyObject extends AsymmetricKeyObject {
  constructor(handle, asymmetricKeyType) {
    super('private', handle, asymmetricKeyType);
  }

  export(options) {
    if (options && options.format === 'jwk') {
      if (options.passphrase !== undefined) {
        throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS('jwk', 'does not support encryption');
      }
      return exportJwk(this[kHandle]);
    }
    const { format, type, cipher, passphrase } = parseKeyEncoding(options, this.asymmetricKeyType, false);
    return exportHandle(this[kHandle], format, type, cipher, passphrase);
  }
}

// ---- option parsing, as node's lib/internal/crypto/keys.js ----

function option(name, objName) {
  return objName === undefined ? `options.${name}` : `options.${objName}.${name}`;
}

function parseKeyFormat(formatStr, defaultFormat, optionName) {
  if (formatStr === undefined && defaultFormat !== undefined) return defaultFormat;
  if (formatStr === 'pem' || formatStr === 'der' || formatStr === 'jwk') return formatStr;
  throw new ERR_INVALID_ARG_VALUE(optionName, formatStr);
}

function parseKeyType(typeStr, required, keyType, isPublic, optionName) {
  if (typeStr === undefined && !required) return undefined;
  if (typeStr === 'pkcs1') {
    if (keyType !== undefined && keyType !== 'rsa') {
      throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS(typeStr, 'can only be used for RSA keys');
    }
    return typeStr;
  }
  if (typeStr === 'spki' && isPublic !== false) return typeStr;
  if (typeStr === 'pkcs8' && isPublic !== true) return typeStr;
  if (typeStr === 'sec1' && isPublic !== true) {
    if (keyType !== undefined && keyType !== 'ec') {
      throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS(typeStr, 'can only be used for EC keys');
    }
    return typeStr;
  }
  throw new ERR_INVALID_ARG_VALUE(optionName, typeStr);
}

function parseKeyFormatAndType(enc, keyType, isPublic, objName) {
  const { format: formatStr, type: typeStr } = enc;
  const isInput = keyType === undefined;
  const format = parseKeyFormat(formatStr, isInput ? 'pem' : undefined, option('format', objName));
  const isRequired = (!isInput || format === 'der') && format !== 'jwk';
  const type = parseKeyType(typeStr, isRequired, keyType, isPublic, option('type', objName));
  return { format, type };
}

function isStringOrBuffer(val) {
  return typeof val === 'string' || ArrayBuffer.isView(val) || isAnyArrayBuffer(val);
}

function getArrayBufferOrView(buffer, name, encoding) {
  if (isAnyArrayBuffer(buffer)) return new Uint8Array(buffer);
  if (typeof buffer === 'string') {
    if (encoding === 'buffer') encoding = 'utf8';
    return Buffer.from(buffer, encoding);
  }
  if (!ArrayBuffer.isView(buffer)) throw new ERR_INVALID_ARG_TYPE(name, kStringOrBuffer, buffer);
  return buffer;
}

function parseKeyEncoding(enc, keyType, isPublic, objName) {
  validateObject(enc, 'options');
  const isInput = keyType === undefined;
  const { format, type } = parseKeyFormatAndType(enc, keyType, isPublic, objName);
  let cipher, passphrase, encoding;
  if (isPublic !== true) {
    ({ cipher, passphrase, encoding } = enc);
    if (!isInput) {
      if (cipher != null) {
        if (typeof cipher !== 'string') throw new ERR_INVALID_ARG_VALUE(option('cipher', objName), cipher);
        if (format === 'der' && (type === 'pkcs1' || type === 'sec1')) {
          throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS(type, 'does not support encryption');
        }
      } else if (passphrase !== undefined) {
        throw new ERR_INVALID_ARG_VALUE(option('cipher', objName), cipher);
      }
    }
    if ((isInput && passphrase !== undefined && !isStringOrBuffer(passphrase)) ||
        (!isInput && cipher != null && !isStringOrBuffer(passphrase))) {
      throw new ERR_INVALID_ARG_VALUE(option('passphrase', objName), passphrase);
    }
  }
  if (passphrase !== undefined) passphrase = getArrayBufferOrView(passphrase, 'key.passphrase', encoding);
  return { format, type, cipher: cipher ?? undefined, passphrase };
}

// For generateKeyPair's publicKeyEncoding/privateKeyEncoding.
function parsePublicKeyEncoding(enc, keyType, objName) {
  return parseKeyEncoding(enc, keyType, keyType ? true : undefined, objName);
}

function parsePrivateKeyEncoding(enc, keyType, objName) {
  return parseKeyEncoding(enc, keyType, false, objName);
}

function getKeyObjectHandle(key, ctx) {
  if (ctx === kCreatePrivate) throw new ERR_INVALID_ARG_TYPE('key', kStringOrBuffer, key);
  if (key.type !== 'private') {
    if (ctx === kConsumePrivate || ctx === kCreatePublic) {
      throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(key.type, 'private');
    }
    if (key.type !== 'public') throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(key.type, 'private or public');
  }
  return key;
}

function prepareAsymmetricKey(key, ctx) {
  if (isKeyObject(key)) return { data: getKeyObjectHandle(key, ctx) };
  if (isCryptoKey(key)) return { data: getKeyObjectHandle(key[kKeyObject], ctx) };
  if (isStringOrBuffer(key)) return { format: 'pem', data: getArrayBufferOrView(key, 'key') };
  if (typeof key === 'object' && key !== null) {
    const { key: data, encoding, format } = key;
    if (isKeyObject(data)) return { data: getKeyObjectHandle(data, ctx) };
    if (isCryptoKey(data)) return { data: getKeyObjectHandle(data[kKeyObject], ctx) };
    if (format === 'jwk') {
      validateObject(data, 'key.key');
      return { data, format: 'jwk' };
    }
    if (!isStringOrBuffer(data)) throw new ERR_INVALID_ARG_TYPE('key.key', kStringOrBuffer, data);
    const isPublic = ctx === kConsumePrivate || ctx === kCreatePrivate ? false : undefined;
    return { data: getArrayBufferOrView(data, 'key', encoding), ...parseKeyEncoding(key, undefined, isPublic) };
  }
  throw new ERR_INVALID_ARG_TYPE('key', kStringOrBuffer, key);
}

function preparePrivateKey(key) {
  return prepareAsymmetricKey(key, kConsumePrivate);
}

function preparePublicOrPrivateKey(key) {
  return prepareAsymmetricKey(key, kConsumePublic);
}

// A JWK's fields checked as node does and decoded for Rust.
function jwkFields(key, isPublic) {
  validateObject(key, 'key');
  validateOneOf(key.kty, 'key.kty', ['RSA', 'EC', 'OKP']);
  const names = [];
  if (key.kty === 'OKP') {
    validateString(key.crv, 'key.crv');
    validateOneOf(key.crv, 'key.crv', ['Ed25519', 'Ed448', 'X25519', 'X448']);
    names.push('x');
    if (!isPublic) names.push('d');
  } else if (key.kty === 'EC') {
    validateString(key.crv, 'key.crv');
    validateOneOf(key.crv, 'key.crv', ['P-256', 'secp256k1', 'P-384', 'P-521']);
    names.push('x', 'y');
    if (!isPublic) names.push('d');
  } else {
    names.push('n', 'e');
    if (!isPublic) names.push('d', 'p', 'q', 'dp', 'dq', 'qi');
  }
  const fields = { kty: key.kty, crv: key.crv };
  for (const name of names) {
    validateString(key[name], `key.${name}`);
    fields[name] = Buffer.from(key[name], 'base64');
  }
  if (key.kty === 'OKP') {
    const bytes = isPublic ? fields.x : fields.d;
    if ((key.crv === 'Ed25519' || key.crv === 'X25519') && bytes.byteLength !== 32) throw new ERR_CRYPTO_INVALID_JWK();
  }
  return fields;
}

// Rust's [asymmetricKeyType, der, isPrivate] as a KeyObject.
function keyObjectFrom(result, cutAt) {
  if (typeof result === 'string') {
    throw keyError(result, cutAt);
  }
  const [asymmetricKeyType, der, isPrivate] = result;
  const handle = new KeyObjectHandle(asBuffer(der), isPrivate);
  return isPrivate ? new PrivateKeyObject(handle, asymmetricKeyType) : new PublicKeyObject(handle, asymmetricKeyType);
}

function importKey(prepared, wantPrivate, cutAt) {
  const { format, type, data, passphrase } = prepared;
  if (format === 'jwk') {
    const result = binding.keyFromJwk(jwkFields(data, !wantPrivate), wantPrivate);
    if (typeof result === 'string') throw new ERR_CRYPTO_INVALID_JWK();
    return keyObjectFrom(result, cutAt);
  }
  return keyObjectFrom(binding.keyImport(data, format, type, passphrase, wantPrivate), cutAt);
}

function createSecretKey(key, encoding) {
  key = prepareSecretKey(key, encoding, true);
  return new SecretKeyObject(new KeyObjectHandle(Buffer.from(key.buffer ? key : new Uint8Array(key))));
}

function createPublicKey(key) {
  const prepared = prepareAsymmetricKey(key, kCreatePublic);
  if (isKeyObject(prepared.data)) {
    return toPublicKeyObject(prepared.data);
  }
  return importKey(prepared, false, createPublicKey);
}

// The public half of a private KeyObject.
function toPublicKeyObject(privateKey) {
  const handle = privateKey[kHandle];
  return keyObjectFrom(binding.keyImport(handle.data, 'der', 'pkcs8', undefined, false), createPublicKey);
}

function createPrivateKey(key) {
  return importKey(prepareAsymmetricKey(key, kCreatePrivate), true, createPrivateKey);
}

// A KeyObject (public or private) from anything the sign/verify functions take.
function asymmetricKeyObject(prepared, wantPrivate, cutAt) {
  if (isKeyObject(prepared.data)) return prepared.data;
  return importKey(prepared, wantPrivate, cutAt);
}

function prepareSecretKey(key, encoding, bufferOnly = false) {
  if (!bufferOnly) {
    if (isKeyObject(key)) {
      if (key.type !== 'secret') throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(key.type, 'secret');
      return key[kHandle].data;
    } else if (isCryptoKey(key)) {
      if (key.type !== 'secret') throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(key.type, 'secret');
      return key[kKeyObject][kHandle].data;
    }
  }
  if (typeof key !== 'string' && !ArrayBuffer.isView(key) && !isAnyArrayBuffer(key)) {
    throw new ERR_INVALID_ARG_TYPE('key', [...kStringOrBuffer, ...(bufferOnly ? [] : ['KeyObject', 'CryptoKey'])],
                                   key);
  }
  return getArrayBufferOrView(key, 'key', encoding);
}

// The KeyObject under a CryptoKey (for assert's deep equality).
function cryptoKeyObject(cryptoKey) {
  return cryptoKey[kKeyObject];
}

module.exports = {
  cryptoKeyObject,
  KeyObject,
  KeyObjectHandle,
  SecretKeyObject,
  PublicKeyObject,
  PrivateKeyObject,
  asymmetricKeyObject,
  createSecretKey,
  createPublicKey,
  createPrivateKey,
  isKeyObject,
  isCryptoKey,
  keyError,
  keyObjectFrom,
  kHandle,
  kKeyObject,
  parsePublicKeyEncoding,
  parsePrivateKeyEncoding,
  prepareAsymmetricKey,
  preparePrivateKey,
  preparePublicOrPrivateKey,
  prepareSecretKey,
  exportHandle,
  exportJwk,
};
