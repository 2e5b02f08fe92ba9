'use strict';

// AbortController and AbortSignal as in Node 20. A signal is an EventTarget
// whose prototype is swapped to AbortSignal.prototype (the public constructor
// is illegal). AbortSignal.any() links the result to its source signals
// through WeakRefs, so an unused composite signal can be collected.

const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_THIS },
} = require('internal/errors');
const { validateUint32, validateAbortSignalArray } = require('internal/validators');
const { customInspectSymbol, kEmptyObject } = require('internal/util');
const { EventTarget, Event, defineEventHandler, kTrustEvent } = require('internal/event_target');
const DOMException = require('internal/dom_exception');

let lazyInspectFn;
function inspect(value, options) {
  lazyInspectFn ??= require('internal/util/inspect').inspect;
  return lazyInspectFn(value, options);
}

const kAborted = Symbol('kAborted');
const kReason = Symbol('kReason');
const kComposite = Symbol('kComposite');
const kSourceSignals = Symbol('kSourceSignals');
const kDependantSignals = Symbol('kDependantSignals');
const kTimeout = Symbol('kTimeout');

function customInspect(self, obj, depth, options) {
  if (depth < 0) return self;
  const opts = Object.assign({}, options, {
    depth: options.depth === null ? null : options.depth - 1,
  });
  return `${self.constructor.name} ${inspect(obj, opts)}`;
}

function validateThisAbortSignal(obj) {
  if (obj?.[kAborted] === undefined) throw new ERR_INVALID_THIS('AbortSignal');
}

function abortError() {
  return new DOMException('This operation was aborted', 'AbortError');
}

class AbortSignal extends EventTarget {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get aborted() {
    validateThisAbortSignal(this);
    return !!this[kAborted];
  }

  get reason() {
    validateThisAbortSignal(this);
    return this[kReason];
  }

  throwIfAborted() {
    validateThisAbortSignal(this);
    if (this[kAborted]) throw this[kReason];
  }

  [customInspectSymbol](depth, options) {
    return customInspect(this, { aborted: this.aborted }, depth, options);
  }

  static abort(reason = abortError()) {
    return createAbortSignal({ aborted: true, reason });
  }

  static timeout(delay) {
    validateUint32(delay, 'delay', false);
    const signal = createAbortSignal();
    signal[kTimeout] = true;
    // Unref'd: a pending timeout signal alone does not keep the process alive.
    const timer = setTimeout(() => {
      abortSignal(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, delay);
    timer?.unref?.();
    return signal;
  }

  static any(signals) {
    validateAbortSignalArray(signals, 'signals');
    const result = createAbortSignal({ composite: true });
    if (!signals.length) return result;
    const resultRef = new WeakRef(result);
    result[kSourceSignals] = new Set();
    for (let i = 0; i < signals.length; i++) {
      const signal = signals[i];
      if (signal.aborted) {
        abortSignal(result, signal.reason);
        return result;
      }
      signal[kDependantSignals] ??= new Set();
      if (!signal[kComposite]) {
        result[kSourceSignals].add(new WeakRef(signal));
        signal[kDependantSignals].add(resultRef);
      } else if (signal[kSourceSignals]) {
        // A composite source: depend on its sources directly.
        for (const sourceRef of signal[kSourceSignals]) {
          const source = sourceRef.deref();
          if (source === undefined) continue;
          result[kSourceSignals].add(sourceRef);
          source[kDependantSignals] ??= new Set();
          source[kDependantSignals].add(resultRef);
        }
      }
    }
    return result;
  }
}

Object.defineProperties(AbortSignal.prototype, {
  aborted: { __proto__: null, enumerable: true },
  [Symbol.toStringTag]: { __proto__: null, value: 'AbortSignal', writable: false, enumerable: false, configurable: true },
});
defineEventHandler(AbortSignal.prototype, 'abort');

function createAbortSignal(init = kEmptyObject) {
  const { aborted = false, reason = undefined, composite = false } = init;
  const signal = new EventTarget();
  Object.setPrototypeOf(signal, AbortSignal.prototype);
  signal[kAborted] = aborted;
  signal[kReason] = reason;
  signal[kComposite] = composite;
  return signal;
}

function abortSignal(signal, reason) {
  if (signal[kAborted]) return;
  signal[kAborted] = true;
  signal[kReason] = reason;
  const event = new Event('abort', { [kTrustEvent]: true });
  signal.dispatchEvent(event);
  signal[kDependantSignals]?.forEach((ref) => {
    const dependant = ref.deref();
    if (dependant !== undefined) abortSignal(dependant, reason);
  });
}

class AbortController {
  #signal;

  constructor() {
    this.#signal = createAbortSignal();
  }

  get signal() {
    return this.#signal;
  }

  abort(reason = abortError()) {
    abortSignal(this.#signal, reason);
  }

  [customInspectSymbol](depth, options) {
    return customInspect(this, { signal: this.signal }, depth, options);
  }
}

Object.defineProperties(AbortController.prototype, {
  signal: { __proto__: null, enumerable: true },
  abort: { __proto__: null, enumerable: true },
  [Symbol.toStringTag]: { __proto__: null, value: 'AbortController', writable: false, enumerable: false, configurable: true },
});

module.exports = {
  AbortController,
  AbortSignal,
  abortSignal,
  createAbortSignal,
  kAborted,
};
