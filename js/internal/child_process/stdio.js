'use strict';
// The parent's ends of a child's stdio pipes as streams: child.stdin is
// writable, child.stdout/stderr are readable. Rust (process_wrap) owns the
// non-blocking pipe, registered with the event loop:
//   readStart(id, cb)  readers: cb(Uint8Array) per chunk, cb(null) at EOF or
//                      cb(-errno); the pipe closes itself after either.
//                      writers: cb(status) once per write that was queued.
//   write(id, bytes)   0: written, 1: queued (status comes later), < 0: errno.
//   closePipe(id)      closes our end (the child sees EOF on stdin).

const { Readable, Writable } = require('stream');
const { Buffer } = require('buffer');
const { ErrnoException, codes: { ERR_STREAM_DESTROYED, ERR_INVALID_ARG_TYPE } } =
  require('internal/errors');
const binding = internalBinding('process_wrap');

function toBuffer(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function chunkToBuffer(chunk, encoding) {
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding || 'utf8');
  if (chunk instanceof Uint8Array) return chunk;
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
}

// Routes the Rust callbacks of a reader to `push`/`destroy`.
function startReading(stream, id) {
  if (!id) {
    // No pipe (the spawn failed): the stream ends at once, as node's does.
    process.nextTick(() => stream._pushChunk(null));
    return;
  }
  binding.readStart(id, (chunk) => {
    if (chunk === null) {
      stream._pipeId = 0;
      stream._pushChunk(null);
    } else if (typeof chunk === 'number') {
      stream._pipeId = 0;
      stream.destroy(new ErrnoException(chunk, 'read'));
    } else {
      stream._pushChunk(toBuffer(chunk));
    }
  });
}

function closePipe(stream) {
  if (stream._pipeId) {
    binding.closePipe(stream._pipeId);
    stream._pipeId = 0;
  }
}

// Pending write callbacks of a writer, completed in order by Rust.
function startWriting(stream, id) {
  stream._pendingWrites = [];
  if (!id) return;
  binding.readStart(id, (status) => {
    const cb = stream._pendingWrites.shift();
    if (cb) cb(status === 0 ? null : new ErrnoException(status, 'write'));
  });
}

// Writes `bytes`; `cb(err)` once the pipe took all of it.
function writeBytes(stream, bytes, cb) {
  if (!stream._pipeId) {
    process.nextTick(cb, new ERR_STREAM_DESTROYED('write'));
    return;
  }
  const r = binding.write(stream._pipeId, bytes);
  if (r === 0) process.nextTick(cb, null);
  else if (r === 1) stream._pendingWrites.push(cb);
  else process.nextTick(cb, new ErrnoException(r, 'write'));
}

// Calls `cb` once every queued write has finished.
function afterWrites(stream, cb) {
  if (stream._pendingWrites.length === 0) {
    cb();
    return;
  }
  const last = stream._pendingWrites.pop();
  stream._pendingWrites.push((err) => {
    last(err);
    cb(err);
  });
}

class ChildReadable extends Readable {
  constructor(id) {
    super();
    this._pipeId = id;
    startReading(this, id);
  }

  _pushChunk(chunk) {
    this.push(chunk);
  }

  _read() {}

  _destroy(err, cb) {
    closePipe(this);
    // Like a libuv handle's close callback: 'close' follows in the close phase.
    setImmediate(cb, err);
  }
}

class ChildWritable extends Writable {
  constructor(id) {
    super({ decodeStrings: true });
    this._pipeId = id;
    startWriting(this, id);
  }

  _write(chunk, encoding, cb) {
    writeBytes(this, chunkToBuffer(chunk, encoding), cb);
  }

  _final(cb) {
    afterWrites(this, (err) => {
      closePipe(this);
      cb(err);
    });
  }

  _destroy(err, cb) {
    closePipe(this);
    this._pendingWrites = [];
    setImmediate(cb, err);
  }
}

function createReadable(id) {
  return new ChildReadable(id);
}

function createWritable(id) {
  return new ChildWritable(id);
}

module.exports = { createReadable, createWritable, ChildReadable, ChildWritable };
