'use strict';
// hkdf / hkdfSync (RFC 5869) with any of node's fixed-length digests; the
// derived bits come back as an ArrayBuffer, as in node.

const binding = internalBinding('crypto');
const {
  codes: { ERR_CRYPTO_INVALID_DIGEST, ERR_OUT_OF_RANGE },
} = require('internal/errors');
const { validateFunction, validateInteger, validateString } = require('internal/validators');
const { digestInfo, nativeError, toBytes } = require('internal/crypto/util');

const kMaxLength = 2 ** 32;
const kKeyTypes = ['string', 'SecretKeyObject', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer'];
const kByteSourceTypes = ['string', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer'];

function validateParameters(hash, key, salt, info, length) {
  validateString(hash, 'digest');
  key = toBytes(key, 'ikm', kKeyTypes);
  salt = toBytes(salt, 'salt', kByteSourceTypes);
  info = toBytes(info, 'info', kByteSourceTypes);
  validateInteger(length, 'length', 0, kMaxLength);
  if (info.byteLength > 1024) {
    throw new ERR_OUT_OF_RANGE('info', 'must not contain more than 1024 bytes', info.byteLength);
  }
  return { hash, key, salt, info, length };
}

// What node's job checks before it runs: the digest and the length limit.
function checkJob({ hash, length }) {
  const info = digestInfo(hash);
  if (info === undefined) throw new ERR_CRYPTO_INVALID_DIGEST(hash);
  if (!info[1] && length > 255 * info[0]) {
    throw nativeError(RangeError, 'Invalid key length', 'ERR_CRYPTO_INVALID_KEYLEN');
  }
}

function hkdfSync(hash, key, salt, info, length) {
  const a = validateParameters(hash, key, salt, info, length);
  checkJob(a);
  return binding.hkdfSync(a.hash, a.key, a.salt, a.info, a.length).buffer;
}

function hkdf(hash, key, salt, info, length, callback) {
  const a = validateParameters(hash, key, salt, info, length);
  validateFunction(callback, 'callback');
  checkJob(a);
  binding.hkdf(a.hash, a.key, a.salt, a.info, a.length, (err, bits) => {
    if (err) return callback(err);
    callback(null, bits.buffer);
  });
}

module.exports = { hkdf, hkdfSync };
