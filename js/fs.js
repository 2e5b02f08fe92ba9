'use strict';
// node:fs. Each operation has one Rust implementation; the callback form runs it
// on the thread pool and the Sync form runs it here. So far: readFile,
// writeFile, appendFile, stat, lstat, exists, and their Sync twins.

const binding = internalBinding('fs');
const { Buffer } = require('buffer');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const { validateFunction, validateObject } = require('internal/validators');
const { Stats } = require('internal/fs/stats');

function getValidatedPath(path, name = 'path') {
  if (path instanceof URL || (path !== null && typeof path === 'object' && path.href && path.protocol)) {
    path = require('url').fileURLToPath(path);
  } else if (path instanceof Uint8Array) {
    path = Buffer.from(path.buffer, path.byteOffset, path.byteLength).toString();
  } else if (typeof path !== 'string') {
    throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'URL'], path);
  }
  if (path.includes('\u0000')) {
    throw new ERR_INVALID_ARG_VALUE(name, path, 'must be a string, Uint8Array, or URL without null bytes');
  }
  return path;
}

function getOptions(options, defaults) {
  if (options === null || options === undefined || typeof options === 'function') return defaults;
  if (typeof options === 'string') return { ...defaults, encoding: options };
  validateObject(options, 'options');
  return { ...defaults, ...options };
}

function assertEncoding(encoding) {
  if (encoding && encoding !== 'buffer' && !Buffer.isEncoding(encoding)) {
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
  }
}

function toBuffer(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function decodeContents(bytes, encoding) {
  const buf = toBuffer(bytes);
  return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
}

function makeCallback(cb) {
  validateFunction(cb, 'cb');
  return cb;
}

function readFileSync(path, options) {
  const { encoding } = getOptions(options, { flag: 'r', encoding: null });
  assertEncoding(encoding);
  return decodeContents(binding.readFileSync(getValidatedPath(path)), encoding);
}

function readFile(path, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  const { encoding } = getOptions(options, { flag: 'r', encoding: null });
  assertEncoding(encoding);
  binding.readFile(getValidatedPath(path), (err, bytes) => {
    if (err) return callback(err);
    let contents;
    try {
      contents = decodeContents(bytes, encoding);
    } catch (decodeErr) {
      return callback(decodeErr);
    }
    callback(null, contents);
  });
}

function dataBytes(data, encoding) {
  if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
  if (ArrayBuffer.isView(data)) return data;
  throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

function writeArgs(path, data, options, defaultFlag) {
  const opts = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: defaultFlag });
  assertEncoding(opts.encoding);
  const append = String(opts.flag).startsWith('a');
  return [getValidatedPath(path, 'file'), dataBytes(data, opts.encoding), append, opts.mode];
}

function writeFileSync(path, data, options) {
  binding.writeFileSync(...writeArgs(path, data, options, 'w'));
}

function writeFile(path, data, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  binding.writeFile(...writeArgs(path, data, options, 'w'), (err) => callback(err));
}

function appendFileSync(path, data, options) {
  binding.writeFileSync(...writeArgs(path, data, options, 'a'));
}

function appendFile(path, data, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  binding.writeFile(...writeArgs(path, data, options, 'a'), (err) => callback(err));
}

// stat and lstat share everything but the Rust op.
function statPair(syncOp, asyncOp) {
  function statSync(path, options = { throwIfNoEntry: true }) {
    try {
      return new Stats(syncOp(getValidatedPath(path)));
    } catch (err) {
      if (err.code === 'ENOENT' && options?.throwIfNoEntry === false) return undefined;
      throw err;
    }
  }
  function stat(path, options, callback) {
    callback = makeCallback(typeof options === 'function' ? options : callback);
    asyncOp(getValidatedPath(path), (err, fields) => (err ? callback(err) : callback(null, new Stats(fields))));
  }
  return [statSync, stat];
}

const [statSync, stat] = statPair(binding.statSync, binding.stat);
const [lstatSync, lstat] = statPair(binding.lstatSync, binding.lstat);

function existsSync(path) {
  try {
    return binding.internalModuleStat(getValidatedPath(path)) >= 0;
  } catch {
    return false;
  }
}

function exists(path, callback) {
  validateFunction(callback, 'cb');
  stat(path, (err) => callback(!err));
}

module.exports = {
  readFile,
  readFileSync,
  writeFile,
  writeFileSync,
  appendFile,
  appendFileSync,
  stat,
  statSync,
  lstat,
  lstatSync,
  exists,
  existsSync,
  Stats,
  constants: { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2 },
};
