'use strict';
// node:crypto (so far: pbkdf2 / pbkdf2Sync on ring, sync or on the thread pool).

const binding = internalBinding('crypto');
const { Buffer } = require('buffer');
const {
  codes: { ERR_CRYPTO_INVALID_DIGEST, ERR_INVALID_ARG_TYPE },
} = require('internal/errors');
const { validateFunction, validateInt32, validateString } = require('internal/validators');

const kMaxLength = 2 ** 31 - 1;

function toBuf(value, name) {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) return Buffer.from(value);
  throw new ERR_INVALID_ARG_TYPE(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], value);
}

let supportedDigests;
function checkPbkdf2Args(password, salt, iterations, keylen, digest) {
  validateString(digest, 'digest');
  password = toBuf(password, 'password');
  salt = toBuf(salt, 'salt');
  validateInt32(iterations, 'iterations', 1);
  validateInt32(keylen, 'keylen', 0, kMaxLength);
  supportedDigests ??= binding.pbkdf2Digests();
  const normalized = digest.toLowerCase().replace(/^sha-/, 'sha');
  if (!supportedDigests.includes(normalized)) throw new ERR_CRYPTO_INVALID_DIGEST(digest);
  return { password, salt, iterations, keylen, digest: normalized };
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  const a = checkPbkdf2Args(password, salt, iterations, keylen, digest);
  const out = binding.pbkdf2Sync(a.password, a.salt, a.iterations, a.keylen, a.digest);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  const a = checkPbkdf2Args(password, salt, iterations, keylen, digest);
  validateFunction(callback, 'callback');
  binding.pbkdf2(a.password, a.salt, a.iterations, a.keylen, a.digest, (err, out) => {
    if (err) return callback(err);
    callback(null, Buffer.from(out.buffer, out.byteOffset, out.byteLength));
  });
}

module.exports = { pbkdf2, pbkdf2Sync };
