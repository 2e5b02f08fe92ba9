'use strict';

// internalBinding('http_parser') as node 20 has it: the HTTPParser class that
// lib/_http_common.js, _http_server.js and _http_client.js drive. The parsing
// is Rust (crates/engine/src/http_parser); its `execute` never calls back into
// JavaScript. It parses up to the end of the input or a stop point (a complete
// head, trailers, an upgrade, an error) and answers
//   [stop, offset, extra, ...events]
// which this file turns into the kOn* callbacks, in node's order, then goes on
// with the rest of the buffer.

const {
  ArrayPrototypeSlice,

} = primordials;

const { FastBuffer } = require('internal/buffer/core');

const binding = internalBinding('http_parser');

const kOnMessageBegin = 0;
const kOnHeaders = 1;
const kOnHeadersComplete = 2;
const kOnBody = 3;
const kOnMessageComplete = 4;
const kOnExecute = 5;
const kOnTimeout = 6;

const kLenientNone = 0;
const kLenientHeaders = 1 << 0;
const kLenientChunkedLength = 1 << 1;
const kLenientKeepAlive = 1 << 2;
const kLenientTransferEncoding = 1 << 3;
const kLenientVersion = 1 << 4;
const kLenientDataAfterClose = 1 << 5;
const kLenientOptionalLFAfterCR = 1 << 6;
const kLenientOptionalCRLFAfterChunk = 1 << 7;
const kLenientOptionalCRBeforeLF = 1 << 8;
const kLenientSpacesAfterChunkSize = 1 << 9;
const kLenientAll = (1 << 10) - 1;

// Answers of the native execute/finish.
const STOP_END = 0;
const STOP_HEADERS = 1;
const STOP_TRAILERS = 2;
const STOP_UPGRADE = 3;
const STOP_ERROR = 4;

// Event kinds in the answer.
const EVENT_BEGIN = 0;
const EVENT_BODY = 3;

// node hands headers over 31 pairs at a time (its kMaxHeaderFieldsCount, 32,
// less the one being read); more go through kOnHeaders before the head ends.
// Once a parser has done that (or delivered trailers), every later head goes
// through kOnHeaders too, until initialize(): node's parser keeps that state.
const kMaxHeaderPairs = 31;

const methods = [
  'DELETE', 'GET', 'HEAD', 'POST', 'PUT', 'CONNECT', 'OPTIONS', 'TRACE', 'COPY',
  'LOCK', 'MKCOL', 'MOVE', 'PROPFIND', 'PROPPATCH', 'SEARCH', 'UNLOCK', 'BIND',
  'REBIND', 'UNBIND', 'ACL', 'REPORT', 'MKACTIVITY', 'CHECKOUT', 'MERGE',
  'M-SEARCH', 'NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE', 'PATCH', 'PURGE',
  'MKCALENDAR', 'LINK', 'UNLINK', 'SOURCE', 'QUERY',
];

const allMethods = [
  'DELETE', 'GET', 'HEAD', 'POST', 'PUT', 'CONNECT', 'OPTIONS', 'TRACE', 'COPY',
  'LOCK', 'MKCOL', 'MOVE', 'PROPFIND', 'PROPPATCH', 'SEARCH', 'UNLOCK', 'BIND',
  'REBIND', 'UNBIND', 'ACL', 'REPORT', 'MKACTIVITY', 'CHECKOUT', 'MERGE',
  'M-SEARCH', 'NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE', 'PATCH', 'PURGE',
  'MKCALENDAR', 'LINK', 'UNLINK', 'SOURCE', 'PRI', 'DESCRIBE', 'ANNOUNCE',
  'SETUP', 'PLAY', 'PAUSE', 'TEARDOWN', 'GET_PARAMETER', 'SET_PARAMETER',
  'REDIRECT', 'RECORD', 'FLUSH', 'QUERY',
];

const kId = Symbol('kId');
const kPaused = Symbol('kPaused');
const kBuffer = Symbol('kBuffer');
const kUrl = Symbol('kUrl');
const kCallbackError = Symbol('kCallbackError');
const kHaveFlushed = Symbol('kHaveFlushed');
const kHeadersCompleted = Symbol('kHeadersCompleted');
const kAll = Symbol('kAll');
const kActive = Symbol('kActive');
const kStartTime = Symbol('kStartTime');
const kConnections = Symbol('kConnections');
const kInMessage = Symbol('kInMessage');

// A monotonic clock in milliseconds, cheap enough to read once a message
// (node reads uv_hrtime; timeouts are in milliseconds anyway).
const { getLoopTime: nowMs } = internalBinding('timers');

// The server's list of its connections' parsers (server[kConnections]): all
// of them, and the active ones (inside a message), so the server can find
// those past headersTimeout / requestTimeout.
class ConnectionsList {
  constructor() {
    this[kAll] = new Set();
    this[kActive] = new Set();
  }

  all() {
    return [...this[kAll]];
  }

  idle() {
    return this.all().filter((parser) => !parser[kInMessage]);
  }

  active() {
    return [...this[kActive]];
  }

  // The active parsers past a timeout (ms; 0: none), which stop being active.
  expired(headersTimeout, requestTimeout) {
    const now = nowMs();
    const headersDeadline = headersTimeout > 0 ? now - headersTimeout : -Infinity;
    const requestDeadline = requestTimeout > 0 ? now - requestTimeout : -Infinity;
    const expired = [];
    for (const parser of this[kActive]) {
      const start = parser[kStartTime];
      if ((!parser[kHeadersCompleted] && start < headersDeadline) || start < requestDeadline) {
        expired.push(parser);
        this[kActive].delete(parser);
      }
    }
    return expired;
  }
}

const kEmptyBuffer = new FastBuffer(0);

function parseError(code, reason, bytesParsed) {
  // eslint-disable-next-line no-restricted-syntax
  const err = new Error(`Parse Error: ${reason}`);
  err.bytesParsed = bytesParsed;
  err.code = code;
  err.reason = reason;
  return err;
}

function call0(parser, key) {
  const cb = parser[key];
  if (typeof cb === 'function') parser[key]();
}

// Headers beyond the first 31 pairs go out through kOnHeaders, as node flushes
// them; then kOnHeadersComplete gets neither headers nor url.
function flushHeaders(parser, headers, url) {
  parser[kHaveFlushed] = true;
  let i = 0;
  do {
    const part = headers.slice(i, i + 2 * kMaxHeaderPairs);
    const cb = parser[kOnHeaders];
    if (typeof cb === 'function') parser[kOnHeaders](part, i === 0 ? url : '');
    i += 2 * kMaxHeaderPairs;
  } while (i < headers.length);
}

// kOnHeadersComplete: its answer (1: no body, 2: upgrade, no body) goes back
// to the native parser with the next execute.
function headersComplete(parser, info) {
  let headers = info[2];
  let url = info[4];
  parser[kUrl] = url === undefined ? '' : url;
  if (parser[kHaveFlushed] || headers.length > 2 * kMaxHeaderPairs) {
    flushHeaders(parser, headers, parser[kUrl]);
    headers = undefined;
    url = undefined;
    parser[kUrl] = '';
  }
  parser[kHeadersCompleted] = true;
  const cb = parser[kOnHeadersComplete];
  if (typeof cb !== 'function') return 0;
  const ret = parser[kOnHeadersComplete](info[0], info[1], headers, info[3], url,
                                         info[5], info[6], info[7], info[8]);
  return ret === 1 || ret === 2 ? ret : 0;
}

function messageBegins(parser) {
  parser[kHeadersCompleted] = false;
  parser[kInMessage] = true;
  parser[kStartTime] = nowMs();
  const list = parser[kConnections];
  if (list !== undefined) {
    list[kAll].add(parser);
    list[kActive].add(parser);
  }
}

function messageCompletes(parser) {
  parser[kInMessage] = false;
  const list = parser[kConnections];
  if (list !== undefined) list[kActive].delete(parser);
}

// Runs the callbacks for the events of one native answer. False when a
// callback freed or closed the parser (nothing more may be dispatched).
function dispatch(parser, id, answer, buffer) {
  for (let i = 3; i < answer.length;) {
    const kind = answer[i];
    if (kind === EVENT_BEGIN) {
      i++;
      messageBegins(parser);
      parser[kCallbackError] = 'HPE_CB_MESSAGE_BEGIN';
      call0(parser, kOnMessageBegin);
    } else if (kind === EVENT_BODY) {
      const start = answer[i + 1];
      const length = answer[i + 2];
      i += 3;
      parser[kCallbackError] = 'HPE_USER';
      const cb = parser[kOnBody];
      if (typeof cb === 'function') {
        parser[kOnBody](new FastBuffer(buffer.buffer, buffer.byteOffset + start, length));
      }
    } else {
      i++;
      messageCompletes(parser);
      parser[kCallbackError] = 'HPE_CB_MESSAGE_COMPLETE';
      call0(parser, kOnMessageComplete);
    }
    if (parser[kId] !== id) return false;
  }
  return true;
}

// One native answer fully handled: the bytes parsed or an Error when
// parsing ends here, undefined when it goes on.
function settle(parser, id, answer, buffer) {
  const stop = answer[0];
  if (!dispatch(parser, id, answer, buffer)) return answer[1];
  if (stop === STOP_ERROR) {
    parser[kCallbackError] = undefined;
    return parseError(answer[2][0], answer[2][1], answer[1]);
  }
  if (stop === STOP_TRAILERS) {
    parser[kCallbackError] = 'HPE_USER';
    flushHeaders(parser, answer[2], parser[kUrl]);
    if (parser[kId] !== id) return answer[1];
  }
  return undefined;
}

// The native parser's id, as V8 checks a method's receiver for node's.
function parserId(parser) {
  const id = parser == null ? undefined : parser[kId];
  // eslint-disable-next-line no-restricted-syntax
  if (typeof id !== 'number') throw new TypeError('Illegal invocation');
  return id;
}

class HTTPParser {
  static REQUEST = 1;
  static RESPONSE = 2;

  static kOnMessageBegin = kOnMessageBegin;
  static kOnHeaders = kOnHeaders;
  static kOnHeadersComplete = kOnHeadersComplete;
  static kOnBody = kOnBody;
  static kOnMessageComplete = kOnMessageComplete;
  static kOnExecute = kOnExecute;
  static kOnTimeout = kOnTimeout;

  static kLenientNone = kLenientNone;
  static kLenientHeaders = kLenientHeaders;
  static kLenientChunkedLength = kLenientChunkedLength;
  static kLenientKeepAlive = kLenientKeepAlive;
  static kLenientTransferEncoding = kLenientTransferEncoding;
  static kLenientVersion = kLenientVersion;
  static kLenientDataAfterClose = kLenientDataAfterClose;
  static kLenientOptionalLFAfterCR = kLenientOptionalLFAfterCR;
  static kLenientOptionalCRLFAfterChunk = kLenientOptionalCRLFAfterChunk;
  static kLenientOptionalCRBeforeLF = kLenientOptionalCRBeforeLF;
  static kLenientSpacesAfterChunkSize = kLenientSpacesAfterChunkSize;
  static kLenientAll = kLenientAll;

  constructor() {
    this[kId] = 0;
    this[kPaused] = false;
    this[kBuffer] = undefined;
    this[kUrl] = '';
    this[kCallbackError] = undefined;
    this[kHaveFlushed] = false;
    this[kHeadersCompleted] = false;
    this[kStartTime] = 0;
    this[kInMessage] = false;
    this[kConnections] = undefined;
  }

  // node 20's server passes its ConnectionsList last (node 18 passed a
  // headers timeout there).
  initialize(type, resource, maxHeaderSize, lenient, connections) {
    if (this[kId] !== 0) binding.free(this[kId]);
    this[kId] = binding.create(type === HTTPParser.RESPONSE ? 2 : 1,
                               maxHeaderSize > 0 ? maxHeaderSize : 0,
                               lenient > 0 ? lenient : 0);
    this[kPaused] = false;
    this[kBuffer] = undefined;
    this[kUrl] = '';
    this[kCallbackError] = undefined;
    this[kHaveFlushed] = false;
    this[kHeadersCompleted] = false;
    this[kStartTime] = 0;
    this[kInMessage] = false;
    this.remove();
    this[kConnections] = undefined;
    if (connections instanceof ConnectionsList) {
      this[kConnections] = connections;
      messageBegins(this);
    }
  }

  execute(buffer) {
    const id = parserId(this);
    if (id === 0) return parseError('HPE_INVALID_EOF_STATE', 'Parser is freed', 0);
    if (this[kCallbackError] !== undefined) {
      return parseError(this[kCallbackError], 'User callback error', 0);
    }
    if (this[kPaused]) return parseError('HPE_PAUSED', 'Paused', 0);
    this[kBuffer] = buffer;
    try {
      let offset = 0;
      let headersResult = 0;
      for (;;) {
        const answer = binding.execute(id, buffer, offset, headersResult);
        headersResult = 0;
        const settled = settle(this, id, answer, buffer);
        if (settled !== undefined) return settled;
        const stop = answer[0];
        offset = answer[1];
        if (stop === STOP_END || stop === STOP_UPGRADE) {
          this[kCallbackError] = undefined;
          return offset;
        }
        if (stop === STOP_HEADERS) {
          this[kCallbackError] = 'HPE_CB_HEADERS_COMPLETE';
          headersResult = headersComplete(this, answer[2]);
          if (this[kId] !== id) return offset;
        }
      }
    } finally {
      this[kBuffer] = undefined;
    }
  }

  finish() {
    const id = parserId(this);
    if (id === 0) return undefined;
    if (this[kCallbackError] !== undefined) {
      return parseError(this[kCallbackError], 'User callback error', 0);
    }
    const answer = binding.finish(id);
    const settled = settle(this, id, answer, kEmptyBuffer);
    if (settled instanceof Error) return settled;
    this[kCallbackError] = undefined;
    return undefined;
  }

  close() {
    this.free();
  }

  free() {
    if (this[kId] !== 0) binding.free(this[kId]);
    this[kId] = 0;
  }

  // Leaves the server's connections list.
  remove() {
    const list = this[kConnections];
    if (list !== undefined) {
      list[kAll].delete(this);
      list[kActive].delete(this);
    }
  }

  pause() {
    this[kPaused] = true;
  }

  resume() {
    this[kPaused] = false;
  }

  // The http module feeds data from 'data' events: nothing to consume.
  consume() {}

  unconsume() {}

  getCurrentBuffer() {
    return this[kBuffer] === undefined ? kEmptyBuffer : this[kBuffer];
  }

  // Milliseconds since the current message began (0 between messages).
  duration() {
    return this[kInMessage] ? nowMs() - this[kStartTime] : 0;
  }

  headersCompleted() {
    return this[kHeadersCompleted];
  }
}

module.exports = {
  methods,
  allMethods,
  HTTPParser,
  ConnectionsList,
};
