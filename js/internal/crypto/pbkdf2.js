'use strict';
// pbkdf2 / pbkdf2Sync: PBKDF2-HMAC with any of node's digests, on `ring` where
// it has the digest, sync or on the thread pool.

const binding = internalBinding('crypto');
const {
  codes: { ERR_CRYPTO_INVALID_DIGEST },
} = require('internal/errors');
const { validateFunction, validateInt32, validateString } = require('internal/validators');
const { asBuffer, digestInfo, isLegacyDigest, nativeError, toBytes } = require('internal/crypto/util');

const kBytesTypes = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'];

function check(password, salt, iterations, keylen, digest) {
  validateString(digest, 'digest');
  password = toBytes(password, 'password', kBytesTypes);
  salt = toBytes(salt, 'salt', kBytesTypes);
  validateInt32(iterations, 'iterations', 1);
  validateInt32(keylen, 'keylen', 0);
  return { password, salt, iterations, keylen, digest };
}

function checkDigest(digest) {
  if (digestInfo(digest) !== undefined) return;
  if (isLegacyDigest(digest)) {
    throw nativeError(Error, 'error:0308010C:digital envelope routines::unsupported', undefined, undefined, checkDigest);
  }
  throw new ERR_CRYPTO_INVALID_DIGEST(digest);
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  const a = check(password, salt, iterations, keylen, digest);
  checkDigest(a.digest);
  return asBuffer(binding.pbkdf2Sync(a.password, a.salt, a.iterations, a.keylen, a.digest));
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  const a = check(password, salt, iterations, keylen, digest);
  validateFunction(callback, 'callback');
  checkDigest(a.digest);
  binding.pbkdf2(a.password, a.salt, a.iterations, a.keylen, a.digest, (err, out) => {
    if (err) return callback(err);
    callback(null, asBuffer(out));
  });
}

module.exports = { pbkdf2, pbkdf2Sync };
