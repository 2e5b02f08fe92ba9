'use strict';
// Shared pieces of node:fs and node:fs/promises: constants, open flags, and
// argument validation with node's exact errors.

const { Buffer } = require('buffer');
const {
  codes: {
    ERR_FS_EISDIR,
    ERR_FS_INVALID_SYMLINK_TYPE,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_OUT_OF_RANGE,
  },
} = require('internal/errors');
const {
  validateAbortSignal,
  validateBoolean,
  validateInt32,
  validateInteger,
  validateObject,
  validateUint32,
} = require('internal/validators');

// Linux values, as node's `fs.constants` (a null-prototype object).
const constants = Object.assign(Object.create(null), {
  UV_FS_SYMLINK_DIR: 1,
  UV_FS_SYMLINK_JUNCTION: 2,
  O_RDONLY: 0,
  O_WRONLY: 1,
  O_RDWR: 2,
  UV_DIRENT_UNKNOWN: 0,
  UV_DIRENT_FILE: 1,
  UV_DIRENT_DIR: 2,
  UV_DIRENT_LINK: 3,
  UV_DIRENT_FIFO: 4,
  UV_DIRENT_SOCKET: 5,
  UV_DIRENT_CHAR: 6,
  UV_DIRENT_BLOCK: 7,
  EXTENSIONLESS_FORMAT_JAVASCRIPT: 0,
  EXTENSIONLESS_FORMAT_WASM: 1,
  S_IFMT: 0o170000,
  S_IFREG: 0o100000,
  S_IFDIR: 0o040000,
  S_IFCHR: 0o020000,
  S_IFBLK: 0o060000,
  S_IFIFO: 0o010000,
  S_IFLNK: 0o120000,
  S_IFSOCK: 0o140000,
  O_CREAT: 64,
  O_EXCL: 128,
  UV_FS_O_FILEMAP: 0,
  O_NOCTTY: 256,
  O_TRUNC: 512,
  O_APPEND: 1024,
  O_DIRECTORY: 65536,
  O_NOATIME: 262144,
  O_NOFOLLOW: 131072,
  O_SYNC: 1052672,
  O_DSYNC: 4096,
  O_DIRECT: 16384,
  O_NONBLOCK: 2048,
  S_IRWXU: 448,
  S_IRUSR: 256,
  S_IWUSR: 128,
  S_IXUSR: 64,
  S_IRWXG: 56,
  S_IRGRP: 32,
  S_IWGRP: 16,
  S_IXGRP: 8,
  S_IRWXO: 7,
  S_IROTH: 4,
  S_IWOTH: 2,
  S_IXOTH: 1,
  F_OK: 0,
  R_OK: 4,
  W_OK: 2,
  X_OK: 1,
  UV_FS_COPYFILE_EXCL: 1,
  COPYFILE_EXCL: 1,
  UV_FS_COPYFILE_FICLONE: 2,
  COPYFILE_FICLONE: 2,
  UV_FS_COPYFILE_FICLONE_FORCE: 4,
  COPYFILE_FICLONE_FORCE: 4,
});

const { O_APPEND, O_CREAT, O_EXCL, O_RDONLY, O_RDWR, O_SYNC, O_TRUNC, O_WRONLY } = constants;

// node's string flags -> open(2) flags.
const FLAGS = {
  __proto__: null,
  'r': O_RDONLY,
  'rs': O_RDONLY | O_SYNC,
  'sr': O_RDONLY | O_SYNC,
  'r+': O_RDWR,
  'rs+': O_RDWR | O_SYNC,
  'sr+': O_RDWR | O_SYNC,
  'w': O_TRUNC | O_CREAT | O_WRONLY,
  'wx': O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  'xw': O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  'w+': O_TRUNC | O_CREAT | O_RDWR,
  'wx+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
  'xw+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
  'a': O_APPEND | O_CREAT | O_WRONLY,
  'ax': O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
  'xa': O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
  'as': O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
  'sa': O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
  'a+': O_APPEND | O_CREAT | O_RDWR,
  'ax+': O_APPEND | O_CREAT | O_RDWR | O_EXCL,
  'xa+': O_APPEND | O_CREAT | O_RDWR | O_EXCL,
  'as+': O_APPEND | O_CREAT | O_RDWR | O_SYNC,
  'sa+': O_APPEND | O_CREAT | O_RDWR | O_SYNC,
};

function stringToFlags(flags, name = 'flags') {
  if (typeof flags === 'number') return flags;
  if (flags == null) return O_RDONLY;
  const value = typeof flags === 'string' ? FLAGS[flags] : undefined;
  if (value === undefined) throw new ERR_INVALID_ARG_VALUE(name, flags);
  return value;
}

// An error thrown by node's C++ layer: plain class, `code` as an own property.
function nativeError(Ctor, code, message) {
  const err = new Ctor(message);
  err.code = code;
  return err;
}

function isURL(value) {
  return value != null && typeof value === 'object' && typeof value.href === 'string' &&
    typeof value.protocol === 'string' && value.auth === undefined && value.path === undefined;
}

function fileURLToPath(url) {
  try {
    return require('url').fileURLToPath(url);
  } catch (err) {
    if (err?.code !== 'MODULE_NOT_FOUND' && err?.code !== 'ERR_UNKNOWN_BUILTIN_MODULE') throw err;
  }
  if (url.protocol !== 'file:') {
    throw nativeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
  }
  return decodeURIComponent(url.pathname);
}

function toPathIfFileURL(value) {
  return isURL(value) ? fileURLToPath(value) : value;
}

function getValidatedPath(fileURLOrPath, name = 'path') {
  const path = toPathIfFileURL(fileURLOrPath);
  if (typeof path === 'string') {
    if (path.includes('\u0000')) {
      throw new ERR_INVALID_ARG_VALUE(name, path, 'must be a string, Uint8Array, or URL without null bytes');
    }
    return path;
  }
  if (path instanceof Uint8Array) {
    if (path.includes(0)) {
      throw new ERR_INVALID_ARG_VALUE(name, path, 'must be a string, Uint8Array, or URL without null bytes');
    }
    return Buffer.from(path.buffer, path.byteOffset, path.byteLength).toString();
  }
  throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'URL'], path);
}

function getValidatedFd(fd, name = 'fd') {
  if (Object.is(fd, -0)) return 0;
  validateInt32(fd, name, 0);
  return fd;
}

function assertEncoding(encoding) {
  if (encoding && !Buffer.isEncoding(encoding)) {
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
  }
}

// Options may be an encoding string or an object; defaults are not merged
// into a given object, as in node.
function getOptions(options, defaults = {}) {
  if (options == null || typeof options === 'function') return defaults;
  if (typeof options === 'string') {
    options = { ...defaults, encoding: options };
  } else if (typeof options !== 'object') {
    const err = new ERR_INVALID_ARG_TYPE('options', ['string', 'Object'], options);
    const received = err.message.slice(err.message.indexOf('. Received'));
    throw withMessage(err, `The "options" argument must be one of type string or object${received}`);
  }
  if (options.encoding !== 'buffer') assertEncoding(options.encoding);
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  return options;
}

// Replaces a node error's message (and the stack header that repeats it).
function withMessage(err, message) {
  const old = err.message;
  err.message = message;
  if (typeof err.stack === 'string') err.stack = err.stack.replace(old, message);
  return err;
}

// access() and copyFile() modes: checked as node's C++ layer checks them.
function getValidMode(mode, max = 7) {
  if (mode == null) return 0;
  if (typeof mode !== 'number') {
    throw nativeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'mode must be int32 or null/undefined');
  }
  mode = Math.trunc(mode);
  if (mode < 0 || mode > max) {
    throw nativeError(RangeError, 'ERR_OUT_OF_RANGE', `mode is out of range: >= 0 && <= ${max}`);
  }
  return mode;
}

function validateOffsetLengthRead(offset, length, bufferLength) {
  if (offset < 0) throw new ERR_OUT_OF_RANGE('offset', '>= 0', offset);
  if (length < 0) throw new ERR_OUT_OF_RANGE('length', '>= 0', length);
  if (offset + length > bufferLength) {
    throw new ERR_OUT_OF_RANGE('length', `<= ${bufferLength - offset}`, length);
  }
}

function validateOffsetLengthWrite(offset, length, byteLength) {
  if (offset > byteLength) throw new ERR_OUT_OF_RANGE('offset', `<= ${byteLength}`, offset);
  if (length > byteLength - offset) throw new ERR_OUT_OF_RANGE('length', `<= ${byteLength - offset}`, length);
  if (length < 0) throw new ERR_OUT_OF_RANGE('length', '>= 0', length);
  validateInt32(length, 'length', 0);
}

// Returns the position as a number (-1: the current file position).
function validatePosition(position, name) {
  if (typeof position === 'number') {
    validateInteger(position, name, -1);
    return position;
  }
  if (typeof position === 'bigint') {
    const max = 2n ** 63n - 1n;
    if (!(position >= -max - 1n && position <= max)) {
      throw new ERR_OUT_OF_RANGE(name, `>= ${-max - 1n} && <= ${max}`, position);
    }
    return position < 0n ? -1 : Number(position);
  }
  throw new ERR_INVALID_ARG_TYPE(name, ['integer', 'bigint'], position);
}

function validateStringAfterArrayBufferView(buffer, name) {
  if (typeof buffer !== 'string') {
    throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
  }
}

function toUnixTimestamp(time, name = 'time') {
  // eslint-disable-next-line eqeqeq
  if (typeof time === 'string' && +time == time) return +time;
  if (Number.isFinite(time)) return time < 0 ? Date.now() / 1000 : time;
  if (time instanceof Date) return time.getTime() / 1000;
  throw new ERR_INVALID_ARG_TYPE(name, ['Date', 'Time in seconds'], time);
}

function stringToSymlinkType(type) {
  if (type == null || type === 'dir' || type === 'file' || type === 'junction') return type;
  throw new ERR_FS_INVALID_SYMLINK_TYPE(type);
}

function validateRmOptions(options) {
  if (options === undefined) return { recursive: false, force: false };
  validateObject(options, 'options');
  const { recursive = false, force = false, maxRetries = 0, retryDelay = 100 } = options;
  validateBoolean(recursive, 'options.recursive');
  validateBoolean(force, 'options.force');
  validateInt32(retryDelay, 'options.retryDelay', 0);
  validateUint32(maxRetries, 'options.maxRetries');
  return { recursive, force };
}

// The Rust rm op reports "directory without recursive" as syscall 'rm'.
function rmError(err, path) {
  if (err?.syscall !== 'rm' || err.code !== 'EISDIR') return err;
  return new ERR_FS_EISDIR({ code: 'EISDIR', message: 'is a directory', path, syscall: 'rm', errno: err.errno });
}

// fs/promises registers its FileHandle class here, so the streams can accept
// one as `fd` without loading fs/promises themselves.
const fileHandleClass = { FileHandle: undefined };

function isFileHandle(value) {
  return fileHandleClass.FileHandle !== undefined && value instanceof fileHandleClass.FileHandle;
}

module.exports = {
  fileHandleClass,
  isFileHandle,
  assertEncoding,
  constants,
  getOptions,
  getValidatedFd,
  getValidatedPath,
  getValidMode,
  nativeError,
  rmError,
  stringToFlags,
  stringToSymlinkType,
  toPathIfFileURL,
  toUnixTimestamp,
  validateOffsetLengthRead,
  validateOffsetLengthWrite,
  validatePosition,
  validateRmOptions,
  validateStringAfterArrayBufferView,
};
