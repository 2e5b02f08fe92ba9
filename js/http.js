'use strict';
// node:http: the HTTP/1.1 server and client.

const agentModule = require('_http_agent');
const { ClientRequest } = require('_http_client');
const { methods, parsers } = require('_http_common');
const { IncomingMessage } = require('_http_incoming');
const { validateHeaderName, validateHeaderValue, OutgoingMessage } = require('_http_outgoing');
const { _connectionListener, STATUS_CODES, Server, ServerResponse } = require('_http_server');
const { validateInteger } = require('internal/validators');
const { getOptionValue } = require('internal/options');

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}

function request(url, options, cb) {
  return new ClientRequest(url, options, cb);
}

function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}

// How many idle parsers the pool keeps.
function setMaxIdleHTTPParsers(max) {
  validateInteger(max, 'max', 1);
  parsers.max = max;
}

module.exports = {
  _connectionListener,
  METHODS: methods.toSorted(),
  STATUS_CODES,
  Agent: agentModule.Agent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer,
  validateHeaderName,
  validateHeaderValue,
  get,
  request,
  setMaxIdleHTTPParsers,
};

Object.defineProperty(module.exports, 'maxHeaderSize', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    return getOptionValue('--max-http-header-size');
  },
});

Object.defineProperty(module.exports, 'globalAgent', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    return agentModule.globalAgent;
  },
  set(value) {
    agentModule.globalAgent = value;
  },
});
