'use strict';
// Agent: the client's connection pool. Sockets are keyed by host:port:local
// address; a request takes a free socket (lifo or fifo), opens one while under
// maxSockets/maxTotalSockets, or waits in `requests` until one is freed.

const net = require('net');
const EventEmitter = require('events');
const { validateNumber, validateOneOf, validateString } = require('internal/validators');
const { kEmptyObject, once } = require('internal/util');

const kRequestOptions = Symbol('requestOptions');

function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  EventEmitter.call(this);

  this.defaultPort = 80;
  this.protocol = 'http:';
  this.options = { __proto__: null, ...options };
  if (this.options.noDelay === undefined) this.options.noDelay = true;
  // A `path` here would make net think of a pipe.
  this.options.path = null;
  this.requests = { __proto__: null };
  this.sockets = { __proto__: null };
  this.freeSockets = { __proto__: null };
  this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
  this.keepAlive = this.options.keepAlive || false;
  this.maxSockets = this.options.maxSockets || Agent.defaultMaxSockets;
  this.maxFreeSockets = this.options.maxFreeSockets || 256;
  this.scheduling = this.options.scheduling || 'lifo';
  this.maxTotalSockets = this.options.maxTotalSockets;
  this.totalSocketCount = 0;

  validateOneOf(this.scheduling, 'scheduling', ['fifo', 'lifo']);
  if (this.maxTotalSockets !== undefined) validateNumber(this.maxTotalSockets, 'maxTotalSockets', 1);
  else this.maxTotalSockets = Infinity;

  this.on('free', (socket, options) => onSocketFree(this, socket, options));
}
Object.setPrototypeOf(Agent.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Agent, EventEmitter);

Agent.defaultMaxSockets = Infinity;
Agent.prototype.createConnection = net.createConnection;

// A request finished with this socket: give it to a waiting request, keep it
// in the free pool, or close it.
function onSocketFree(agent, socket, options) {
  const name = agent.getName(options);
  if (!socket.writable) {
    socket.destroy();
    return;
  }

  const requests = agent.requests[name];
  if (requests?.length) {
    const req = requests.shift();
    setRequestSocket(agent, req, socket);
    if (requests.length === 0) delete agent.requests[name];
    return;
  }

  const req = socket._httpMessage;
  if (!req || !req.shouldKeepAlive || !agent.keepAlive) {
    socket.destroy();
    return;
  }

  const freeSockets = agent.freeSockets[name] || [];
  const freeLen = freeSockets.length;
  const count = freeLen + (agent.sockets[name] ? agent.sockets[name].length : 0);
  if (agent.totalSocketCount > agent.maxTotalSockets || count > agent.maxSockets ||
      freeLen >= agent.maxFreeSockets || !agent.keepSocketAlive(socket)) {
    socket.destroy();
    return;
  }

  agent.freeSockets[name] = freeSockets;
  socket._httpMessage = null;
  agent.removeSocket(socket, options);
  socket.once('error', freeSocketErrorListener);
  freeSockets.push(socket);
}

Agent.prototype.getName = function getName(options = kEmptyObject) {
  let name = options.host || 'localhost';
  name += ':';
  if (options.port) name += options.port;
  name += ':';
  if (options.localAddress) name += options.localAddress;
  // The family only appears when it was asked for.
  if (options.family === 4 || options.family === 6) name += `:${options.family}`;
  if (options.socketPath) name += `:${options.socketPath}`;
  return name;
};

Agent.prototype.addRequest = function addRequest(req, options, port, localAddress) {
  // The old form: addRequest(req, host, port, localAddress).
  if (typeof options === 'string') options = { __proto__: null, host: options, port, localAddress };

  options = { __proto__: null, ...options, ...this.options };
  if (options.socketPath) options.path = options.socketPath;
  normalizeServerName(options, req);

  const name = this.getName(options);
  this.sockets[name] ||= [];

  const socket = this.takeFreeSocket(name);
  const freeLen = this.freeSockets[name] ? this.freeSockets[name].length : 0;
  const sockLen = freeLen + this.sockets[name].length;

  if (socket) {
    this.reuseSocket(socket, req);
    setRequestSocket(this, req, socket);
    this.sockets[name].push(socket);
  } else if (sockLen < this.maxSockets && this.totalSocketCount < this.maxTotalSockets) {
    this.createSocket(req, options, (err, newSocket) => {
      if (err) req.onSocket(newSocket, err);
      else setRequestSocket(this, req, newSocket);
    });
  } else {
    // Over the limits: wait for a socket to be freed.
    this.requests[name] ||= [];
    req[kRequestOptions] = options;
    this.requests[name].push(req);
  }
};

Agent.prototype.takeFreeSocket = function takeFreeSocket(name) {
  const freeSockets = this.freeSockets[name];
  if (!freeSockets) return undefined;
  while (freeSockets.length && freeSockets[0].destroyed) freeSockets.shift();
  const socket = this.scheduling === 'fifo' ? freeSockets.shift() : freeSockets.pop();
  if (!freeSockets.length) delete this.freeSockets[name];
  return socket;
};

Agent.prototype.createSocket = function createSocket(req, options, cb) {
  options = { __proto__: null, ...options, ...this.options };
  if (options.socketPath) options.path = options.socketPath;
  normalizeServerName(options, req);

  const name = this.getName(options);
  options._agentKey = name;
  options.encoding = null;

  const oncreate = once((err, s) => {
    if (err) return cb(err);
    this.sockets[name] ||= [];
    this.sockets[name].push(s);
    this.totalSocketCount++;
    installListeners(this, s, options);
    cb(null, s);
  });

  if (this.keepAlive) {
    options.keepAlive = this.keepAlive;
    options.keepAliveInitialDelay = this.keepAliveMsecs;
  }
  const newSocket = this.createConnection(options, oncreate);
  if (newSocket) oncreate(null, newSocket);
};

function normalizeServerName(options, req) {
  if (!options.servername && options.servername !== '') {
    options.servername = calculateServerName(options, req);
  }
}

// The TLS server name: the Host header's host part, never an IP address.
function calculateServerName(options, req) {
  let servername = options.host;
  const hostHeader = req.getHeader('host');
  if (hostHeader) {
    validateString(hostHeader, 'options.headers.host');
    if (hostHeader.startsWith('[')) {
      const index = hostHeader.indexOf(']');
      servername = index === -1 ? hostHeader : hostHeader.slice(1, index);
    } else {
      servername = hostHeader.split(':', 1)[0];
    }
  }
  if (net.isIP(servername)) servername = '';
  return servername;
}

function installListeners(agent, s, options) {
  function onFree() {
    agent.emit('free', s, options);
  }
  s.on('free', onFree);

  // Closing is the one way a socket leaves the agent.
  function onClose() {
    agent.totalSocketCount--;
    agent.removeSocket(s, options);
  }
  s.on('close', onClose);

  function onTimeout() {
    const sockets = agent.freeSockets;
    if (Object.keys(sockets).some((name) => sockets[name].includes(s))) s.destroy();
  }
  s.on('timeout', onTimeout);

  // An upgraded socket leaves the pool for good.
  function onRemove() {
    agent.totalSocketCount--;
    agent.removeSocket(s, options);
    s.removeListener('close', onClose);
    s.removeListener('free', onFree);
    s.removeListener('timeout', onTimeout);
    s.removeListener('agentRemove', onRemove);
  }
  s.on('agentRemove', onRemove);
}

Agent.prototype.removeSocket = function removeSocket(s, options) {
  const name = this.getName(options);
  const sets = [this.sockets];
  // A destroyed socket leaves the free pool as well.
  if (!s.writable) sets.push(this.freeSockets);
  for (const sockets of sets) {
    const list = sockets[name];
    if (!list) continue;
    const index = list.indexOf(s);
    if (index !== -1) {
      list.splice(index, 1);
      if (list.length === 0) delete sockets[name];
    }
  }

  let req;
  if (this.requests[name]?.length) {
    req = this.requests[name][0];
  } else {
    // A request waiting for another origin may use the freed capacity.
    for (const prop of Object.keys(this.requests)) {
      if (this.sockets[prop]?.length) break;
      req = this.requests[prop][0];
      options = req[kRequestOptions];
      break;
    }
  }

  if (req && options) {
    req[kRequestOptions] = undefined;
    this.createSocket(req, options, (err, socket) => {
      if (err) req.onSocket(socket, err);
      else socket.emit('free');
    });
  }
};

Agent.prototype.keepSocketAlive = function keepSocketAlive(socket) {
  socket.setKeepAlive(true, this.keepAliveMsecs);
  socket.unref();

  let agentTimeout = this.options.timeout || 0;
  let canKeepSocketAlive = true;
  const keepAliveHint = socket._httpMessage?.res?.headers['keep-alive'];
  const hint = keepAliveHint && /^timeout=(\d+)/.exec(keepAliveHint)?.[1];
  if (hint) {
    // Expire a second before the server says it will, to avoid racing its close.
    const serverHintTimeout = Math.max(Number.parseInt(hint) * 1000 - 1000, 0);
    if (serverHintTimeout === 0) canKeepSocketAlive = false;
    else if (serverHintTimeout < agentTimeout) agentTimeout = serverHintTimeout;
  }

  if (socket.timeout !== agentTimeout) socket.setTimeout(agentTimeout);
  return canKeepSocketAlive;
};

Agent.prototype.reuseSocket = function reuseSocket(socket, req) {
  socket.removeListener('error', freeSocketErrorListener);
  req.reusedSocket = true;
  socket.ref();
};

Agent.prototype.destroy = function destroy() {
  for (const set of [this.freeSockets, this.sockets]) {
    for (const key of Object.keys(set)) {
      for (const socket of set[key]) socket.destroy();
    }
  }
};

function setRequestSocket(agent, req, socket) {
  req.onSocket(socket);
  const agentTimeout = agent.options.timeout || 0;
  if (req.timeout === undefined || req.timeout === agentTimeout) return;
  socket.setTimeout(req.timeout);
}

function freeSocketErrorListener() {
  this.destroy();
  this.emit('agentRemove');
}

module.exports = {
  Agent,
  globalAgent: new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 }),
};
