'use strict';

// node:net: TCP and Unix-socket servers and sockets, written against the
// handle classes of internalBinding('tcp_wrap'/'pipe_wrap'/'stream_wrap')
// (see crates/engine/src/bindings/stream_wrap.rs for their contract):
// handle methods return 0 or a negative errno, data arrives through
// handle.onread(nread, bytes), requests complete through req.oncomplete.

const EventEmitter = require('events');
const stream = require('stream');
const { Buffer } = require('buffer');
const { isIP, isIPv4, isIPv6 } = require('internal/net');
const {
  ErrnoException,
  ExceptionWithHostPort,
  UVExceptionWithHostPort,
  NodeAggregateError,
  genericNodeError,
  codes: {
    ERR_INVALID_ADDRESS_FAMILY,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_FD_TYPE,
    ERR_INVALID_HANDLE_TYPE,
    ERR_INVALID_IP_ADDRESS,
    ERR_MISSING_ARGS,
    ERR_OUT_OF_RANGE,
    ERR_SERVER_ALREADY_LISTEN,
    ERR_SERVER_NOT_RUNNING,
    ERR_SOCKET_CLOSED,
    ERR_SOCKET_CLOSED_BEFORE_CONNECTION,
  },
} = require('internal/errors');
const {
  validateAbortSignal,
  validateBoolean,
  validateFunction,
  validateInt32,
  validateNumber,
  validatePort,
  validateString,
} = require('internal/validators');

const { TCP, TCPConnectWrap, constants: TCPConstants } = internalBinding('tcp_wrap');
const { Pipe, PipeConnectWrap, constants: PipeConstants, guessHandleType } = internalBinding('pipe_wrap');
const { WriteWrap, ShutdownWrap } = internalBinding('stream_wrap');

const FastBuffer = Buffer[Symbol.species];
const UV_EOF = -4095;
const UV_ENOTCONN = -107;
const UV_EINVAL = -22;
const { getTimerDuration } = require('internal/timers');
const DEFAULT_IPV4_ADDR = '0.0.0.0';
const DEFAULT_IPV6_ADDR = '::';

const kOwner = Symbol('owner_symbol');
const kTimeout = Symbol('timeout');
const kLastWriteQueueSize = Symbol('lastWriteQueueSize');
const kSetNoDelay = Symbol('kSetNoDelay');
const kSetKeepAlive = Symbol('kSetKeepAlive');
const kSetKeepAliveInitialDelay = Symbol('kSetKeepAliveInitialDelay');
const kBytesRead = Symbol('kBytesRead');
const kBytesWritten = Symbol('kBytesWritten');
const kNormalized = Symbol('normalizedArgs');
const kBuffer = Symbol('kBuffer');
const kBufferGen = Symbol('kBufferGen');
const kBufferCb = Symbol('kBufferCb');
const kOnreadQueue = Symbol('kOnreadQueue');
const kOnreadEnded = Symbol('kOnreadEnded');
const kOnreadPaused = Symbol('kOnreadPaused');

let autoSelectFamilyDefault = true;
let autoSelectFamilyAttemptTimeoutDefault = 250;

function getDefaultAutoSelectFamily() {
  return autoSelectFamilyDefault;
}

function setDefaultAutoSelectFamily(value) {
  validateBoolean(value, 'value');
  autoSelectFamilyDefault = value;
}

function getDefaultAutoSelectFamilyAttemptTimeout() {
  return autoSelectFamilyAttemptTimeoutDefault;
}

// Node clamps the attempt timeout to at least 10 ms.
function setDefaultAutoSelectFamilyAttemptTimeout(value) {
  validateInt32(value, 'value', 1);
  autoSelectFamilyAttemptTimeoutDefault = value < 10 ? 10 : value;
}

// The handles' byte counters, as node's native accessors.
for (const Handle of [TCP, Pipe]) {
  Object.defineProperties(Handle.prototype, {
    bytesRead: { get() { return this.getBytesRead(); }, configurable: true },
    bytesWritten: { get() { return this.getBytesWritten(); }, configurable: true },
    fd: { get() { return this.getFd(); }, configurable: true },
  });
  for (const [name, encoding] of [['writeLatin1String', 'latin1'], ['writeAsciiString', 'ascii'],
    ['writeUcs2String', 'ucs2']]) {
    Handle.prototype[name] = function(req, string) {
      return this.writeBuffer(req, Buffer.from(string, encoding));
    };
  }
}

// A handle for an existing descriptor, by what it is.
function createHandle(fd, isServer) {
  const type = guessHandleType(fd);
  if (type === 'PIPE') return new Pipe(isServer ? PipeConstants.SERVER : PipeConstants.SOCKET);
  if (type === 'TCP') return new TCP(isServer ? TCPConstants.SERVER : TCPConstants.SOCKET);
  throw new ERR_INVALID_FD_TYPE(type);
}

function toNumber(x) {
  return (x = Number(x)) >= 0 ? x : false;
}

function isPipeName(s) {
  return typeof s === 'string' && toNumber(s) === false;
}

// (options[, cb]), (path[, cb]) or (port[, host][, cb]) -> [options, cb].
function normalizeArgs(args) {
  let arr;
  if (args.length === 0) {
    arr = [{}, null];
    arr[kNormalized] = true;
    return arr;
  }
  const arg0 = args[0];
  let options = {};
  if (typeof arg0 === 'object' && arg0 !== null) {
    options = arg0;
  } else if (isPipeName(arg0)) {
    options.path = arg0;
  } else {
    options.port = arg0;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  const cb = args[args.length - 1];
  arr = typeof cb === 'function' ? [options, cb] : [options, null];
  arr[kNormalized] = true;
  return arr;
}


// ---------------------------------------------------------------------------
// Socket

function initSocketHandle(self) {
  self._undestroy();
  self._sockname = null;
  if (self._handle) {
    self._handle[kOwner] = self;
    self._handle.onread = onStreamRead;
  }
}

function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  if (options?.objectMode) {
    throw new ERR_INVALID_ARG_VALUE('options.objectMode', options.objectMode, 'is not supported');
  } else if (options?.readableObjectMode || options?.writableObjectMode) {
    throw new ERR_INVALID_ARG_VALUE(
      `options.${options.readableObjectMode ? 'readableObjectMode' : 'writableObjectMode'}`,
      options.readableObjectMode || options.writableObjectMode, 'is not supported');
  }
  this.connecting = false;
  this._hadError = false;
  this._handle = null;
  this._parent = null;
  this._host = null;
  this[kLastWriteQueueSize] = 0;
  this[kTimeout] = null;
  this._closeAfterHandlingError = false;

  if (typeof options === 'number') options = { fd: options };
  else options = { ...options };
  if (options.handle) {
    this._handle = options.handle;
  } else if (options.fd !== undefined) {
    const { fd } = options;
    validateInt32(fd, 'fd', 0);
    this._handle = createHandle(fd, false);
    const err = this._handle.open(fd);
    if (err) throw new ErrnoException(err, 'open');
  }
  setupOnread(this, options.onread);
  const allowHalfOpen = options.allowHalfOpen;
  // The socket ends its writable side itself (onReadableStreamEnd).
  options.allowHalfOpen = true;
  options.emitClose = false;
  options.autoDestroy = true;
  options.decodeStrings = false;
  // The socket handles its signal itself (addClientAbortSignalOption).
  const { signal } = options;
  options.signal = undefined;
  stream.Duplex.call(this, options);
  options.signal = signal;
  this.allowHalfOpen = Boolean(allowHalfOpen);

  this.on('end', onReadableStreamEnd);
  initSocketHandle(this);
  this._pendingData = null;
  this._pendingEncoding = '';

  if (this._handle && options.readable !== false) {
    if (options.pauseOnCreate) {
      this._handle.reading = false;
      this._handle.readStop();
      this.readableFlowing = false;
    } else if (!options.manualStart) {
      this.read(0);
    }
  }
  if (options.signal) addClientAbortSignalOption(this, options);

  this.server = null;
  this._server = null;
  this[kBytesRead] = 0;
  this[kBytesWritten] = 0;
  this[kSetNoDelay] = Boolean(options.noDelay);
  this[kSetKeepAlive] = Boolean(options.keepAlive);
  this[kSetKeepAliveInitialDelay] = Math.max(0, ~~(options.keepAliveInitialDelay / 1000));
}
Object.setPrototypeOf(Socket.prototype, stream.Duplex.prototype);
Object.setPrototypeOf(Socket, stream.Duplex);

// options.onread: data goes into the user's buffer and to its callback
// instead of 'data' events; the callback returning false pauses.
function setupOnread(self, onread) {
  self[kBuffer] = null;
  if (onread === null || typeof onread !== 'object' || typeof onread.callback !== 'function') return;
  if (typeof onread.buffer === 'function') {
    self[kBuffer] = true;
    self[kBufferGen] = onread.buffer;
  } else if (onread.buffer instanceof Uint8Array) {
    self[kBuffer] = onread.buffer;
  } else {
    return;
  }
  self[kBufferCb] = onread.callback;
  self[kOnreadQueue] = [];
  self[kOnreadEnded] = false;
  self[kOnreadPaused] = false;
}

function onreadBuffer(self) {
  return self[kBufferGen] ? self[kBufferGen]() : self[kBuffer];
}

// Hands queued bytes to the onread callback, a buffer-full at a time, until
// paused; then the end, once everything was delivered.
function flushOnread(self) {
  const queue = self[kOnreadQueue];
  while (queue.length && !self[kOnreadPaused] && !self.destroyed) {
    const bytes = queue[0];
    const buf = onreadBuffer(self);
    const n = Math.min(buf.length, bytes.length);
    buf.set(bytes.subarray(0, n));
    if (n === bytes.length) queue.shift();
    else queue[0] = bytes.subarray(n);
    if (self[kBufferCb].call(self, n, buf) === false) self.pause();
  }
  if (!queue.length && self[kOnreadEnded] && !self[kOnreadPaused]) {
    self[kOnreadEnded] = false;
    // libuv allocates a buffer for the read that finds the end, too.
    if (self[kBufferGen]) self[kBufferGen]();
    self.push(null);
    self.read(0);
  }
}

function addClientAbortSignalOption(self, options) {
  validateAbortSignal(options.signal, 'options.signal');
  const { signal } = options;
  function onAbort() {
    signal.removeEventListener('abort', onAbort);
    self.destroy(new (require('internal/errors').AbortError)(undefined, { cause: signal.reason }));
  }
  if (signal.aborted) {
    process.nextTick(onAbort);
  } else {
    signal.addEventListener('abort', onAbort);
    self.once('close', () => signal.removeEventListener('abort', onAbort));
  }
}

// allowHalfOpen false: once the peer ended, our side ends too (Duplex) and
// writing is an EPIPE.
function onReadableStreamEnd() {
  if (!this.allowHalfOpen) {
    this.write = writeAfterFIN;
  }
}

function writeAfterFIN(chunk, encoding, cb) {
  if (!this.writableEnded) {
    return stream.Duplex.prototype.write.call(this, chunk, encoding, cb);
  }
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }
  const er = genericNodeError('This socket has been ended by the other party', { code: 'EPIPE' });
  if (typeof cb === 'function') process.nextTick(cb, er);
  this.destroy(er);
  return false;
}

Socket.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (this.destroyed) return this;
  this.timeout = msecs;
  msecs = getTimerDuration(msecs, 'msecs');
  clearTimeout(this[kTimeout]);
  this[kTimeout] = null;
  if (msecs === 0) {
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.removeListener('timeout', callback);
    }
  } else {
    const timer = globalThis.setTimeout(() => this._onTimeout(), msecs);
    timer.unref();
    this[kTimeout] = timer;
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.once('timeout', callback);
    }
  }
  return this;
};

Socket.prototype._onTimeout = function() {
  const handle = this._handle;
  const lastWriteQueueSize = this[kLastWriteQueueSize];
  if (lastWriteQueueSize > 0 && handle) {
    // A write is still making progress: not idle.
    const { writeQueueSize } = handle;
    if (lastWriteQueueSize !== writeQueueSize) {
      this[kLastWriteQueueSize] = writeQueueSize;
      this._unrefTimer();
      return;
    }
  }
  this.emit('timeout');
};

Socket.prototype._unrefTimer = function _unrefTimer() {
  for (let s = this; s !== null; s = s._parent) {
    if (s[kTimeout]) s[kTimeout].refresh();
  }
};

Socket.prototype.setNoDelay = function(enable) {
  // Backwards compatibility: no argument means true.
  const value = enable === undefined ? true : !!enable;
  if (!this._handle) {
    this[kSetNoDelay] = value;
    return this;
  }
  if (this._handle.setNoDelay && value !== this[kSetNoDelay]) {
    this[kSetNoDelay] = value;
    this._handle.setNoDelay(value);
  }
  return this;
};

Socket.prototype.setKeepAlive = function(enable, initialDelayMsecs) {
  enable = Boolean(enable);
  const initialDelay = ~~(initialDelayMsecs / 1000);
  if (!this._handle) {
    this[kSetKeepAlive] = enable;
    this[kSetKeepAliveInitialDelay] = initialDelay;
    return this;
  }
  if (!this._handle.setKeepAlive) return this;
  if (enable !== this[kSetKeepAlive] || (enable && this[kSetKeepAliveInitialDelay] !== initialDelay)) {
    this[kSetKeepAlive] = enable;
    this[kSetKeepAliveInitialDelay] = initialDelay;
    this._handle.setKeepAlive(enable, initialDelay);
  }
  return this;
};

Socket.prototype.address = function() {
  return this._getsockname();
};

Object.defineProperty(Socket.prototype, '_connecting', {
  get() { return this.connecting; },
});

Object.defineProperty(Socket.prototype, 'pending', {
  get() { return !this._handle || this.connecting; },
  configurable: true,
});

Object.defineProperty(Socket.prototype, 'readyState', {
  get() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable && !this.writable) return 'readOnly';
    if (!this.readable && this.writable) return 'writeOnly';
    return 'closed';
  },
});

Object.defineProperty(Socket.prototype, 'bufferSize', {
  get() {
    if (this._handle) return this.writableLength;
    return undefined;
  },
});

Socket.prototype._read = function(n) {
  if (this.connecting || !this._handle) {
    this.once('connect', () => this._read(n));
  } else if (!this._handle.reading) {
    tryReadStart(this);
  }
};

function tryReadStart(socket) {
  socket._handle.reading = true;
  const err = socket._handle.readStart();
  if (err) socket.destroy(new ErrnoException(err, 'read'));
}

// handle.onread: `this` is the handle.
function onStreamRead(nread, bytes) {
  const self = this[kOwner];
  if (!self) return;
  self._unrefTimer();
  // Reading again after the end finds the end again: once is enough.
  if (nread === UV_EOF && (self._readableState.ended || self[kOnreadEnded])) return;
  if (self[kBuffer] && (nread > 0 || nread === UV_EOF) && !self.destroyed) {
    if (nread > 0) self[kOnreadQueue].push(bytes.subarray(0, nread));
    else {
      this.reading = false;
      self[kOnreadEnded] = true;
    }
    flushOnread(self);
    return;
  }
  if (nread > 0 && !self.destroyed) {
    const buf = new FastBuffer(bytes.buffer, bytes.byteOffset, nread);
    if (!self.push(buf)) {
      this.reading = false;
      const err = this.readStop();
      if (err) self.destroy(new ErrnoException(err, 'read'));
    }
    return;
  }
  if (nread === 0 || self.destroyed) return;
  if (nread !== UV_EOF) {
    self.destroy(new ErrnoException(nread, 'read'));
    return;
  }
  // The peer ended: end our readable side once its data was consumed.
  this.reading = false;
  if (self._readableState.endEmitted) return;
  self.push(null);
  self.read(0);
}

Socket.prototype.pause = function() {
  if (this[kBuffer]) {
    this[kOnreadPaused] = true;
    if (!this.connecting && this._handle && this._handle.reading) {
      this._handle.reading = false;
      if (!this.destroyed) {
        const err = this._handle.readStop();
        if (err) this.destroy(new ErrnoException(err, 'read'));
      }
    }
  }
  return stream.Duplex.prototype.pause.call(this);
};

Socket.prototype.resume = function() {
  if (this[kBuffer]) {
    this[kOnreadPaused] = false;
    if (this[kOnreadQueue].length || this[kOnreadEnded]) process.nextTick(flushOnread, this);
    if (!this.connecting && this._handle && !this._handle.reading) tryReadStart(this);
  }
  return stream.Duplex.prototype.resume.call(this);
};

Socket.prototype.read = function(n) {
  return stream.Duplex.prototype.read.call(this, n);
};

Socket.prototype.end = function(data, encoding, callback) {
  stream.Duplex.prototype.end.call(this, data, encoding, callback);
  return this;
};

Socket.prototype.destroySoon = function() {
  if (this.writable) this.end();
  if (this.writableFinished) this.destroy();
  else this.once('finish', this.destroy);
};

Socket.prototype.resetAndDestroy = function() {
  if (this._handle) {
    if (!(this._handle instanceof TCP)) throw new ERR_INVALID_HANDLE_TYPE();
    if (this.connecting) {
      this.once('connect', () => this._reset());
    } else {
      this._reset();
    }
  } else {
    this.destroy(new ERR_SOCKET_CLOSED());
  }
  return this;
};

Socket.prototype._reset = function() {
  this.resetAndClosing = true;
  return this.destroy();
};

// Half-close once every write was flushed.
Socket.prototype._final = function(cb) {
  if (this.pending) {
    return this.once('connect', () => this._final(cb));
  }
  if (!this._handle) return cb();
  const req = new ShutdownWrap();
  req.oncomplete = afterShutdown;
  req.handle = this._handle;
  req.callback = cb;
  const err = this._handle.shutdown(req);
  if (err === 1 || err === UV_ENOTCONN) return cb();
  if (err !== 0) return cb(new ErrnoException(err, 'shutdown'));
};

function afterShutdown() {
  this.callback();
}

Socket.prototype._destroy = function(exception, cb) {
  this.connecting = false;
  for (let s = this; s !== null; s = s._parent) {
    clearTimeout(s[kTimeout]);
  }
  if (this._handle) {
    const isException = exception ? true : false;
    this[kBytesRead] = this._handle.bytesRead;
    this[kBytesWritten] = this._handle.bytesWritten;
    const handle = this._handle;
    if (this.resetAndClosing) {
      this.resetAndClosing = false;
      const err = handle.reset(() => this.emit('close', isException));
      if (err) this.emit('error', new ErrnoException(err, 'reset'));
    } else {
      handle.close(() => this.emit('close', isException));
    }
    handle.onread = noop;
    this._handle = null;
    this._sockname = null;
    cb(exception);
  } else {
    cb(exception);
    process.nextTick(emitCloseNT, this);
  }
  if (this._server) {
    this._server._connections--;
    if (this._server._emitCloseIfDrained) this._server._emitCloseIfDrained();
  }
};

function noop() {}

function emitCloseNT(self) {
  self.emit('close', false);
}

Socket.prototype._getpeername = function() {
  if (!this._handle || !this._handle.getpeername || this.connecting) {
    return this._peername || {};
  } else if (!this._peername) {
    const out = {};
    const err = this._handle.getpeername(out);
    if (err) return out;
    this._peername = out;
  }
  return this._peername;
};

Socket.prototype._getsockname = function() {
  if (!this._handle || !this._handle.getsockname) return {};
  if (!this._sockname) {
    const out = {};
    const err = this._handle.getsockname(out);
    if (err) return {};
    this._sockname = out;
  }
  return this._sockname;
};

function protoGetter(name, get) {
  Object.defineProperty(Socket.prototype, name, { configurable: false, enumerable: true, get });
}

protoGetter('bytesRead', function() {
  return this._handle ? this._handle.bytesRead : this[kBytesRead];
});
protoGetter('remoteAddress', function() { return this._getpeername().address; });
protoGetter('remoteFamily', function() { return this._getpeername().family; });
protoGetter('remotePort', function() { return this._getpeername().port; });
protoGetter('localAddress', function() { return this._getsockname().address; });
protoGetter('localPort', function() { return this._getsockname().port; });
protoGetter('localFamily', function() { return this._getsockname().family; });

// Bytes handed to write() so far, written or still buffered.
protoGetter('bytesWritten', function() {
  let bytes = this._handle ? this._handle.bytesWritten : this[kBytesWritten];
  const data = this._pendingData;
  const encoding = this._pendingEncoding;
  const writableBuffer = this.writableBuffer;
  if (!writableBuffer) return undefined;
  for (const el of writableBuffer) {
    bytes += el.chunk instanceof Buffer ? el.chunk.length : Buffer.byteLength(el.chunk, el.encoding);
  }
  if (Array.isArray(data)) {
    for (const el of data) {
      bytes += el.chunk instanceof Buffer ? el.chunk.length : Buffer.byteLength(el.chunk, el.encoding);
    }
  } else if (data) {
    bytes += typeof data !== 'string' ? data.length : Buffer.byteLength(data, encoding);
  }
  return bytes;
});

Socket.prototype._writeGeneric = function(writev, data, encoding, cb) {
  if (this.connecting) {
    this._pendingData = data;
    this._pendingEncoding = encoding;
    const onClose = () => cb(new ERR_SOCKET_CLOSED_BEFORE_CONNECTION());
    this.once('connect', function connect() {
      this.off('close', onClose);
      this._writeGeneric(writev, data, encoding, cb);
    });
    this.once('close', onClose);
    return;
  }
  this._pendingData = null;
  this._pendingEncoding = '';
  if (!this._handle) {
    cb(new ERR_SOCKET_CLOSED());
    return false;
  }
  this._unrefTimer();
  const req = createWriteWrap(this._handle, cb);
  let err;
  if (writev) {
    const chunks = data.map(({ chunk, encoding }) =>
      (typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk));
    req.buffer = chunks;
    err = this._handle.writev(req, chunks, true);
  } else {
    err = writeChunk(this._handle, req, data, encoding);
  }
  if (err !== 0) {
    cb(new ErrnoException(err, 'write', req.error));
    return;
  }
  if (!req.async) {
    cb();
  } else {
    this[kLastWriteQueueSize] = req.bytes;
  }
};

function writeChunk(handle, req, data, encoding) {
  if (typeof data !== 'string') return handle.writeBuffer(req, data);
  switch (encoding) {
    case 'utf8':
    case 'utf-8':
      return handle.writeUtf8String(req, data);
    default:
      return handle.writeBuffer(req, Buffer.from(data, encoding));
  }
}

function createWriteWrap(handle, callback) {
  const req = new WriteWrap();
  req.handle = handle;
  req.oncomplete = onWriteComplete;
  req.async = false;
  req.bytes = 0;
  req.buffer = null;
  req.callback = callback;
  return req;
}

// A queued write finished (`this` is the request).
function onWriteComplete(status) {
  const self = this.handle[kOwner];
  if (!self || self.destroyed) {
    if (typeof this.callback === 'function') this.callback(null);
    return;
  }
  if (status < 0) {
    const ex = new ErrnoException(status, 'write', this.error);
    if (typeof this.callback === 'function') this.callback(ex);
    else self.destroy(ex);
    return;
  }
  self._unrefTimer();
  self[kLastWriteQueueSize] = 0;
  if (typeof this.callback === 'function') this.callback(null);
}

Socket.prototype._writev = function(chunks, cb) {
  this._writeGeneric(true, chunks, '', cb);
};

Socket.prototype._write = function(data, encoding, cb) {
  this._writeGeneric(false, data, encoding, cb);
};

Socket.prototype.connect = function(...args) {
  let normalized;
  if (Array.isArray(args[0]) && args[0][kNormalized]) {
    normalized = args[0];
  } else {
    normalized = normalizeArgs(args);
  }
  const options = normalized[0];
  const cb = normalized[1];
  if (options.port === undefined && options.path == null) {
    throw new ERR_MISSING_ARGS(['options', 'port', 'path']);
  }
  if (this.write !== Socket.prototype.write) this.write = Socket.prototype.write;
  if (this.destroyed) {
    this._handle = null;
    this._peername = null;
    this._sockname = null;
    this._undestroy();
  }
  const { path } = options;
  const pipe = !!path;
  if (!this._handle) {
    this._handle = pipe ? new Pipe(PipeConstants.SOCKET) : new TCP(TCPConstants.SOCKET);
    initSocketHandle(this);
  }
  if (cb !== null) this.once('connect', cb);
  this._unrefTimer();
  this.connecting = true;
  if (pipe) {
    validateString(path, 'options.path');
    internalConnect(this, path);
  } else {
    lookupAndConnect(this, options);
  }
  return this;
};

function socketToDnsFamily(family) {
  switch (family) {
    case 'IPv4': return 4;
    case 'IPv6': return 6;
  }
  return family;
}

function lookupAndConnect(self, options) {
  const { localAddress, localPort } = options;
  const host = options.host || 'localhost';
  let { port, autoSelectFamily, autoSelectFamilyAttemptTimeout } = options;
  if (localAddress && !isIP(localAddress)) throw new ERR_INVALID_IP_ADDRESS(localAddress);
  if (localPort) validateNumber(localPort, 'options.localPort');
  if (typeof port !== 'undefined') {
    if (typeof port !== 'number' && typeof port !== 'string') {
      throw new ERR_INVALID_ARG_TYPE('options.port', ['number', 'string'], port);
    }
    validatePort(port);
  }
  port |= 0;
  if (autoSelectFamily != null) validateBoolean(autoSelectFamily, 'options.autoSelectFamily');
  else autoSelectFamily = autoSelectFamilyDefault;
  if (autoSelectFamilyAttemptTimeout != null) {
    validateInt32(autoSelectFamilyAttemptTimeout, 'options.autoSelectFamilyAttemptTimeout', 1);
  }

  const addressType = isIP(host);
  if (addressType) {
    process.nextTick(() => {
      if (self.connecting) internalConnect(self, host, port, addressType, localAddress, localPort);
    });
    return;
  }
  if (options.lookup != null) validateFunction(options.lookup, 'options.lookup');
  const dnsopts = { family: socketToDnsFamily(options.family), hints: options.hints || 0 };
  if (dnsopts.family !== 4 && dnsopts.family !== 6 && !localAddress && autoSelectFamily) {
    dnsopts.all = true;
  }
  const lookup = options.lookup || require('dns').lookup;
  self._host = host;
  lookup(host, dnsopts, function emitLookup(err, ip, addressType) {
    if (dnsopts.all && !err && Array.isArray(ip)) {
      lookupAllDone(self, host, port, ip, localAddress, localPort, options);
      return;
    }
    self.emit('lookup', err, ip, addressType, host);
    if (!self.connecting) return;
    if (err) {
      process.nextTick(connectErrorNT, self, err);
    } else if (!isIP(ip)) {
      process.nextTick(connectErrorNT, self, new ERR_INVALID_IP_ADDRESS(ip));
    } else if (addressType !== 4 && addressType !== 6) {
      process.nextTick(connectErrorNT, self,
        new ERR_INVALID_ADDRESS_FAMILY(addressType, options.host, options.port));
    } else {
      self._unrefTimer();
      internalConnect(self, ip, port, addressType, localAddress, localPort);
    }
  });
}

// autoSelectFamily: the resolved addresses, alternating families, are tried
// one after another until one connects (rnode does not race them; on
// loopback a refused attempt fails at once).
function lookupAllDone(self, host, port, addresses, localAddress, localPort, options) {
  if (!self.connecting) return;
  const valid = [[], []];
  let order;
  for (const { address: ip, family } of addresses) {
    self.emit('lookup', null, ip, family, host);
    if (!self.connecting) return;
    if (isIP(ip) && (family === 4 || family === 6)) {
      order ||= family === 6 ? { 6: 0, 4: 1 } : { 4: 0, 6: 1 };
      const list = valid[order[family]];
      if (!list.some((a) => a.address === ip)) list.push({ address: ip, family });
    }
  }
  if (!valid[0].length && !valid[1].length) {
    const first = addresses[0];
    if (!first) return;
    if (!isIP(first.address)) {
      process.nextTick(connectErrorNT, self, new ERR_INVALID_IP_ADDRESS(first.address));
    } else if (first.family !== 4 && first.family !== 6) {
      process.nextTick(connectErrorNT, self,
        new ERR_INVALID_ADDRESS_FAMILY(first.family, options.host, options.port));
    }
    return;
  }
  const toAttempt = [];
  for (let i = 0; i < Math.max(valid[0].length, valid[1].length); i++) {
    if (i in valid[0]) toAttempt.push(valid[0][i]);
    if (i in valid[1]) toAttempt.push(valid[1][i]);
  }
  if (toAttempt.length === 1) {
    self._unrefTimer();
    internalConnect(self, toAttempt[0].address, port, toAttempt[0].family, localAddress, localPort);
    return;
  }
  self.autoSelectFamilyAttemptedAddresses = [];
  const errors = [];
  const attempt = (i) => {
    const { address } = toAttempt[i];
    self.autoSelectFamilyAttemptedAddresses.push(`${address}:${port}`);
    const handle = new TCP(TCPConstants.SOCKET);
    const req = new TCPConnectWrap();
    req.oncomplete = (status) => {
      if (!self.connecting) {
        handle.close();
        return;
      }
      if (status === 0) {
        if (self._handle) {
          self._handle.onread = noop;
          self._handle.close();
        }
        self._handle = handle;
        initSocketHandle(self);
        afterConnect(status, handle, req, true, true);
        return;
      }
      handle.close();
      errors.push(new ExceptionWithHostPort(status, 'connect', address, port));
      if (i + 1 < toAttempt.length) {
        attempt(i + 1);
      } else {
        self.destroy(new NodeAggregateError(errors));
      }
    };
    req.address = address;
    req.port = port;
    const err = handle.connect(req, address, port);
    if (err) req.oncomplete(err);
  };
  attempt(0);
}

function connectErrorNT(self, err) {
  self.destroy(err);
}

function internalConnect(self, address, port, addressType, localAddress, localPort) {
  let err;
  if (localAddress || localPort) {
    if (addressType === 4) {
      localAddress = localAddress || DEFAULT_IPV4_ADDR;
      err = self._handle.bind(localAddress, localPort);
    } else {
      localAddress = localAddress || DEFAULT_IPV6_ADDR;
      err = self._handle.bind6(localAddress, localPort, 0);
    }
    if (err) {
      self.destroy(new ExceptionWithHostPort(err, 'bind', localAddress, localPort));
      return;
    }
  }
  if (addressType === 6 || addressType === 4) {
    const req = new TCPConnectWrap();
    req.oncomplete = afterConnect;
    req.address = address;
    req.port = port;
    req.localAddress = localAddress;
    req.localPort = localPort;
    req.addressType = addressType;
    err = addressType === 4 ? self._handle.connect(req, address, port) :
      self._handle.connect6(req, address, port);
  } else {
    const req = new PipeConnectWrap();
    req.address = address;
    req.oncomplete = afterConnect;
    err = self._handle.connect(req, address);
  }
  if (err) {
    const sockname = self._getsockname();
    const details = sockname.address ? `${sockname.address}:${sockname.port}` : undefined;
    self.destroy(new ExceptionWithHostPort(err, 'connect', address, port, details));
  }
}

function afterConnect(status, handle, req, readable, writable) {
  const self = handle[kOwner];
  if (!self || self.destroyed) return;
  self.connecting = false;
  self._sockname = null;
  if (status === 0) {
    if (self.readable && !readable) {
      self.push(null);
      self.read();
    }
    if (self.writable && !writable) self.end();
    self._unrefTimer();
    if (self[kSetNoDelay] && self._handle.setNoDelay) self._handle.setNoDelay(true);
    if (self[kSetKeepAlive] && self._handle.setKeepAlive) {
      self._handle.setKeepAlive(true, self[kSetKeepAliveInitialDelay]);
    }
    self.emit('connect');
    self.emit('ready');
    if (readable && !self.isPaused()) self.read(0);
  } else {
    let details;
    if (req.localAddress && req.localPort) details = `${req.localAddress}:${req.localPort}`;
    const ex = new ExceptionWithHostPort(status, 'connect', req.address, req.port, details);
    if (details) {
      ex.localAddress = req.localAddress;
      ex.localPort = req.localPort;
    }
    self.destroy(ex);
  }
}

Socket.prototype.ref = function() {
  if (!this._handle) {
    this.once('connect', this.ref);
    return this;
  }
  if (typeof this._handle.ref === 'function') this._handle.ref();
  return this;
};

Socket.prototype.unref = function() {
  if (!this._handle) {
    this.once('connect', this.unref);
    return this;
  }
  if (typeof this._handle.unref === 'function') this._handle.unref();
  return this;
};

// ---------------------------------------------------------------------------
// Server

function Server(options, connectionListener) {
  if (!(this instanceof Server)) return new Server(options, connectionListener);
  EventEmitter.call(this);
  if (typeof options === 'function') {
    connectionListener = options;
    options = {};
    this.on('connection', connectionListener);
  } else if (options == null || typeof options === 'object') {
    options = { ...options };
    if (typeof connectionListener === 'function') this.on('connection', connectionListener);
  } else {
    throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  }
  if (typeof options.keepAliveInitialDelay !== 'undefined') {
    validateNumber(options.keepAliveInitialDelay, 'options.keepAliveInitialDelay');
    if (options.keepAliveInitialDelay < 0) options.keepAliveInitialDelay = 0;
  }
  if (typeof options.highWaterMark !== 'undefined') {
    validateNumber(options.highWaterMark, 'options.highWaterMark');
    if (options.highWaterMark < 0) options.highWaterMark = undefined;
  }
  this._connections = 0;
  this._handle = null;
  this._usingWorkers = false;
  this._workers = [];
  this._unref = false;
  this._listeningId = 1;
  this.allowHalfOpen = options.allowHalfOpen || false;
  this.pauseOnConnect = !!options.pauseOnConnect;
  this.noDelay = Boolean(options.noDelay);
  this.keepAlive = Boolean(options.keepAlive);
  this.keepAliveInitialDelay = ~~(options.keepAliveInitialDelay / 1000);
  this.highWaterMark = options.highWaterMark;
}
Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Server, EventEmitter);

// A bound handle, or a negative errno.
function createServerHandle(address, port, addressType, flags, fd) {
  let err = 0;
  let handle;
  let isTCP = false;
  if (typeof fd === 'number' && fd >= 0) {
    try {
      handle = createHandle(fd, true);
    } catch {
      return UV_EINVAL;
    }
    err = handle.open(fd);
    if (err) return err;
  } else if (port === -1 && addressType === -1) {
    handle = new Pipe(PipeConstants.SERVER);
  } else {
    handle = new TCP(TCPConstants.SERVER);
    isTCP = true;
  }
  if (address || port || isTCP) {
    if (!address) {
      err = handle.bind6(DEFAULT_IPV6_ADDR, port, flags);
      if (err) {
        handle.close();
        return createServerHandle(DEFAULT_IPV4_ADDR, port);
      }
    } else if (addressType === 6) {
      err = handle.bind6(address, port, flags);
    } else {
      err = handle.bind(address, port);
    }
  }
  if (err) {
    handle.close();
    return err;
  }
  return handle;
}

Server.prototype._listen2 = function setupListenHandle(address, port, addressType, backlog, flags, fd) {
  let rval = null;
  if (typeof fd === 'number' && fd >= 0) {
    rval = createServerHandle(address, port, addressType, flags, fd);
  } else if (!address) {
    rval = createServerHandle(DEFAULT_IPV6_ADDR, port, 6, flags);
    if (typeof rval === 'number') {
      rval = null;
      address = DEFAULT_IPV4_ADDR;
      addressType = 4;
    } else {
      address = DEFAULT_IPV6_ADDR;
      addressType = 6;
    }
  }
  if (rval === null) rval = createServerHandle(address, port, addressType, flags);
  if (typeof rval === 'number') {
    process.nextTick(emitErrorNT, this, new UVExceptionWithHostPort(rval, 'listen', address, port));
    return;
  }
  this._handle = rval;
  this._handle.onconnection = onconnection;
  this._handle[kOwner] = this;
  const err = this._handle.listen(backlog || 511);
  if (err) {
    const ex = new UVExceptionWithHostPort(err, 'listen', address, port);
    this._handle.close();
    this._handle = null;
    process.nextTick(emitErrorNT, this, ex);
    return;
  }
  this._connectionKey = `${addressType}:${address}:${port}`;
  if (this._unref) this.unref();
  process.nextTick(emitListeningNT, this);
};

function emitErrorNT(self, err) {
  self.emit('error', err);
}

function emitListeningNT(self) {
  if (self._handle) self.emit('listening');
}

function getFlags(ipv6Only) {
  return ipv6Only === true ? TCPConstants.UV_TCP_IPV6ONLY : 0;
}

function listenInCluster(server, address, port, addressType, backlog, flags, fd) {
  server._listen2(address, port, addressType, backlog, flags, fd);
}

function lookupAndListen(self, port, address, backlog, flags) {
  // A close() before the lookup finished cancels the listen.
  const listeningId = self._listeningId;
  require('dns').lookup(address, (err, ip, addressType) => {
    if (listeningId !== self._listeningId) return;
    if (err) {
      self.emit('error', err);
      return;
    }
    addressType = ip ? addressType : 4;
    listenInCluster(self, ip, port, addressType, backlog, flags);
  });
}

function addServerAbortSignalOption(self, options) {
  if (options?.signal === undefined) return;
  validateAbortSignal(options.signal, 'options.signal');
  const { signal } = options;
  const onAborted = () => self.close();
  if (signal.aborted) {
    process.nextTick(onAborted);
  } else {
    signal.addEventListener('abort', onAborted);
    self.once('close', () => signal.removeEventListener('abort', onAborted));
  }
}

Server.prototype.listen = function(...args) {
  const normalized = normalizeArgs(args);
  let options = normalized[0];
  const cb = normalized[1];
  if (this._handle) throw new ERR_SERVER_ALREADY_LISTEN();
  if (cb !== null) this.once('listening', cb);
  const backlogFromArgs = toNumber(args.length > 1 && args[1]) || toNumber(args.length > 2 && args[2]);
  options = options._handle || options.handle || options;
  const flags = getFlags(options.ipv6Only);
  addServerAbortSignalOption(this, options);

  if (typeof options.fd === 'number' && options.fd >= 0) {
    listenInCluster(this, null, null, null, backlogFromArgs, flags, options.fd);
    return this;
  }

  // listen(), listen(null), listen(cb), or options with port undefined/null:
  // an ephemeral port.
  if (args.length === 0 || typeof args[0] === 'function' ||
      (typeof options.port === 'undefined' && 'port' in options) || options.port === null) {
    options.port = 0;
  }
  if (typeof options.port === 'number' || typeof options.port === 'string') {
    validatePort(options.port, 'options.port');
    const backlog = options.backlog || backlogFromArgs;
    if (options.host) {
      lookupAndListen(this, options.port | 0, options.host, backlog, flags);
    } else {
      listenInCluster(this, null, options.port | 0, 4, backlog, flags);
    }
    return this;
  }
  if (options.path && isPipeName(options.path)) {
    const pipeName = this._pipeName = options.path;
    const backlog = options.backlog || backlogFromArgs;
    if (pipeName[0] === '\0' && (options.readableAll || options.writableAll)) {
      throw new ERR_INVALID_ARG_VALUE('options', options,
        'can not set readableAll or writableAllt to true when path is abstract unix socket');
    }
    listenInCluster(this, pipeName, -1, -1, backlog, flags);
    if (this._handle && (options.readableAll || options.writableAll)) {
      const mode = (options.readableAll ? 0o444 : 0) | (options.writableAll ? 0o222 : 0);
      try {
        const fs = require('fs');
        fs.chmodSync(pipeName, (fs.statSync(pipeName).mode & 0o777) | mode);
      } catch (err) {
        this._handle.close();
        this._handle = null;
        throw err;
      }
    }
    return this;
  }
  if (!('port' in options || 'path' in options)) {
    throw new ERR_INVALID_ARG_VALUE('options', options, 'must have the property "port" or "path"');
  }
  throw new ERR_INVALID_ARG_VALUE('options', options);
};

Object.defineProperty(Server.prototype, 'listening', {
  get() { return !!(this._handle && this._connectionKey); },
  configurable: true,
  enumerable: true,
});

Server.prototype.address = function() {
  if (this._handle && this._handle.getsockname) {
    const out = {};
    const err = this._handle.getsockname(out);
    if (err) throw new ErrnoException(err, 'address');
    return out;
  } else if (this._pipeName) {
    return this._pipeName;
  }
  return null;
};

// handle.onconnection: `this` is the listening handle.
function onconnection(err, clientHandle) {
  const self = this[kOwner];
  if (err) {
    self.emit('error', new ErrnoException(err, 'accept'));
    return;
  }
  if (self.maxConnections != null && self._connections >= self.maxConnections) {
    if (self.listenerCount('drop') > 0) {
      const local = {};
      const remote = {};
      clientHandle.getsockname?.(local);
      clientHandle.getpeername?.(remote);
      self.emit('drop', {
        localAddress: local.address, localPort: local.port, localFamily: local.family,
        remoteAddress: remote.address, remotePort: remote.port, remoteFamily: remote.family,
      });
    }
    clientHandle.close();
    return;
  }
  const socket = new Socket({
    handle: clientHandle,
    allowHalfOpen: self.allowHalfOpen,
    pauseOnCreate: self.pauseOnConnect,
    readable: true,
    writable: true,
    highWaterMark: self.highWaterMark,
  });
  if (self.noDelay && clientHandle.setNoDelay) {
    socket[kSetNoDelay] = true;
    clientHandle.setNoDelay(true);
  }
  if (self.keepAlive && clientHandle.setKeepAlive) {
    socket[kSetKeepAlive] = true;
    socket[kSetKeepAliveInitialDelay] = self.keepAliveInitialDelay;
    clientHandle.setKeepAlive(true, self.keepAliveInitialDelay);
  }
  self._connections++;
  socket.server = self;
  socket._server = self;
  self.emit('connection', socket);
}

Server.prototype.getConnections = function(cb) {
  process.nextTick(cb, null, this._connections);
  return this;
};

Server.prototype.close = function(cb) {
  this._listeningId++;
  if (typeof cb === 'function') {
    if (!this._handle) {
      this.once('close', function close() {
        cb(new ERR_SERVER_NOT_RUNNING());
      });
    } else {
      this.once('close', cb);
    }
  }
  if (this._handle) {
    this._handle.close();
    this._handle = null;
  }
  this._emitCloseIfDrained();
  return this;
};

Server.prototype._emitCloseIfDrained = function() {
  if (this._handle || this._connections) return;
  process.nextTick(emitServerCloseNT, this);
};

function emitServerCloseNT(self) {
  self.emit('close');
}

Server.prototype[Symbol.asyncDispose] = function() {
  if (!this._handle) return Promise.resolve();
  return new Promise((resolve, reject) => {
    this.close((err) => (err ? reject(err) : resolve()));
  });
};

Server.prototype[EventEmitter.captureRejectionSymbol] = function(err, event, sock) {
  switch (event) {
    case 'connection':
      sock.destroy(err);
      break;
    default:
      this.emit('error', err);
  }
};

Server.prototype.ref = function() {
  this._unref = false;
  if (this._handle) this._handle.ref();
  return this;
};

Server.prototype.unref = function() {
  this._unref = true;
  if (this._handle) this._handle.unref();
  return this;
};

Object.defineProperty(Server.prototype, 'connections', {
  get() { return this._connections; },
  set(val) { this._connections = val; },
  configurable: true,
  enumerable: false,
});

// ---------------------------------------------------------------------------
// Factories

function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

function connect(...args) {
  const normalized = normalizeArgs(args);
  const [options] = normalized;
  if (options.timeout) validateNumber(options.timeout, 'timeout');
  const socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  return socket.connect(normalized);
}

let warnedSimultaneousAccepts = false;

// DEP0121: a Windows-only knob; elsewhere it only warns.
function _setSimultaneousAccepts() {
  if (!warnedSimultaneousAccepts) {
    warnedSimultaneousAccepts = true;
    process.emitWarning('net._setSimultaneousAccepts() is deprecated and will be removed.',
      'DeprecationWarning', 'DEP0121');
  }
}

module.exports = {
  get BlockList() {
    return require('internal/blocklist').BlockList;
  },
  get SocketAddress() {
    return require('internal/blocklist').SocketAddress;
  },
  _createServerHandle: createServerHandle,
  _normalizeArgs: normalizeArgs,
  _setSimultaneousAccepts,
  connect,
  createConnection: connect,
  createServer,
  isIP,
  isIPv4,
  isIPv6,
  Server,
  Socket,
  Stream: Socket,
  getDefaultAutoSelectFamily,
  setDefaultAutoSelectFamily,
  getDefaultAutoSelectFamilyAttemptTimeout,
  setDefaultAutoSelectFamilyAttemptTimeout,
};
