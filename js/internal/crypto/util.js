'use strict';
// Shared helpers of the crypto modules: byte conversion of keys and data,
// digest look-ups, and the errors node's C++ layer throws (plain errors that
// carry a `code`, with no "[CODE]" in their stack line).

const binding = internalBinding('crypto');
const { Buffer } = require('buffer');
const {
  codes: { ERR_INVALID_ARG_TYPE },
} = require('internal/errors');

const isAnyArrayBuffer = (value) =>
  value instanceof ArrayBuffer ||
  (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer);

// A Buffer over the same memory as a Uint8Array the binding returned.
function asBuffer(u8) {
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

// Strings (in `encoding`), ArrayBuffers and views as a view of their bytes.
function toBytes(value, name, expected, encoding = 'utf8') {
  if (typeof value === 'string') return Buffer.from(value, encoding);
  if (ArrayBuffer.isView(value)) return value;
  if (isAnyArrayBuffer(value)) return new Uint8Array(value);
  throw new ERR_INVALID_ARG_TYPE(name, expected, value);
}

// digestInfo(name) -> [outputLength, isXof] | undefined, cached per name.
const digestInfoCache = new Map();
function digestInfo(name) {
  let info = digestInfoCache.get(name);
  if (info === undefined && !digestInfoCache.has(name)) {
    info = binding.digestInfo(name);
    digestInfoCache.set(name, info);
  }
  return info;
}

// An error as node's C++ makes it; its stack starts at the caller of `cutAt`.
function nativeError(Ctor, message, code, extra, cutAt = nativeError) {
  const err = new Ctor(message);
  Error.captureStackTrace(err, cutAt);
  if (extra !== undefined) Object.assign(err, extra);
  if (code !== undefined) err.code = code;
  return err;
}

// OpenSSL's errors as node reports them: `library`, `reason`, then `code`.
function opensslError(hex, library, reason, code, cutAt = opensslError) {
  return nativeError(Error, `error:${hex}:${library}::${reason}`, code, { library, reason }, cutAt);
}

// Digests OpenSSL 3 knows but only in its legacy provider, which node does not load.
const kLegacyDigests = new Set([
  'md4', 'rsa-md4', 'md4withrsaencryption', 'whirlpool', 'mdc2', 'rsa-mdc2', 'mdc2withrsa',
]);

function isLegacyDigest(name) {
  return kLegacyDigests.has(`${name}`.toLowerCase());
}

function legacyDigestError(name, cutAt) {
  if (!isLegacyDigest(name)) return undefined;
  const err = opensslError('0308010C', 'digital envelope routines', 'unsupported', 'ERR_OSSL_EVP_UNSUPPORTED', cutAt);
  const { library, reason, code } = err;
  delete err.library;
  delete err.reason;
  delete err.code;
  err.opensslErrorStack = [
    'error:03000086:digital envelope routines::initialization error',
    'error:0308010C:digital envelope routines::unsupported',
  ];
  return Object.assign(err, { library, reason, code });
}

module.exports = {
  asBuffer,
  digestInfo,
  isAnyArrayBuffer,
  isLegacyDigest,
  legacyDigestError,
  nativeError,
  opensslError,
  toBytes,
};
