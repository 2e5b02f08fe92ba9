'use strict';
// scrypt / scryptSync (RFC 7914) with node's defaults and OpenSSL's parameter
// and memory checks (both thrown at the call, as node's job does).

const binding = internalBinding('crypto');
const {
  codes: { ERR_CRYPTO_SCRYPT_INVALID_PARAMETER },
} = require('internal/errors');
const { validateFunction, validateInt32, validateInteger, validateUint32 } = require('internal/validators');
const { asBuffer, nativeError, toBytes } = require('internal/crypto/util');

const defaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };
const kBytesTypes = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'];

// One of two spellings of an option (N or cost, ...), never both.
function pickOption(options, short, long, value) {
  const hasShort = options[short] !== undefined;
  if (hasShort) {
    value = options[short];
    validateUint32(value, short);
  }
  if (options[long] !== undefined) {
    if (hasShort) throw new ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
    value = options[long];
    validateUint32(value, long);
  }
  return value;
}

function check(password, salt, keylen, options) {
  password = toBytes(password, 'password', kBytesTypes);
  salt = toBytes(salt, 'salt', kBytesTypes);
  validateInt32(keylen, 'keylen', 0);
  let { N, r, p, maxmem } = defaults;
  if (options && options !== defaults) {
    N = pickOption(options, 'N', 'cost', N);
    r = pickOption(options, 'r', 'blockSize', r);
    p = pickOption(options, 'p', 'parallelization', p);
    if (options.maxmem !== undefined) {
      maxmem = options.maxmem;
      validateInteger(maxmem, 'maxmem', 0);
    }
    if (N === 0) N = defaults.N;
    if (r === 0) r = defaults.r;
    if (p === 0) p = defaults.p;
    if (maxmem === 0) maxmem = defaults.maxmem;
  }
  return { password, salt, keylen, N, r, p, maxmem };
}

function invalidParams(reason) {
  const suffix = reason ? `: error:030000AC:digital envelope routines::${reason}` : '';
  return nativeError(RangeError, `Invalid scrypt params${suffix}`, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS');
}

// OpenSSL's EVP_PBE_scrypt checks, in its order.
function checkParams(a) {
  const [N, r, p, maxmem] = [BigInt(a.N), BigInt(a.r), BigInt(a.p), BigInt(a.maxmem)];
  if (r === 0n || p === 0n || N < 2n || (N & (N - 1n)) !== 0n) throw invalidParams();
  const kMemory = 'memory limit exceeded';
  if (p > ((1n << 30n) - 1n) / r) throw invalidParams(kMemory);
  if (16n * r <= 63n && N >= (1n << (16n * r))) throw invalidParams(kMemory);
  const blockLen = p * 128n * r;
  if (blockLen > 2147483647n) throw invalidParams(kMemory);
  const maxU64 = (1n << 64n) - 1n;
  if (N + 2n > (maxU64 / 128n) / r) throw invalidParams(kMemory);
  const vLen = 32n * r * (N + 2n) * 4n;
  if (blockLen + vLen > maxmem) throw invalidParams(kMemory);
}

function scryptSync(password, salt, keylen, options = defaults) {
  const a = check(password, salt, keylen, options);
  checkParams(a);
  return asBuffer(binding.scryptSync(a.password, a.salt, a.N, a.r, a.p, a.keylen));
}

function scrypt(password, salt, keylen, options, callback = defaults) {
  if (callback === defaults) {
    callback = options;
    options = defaults;
  }
  const a = check(password, salt, keylen, options);
  validateFunction(callback, 'callback');
  checkParams(a);
  binding.scrypt(a.password, a.salt, a.N, a.r, a.p, a.keylen, (err, out) => {
    if (err) return callback(err);
    callback(null, asBuffer(out));
  });
}

module.exports = { scrypt, scryptSync };
