'use strict';

// EventTarget, Event and CustomEvent with Node 20's semantics (including its
// quirks): listeners are kept per type in a linked list keyed by
// (listener, capture); there is no propagation path, so an event is only ever
// AT_TARGET; a listener that throws (or returns a promise that rejects) is
// reported as an uncaught exception on the next tick rather than interrupting
// the dispatch.

const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_THIS,
    ERR_EVENT_RECURSION,
    ERR_MISSING_ARGS,
  },
} = require('internal/errors');
const {
  validateObject,
  validateAbortSignal,
  kValidateObjectAllowNullable,
  kValidateObjectAllowObjects,
} = require('internal/validators');
const { customInspectSymbol, kEmptyObject } = require('internal/util');

let lazyInspectFn;
function inspect(value, options) {
  lazyInspectFn ??= require('internal/util/inspect').inspect;
  return lazyInspectFn(value, options);
}

let lazyEvents;
function events() {
  lazyEvents ??= require('events');
  return lazyEvents;
}

const kEvents = Symbol('kEvents');
const kHandlers = Symbol('kHandlers');
const kStop = Symbol('kStop');
const kTarget = Symbol('kTarget');
const kType = Symbol('type');
const kDetail = Symbol('detail');
const kIsBeingDispatched = Symbol('kIsBeingDispatched');
const kTrustEvent = Symbol('kTrustEvent');
const kNewListener = Symbol('kNewListener');
const kRemoveListener = Symbol('kRemoveListener');
const kResistStopPropagation = Symbol('kResistStopPropagation');

const trustedEvents = new WeakSet();

function now() {
  try {
    const perf = globalThis.performance;
    return perf != null && typeof perf.now === 'function' ? perf.now() : 0;
  } catch {
    return 0; // performance not available in this build
  }
}

function isEvent(value) {
  return typeof value?.[kType] === 'string';
}

function isEventTarget(value) {
  return value != null && value[kEvents] instanceof Map;
}

// The WebIDL DOMString conversion: anything but a symbol becomes a string.
function toDOMString(value) {
  if (typeof value === 'symbol') throw new ERR_INVALID_ARG_VALUE('value', value);
  return `${value}`;
}

// inspect depth for the nested object a custom inspect prints.
function nestedInspectOptions(options) {
  return Object.assign({}, options, {
    depth: Number.isInteger(options.depth) ? options.depth - 1 : options.depth,
  });
}

class Event {
  #cancelable = false;
  #bubbles = false;
  #composed = false;
  #defaultPrevented = false;
  #propagationStopped = false;
  #timestamp = now();

  constructor(type, options = kEmptyObject) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    validateObject(options, 'options', kValidateObjectAllowNullable);
    const { bubbles, cancelable, composed } = { ...options };
    this.#cancelable = !!cancelable;
    this.#bubbles = !!bubbles;
    this.#composed = !!composed;
    this[kType] = `${type}`;
    if (options?.[kTrustEvent]) trustedEvents.add(this);
    this[kTarget] = null;
    this[kIsBeingDispatched] = false;
  }

  initEvent(type, bubbles = false, cancelable = false) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    if (this[kIsBeingDispatched]) return;
    this[kType] = `${type}`;
    this.#bubbles = !!bubbles;
    this.#cancelable = !!cancelable;
  }

  [customInspectSymbol](depth, options) {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    const name = this.constructor.name;
    if (depth < 0) return name;
    return `${name} ${inspect({
      type: this[kType],
      defaultPrevented: this.#defaultPrevented,
      cancelable: this.#cancelable,
      timeStamp: this.#timestamp,
    }, nestedInspectOptions(options))}`;
  }

  stopImmediatePropagation() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    this.stopPropagation();
    this[kStop] = true;
  }

  preventDefault() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    this.#defaultPrevented = true;
  }

  get target() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    return this[kTarget];
  }

  get currentTarget() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    return this[kIsBeingDispatched] ? this[kTarget] : null;
  }

  get srcElement() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    return this[kTarget];
  }

  get type() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    return this[kType];
  }

  get cancelable() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    return this.#cancelable;
  }

  get defaultPrevented() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    return this.#cancelable && this.#defaultPrevented;
  }

  get timeStamp() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    return this.#timestamp;
  }

  composedPath() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    return this[kIsBeingDispatched] ? [this[kTarget]] : [];
  }

  get returnValue() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    return !(this.#cancelable && this.#defaultPrevented);
  }

  get bubbles() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    return this.#bubbles;
  }

  get composed() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    return this.#composed;
  }

  get eventPhase() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    return this[kIsBeingDispatched] ? Event.AT_TARGET : Event.NONE;
  }

  get cancelBubble() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    return this.#propagationStopped;
  }

  set cancelBubble(value) {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    if (value) this.stopPropagation();
  }

  stopPropagation() {
    if (!isEvent(this)) throw new ERR_INVALID_THIS('Event');
    this.#propagationStopped = true;
  }
}

const enumerable = { __proto__: null, enumerable: true };
Object.defineProperties(Event.prototype, {
  [Symbol.toStringTag]: { __proto__: null, value: 'Event', writable: false, enumerable: false, configurable: true },
  initEvent: enumerable,
  stopImmediatePropagation: enumerable,
  preventDefault: enumerable,
  target: enumerable,
  currentTarget: enumerable,
  srcElement: enumerable,
  type: enumerable,
  cancelable: enumerable,
  defaultPrevented: enumerable,
  timeStamp: enumerable,
  composedPath: enumerable,
  returnValue: enumerable,
  bubbles: enumerable,
  composed: enumerable,
  eventPhase: enumerable,
  cancelBubble: enumerable,
  stopPropagation: enumerable,
  // isTrusted is [LegacyUnforgeable]: it cannot be redefined.
  isTrusted: {
    __proto__: null,
    get: Object.getOwnPropertyDescriptor({ get isTrusted() { return trustedEvents.has(this); } }, 'isTrusted').get,
    enumerable: true,
    configurable: false,
  },
});

for (const [name, value] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]]) {
  Object.defineProperty(Event, name, { __proto__: null, value, writable: false, enumerable: true, configurable: false });
}

function isCustomEvent(value) {
  return isEvent(value) && value[kDetail] !== undefined;
}

class CustomEvent extends Event {
  constructor(type, options = kEmptyObject) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    super(type, options);
    this[kDetail] = options?.detail ?? null;
  }

  get detail() {
    if (!isCustomEvent(this)) throw new ERR_INVALID_THIS('CustomEvent');
    return this[kDetail];
  }
}

Object.defineProperties(CustomEvent.prototype, {
  [Symbol.toStringTag]: { __proto__: null, value: 'CustomEvent', writable: false, enumerable: false, configurable: true },
  detail: enumerable,
});

// One registration: a node of the per-type doubly linked list whose head is
// the `root` record `{ size, next, resistStopPropagation }`.
class Listener {
  constructor(previous, listener, once, capture, passive, resistStopPropagation) {
    this.next = undefined;
    if (previous !== undefined) previous.next = this;
    this.previous = previous;
    this.listener = listener;
    this.once = once;
    this.capture = capture;
    this.passive = passive;
    this.resistStopPropagation = resistStopPropagation;
    this.removed = false;
    if (typeof listener === 'function') {
      this.callback = listener;
    } else {
      // `handleEvent` is looked up at dispatch time, and (as in Node) called
      // from an async wrapper, so what it throws surfaces as a rejection.
      this.callback = async (...args) => {
        if (listener.handleEvent) await Reflect.apply(listener.handleEvent, listener, args);
      };
    }
  }

  same(listener, capture) {
    return this.listener === listener && this.capture === capture;
  }

  remove() {
    if (this.previous !== undefined) this.previous.next = this.next;
    if (this.next !== undefined) this.next.previous = this.previous;
    this.removed = true;
  }
}

function initEventTarget(self) {
  self[kEvents] = new Map();
  self[events().kMaxEventTargetListeners] = events().defaultMaxListeners;
  self[events().kMaxEventTargetListenersWarned] = false;
  self[kHandlers] = new Map();
}

class EventTarget {
  constructor() {
    initEventTarget(this);
  }

  [kNewListener](size, type) {
    const { kMaxEventTargetListeners, kMaxEventTargetListenersWarned } = events();
    const max = this[kMaxEventTargetListeners];
    if (max > 0 && size > max && !this[kMaxEventTargetListenersWarned]) {
      this[kMaxEventTargetListenersWarned] = true;
      const w = new Error('Possible EventTarget memory leak detected. ' +
                          `${size} ${type} listeners added to ${inspect(this, { depth: -1 })}. ` +
                          `MaxListeners is ${max}. Use events.setMaxListeners() to increase limit`);
      w.name = 'MaxListenersExceededWarning';
      w.target = this;
      w.type = type;
      w.count = size;
      process.emitWarning(w);
    }
  }

  [kRemoveListener]() {}

  addEventListener(type, listener, options = kEmptyObject) {
    if (!isEventTarget(this)) throw new ERR_INVALID_THIS('EventTarget');
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('type', 'listener');

    // Options are read before the listener is checked, as the spec requires.
    const { once, capture, passive, signal, resistStopPropagation } = validateEventListenerOptions(options);
    validateAbortSignal(signal, 'options.signal');

    if (!validateEventListener(listener)) {
      // The DOM silently accepts null; Node warns.
      const w = new Error(`addEventListener called with ${listener} which has no effect.`);
      w.name = 'AddEventListenerArgumentTypeWarning';
      w.target = this;
      w.type = type;
      process.emitWarning(w);
      return;
    }
    type = toDOMString(type);

    if (signal) {
      if (signal.aborted) return;
      signal.addEventListener('abort', () => {
        this.removeEventListener(type, listener, options);
      }, { __proto__: null, once: true, [kResistStopPropagation]: true });
    }

    let root = this[kEvents].get(type);
    if (root === undefined) {
      root = { size: 1, next: undefined, resistStopPropagation: !!resistStopPropagation };
      new Listener(root, listener, once, capture, passive, resistStopPropagation);
      this[kNewListener](root.size, type, listener, once, capture, passive);
      this[kEvents].set(type, root);
      return;
    }

    let handler = root.next;
    let previous = root;
    while (handler !== undefined && !handler.same(listener, capture)) {
      previous = handler;
      handler = handler.next;
    }
    if (handler !== undefined) return; // already registered

    new Listener(previous, listener, once, capture, passive, resistStopPropagation);
    root.size++;
    root.resistStopPropagation ||= !!resistStopPropagation;
    this[kNewListener](root.size, type, listener, once, capture, passive);
  }

  removeEventListener(type, listener, options = kEmptyObject) {
    if (!isEventTarget(this)) throw new ERR_INVALID_THIS('EventTarget');
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('type', 'listener');
    if (!validateEventListener(listener)) return;

    type = toDOMString(type);
    // As in Node 20, only `{ capture: true }` selects the capture listener.
    const capture = options?.capture === true;

    const root = this[kEvents].get(type);
    if (root === undefined || root.next === undefined) return;

    let handler = root.next;
    while (handler !== undefined) {
      if (handler.same(listener, capture)) {
        handler.remove();
        root.size--;
        if (root.size === 0) this[kEvents].delete(type);
        this[kRemoveListener](root.size, type, listener, capture);
        break;
      }
      handler = handler.next;
    }
  }

  dispatchEvent(event) {
    if (!isEventTarget(this)) throw new ERR_INVALID_THIS('EventTarget');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('event');
    if (!(event instanceof Event)) throw new ERR_INVALID_ARG_TYPE('event', 'Event', event);
    if (event[kIsBeingDispatched]) throw new ERR_EVENT_RECURSION(event.type);

    dispatch(this, event);
    return event.defaultPrevented !== true;
  }

  [customInspectSymbol](depth, options) {
    if (!isEventTarget(this)) throw new ERR_INVALID_THIS('EventTarget');
    const name = this.constructor.name;
    if (depth < 0) return name;
    return `${name} ${inspect({}, nestedInspectOptions(options))}`;
  }
}

Object.defineProperties(EventTarget.prototype, {
  addEventListener: enumerable,
  removeEventListener: enumerable,
  dispatchEvent: enumerable,
  [Symbol.toStringTag]: { __proto__: null, value: 'EventTarget', writable: false, enumerable: false, configurable: true },
});

function dispatch(target, event) {
  const type = event[kType];
  event[kTarget] = target;
  event[kIsBeingDispatched] = true;

  const root = target[kEvents].get(type);
  if (root === undefined || root.next === undefined) {
    event[kIsBeingDispatched] = false;
    return;
  }

  let handler = root.next;
  while (handler !== undefined && (root.resistStopPropagation || handler.passive || event[kStop] !== true)) {
    // Cached first: the callback may remove this listener or add others.
    const next = handler.next;
    if (handler.removed) {
      handler = next;
      continue;
    }
    if (handler.once) {
      handler.remove();
      root.size--;
      target[kRemoveListener](root.size, type, handler.listener, handler.capture);
    }
    try {
      const result = Reflect.apply(handler.callback, target, [event]);
      // Node clears the flag after the first listener that returns normally,
      // so later listeners see eventPhase NONE and may re-dispatch the event.
      event[kIsBeingDispatched] = false;
      if (result !== undefined && result !== null) addCatch(result);
    } catch (err) {
      emitUncaughtException(err);
    }
    handler = next;
  }
  event[kIsBeingDispatched] = false;
}

function addCatch(promise) {
  const then = promise.then;
  if (typeof then === 'function') {
    Reflect.apply(then, promise, [undefined, function(err) {
      emitUncaughtException(err);
    }]);
  }
}

function emitUncaughtException(err) {
  process.nextTick(() => {
    throw err;
  });
}

function validateEventListener(listener) {
  if (typeof listener === 'function' || typeof listener?.handleEvent === 'function') return true;
  if (listener == null) return false;
  // An object whose handleEvent is looked up when the event fires.
  if (typeof listener === 'object') return true;
  throw new ERR_INVALID_ARG_TYPE('listener', 'EventListener', listener);
}

function validateEventListenerOptions(options) {
  if (typeof options === 'boolean') return { capture: options };
  if (options === null) return kEmptyObject;
  validateObject(options, 'options', kValidateObjectAllowObjects);
  return {
    once: Boolean(options.once),
    capture: Boolean(options.capture),
    passive: Boolean(options.passive),
    signal: options.signal,
    resistStopPropagation: options[kResistStopPropagation] ?? false,
  };
}

// `on<name>` attributes (e.g. AbortSignal#onabort): the handler is a wrapper
// listener registered the first time a value is set, so its position among
// the listeners is fixed by that first assignment.
function makeEventHandler(handler) {
  function eventHandler(...args) {
    if (typeof eventHandler.handler !== 'function') return;
    return Reflect.apply(eventHandler.handler, this, args);
  }
  eventHandler.handler = handler;
  return eventHandler;
}

function defineEventHandler(emitter, name, event = name) {
  const propName = `on${name}`;
  function get() {
    if (!isEventTarget(this)) throw new ERR_INVALID_ARG_TYPE('this', 'EventTarget', this);
    return this[kHandlers]?.get(event)?.handler ?? null;
  }
  Object.defineProperty(get, 'name', { __proto__: null, value: `get ${propName}` });

  function set(value) {
    if (!isEventTarget(this)) throw new ERR_INVALID_ARG_TYPE('this', 'EventTarget', this);
    let wrapped = this[kHandlers]?.get(event);
    if (wrapped) {
      const root = this[kEvents].get(event);
      if (typeof wrapped.handler === 'function' && root !== undefined) {
        root.size--;
        this[kRemoveListener](root.size, event, wrapped.handler, false);
      }
      wrapped.handler = value;
      if (typeof wrapped.handler === 'function' && root !== undefined) {
        root.size++;
        this[kNewListener](root.size, event, value, false, false, false);
      }
    } else {
      wrapped = makeEventHandler(value);
      this.addEventListener(event, wrapped);
    }
    this[kHandlers].set(event, wrapped);
  }
  Object.defineProperty(set, 'name', { __proto__: null, value: `set ${propName}` });

  Object.defineProperty(emitter, propName, { __proto__: null, get, set, configurable: true, enumerable: true });
}

// For events.getEventListeners(): the registered listeners, in order.
function getEventTargetListeners(target, type) {
  const root = target[kEvents]?.get(`${type}`);
  const listeners = [];
  let handler = root?.next;
  while (handler !== undefined) {
    listeners.push(handler.listener);
    handler = handler.next;
  }
  return listeners;
}

module.exports = {
  Event,
  CustomEvent,
  EventTarget,
  defineEventHandler,
  getEventTargetListeners,
  initEventTarget,
  isEventTarget,
  kEvents,
  kNewListener,
  kRemoveListener,
  kResistStopPropagation,
  kTrustEvent,
};
