'use strict';
// IncomingMessage: a request on the server or a response on the client, a
// Readable of the body with the head's fields (headers built lazily from
// rawHeaders by node's duplicate rules).

const { Readable, finished } = require('stream');

const kHeaders = Symbol('kHeaders');
const kHeadersDistinct = Symbol('kHeadersDistinct');
const kHeadersCount = Symbol('kHeadersCount');
const kTrailers = Symbol('kTrailers');
const kTrailersDistinct = Symbol('kTrailersDistinct');
const kTrailersCount = Symbol('kTrailersCount');

function readStart(socket) {
  if (socket && !socket._paused && socket.readable) socket.resume();
}

function readStop(socket) {
  if (socket) socket.pause();
}

function IncomingMessage(socket) {
  let streamOptions;
  if (socket) streamOptions = { highWaterMark: socket.readableHighWaterMark };
  Readable.call(this, streamOptions);

  this._readableState.readingMore = true;
  this.socket = socket;
  this.httpVersionMajor = null;
  this.httpVersionMinor = null;
  this.httpVersion = null;
  this.complete = false;
  this[kHeaders] = null;
  this[kHeadersCount] = 0;
  this.rawHeaders = [];
  this[kTrailers] = null;
  this[kTrailersCount] = 0;
  this.rawTrailers = [];
  this.joinDuplicateHeaders = false;
  this.aborted = false;
  this.upgrade = null;
  this.url = '';
  this.method = null;
  this.statusCode = null;
  this.statusMessage = null;
  this.client = socket;
  this._consuming = false;
  // The body is thrown away once _dump() ran.
  this._dumped = false;
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);

function lazyFields(self, cache, raw, count, add) {
  if (!self[cache]) {
    self[cache] = {};
    const src = self[raw];
    const dst = self[cache];
    for (let n = 0; n < self[count]; n += 2) add.call(self, src[n], src[n + 1], dst);
  }
  return self[cache];
}

Object.defineProperties(IncomingMessage.prototype, {
  connection: {
    __proto__: null,
    configurable: true,
    get() { return this.socket; },
    set(val) { this.socket = val; },
  },
  headers: {
    __proto__: null,
    configurable: true,
    get() {
      return lazyFields(this, kHeaders, 'rawHeaders', kHeadersCount, this._addHeaderLine);
    },
    set(val) { this[kHeaders] = val; },
  },
  headersDistinct: {
    __proto__: null,
    configurable: true,
    get() {
      return lazyFields(this, kHeadersDistinct, 'rawHeaders', kHeadersCount, this._addHeaderLineDistinct);
    },
    set(val) { this[kHeadersDistinct] = val; },
  },
  trailers: {
    __proto__: null,
    configurable: true,
    get() {
      return lazyFields(this, kTrailers, 'rawTrailers', kTrailersCount, this._addHeaderLine);
    },
    set(val) { this[kTrailers] = val; },
  },
  trailersDistinct: {
    __proto__: null,
    configurable: true,
    get() {
      return lazyFields(this, kTrailersDistinct, 'rawTrailers', kTrailersCount, this._addHeaderLineDistinct);
    },
    set(val) { this[kTrailersDistinct] = val; },
  },
});

IncomingMessage.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on('timeout', callback);
  this.socket.setTimeout(msecs);
  return this;
};

IncomingMessage.prototype._read = function _read(n) {
  if (!this._consuming) {
    this._readableState.readingMore = false;
    this._consuming = true;
  }
  // The parser pushes the body as it arrives; reading more means letting the
  // socket flow again.
  if (this.socket.readable) readStart(this.socket);
};

// An error is only reported when someone listens for it (node's old behaviour).
function onError(self, error, cb) {
  if (self.listenerCount('error') === 0) cb();
  else cb(error);
}

IncomingMessage.prototype._destroy = function _destroy(err, cb) {
  if (!this.readableEnded || !this.complete) {
    this.aborted = true;
    this.emit('aborted');
  }
  if (this.socket && !this.socket.destroyed && this.aborted) {
    this.socket.destroy(err);
    const cleanup = finished(this.socket, (e) => {
      if (e?.code === 'ERR_STREAM_PREMATURE_CLOSE') e = null;
      cleanup();
      process.nextTick(onError, this, e || err, cb);
    });
  } else {
    process.nextTick(onError, this, err, cb);
  }
};

IncomingMessage.prototype._addHeaderLines = function _addHeaderLines(headers, n) {
  if (!headers?.length) return;
  let dest;
  if (this.complete) {
    this.rawTrailers = headers;
    this[kTrailersCount] = n;
    dest = this[kTrailers];
  } else {
    this.rawHeaders = headers;
    this[kHeadersCount] = n;
    dest = this[kHeaders];
  }
  if (dest) {
    for (let i = 0; i < n; i += 2) this._addHeaderLine(headers[i], headers[i + 1], dest);
  }
};

// Headers whose duplicates are dropped (node keeps the first).
const kSingleValued = new Set([
  'content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization',
  'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from', 'location',
  'max-forwards', 'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires',
]);

IncomingMessage.prototype._addHeaderLine = function _addHeaderLine(field, value, dest) {
  field = field.toLowerCase();
  if (field === 'set-cookie') {
    if (dest['set-cookie'] !== undefined) dest['set-cookie'].push(value);
    else dest['set-cookie'] = [value];
  } else if (field === 'cookie') {
    if (typeof dest.cookie === 'string') dest.cookie += '; ' + value;
    else dest.cookie = value;
  } else if (!kSingleValued.has(field) || this.joinDuplicateHeaders) {
    if (typeof dest[field] === 'string') dest[field] += ', ' + value;
    else dest[field] = value;
  } else if (dest[field] === undefined) {
    dest[field] = value;
  }
};

IncomingMessage.prototype._addHeaderLineDistinct = function _addHeaderLineDistinct(field, value, dest) {
  field = field.toLowerCase();
  if (!dest[field]) dest[field] = [value];
  else dest[field].push(value);
};

// Throw the body away: nobody is going to read it, but the parser must still
// see it go by.
IncomingMessage.prototype._dump = function _dump() {
  if (!this._dumped) {
    this._dumped = true;
    this.removeAllListeners('data');
    this.resume();
  }
};

module.exports = { IncomingMessage, readStart, readStop };
