'use strict';
// node:https: an Agent for https: URLs (port 443, its own global agent) over
// http's client. The TLS connections themselves wait for node:tls (see
// js/tls.js): a request or a server throws ERR_METHOD_NOT_IMPLEMENTED there.

const tls = require('tls');
const { Agent: HttpAgent } = require('_http_agent');
const { ClientRequest } = require('_http_client');
const { URL, urlToHttpOptions, isURL } = require('internal/url');

function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  HttpAgent.call(this, options);
  this.defaultPort = 443;
  this.protocol = 'https:';
  this.maxCachedSessions = this.options.maxCachedSessions ?? 100;
  this._sessionCache = { map: {}, list: [] };
}
Object.setPrototypeOf(Agent.prototype, HttpAgent.prototype);
Object.setPrototypeOf(Agent, HttpAgent);

Agent.prototype.createConnection = function createConnection(options, cb) {
  const socket = tls.connect(options);
  if (cb) socket.once('secureConnect', () => cb(null, socket));
  return socket;
};

// TLS options take part in the pool key: sockets differ by them.
Agent.prototype.getName = function getName(options = {}) {
  let name = HttpAgent.prototype.getName.call(this, options);
  for (const key of ['ca', 'cert', 'clientCertEngine', 'ciphers', 'key', 'pfx', 'rejectUnauthorized',
    'servername', 'minVersion', 'maxVersion', 'secureProtocol', 'crl', 'honorCipherOrder', 'ecdhCurve',
    'dhparam', 'secureOptions', 'sessionIdContext', 'privateKeyIdentifier', 'privateKeyEngine',
    'sigalgs']) {
    name += ':';
    if (options[key] !== undefined) name += options[key];
  }
  return name;
};

const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

function request(...args) {
  let options = {};
  if (typeof args[0] === 'string') {
    options = urlToHttpOptions(new URL(args.shift()));
  } else if (isURL(args[0])) {
    options = urlToHttpOptions(args.shift());
  }
  if (args[0] && typeof args[0] !== 'function') Object.assign(options, args.shift());
  options._defaultAgent = module.exports.globalAgent;
  args.unshift(options);
  return Reflect.construct(ClientRequest, args);
}

function get(input, options, cb) {
  const req = request(input, options, cb);
  req.end();
  return req;
}

function Server() {
  return tls.Server();
}

module.exports = {
  Agent,
  globalAgent,
  Server,
  createServer: Server,
  get,
  request,
};
