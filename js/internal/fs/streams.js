'use strict';
// fs.ReadStream / fs.WriteStream on top of node:stream, node 20 semantics:
// open in _construct ('open' then 'ready'), 64 KiB default hwm for reads,
// start/end/position, bytesRead/bytesWritten, pending, close(cb), and the fd
// closed in _destroy unless autoClose is false.
const { Readable, Writable, finished } = require('stream');
const { Buffer } = require('buffer');

// node:fs loads this module lazily; taking fs lazily too avoids the cycle.
const fs = () => require('fs');

function openFile(stream, flags, mode, cb) {
  fs().open(stream.path, flags, mode, (err, fd) => {
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
  fs().close(fd, (er) => cb(er || err));
}

class ReadStream extends Readable {
  constructor(path, options) {
    if (typeof options === 'string') options = { encoding: options };
    options = { ...options };
    if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
    if (options.autoDestroy === undefined) options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
    super(options);
    this.path = path instanceof URL ? path.pathname : path;
    this.fd = options.fd ?? null;
    this.flags = options.flags === undefined ? 'r' : options.flags;
    this.mode = options.mode === undefined ? 0o666 : options.mode;
    this.start = options.start;
    this.end = options.end === undefined ? Infinity : options.end;
    this.pos = this.start;
    this.bytesRead = 0;
    this.autoClose = options.autoClose === undefined ? true : options.autoClose;
  }
  _construct(cb) {
    if (typeof this.fd === 'number') return cb();
    openFile(this, this.flags, this.mode, cb);
  }
  _read(n) {
    n = this.pos !== undefined ? Math.min(this.end - this.pos + 1, n) : Math.min(this.end - this.bytesRead + 1, n);
    if (n <= 0) return this.push(null);
    const buf = Buffer.allocUnsafe(n);
    fs().read(this.fd, buf, 0, n, this.pos ?? null, (err, bytes) => {
      if (err) return this.destroy(err);
      if (bytes > 0) {
        if (this.pos !== undefined) this.pos += bytes;
        this.bytesRead += bytes;
        this.push(bytes === n ? buf : buf.subarray(0, bytes));
      } else {
        this.push(null);
      }
    });
  }
  _destroy(err, cb) {
    closeFile(this, err, cb);
  }
  close(cb) {
    if (typeof cb === 'function') finished(this, cb);
    this.destroy();
  }
  get pending() {
    return this.fd === null;
  }
}

class WriteStream extends Writable {
  constructor(path, options) {
    if (typeof options === 'string') options = { encoding: options };
    options = { ...options };
    options.decodeStrings = true;
    if (options.autoDestroy === undefined) options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
    super(options);
    this.path = path instanceof URL ? path.pathname : path;
    this.fd = options.fd ?? null;
    this.flags = options.flags === undefined ? 'w' : options.flags;
    this.mode = options.mode === undefined ? 0o666 : options.mode;
    this.start = options.start;
    this.pos = this.start;
    this.bytesWritten = 0;
    this.autoClose = options.autoClose === undefined ? true : options.autoClose;
    if (options.encoding) this.setDefaultEncoding(options.encoding);
  }
  _construct(cb) {
    if (typeof this.fd === 'number') return cb();
    openFile(this, this.flags, this.mode, cb);
  }
  _write(data, encoding, cb) {
    fs().write(this.fd, data, 0, data.length, this.pos ?? null, (err, bytes) => {
      if (err) return cb(err);
      this.bytesWritten += bytes;
      if (this.pos !== undefined) this.pos += bytes;
      cb();
    });
  }
  _destroy(err, cb) {
    closeFile(this, err, cb);
  }
  close(cb) {
    if (cb) {
      if (this.closed) return process.nextTick(cb);
      this.on('close', cb);
    }
    if (!this.autoClose) this.on('finish', this.destroy);
    this.end();
  }
  get pending() {
    return this.fd === null;
  }
}
WriteStream.prototype.destroySoon = WriteStream.prototype.end;

module.exports = {
  ReadStream,
  WriteStream,
  createReadStream: (path, options) => new ReadStream(path, options),
  createWriteStream: (path, options) => new WriteStream(path, options),
};
