'use strict';
// node:async_hooks. AsyncLocalStorage is built on AsyncContextFrame (as in
// node >= 22): the current frame rides in V8's continuation-preserved embedder
// data, which V8 carries through await and promise reactions, and the runtime
// carries through timers, immediates, process.nextTick and queueMicrotask.
// The observable behaviour is node 20's.
//
// createHook: init/before/after/destroy are emitted for the resources created
// in JavaScript (Timeout, Immediate, TickObject, Microtask, AsyncResource) and,
// through V8's promise hooks, PROMISE init/before/after/promiseResolve. Node's
// native resources (FSREQCALLBACK, TCPWRAP, TTYWRAP, ...) emit nothing, and no
// destroy is emitted for objects that are garbage collected (AsyncResources
// without requireManualDestroy, promises).

const { ERR_ASYNC_CALLBACK, ERR_ASYNC_TYPE, ERR_INVALID_ASYNC_ID } = require('internal/errors').codes;
const { validateFunction, validateString } = require('internal/validators');
const { deprecate } = require('internal/util');
const frames = require('internal/async_context_frame');
const core = require('internal/async_hooks/core');

const {
  symbols: {
    async_id_symbol,
    trigger_async_id_symbol,
    init_symbol,
    before_symbol,
    after_symbol,
    destroy_symbol,
    promise_resolve_symbol,
  },
  newAsyncId,
  getDefaultTriggerAsyncId,
  executionAsyncId,
  triggerAsyncId,
  executionAsyncResource,
  emitInit,
  emitBefore,
  emitAfter,
  emitDestroy,
  initHooksExist,
  enabledHooksExist,
} = core;

// ---- hooks ----

// Each callback a hook may have, and the key it is kept under.
const kHookCallbacks = [
  ['init', init_symbol],
  ['before', before_symbol],
  ['after', after_symbol],
  ['destroy', destroy_symbol],
  ['promiseResolve', promise_resolve_symbol],
];

class AsyncHook {
  constructor({ init, before, after, destroy, promiseResolve }) {
    const given = { init, before, after, destroy, promiseResolve };
    for (const [name] of kHookCallbacks) {
      const fn = given[name];
      if (fn !== undefined && typeof fn !== 'function') throw new ERR_ASYNC_CALLBACK(`hook.${name}`);
    }
    for (const [name, key] of kHookCallbacks) this[key] = given[name];
  }

  enable() {
    core.enableHook(this);
    return this;
  }

  disable() {
    core.disableHook(this);
    return this;
  }
}

function createHook(fns) {
  return new AsyncHook(fns);
}

// ---- AsyncResource ----

let getResourceFrame;

class AsyncResource {
  // The AsyncLocalStorage stores current at construction; runInAsyncScope
  // restores them. Private, so util.inspect shows what node shows.
  #frame = frames.current();

  static {
    getResourceFrame = (resource) => resource.#frame;
  }

  constructor(type, opts = {}) {
    validateString(type, 'type');
    const triggerAsyncId = triggerIdOption(opts);
    const asyncId = newAsyncId();
    this[async_id_symbol] = asyncId;
    this[trigger_async_id_symbol] = triggerAsyncId;
    if (initHooksExist()) {
      // An empty type is only an error when some hook would see it.
      if (type === '' && enabledHooksExist()) throw new ERR_ASYNC_TYPE(type);
      emitInit(asyncId, type, triggerAsyncId, this);
    }
    // Node also emits destroy when a resource without requireManualDestroy is
    // garbage collected; rnode does not (see the top of this file), so that
    // option changes nothing.
  }

  runInAsyncScope(fn, thisArg, ...args) {
    const asyncId = this[async_id_symbol];
    const priorFrame = frames.exchange(getResourceFrame(this));
    emitBefore(asyncId, this[trigger_async_id_symbol], this);
    try {
      return Reflect.apply(fn, thisArg, args);
    } finally {
      emitAfter(asyncId);
      frames.set(priorFrame);
    }
  }

  emitDestroy() {
    emitDestroy(this[async_id_symbol]);
    return this;
  }

  asyncId() {
    return this[async_id_symbol];
  }

  triggerAsyncId() {
    return this[trigger_async_id_symbol];
  }

  // A function that runs `fn` in this resource's scope. Without thisArg the
  // caller's `this` is passed on. Keeps fn's length; `asyncResource` (deprecated,
  // DEP0172) gives the resource back.
  bind(fn, thisArg) {
    validateFunction(fn, 'fn');
    const resource = this;
    let bound;
    if (thisArg === undefined) {
      bound = function(...args) {
        return resource.runInAsyncScope(fn, this, ...args);
      };
    } else {
      bound = this.runInAsyncScope.bind(this, fn, thisArg);
    }
    let target = this;
    Object.defineProperty(bound, 'length', {
      __proto__: null, value: fn.length, writable: false, enumerable: false, configurable: true,
    });
    Object.defineProperty(bound, 'asyncResource', {
      __proto__: null,
      enumerable: true,
      configurable: true,
      get: deprecateAsyncResource(() => target),
      set: deprecateAsyncResource((value) => {
        target = value;
      }),
    });
    return bound;
  }

  static bind(fn, type, thisArg) {
    const resource = new AsyncResource(type || fn.name || 'bound-anonymous-fn');
    return resource.bind(fn, thisArg);
  }
}

// The trigger id from AsyncResource's options: a number is the id itself;
// otherwise options.triggerAsyncId, defaulting to the current one.
function triggerIdOption(opts) {
  let id = opts;
  if (typeof opts !== 'number') {
    id = opts.triggerAsyncId === undefined ? getDefaultTriggerAsyncId() : opts.triggerAsyncId;
  }
  if (Number.isSafeInteger(id) && id >= -1) return id;
  throw new ERR_INVALID_ASYNC_ID('triggerAsyncId', id);
}

function deprecateAsyncResource(fn) {
  return deprecate(fn, 'The asyncResource property on bound functions is deprecated', 'DEP0172');
}

// ---- AsyncLocalStorage ----

class AsyncLocalStorage {
  constructor() {
    // Node 20's own fields; kept so util.inspect shows the same object.
    this.kResourceStore = Symbol('kResourceStore');
    this.enabled = false;
  }

  static bind(fn) {
    return AsyncResource.bind(fn);
  }

  // A function that runs its first argument (with the rest as arguments) in the
  // context current now.
  static snapshot() {
    return AsyncLocalStorage.bind((fn, ...args) => fn(...args));
  }

  // Every context loses this store (until run/enterWith enable it again).
  disable() {
    this.enabled = false;
  }

  _enable() {
    this.enabled = true;
  }

  _propagate() {}

  enterWith(store) {
    this._enable();
    frames.enter(this, store);
  }

  run(store, callback, ...args) {
    // As node 20: no new context when the store is already the current one.
    if (Object.is(store, this.getStore())) return Reflect.apply(callback, null, args);
    this._enable();
    const prior = frames.enter(this, store);
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      frames.set(prior);
    }
  }

  exit(callback, ...args) {
    if (!this.enabled) return Reflect.apply(callback, null, args);
    const prior = frames.enter(this, undefined);
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      frames.set(prior);
    }
  }

  getStore() {
    if (this.enabled) {
      const frame = frames.current();
      if (frame !== undefined) return frame.get(this);
    }
  }
}

const asyncWrapProviders = Object.freeze({
  __proto__: null,
  NONE: 0,
  DIRHANDLE: 1,
  DNSCHANNEL: 2,
  ELDHISTOGRAM: 3,
  FILEHANDLE: 4,
  FILEHANDLECLOSEREQ: 5,
  BLOBREADER: 6,
  FSEVENTWRAP: 7,
  FSREQCALLBACK: 8,
  FSREQPROMISE: 9,
  GETADDRINFOREQWRAP: 10,
  GETNAMEINFOREQWRAP: 11,
  HEAPSNAPSHOT: 12,
  HTTP2SESSION: 13,
  HTTP2STREAM: 14,
  HTTP2PING: 15,
  HTTP2SETTINGS: 16,
  HTTPINCOMINGMESSAGE: 17,
  HTTPCLIENTREQUEST: 18,
  JSSTREAM: 19,
  JSUDPWRAP: 20,
  MESSAGEPORT: 21,
  PIPECONNECTWRAP: 22,
  PIPESERVERWRAP: 23,
  PIPEWRAP: 24,
  PROCESSWRAP: 25,
  PROMISE: 26,
  QUERYWRAP: 27,
  QUIC_LOGSTREAM: 28,
  QUIC_PACKET: 29,
  SHUTDOWNWRAP: 30,
  SIGNALWRAP: 31,
  STATWATCHER: 32,
  STREAMPIPE: 33,
  TCPCONNECTWRAP: 34,
  TCPSERVERWRAP: 35,
  TCPWRAP: 36,
  TTYWRAP: 37,
  UDPSENDWRAP: 38,
  UDPWRAP: 39,
  SIGINTWATCHDOG: 40,
  WORKER: 41,
  WORKERHEAPSNAPSHOT: 42,
  WRITEWRAP: 43,
  ZLIB: 44,
  CHECKPRIMEREQUEST: 45,
  PBKDF2REQUEST: 46,
  KEYPAIRGENREQUEST: 47,
  KEYGENREQUEST: 48,
  KEYEXPORTREQUEST: 49,
  CIPHERREQUEST: 50,
  DERIVEBITSREQUEST: 51,
  HASHREQUEST: 52,
  RANDOMBYTESREQUEST: 53,
  RANDOMPRIMEREQUEST: 54,
  SCRYPTREQUEST: 55,
  SIGNREQUEST: 56,
  TLSWRAP: 57,
  VERIFYREQUEST: 58,
});

module.exports = {
  AsyncLocalStorage,
  createHook,
  executionAsyncId,
  triggerAsyncId,
  executionAsyncResource,
  asyncWrapProviders,
  AsyncResource,
};
