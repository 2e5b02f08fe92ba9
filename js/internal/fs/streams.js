'use strict';
// fs.ReadStream / fs.WriteStream on top of node:stream, node 20 semantics:
// open in _construct ('open' then 'ready'), 64 KiB default hwm for reads,
// start/end/position, bytesRead/bytesWritten, pending, close(cb), and the fd
// closed in _destroy unless autoClose is false.
const { Readable, Writable, finished } = require('stream');
const { Buffer } = require('buffer');

// node:fs loads this module lazily; taking fs lazily too avoids the cycle.
const fs = () => require('fs');

const { isFileHandle, getOptions } = require('internal/fs/utils');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_METHOD_NOT_IMPLEMENTED, ERR_OUT_OF_RANGE } } = require('internal/errors');
const { validateInteger } = require('internal/validators');
const { errorOrDestroy } = require('internal/streams/destroy');

const kOps = Symbol('kFsOps');

// The file operations a stream uses: node:fs, or (for `fd: FileHandle`) the
// handle's own promise methods in callback form, as node's FileHandleOperations.
function fileHandleOps(handle) {
  return {
    open: (path, flags, mode, cb) => cb(new Error('a FileHandle stream does not open files')),
    close: (fd, cb) => { handle.close().then(() => cb(), cb); },
    // Once the handle is closed its 'close' event closes the stream; reads
    // still asked for are dropped, as node's handle refs make them.
    read: (fd, buf, offset, length, pos, cb) => {
      if (handle.fd === -1) return;
      handle.read(buf, offset, length, pos).then(({ bytesRead, buffer }) => cb(null, bytesRead, buffer), cb);
    },
    write: (fd, buf, offset, length, pos, cb) => {
      handle.write(buf, offset, length, pos).then(({ bytesWritten, buffer }) => cb(null, bytesWritten, buffer), cb);
    },
  };
}

// options.fd: a number, a FileHandle, or absent (the stream opens `path`).
function importFd(stream, options) {
  stream[kOps] = options.fs ? { ...fs(), ...options.fs } : fs();
  if (options.fd === undefined || options.fd === null) return null;
  if (typeof options.fd === 'number') return options.fd;
  if (isFileHandle(options.fd)) {
    if (options.fs) throw new ERR_METHOD_NOT_IMPLEMENTED('FileHandle with fs');
    const handle = options.fd;
    stream[kOps] = fileHandleOps(handle);
    handle.on('close', () => stream.close());
    return handle.fd;
  }
  throw new ERR_INVALID_ARG_TYPE('options.fd', ['number', 'FileHandle'], options.fd);
}

function openFile(stream, flags, mode, cb) {
  stream[kOps].open(stream.path, flags, mode, (err, fd) => {
    if (err) return cb(err);
    stream.fd = fd;
    cb();
    stream.emit('open', fd);
    stream.emit('ready');
  });
}

function closeFile(stream, err, cb) {
  if (stream.fd === null || stream.fd === undefined || !stream.autoClose) return cb(err);
  const fd = stream.fd;
  stream.fd = null;
  stream[kOps].close(fd, (er) => cb(er || err));
}

// node's copyObject: inherited enumerable options count too.
function streamOptions(options) {
  options = getOptions(options, {});
  const copy = {};
  for (const key in options) copy[key] = options[key];
  options = copy;
  if (options.autoDestroy === undefined) options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
  return options;
}

// node's checks of a read stream's start and end.
function validateRange(start, end) {
  if (start !== undefined) validateInteger(start, 'start', 0);
  if (end !== Infinity) {
    validateInteger(end, 'end', 0);
    if (start !== undefined && start > end) throw new ERR_OUT_OF_RANGE('start', `<= "end" (here: ${end})`, start);
  }
}

// A function, not a class: legacy code calls fs.ReadStream() without `new`.
function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);
  options = streamOptions(options);
  if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
  this.fd = importFd(this, options);
  Readable.call(this, options);
  this.path = path instanceof URL ? path.pathname : path;
  this.flags = options.flags === undefined ? 'r' : options.flags;
  this.mode = options.mode === undefined ? 0o666 : options.mode;
  this.start = options.start;
  this.end = options.end === undefined ? Infinity : options.end;
  validateRange(this.start, this.end);
  this.pos = this.start;
  this.bytesRead = 0;
  this.autoClose = options.autoClose === undefined ? true : options.autoClose;
}
Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);

ReadStream.prototype._construct = function _construct(cb) {
  if (typeof this.fd === 'number') return cb();
  openFile(this, this.flags, this.mode, cb);
};

ReadStream.prototype._read = function _read(n) {
  n = this.pos !== undefined ? Math.min(this.end - this.pos + 1, n) : Math.min(this.end - this.bytesRead + 1, n);
  if (n <= 0) return this.push(null);
  const buf = Buffer.allocUnsafe(n);
  this[kOps].read(this.fd, buf, 0, n, this.pos ?? null, (err, bytes) => {
    // An autoClose: false stream reports the error and stays open (node's errorOrDestroy).
    if (err) return errorOrDestroy(this, err);
    if (bytes > 0) {
      if (this.pos !== undefined) this.pos += bytes;
      this.bytesRead += bytes;
      this.push(bytes === n ? buf : buf.subarray(0, bytes));
    } else {
      this.push(null);
    }
  });
};

ReadStream.prototype._destroy = function _destroy(err, cb) {
  closeFile(this, err, cb);
};

ReadStream.prototype.close = function close(cb) {
  if (typeof cb === 'function') finished(this, cb);
  this.destroy();
};

Object.defineProperty(ReadStream.prototype, 'pending', {
  get() { return this.fd === null; },
  configurable: true,
});

function WriteStream(path, options) {
  if (!(this instanceof WriteStream)) return new WriteStream(path, options);
  options = streamOptions(options);
  options.decodeStrings = true;
  this.fd = importFd(this, options);
  Writable.call(this, options);
  this.path = path instanceof URL ? path.pathname : path;
  this.flags = options.flags === undefined ? 'w' : options.flags;
  this.mode = options.mode === undefined ? 0o666 : options.mode;
  this.start = options.start;
  this.pos = this.start;
  this.bytesWritten = 0;
  this.autoClose = options.autoClose === undefined ? true : options.autoClose;
  if (options.encoding) this.setDefaultEncoding(options.encoding);
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);

WriteStream.prototype._construct = function _construct(cb) {
  if (typeof this.fd === 'number') return cb();
  openFile(this, this.flags, this.mode, cb);
};

WriteStream.prototype._write = function _write(data, encoding, cb) {
  this[kOps].write(this.fd, data, 0, data.length, this.pos ?? null, (err, bytes) => {
    if (err) return cb(err);
    this.bytesWritten += bytes;
    if (this.pos !== undefined) this.pos += bytes;
    cb();
  });
};

WriteStream.prototype._destroy = function _destroy(err, cb) {
  closeFile(this, err, cb);
};

WriteStream.prototype.close = function close(cb) {
  if (cb) {
    if (this.closed) return process.nextTick(cb);
    this.on('close', cb);
  }
  if (!this.autoClose) this.on('finish', this.destroy);
  this.end();
};

Object.defineProperty(WriteStream.prototype, 'pending', {
  get() { return this.fd === null; },
  configurable: true,
});
WriteStream.prototype.destroySoon = WriteStream.prototype.end;

module.exports = {
  ReadStream,
  WriteStream,
  // Plain functions: old code even calls them with `new`.
  createReadStream: function createReadStream(path, options) { return new ReadStream(path, options); },
  createWriteStream: function createWriteStream(path, options) { return new WriteStream(path, options); },
};
