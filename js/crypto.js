'use strict';
// node:crypto: hashes and HMACs (state in Rust), random numbers, timing-safe
// comparison, PBKDF2/HKDF/scrypt (sync or on the thread pool) and the Web
// Crypto object as far as getRandomValues/randomUUID/subtle.digest, ciphers
// (internal/crypto/cipher) and key objects (internal/crypto/keys).

const binding = internalBinding('crypto');
const { Hash, Hmac, hash, getHashes } = require('internal/crypto/hash');
const { randomBytes, randomFill, randomFillSync, randomInt, randomUUID } = require('internal/crypto/random');
const { pbkdf2, pbkdf2Sync } = require('internal/crypto/pbkdf2');
const { hkdf, hkdfSync } = require('internal/crypto/hkdf');
const { scrypt, scryptSync } = require('internal/crypto/scrypt');
const { isAnyArrayBuffer, nativeError } = require('internal/crypto/util');
const {
  Cipheriv, Decipheriv, createCipheriv, createDecipheriv, getCipherInfo, getCiphers,
} = require('internal/crypto/cipher');
const { KeyObject, createSecretKey, createPublicKey, createPrivateKey } = require('internal/crypto/keys');
const {
  Sign, Verify, createSign, createVerify, signOneShot, verifyOneShot, publicEncrypt, privateDecrypt,
} = require('internal/crypto/sig');
const { generateKeyPair, generateKeyPairSync, generateKey, generateKeySync } = require('internal/crypto/keygen');

function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

function createHmac(hmac, key, options) {
  return new Hmac(hmac, key, options);
}

function bufferSource(value, name) {
  if (ArrayBuffer.isView(value)) return value;
  if (isAnyArrayBuffer(value)) return new Uint8Array(value);
  throw nativeError(TypeError,
                    `The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`,
                    'ERR_INVALID_ARG_TYPE', undefined, timingSafeEqual);
}

function timingSafeEqual(buf1, buf2) {
  const a = bufferSource(buf1, 'buf1');
  const b = bufferSource(buf2, 'buf2');
  if (a.byteLength !== b.byteLength) {
    throw nativeError(RangeError, 'Input buffers must have the same byte length',
                      'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', undefined, timingSafeEqual);
  }
  return binding.timingSafeEqual(a, b);
}

// The curves we have, by OpenSSL's names (a subset of node's list).
function getCurves() {
  return ['prime256v1', 'secp256k1', 'secp384r1'];
}

function getFips() {
  return 0;
}

let webcryptoModule;
function lazyWebCrypto() {
  webcryptoModule ??= require('internal/crypto/webcrypto');
  return webcryptoModule;
}

function getRandomValues(array) {
  return lazyWebCrypto().crypto.getRandomValues(array);
}

const constants = Object.create(null);
Object.assign(constants, {
  OPENSSL_VERSION_NUMBER: 805306672,
  SSL_OP_ALL: 2147485776,
  SSL_OP_ALLOW_NO_DHE_KEX: 1024,
  SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION: 262144,
  SSL_OP_CIPHER_SERVER_PREFERENCE: 4194304,
  SSL_OP_CISCO_ANYCONNECT: 32768,
  SSL_OP_COOKIE_EXCHANGE: 8192,
  SSL_OP_CRYPTOPRO_TLSEXT_BUG: 2147483648,
  SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS: 2048,
  SSL_OP_LEGACY_SERVER_CONNECT: 4,
  SSL_OP_NO_COMPRESSION: 131072,
  SSL_OP_NO_ENCRYPT_THEN_MAC: 524288,
  SSL_OP_NO_QUERY_MTU: 4096,
  SSL_OP_NO_RENEGOTIATION: 1073741824,
  SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION: 65536,
  SSL_OP_NO_SSLv2: 0,
  SSL_OP_NO_SSLv3: 33554432,
  SSL_OP_NO_TICKET: 16384,
  SSL_OP_NO_TLSv1: 67108864,
  SSL_OP_NO_TLSv1_1: 268435456,
  SSL_OP_NO_TLSv1_2: 134217728,
  SSL_OP_NO_TLSv1_3: 536870912,
  SSL_OP_PRIORITIZE_CHACHA: 2097152,
  SSL_OP_TLS_ROLLBACK_BUG: 8388608,
  ENGINE_METHOD_RSA: 1,
  ENGINE_METHOD_DSA: 2,
  ENGINE_METHOD_DH: 4,
  ENGINE_METHOD_RAND: 8,
  ENGINE_METHOD_EC: 2048,
  ENGINE_METHOD_CIPHERS: 64,
  ENGINE_METHOD_DIGESTS: 128,
  ENGINE_METHOD_PKEY_METHS: 512,
  ENGINE_METHOD_PKEY_ASN1_METHS: 1024,
  ENGINE_METHOD_ALL: 65535,
  ENGINE_METHOD_NONE: 0,
  DH_CHECK_P_NOT_SAFE_PRIME: 2,
  DH_CHECK_P_NOT_PRIME: 1,
  DH_UNABLE_TO_CHECK_GENERATOR: 4,
  DH_NOT_SUITABLE_GENERATOR: 8,
  RSA_PKCS1_PADDING: 1,
  RSA_NO_PADDING: 3,
  RSA_PKCS1_OAEP_PADDING: 4,
  RSA_X931_PADDING: 5,
  RSA_PKCS1_PSS_PADDING: 6,
  RSA_PSS_SALTLEN_DIGEST: -1,
  RSA_PSS_SALTLEN_MAX_SIGN: -2,
  RSA_PSS_SALTLEN_AUTO: -2,
  defaultCoreCipherList:
    'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:' +
    'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:' +
    'ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:' +
    'DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:' +
    'DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA',
  TLS1_VERSION: 769,
  TLS1_1_VERSION: 770,
  TLS1_2_VERSION: 771,
  TLS1_3_VERSION: 772,
  POINT_CONVERSION_COMPRESSED: 2,
  POINT_CONVERSION_UNCOMPRESSED: 4,
  POINT_CONVERSION_HYBRID: 6,
});
let defaultCipherList = constants.defaultCoreCipherList;
Object.defineProperty(constants, 'defaultCipherList', {
  get() {
    return defaultCipherList;
  },
  set(value) {
    defaultCipherList = value;
  },
  enumerable: true,
  configurable: true,
});

module.exports = {
  createSign,
  createVerify,
  generateKey,
  generateKeyPair,
  generateKeyPairSync,
  generateKeySync,
  privateDecrypt,
  publicEncrypt,
  sign: signOneShot,
  verify: verifyOneShot,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  getCipherInfo,
  createHash,
  createHmac,
  getCiphers,
  getCurves,
  getHashes,
  hkdf,
  hkdfSync,
  pbkdf2,
  pbkdf2Sync,
  randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  scrypt,
  scryptSync,
  timingSafeEqual,
  getFips,
  hash,
  Hash,
  Hmac,
  Cipheriv,
  Decipheriv,
  KeyObject,
  Sign,
  Verify,
  constants,
};

Object.defineProperties(module.exports, {
  webcrypto: { get: () => lazyWebCrypto().crypto, enumerable: true, configurable: false },
  subtle: { get: () => lazyWebCrypto().subtle, enumerable: true, configurable: false },
  getRandomValues: { value: getRandomValues, writable: true, enumerable: true, configurable: true },
});
