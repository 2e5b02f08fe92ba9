'use strict';
// Hash, Hmac, crypto.hash() and getHashes(). The digest state lives in Rust;
// a small native-handle object holds its token (an ArrayBuffer whose
// collection frees the state, if digest() has not already).

const binding = internalBinding('crypto');
const { Buffer } = require('buffer');
const {
  codes: {
    ERR_CRYPTO_HASH_FINALIZED,
    ERR_CRYPTO_HASH_UPDATE_FAILED,
    ERR_CRYPTO_INVALID_DIGEST,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
  },
} = require('internal/errors');
const { validateEncoding, validateString, validateUint32 } = require('internal/validators');
const { normalizeEncoding } = require('internal/util');
const { asBuffer, digestInfo, legacyDigestError, nativeError, opensslError, toBytes } = require('internal/crypto/util');
const { LazyTransform } = require('internal/crypto/lazy_transform');

const kHandle = Symbol('kHandle');
const kState = Symbol('kState');
const kFinalized = Symbol('kFinalized');

// The encoding Rust should encode a digest to; undefined for a Buffer (also
// for unknown encodings, as node does).
function digestEncoding(encoding) {
  if (encoding === 'hex' || encoding === undefined) return encoding;
  return encoding === 'buffer' ? undefined : normalizeEncoding(encoding);
}

function encodeOutput(out, encoding) {
  return encoding === undefined ? asBuffer(out) : out;
}

function updateHandle(token, data, encoding) {
  if (typeof data === 'string') {
    const enc = normalizeEncoding(encoding);
    if (enc !== 'utf8' && enc !== undefined) data = Buffer.from(data, enc);
  }
  return binding.hashUpdate(token, data);
}

// The native handles, named as node's (they print as `Hash {}` / `Hmac {}`).
const HashHandle = class Hash {
  #token;
  #info;
  constructor(token, info) {
    this.#token = token;
    this.#info = info;
  }
  update(data, encoding) {
    return updateHandle(this.#token, data, encoding);
  }
  digest(encoding) {
    const enc = digestEncoding(encoding);
    return encodeOutput(binding.hashDigest(this.#token, enc), enc);
  }
  copy(outputLength) {
    checkOutputLength(this.#info, outputLength, HashHandle.prototype.copy);
    return new HashHandle(binding.hashCopy(this.#token, outputLength), this.#info);
  }
};

const HmacHandle = class Hmac {
  #token;
  constructor(token) {
    this.#token = token;
  }
  update(data, encoding) {
    return updateHandle(this.#token, data, encoding);
  }
  digest(encoding) {
    const enc = digestEncoding(encoding);
    return encodeOutput(binding.hashDigest(this.#token, enc), enc);
  }
};

// The errors below are node's C++ ones: their stacks start at `new Hash`.
function checkOutputLength(info, outputLength, cutAt) {
  if (outputLength !== undefined && !info[1] && outputLength !== info[0]) {
    throw opensslError('030000B2', 'digital envelope routines', 'not XOF or invalid length',
                       'ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH', cutAt);
  }
}

function newHashHandle(algorithm, outputLength) {
  const info = digestInfo(algorithm);
  if (info === undefined) {
    throw legacyDigestError(algorithm, newHashHandle) ??
      nativeError(Error, 'Digest method not supported', undefined, undefined, newHashHandle);
  }
  checkOutputLength(info, outputLength, newHashHandle);
  return new HashHandle(binding.hashNew(info[2], outputLength), info);
}

function Hash(algorithm, options) {
  if (!new.target) return new Hash(algorithm, options);
  const isCopy = algorithm instanceof HashHandle;
  if (!isCopy) validateString(algorithm, 'algorithm');
  const outputLength = typeof options === 'object' && options !== null ? options.outputLength : undefined;
  if (outputLength !== undefined) validateUint32(outputLength, 'options.outputLength');
  this[kHandle] = isCopy ? algorithm.copy(outputLength) : newHashHandle(algorithm, outputLength);
  this[kState] = { [kFinalized]: false };
  Reflect.apply(LazyTransform, this, [options]);
}
Object.setPrototypeOf(Hash.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hash, LazyTransform);

Hash.prototype.copy = function copy(options) {
  if (this[kState][kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  return new Hash(this[kHandle], options);
};

Hash.prototype._transform = function _transform(chunk, encoding, callback) {
  this[kHandle].update(chunk, encoding);
  callback();
};

Hash.prototype._flush = function _flush(callback) {
  this.push(this[kHandle].digest());
  callback();
};

Hash.prototype.update = function update(data, encoding) {
  if (this[kState][kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  if (typeof data === 'string') {
    validateEncoding(data, encoding);
  } else if (!ArrayBuffer.isView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  if (!this[kHandle].update(data, encoding)) throw new ERR_CRYPTO_HASH_UPDATE_FAILED();
  return this;
};

Hash.prototype.digest = function digest(outputEncoding) {
  const state = this[kState];
  if (state[kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  const ret = this[kHandle].digest(`${outputEncoding || 'buffer'}`);
  state[kFinalized] = true;
  return ret;
};

function newHmacHandle(hmac, key) {
  const info = digestInfo(hmac);
  if (info === undefined) throw legacyDigestError(hmac, newHmacHandle) ?? new ERR_CRYPTO_INVALID_DIGEST(hmac);
  if (info[1]) throw nativeError(Error, 'error:00000000:lib(0)::reason(0)', undefined, undefined, newHmacHandle);
  return new HmacHandle(binding.hmacNew(info[2], key));
}

function Hmac(hmac, key, options) {
  if (!new.target) return new Hmac(hmac, key, options);
  validateString(hmac, 'hmac');
  const encoding = typeof options === 'object' && options !== null ? options.encoding : undefined;
  if (encoding !== undefined) validateString(encoding, 'options.encoding');
  key = require('internal/crypto/keys').prepareSecretKey(key, encoding);
  this[kHandle] = newHmacHandle(hmac, key);
  this[kState] = { [kFinalized]: false };
  Reflect.apply(LazyTransform, this, [options]);
}
Object.setPrototypeOf(Hmac.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hmac, LazyTransform);

Hmac.prototype.update = Hash.prototype.update;

Hmac.prototype.digest = function digest(outputEncoding) {
  const state = this[kState];
  outputEncoding = outputEncoding || 'buffer';
  if (state[kFinalized]) {
    const buf = Buffer.from('');
    return outputEncoding === 'buffer' ? buf : buf.toString(outputEncoding);
  }
  const ret = this[kHandle].digest(`${outputEncoding}`);
  state[kFinalized] = true;
  return ret;
};

Hmac.prototype._flush = Hash.prototype._flush;
Hmac.prototype._transform = Hash.prototype._transform;

// crypto.hash(algorithm, data[, outputEncoding]) (node >= 20.12): one call.
function hash(algorithm, input, outputEncoding = 'hex') {
  validateString(algorithm, 'algorithm');
  if (typeof input !== 'string' && !ArrayBuffer.isView(input)) {
    throw new ERR_INVALID_ARG_TYPE('input', ['Buffer', 'TypedArray', 'DataView', 'string'], input);
  }
  let normalized = outputEncoding;
  if (outputEncoding !== 'hex') {
    validateString(outputEncoding, 'outputEncoding');
    normalized = normalizeEncoding(outputEncoding);
    if (normalized === undefined) {
      if (outputEncoding.toLowerCase() !== 'buffer') throw new ERR_INVALID_ARG_VALUE('outputEncoding', outputEncoding);
      normalized = 'buffer';
    }
  }
  const info = digestInfo(algorithm);
  if (info === undefined) throw new Error(`Digest method ${algorithm} is not supported`);
  const enc = digestEncoding(normalized);
  return encodeOutput(binding.hashOnce(info[2], input, enc), enc);
}

// What node 20 (OpenSSL 3) lists; every one of them is implemented.
const kHashes = [
  'RSA-MD5', 'RSA-RIPEMD160', 'RSA-SHA1', 'RSA-SHA1-2', 'RSA-SHA224', 'RSA-SHA256',
  'RSA-SHA3-224', 'RSA-SHA3-256', 'RSA-SHA3-384', 'RSA-SHA3-512', 'RSA-SHA384', 'RSA-SHA512',
  'RSA-SHA512/224', 'RSA-SHA512/256', 'RSA-SM3', 'blake2b512', 'blake2s256',
  'id-rsassa-pkcs1-v1_5-with-sha3-224', 'id-rsassa-pkcs1-v1_5-with-sha3-256',
  'id-rsassa-pkcs1-v1_5-with-sha3-384', 'id-rsassa-pkcs1-v1_5-with-sha3-512',
  'md5', 'md5-sha1', 'md5WithRSAEncryption', 'ripemd', 'ripemd160', 'ripemd160WithRSA', 'rmd160',
  'sha1', 'sha1WithRSAEncryption', 'sha224', 'sha224WithRSAEncryption', 'sha256',
  'sha256WithRSAEncryption', 'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512', 'sha384',
  'sha384WithRSAEncryption', 'sha512', 'sha512-224', 'sha512-224WithRSAEncryption', 'sha512-256',
  'sha512-256WithRSAEncryption', 'sha512WithRSAEncryption', 'shake128', 'shake256', 'sm3',
  'sm3WithRSAEncryption', 'ssl3-md5', 'ssl3-sha1',
];

function getHashes() {
  return kHashes.slice();
}

module.exports = { Hash, Hmac, hash, getHashes };
