'use strict';

// node:dgram over internalBinding('udp_wrap'). A Socket owns one UDP handle;
// the handle gets its socket when bound (explicitly, or implicitly by the
// first send/connect), and sends made while that bind is resolving wait in
// a queue that 'listening' flushes.

const EventEmitter = require('events');
const { Buffer } = require('buffer');
const { isArrayBufferView } = require('internal/util/types');
const { deprecate } = require('internal/util');
const {
  ErrnoException,
  ExceptionWithHostPort,
  codes: {
    ERR_BUFFER_OUT_OF_BOUNDS,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_FD_TYPE,
    ERR_MISSING_ARGS,
    ERR_SOCKET_ALREADY_BOUND,
    ERR_SOCKET_BAD_BUFFER_SIZE,
    ERR_SOCKET_BUFFER_SIZE,
    ERR_SOCKET_DGRAM_IS_CONNECTED,
    ERR_SOCKET_DGRAM_NOT_CONNECTED,
    ERR_SOCKET_DGRAM_NOT_RUNNING,
  },
} = require('internal/errors');
const {
  validateAbortSignal,
  validateInt32,
  validateNumber,
  validatePort,
  validateString,
  validateUint32,
} = require('internal/validators');
const { ANY, LOOPBACK, kStateSymbol, newHandle, createSocketHandle } = require('internal/dgram');
const { SendWrap, constants: { UV_UDP_IPV6ONLY, UV_UDP_REUSEADDR } } = internalBinding('udp_wrap');
const { guessHandleType } = internalBinding('pipe_wrap');

const UNBOUND = 0;
const BINDING = 1;
const BOUND = 2;

const DISCONNECTED = 0;
const CONNECTING = 1;
const CONNECTED = 2;

const kOwner = Symbol('kOwner');

class Socket extends EventEmitter {
  constructor(type, listener) {
    super();
    let options;
    if (type !== null && typeof type === 'object') {
      options = type;
      type = options.type;
    }
    const handle = newHandle(type, options?.lookup);
    handle[kOwner] = this;
    this.type = type;
    if (typeof listener === 'function') this.on('message', listener);

    const state = {
      handle,
      receiving: false,
      bindState: UNBOUND,
      connectState: DISCONNECTED,
      queue: undefined,
      reuseAddr: false,
      ipv6Only: false,
      recvBufferSize: undefined,
      sendBufferSize: undefined,
    };
    this[kStateSymbol] = state;

    if (options !== undefined) {
      state.reuseAddr = !!options.reuseAddr;
      state.ipv6Only = !!options.ipv6Only;
      if (options.recvBufferSize !== undefined) {
        validateUint32(options.recvBufferSize, 'options.recvBufferSize');
        state.recvBufferSize = options.recvBufferSize;
      }
      if (options.sendBufferSize !== undefined) {
        validateUint32(options.sendBufferSize, 'options.sendBufferSize');
        state.sendBufferSize = options.sendBufferSize;
      }
      const { signal } = options;
      if (signal !== undefined) {
        validateAbortSignal(signal, 'options.signal');
        const onAbort = () => {
          if (this[kStateSymbol].handle) this.close();
        };
        if (signal.aborted) {
          onAbort();
        } else {
          signal.addEventListener('abort', onAbort, { once: true });
          this.once('close', () => signal.removeEventListener('abort', onAbort));
        }
      }
    }
  }

  bind(port, address, callback) {
    const state = this[kStateSymbol];
    const handle = liveHandle(this);
    if (state.bindState !== UNBOUND) throw new ERR_SOCKET_ALREADY_BOUND();

    // Of the options, `exclusive` only matters to cluster workers: ignored.
    let fd;
    if (typeof port === 'function') {
      callback = port;
      port = 0;
      address = undefined;
    } else if (port !== null && typeof port === 'object') {
      callback = address;
      ({ address, fd } = port);
      port = port.port;
    } else if (typeof address === 'function') {
      callback = address;
      address = undefined;
    }
    if (fd !== undefined) {
      validateInt32(fd, 'fd', 0);
      const type = guessHandleType(fd);
      if (type !== 'UDP') throw new ERR_INVALID_FD_TYPE(type);
      const err = handle.open(fd);
      if (err) throw new ErrnoException(err, 'open');
      if (typeof callback === 'function') this.once('listening', callback);
      startReceiving(this);
      return this;
    }

    state.bindState = BINDING;
    if (typeof callback === 'function') this.once('listening', callback);

    handle.lookup(address || ANY[handle.family], (err, ip) => {
      // Closed while the name resolved.
      if (state.handle !== handle) return;
      if (err) {
        failBind(this, callback, err);
        return;
      }
      let flags = 0;
      if (state.reuseAddr) flags |= UV_UDP_REUSEADDR;
      if (state.ipv6Only) flags |= UV_UDP_IPV6ONLY;
      const status = handle.family === 6 ? handle.bind6(ip, port || 0, flags) : handle.bind(ip, port || 0, flags);
      if (status) {
        failBind(this, callback, new ExceptionWithHostPort(status, 'bind', ip, port));
        return;
      }
      startReceiving(this);
    });
    return this;
  }

  connect(port, address, callback) {
    port = validatePort(port, 'Port', false);
    if (typeof address === 'function') {
      callback = address;
      address = '';
    } else if (address === undefined) {
      address = '';
    }
    validateString(address, 'address');

    const state = this[kStateSymbol];
    if (state.connectState !== DISCONNECTED) throw new ERR_SOCKET_DGRAM_IS_CONNECTED();
    state.connectState = CONNECTING;
    if (state.bindState === UNBOUND) this.bind({ port: 0 });
    if (typeof callback === 'function') this.once('connect', callback);

    const run = () => doConnect(this, port, address, callback);
    if (state.bindState === BOUND) run();
    else this.once('listening', run);
  }

  disconnect() {
    const state = this[kStateSymbol];
    const handle = liveHandle(this);
    if (state.connectState !== CONNECTED) throw new ERR_SOCKET_DGRAM_NOT_CONNECTED();
    const err = handle.disconnect();
    if (err) throw new ErrnoException(err, 'connect');
    state.connectState = DISCONNECTED;
  }

  // send(msg[, offset, length][, port][, address][, callback])
  send(buffer, offset, length, port, address, callback) {
    let list;
    const state = this[kStateSymbol];
    const connected = state.connectState === CONNECTED;
    if (connected) {
      // A numeric length means the offset/length form; otherwise only
      // (msg[, callback]). Any port or address is an error.
      if (typeof length === 'number') {
        list = [sliceBuffer(buffer, offset, length)];
        if (typeof port === 'function') {
          callback = port;
          port = undefined;
        }
      } else {
        list = toBufferList(buffer);
        callback = offset;
      }
      if (port || address) throw new ERR_SOCKET_DGRAM_IS_CONNECTED();
      port = undefined;
      address = undefined;
    } else {
      // A port (not a callback) or an address in the last two places means
      // the offset/length form; otherwise (msg, port[, address][, callback]).
      if (address || (port && typeof port !== 'function')) {
        list = [sliceBuffer(buffer, offset, length)];
      } else {
        list = toBufferList(buffer);
        callback = port;
        address = length;
        port = offset;
      }
      if (typeof address === 'function') {
        callback = address;
        address = undefined;
      } else if (address != null && address !== '' && typeof address !== 'string') {
        throw new ERR_INVALID_ARG_TYPE('address', 'string', address);
      }
      port = validatePort(port, 'Port', false);
    }

    const handle = liveHandle(this);
    if (typeof callback !== 'function') callback = undefined;

    if (state.bindState === UNBOUND) this.bind({ port: 0 });
    if (state.bindState !== BOUND) {
      enqueue(this, () => this.send(list, port, address, callback));
      return;
    }

    if (connected) {
      doSend(this, handle, list, undefined, undefined, callback);
      return;
    }
    handle.lookup(address || LOOPBACK[handle.family], (err, ip) => {
      if (err) {
        if (callback) process.nextTick(callback, err);
        else process.nextTick(() => this.emit('error', err));
        return;
      }
      doSend(this, handle, list, port, ip, callback);
    });
  }

  sendto(buffer, offset, length, port, address, callback) {
    validateNumber(offset, 'offset');
    validateNumber(length, 'length');
    validateNumber(port, 'port');
    validateString(address, 'address');
    this.send(buffer, offset, length, port, address, callback);
  }

  close(callback) {
    const state = this[kStateSymbol];
    const handle = liveHandle(this);
    const { queue } = state;
    if (typeof callback === 'function') this.on('close', callback);
    if (queue !== undefined) {
      // Sends wait for the bind: close after them.
      queue.push(() => this.close());
      return this;
    }
    stopReceiving(this);
    handle.close();
    state.handle = null;
    process.nextTick(() => this.emit('close'));
    return this;
  }

  [Symbol.asyncDispose]() {
    if (!this[kStateSymbol].handle) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.close((err) => (err ? reject(err) : resolve()));
    });
  }

  address() {
    return sockName(liveHandle(this), 'getsockname');
  }

  remoteAddress() {
    const handle = liveHandle(this);
    if (this[kStateSymbol].connectState !== CONNECTED) throw new ERR_SOCKET_DGRAM_NOT_CONNECTED();
    return sockName(handle, 'getpeername');
  }

  setBroadcast(flag) {
    check(this[kStateSymbol].handle?.setBroadcast(flag ? 1 : 0), 'setBroadcast');
  }

  setTTL(ttl) {
    validateNumber(ttl, 'ttl');
    check(this[kStateSymbol].handle?.setTTL(ttl), 'setTTL');
    return ttl;
  }

  setMulticastTTL(ttl) {
    validateNumber(ttl, 'ttl');
    check(this[kStateSymbol].handle?.setMulticastTTL(ttl), 'setMulticastTTL');
    return ttl;
  }

  setMulticastLoopback(flag) {
    check(this[kStateSymbol].handle?.setMulticastLoopback(flag ? 1 : 0), 'setMulticastLoopback');
    return flag;
  }

  setMulticastInterface(interfaceAddress) {
    const handle = liveHandle(this);
    validateString(interfaceAddress, 'interfaceAddress');
    check(handle.setMulticastInterface(interfaceAddress), 'setMulticastInterface');
  }

  addMembership(multicastAddress, interfaceAddress) {
    const handle = liveHandle(this);
    if (!multicastAddress) throw new ERR_MISSING_ARGS('multicastAddress');
    check(handle.addMembership(multicastAddress, interfaceAddress), 'addMembership');
  }

  dropMembership(multicastAddress, interfaceAddress) {
    const handle = liveHandle(this);
    if (!multicastAddress) throw new ERR_MISSING_ARGS('multicastAddress');
    check(handle.dropMembership(multicastAddress, interfaceAddress), 'dropMembership');
  }

  addSourceSpecificMembership(sourceAddress, groupAddress, interfaceAddress) {
    const handle = liveHandle(this);
    validateString(sourceAddress, 'sourceAddress');
    validateString(groupAddress, 'groupAddress');
    check(handle.addSourceSpecificMembership(sourceAddress, groupAddress, interfaceAddress),
          'addSourceSpecificMembership');
  }

  dropSourceSpecificMembership(sourceAddress, groupAddress, interfaceAddress) {
    const handle = liveHandle(this);
    validateString(sourceAddress, 'sourceAddress');
    validateString(groupAddress, 'groupAddress');
    check(handle.dropSourceSpecificMembership(sourceAddress, groupAddress, interfaceAddress),
          'dropSourceSpecificMembership');
  }

  ref() {
    this[kStateSymbol].handle?.ref();
    return this;
  }

  unref() {
    this[kStateSymbol].handle?.unref();
    return this;
  }

  setRecvBufferSize(size) {
    bufferSize(this, size, true);
  }

  setSendBufferSize(size) {
    bufferSize(this, size, false);
  }

  getRecvBufferSize() {
    return bufferSize(this, 0, true);
  }

  getSendBufferSize() {
    return bufferSize(this, 0, false);
  }

  getSendQueueSize() {
    return this[kStateSymbol].handle?.getSendQueueSize() ?? 0;
  }

  getSendQueueCount() {
    return this[kStateSymbol].handle?.getSendQueueCount() ?? 0;
  }
}

function createSocket(type, listener) {
  return new Socket(type, listener);
}

// The socket's handle; throws once the socket is closed.
function liveHandle(socket) {
  const { handle } = socket[kStateSymbol];
  if (!handle) throw new ERR_SOCKET_DGRAM_NOT_RUNNING();
  return handle;
}

// Option setters fail with EBADF on an unbound (or closed) socket, as libuv.
function check(status, syscall) {
  if (status === undefined) status = -9; // EBADF: the socket is closed
  if (status) throw new ErrnoException(status, syscall);
}

function sockName(handle, syscall) {
  const out = {};
  const err = handle[syscall](out);
  if (err) throw new ErrnoException(err, syscall);
  return out;
}

function bufferSize(socket, size, recv) {
  if (size >>> 0 !== size) throw new ERR_SOCKET_BAD_BUFFER_SIZE();
  const ctx = {};
  const result = liveHandle(socket).bufferSize(size, recv, ctx);
  if (result === undefined) throw new ERR_SOCKET_BUFFER_SIZE(ctx);
  return result;
}

// A failed bind leaves the socket unbound and forgets its callback, so that
// retries do not pile up 'listening' listeners.
function failBind(socket, callback, err) {
  socket[kStateSymbol].bindState = UNBOUND;
  if (typeof callback === 'function') socket.removeListener('listening', callback);
  socket.emit('error', err);
}

function startReceiving(socket) {
  const state = socket[kStateSymbol];
  const { handle } = state;
  handle.onmessage = onMessage;
  handle.recvStart();
  state.receiving = true;
  state.bindState = BOUND;
  if (state.recvBufferSize !== undefined) bufferSize(socket, state.recvBufferSize, true);
  if (state.sendBufferSize !== undefined) bufferSize(socket, state.sendBufferSize, false);
  socket.emit('listening');
}

function stopReceiving(socket) {
  const state = socket[kStateSymbol];
  if (!state.receiving) return;
  state.handle.recvStop();
  state.receiving = false;
}

// handle.onmessage(nread, handle, buf, rinfo); `this` is the handle.
function onMessage(nread, handle, buf, rinfo) {
  const socket = handle[kOwner];
  if (nread < 0) {
    socket.emit('error', new ErrnoException(nread, 'recvmsg'));
    return;
  }
  rinfo.size = buf.length;
  socket.emit('message', Buffer.from(buf.buffer, buf.byteOffset, buf.length), rinfo);
}

function doConnect(socket, port, address, callback) {
  const state = socket[kStateSymbol];
  const { handle } = state;
  if (!handle) return;
  handle.lookup(address || LOOPBACK[handle.family], (lookupErr, ip) => {
    if (state.handle !== handle) return;
    let err = lookupErr;
    if (!err) {
      const status = handle.family === 6 ? handle.connect6(ip, port) : handle.connect(ip, port);
      if (status) err = new ExceptionWithHostPort(status, 'connect', address, port);
    }
    if (err) {
      state.connectState = DISCONNECTED;
      process.nextTick(() => {
        if (typeof callback === 'function') {
          socket.removeListener('connect', callback);
          callback(err);
        } else {
          socket.emit('error', err);
        }
      });
      return;
    }
    state.connectState = CONNECTED;
    process.nextTick(() => socket.emit('connect'));
  });
}

// Queues `send` until the implicit bind settles; a failed bind drops the queue.
function enqueue(socket, send) {
  const state = socket[kStateSymbol];
  if (state.queue === undefined) {
    state.queue = [];
    const onError = () => {
      socket.removeListener('listening', onListening);
      state.queue = undefined;
    };
    const onListening = () => {
      socket.removeListener('error', onError);
      const queue = state.queue;
      state.queue = undefined;
      for (const run of queue) run();
    };
    socket.once('listening', onListening);
    socket.once('error', onError);
  }
  state.queue.push(send);
}

function doSend(socket, handle, list, port, ip, callback) {
  // Closed while the name resolved.
  if (socket[kStateSymbol].handle !== handle) return;
  const req = new SendWrap();
  req.oncomplete = (status, sent) => {
    if (!callback) return;
    if (status) callback(new ExceptionWithHostPort(status, 'send', ip, port));
    else callback(null, sent);
  };
  const hasCallback = callback !== undefined;
  const result = port === undefined ?
    handle.send(req, list, list.length, hasCallback) :
    handle.family === 6 ?
      handle.send6(req, list, list.length, port, ip, hasCallback) :
      handle.send(req, list, list.length, port, ip, hasCallback);
  if (!callback) return;
  if (result > 0) {
    // Sent at once: `result` is the size + 1.
    process.nextTick(callback, null, result - 1);
  } else if (result < 0) {
    process.nextTick(callback, new ExceptionWithHostPort(result, 'send', ip, port));
  }
}

function toView(item) {
  if (typeof item === 'string') return Buffer.from(item);
  if (isArrayBufferView(item)) return item;
  return null;
}

function toBufferList(buffer) {
  if (!Array.isArray(buffer)) {
    const view = toView(buffer);
    if (view === null) {
      throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
    }
    return [view];
  }
  const list = new Array(buffer.length);
  for (let i = 0; i < buffer.length; i++) {
    const view = toView(buffer[i]);
    if (view === null) {
      throw new ERR_INVALID_ARG_TYPE('buffer list arguments', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
    }
    list[i] = view;
  }
  return list;
}

function sliceBuffer(buffer, offset, length) {
  const view = toView(buffer);
  if (view === null) {
    throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
  }
  offset >>>= 0;
  length >>>= 0;
  if (offset > view.byteLength) throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');
  if (offset + length > view.byteLength) throw new ERR_BUFFER_OUT_OF_BOUNDS('length');
  return Buffer.from(view.buffer, view.byteOffset + offset, length);
}

module.exports = {
  _createSocketHandle: deprecate(createSocketHandle, 'dgram._createSocketHandle() is deprecated', 'DEP0112'),
  createSocket,
  Socket,
};
