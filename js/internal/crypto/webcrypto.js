'use strict';
// The Web Crypto `crypto` object (globalThis.crypto, require('crypto').webcrypto):
// getRandomValues, randomUUID and `subtle`, whose working methods so far are
// digest() (SHA-1/256/384/512) and importKey('raw') of HMAC/AES keys with HMAC
// sign/verify; the others reject with NotSupportedError.

const binding = internalBinding('crypto');
const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_THIS },
} = require('internal/errors');
const { getRandomValues, randomUUID } = require('internal/crypto/random');
const { isAnyArrayBuffer, nativeError } = require('internal/crypto/util');

function lazyDOMException(message, name) {
  const DOMException = require('internal/dom_exception');
  return new DOMException(message, name);
}

function requireArguments(count, required, method, owner) {
  if (count < required) {
    const what = `${required} argument${required === 1 ? '' : 's'} required, but only ${count} present.`;
    throw nativeError(TypeError, `Failed to execute '${method}' on '${owner}': ${what}`, 'ERR_MISSING_ARGS');
  }
}

const kDigests = { __proto__: null, 'sha-1': 'sha1', 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512' };

function digestName(algorithm) {
  if (typeof algorithm !== 'object' || algorithm === null) return kDigests[`${algorithm}`.toLowerCase()];
  if (algorithm.name === undefined) {
    throw nativeError(TypeError,
                      "Failed to normalize algorithm: passed algorithm can not be converted to 'Algorithm' " +
                      "because 'name' is required in 'Algorithm'.", 'ERR_MISSING_OPTION');
  }
  return kDigests[`${algorithm.name}`.toLowerCase()];
}

function digestNow(algorithm, data) {
  const name = digestName(algorithm);
  if (name === undefined) throw lazyDOMException('Unrecognized algorithm name', 'NotSupportedError');
  if (!ArrayBuffer.isView(data) && !isAnyArrayBuffer(data)) {
    throw nativeError(TypeError,
                      "Failed to execute 'digest' on 'SubtleCrypto': 2nd argument is not instance of " +
                      'ArrayBuffer, Buffer, TypedArray, or DataView.', 'ERR_INVALID_ARG_TYPE');
  }
  const bytes = ArrayBuffer.isView(data) ? data : new Uint8Array(data);
  return binding.hashOnce(name, bytes).buffer;
}

// ---- CryptoKey over a KeyObject ----

const kAlgorithm = Symbol('kAlgorithm');
const kExtractable = Symbol('kExtractable');
const kKeyUsages = Symbol('kKeyUsages');

class CryptoKey {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get type() {
    return this[keys().kKeyObject].type;
  }

  get extractable() {
    return this[kExtractable];
  }

  get algorithm() {
    return this[kAlgorithm];
  }

  get usages() {
    return [...this[kKeyUsages]];
  }
}
Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: 'CryptoKey', configurable: true });

function keys() {
  return require('internal/crypto/keys');
}

function newCryptoKey(keyObject, algorithm, extractable, usages) {
  const key = Object.create(CryptoKey.prototype);
  key[keys().kKeyObject] = keyObject;
  key[kAlgorithm] = algorithm;
  key[kExtractable] = extractable;
  key[kKeyUsages] = usages;
  return key;
}

function hashName(hash) {
  const name = typeof hash === 'object' && hash !== null ? hash.name : hash;
  const webName = { __proto__: null, 'sha-1': 'SHA-1', 'sha-256': 'SHA-256', 'sha-384': 'SHA-384', 'sha-512': 'SHA-512' };
  const found = webName[`${name}`.toLowerCase()];
  if (found === undefined) throw lazyDOMException('Unrecognized algorithm name', 'NotSupportedError');
  return found;
}

async function importKey(format, keyData, algorithm, extractable, keyUsages) {
  if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
  requireArguments(arguments.length, 5, 'importKey', 'SubtleCrypto');
  const name = typeof algorithm === 'string' ? algorithm : algorithm?.name;
  if (format !== 'raw') throw lazyDOMException(`Unable to import ${name} key with format ${format}`, 'NotSupportedError');
  const bytes = ArrayBuffer.isView(keyData) || isAnyArrayBuffer(keyData) ? keyData : undefined;
  if (bytes === undefined) throw lazyDOMException('Invalid keyData', 'DataError');
  const keyObject = keys().createSecretKey(ArrayBuffer.isView(bytes) ? bytes : new Uint8Array(bytes));
  const usages = [...keyUsages];
  switch (`${name}`.toUpperCase()) {
    case 'HMAC':
      return newCryptoKey(keyObject, { name: 'HMAC', length: keyObject.symmetricKeySize * 8,
                                       hash: { name: hashName(algorithm.hash) } }, !!extractable, usages);
    case 'AES-GCM':
    case 'AES-CBC':
    case 'AES-CTR':
    case 'AES-KW':
      if (![16, 24, 32].includes(keyObject.symmetricKeySize)) {
        throw lazyDOMException('Invalid key length', 'DataError');
      }
      return newCryptoKey(keyObject, { name: `${name}`.toUpperCase(), length: keyObject.symmetricKeySize * 8 },
                          !!extractable, usages);
    default:
      throw lazyDOMException('Unrecognized algorithm name', 'NotSupportedError');
  }
}

function hmacOf(key, data) {
  const hash = kDigests[key.algorithm.hash.name.toLowerCase()];
  const bytes = ArrayBuffer.isView(data) ? data : new Uint8Array(data);
  const { createHmac } = require('crypto');
  return createHmac(hash, key[keys().kKeyObject]).update(bytes).digest();
}

async function sign(algorithm, key, data) {
  if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
  requireArguments(arguments.length, 3, 'sign', 'SubtleCrypto');
  if (key?.algorithm?.name !== 'HMAC') throw lazyDOMException('Unsupported algorithm', 'NotSupportedError');
  const mac = hmacOf(key, data);
  return mac.buffer.slice(mac.byteOffset, mac.byteOffset + mac.byteLength);
}

async function verify(algorithm, key, signature, data) {
  if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
  requireArguments(arguments.length, 4, 'verify', 'SubtleCrypto');
  if (key?.algorithm?.name !== 'HMAC') throw lazyDOMException('Unsupported algorithm', 'NotSupportedError');
  const mac = hmacOf(key, data);
  const sig = ArrayBuffer.isView(signature) ? signature : new Uint8Array(signature);
  return sig.byteLength === mac.byteLength && binding.timingSafeEqual(mac, sig);
}

const kImplemented = { __proto__: null, digest, importKey, sign, verify };

class SubtleCrypto {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }
}

const kSubtleMethods = [
  'encrypt', 'decrypt', 'sign', 'verify', 'digest', 'generateKey', 'deriveKey',
  'deriveBits', 'importKey', 'exportKey', 'wrapKey', 'unwrapKey',
];

function unsupported(method) {
  return async function () {
    throw lazyDOMException(`SubtleCrypto.${method}() is not supported by rnode yet`, 'NotSupportedError');
  };
}

async function digest(algorithm, data) {
  if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
  requireArguments(arguments.length, 2, 'digest', 'SubtleCrypto');
  return digestNow(algorithm, data);
}

for (const method of kSubtleMethods) {
  const value = kImplemented[method] ?? unsupported(method);
  Object.defineProperty(value, 'name', { value: method });
  Object.defineProperty(SubtleCrypto.prototype, method, { value, writable: true, enumerable: true, configurable: true });
}
Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { value: 'SubtleCrypto', configurable: true });

class Crypto {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }
}

const cryptoMethods = {
  get subtle() {
    if (this !== crypto) throw new ERR_INVALID_THIS('Crypto');
    return subtle;
  },
  getRandomValues(array) {
    if (this !== crypto) throw new ERR_INVALID_THIS('Crypto');
    requireArguments(arguments.length, 1, 'getRandomValues', 'Crypto');
    return getRandomValues(array);
  },
  randomUUID() {
    if (this !== crypto) throw new ERR_INVALID_THIS('Crypto');
    return randomUUID();
  },
};

for (const key of ['subtle', 'getRandomValues', 'randomUUID']) {
  const desc = Object.getOwnPropertyDescriptor(cryptoMethods, key);
  Object.defineProperty(Crypto.prototype, key, { ...desc, enumerable: true, configurable: true });
}
Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });

const crypto = Object.create(Crypto.prototype);
const subtle = Object.create(SubtleCrypto.prototype);

module.exports = { Crypto, CryptoKey, SubtleCrypto, crypto, subtle };
