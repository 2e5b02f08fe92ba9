'use strict';
// ClientRequest: an outgoing request on a socket from an Agent (or one of its
// own), and the response parsed from that socket. When the response ends the
// socket goes back to the agent ('free') if both sides keep it alive.

const net = require('net');
const { Buffer } = require('buffer');
const { URL, urlToHttpOptions, isURL } = require('internal/url');
const { finished } = require('stream');
// The module object: http.globalAgent = x replaces its globalAgent.
const agentModule = require('_http_agent');
const { OutgoingMessage, kUniqueHeaders, parseUniqueHeadersOption } = require('_http_outgoing');
const {
  _checkIsHttpToken: checkIsHttpToken, freeParser, parsers, HTTPParser, isLenient, prepareError,
} = require('_http_common');
const { kOutHeaders, kNeedDrain } = require('internal/http');
const { ConnResetException, codes } = require('internal/errors');
const {
  ERR_HTTP_HEADERS_SENT, ERR_INVALID_ARG_TYPE, ERR_INVALID_HTTP_TOKEN, ERR_INVALID_PROTOCOL,
  ERR_UNESCAPED_CHARACTERS,
} = codes;
const { validateInteger, validateBoolean } = require('internal/validators');
const { getTimerDuration } = require('internal/timers');
const { addAbortSignal } = require('internal/streams/add-abort-signal');
const { kEmptyObject, once } = require('internal/util');

const INVALID_PATH_REGEX = /[^\u0021-\u00ff]/;
const kError = Symbol('kError');

function validateHost(host, name) {
  if (host !== null && host !== undefined && typeof host !== 'string') {
    throw new ERR_INVALID_ARG_TYPE(`options.${name}`, ['string', 'undefined', 'null'], host);
  }
  return host;
}

// request(url), request(url, options), request(options): one options object.
function mergeRequestArgs(input, options, cb) {
  if (typeof input === 'string') {
    input = urlToHttpOptions(new URL(input));
  } else if (isURL(input)) {
    input = urlToHttpOptions(input);
  } else {
    cb = options;
    options = input;
    input = null;
  }
  if (typeof options === 'function') {
    cb = options;
    options = input || kEmptyObject;
  } else {
    options = Object.assign(input || {}, options);
  }
  return { options, cb };
}

function pickAgent(options, defaultAgent) {
  const agent = options.agent;
  if (agent === false) return new defaultAgent.constructor();
  if (agent === null || agent === undefined) {
    // With createConnection the agent is not used.
    return typeof options.createConnection !== 'function' ? defaultAgent : undefined;
  }
  if (typeof agent.addRequest !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('options.agent', ['Agent-like Object', 'undefined', 'false'], agent);
  }
  return agent;
}

function requestMethod(method) {
  if (method !== null && method !== undefined && typeof method !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('options.method', 'string', method);
  }
  if (!method) return 'GET';
  if (!checkIsHttpToken(method)) throw new ERR_INVALID_HTTP_TOKEN('Method', method);
  return method.toUpperCase();
}

function ClientRequest(input, options, cb) {
  OutgoingMessage.call(this);
  ({ options, cb } = mergeRequestArgs(input, options, cb));

  const defaultAgent = options._defaultAgent || agentModule.globalAgent;
  this.agent = pickAgent(options, defaultAgent);

  const protocol = options.protocol || defaultAgent.protocol;
  const expectedProtocol = this.agent?.protocol || defaultAgent.protocol;
  if (options.path && INVALID_PATH_REGEX.test(String(options.path))) {
    throw new ERR_UNESCAPED_CHARACTERS('Request path');
  }
  if (protocol !== expectedProtocol) throw new ERR_INVALID_PROTOCOL(protocol, expectedProtocol);

  const defaultPort = options.defaultPort || this.agent?.defaultPort;
  const optsWithoutSignal = { __proto__: null, ...options };
  const port = optsWithoutSignal.port = options.port || defaultPort || 80;
  const host = optsWithoutSignal.host =
    validateHost(options.hostname, 'hostname') || validateHost(options.host, 'host') || 'localhost';
  const setHost = options.setHost === undefined || Boolean(options.setHost);

  this.socketPath = options.socketPath;
  if (options.timeout !== undefined) this.timeout = getTimerDuration(options.timeout, 'timeout');

  const { signal } = options;
  if (signal) {
    addAbortSignal(signal, this);
    delete optsWithoutSignal.signal;
  }

  const method = this.method = requestMethod(options.method);

  const { maxHeaderSize, insecureHTTPParser, joinDuplicateHeaders } = options;
  if (maxHeaderSize !== undefined) validateInteger(maxHeaderSize, 'maxHeaderSize', 0);
  this.maxHeaderSize = maxHeaderSize;
  if (insecureHTTPParser !== undefined) validateBoolean(insecureHTTPParser, 'options.insecureHTTPParser');
  this.insecureHTTPParser = insecureHTTPParser;
  if (joinDuplicateHeaders !== undefined) validateBoolean(joinDuplicateHeaders, 'options.joinDuplicateHeaders');
  this.joinDuplicateHeaders = joinDuplicateHeaders;

  this.path = options.path || '/';
  if (cb) this.once('response', cb);

  // Methods that usually carry no body get no chunked framing by default.
  this.useChunkedEncodingByDefault = !['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'].includes(method);

  this._ended = false;
  this.res = null;
  this.aborted = false;
  this.timeoutCb = null;
  this.upgradeOrConnect = false;
  this.parser = null;
  this.maxHeadersCount = null;
  this.reusedSocket = false;
  this.host = host;
  this.protocol = protocol;

  if (this.agent) {
    // Keep-alive only when the agent will really reuse the socket.
    const reuses = this.agent.keepAlive || Number.isFinite(this.agent.maxSockets);
    this._last = !reuses;
    this.shouldKeepAlive = reuses;
  }

  if (!Array.isArray(options.headers)) {
    applyHeaderOptions(this, options, host, port, defaultPort, setHost);
  } else {
    this._storeHeader(this.method + ' ' + this.path + ' HTTP/1.1\r\n', options.headers);
  }

  this[kUniqueHeaders] = parseUniqueHeadersOption(options.uniqueHeaders);
  startConnection(this, optsWithoutSignal);
}
Object.setPrototypeOf(ClientRequest.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ClientRequest, OutgoingMessage);

function applyHeaderOptions(req, options, host, port, defaultPort, setHost) {
  if (options.headers) {
    for (const key of Object.keys(options.headers)) req.setHeader(key, options.headers[key]);
  }
  if (host && !req.getHeader('host') && setHost) {
    let hostHeader = host;
    // An IPv6 literal goes in brackets (RFC 3986 3.2.2).
    const posColon = hostHeader.indexOf(':');
    if (posColon !== -1 && hostHeader.includes(':', posColon + 1) && hostHeader.charCodeAt(0) !== 91) {
      hostHeader = `[${hostHeader}]`;
    }
    if (port && +port !== defaultPort) hostHeader += ':' + port;
    req.setHeader('Host', hostHeader);
  }
  if (options.auth && !req.getHeader('Authorization')) {
    req.setHeader('Authorization', 'Basic ' + Buffer.from(options.auth).toString('base64'));
  }
  if (req.getHeader('expect')) {
    if (req._header) throw new ERR_HTTP_HEADERS_SENT('render');
    req._storeHeader(req.method + ' ' + req.path + ' HTTP/1.1\r\n', req[kOutHeaders]);
  }
}

function startConnection(req, options) {
  if (req.agent) {
    req.agent.addRequest(req, options);
    return;
  }
  req._last = true;
  req.shouldKeepAlive = false;
  let opts = options;
  if (opts.path || opts.socketPath) {
    opts = { ...options };
    if (opts.socketPath) opts.path = opts.socketPath;
    else if (opts.path) opts.path = undefined;
  }
  if (typeof opts.createConnection !== 'function') {
    req.onSocket(net.createConnection(opts));
    return;
  }
  const oncreate = once((err, socket) => {
    if (err) process.nextTick(() => req.emit('error', err));
    else req.onSocket(socket);
  });
  try {
    const newSocket = opts.createConnection(opts, oncreate);
    if (newSocket) oncreate(null, newSocket);
  } catch (err) {
    oncreate(err);
  }
}

ClientRequest.prototype._implicitHeader = function _implicitHeader() {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
  this._storeHeader(this.method + ' ' + this.path + ' HTTP/1.1\r\n', this[kOutHeaders]);
};

ClientRequest.prototype.abort = function abort() {
  if (this.aborted) return;
  this.aborted = true;
  process.nextTick(emitAbortNT, this);
  this.destroy();
};

ClientRequest.prototype.destroy = function destroy(err) {
  if (this.destroyed) return this;
  this.destroyed = true;
  // No more response data is wanted.
  if (this.res) this.res._dump();
  this[kError] = err;
  this.socket?.destroy(err);
  return this;
};

function emitAbortNT(req) {
  req.emit('abort');
}

function ondrain() {
  const msg = this._httpMessage;
  if (msg && !msg.finished && msg[kNeedDrain]) {
    msg[kNeedDrain] = false;
    msg.emit('drain');
  }
}

function socketCloseListener() {
  const socket = this;
  const req = socket._httpMessage;
  // socketOnData may already have freed the parser.
  const parser = socket.parser;
  const res = req.res;

  req.destroyed = true;
  if (res) {
    // The socket closed before the response ended.
    if (!res.complete) res.destroy(new ConnResetException('aborted'));
    req._closed = true;
    req.emit('close');
    if (!res.aborted && res.readable) res.push(null);
  } else {
    if (!req.socket._hadError) {
      // Closed before any response: the request fails.
      req.socket._hadError = true;
      req.emit('error', new ConnResetException('socket hang up'));
    }
    req._closed = true;
    req.emit('close');
  }

  // Output that never reached the socket is dropped.
  if (req.outputData) req.outputData.length = 0;

  if (parser) {
    parser.finish();
    freeParser(parser, req, socket);
  }
}

function socketErrorListener(err) {
  const socket = this;
  const req = socket._httpMessage;
  if (req) {
    // Later errors must not fire 'error' twice.
    req.socket._hadError = true;
    req.emit('error', err);
  }
  const parser = socket.parser;
  if (parser) {
    parser.finish();
    freeParser(parser, req, socket);
  }
  // No more data may come out of this socket.
  socket.removeListener('data', socketOnData);
  socket.removeListener('end', socketOnEnd);
  socket.destroy();
}

function socketOnEnd() {
  const socket = this;
  const req = this._httpMessage;
  const parser = this.parser;
  if (!req.res && !req.socket._hadError) {
    // The server closed before answering.
    req.socket._hadError = true;
    req.emit('error', new ConnResetException('socket hang up'));
  }
  if (parser) {
    parser.finish();
    freeParser(parser, req, socket);
  }
  socket.destroy();
}

function socketOnData(d) {
  const socket = this;
  const req = this._httpMessage;
  const parser = this.parser;

  const ret = parser.execute(d);
  if (ret instanceof Error) {
    prepareError(ret, parser, d);
    freeParser(parser, req, socket);
    socket.removeListener('data', socketOnData);
    socket.removeListener('end', socketOnEnd);
    socket.destroy();
    req.socket._hadError = true;
    req.emit('error', ret);
  } else if (parser.incoming?.upgrade) {
    onUpgradeResponse(req, socket, parser, d.slice(ret, d.length));
  } else if (parser.incoming?.complete && !statusIsInformational(parser.incoming.statusCode)) {
    // The response is complete: this socket's parser is done.
    socket.removeListener('data', socketOnData);
    socket.removeListener('end', socketOnEnd);
    socket.removeListener('drain', ondrain);
    freeParser(parser, req, socket);
  }
}

// A 101 response or an answer to CONNECT: the socket leaves HTTP (and the agent).
function onUpgradeResponse(req, socket, parser, bodyHead) {
  const res = parser.incoming;
  req.res = res;
  socket.removeListener('data', socketOnData);
  socket.removeListener('end', socketOnEnd);
  socket.removeListener('drain', ondrain);
  if (req.timeoutCb) socket.removeListener('timeout', req.timeoutCb);
  socket.removeListener('timeout', responseOnTimeout);
  parser.finish();
  freeParser(parser, req, socket);

  const eventName = req.method === 'CONNECT' ? 'connect' : 'upgrade';
  if (req.listenerCount(eventName) === 0) {
    // Nobody handles the upgrade.
    socket.destroy();
    return;
  }
  req.upgradeOrConnect = true;
  socket.emit('agentRemove');
  socket.removeListener('close', socketCloseListener);
  socket.removeListener('error', socketErrorListener);
  socket._httpMessage = null;
  socket.readableFlowing = null;
  req.emit(eventName, res, socket, bodyHead);
  req.destroyed = true;
  req._closed = true;
  req.emit('close');
}

// 1xx other than 101: a final response follows on the same parser.
function statusIsInformational(status) {
  return status < 200 && status >= 100 && status !== 101;
}

function parserOnIncomingClient(res, shouldKeepAlive) {
  const socket = this.socket;
  const req = socket._httpMessage;

  if (req.res) {
    // A second response to one request.
    socket.destroy();
    return 0;
  }
  req.res = res;

  if (res.upgrade) return 2;
  const method = req.method;
  if (method === 'CONNECT') {
    res.upgrade = true;
    return 2;
  }

  if (statusIsInformational(res.statusCode)) {
    req.res = null;
    if (res.statusCode === 100) req.emit('continue');
    req.emit('information', {
      statusCode: res.statusCode,
      statusMessage: res.statusMessage,
      httpVersion: res.httpVersion,
      httpVersionMajor: res.httpVersionMajor,
      httpVersionMinor: res.httpVersionMinor,
      headers: res.headers,
      rawHeaders: res.rawHeaders,
    });
    return 1;
  }

  // The server must agree to keep the connection alive.
  if (req.shouldKeepAlive && !shouldKeepAlive && !req.upgradeOrConnect) req.shouldKeepAlive = false;

  res.req = req;
  // Our listeners go first so the socket is always cleaned up.
  res.on('end', responseOnEnd);
  req.on('finish', requestOnFinish);
  socket.on('timeout', responseOnTimeout);

  // Nobody can read a response nobody listens for: drain it.
  if (req.aborted || !req.emit('response', res)) res._dump();

  if (method === 'HEAD') return 1;
  if (res.statusCode === 304) {
    res.complete = true;
    return 1;
  }
  return 0;
}

function responseKeepAlive(req) {
  const socket = req.socket;
  if (req.timeoutCb) {
    socket.setTimeout(0, req.timeoutCb);
    req.timeoutCb = null;
  }
  socket.removeListener('close', socketCloseListener);
  socket.removeListener('error', socketErrorListener);
  socket.removeListener('data', socketOnData);
  socket.removeListener('end', socketOnEnd);
  // Free the socket after the user's 'end' handlers ran.
  process.nextTick(emitFreeNT, req);
  req.destroyed = true;
  // The freed socket must not be destroyed with the response.
  if (req.res) req.res.socket = null;
}

function responseOnEnd() {
  const req = this.req;
  const socket = req.socket;
  if (socket) {
    if (req.timeoutCb) socket.removeListener('timeout', emitRequestTimeout);
    socket.removeListener('timeout', responseOnTimeout);
  }
  req._ended = true;
  if (!req.shouldKeepAlive) {
    if (socket.writable) {
      if (typeof socket.destroySoon === 'function') socket.destroySoon();
      else socket.end();
    }
  } else if (req.writableFinished && !this.aborted) {
    responseKeepAlive(req);
  }
}

function responseOnTimeout() {
  const req = this._httpMessage;
  req?.res?.emit('timeout');
}

// The whole response may arrive before the request finished writing.
function requestOnFinish() {
  if (this.shouldKeepAlive && this._ended) responseKeepAlive(this);
}

function emitFreeNT(req) {
  req._closed = true;
  req.emit('close');
  if (req.socket) req.socket.emit('free');
}

function tickOnSocket(req, socket) {
  const parser = parsers.alloc();
  req.socket = socket;
  const lenient = req.insecureHTTPParser === undefined ? isLenient() : req.insecureHTTPParser;
  parser.initialize(HTTPParser.RESPONSE, req, req.maxHeaderSize || 0,
                    lenient ? HTTPParser.kLenientAll : HTTPParser.kLenientNone);
  parser.socket = socket;
  parser.outgoing = req;
  req.parser = parser;

  socket.parser = parser;
  socket._httpMessage = req;

  if (typeof req.maxHeadersCount === 'number') parser.maxHeaderPairs = req.maxHeadersCount << 1;
  parser.joinDuplicateHeaders = req.joinDuplicateHeaders;
  parser.onIncoming = parserOnIncomingClient;
  socket.on('error', socketErrorListener);
  socket.on('data', socketOnData);
  socket.on('end', socketOnEnd);
  socket.on('close', socketCloseListener);
  socket.on('drain', ondrain);

  if (req.timeout !== undefined || req.agent?.options?.timeout) listenSocketTimeout(req);
  req.emit('socket', socket);
}

function emitRequestTimeout() {
  const req = this._httpMessage;
  if (req) req.emit('timeout');
}

function listenSocketTimeout(req) {
  if (req.timeoutCb) return;
  // Kept so it is removed when the request ends.
  req.timeoutCb = emitRequestTimeout;
  if (req.socket) {
    req.socket.once('timeout', emitRequestTimeout);
  } else {
    req.on('socket', (socket) => socket.once('timeout', emitRequestTimeout));
  }
}

ClientRequest.prototype.onSocket = function onSocket(socket, err) {
  process.nextTick(onSocketNT, this, socket, err);
};

function onSocketNT(req, socket, err) {
  if (!req.destroyed && !err) {
    tickOnSocket(req, socket);
    req._flush();
    return;
  }
  req.destroyed = true;
  if (socket) {
    if (!err && req.agent && !socket.destroyed) {
      socket.emit('free');
    } else {
      finished(socket.destroy(err || req[kError]), (er) => {
        if (er?.code === 'ERR_STREAM_PREMATURE_CLOSE') er = null;
        destroyRequest(req, er || err);
      });
      return;
    }
  }
  destroyRequest(req, err || req[kError]);
}

function destroyRequest(req, err) {
  if (!req.aborted && !err) err = new ConnResetException('socket hang up');
  if (err) req.emit('error', err);
  req._closed = true;
  req.emit('close');
}

// Runs a socket method once the socket is assigned and connected.
ClientRequest.prototype._deferToConnect = function _deferToConnect(method, args) {
  const callSocketMethod = () => {
    if (method) Reflect.apply(this.socket[method], this.socket, args);
  };
  const onSocket = () => {
    if (this.socket.writable) callSocketMethod();
    else this.socket.once('connect', callSocketMethod);
  };
  if (!this.socket) this.once('socket', onSocket);
  else onSocket();
};

ClientRequest.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (this._ended) return this;
  listenSocketTimeout(this);
  msecs = getTimerDuration(msecs, 'msecs');
  if (callback) this.once('timeout', callback);
  if (this.socket) setSocketTimeout(this.socket, msecs);
  else this.once('socket', (sock) => setSocketTimeout(sock, msecs));
  return this;
};

function setSocketTimeout(sock, msecs) {
  if (sock.connecting) sock.once('connect', () => sock.setTimeout(msecs));
  else sock.setTimeout(msecs);
}

ClientRequest.prototype.setNoDelay = function setNoDelay(noDelay) {
  this._deferToConnect('setNoDelay', [noDelay]);
};

ClientRequest.prototype.setSocketKeepAlive = function setSocketKeepAlive(enable, initialDelay) {
  this._deferToConnect('setKeepAlive', [enable, initialDelay]);
};

ClientRequest.prototype.clearTimeout = function clearTimeout(cb) {
  this.setTimeout(0, cb);
};

module.exports = { ClientRequest };
