'use strict';
// OutgoingMessage: what ServerResponse and ClientRequest share. It keeps the
// headers until the head is written, frames the body (Content-Length or
// chunked) and queues output until a socket is assigned.

const Stream = require('stream');
const EE = require('events');
const { Buffer } = require('buffer');
const { getDefaultHighWaterMark } = require('internal/streams/state');
const { kOutHeaders, kNeedDrain, utcDate } = require('internal/http');
const { _checkIsHttpToken: checkIsHttpToken, _checkInvalidHeaderChar: checkInvalidHeaderChar,
  chunkExpression: RE_TE_CHUNKED } = require('_http_common');
const { validateString } = require('internal/validators');
const { isUint8Array } = require('internal/util/types');
const { deprecate } = require('internal/util');
const {
  ERR_HTTP_BODY_NOT_ALLOWED,
  ERR_HTTP_CONTENT_LENGTH_MISMATCH,
  ERR_HTTP_HEADERS_SENT,
  ERR_HTTP_INVALID_HEADER_VALUE,
  ERR_HTTP_TRAILER_INVALID,
  ERR_INVALID_HTTP_TOKEN,
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  ERR_INVALID_CHAR,
  ERR_METHOD_NOT_IMPLEMENTED,
  ERR_STREAM_CANNOT_PIPE,
  ERR_STREAM_ALREADY_FINISHED,
  ERR_STREAM_WRITE_AFTER_END,
  ERR_STREAM_NULL_VALUES,
  ERR_STREAM_DESTROYED,
} = require('internal/errors').codes;
const { hideStackFrames } = require('internal/errors');

const kCorked = Symbol('corked');
const kUniqueHeaders = Symbol('kUniqueHeaders');
const kBytesWritten = Symbol('kBytesWritten');
const kErrored = Symbol('errored');
const kHighWaterMark = Symbol('kHighWaterMark');
const kRejectNonStandardBodyWrites = Symbol('kRejectNonStandardBodyWrites');

const nop = () => {};
const RE_CONN_CLOSE = /(?:^|\W)close(?:$|\W)/i;
const crlfBuf = Buffer.from('\r\n');

const kNonAscii = /[^\x00-\x7f]/;
function isAscii(s) {
  return !kNonAscii.test(s);
}

function isCookieField(s) {
  return s.length === 6 && s.toLowerCase() === 'cookie';
}

function OutgoingMessage(options) {
  Stream.call(this);
  // Output queued until a socket is assigned (or the socket is not ours yet).
  this.outputData = [];
  this.outputSize = 0;
  this.writable = true;
  this.destroyed = false;
  // Close the connection once this message is done.
  this._last = false;
  this.chunkedEncoding = false;
  this.shouldKeepAlive = true;
  this.maxRequestsOnConnectionReached = false;
  this._defaultKeepAlive = true;
  this.useChunkedEncodingByDefault = true;
  this.sendDate = false;
  this._removedConnection = false;
  this._removedContLen = false;
  this._removedTE = false;
  this.strictContentLength = false;
  this[kBytesWritten] = 0;
  this._contentLength = null;
  this._hasBody = true;
  this._trailer = '';
  this[kNeedDrain] = false;
  this.finished = false;
  this._headerSent = false;
  this[kCorked] = 0;
  this._closed = false;
  this.socket = null;
  this._header = null;
  this[kOutHeaders] = null;
  this._keepAliveTimeout = 0;
  this._onPendingData = nop;
  this[kErrored] = null;
  this[kHighWaterMark] = options?.highWaterMark ?? getDefaultHighWaterMark();
  this[kRejectNonStandardBodyWrites] = options?.rejectNonStandardBodyWrites ?? false;
}
Object.setPrototypeOf(OutgoingMessage.prototype, Stream.prototype);
Object.setPrototypeOf(OutgoingMessage, Stream);

function getter(name, get, set) {
  Object.defineProperty(OutgoingMessage.prototype, name, { __proto__: null, configurable: true, get, set });
}

getter('errored', function() { return this[kErrored]; });
getter('closed', function() { return this._closed; });
getter('writableFinished', function() {
  return this.finished && this.outputSize === 0 && (!this.socket || this.socket.writableLength === 0);
});
getter('writableObjectMode', () => false);
getter('writableLength', function() {
  return this.outputSize + (this.socket ? this.socket.writableLength : 0);
});
getter('writableHighWaterMark', function() {
  return this.socket ? this.socket.writableHighWaterMark : this[kHighWaterMark];
});
getter('writableCorked', function() {
  return this.socket ? this.socket.writableCorked : this[kCorked];
});
getter('writableEnded', function() { return this.finished; });
getter('writableNeedDrain', function() {
  return !this.destroyed && !this.finished && this[kNeedDrain];
});
getter('connection', function() { return this.socket; }, function(val) { this.socket = val; });
getter('headersSent', function() { return !!this._header; });
getter('_headers',
       deprecate(function() { return this.getHeaders(); },
                 'OutgoingMessage.prototype._headers is deprecated', 'DEP0066'),
       deprecate(function(val) {
         if (val == null) {
           this[kOutHeaders] = null;
         } else if (typeof val === 'object') {
           const headers = this[kOutHeaders] = { __proto__: null };
           for (const name of Object.keys(val)) headers[name.toLowerCase()] = [name, val[name]];
         }
       }, 'OutgoingMessage.prototype._headers is deprecated', 'DEP0066'));
getter('_headerNames',
       deprecate(function() {
         const headers = this[kOutHeaders];
         if (headers === null) return null;
         const out = { __proto__: null };
         for (const key of Object.keys(headers)) out[key] = headers[key][0];
         return out;
       }, 'OutgoingMessage.prototype._headerNames is deprecated', 'DEP0066'),
       deprecate(function(val) {
         if (typeof val === 'object' && val !== null) {
           const headers = this[kOutHeaders];
           if (!headers) return;
           for (const name of Object.keys(val)) {
             const header = headers[name];
             if (header) header[0] = val[name];
           }
         }
       }, 'OutgoingMessage.prototype._headerNames is deprecated', 'DEP0066'));

OutgoingMessage.prototype._renderHeaders = function _renderHeaders() {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
  const headersMap = this[kOutHeaders];
  const headers = {};
  if (headersMap !== null) {
    for (const key of Object.keys(headersMap)) headers[headersMap[key][0]] = headersMap[key][1];
  }
  return headers;
};

OutgoingMessage.prototype.cork = function cork() {
  if (this.socket) this.socket.cork();
  else this[kCorked]++;
};

OutgoingMessage.prototype.uncork = function uncork() {
  if (this.socket) this.socket.uncork();
  else if (this[kCorked]) this[kCorked]--;
};

OutgoingMessage.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on('timeout', callback);
  if (!this.socket) {
    this.once('socket', function socketSetTimeoutOnConnect(socket) {
      socket.setTimeout(msecs);
    });
  } else {
    this.socket.setTimeout(msecs);
  }
  return this;
};

OutgoingMessage.prototype.destroy = function destroy(error) {
  if (this.destroyed) return this;
  this.destroyed = true;
  this[kErrored] = error;
  if (this.socket) {
    this.socket.destroy(error);
  } else {
    this.once('socket', function socketDestroyOnConnect(socket) {
      socket.destroy(error);
    });
  }
  return this;
};

// Writes the head in front of the first piece of body.
OutgoingMessage.prototype._send = function _send(data, encoding, callback, byteLength) {
  if (!this._headerSent && this._header !== null) {
    // The head is latin1 on the wire: it joins a utf8 body only when ASCII.
    if (typeof data === 'string' &&
        (encoding === 'latin1' || ((encoding === 'utf8' || !encoding) && isAscii(this._header)))) {
      data = this._header + data;
    } else {
      const header = this._header;
      this.outputData.unshift({ data: header, encoding: 'latin1', callback: null });
      this.outputSize += header.length;
      this._onPendingData(header.length);
    }
    this._headerSent = true;
  }
  return this._writeRaw(data, encoding, callback, byteLength);
};

OutgoingMessage.prototype._writeRaw = function _writeRaw(data, encoding, callback, size) {
  const conn = this.socket;
  if (conn?.destroyed) return false;
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  if (conn && conn._httpMessage === this && conn.writable) {
    // Earlier output queued before the socket was ours goes first.
    if (this.outputData.length) this._flushOutput(conn);
    return conn.write(data, encoding, callback);
  }
  this.outputData.push({ data, encoding, callback });
  this.outputSize += data.length;
  this._onPendingData(data.length);
  return this.outputSize < this[kHighWaterMark];
};

OutgoingMessage.prototype._storeHeader = function _storeHeader(firstLine, headers) {
  const state = {
    connection: false,
    contLen: false,
    te: false,
    date: false,
    expect: false,
    trailer: false,
    header: firstLine,
  };
  storeHeaderList(this, state, headers);

  let { header } = state;
  if (this.sendDate && !state.date) header += 'Date: ' + utcDate() + '\r\n';

  // 204 and 304 never carry a body: no zero chunk either, and the connection
  // closes so a confused peer cannot be fed a smuggled message.
  if (this.chunkedEncoding && (this.statusCode === 204 || this.statusCode === 304)) {
    this.chunkedEncoding = false;
    this.shouldKeepAlive = false;
  }

  if (this._removedConnection) {
    this._last = !this.shouldKeepAlive;
  } else if (!state.connection) {
    header += connectionHeader(this, state);
  }

  if (!state.contLen && !state.te) header += framingHeader(this, state);

  if (this.chunkedEncoding !== true && state.trailer) throw new ERR_HTTP_TRAILER_INVALID();

  this._header = header + '\r\n';
  this._headerSent = false;
  // The head waits for the first body chunk, unless the peer waits for a
  // 100 Continue first.
  if (state.expect) this._send('');
};

function storeHeaderList(self, state, headers) {
  if (!headers) return;
  if (headers === self[kOutHeaders]) {
    for (const key in headers) {
      const entry = headers[key];
      processHeader(self, state, entry[0], entry[1], false);
    }
  } else if (Array.isArray(headers)) {
    if (headers.length && Array.isArray(headers[0])) {
      for (let i = 0; i < headers.length; i++) {
        const entry = headers[i];
        processHeader(self, state, entry[0], entry[1], true);
      }
    } else {
      if (headers.length % 2 !== 0) throw new ERR_INVALID_ARG_VALUE('headers', headers);
      for (let n = 0; n < headers.length; n += 2) {
        processHeader(self, state, headers[n], headers[n + 1], true);
      }
    }
  } else {
    for (const key in headers) {
      if (Object.hasOwn(headers, key)) processHeader(self, state, key, headers[key], true);
    }
  }
}

function connectionHeader(self, state) {
  const shouldSendKeepAlive = self.shouldKeepAlive &&
    (state.contLen || self.useChunkedEncodingByDefault || self.agent);
  if (shouldSendKeepAlive && self.maxRequestsOnConnectionReached) return 'Connection: close\r\n';
  if (!shouldSendKeepAlive) {
    self._last = true;
    return 'Connection: close\r\n';
  }
  let header = 'Connection: keep-alive\r\n';
  if (self._keepAliveTimeout && self._defaultKeepAlive) {
    const timeoutSeconds = Math.floor(self._keepAliveTimeout / 1000);
    const max = ~~self._maxRequestsPerSocket > 0 ? `, max=${self._maxRequestsPerSocket}` : '';
    header += `Keep-Alive: timeout=${timeoutSeconds}${max}\r\n`;
  }
  return header;
}

// How the body's end is found when the user set neither Content-Length nor
// Transfer-Encoding.
function framingHeader(self, state) {
  if (!self._hasBody) {
    self.chunkedEncoding = false;
    return '';
  }
  if (!self.useChunkedEncodingByDefault) {
    self._last = true;
    return '';
  }
  if (!state.trailer && !self._removedContLen && typeof self._contentLength === 'number') {
    return 'Content-Length: ' + self._contentLength + '\r\n';
  }
  if (!self._removedTE) {
    self.chunkedEncoding = true;
    return 'Transfer-Encoding: chunked\r\n';
  }
  // Both removed by the user: the body ends when the connection does.
  self._last = true;
  return '';
}

function processHeader(self, state, key, value, validate) {
  if (validate) validateHeaderName(key);
  if (Array.isArray(value)) {
    if ((value.length < 2 || !isCookieField(key)) &&
        (!self[kUniqueHeaders] || !self[kUniqueHeaders].has(key.toLowerCase()))) {
      for (let i = 0; i < value.length; i++) storeHeader(self, state, key, value[i], validate);
      return;
    }
    value = value.join('; ');
  }
  storeHeader(self, state, key, value, validate);
}

function storeHeader(self, state, key, value, validate) {
  if (validate) validateHeaderValue(key, value);
  state.header += key + ': ' + value + '\r\n';
  matchHeader(self, state, key, value);
}

// Headers that change how the message is framed or the connection kept.
function matchHeader(self, state, field, value) {
  if (field.length < 4 || field.length > 17) return;
  field = field.toLowerCase();
  switch (field) {
    case 'connection':
      state.connection = true;
      self._removedConnection = false;
      if (RE_CONN_CLOSE.test(value)) self._last = true;
      else self.shouldKeepAlive = true;
      break;
    case 'transfer-encoding':
      state.te = true;
      self._removedTE = false;
      if (RE_TE_CHUNKED.test(value)) self.chunkedEncoding = true;
      break;
    case 'content-length':
      state.contLen = true;
      self._contentLength = +value;
      self._removedContLen = false;
      break;
    case 'date':
    case 'expect':
    case 'trailer':
      state[field] = true;
      break;
    case 'keep-alive':
      self._defaultKeepAlive = false;
      break;
  }
}

const validateHeaderName = hideStackFrames((name, label) => {
  if (typeof name !== 'string' || !name || !checkIsHttpToken(name)) {
    throw new ERR_INVALID_HTTP_TOKEN(label || 'Header name', name);
  }
});

const validateHeaderValue = hideStackFrames((name, value) => {
  if (value === undefined) throw new ERR_HTTP_INVALID_HEADER_VALUE(value, name);
  if (checkInvalidHeaderChar(value)) throw new ERR_INVALID_CHAR('header content', name);
});

function parseUniqueHeadersOption(headers) {
  if (!Array.isArray(headers)) return null;
  const unique = new Set();
  for (const header of headers) unique.add(header.toLowerCase());
  return unique;
}

OutgoingMessage.prototype.setHeader = function setHeader(name, value) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('set');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  let headers = this[kOutHeaders];
  if (headers === null) this[kOutHeaders] = headers = { __proto__: null };
  headers[name.toLowerCase()] = [name, value];
  return this;
};

OutgoingMessage.prototype.setHeaders = function setHeaders(headers) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('set');
  if (!headers || Array.isArray(headers) || typeof headers.keys !== 'function' ||
      typeof headers.get !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('headers', ['Headers', 'Map'], headers);
  }
  // Set-Cookie values stay separate lines.
  const cookies = [];
  for (const { 0: key, 1: value } of headers) {
    if (key === 'set-cookie') {
      if (Array.isArray(value)) cookies.push(...value);
      else cookies.push(value);
      continue;
    }
    this.setHeader(key, value);
  }
  if (cookies.length) this.setHeader('set-cookie', cookies);
  return this;
};

OutgoingMessage.prototype.appendHeader = function appendHeader(name, value) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('append');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  const field = name.toLowerCase();
  const headers = this[kOutHeaders];
  if (headers === null || !headers[field]) return this.setHeader(name, value);
  if (!Array.isArray(headers[field][1])) headers[field][1] = [headers[field][1]];
  const existing = headers[field][1];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) existing.push(value[i]);
  } else {
    existing.push(value);
  }
  return this;
};

OutgoingMessage.prototype.getHeader = function getHeader(name) {
  validateString(name, 'name');
  const headers = this[kOutHeaders];
  if (headers === null) return;
  const entry = headers[name.toLowerCase()];
  return entry && entry[1];
};

OutgoingMessage.prototype.getHeaderNames = function getHeaderNames() {
  return this[kOutHeaders] !== null ? Object.keys(this[kOutHeaders]) : [];
};

OutgoingMessage.prototype.getRawHeaderNames = function getRawHeaderNames() {
  const headersMap = this[kOutHeaders];
  if (headersMap === null) return [];
  return Object.values(headersMap).map((entry) => entry[0]);
};

OutgoingMessage.prototype.getHeaders = function getHeaders() {
  const headers = this[kOutHeaders];
  const ret = { __proto__: null };
  if (headers) {
    for (const key of Object.keys(headers)) ret[key] = headers[key][1];
  }
  return ret;
};

OutgoingMessage.prototype.hasHeader = function hasHeader(name) {
  validateString(name, 'name');
  return this[kOutHeaders] !== null && !!this[kOutHeaders][name.toLowerCase()];
};

OutgoingMessage.prototype.removeHeader = function removeHeader(name) {
  validateString(name, 'name');
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('remove');
  const key = name.toLowerCase();
  switch (key) {
    case 'connection':
      this._removedConnection = true;
      break;
    case 'content-length':
      this._removedContLen = true;
      break;
    case 'transfer-encoding':
      this._removedTE = true;
      break;
    case 'date':
      this.sendDate = false;
      break;
  }
  if (this[kOutHeaders] !== null) delete this[kOutHeaders][key];
};

OutgoingMessage.prototype._implicitHeader = function _implicitHeader() {
  throw new ERR_METHOD_NOT_IMPLEMENTED('_implicitHeader()');
};

OutgoingMessage.prototype.write = function write(chunk, encoding, callback) {
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  const ret = writeBody(this, chunk, encoding, callback, false);
  if (!ret) this[kNeedDrain] = true;
  return ret;
};

function onError(msg, err, callback) {
  if (msg.destroyed) return;
  process.nextTick(emitErrorNt, msg, err, callback);
}

function emitErrorNt(msg, err, callback) {
  callback(err);
  if (typeof msg.emit === 'function' && !msg.destroyed) msg.emit('error', err);
}

function strictContentLength(msg) {
  return msg.strictContentLength && msg._contentLength != null && msg._hasBody &&
    !msg._removedContLen && !msg.chunkedEncoding && !msg.hasHeader('transfer-encoding');
}

function byteLengthOf(chunk, encoding) {
  return typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
}

function writeBody(msg, chunk, encoding, callback, fromEnd) {
  if (typeof callback !== 'function') callback = nop;
  if (chunk === null) {
    throw new ERR_STREAM_NULL_VALUES();
  } else if (typeof chunk !== 'string' && !isUint8Array(chunk)) {
    throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
  }

  let err;
  if (msg.finished) err = new ERR_STREAM_WRITE_AFTER_END();
  else if (msg.destroyed) err = new ERR_STREAM_DESTROYED('write');
  if (err) {
    if (!msg.destroyed) onError(msg, err, callback);
    else process.nextTick(callback, err);
    return false;
  }

  let len;
  if (msg.strictContentLength) {
    len ??= byteLengthOf(chunk, encoding);
    if (strictContentLength(msg) &&
        (fromEnd ? msg[kBytesWritten] + len !== msg._contentLength :
          msg[kBytesWritten] + len > msg._contentLength)) {
      throw new ERR_HTTP_CONTENT_LENGTH_MISMATCH(len + msg[kBytesWritten], msg._contentLength);
    }
    msg[kBytesWritten] += len;
  }

  if (!msg._header) {
    if (fromEnd) {
      len ??= byteLengthOf(chunk, encoding);
      msg._contentLength = len;
    }
    msg._implicitHeader();
  }

  if (!msg._hasBody) {
    if (msg[kRejectNonStandardBodyWrites]) throw new ERR_HTTP_BODY_NOT_ALLOWED();
    // This message (HEAD, 204, 304) must not have a body: writes are ignored.
    process.nextTick(callback);
    return true;
  }

  // Batch the writes of this tick into one write to the socket.
  if (!fromEnd && msg.socket && !msg.socket.writableCorked) {
    msg.socket.cork();
    process.nextTick(connectionCorkNT, msg.socket);
  }

  if (msg.chunkedEncoding && chunk.length !== 0) {
    len ??= byteLengthOf(chunk, encoding);
    msg._send(len.toString(16), 'latin1', null);
    msg._send(crlfBuf, null, null);
    msg._send(chunk, encoding, null, len);
    return msg._send(crlfBuf, null, callback);
  }
  return msg._send(chunk, encoding, callback, len);
}

function connectionCorkNT(conn) {
  conn.uncork();
}

OutgoingMessage.prototype.addTrailers = function addTrailers(headers) {
  this._trailer = '';
  const keys = Object.keys(headers);
  const isArray = Array.isArray(headers);
  for (let i = 0; i < keys.length; i++) {
    let field;
    let value;
    const key = keys[i];
    if (isArray) {
      field = headers[key][0];
      value = headers[key][1];
    } else {
      field = key;
      value = headers[key];
    }
    validateHeaderName(field, 'Trailer name');
    if (Array.isArray(value) && value.length > 1 &&
        (!this[kUniqueHeaders] || !this[kUniqueHeaders].has(field.toLowerCase()))) {
      for (let j = 0; j < value.length; j++) this._trailer += trailerLine(field, value[j]);
    } else {
      if (Array.isArray(value)) value = value.join('; ');
      this._trailer += trailerLine(field, value);
    }
  }
};

function trailerLine(field, value) {
  if (checkInvalidHeaderChar(value)) throw new ERR_INVALID_CHAR('trailer content', field);
  return field + ': ' + value + '\r\n';
}

function onFinish(outmsg) {
  if (outmsg?.socket?._hadError) return;
  outmsg.emit('finish');
}

OutgoingMessage.prototype.end = function end(chunk, encoding, callback) {
  if (typeof chunk === 'function') {
    callback = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }

  if (chunk) {
    if (this.finished) {
      onError(this, new ERR_STREAM_WRITE_AFTER_END(), typeof callback !== 'function' ? nop : callback);
      return this;
    }
    if (this.socket) this.socket.cork();
    writeBody(this, chunk, encoding, null, true);
  } else if (this.finished) {
    if (typeof callback === 'function') {
      if (!this.writableFinished) this.on('finish', callback);
      else callback(new ERR_STREAM_ALREADY_FINISHED('end'));
    }
    return this;
  } else if (!this._header) {
    if (this.socket) this.socket.cork();
    this._contentLength = 0;
    this._implicitHeader();
  }

  if (typeof callback === 'function') this.once('finish', callback);

  if (strictContentLength(this) && this[kBytesWritten] !== this._contentLength) {
    throw new ERR_HTTP_CONTENT_LENGTH_MISMATCH(this[kBytesWritten], this._contentLength);
  }

  const finish = onFinish.bind(undefined, this);
  if (this._hasBody && this.chunkedEncoding) {
    this._send('0\r\n' + this._trailer + '\r\n', 'latin1', finish);
  } else if (!this._headerSent || this.writableLength || chunk) {
    this._send('', 'latin1', finish);
  } else {
    process.nextTick(finish);
  }

  if (this.socket) {
    // Fully uncork the connection: everything of this message goes out now.
    this.socket._writableState.corked = 1;
    this.socket.uncork();
  }
  this[kCorked] = 1;
  this.uncork();

  this.finished = true;
  // Everything is on the socket already: the message can finish.
  if (this.outputData.length === 0 && this.socket && this.socket._httpMessage === this) {
    this._finish();
  }
  return this;
};

OutgoingMessage.prototype._finish = function _finish() {
  this.emit('prefinish');
};

// Called when the socket becomes ours: move the queued output onto it.
OutgoingMessage.prototype._flush = function _flush() {
  const socket = this.socket;
  if (socket && socket.writable) {
    const ret = this._flushOutput(socket);
    if (this.finished) {
      this._finish();
    } else if (ret && this[kNeedDrain]) {
      this[kNeedDrain] = false;
      this.emit('drain');
    }
  }
};

OutgoingMessage.prototype._flushOutput = function _flushOutput(socket) {
  while (this[kCorked]) {
    this[kCorked]--;
    socket.cork();
  }
  const outputLength = this.outputData.length;
  if (outputLength <= 0) return undefined;
  const outputData = this.outputData;
  socket.cork();
  let ret;
  for (let i = 0; i < outputLength; i++) {
    const { data, encoding, callback } = outputData[i];
    outputData[i].data = null;
    ret = socket.write(data, encoding, callback);
  }
  socket.uncork();
  this.outputData = [];
  this._onPendingData(-this.outputSize);
  this.outputSize = 0;
  return ret;
};

OutgoingMessage.prototype.flushHeaders = function flushHeaders() {
  if (!this._header) this._implicitHeader();
  // Sends the head now, with no body bytes.
  this._send('');
};

OutgoingMessage.prototype.pipe = function pipe() {
  this.emit('error', new ERR_STREAM_CANNOT_PIPE());
};

OutgoingMessage.prototype[EE.captureRejectionSymbol] = function(err, event) {
  this.destroy(err);
};

module.exports = {
  kHighWaterMark,
  kUniqueHeaders,
  parseUniqueHeadersOption,
  validateHeaderName,
  validateHeaderValue,
  OutgoingMessage,
};
