'use strict';

// assert.CallTracker (deprecated, DEP0173): wraps functions to count their
// calls, and verifies each was called the expected number of times.

const AssertionError = require('internal/assert/assertion_error');
const { codes: { ERR_INVALID_ARG_VALUE } } = require('internal/errors');
const { validateUint32 } = require('internal/validators');

// One tracked function: its expected count and the calls seen so far.
class TrackedCalls {
  constructor(name, expected, origin) {
    this.name = name;
    this.expected = expected;
    this.origin = origin;
    this.calls = [];
  }

  record(thisArg, args) {
    this.calls.push(Object.freeze({ thisArg, arguments: Object.freeze([...args]) }));
  }

  snapshot() {
    return Object.freeze([...this.calls]);
  }

  // A report entry when the count is off, else undefined.
  mismatch() {
    const actual = this.calls.length;
    if (actual === this.expected) return undefined;
    return {
      message: `Expected the ${this.name} function to be executed ${this.expected} time(s) ` +
        `but was executed ${actual} time(s).`,
      actual,
      expected: this.expected,
      operator: this.name,
      stack: this.origin,
    };
  }
}

class CallTracker {
  #all = new Set();
  #byFunction = new WeakMap();

  #lookup(tracked) {
    const entry = this.#byFunction.get(tracked);
    if (entry === undefined) {
      throw new ERR_INVALID_ARG_VALUE('tracked', tracked, 'is not a tracked function');
    }
    return entry;
  }

  reset(tracked) {
    if (tracked === undefined) {
      for (const entry of this.#all) entry.calls = [];
    } else {
      this.#lookup(tracked).calls = [];
    }
  }

  getCalls(tracked) {
    return this.#lookup(tracked).snapshot();
  }

  calls(fn, expected = 1) {
    if (typeof fn === 'number') {
      expected = fn;
      fn = Function.prototype; // a no-op without a name
    } else if (fn === undefined) {
      fn = Function.prototype;
    }
    validateUint32(expected, 'expected', true);
    const entry = new TrackedCalls(fn.name || 'calls', expected, new Error());
    const tracked = new Proxy(fn, {
      __proto__: null,
      apply(target, thisArg, args) {
        entry.record(thisArg, args);
        return Reflect.apply(target, thisArg, args);
      },
    });
    this.#all.add(entry);
    this.#byFunction.set(tracked, entry);
    return tracked;
  }

  report() {
    const found = [];
    for (const entry of this.#all) {
      const problem = entry.mismatch();
      if (problem !== undefined) found.push(problem);
    }
    return found;
  }

  verify() {
    const problems = this.report();
    if (problems.length === 0) return;
    throw new AssertionError({
      message: problems.length === 1 ?
        problems[0].message :
        'Functions were not called the expected number of times',
      details: problems,
    });
  }
}

module.exports = CallTracker;
