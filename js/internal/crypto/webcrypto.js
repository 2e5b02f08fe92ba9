'use strict';
// The Web Crypto `crypto` object (globalThis.crypto, require('crypto').webcrypto):
// getRandomValues, randomUUID and `subtle`, whose only working method so far is
// digest() (SHA-1/256/384/512); the others reject with NotSupportedError.

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
  const value = method === 'digest' ? digest : unsupported(method);
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

module.exports = { Crypto, SubtleCrypto, crypto, subtle };
