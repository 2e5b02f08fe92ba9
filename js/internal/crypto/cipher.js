'use strict';
// Cipheriv and Decipheriv (stream.Transforms through LazyTransform), and
// getCipherInfo/getCiphers. The cipher state lives in Rust under a token; the
// table of ciphers is Rust's (crypto_cipher.rs), asked by name here. The checks
// node's C++ makes (cipher, IV, key, tag lengths) are made here with its errors.

const binding = internalBinding('crypto');
const {
  codes: { ERR_CRYPTO_INVALID_STATE, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const { validateEncoding, validateInt32, validateObject, validateString } = require('internal/validators');
const { asBuffer, isAnyArrayBuffer, nativeError, opensslError, toBytes } = require('internal/crypto/util');
const { LazyTransform } = require('internal/crypto/lazy_transform');
const { prepareSecretKey } = require('internal/crypto/keys');
const { Buffer } = require('buffer');

const kHandle = Symbol('kHandle');

// Rust's failure numbers (crypto_cipher.rs `Failure`) as node's errors.
function failureError(code, cutAt) {
  switch (code) {
    case 1:
      return opensslError('1C800064', 'Provider routines', 'bad decrypt', 'ERR_OSSL_BAD_DECRYPT', cutAt);
    case 2:
      return opensslError('1C80006B', 'Provider routines', 'wrong final block length',
                          'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', cutAt);
    case 3:
      return nativeError(Error, 'Unsupported state or unable to authenticate data', undefined, undefined, cutAt);
    case 4:
      return nativeError(Error, 'Trying to add data in unsupported state', undefined, undefined, cutAt);
    default:
      return nativeError(Error, 'Invalid state', 'ERR_CRYPTO_INVALID_STATE', undefined, cutAt);
  }
}

function isValidGcmTagLength(len) {
  return len === 4 || len === 8 || (len >= 12 && len <= 16);
}

function invalidTagLength(len, cutAt) {
  return nativeError(TypeError, `Invalid authentication tag length: ${len}`, 'ERR_CRYPTO_INVALID_AUTH_TAG',
                     undefined, cutAt);
}

// cipherInfo(name) -> [name, nid, blockSize, ivLength, keyLength, mode], cached.
const infoCache = new Map();
function cipherInfo(name) {
  let info = infoCache.get(name);
  if (info === undefined) {
    info = binding.cipherInfo(name) ?? null;
    infoCache.set(name, info);
  }
  return info;
}

// The native handle, named as node's (it prints as `CipherBase {}`).
const CipherBase = class CipherBase {
  #token;
  #encrypt;
  #mode;
  #tagLength;
  #tagSet = false;
  #finished = false;

  constructor(encrypt, cipher, key, iv, authTagLength, cutAt) {
    const info = cipherInfo(cipher);
    if (info === null) throw nativeError(Error, 'Unknown cipher', 'ERR_CRYPTO_UNKNOWN_CIPHER', undefined, cutAt);
    const [name, , , ivLength, , mode] = info;
    this.#encrypt = encrypt;
    this.#mode = mode === 'stream' && name === 'chacha20-poly1305' ? 'chacha20-poly1305' : mode;
    const aead = this.#mode === 'gcm' || this.#mode === 'ccm' || this.#mode === 'chacha20-poly1305';
    if (iv === null ? ivLength !== 0 || aead : !aead && iv.byteLength !== ivLength) {
      throw nativeError(TypeError, 'Invalid initialization vector', 'ERR_CRYPTO_INVALID_IV', undefined, cutAt);
    }
    this.#tagLength = this.#checkTagLength(cipher, authTagLength, cutAt);
    const token = binding.cipherNew(cipher, key, iv ?? new Uint8Array(0), !encrypt, this.#tagLength);
    if (token === 'key') {
      throw nativeError(RangeError, 'Invalid key length', 'ERR_CRYPTO_INVALID_KEYLEN', undefined, cutAt);
    }
    if (token === 'iv') {
      throw nativeError(TypeError, 'Invalid initialization vector', 'ERR_CRYPTO_INVALID_IV', undefined, cutAt);
    }
    this.#token = token;
  }

  // The tag length an AEAD cipher is made with (-1: not given).
  #checkTagLength(cipher, len, cutAt) {
    switch (this.#mode) {
      case 'ccm':
        if (len === -1) {
          throw nativeError(TypeError, `authTagLength required for ${cipher}`, 'ERR_CRYPTO_INVALID_AUTH_TAG',
                            undefined, cutAt);
        }
        if (len < 4 || len > 16 || len % 2 !== 0) throw invalidTagLength(len, cutAt);
        return len;
      case 'gcm':
        if (len !== -1 && !isValidGcmTagLength(len)) throw invalidTagLength(len, cutAt);
        return len === -1 ? 16 : len;
      case 'chacha20-poly1305':
        if (len !== -1 && (len < 1 || len > 16)) throw invalidTagLength(len, cutAt);
        return len === -1 ? 16 : len;
      default:
        return 16;
    }
  }

  update(data) {
    // OpenSSL counts output in an int: more than INT_MAX less a block fails.
    if (data.byteLength > 2147483647 - 16) throw failureError(4, Cipheriv.prototype.update);
    const out = binding.cipherUpdate(this.#token, data);
    if (typeof out === 'number') throw failureError(out, Cipheriv.prototype.update);
    return asBuffer(out);
  }

  final() {
    const out = binding.cipherFinal(this.#token);
    if (typeof out === 'number') throw failureError(out, Cipheriv.prototype.final);
    this.#finished = true;
    return asBuffer(out);
  }

  setAutoPadding(on) {
    return binding.cipherSetAutoPadding(this.#token, on);
  }

  setAAD(aad, plaintextLength) {
    if (this.#mode === 'ccm') {
      if (plaintextLength === -1) {
        throw nativeError(TypeError, 'options.plaintextLength required for CCM mode with AAD', 'ERR_MISSING_ARGS',
                          undefined, Cipheriv.prototype.setAAD);
      }
    }
    return binding.cipherSetAAD(this.#token, aad, plaintextLength);
  }

  getAuthTag() {
    if (!this.#encrypt || !this.#finished) return undefined;
    const tag = binding.cipherGetAuthTag(this.#token);
    return tag === undefined ? undefined : asBuffer(tag);
  }

  setAuthTag(tag) {
    if (this.#encrypt || this.#tagSet || this.#finished) return false;
    const len = tag.byteLength;
    const given = this.#tagLength;
    switch (this.#mode) {
      case 'gcm':
        if (!isValidGcmTagLength(len)) throw invalidTagLength(len, Decipheriv.prototype.setAuthTag);
        if (this.#explicitTag && len !== given) throw invalidTagLength(len, Decipheriv.prototype.setAuthTag);
        break;
      case 'ccm':
        if (len !== given) throw invalidTagLength(len, Decipheriv.prototype.setAuthTag);
        break;
      case 'chacha20-poly1305':
        if (len < 1 || len > 16) throw invalidTagLength(len, Decipheriv.prototype.setAuthTag);
        break;
      default:
        return false;
    }
    this.#tagSet = binding.cipherSetAuthTag(this.#token, tag);
    return this.#tagSet;
  }

  // GCM checks a set tag against authTagLength only when it was given.
  #explicitTag = false;
  markExplicitTag() {
    this.#explicitTag = true;
  }
};

// An options number that must be a uint32, or -1 when absent.
function getUIntOption(options, key) {
  let value;
  if (options && (value = options[key]) != null) {
    if (value >>> 0 !== value) throw new ERR_INVALID_ARG_VALUE(`options.${key}`, value);
    return value;
  }
  return -1;
}

function getStringOption(options, key) {
  let value;
  if (options && (value = options[key]) != null) validateString(value, `options.${key}`);
  return value;
}

function getArrayBufferOrView(buffer, name, encoding) {
  if (isAnyArrayBuffer(buffer)) return new Uint8Array(buffer);
  if (typeof buffer === 'string') {
    if (encoding === 'buffer') encoding = 'utf8';
    return Buffer.from(buffer, encoding);
  }
  if (!ArrayBuffer.isView(buffer)) {
    throw new ERR_INVALID_ARG_TYPE(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], buffer);
  }
  return buffer;
}

function createCipherWithIV(self, encrypt, cipher, key, iv, options, cutAt) {
  validateString(cipher, 'cipher');
  const encoding = getStringOption(options, 'encoding');
  key = prepareSecretKey(key, encoding);
  iv = iv === null ? null : getArrayBufferOrView(iv, 'iv');
  const authTagLength = getUIntOption(options, 'authTagLength');
  self[kHandle] = new CipherBase(encrypt, cipher, key, iv, authTagLength, cutAt);
  if (authTagLength !== -1) self[kHandle].markExplicitTag();
  self._decoder = null;
  Reflect.apply(LazyTransform, self, [options]);
}

function getDecoder(decoder, encoding) {
  const { normalizeEncoding } = require('internal/util');
  const normalized = normalizeEncoding(encoding);
  const { StringDecoder } = require('string_decoder');
  decoder ||= new StringDecoder(encoding);
  if (decoder.encoding !== normalized) {
    if (normalized === undefined) {
      throw new ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
    }
    // A decoder keeps state: its encoding cannot change mid-stream.
    throw new Error('Cannot change encoding');
  }
  return decoder;
}

function update(data, inputEncoding, outputEncoding) {
  if (typeof data === 'string') {
    validateEncoding(data, inputEncoding);
    const enc = inputEncoding === 'buffer' || inputEncoding == null ? 'utf8' : inputEncoding;
    data = Buffer.from(data, enc);
  } else if (!ArrayBuffer.isView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  const ret = this[kHandle].update(data);
  if (outputEncoding && outputEncoding !== 'buffer') {
    this._decoder = getDecoder(this._decoder, outputEncoding);
    return this._decoder.write(ret);
  }
  return ret;
}

function final(outputEncoding) {
  const ret = this[kHandle].final();
  if (outputEncoding && outputEncoding !== 'buffer') {
    this._decoder = getDecoder(this._decoder, outputEncoding);
    return this._decoder.end(ret);
  }
  return ret;
}

function _transform(chunk, encoding, callback) {
  if (typeof chunk === 'string') chunk = Buffer.from(chunk, encoding === 'buffer' ? 'utf8' : encoding);
  this.push(this[kHandle].update(chunk));
  callback();
}

function _flush(callback) {
  try {
    this.push(this[kHandle].final());
  } catch (e) {
    callback(e);
    return;
  }
  callback();
}

function setAutoPadding(ap) {
  if (!this[kHandle].setAutoPadding(!!ap)) throw new ERR_CRYPTO_INVALID_STATE('setAutoPadding');
  return this;
}

function setAAD(aadbuf, options) {
  const encoding = getStringOption(options, 'encoding');
  const plaintextLength = getUIntOption(options, 'plaintextLength');
  aadbuf = getArrayBufferOrView(aadbuf, 'aadbuf', encoding);
  if (!this[kHandle].setAAD(aadbuf, plaintextLength)) throw new ERR_CRYPTO_INVALID_STATE('setAAD');
  return this;
}

function getAuthTag() {
  const ret = this[kHandle].getAuthTag();
  if (ret === undefined) throw new ERR_CRYPTO_INVALID_STATE('getAuthTag');
  return ret;
}

function setAuthTag(tagbuf, encoding) {
  tagbuf = getArrayBufferOrView(tagbuf, 'buffer', encoding);
  if (!this[kHandle].setAuthTag(tagbuf)) throw new ERR_CRYPTO_INVALID_STATE('setAuthTag');
  return this;
}

function Cipheriv(cipher, key, iv, options) {
  if (!(this instanceof Cipheriv)) return new Cipheriv(cipher, key, iv, options);
  createCipherWithIV(this, true, cipher, key, iv, options, Cipheriv);
}

function Decipheriv(cipher, key, iv, options) {
  if (!(this instanceof Decipheriv)) return new Decipheriv(cipher, key, iv, options);
  createCipherWithIV(this, false, cipher, key, iv, options, Decipheriv);
}

for (const Ctor of [Cipheriv, Decipheriv]) {
  Object.setPrototypeOf(Ctor.prototype, LazyTransform.prototype);
  Object.setPrototypeOf(Ctor, LazyTransform);
  Object.assign(Ctor.prototype, { _transform, _flush, update, final, setAutoPadding, setAAD });
}
Cipheriv.prototype.getAuthTag = getAuthTag;
Decipheriv.prototype.setAuthTag = setAuthTag;

function createCipheriv(cipher, key, iv, options) {
  return new Cipheriv(cipher, key, iv, options);
}

function createDecipheriv(cipher, key, iv, options) {
  return new Decipheriv(cipher, key, iv, options);
}

function getCipherInfo(nameOrNid, options) {
  if (typeof nameOrNid !== 'string' && typeof nameOrNid !== 'number') {
    throw new ERR_INVALID_ARG_TYPE('nameOrNid', ['string', 'number'], nameOrNid);
  }
  if (typeof nameOrNid === 'number') validateInt32(nameOrNid, 'nameOrNid');
  let keyLength, ivLength;
  if (options !== undefined) {
    validateObject(options, 'options');
    ({ keyLength, ivLength } = options);
    if (keyLength !== undefined) validateInt32(keyLength, 'options.keyLength');
    if (ivLength !== undefined) validateInt32(ivLength, 'options.ivLength');
  }
  const info = binding.cipherInfo(nameOrNid);
  if (info === undefined) return undefined;
  const [name, nid, blockSize, defaultIvLength, defaultKeyLength, mode] = info;
  if (keyLength !== undefined && keyLength !== defaultKeyLength) return undefined;
  if (ivLength !== undefined && ivLength !== defaultIvLength) {
    const ok = mode === 'ccm' ? ivLength >= 7 && ivLength <= 13 : mode === 'gcm' || mode === 'ocb' ? ivLength > 0 : false;
    if (!ok) return undefined;
  }
  const result = { mode, name, nid };
  if (blockSize !== 0) result.blockSize = blockSize;
  if (defaultIvLength !== 0) result.ivLength = ivLength ?? defaultIvLength;
  result.keyLength = keyLength ?? defaultKeyLength;
  return result;
}

let cipherNames;
function getCiphers() {
  cipherNames ??= binding.cipherNames().sort();
  return cipherNames.slice();
}

module.exports = {
  Cipheriv,
  Decipheriv,
  createCipheriv,
  createDecipheriv,
  getCipherInfo,
  getCiphers,
  toBytes,
};
