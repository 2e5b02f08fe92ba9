'use strict';

// node:assert. Every failed check throws an AssertionError (see
// internal/assert/assertion_error) unless the caller passed an Error as the
// message, which is thrown as is.

const { inspect } = require('internal/util/inspect');
const { isPromise, isRegExp } = require('internal/util/types');
const { deprecate, isError } = require('internal/util');
const {
  codes: {
    ERR_AMBIGUOUS_ARGUMENT,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_RETURN_VALUE,
    ERR_MISSING_ARGS,
  },
} = require('internal/errors');
const { validateFunction } = require('internal/validators');
const AssertionError = require('internal/assert/assertion_error');
const CallTracker = require('internal/assert/calltracker');
const { innerOk } = require('internal/assert/utils');

let comparisons;
function deepEqualities() {
  comparisons ??= require('internal/util/comparisons');
  return comparisons;
}

function raise(details) {
  if (details.message instanceof Error) throw details.message;
  throw new AssertionError(details);
}

function ok(...args) {
  innerOk(ok, args.length, ...args);
}

const assert = module.exports = ok;

// ---- fail -----------------------------------------------------------------

let warnedAboutFailArgs = false;

function fail(actual, expected, message, operator, stackStartFn) {
  const count = arguments.length;
  let fallback;
  if (count === 0 || (count === 1 && actual == null)) {
    // Nothing to say (a lone null or undefined `actual` is kept as is).
    fallback = 'Failed';
  } else if (count === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (!warnedAboutFailArgs) {
      warnedAboutFailArgs = true;
      process.emitWarning(
        'assert.fail() with more than one argument is deprecated. ' +
          'Please use assert.strictEqual() instead or only pass a message.',
        'DeprecationWarning',
        'DEP0094');
    }
    if (count === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  const err = new AssertionError({
    actual,
    expected,
    operator: operator === undefined ? 'fail' : operator,
    stackStartFn: stackStartFn || fail,
    message: message ?? fallback,
  });
  if (fallback !== undefined) err.generatedMessage = true;
  throw err;
}

assert.fail = fail;
assert.AssertionError = AssertionError;
assert.ok = ok;

// ---- comparisons ------------------------------------------------------------

function bothNaN(a, b) {
  return Number.isNaN(a) && Number.isNaN(b);
}

function needTwo(count) {
  if (count < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
}

assert.equal = function equal(actual, expected, message) {
  needTwo(arguments.length);
  // eslint-disable-next-line eqeqeq
  if (actual != expected && !bothNaN(actual, expected)) {
    raise({ actual, expected, message, operator: '==', stackStartFn: equal });
  }
};

assert.notEqual = function notEqual(actual, expected, message) {
  needTwo(arguments.length);
  // eslint-disable-next-line eqeqeq
  if (actual == expected || bothNaN(actual, expected)) {
    raise({ actual, expected, message, operator: '!=', stackStartFn: notEqual });
  }
};

assert.deepEqual = function deepEqual(actual, expected, message) {
  needTwo(arguments.length);
  if (!deepEqualities().isDeepEqual(actual, expected)) {
    raise({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqual });
  }
};

assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
  needTwo(arguments.length);
  if (deepEqualities().isDeepEqual(actual, expected)) {
    raise({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual });
  }
};

assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
  needTwo(arguments.length);
  if (!deepEqualities().isDeepStrictEqual(actual, expected)) {
    raise({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual });
  }
};

assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
  needTwo(arguments.length);
  if (deepEqualities().isDeepStrictEqual(actual, expected)) {
    raise({ actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual });
  }
};

assert.strictEqual = function strictEqual(actual, expected, message) {
  needTwo(arguments.length);
  if (!Object.is(actual, expected)) {
    raise({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual });
  }
};

assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
  needTwo(arguments.length);
  if (Object.is(actual, expected)) {
    raise({ actual, expected, message, operator: 'notStrictEqual', stackStartFn: notStrictEqual });
  }
};

// ---- throws / rejects ------------------------------------------------------

// Stands for "the function returned normally" / "the promise fulfilled".
const NOTHING_THROWN = Symbol('nothing thrown');

function getActual(fn) {
  validateFunction(fn, 'fn');
  try {
    fn();
  } catch (caught) {
    return caught;
  }
  return NOTHING_THROWN;
}

function looksLikePromise(value) {
  return isPromise(value) ||
    (value !== null && typeof value === 'object' &&
     typeof value.then === 'function' && typeof value.catch === 'function');
}

async function waitForActual(promiseFn) {
  let pending;
  if (typeof promiseFn === 'function') {
    pending = promiseFn();
    if (!looksLikePromise(pending)) {
      throw new ERR_INVALID_RETURN_VALUE('instance of Promise', 'promiseFn', pending);
    }
  } else if (looksLikePromise(promiseFn)) {
    pending = promiseFn;
  } else {
    throw new ERR_INVALID_ARG_TYPE('promiseFn', ['Function', 'Promise'], promiseFn);
  }
  try {
    await pending;
  } catch (reason) {
    return reason;
  }
  return NOTHING_THROWN;
}

// Placeholder holding only the compared keys, so the diff for a validation
// object shows just those.
class Comparison {
  constructor(source, keys, actual) {
    for (const key of keys) {
      if (!(key in source)) continue;
      const want = source[key];
      if (actual !== undefined && typeof actual[key] === 'string' &&
          isRegExp(want) && want.exec(actual[key]) !== null) {
        this[key] = actual[key];
      } else {
        this[key] = want;
      }
    }
  }
}

function checkKey(actual, expected, key, message, keys, fn) {
  if (key in actual && deepEqualities().isDeepStrictEqual(actual[key], expected[key])) return;
  if (!message) {
    const err = new AssertionError({
      actual: new Comparison(actual, keys),
      expected: new Comparison(expected, keys, actual),
      operator: 'deepStrictEqual',
      stackStartFn: fn,
    });
    err.actual = actual;
    err.expected = expected;
    err.operator = fn.name;
    throw err;
  }
  raise({ actual, expected, message, operator: fn.name, stackStartFn: fn });
}

// Validation against an object: each of its own keys (plus name and message
// for an Error) must deep-equal, or be a RegExp matching a string property.
function matchesObject(actual, expected, message, fn) {
  const keys = Object.keys(expected);
  if (expected instanceof Error) {
    keys.push('name', 'message');
  } else if (keys.length === 0) {
    throw new ERR_INVALID_ARG_VALUE('error', expected, 'may not be an empty object');
  }
  for (const key of keys) {
    if (typeof actual[key] === 'string' && isRegExp(expected[key]) &&
        expected[key].exec(actual[key]) !== null) {
      continue;
    }
    checkKey(actual, expected, key, message, keys, fn);
  }
}

function fails(actual, expected, message, generatedMessage, fn) {
  const err = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
  err.generatedMessage = generatedMessage;
  throw err;
}

// Checks what was thrown (or rejected) against the `error` argument.
function expectedException(actual, expected, message, fn) {
  if (typeof expected === 'function') {
    // Arrow functions have no prototype and are validators.
    if (expected.prototype !== undefined && actual instanceof expected) return;
    if (Error.isPrototypeOf(expected)) {
      if (message) return fails(actual, expected, message, false, fn);
      let text = `The error is expected to be an instance of "${expected.name}". Received `;
      if (isError(actual)) {
        const name = actual.constructor?.name || actual.name;
        text += expected.name === name ?
          'an error with identical name but a different prototype.' :
          `"${name}"`;
        if (actual.message) text += `\n\nError message:\n\n${actual.message}`;
      } else {
        text += `"${inspect(actual, { depth: -1 })}"`;
      }
      return fails(actual, expected, text, true, fn);
    }
    const verdict = Reflect.apply(expected, {}, [actual]);
    if (verdict === true) return;
    if (message) return fails(actual, expected, message, false, fn);
    const label = expected.name ? `"${expected.name}" ` : '';
    let text = `The ${label}validation function is expected to return "true". Received ${inspect(verdict)}`;
    if (isError(actual)) text += `\n\nCaught error:\n\n${actual}`;
    return fails(actual, expected, text, true, fn);
  }

  if (isRegExp(expected)) {
    const input = String(actual);
    if (expected.exec(input) !== null) return;
    if (message) return fails(actual, expected, message, false, fn);
    return fails(actual, expected,
                 `The input did not match the regular expression ${inspect(expected)}. ` +
                 `Input:\n\n${inspect(input)}\n`,
                 true, fn);
  }

  if (typeof actual !== 'object' || actual === null) {
    // A thrown primitive compared with a validation object.
    const err = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn });
    err.operator = fn.name;
    throw err;
  }
  matchesObject(actual, expected, message, fn);
}

const ERROR_ARG_TYPES = ['Object', 'Error', 'Function', 'RegExp'];

function expectsError(fn, actual, ...rest) {
  let [error, message] = rest;
  if (typeof error === 'string') {
    if (rest.length === 2) throw new ERR_INVALID_ARG_TYPE('error', ERROR_ARG_TYPES, error);
    if (typeof actual === 'object' && actual !== null) {
      if (actual.message === error) {
        throw new ERR_AMBIGUOUS_ARGUMENT(
          'error/message', `The error message "${actual.message}" is identical to the message.`);
      }
    } else if (actual === error) {
      throw new ERR_AMBIGUOUS_ARGUMENT(
        'error/message', `The error "${actual}" is identical to the message.`);
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('error', ERROR_ARG_TYPES, error);
  }

  if (actual === NOTHING_THROWN) {
    const what = fn === assert.rejects ? 'rejection' : 'exception';
    const kind = error && error.name ? ` (${error.name})` : '';
    raise({
      actual: undefined,
      expected: error,
      operator: fn.name,
      message: `Missing expected ${what}${kind}${message ? `: ${message}` : '.'}`,
      stackStartFn: fn,
    });
  }
  if (error) expectedException(actual, error, message, fn);
}

// For doesNotThrow / doesNotReject: does `actual` fit the `error` filter?
function hasMatchingError(actual, filter) {
  if (typeof filter === 'function') {
    if (filter.prototype !== undefined && actual instanceof filter) return true;
    if (Error.isPrototypeOf(filter)) return false;
    return Reflect.apply(filter, {}, [actual]) === true;
  }
  if (isRegExp(filter)) return filter.exec(String(actual)) !== null;
  throw new ERR_INVALID_ARG_TYPE('expected', ['Function', 'RegExp'], filter);
}

function expectsNoError(fn, actual, error, message) {
  if (actual === NOTHING_THROWN) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || hasMatchingError(actual, error)) {
    const what = fn === assert.doesNotReject ? 'rejection' : 'exception';
    raise({
      actual,
      expected: error,
      operator: fn.name,
      message: `Got unwanted ${what}${message ? `: ${message}` : '.'}\n` +
        `Actual message: "${actual?.message}"`,
      stackStartFn: fn,
    });
  }
  throw actual;
}

assert.throws = function throws(promiseFn, ...args) {
  expectsError(throws, getActual(promiseFn), ...args);
};

assert.rejects = async function rejects(promiseFn, ...args) {
  expectsError(rejects, await waitForActual(promiseFn), ...args);
};

assert.doesNotThrow = function doesNotThrow(fn, ...args) {
  expectsNoError(doesNotThrow, getActual(fn), ...args);
};

assert.doesNotReject = async function doesNotReject(fn, ...args) {
  expectsNoError(doesNotReject, await waitForActual(fn), ...args);
};

// ---- ifError ---------------------------------------------------------------

// The new error's stack continues with the frames of the error passed in,
// from the first frame the two have in common.
function spliceStacks(newErr, original) {
  const stack = original.stack;
  if (typeof stack !== 'string') return;
  const framesAt = stack.indexOf('\n    at');
  if (framesAt === -1) return;
  const originalFrames = stack.slice(framesAt + 1).split('\n');
  let ownLines = newErr.stack.split('\n');
  for (const frame of originalFrames) {
    const shared = ownLines.indexOf(frame);
    if (shared !== -1) {
      ownLines = ownLines.slice(0, shared);
      break;
    }
  }
  newErr.stack = `${ownLines.join('\n')}\n${originalFrames.join('\n')}`;
}

assert.ifError = function ifError(err) {
  if (err === null || err === undefined) return;
  let detail;
  if (typeof err === 'object' && typeof err.message === 'string') {
    detail = err.message.length === 0 && err.constructor ? err.constructor.name : err.message;
  } else {
    detail = inspect(err);
  }
  const newErr = new AssertionError({
    actual: err,
    expected: null,
    operator: 'ifError',
    message: `ifError got unwanted exception: ${detail}`,
    stackStartFn: ifError,
  });
  spliceStacks(newErr, err);
  throw newErr;
};

// ---- match / doesNotMatch --------------------------------------------------

function checkMatch(string, regexp, message, fn, wantMatch) {
  if (!isRegExp(regexp)) throw new ERR_INVALID_ARG_TYPE('regexp', 'RegExp', regexp);
  if (typeof string === 'string' && (regexp.exec(string) !== null) === wantMatch) return;
  if (message instanceof Error) throw message;
  const generatedMessage = !message;
  if (generatedMessage) {
    if (typeof string !== 'string') {
      message = 'The "string" argument must be of type string. Received type ' +
        `${typeof string} (${inspect(string)})`;
    } else {
      message = (wantMatch ?
        'The input did not match the regular expression ' :
        'The input was expected to not match the regular expression ') +
        `${inspect(regexp)}. Input:\n\n${inspect(string)}\n`;
    }
  }
  const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
  err.generatedMessage = generatedMessage;
  throw err;
}

assert.match = function match(string, regexp, message) {
  checkMatch(string, regexp, message, match, true);
};

assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
  checkMatch(string, regexp, message, doesNotMatch, false);
};

assert.CallTracker = deprecate(CallTracker, 'assert.CallTracker is deprecated.', 'DEP0173');

// ---- strict mode -----------------------------------------------------------

function strict(...args) {
  innerOk(strict, args.length, ...args);
}

assert.strict = Object.assign(strict, assert, {
  equal: assert.strictEqual,
  deepEqual: assert.deepStrictEqual,
  notEqual: assert.notStrictEqual,
  notDeepEqual: assert.notDeepStrictEqual,
});
assert.strict.strict = assert.strict;
