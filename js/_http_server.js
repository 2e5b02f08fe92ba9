'use strict';
// The HTTP server: a net.Server whose connections each get a parser; parsed
// requests become IncomingMessage + ServerResponse pairs, answered in order
// (pipelining), kept alive or closed by node's rules.

const net = require('net');
const EE = require('events');
const { Buffer } = require('buffer');
const {
  parsers, freeParser, continueExpression, chunkExpression, kIncomingMessage, kRequestTimeout,
  HTTPParser, isLenient, prepareError, ConnectionsList, _checkInvalidHeaderChar: checkInvalidHeaderChar,
} = require('_http_common');
const { IncomingMessage } = require('_http_incoming');
const { OutgoingMessage, kUniqueHeaders, parseUniqueHeadersOption } = require('_http_outgoing');
const { kOutHeaders, kNeedDrain } = require('internal/http');
const { ConnResetException, codes } = require('internal/errors');
const {
  ERR_HTTP_REQUEST_TIMEOUT, ERR_HTTP_HEADERS_SENT, ERR_HTTP_INVALID_STATUS_CODE,
  ERR_HTTP_SOCKET_ASSIGNED, ERR_HTTP_SOCKET_ENCODING, ERR_INVALID_ARG_VALUE, ERR_INVALID_CHAR, ERR_OUT_OF_RANGE,
} = codes;
const { validateInteger, validateBoolean, validateObject, validateLinkHeaderValue } =
  require('internal/validators');
const { kEmptyObject, promisify } = require('internal/util');

const kServerResponse = Symbol('ServerResponse');
const kConnections = Symbol('http.server.connections');
const kConnectionsCheckingInterval = Symbol('http.server.connectionsCheckingInterval');

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information',
  204: 'No Content', 205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status',
  208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other',
  304: 'Not Modified', 305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden',
  404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  407: 'Proxy Authentication Required', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone',
  411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable',
  417: 'Expectation Failed', 418: 'I\'m a Teapot', 421: 'Misdirected Request',
  422: 'Unprocessable Entity', 423: 'Locked', 424: 'Failed Dependency', 425: 'Too Early',
  426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests',
  431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout', 505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates', 507: 'Insufficient Storage', 508: 'Loop Detected',
  509: 'Bandwidth Limit Exceeded', 510: 'Not Extended', 511: 'Network Authentication Required',
};

function statusResponse(code) {
  return Buffer.from(`HTTP/1.1 ${code} ${STATUS_CODES[code]}\r\nConnection: close\r\n\r\n`, 'ascii');
}
const badRequestResponse = statusResponse(400);
const requestTimeoutResponse = statusResponse(408);
const requestHeaderFieldsTooLargeResponse = statusResponse(431);
const requestChunkExtensionsTooLargeResponse = statusResponse(413);

function ServerResponse(req, options) {
  OutgoingMessage.call(this, options);
  if (req.method === 'HEAD') this._hasBody = false;
  this.req = req;
  this.sendDate = true;
  this._sent100 = false;
  this._expect_continue = false;
  if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
    this.useChunkedEncodingByDefault = chunkExpression.test(req.headers.te);
    this.shouldKeepAlive = false;
  }
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);

ServerResponse.prototype.statusCode = 200;
ServerResponse.prototype.statusMessage = undefined;

function onServerResponseClose() {
  const msg = this._httpMessage;
  if (msg) {
    msg.destroyed = true;
    msg._closed = true;
    msg.emit('close');
  }
}

ServerResponse.prototype.assignSocket = function assignSocket(socket) {
  if (socket._httpMessage) throw new ERR_HTTP_SOCKET_ASSIGNED();
  socket._httpMessage = this;
  socket.on('close', onServerResponseClose);
  this.socket = socket;
  this.emit('socket', socket);
  this._flush();
};

ServerResponse.prototype.detachSocket = function detachSocket(socket) {
  socket.removeListener('close', onServerResponseClose);
  socket._httpMessage = null;
  this.socket = null;
};

ServerResponse.prototype.writeContinue = function writeContinue(cb) {
  this._writeRaw('HTTP/1.1 100 Continue\r\n\r\n', 'ascii', cb);
  this._sent100 = true;
};

ServerResponse.prototype.writeProcessing = function writeProcessing(cb) {
  this._writeRaw('HTTP/1.1 102 Processing\r\n\r\n', 'ascii', cb);
};

ServerResponse.prototype.writeEarlyHints = function writeEarlyHints(hints, cb) {
  let head = 'HTTP/1.1 103 Early Hints\r\n';
  validateObject(hints, 'hints');
  if (hints.link === null || hints.link === undefined) return;
  const link = validateLinkHeaderValue(hints.link);
  if (link.length === 0) return;
  head += 'Link: ' + link + '\r\n';
  for (const key of Object.keys(hints)) {
    if (key !== 'link') head += key + ': ' + hints[key] + '\r\n';
  }
  head += '\r\n';
  this._writeRaw(head, 'ascii', cb);
};

ServerResponse.prototype._implicitHeader = function _implicitHeader() {
  this.writeHead(this.statusCode);
};

ServerResponse.prototype.writeHead = function writeHead(statusCode, reason, obj) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('write');
  const originalStatusCode = statusCode;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) throw new ERR_HTTP_INVALID_STATUS_CODE(originalStatusCode);

  if (typeof reason === 'string') {
    this.statusMessage = reason;
  } else {
    this.statusMessage ||= STATUS_CODES[statusCode] || 'unknown';
    obj ??= reason;
  }
  this.statusCode = statusCode;

  let headers;
  if (this[kOutHeaders]) {
    // setHeader() was used too: merge, the arguments win.
    mergeWriteHeadHeaders(this, obj);
    headers = this[kOutHeaders];
  } else {
    headers = obj;
  }

  if (checkInvalidHeaderChar(this.statusMessage)) throw new ERR_INVALID_CHAR('statusMessage');
  const statusLine = `HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`;

  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) {
    this._hasBody = false;
  }
  // A client waiting for 100 Continue that got a final status instead may
  // still send its body: do not reuse the connection.
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;

  this._storeHeader(statusLine, headers);
  return this;
};

function mergeWriteHeadHeaders(res, obj) {
  if (Array.isArray(obj)) {
    if (obj.length % 2 !== 0) throw new ERR_INVALID_ARG_VALUE('headers', obj);
    // Replace what was set, but keep duplicates given here.
    for (let n = 0; n < obj.length; n += 2) res.removeHeader(obj[n]);
    for (let n = 0; n < obj.length; n += 2) {
      if (obj[n]) res.appendHeader(obj[n], obj[n + 1]);
    }
  } else if (obj) {
    for (const k of Object.keys(obj)) {
      if (k) res.setHeader(k, obj[k]);
    }
  }
}

// Deprecated alias kept for old code.
ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;

function storeHTTPOptions(options) {
  this[kIncomingMessage] = options.IncomingMessage || IncomingMessage;
  this[kServerResponse] = options.ServerResponse || ServerResponse;

  const { maxHeaderSize } = options;
  if (maxHeaderSize !== undefined) validateInteger(maxHeaderSize, 'maxHeaderSize', 0);
  this.maxHeaderSize = maxHeaderSize;

  const { insecureHTTPParser } = options;
  if (insecureHTTPParser !== undefined) validateBoolean(insecureHTTPParser, 'options.insecureHTTPParser');
  this.insecureHTTPParser = insecureHTTPParser;

  this.requestTimeout = integerOption(options, 'requestTimeout', 300_000);
  this.headersTimeout = integerOption(options, 'headersTimeout', Math.min(60_000, this.requestTimeout));
  if (this.requestTimeout > 0 && this.headersTimeout > 0 && this.headersTimeout > this.requestTimeout) {
    throw new ERR_OUT_OF_RANGE('headersTimeout', '<= requestTimeout', options.headersTimeout);
  }
  this.keepAliveTimeout = integerOption(options, 'keepAliveTimeout', 5_000);
  this.connectionsCheckingInterval = integerOption(options, 'connectionsCheckingInterval', 30_000);

  this.requireHostHeader = booleanOption(options, 'requireHostHeader', true);
  const { joinDuplicateHeaders } = options;
  if (joinDuplicateHeaders !== undefined) validateBoolean(joinDuplicateHeaders, 'options.joinDuplicateHeaders');
  this.joinDuplicateHeaders = joinDuplicateHeaders;
  this.rejectNonStandardBodyWrites = booleanOption(options, 'rejectNonStandardBodyWrites', false);
}

function integerOption(options, name, fallback) {
  const value = options[name];
  if (value === undefined) return fallback;
  validateInteger(value, name, 0);
  return value;
}

function booleanOption(options, name, fallback) {
  const value = options[name];
  if (value === undefined) return fallback;
  validateBoolean(value, `options.${name}`);
  return value;
}

function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);

  if (typeof options === 'function') {
    requestListener = options;
    options = kEmptyObject;
  } else if (options == null) {
    options = kEmptyObject;
  } else {
    validateObject(options, 'options');
  }

  storeHTTPOptions.call(this, options);
  net.Server.call(this, {
    allowHalfOpen: true,
    noDelay: options.noDelay ?? true,
    keepAlive: options.keepAlive,
    keepAliveInitialDelay: options.keepAliveInitialDelay,
    highWaterMark: options.highWaterMark,
  });

  if (requestListener) this.on('request', requestListener);

  // Half-closed sockets are closed once the response is written.
  this.httpAllowHalfOpen = false;
  this.on('connection', connectionListener);
  this.on('listening', setupConnectionsTracking);
  this.timeout = 0;
  this.maxHeadersCount = null;
  this.maxRequestsPerSocket = 0;
  this[kUniqueHeaders] = parseUniqueHeadersOption(options.uniqueHeaders);
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

Server.prototype.close = function close() {
  httpServerPreClose(this);
  return net.Server.prototype.close.apply(this, arguments);
};

Server.prototype[Symbol.asyncDispose] = async function() {
  return promisify(this.close).call(this);
};

Server.prototype.closeAllConnections = function closeAllConnections() {
  if (!this[kConnections]) return;
  for (const parser of this[kConnections].all()) parser.socket?.destroy();
};

Server.prototype.closeIdleConnections = function closeIdleConnections() {
  if (!this[kConnections]) return;
  for (const parser of this[kConnections].idle()) {
    const socket = parser.socket;
    // A response still being written keeps its socket.
    if (!socket || (socket._httpMessage && !socket._httpMessage.finished)) continue;
    socket.destroy();
  }
};

Server.prototype.setTimeout = function setTimeout(msecs, callback) {
  this.timeout = msecs;
  if (callback) this.on('timeout', callback);
  return this;
};

Server.prototype[EE.captureRejectionSymbol] = function(err, event, ...args) {
  if (event === 'request') {
    const res = args[1];
    if (!res.headersSent && !res.writableEnded) {
      // Do not leak the headers set so far.
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      res.statusCode = 500;
      res.end(STATUS_CODES[500]);
    } else {
      res.destroy();
    }
    return;
  }
  net.Server.prototype[EE.captureRejectionSymbol].apply(this, [err, event, ...args]);
};

function httpServerPreClose(server) {
  server.closeIdleConnections();
  clearInterval(server[kConnectionsCheckingInterval]);
}

function setupConnectionsTracking() {
  this[kConnections] ||= new ConnectionsList();
  if (this[kConnectionsCheckingInterval]) clearInterval(this[kConnectionsCheckingInterval]);
  // Started whatever the timeouts are now: they may be changed later.
  this[kConnectionsCheckingInterval] =
    setInterval(checkConnections.bind(this), this.connectionsCheckingInterval).unref();
}

function checkConnections() {
  if (this.headersTimeout === 0 && this.requestTimeout === 0) return;
  for (const parser of this[kConnections].expired(this.headersTimeout, this.requestTimeout)) {
    if (parser.socket) onRequestTimeout(parser.socket);
  }
}

function onRequestTimeout(socket) {
  socket[kRequestTimeout] = undefined;
  // socketOnError answers 408 and destroys the socket.
  socketOnError.call(socket, new ERR_HTTP_REQUEST_TIMEOUT());
}

function connectionListener(socket) {
  connectionListenerInternal(this, socket);
}

function connectionListenerInternal(server, socket) {
  socket.server = server;
  if (server.timeout && typeof socket.setTimeout === 'function') socket.setTimeout(server.timeout);
  socket.on('timeout', socketOnTimeout);

  const parser = parsers.alloc();
  const lenient = server.insecureHTTPParser === undefined ? isLenient() : server.insecureHTTPParser;
  server[kConnections] ||= new ConnectionsList();
  parser.initialize(HTTPParser.REQUEST, socket, server.maxHeaderSize || 0,
                    lenient ? HTTPParser.kLenientAll : HTTPParser.kLenientNone, server[kConnections]);
  parser.socket = socket;
  socket.parser = parser;

  // maxHeadersCount counts pairs; the parser counts names and values.
  if (typeof server.maxHeadersCount === 'number') parser.maxHeaderPairs = server.maxHeadersCount << 1;

  const state = {
    onData: null,
    onEnd: null,
    onClose: null,
    onDrain: null,
    outgoing: [],
    incoming: [],
    // Bytes queued by responses waiting for this socket.
    outgoingData: 0,
    requestsCount: 0,
    keepAliveTimeoutSet: false,
  };
  state.onData = socketOnData.bind(undefined, server, socket, parser, state);
  state.onEnd = socketOnEnd.bind(undefined, server, socket, parser, state);
  state.onClose = socketOnClose.bind(undefined, socket, state);
  state.onDrain = socketOnDrain.bind(undefined, socket, state);
  socket.on('data', state.onData);
  socket.on('error', socketOnError);
  socket.on('end', state.onEnd);
  socket.on('close', state.onClose);
  socket.on('drain', state.onDrain);
  parser.onIncoming = parserOnIncoming.bind(undefined, server, socket, state);
  socket._paused = false;
  // The parser needs bytes: a string-decoding socket would corrupt bodies.
  socket.setEncoding = socketSetEncoding;
}

function socketSetEncoding() {
  throw new ERR_HTTP_SOCKET_ENCODING();
}

function updateOutgoingData(socket, state, delta) {
  state.outgoingData += delta;
  socketOnDrain(socket, state);
}

function socketOnDrain(socket, state) {
  const needPause = state.outgoingData > socket.writableHighWaterMark;
  // Reading stopped because responses piled up: start again.
  if (socket._paused && !needPause) {
    socket._paused = false;
    if (socket.parser) socket.parser.resume();
    socket.resume();
  }
  const msg = socket._httpMessage;
  if (msg && !msg.finished && msg[kNeedDrain]) {
    msg[kNeedDrain] = false;
    msg.emit('drain');
  }
}

function socketOnTimeout() {
  const req = this.parser?.incoming;
  const reqTimeout = req && !req.complete && req.emit('timeout', this);
  const res = this._httpMessage;
  const resTimeout = res && res.emit('timeout', this);
  const serverTimeout = this.server.emit('timeout', this);
  if (!reqTimeout && !resTimeout && !serverTimeout) this.destroy();
}

function socketOnClose(socket, state) {
  freeParser(socket.parser, null, socket);
  abortIncoming(state.incoming);
}

function abortIncoming(incoming) {
  while (incoming.length) {
    const req = incoming.shift();
    req.destroy(new ConnResetException('aborted'));
  }
}

function socketOnEnd(server, socket, parser, state) {
  const ret = parser.finish();
  if (ret instanceof Error) {
    socketOnError.call(socket, ret);
  } else if (!server.httpAllowHalfOpen) {
    socket.end();
  } else if (state.outgoing.length) {
    state.outgoing[state.outgoing.length - 1]._last = true;
  } else if (socket._httpMessage) {
    socket._httpMessage._last = true;
  } else {
    socket.end();
  }
}

function socketOnData(server, socket, parser, state, d) {
  const ret = parser.execute(d);
  onParserExecuteCommon(server, socket, parser, state, ret, d);
}

function onParserExecuteCommon(server, socket, parser, state, ret, d) {
  resetSocketTimeout(server, socket, state);

  if (ret instanceof Error) {
    prepareError(ret, parser, d);
    socketOnError.call(socket, ret);
  } else if (parser.incoming?.upgrade) {
    // Upgrade or CONNECT: the socket leaves HTTP.
    const req = parser.incoming;
    const eventName = req.method === 'CONNECT' ? 'connect' : 'upgrade';
    if (eventName === 'upgrade' || server.listenerCount(eventName) > 0) {
      socket.removeListener('data', state.onData);
      socket.removeListener('end', state.onEnd);
      socket.removeListener('close', state.onClose);
      socket.removeListener('drain', state.onDrain);
      socket.removeListener('error', socketOnError);
      socket.removeListener('timeout', socketOnTimeout);
      parser.finish();
      freeParser(parser, req, socket);
      const bodyHead = d.slice(ret, d.length);
      socket.readableFlowing = null;
      server.emit(eventName, req, socket, bodyHead);
    } else {
      // CONNECT and nobody to handle it.
      socket.destroy();
    }
  } else if (parser.incoming && parser.incoming.method === 'PRI') {
    socket.destroy();
  }

  if (socket._paused && socket.parser) {
    // Too many pipelined responses are waiting: stop parsing until they drain.
    socket.parser.pause();
  }
}

function resetSocketTimeout(server, socket, state) {
  if (!state.keepAliveTimeoutSet) return;
  socket.setTimeout(server.timeout || 0);
  state.keepAliveTimeoutSet = false;
}

function noop() {}

function socketOnError(e) {
  // Only the first error is answered.
  this.removeListener('error', socketOnError);
  if (this.listenerCount('error') === 0) this.on('error', noop);

  if (!this.server.emit('clientError', e, this)) {
    // Answer only when no response has started writing on this socket.
    if (this.writable && (!this._httpMessage || !this._httpMessage._headerSent)) {
      this.write(errorResponse(e));
    }
    this.destroy(e);
  }
}

function errorResponse(e) {
  switch (e.code) {
    case 'HPE_HEADER_OVERFLOW': return requestHeaderFieldsTooLargeResponse;
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW': return requestChunkExtensionsTooLargeResponse;
    case 'ERR_HTTP_REQUEST_TIMEOUT': return requestTimeoutResponse;
    default: return badRequestResponse;
  }
}

function parserOnIncoming(server, socket, state, req, keepAlive) {
  resetSocketTimeout(server, socket, state);

  if (req.upgrade) {
    req.upgrade = req.method === 'CONNECT' || server.listenerCount('upgrade') > 0;
    if (req.upgrade) return 2;
  }

  state.incoming.push(req);

  // Stop reading while the socket cannot take more output, so a flood of
  // pipelined requests cannot pile up unanswered.
  if (!socket._paused) {
    const ws = socket._writableState;
    if (ws.needDrain || state.outgoingData >= socket.writableHighWaterMark) {
      socket._paused = true;
      socket.pause();
    }
  }

  const res = new server[kServerResponse](req, {
    highWaterMark: socket.writableHighWaterMark,
    rejectNonStandardBodyWrites: server.rejectNonStandardBodyWrites,
  });
  res._keepAliveTimeout = server.keepAliveTimeout;
  res._maxRequestsPerSocket = server.maxRequestsPerSocket;
  res._onPendingData = updateOutgoingData.bind(undefined, socket, state);
  res.shouldKeepAlive = keepAlive;
  res[kUniqueHeaders] = server[kUniqueHeaders];

  if (socket._httpMessage) {
    // An earlier response still owns the socket: wait in line.
    state.outgoing.push(res);
  } else {
    res.assignSocket(socket);
  }

  res.on('finish', resOnFinish.bind(undefined, req, res, socket, state, server));

  if (req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
    if (answeredBeforeRequest(server, req, res, state)) return 0;
  }
  server.emit('request', req, res);
  return 0;
}

// HTTP/1.1 cases the server answers itself (or hands to another event):
// a missing Host, too many requests on one socket, Expect.
function answeredBeforeRequest(server, req, res, state) {
  // RFC 7230 5.4: a request without Host gets 400.
  if (server.requireHostHeader && req.headers.host === undefined) {
    res.writeHead(400, ['Connection', 'close']);
    res.end();
    return true;
  }

  const isRequestsLimitSet = typeof server.maxRequestsPerSocket === 'number' && server.maxRequestsPerSocket > 0;
  if (isRequestsLimitSet) {
    state.requestsCount++;
    res.maxRequestsOnConnectionReached = server.maxRequestsPerSocket <= state.requestsCount;
  }

  if (isRequestsLimitSet && server.maxRequestsPerSocket < state.requestsCount) {
    server.emit('dropRequest', req, req.socket);
    res.writeHead(503);
    res.end();
    return true;
  }

  if (req.headers.expect === undefined) return false;
  if (continueExpression.test(req.headers.expect)) {
    res._expect_continue = true;
    if (server.listenerCount('checkContinue') > 0) {
      server.emit('checkContinue', req, res);
    } else {
      res.writeContinue();
      server.emit('request', req, res);
    }
  } else if (server.listenerCount('checkExpectation') > 0) {
    server.emit('checkExpectation', req, res);
  } else {
    res.writeHead(417);
    res.end();
  }
  return true;
}

function resOnFinish(req, res, socket, state, server) {
  // abortIncoming() may have emptied the list already.
  if (state.incoming[0] === req) state.incoming.shift();

  // Nobody read the body: pull it off the wire anyway.
  if (!req._consuming && !req._readableState.resumeScheduled) req._dump();

  res.detachSocket(socket);
  clearIncoming(req);
  process.nextTick(emitCloseNT, res);

  if (res._last) {
    if (typeof socket.destroySoon === 'function') socket.destroySoon();
    else socket.end();
  } else if (state.outgoing.length === 0) {
    if (server.keepAliveTimeout && typeof socket.setTimeout === 'function') {
      socket.setTimeout(server.keepAliveTimeout);
      state.keepAliveTimeoutSet = true;
    }
  } else {
    // The next pipelined response may write now.
    const m = state.outgoing.shift();
    if (m) m.assignSocket(socket);
  }
}

function clearIncoming(req) {
  req = req || this;
  const parser = req.socket?.parser;
  // Let the request be collected once it is read.
  if (parser && parser.incoming === req) {
    if (req.readableEnded) parser.incoming = null;
    else req.on('end', clearIncoming);
  }
}

function emitCloseNT(self) {
  if (!self._closed) {
    self.destroyed = true;
    self._closed = true;
    self.emit('close');
  }
}

module.exports = {
  STATUS_CODES,
  Server,
  ServerResponse,
  setupConnectionsTracking,
  storeHTTPOptions,
  _connectionListener: connectionListener,
  kServerResponse,
  kConnectionsCheckingInterval,
};
