'use strict';

// AssertionError: the error every failed assertion throws. Without an explicit
// message one is written from the operator and the two values (see ./diff).

const { inspect } = require('internal/util/inspect');
const { isErrorStackTraceLimitWritable } = require('internal/errors');
const { validateObject } = require('internal/validators');
const { currentPalette } = require('internal/assert/colors');
const { describeDifference, describeOther, describeSameness } = require('internal/assert/diff');

// Errors would be printed with their whole stack; print a stand-in with the
// same prototype and own properties instead.
function standInForError(error) {
  const standIn = { __proto__: Object.getPrototypeOf(error) };
  for (const key of Object.keys(error)) standIn[key] = error[key];
  Object.defineProperty(standIn, 'message', { __proto__: null, value: error.message });
  return standIn;
}

function isErrorWithStack(value) {
  return typeof value === 'object' && value !== null && 'stack' in value && value instanceof Error;
}

function generateMessage(operator, actual, expected) {
  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    return describeSameness(actual, operator, currentPalette());
  }
  return describeOther(actual, expected, operator);
}

// Strings in `actual` / `expected` are abbreviated when the error is inspected:
// at most ten lines, or else the part after the first 512 characters.
function abbreviate(text) {
  const lines = text.split('\n', 11);
  if (lines.length > 10) return `${lines.slice(0, 10).join('\n')}\n...`;
  if (text.length > 512) return `${text.slice(512)}...`;
  return text;
}

class AssertionError extends Error {
  constructor(options) {
    validateObject(options, 'options');
    const { message, operator, stackStartFn, stackStartFunction, details } = options;
    let { actual, expected } = options;

    // The stack is captured below, starting at stackStartFn.
    const savedLimit = Error.stackTraceLimit;
    const limitWritable = isErrorStackTraceLimitWritable();
    if (limitWritable) Error.stackTraceLimit = 0;
    if (message == null && isErrorWithStack(actual) && isErrorWithStack(expected)) {
      actual = standInForError(actual);
      expected = standInForError(expected);
    }
    if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
      // Always a diff; a truthy message is its heading.
      super(describeDifference(actual, expected, operator, currentPalette(),
                               message ? `${message}` : undefined));
    } else if (message != null) {
      super(String(message));
    } else {
      super(generateMessage(operator, actual, expected));
    }
    if (limitWritable) Error.stackTraceLimit = savedLimit;

    this.generatedMessage = !message;
    // The stack's first line carries the code; the name does not.
    Object.defineProperty(this, 'name', {
      __proto__: null,
      value: 'AssertionError [ERR_ASSERTION]',
      enumerable: false,
      writable: true,
      configurable: true,
    });
    this.code = 'ERR_ASSERTION';
    if (details) {
      this.actual = undefined;
      this.expected = undefined;
      this.operator = undefined;
      details.forEach((detail, n) => {
        this[`message ${n}`] = detail.message;
        this[`actual ${n}`] = detail.actual;
        this[`expected ${n}`] = detail.expected;
        this[`operator ${n}`] = detail.operator;
        this[`stack trace ${n}`] = detail.stack;
      });
    } else {
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
    Error.captureStackTrace(this, stackStartFn || stackStartFunction);
    this.stack; // eslint-disable-line no-unused-expressions -- format it now, with the code in the name
    this.name = 'AssertionError';
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }

  [inspect.custom](depth, options) {
    const { actual, expected } = this;
    if (typeof actual === 'string') this.actual = abbreviate(actual);
    if (typeof expected === 'string') this.expected = abbreviate(expected);
    try {
      // The message already shows both values; keep the properties short.
      return inspect(this, { ...options, customInspect: false, depth: 0 });
    } finally {
      this.actual = actual;
      this.expected = expected;
    }
  }
}

module.exports = AssertionError;
