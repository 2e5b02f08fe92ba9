'use strict';
// node:fs. Each operation has one Rust implementation (internalBinding('fs'));
// the callback form runs it on the thread pool and the Sync form runs it
// here. Arguments are checked here, with node's errors, before Rust sees them.
// Streams and watchers are not implemented yet.

const binding = internalBinding('fs');
const { Buffer } = require('buffer');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const {
  parseFileMode,
  validateBoolean,
  validateBuffer,
  validateFunction,
  validateInteger,
  validateObject,
  kValidateObjectAllowNullable,
} = require('internal/validators');
const { Stats } = require('internal/fs/stats');
const { statsFrom } = require('internal/fs/bigint_stats');
const { Dirent } = require('internal/fs/dirent');
const {
  constants,
  getOptions,
  getValidatedFd,
  getValidatedPath,
  getValidMode,
  rmError,
  stringToFlags,
  stringToSymlinkType,
  toUnixTimestamp,
  validateOffsetLengthRead,
  validateOffsetLengthWrite,
  validatePosition,
  validateRmOptions,
  validateStringAfterArrayBufferView,
} = require('internal/fs/utils');

const { F_OK } = constants;
const kMaxUserId = 2 ** 32 - 1;

function makeCallback(cb) {
  validateFunction(cb, 'cb');
  return cb;
}

// The callback is the last function argument; anything after the required
// arguments may be an options value or the callback itself.
function lastCallback(options, callback) {
  return makeCallback(typeof options === 'function' ? options : callback);
}

function toBuffer(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function asView(buffer) {
  return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function decodeContents(bytes, encoding) {
  const buf = toBuffer(bytes);
  return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
}

// Names (paths, entries) in the requested encoding.
function encodeName(name, encoding) {
  if (!encoding || encoding === 'utf8' || encoding === 'utf-8') return name;
  const buf = Buffer.from(name);
  return encoding === 'buffer' ? buf : buf.toString(encoding);
}

function isFd(value) {
  return Number.isInteger(value) && value >= 0 && value <= 2147483647;
}

// ---- readFile / writeFile / appendFile ----

function readFileSync(path, options) {
  options = getOptions(options, { flag: 'r' });
  if (isFd(path)) return decodeContents(binding.readFileFdSync(path), options.encoding);
  const flags = stringToFlags(options.flag);
  return decodeContents(binding.readFileSync(getValidatedPath(path), flags), options.encoding);
}

function readFile(path, options, callback) {
  callback = lastCallback(options, callback);
  options = getOptions(options, { flag: 'r' });
  const done = (err, bytes) => {
    if (err) return callback(err);
    let contents;
    try {
      contents = decodeContents(bytes, options.encoding);
    } catch (decodeErr) {
      return callback(decodeErr);
    }
    callback(null, contents);
  };
  if (isFd(path)) return binding.readFileFd(path, done);
  const flags = stringToFlags(options.flag);
  binding.readFile(getValidatedPath(path), flags, done);
}

function dataBytes(data, encoding) {
  if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
  if (ArrayBuffer.isView(data)) return asView(data);
  throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

function writeOptions(options, defaultFlag) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: defaultFlag });
  return {
    encoding: options.encoding ?? 'utf8',
    flags: stringToFlags(options.flag ?? defaultFlag),
    mode: parseFileMode(options.mode, 'mode', 0o666),
  };
}

function writeAllSync(fd, bytes) {
  let offset = 0;
  while (offset < bytes.byteLength) {
    offset += binding.writeSync(fd, bytes.subarray(offset), -1);
  }
}

function writeAll(fd, bytes, callback) {
  if (bytes.byteLength === 0) return callback(null);
  binding.write(fd, bytes, -1, (err, written) => {
    if (err) return callback(err);
    writeAll(fd, bytes.subarray(written), callback);
  });
}

function writeFileSync(path, data, options) {
  const opts = writeOptions(options, 'w');
  const bytes = dataBytes(data, opts.encoding);
  if (isFd(path)) return writeAllSync(path, bytes);
  binding.writeFileSync(getValidatedPath(path, 'file'), bytes, opts.flags, opts.mode);
}

function writeFile(path, data, options, callback) {
  callback = lastCallback(options, callback);
  const opts = writeOptions(options, 'w');
  const bytes = dataBytes(data, opts.encoding);
  if (isFd(path)) return writeAll(path, bytes, callback);
  binding.writeFile(getValidatedPath(path, 'file'), bytes, opts.flags, opts.mode, (err) => callback(err));
}

function appendOptions(options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  return { ...options, flag: options.flag || 'a' };
}

function appendFileSync(path, data, options) {
  writeFileSync(path, data, appendOptions(options));
}

function appendFile(path, data, options, callback) {
  callback = lastCallback(options, callback);
  writeFile(path, data, appendOptions(options), callback);
}

// ---- stat ----

function statSyncFrom(op, path, options = { bigint: false, throwIfNoEntry: true }) {
  try {
    return statsFrom(op(getValidatedPath(path), Boolean(options?.bigint)));
  } catch (err) {
    if (err.code === 'ENOENT' && options?.throwIfNoEntry === false) return undefined;
    throw err;
  }
}

function statAsync(op, path, options, callback) {
  callback = lastCallback(options, callback);
  const bigint = typeof options === 'object' && Boolean(options?.bigint);
  op(getValidatedPath(path), bigint, (err, fields) => (err ? callback(err) : callback(null, statsFrom(fields))));
}

function statSync(path, options) {
  return statSyncFrom(binding.statSync, path, options);
}

function lstatSync(path, options) {
  return statSyncFrom(binding.lstatSync, path, options);
}

function stat(path, options, callback) {
  statAsync(binding.stat, path, options, callback);
}

function lstat(path, options, callback) {
  statAsync(binding.lstat, path, options, callback);
}

function fstatSync(fd, options) {
  return statsFrom(binding.fstatSync(getValidatedFd(fd), Boolean(options?.bigint)));
}

function fstat(fd, options, callback) {
  callback = lastCallback(options, callback);
  const bigint = typeof options === 'object' && Boolean(options?.bigint);
  binding.fstat(getValidatedFd(fd), bigint, (err, fields) => (err ? callback(err) : callback(null, statsFrom(fields))));
}

function existsSync(path) {
  try {
    return binding.internalModuleStat(getValidatedPath(path)) >= 0;
  } catch {
    return false;
  }
}

function exists(path, callback) {
  validateFunction(callback, 'cb');
  try {
    binding.access(getValidatedPath(path), F_OK, (err) => callback(!err));
  } catch {
    callback(false);
  }
}

Object.defineProperty(exists, Symbol.for('nodejs.util.promisify.custom'), {
  value: function exists(path) {
    return new Promise((resolve) => module.exports.exists(path, resolve));
  },
});

// ---- open / close / read / write ----

function openArgs(path, flags, mode) {
  return [getValidatedPath(path), stringToFlags(flags ?? 'r'), parseFileMode(mode, 'mode', 0o666)];
}

function openSync(path, flags, mode) {
  return binding.openSync(...openArgs(path, flags, mode));
}

function open(path, flags, mode, callback) {
  if (typeof flags === 'function') {
    callback = flags;
    flags = undefined;
    mode = undefined;
  } else if (typeof mode === 'function') {
    callback = mode;
    mode = undefined;
  }
  const args = openArgs(path, flags, mode);
  binding.open(...args, makeCallback(callback));
}

function defaultCloseCallback(err) {
  if (err != null) throw err;
}

function closeSync(fd) {
  binding.closeSync(getValidatedFd(fd));
}

function close(fd, callback = defaultCloseCallback) {
  fd = getValidatedFd(fd);
  if (callback !== defaultCloseCallback) validateFunction(callback, 'cb');
  binding.close(fd, (err) => callback(err));
}

// Normalises readSync/read arguments; returns null when nothing is to be read.
function readParams(buffer, offset, length, position) {
  if (offset == null) {
    offset = 0;
  } else {
    validateInteger(offset, 'offset', 0);
  }
  length |= 0;
  if (length === 0) return null;
  if (buffer.byteLength === 0) {
    throw new ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
  }
  validateOffsetLengthRead(offset, length, buffer.byteLength);
  position = validatePosition(position ?? -1, 'position');
  return { offset, length, position };
}

function readSync(fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  validateBuffer(buffer);
  let offset = offsetOrOptions;
  if (arguments.length <= 3 || typeof offsetOrOptions === 'object') {
    if (offsetOrOptions !== undefined) validateObject(offsetOrOptions, 'options', kValidateObjectAllowNullable);
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions ?? {});
  }
  const params = readParams(buffer, offset, length, position);
  if (params === null) return 0;
  const view = new Uint8Array(buffer.buffer, buffer.byteOffset + params.offset, params.length);
  return binding.readSync(fd, view, params.position);
}

function read(fd, buffer, offsetOrOptions, length, position, callback) {
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  let params = null;
  if (arguments.length <= 4) {
    if (arguments.length === 4) {
      validateObject(offsetOrOptions, 'options', kValidateObjectAllowNullable);
      callback = length;
      params = offsetOrOptions;
    } else if (arguments.length === 3) {
      if (!ArrayBuffer.isView(buffer)) {
        params = buffer;
        ({ buffer = Buffer.alloc(16384) } = params ?? {});
      }
      callback = offsetOrOptions;
    } else {
      callback = buffer;
      buffer = Buffer.alloc(16384);
    }
    if (params !== undefined) validateObject(params, 'options', kValidateObjectAllowNullable);
    ({ offset = 0, length = buffer?.byteLength - offset, position = null } = params ?? {});
  }
  validateBuffer(buffer);
  validateFunction(callback, 'cb');
  const checked = readParams(buffer, offset, length, position);
  if (checked === null) return process.nextTick(() => callback(null, 0, buffer));
  binding.read(fd, checked.length, checked.position, (err, bytes) => {
    if (err) return callback(err, 0, buffer);
    asView(buffer).set(bytes, checked.offset);
    callback(null, bytes.byteLength, buffer);
  });
}

// writeSync/write on a buffer: the region to write, validated as node does.
function bufferRegion(buffer, offset, length) {
  if (offset == null || typeof offset === 'function') {
    offset = 0;
  } else {
    validateInteger(offset, 'offset', 0);
  }
  if (typeof length !== 'number') length = buffer.byteLength - offset;
  validateOffsetLengthWrite(offset, length, buffer.byteLength);
  return new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length);
}

function stringBytes(string, encoding) {
  return Buffer.from(string, typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8');
}

function writePosition(position) {
  return typeof position === 'number' && position >= 0 ? position : -1;
}

function writeSync(fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  if (ArrayBuffer.isView(buffer)) {
    let offset = offsetOrOptions;
    if (offset !== null && typeof offset === 'object') {
      ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions);
    }
    if (typeof offset !== 'number') offset = 0;
    return binding.writeSync(fd, bufferRegion(buffer, offset, length), writePosition(position));
  }
  validateStringAfterArrayBufferView(buffer, 'buffer');
  return binding.writeSync(fd, stringBytes(buffer, length), writePosition(offsetOrOptions));
}

function write(fd, buffer, offsetOrOptions, length, position, callback) {
  fd = getValidatedFd(fd);
  const done = (cb) => (err, written) => cb(err, written || 0, buffer);
  if (ArrayBuffer.isView(buffer)) {
    callback = makeCallback(callback || position || length || offsetOrOptions);
    let offset = offsetOrOptions;
    if (offset !== null && typeof offset === 'object') {
      ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions);
    }
    const region = bufferRegion(buffer, offset, length);
    return binding.write(fd, region, writePosition(position), done(callback));
  }
  validateStringAfterArrayBufferView(buffer, 'buffer');
  let offset = offsetOrOptions;
  let encoding = length;
  if (typeof position !== 'function') {
    if (typeof offset === 'function') {
      position = offset;
      offset = null;
    } else {
      position = length;
    }
    encoding = 'utf8';
  }
  callback = makeCallback(position);
  binding.write(fd, stringBytes(buffer, encoding), writePosition(offset), done(callback));
}

// ---- directories ----

function readdirOptions(options) {
  options = getOptions(options);
  if (options.recursive != null) validateBoolean(options.recursive, 'options.recursive');
  return {
    encoding: options.encoding,
    withFileTypes: Boolean(options.withFileTypes),
    recursive: Boolean(options.recursive),
  };
}

function joinPath(dir, name) {
  return require('path').join(dir, name);
}

function relativeTo(base, full) {
  return require('path').relative(base, full);
}

// Turns one directory's raw result into names or Dirents; returns the
// subdirectories to visit next when listing recursively.
function collectEntries(dir, raw, base, opts, out) {
  const subdirs = [];
  if (opts.withFileTypes) {
    const [names, types] = raw;
    for (let i = 0; i < names.length; i++) {
      const dirent = new Dirent(encodeName(names[i], opts.encoding), types[i], dir);
      out.push(dirent);
      if (opts.recursive && types[i] === constants.UV_DIRENT_DIR) subdirs.push(joinPath(dir, names[i]));
    }
    return subdirs;
  }
  for (const name of raw) {
    if (!opts.recursive) {
      out.push(encodeName(name, opts.encoding));
      continue;
    }
    const full = joinPath(dir, name);
    out.push(encodeName(relativeTo(base, full), opts.encoding));
    if (binding.internalModuleStat(full) === 1) subdirs.push(full);
  }
  return subdirs;
}

function readdirSync(path, options) {
  const opts = readdirOptions(options);
  path = getValidatedPath(path);
  const out = [];
  const queue = [path];
  for (let i = 0; i < queue.length; i++) {
    const raw = binding.readdirSync(queue[i], opts.withFileTypes);
    queue.push(...collectEntries(queue[i], raw, path, opts, out));
  }
  return out;
}

function readdir(path, options, callback) {
  callback = lastCallback(options, callback);
  const opts = readdirOptions(options);
  path = getValidatedPath(path);
  const out = [];
  const queue = [path];
  let i = 0;
  const next = () => {
    if (i === queue.length) return callback(null, out);
    const dir = queue[i++];
    binding.readdir(dir, opts.withFileTypes, (err, raw) => {
      if (err) return callback(err);
      queue.push(...collectEntries(dir, raw, path, opts, out));
      next();
    });
  };
  next();
}

function mkdirArgs(path, options) {
  let mode = 0o777;
  let recursive = false;
  if (typeof options === 'number' || typeof options === 'string') {
    mode = parseFileMode(options, 'mode');
  } else if (options) {
    if (options.recursive !== undefined) recursive = options.recursive;
    if (options.mode !== undefined) mode = parseFileMode(options.mode, 'mode');
  }
  validateBoolean(recursive, 'options.recursive');
  return [getValidatedPath(path), mode, recursive];
}

function mkdirSync(path, options) {
  return binding.mkdirSync(...mkdirArgs(path, options));
}

function mkdir(path, options, callback) {
  callback = lastCallback(options, callback);
  binding.mkdir(...mkdirArgs(path, typeof options === 'function' ? undefined : options), callback);
}

function mkdtempSync(prefix, options) {
  const { encoding } = getOptions(options);
  return encodeName(binding.mkdtempSync(getValidatedPath(prefix, 'prefix')), encoding);
}

function mkdtemp(prefix, options, callback) {
  callback = lastCallback(options, callback);
  const { encoding } = getOptions(options);
  binding.mkdtemp(getValidatedPath(prefix, 'prefix'), (err, dir) => {
    if (err) return callback(err);
    callback(null, encodeName(dir, encoding));
  });
}

let warnedRecursiveRmdir = false;
function rmdirRecursive(options) {
  if (options !== undefined) validateObject(options, 'options');
  if (!options?.recursive) return false;
  if (!warnedRecursiveRmdir) {
    warnedRecursiveRmdir = true;
    process.emitWarning(
      'In future versions of Node.js, fs.rmdir(path, { recursive: true }) ' +
        'will be removed. Use fs.rm(path, { recursive: true }) instead',
      'DeprecationWarning',
      'DEP0147',
    );
  }
  return true;
}

function rmdirSync(path, options) {
  path = getValidatedPath(path);
  if (rmdirRecursive(options)) return binding.rmSync(path, true, false);
  binding.rmdirSync(path);
}

function rmdir(path, options, callback) {
  callback = lastCallback(options, callback);
  path = getValidatedPath(path);
  if (rmdirRecursive(typeof options === 'function' ? undefined : options)) {
    return binding.rm(path, true, false, (err) => callback(err));
  }
  binding.rmdir(path, (err) => callback(err));
}

function rmSync(path, options) {
  path = getValidatedPath(path);
  const { recursive, force } = validateRmOptions(options);
  try {
    binding.rmSync(path, recursive, force);
  } catch (err) {
    throw rmError(err, path);
  }
}

function rm(path, options, callback) {
  callback = lastCallback(options, callback);
  path = getValidatedPath(path);
  const { recursive, force } = validateRmOptions(typeof options === 'function' ? undefined : options);
  binding.rm(path, recursive, force, (err) => callback(err ? rmError(err, path) : null));
}

// ---- one path, two paths ----

function unlinkSync(path) {
  binding.unlinkSync(getValidatedPath(path));
}

function unlink(path, callback) {
  callback = makeCallback(callback);
  binding.unlink(getValidatedPath(path), (err) => callback(err));
}

function renameSync(oldPath, newPath) {
  binding.renameSync(getValidatedPath(oldPath, 'oldPath'), getValidatedPath(newPath, 'newPath'), 0);
}

function rename(oldPath, newPath, callback) {
  callback = makeCallback(callback);
  const from = getValidatedPath(oldPath, 'oldPath');
  binding.rename(from, getValidatedPath(newPath, 'newPath'), 0, (err) => callback(err));
}

function copyFileSync(src, dest, mode) {
  src = getValidatedPath(src, 'src');
  binding.copyFileSync(src, getValidatedPath(dest, 'dest'), getValidMode(mode));
}

function copyFile(src, dest, mode, callback) {
  if (typeof mode === 'function') {
    callback = mode;
    mode = 0;
  }
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  callback = makeCallback(callback);
  binding.copyFile(src, dest, getValidMode(mode), (err) => callback(err));
}

function accessSync(path, mode) {
  binding.accessSync(getValidatedPath(path), getValidMode(mode));
}

function access(path, mode, callback) {
  if (typeof mode === 'function') {
    callback = mode;
    mode = F_OK;
  }
  path = getValidatedPath(path);
  callback = makeCallback(callback);
  binding.access(path, getValidMode(mode), (err) => callback(err));
}

function chmodSync(path, mode) {
  binding.chmodSync(getValidatedPath(path), parseFileMode(mode, 'mode'));
}

function chmod(path, mode, callback) {
  path = getValidatedPath(path);
  mode = parseFileMode(mode, 'mode');
  callback = makeCallback(callback);
  binding.chmod(path, mode, (err) => callback(err));
}

function fchmodSync(fd, mode) {
  binding.fchmodSync(getValidatedFd(fd), parseFileMode(mode, 'mode'));
}

function fchmod(fd, mode, callback) {
  fd = getValidatedFd(fd);
  mode = parseFileMode(mode, 'mode');
  callback = makeCallback(callback);
  binding.fchmod(fd, mode, (err) => callback(err));
}

function ids(uid, gid) {
  validateInteger(uid, 'uid', -1, kMaxUserId);
  validateInteger(gid, 'gid', -1, kMaxUserId);
  return [uid, gid];
}

function chownSync(path, uid, gid) {
  path = getValidatedPath(path);
  binding.chownSync(path, ...ids(uid, gid));
}

function chown(path, uid, gid, callback) {
  path = getValidatedPath(path);
  const owner = ids(uid, gid);
  callback = makeCallback(callback);
  binding.chown(path, ...owner, (err) => callback(err));
}

function lchownSync(path, uid, gid) {
  path = getValidatedPath(path);
  binding.lchownSync(path, ...ids(uid, gid));
}

function lchown(path, uid, gid, callback) {
  path = getValidatedPath(path);
  const owner = ids(uid, gid);
  callback = makeCallback(callback);
  binding.lchown(path, ...owner, (err) => callback(err));
}

function fchownSync(fd, uid, gid) {
  fd = getValidatedFd(fd);
  binding.fchownSync(fd, ...ids(uid, gid));
}

function fchown(fd, uid, gid, callback) {
  fd = getValidatedFd(fd);
  const owner = ids(uid, gid);
  callback = makeCallback(callback);
  binding.fchown(fd, ...owner, (err) => callback(err));
}

function truncLen(len) {
  if (len === undefined || len === null) return 0;
  validateInteger(len, 'len');
  return Math.max(0, len);
}

function ftruncateSync(fd, len = 0) {
  fd = getValidatedFd(fd);
  binding.ftruncateSync(fd, truncLen(len));
}

function ftruncate(fd, len = 0, callback) {
  if (typeof len === 'function') {
    callback = len;
    len = 0;
  }
  fd = getValidatedFd(fd);
  len = truncLen(len);
  callback = makeCallback(callback);
  binding.ftruncate(fd, len, (err) => callback(err));
}

function truncateSync(path, len) {
  if (typeof path === 'number') return ftruncateSync(path, len);
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, len);
  } finally {
    closeSync(fd);
  }
}

function truncate(path, len, callback) {
  if (typeof path === 'number') return ftruncate(path, len, callback);
  if (typeof len === 'function') {
    callback = len;
    len = 0;
  } else if (len === undefined) {
    len = 0;
  }
  validateInteger(len, 'len');
  len = Math.max(0, len);
  callback = makeCallback(callback);
  open(path, 'r+', (err, fd) => {
    if (err) return callback(err);
    binding.ftruncate(fd, len, (truncErr) => {
      binding.close(fd, (closeErr) => callback(truncErr || closeErr));
    });
  });
}

function timesArgs(atime, mtime) {
  return [toUnixTimestamp(atime), toUnixTimestamp(mtime)];
}

function utimesSync(path, atime, mtime) {
  path = getValidatedPath(path);
  binding.utimesSync(path, ...timesArgs(atime, mtime));
}

function utimes(path, atime, mtime, callback) {
  path = getValidatedPath(path);
  const times = timesArgs(atime, mtime);
  callback = makeCallback(callback);
  binding.utimes(path, ...times, (err) => callback(err));
}

function lutimesSync(path, atime, mtime) {
  path = getValidatedPath(path);
  binding.lutimesSync(path, ...timesArgs(atime, mtime));
}

function lutimes(path, atime, mtime, callback) {
  path = getValidatedPath(path);
  const times = timesArgs(atime, mtime);
  callback = makeCallback(callback);
  binding.lutimes(path, ...times, (err) => callback(err));
}

function futimesSync(fd, atime, mtime) {
  fd = getValidatedFd(fd);
  binding.futimesSync(fd, ...timesArgs(atime, mtime));
}

function futimes(fd, atime, mtime, callback) {
  fd = getValidatedFd(fd);
  const times = timesArgs(atime, mtime);
  callback = makeCallback(callback);
  binding.futimes(fd, ...times, (err) => callback(err));
}

function fsyncSync(fd) {
  binding.fsyncSync(getValidatedFd(fd));
}

function fsync(fd, callback) {
  fd = getValidatedFd(fd);
  binding.fsync(fd, makeCallback(callback));
}

function fdatasyncSync(fd) {
  binding.fdatasyncSync(getValidatedFd(fd));
}

function fdatasync(fd, callback) {
  fd = getValidatedFd(fd);
  binding.fdatasync(fd, makeCallback(callback));
}

// ---- links and real paths ----

function readlinkSync(path, options) {
  const { encoding } = getOptions(options);
  return encodeName(binding.readlinkSync(getValidatedPath(path, 'oldPath')), encoding);
}

function readlink(path, options, callback) {
  callback = lastCallback(options, callback);
  const { encoding } = getOptions(options);
  binding.readlink(getValidatedPath(path, 'oldPath'), (err, target) => {
    if (err) return callback(err);
    callback(null, encodeName(target, encoding));
  });
}

function symlinkArgs(target, path, type) {
  stringToSymlinkType(type);
  return [getValidatedPath(target, 'target'), getValidatedPath(path), 0];
}

function symlinkSync(target, path, type) {
  binding.symlinkSync(...symlinkArgs(target, path, type));
}

function symlink(target, path, type, callback) {
  if (typeof type === 'function') {
    callback = type;
    type = undefined;
  }
  const args = symlinkArgs(target, path, type);
  callback = makeCallback(callback);
  binding.symlink(...args, (err) => callback(err));
}

function linkSync(existingPath, newPath) {
  existingPath = getValidatedPath(existingPath, 'existingPath');
  binding.linkSync(existingPath, getValidatedPath(newPath, 'newPath'), 0);
}

function link(existingPath, newPath, callback) {
  existingPath = getValidatedPath(existingPath, 'existingPath');
  newPath = getValidatedPath(newPath, 'newPath');
  callback = makeCallback(callback);
  binding.link(existingPath, newPath, 0, (err) => callback(err));
}

function resolvePath(path) {
  return require('path').resolve(path);
}

function realpathSync(path, options) {
  const { encoding } = getOptions(options);
  return encodeName(binding.realpathWalkSync(resolvePath(getValidatedPath(path))), encoding);
}

function realpath(path, options, callback) {
  callback = lastCallback(options, callback);
  const { encoding } = getOptions(options);
  binding.realpathWalk(resolvePath(getValidatedPath(path)), (err, real) => {
    if (err) return callback(err);
    callback(null, encodeName(real, encoding));
  });
}

realpathSync.native = function realpathSyncNative(path, options) {
  const { encoding } = getOptions(options);
  return encodeName(binding.realpathSync(getValidatedPath(path)), encoding);
};

realpath.native = function realpathNative(path, options, callback) {
  callback = lastCallback(options, callback);
  const { encoding } = getOptions(options);
  binding.realpath(getValidatedPath(path), (err, real) => {
    if (err) return callback(err);
    callback(null, encodeName(real, encoding));
  });
};

let promises;

module.exports = {
  access,
  accessSync,
  appendFile,
  appendFileSync,
  chmod,
  chmodSync,
  chown,
  chownSync,
  close,
  closeSync,
  copyFile,
  copyFileSync,
  exists,
  existsSync,
  fchmod,
  fchmodSync,
  fchown,
  fchownSync,
  fdatasync,
  fdatasyncSync,
  fstat,
  fstatSync,
  fsync,
  fsyncSync,
  ftruncate,
  ftruncateSync,
  futimes,
  futimesSync,
  lchown,
  lchownSync,
  link,
  linkSync,
  lstat,
  lstatSync,
  lutimes,
  lutimesSync,
  mkdir,
  mkdirSync,
  mkdtemp,
  mkdtempSync,
  open,
  openSync,
  read,
  readSync,
  readdir,
  readdirSync,
  readFile,
  readFileSync,
  readlink,
  readlinkSync,
  realpath,
  realpathSync,
  rename,
  renameSync,
  rm,
  rmSync,
  rmdir,
  rmdirSync,
  stat,
  statSync,
  symlink,
  symlinkSync,
  truncate,
  truncateSync,
  unlink,
  unlinkSync,
  utimes,
  utimesSync,
  write,
  writeSync,
  writeFile,
  writeFileSync,
  Dirent,
  Stats,
  F_OK: constants.F_OK,
  R_OK: constants.R_OK,
  W_OK: constants.W_OK,
  X_OK: constants.X_OK,
  constants,
};

for (const name of ['ReadStream', 'WriteStream', 'createReadStream', 'createWriteStream']) {
  Object.defineProperty(module.exports, name, {
    enumerable: true,
    configurable: true,
    get: () => require('internal/fs/streams')[name],
  });
}

Object.defineProperty(module.exports, 'promises', {
  enumerable: true,
  configurable: true,
  get() {
    promises ??= require('fs/promises');
    return promises;
  },
});
