'use strict';
// generateKeyPair/generateKeyPairSync (rsa, rsa-pss, ec, ed25519, x25519) with
// publicKeyEncoding/privateKeyEncoding, and generateKey/generateKeySync (hmac,
// aes). Pairs are made in Rust (crypto_keys.rs), the async ones on the pool.

const binding = internalBinding('crypto');
const {
  codes: { ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const {
  validateFunction, validateInteger, validateObject, validateOneOf, validateString, validateUint32,
} = require('internal/validators');
const { nativeError } = require('internal/crypto/util');
const {
  KeyObjectHandle, SecretKeyObject, exportHandle, exportJwk, kHandle, keyObjectFrom,
  parsePrivateKeyEncoding, parsePublicKeyEncoding,
} = require('internal/crypto/keys');
const { randomBytes } = require('internal/crypto/random');
const { asBuffer } = require('internal/crypto/util');

const kCurves = new Map([
  ['prime256v1', 'prime256v1'], ['P-256', 'prime256v1'], ['secp256r1', 'prime256v1'],
  ['secp384r1', 'secp384r1'], ['P-384', 'secp384r1'], ['secp256k1', 'secp256k1'],
]);

function parseEncodings(keyType, options) {
  const { publicKeyEncoding, privateKeyEncoding } = options ?? {};
  let publicEncoding;
  if (publicKeyEncoding != null) {
    if (typeof publicKeyEncoding !== 'object') {
      throw new ERR_INVALID_ARG_VALUE('options.publicKeyEncoding', publicKeyEncoding);
    }
    publicEncoding = publicKeyEncoding.format === 'jwk' ? { format: 'jwk' } :
      parsePublicKeyEncoding(publicKeyEncoding, keyType, 'publicKeyEncoding');
  }
  let privateEncoding;
  if (privateKeyEncoding != null) {
    if (typeof privateKeyEncoding !== 'object') {
      throw new ERR_INVALID_ARG_VALUE('options.privateKeyEncoding', privateKeyEncoding);
    }
    privateEncoding = privateKeyEncoding.format === 'jwk' ? { format: 'jwk' } :
      parsePrivateKeyEncoding(privateKeyEncoding, keyType, 'privateKeyEncoding');
  }
  return { publicEncoding, privateEncoding };
}

// [type, modulusLength, publicExponent, curve] for Rust, checked as node checks them.
function parseParams(type, options) {
  validateString(type, 'type');
  switch (type) {
    case 'rsa':
    case 'rsa-pss': {
      validateObject(options, 'options');
      const { modulusLength, publicExponent = 0x10001 } = options;
      validateUint32(modulusLength, 'options.modulusLength');
      validateUint32(publicExponent, 'options.publicExponent');
      if (type === 'rsa-pss') {
        const { hashAlgorithm, mgf1HashAlgorithm, saltLength } = options;
        if (saltLength !== undefined) validateInteger(saltLength, 'options.saltLength', 0);
        if (hashAlgorithm !== undefined) validateString(hashAlgorithm, 'options.hashAlgorithm');
        if (mgf1HashAlgorithm !== undefined) validateString(mgf1HashAlgorithm, 'options.mgf1HashAlgorithm');
      }
      return [type, modulusLength, publicExponent, undefined];
    }
    case 'ec': {
      validateObject(options, 'options');
      const { namedCurve, paramEncoding } = options;
      validateString(namedCurve, 'options.namedCurve');
      if (paramEncoding !== undefined) validateOneOf(paramEncoding, 'options.paramEncoding', ['named', 'explicit']);
      const curve = kCurves.get(namedCurve);
      if (curve === undefined) {
        throw nativeError(TypeError, 'Invalid EC curve name', 'ERR_CRYPTO_INVALID_CURVE', undefined, parseParams);
      }
      return [type, 0, 0, curve];
    }
    case 'ed25519':
    case 'x25519':
      if (options !== undefined) validateObject(options, 'options');
      return [type, 0, 0, undefined];
    default:
      throw new ERR_INVALID_ARG_VALUE('type', type, 'must be a supported key type');
  }
}

function encodeKey(keyObject, encoding) {
  if (encoding === undefined) return keyObject;
  if (encoding.format === 'jwk') return exportJwk(keyObject[kHandle]);
  return exportHandle(keyObject[kHandle], encoding.format, encoding.type, encoding.cipher, encoding.passphrase);
}

function toPair(type, pkcs8, spki, encodings) {
  const keyType = type === 'rsa-pss' ? 'rsa' : type;
  const privateKey = keyObjectFrom([keyType, pkcs8, true]);
  const publicKey = keyObjectFrom([keyType, spki, false]);
  return {
    publicKey: encodeKey(publicKey, encodings.publicEncoding),
    privateKey: encodeKey(privateKey, encodings.privateEncoding),
  };
}

function generationError(code) {
  return nativeError(Error, code === 'unsupported' ? 'Unsupported key type' : 'Key generation job failed', undefined,
                     undefined, generationError);
}

function generateKeyPairSync(type, options) {
  const params = parseParams(type, options);
  const encodings = parseEncodings(type, options);
  const result = binding.keyGenerateSync(...params);
  if (typeof result === 'string') throw generationError(result);
  return toPair(type, asBuffer(result[0]), asBuffer(result[1]), encodings);
}

function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const params = parseParams(type, options);
  const encodings = parseEncodings(type, options);
  binding.keyGenerate(...params, (err, result) => {
    if (err !== null) return callback(generationError(err));
    let pair;
    try {
      pair = toPair(type, asBuffer(result[0]), asBuffer(result[1]), encodings);
    } catch (e) {
      return callback(e);
    }
    callback(null, pair.publicKey, pair.privateKey);
  });
}

function secretKeyLength(type, options) {
  validateString(type, 'type');
  validateObject(options, 'options');
  const { length } = options;
  switch (type) {
    case 'hmac':
      validateInteger(length, 'options.length', 8, 2 ** 31 - 1);
      return Math.floor(length / 8);
    case 'aes':
      validateOneOf(length, 'options.length', [128, 192, 256]);
      return length / 8;
    default:
      throw new ERR_INVALID_ARG_VALUE('type', type, 'must be a supported key type');
  }
}

function generateKeySync(type, options) {
  const bytes = randomBytes(secretKeyLength(type, options));
  return new SecretKeyObject(new KeyObjectHandle(bytes));
}

function generateKey(type, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const size = secretKeyLength(type, options);
  randomBytes(size, (err, bytes) => {
    if (err) return callback(err);
    callback(null, new SecretKeyObject(new KeyObjectHandle(bytes)));
  });
}

// util.promisify(generateKeyPair) resolves with { publicKey, privateKey }.
Object.defineProperty(generateKeyPair, require('internal/util').customPromisifyArgs, {
  __proto__: null, value: ['publicKey', 'privateKey'], enumerable: false,
});

module.exports = { generateKeyPair, generateKeyPairSync, generateKey, generateKeySync };
