'use strict';
// Sign and Verify (stream.Writables over a Hash of the data), the one-shot
// crypto.sign/crypto.verify, and publicEncrypt/privateDecrypt. Rust signs the
// digest (crypto_sign.rs); Ed25519 signs the message itself.

const binding = internalBinding('crypto');
const { Buffer } = require('buffer');
const {
  codes: { ERR_CRYPTO_SIGN_KEY_REQUIRED, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_CRYPTO_INVALID_DIGEST },
} = require('internal/errors');
const { validateEncoding, validateFunction, validateString } = require('internal/validators');
const { asBuffer, digestInfo, isAnyArrayBuffer, nativeError, opensslError } = require('internal/crypto/util');
const { Hash } = require('internal/crypto/hash');
const {
  asymmetricKeyObject, kHandle, preparePrivateKey, preparePublicOrPrivateKey,
} = require('internal/crypto/keys');

const kHash = Symbol('kHash');
const kAlgorithm = Symbol('kAlgorithm');
const kMessageSigners = new Set(['ed25519', 'ed448']);

function getIntOption(name, options) {
  const value = options[name];
  if (value !== undefined) {
    if (value === value >> 0) return value;
    throw new ERR_INVALID_ARG_VALUE(`options.${name}`, value);
  }
  return undefined;
}

function getDsaEncoding(options) {
  if (typeof options === 'object') {
    const { dsaEncoding = 'der' } = options;
    if (dsaEncoding === 'der') return false;
    if (dsaEncoding === 'ieee-p1363') return true;
    throw new ERR_INVALID_ARG_VALUE('options.dsaEncoding', dsaEncoding);
  }
  return false;
}

function signOptions(options) {
  return {
    padding: getIntOption('padding', options),
    saltLength: getIntOption('saltLength', options),
    p1363: getDsaEncoding(options),
  };
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

function signFailure(code, cutAt) {
  if (code === 'digest') return nativeError(Error, 'Invalid digest', 'ERR_CRYPTO_INVALID_DIGEST', undefined, cutAt);
  if (code === 'key-too-small') {
    return opensslError('1C8000A5', 'Provider routines', 'digest too big for rsa key', 'ERR_OSSL_DIGEST_TOO_BIG_FOR_RSA_KEY',
                        cutAt);
  }
  return nativeError(Error, 'Failed to sign', undefined, undefined, cutAt);
}

function signWith(keyObject, digest, digestName, opts, cutAt) {
  const handle = keyObject[kHandle];
  const sig = binding.signDigest(handle.data, digest, digestName, opts.padding, opts.saltLength ?? -2, opts.p1363);
  if (typeof sig === 'string') throw signFailure(sig, cutAt);
  return asBuffer(sig);
}

function verifyWith(keyObject, digest, signature, digestName, opts) {
  const handle = keyObject[kHandle];
  return binding.verifyDigest(handle.data, handle.isPrivate, digest, signature, digestName, opts.padding,
                              opts.saltLength ?? -2, opts.p1363);
}

function loadWritable() {
  return require('stream').Writable;
}

function initSignOrVerify(self, algorithm, options, cutAt) {
  validateString(algorithm, 'algorithm');
  if (digestInfo(algorithm) === undefined) {
    throw nativeError(Error, 'Invalid digest', 'ERR_CRYPTO_INVALID_DIGEST', undefined, cutAt);
  }
  self[kHash] = new Hash(algorithm);
  self[kAlgorithm] = algorithm;
  Reflect.apply(loadWritable(), self, [options]);
}

function Sign(algorithm, options) {
  setUpPrototypes();
  if (!(this instanceof Sign)) return new Sign(algorithm, options);
  initSignOrVerify(this, algorithm, options, Sign);
}

function Verify(algorithm, options) {
  setUpPrototypes();
  if (!(this instanceof Verify)) return new Verify(algorithm, options);
  initSignOrVerify(this, algorithm, options, Verify);
}

function update(data, encoding) {
  if (typeof data === 'string') {
    validateEncoding(data, encoding);
  } else if (!ArrayBuffer.isView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  this[kHash].update(data, encoding);
  return this;
}

function _write(chunk, encoding, callback) {
  this.update(chunk, encoding);
  callback();
}

function sign(options, encoding) {
  if (!options) throw new ERR_CRYPTO_SIGN_KEY_REQUIRED();
  const key = asymmetricKeyObject(preparePrivateKey(options), true, Sign.prototype.sign);
  const opts = signOptions(options);
  const ret = signWith(key, this[kHash].digest(), this[kAlgorithm], opts, Sign.prototype.sign);
  if (encoding && encoding !== 'buffer') return ret.toString(encoding);
  return ret;
}

function verify(options, signature, sigEncoding) {
  const key = asymmetricKeyObject(preparePublicOrPrivateKey(options), false, Verify.prototype.verify);
  const opts = signOptions(options);
  signature = getArrayBufferOrView(signature, 'signature', sigEncoding);
  return verifyWith(key, this[kHash].digest(), signature, this[kAlgorithm], opts);
}

let prototypesReady = false;
function setUpPrototypes() {
  if (prototypesReady) return;
  prototypesReady = true;
  const Writable = loadWritable();
  for (const Ctor of [Sign, Verify]) {
    Object.setPrototypeOf(Ctor.prototype, Writable.prototype);
    Object.setPrototypeOf(Ctor, Writable);
    Ctor.prototype._write = _write;
    Ctor.prototype.update = update;
  }
  Sign.prototype.sign = sign;
  Verify.prototype.verify = verify;
}

function createSign(algorithm, options) {
  setUpPrototypes();
  return new Sign(algorithm, options);
}

function createVerify(algorithm, options) {
  setUpPrototypes();
  return new Verify(algorithm, options);
}

// What a one-shot signs: the digest of `data`, or the data itself for Ed25519.
function toBeSigned(keyObject, algorithm, data, cutAt) {
  if (kMessageSigners.has(keyObject.asymmetricKeyType)) return { bytes: data, digestName: '' };
  const digestName = algorithm ?? 'sha256';
  const info = digestInfo(digestName);
  if (info === undefined) throw new ERR_CRYPTO_INVALID_DIGEST(digestName);
  return { bytes: binding.hashOnce(info[2], data), digestName };
}

function settle(callback, fn) {
  if (callback === undefined) return fn();
  let result, error = null;
  try {
    result = fn();
  } catch (err) {
    error = err;
  }
  process.nextTick(() => (error ? callback(error) : callback(null, result)));
}

function signOneShot(algorithm, data, key, callback) {
  if (algorithm != null) validateString(algorithm, 'algorithm');
  if (callback !== undefined) validateFunction(callback, 'callback');
  data = getArrayBufferOrView(data, 'data');
  if (!key) throw new ERR_CRYPTO_SIGN_KEY_REQUIRED();
  const opts = signOptions(key);
  const keyObject = asymmetricKeyObject(preparePrivateKey(key), true, signOneShot);
  return settle(callback, () => {
    const { bytes, digestName } = toBeSigned(keyObject, algorithm, data, signOneShot);
    return signWith(keyObject, bytes, digestName, opts, signOneShot);
  });
}

function verifyOneShot(algorithm, data, key, signature, callback) {
  if (algorithm != null) validateString(algorithm, 'algorithm');
  if (callback !== undefined) validateFunction(callback, 'callback');
  data = getArrayBufferOrView(data, 'data');
  if (!ArrayBuffer.isView(data)) throw new ERR_INVALID_ARG_TYPE('data', ['Buffer', 'TypedArray', 'DataView'], data);
  const opts = signOptions(key);
  if (!ArrayBuffer.isView(signature)) {
    throw new ERR_INVALID_ARG_TYPE('signature', ['Buffer', 'TypedArray', 'DataView'], signature);
  }
  const keyObject = asymmetricKeyObject(preparePublicOrPrivateKey(key), false, verifyOneShot);
  return settle(callback, () => {
    const { bytes, digestName } = toBeSigned(keyObject, algorithm, data, verifyOneShot);
    return verifyWith(keyObject, bytes, signature, digestName, opts);
  });
}

// ---- RSA encryption ----

const RSA_PKCS1_OAEP_PADDING = 4;

function rsaFunction(name, encrypt, wantPrivate, defaultPadding) {
  const fn = {
    [name](options, buffer) {
      const prepared = wantPrivate ? preparePrivateKey(options) : preparePublicOrPrivateKey(options);
      const keyObject = asymmetricKeyObject(prepared, wantPrivate, fn);
      const padding = options.padding ?? defaultPadding;
      if (!encrypt && padding === 1) {
        throw nativeError(TypeError, 'RSA_PKCS1_PADDING is no longer supported for private decryption, ' +
          'this can be reverted with --security-revert=CVE-2023-46809', 'ERR_INVALID_ARG_VALUE', undefined, fn);
      }
      const { oaepHash = 'sha1', oaepLabel } = options;
      if (oaepHash !== undefined) validateString(oaepHash, 'key.oaepHash');
      const label = oaepLabel === undefined ? undefined : getArrayBufferOrView(oaepLabel, 'key.oaepLabel');
      buffer = getArrayBufferOrView(buffer, 'buffer', options.encoding);
      const handle = keyObject[kHandle];
      const out = binding.rsaCipher(handle.data, handle.isPrivate, buffer, encrypt, padding, oaepHash, label);
      if (out === undefined) {
        throw encrypt ?
          opensslError('02000079', 'rsa routines', 'data too large for key size', 'ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE', fn) :
          opensslError('02000079', 'rsa routines', 'oaep decoding error', 'ERR_OSSL_RSA_OAEP_DECODING_ERROR', fn);
      }
      return asBuffer(out);
    },
  }[name];
  return fn;
}

const publicEncrypt = rsaFunction('publicEncrypt', true, false, RSA_PKCS1_OAEP_PADDING);
const privateDecrypt = rsaFunction('privateDecrypt', false, true, RSA_PKCS1_OAEP_PADDING);

module.exports = {
  Sign,
  Verify,
  createSign,
  createVerify,
  signOneShot,
  verifyOneShot,
  publicEncrypt,
  privateDecrypt,
};
