'use strict';

// node:test's mocks: mock functions that record their calls, methods,
// getters and setters replaced in place (and put back by restore()), and
// mock timers that move only when the test says so.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE },
} = require('internal/errors');
const { validateFunction, validateInteger, validateObject, validateArray } = require('internal/validators');

class MockFunctionContext {
  #calls = [];
  #implementation;
  #original;
  #once = new Map();
  #times;
  #restore;

  constructor(implementation, original, times, restore) {
    this.#implementation = implementation;
    this.#original = original;
    this.#times = times;
    this.#restore = restore;
  }

  get calls() {
    return [...this.#calls];
  }

  callCount() {
    return this.#calls.length;
  }

  mockImplementation(implementation) {
    validateFunction(implementation, 'implementation');
    this.#implementation = implementation;
  }

  mockImplementationOnce(implementation, onCall) {
    validateFunction(implementation, 'implementation');
    const call = onCall ?? this.#calls.length;
    validateInteger(call, 'onCall', this.#calls.length);
    this.#once.set(call, implementation);
  }

  resetCalls() {
    this.#calls = [];
  }

  restore() {
    this.#implementation = this.#original;
    this.#restore?.();
  }

  // The implementation for the next call: a one-off, the mock's own while
  // `times` lasts, then the original.
  #nextImplementation() {
    const call = this.#calls.length;
    const once = this.#once.get(call);
    if (once !== undefined) {
      this.#once.delete(call);
      return once;
    }
    if (call >= this.#times) return this.#original;
    return this.#implementation;
  }

  invoke(thisArg, args, newTarget) {
    const implementation = this.#nextImplementation();
    // `new mock()` constructs as if the original had been called with new.
    if (newTarget !== undefined && newTarget === this.proxy) newTarget = this.#original;
    const record = { arguments: args, error: undefined, result: undefined, stack: new Error(), target: newTarget,
                     this: thisArg };
    try {
      record.result = newTarget === undefined ?
        Reflect.apply(implementation, thisArg, args) :
        Reflect.construct(implementation, args, newTarget);
      if (newTarget !== undefined) record.this = record.result;
      return record.result;
    } catch (err) {
      record.error = err;
      throw err;
    } finally {
      this.#calls.push(record);
    }
  }
}

function createMock(original, implementation, times, restore) {
  const context = new MockFunctionContext(implementation, original, times, restore);
  const proxy = new Proxy(original, {
    __proto__: null,
    apply: (target, thisArg, args) => context.invoke(thisArg, args, undefined),
    construct: (target, args, newTarget) => context.invoke(undefined, args, newTarget),
    get: (target, property, receiver) => (property === 'mock' ? context : Reflect.get(target, property, receiver)),
  });
  Object.defineProperty(context, 'proxy', { __proto__: null, value: proxy });
  return proxy;
}

function timesOption(options) {
  const { times = Infinity } = options;
  if (times !== Infinity) validateInteger(times, 'options.times', 1);
  return times;
}

function findDescriptor(object, name) {
  for (let o = object; o !== null && o !== undefined; o = Object.getPrototypeOf(o)) {
    const descriptor = Object.getOwnPropertyDescriptor(o, name);
    if (descriptor !== undefined) return descriptor;
  }
  return undefined;
}

class MockTracker {
  #mocks = [];
  #timers;

  get timers() {
    this.#timers ??= new MockTimers();
    return this.#timers;
  }

  fn(original = function() {}, implementation = original, options = {}) {
    if (original !== null && typeof original === 'object') {
      options = original;
      original = function() {};
      implementation = original;
    } else if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = original;
    }
    validateFunction(original, 'original');
    validateFunction(implementation, 'implementation');
    validateObject(options, 'options');
    const mock = createMock(original, implementation, timesOption(options), undefined);
    this.#mocks.push(mock);
    return mock;
  }

  method(object, methodName, implementation = undefined, options = {}) {
    if (object === null || (typeof object !== 'object' && typeof object !== 'function')) {
      throw new ERR_INVALID_ARG_TYPE('object', 'object', object);
    }
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = undefined;
    }
    if (typeof methodName !== 'string' && typeof methodName !== 'symbol') {
      throw new ERR_INVALID_ARG_TYPE('methodName', ['string', 'symbol'], methodName);
    }
    validateObject(options, 'options');
    const { getter = false, setter = false } = options;
    if (getter && setter) {
      throw new ERR_INVALID_ARG_VALUE('options.setter', setter, "cannot be used with 'options.getter'");
    }
    const descriptor = findDescriptor(object, methodName);
    const accessor = getter ? 'get' : setter ? 'set' : 'value';
    const original = descriptor?.[accessor];
    if (typeof original !== 'function') {
      throw new ERR_INVALID_ARG_VALUE('methodName', original, 'must be a method');
    }
    implementation ??= original;
    validateFunction(implementation, 'implementation');
    // Restoring leaves the original as an own property, even if it was inherited.
    const restore = () => Object.defineProperty(object, methodName, descriptor);
    const mock = createMock(original, implementation, timesOption(options), restore);
    Object.defineProperty(object, methodName, { ...descriptor, [accessor]: mock });
    this.#mocks.push(mock);
    return mock;
  }

  getter(object, methodName, implementation = undefined, options = {}) {
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = undefined;
    }
    if (options.getter === false) {
      throw new ERR_INVALID_ARG_VALUE('options.getter', false, 'cannot be false');
    }
    return this.method(object, methodName, implementation, { ...options, getter: true });
  }

  setter(object, methodName, implementation = undefined, options = {}) {
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = undefined;
    }
    if (options.setter === false) {
      throw new ERR_INVALID_ARG_VALUE('options.setter', false, 'cannot be false');
    }
    return this.method(object, methodName, implementation, { ...options, setter: true });
  }

  reset() {
    this.restoreAll();
    this.#timers?.reset();
    this.#mocks = [];
  }

  restoreAll() {
    for (const mock of this.#mocks) mock.mock.restore();
  }
}

// ---- mock timers ----

const kTimerApis = ['setTimeout', 'setInterval', 'setImmediate', 'Date'];

let warned = false;
function warnExperimentalOnce() {
  if (warned) return;
  warned = true;
  process.emitWarning('The MockTimers API is an experimental feature and might change at any time',
                      'ExperimentalWarning');
}

// enable({ now }): a non-negative epoch in ms, or a Date.
function startTime(now) {
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== 'number') throw new ERR_INVALID_ARG_TYPE('options.now', ['number', 'Date'], now);
  if (!(ms >= 0)) throw new ERR_INVALID_ARG_VALUE('options.now', now, 'must be a positive number');
  return ms;
}

class MockTimers {
  #enabled = false;
  #now = 0;
  #nextId = 1;
  #pending = new Map();
  #saved = null;

  enable(options = {}) {
    if (this.#enabled) throw new ERR_INVALID_STATE('MockTimers is already enabled!');
    warnExperimentalOnce();
    if (Array.isArray(options)) options = { apis: options };
    validateObject(options, 'options');
    const apis = options.apis ?? kTimerApis;
    validateArray(apis, 'options.apis');
    for (const api of apis) {
      if (!kTimerApis.includes(api)) throw new ERR_INVALID_ARG_VALUE('options.apis', api, 'option is not supported');
    }
    this.#now = startTime(options.now ?? 0);
    if (apis.includes('Date') && globalThis.Date.isMock) {
      throw new ERR_INVALID_STATE('Date is already being mocked!');
    }
    this.#enabled = true;
    this.#install(apis);
  }

  #install(apis) {
    const timers = require('timers');
    const saved = { global: {}, timers: {} };
    const replace = (name, fn) => {
      saved.global[name] = globalThis[name];
      saved.timers[name] = timers[name];
      globalThis[name] = fn;
      timers[name] = fn;
    };
    if (apis.includes('setTimeout')) {
      replace('setTimeout', (fn, delay, ...args) => this.#schedule(fn, delay, args, false));
      replace('clearTimeout', (id) => this.#clear(id));
    }
    if (apis.includes('setInterval')) {
      replace('setInterval', (fn, delay, ...args) => this.#schedule(fn, delay, args, true));
      replace('clearInterval', (id) => this.#clear(id));
    }
    if (apis.includes('setImmediate')) {
      replace('setImmediate', (fn, ...args) => this.#schedule(fn, 0, args, false));
      replace('clearImmediate', (id) => this.#clear(id));
    }
    if (apis.includes('Date')) {
      saved.global.Date = globalThis.Date;
      globalThis.Date = this.#mockDate(globalThis.Date);
    }
    this.#saved = saved;
  }

  #mockDate(RealDate) {
    const timers = this;
    function MockDate(...args) {
      if (!new.target) return new RealDate(timers.#now).toString();
      return args.length === 0 ? new RealDate(timers.#now) : new RealDate(...args);
    }
    Object.setPrototypeOf(MockDate, RealDate);
    MockDate.prototype = RealDate.prototype;
    MockDate.now = () => timers.#now;
    MockDate.isMock = true;
    MockDate.toString = () => Function.prototype.toString.call(RealDate);
    return MockDate;
  }

  #schedule(fn, delay, args, repeat) {
    validateFunction(fn, 'callback');
    const ms = Math.max(1, Number(delay) || 0);
    const id = this.#nextId++;
    const timer = { id, fn, args, repeat, delay: ms, at: this.#now + ms, ref() { return this; },
                    unref() { return this; }, hasRef() { return true; }, refresh() { return this; },
                    [Symbol.toPrimitive]() { return id; } };
    this.#pending.set(id, timer);
    return timer;
  }

  #clear(handle) {
    const id = typeof handle === 'object' && handle !== null ? handle.id : handle;
    this.#pending.delete(id);
  }

  #assertEnabled() {
    if (!this.#enabled) {
      throw new ERR_INVALID_STATE('You should enable MockTimers first by calling the .enable function');
    }
  }

  // The due timer to run next: earliest deadline, then creation order.
  #nextDue(limit) {
    let next = null;
    for (const timer of this.#pending.values()) {
      if (timer.at > limit) continue;
      if (next === null || timer.at < next.at || (timer.at === next.at && timer.id < next.id)) next = timer;
    }
    return next;
  }

  tick(milliseconds = 1) {
    this.#assertEnabled();
    validateInteger(milliseconds, 'milliseconds', 0);
    const target = this.#now + milliseconds;
    for (let timer = this.#nextDue(target); timer !== null; timer = this.#nextDue(target)) {
      this.#now = Math.max(this.#now, timer.at);
      if (timer.repeat) timer.at += timer.delay;
      else this.#pending.delete(timer.id);
      Reflect.apply(timer.fn, undefined, timer.args);
    }
    this.#now = target;
  }

  runAll() {
    this.#assertEnabled();
    let latest = this.#now;
    for (const timer of this.#pending.values()) latest = Math.max(latest, timer.at);
    this.tick(latest - this.#now);
  }

  setTime(milliseconds) {
    this.#assertEnabled();
    validateInteger(milliseconds, 'milliseconds', 0);
    this.#now = milliseconds;
  }

  reset() {
    if (!this.#enabled) return;
    const timers = require('timers');
    for (const [name, fn] of Object.entries(this.#saved.global)) globalThis[name] = fn;
    for (const [name, fn] of Object.entries(this.#saved.timers)) timers[name] = fn;
    this.#saved = null;
    this.#pending.clear();
    this.#enabled = false;
  }

  [Symbol.dispose]() {
    this.reset();
  }
}

module.exports = { MockTracker, MockTimers };
