'use strict';

// Small helpers shared by the built-ins: encodings, deprecation, promisify,
// and a few object utilities.

const {
  codes: { ERR_UNKNOWN_SIGNAL },
  getSystemErrorName,
  uvErrmap,
} = require('internal/errors');
const signals = require('internal/signals');

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const kCustomPromisifiedSymbol = Symbol.for('nodejs.util.promisify.custom');
const kCustomPromisifyArgsSymbol = Symbol('customPromisifyArgs');
const kEmptyObject = Object.freeze({ __proto__: null });
const kEnumerableProperty = Object.freeze({ __proto__: null, enumerable: true });

// eslint-disable-next-line no-control-regex
const colorRegExp = /\u001b\[\d\d?m/g;

function removeColors(str) {
  return str.replace(colorRegExp, '');
}

function isError(e) {
  const { isNativeError } = require('internal/util/types');
  return isNativeError(e) || e instanceof Error;
}

// Canonical encoding names, keyed by lower-cased spelling.
const encodingAliases = new Map([
  ['utf8', 'utf8'], ['utf-8', 'utf8'],
  ['ucs2', 'utf16le'], ['ucs-2', 'utf16le'], ['utf16le', 'utf16le'], ['utf-16le', 'utf16le'],
  ['hex', 'hex'], ['ascii', 'ascii'], ['base64', 'base64'], ['base64url', 'base64url'],
  ['latin1', 'latin1'], ['binary', 'latin1'],
]);

// Returns the canonical name of a Buffer encoding, or undefined if unknown.
// null/undefined/'' mean the default, utf8.
function normalizeEncoding(enc) {
  if (enc == null || enc === 'utf8' || enc === 'utf-8' || enc === '') return 'utf8';
  if (typeof enc !== 'string') return undefined;
  return encodingAliases.get(enc.toLowerCase());
}

const encodingsMap = { __proto__: null };
['utf8', 'utf16le', 'latin1', 'ascii', 'base64', 'base64url', 'hex', 'buffer']
  .forEach((name, i) => { encodingsMap[name] = i; });

// Deprecation codes already warned about: each code warns once per process.
const codesWarned = new Set();

function getDeprecationWarningEmitter(code, msg, deprecated, shouldEmitWarning = () => true) {
  let warned = false;
  return function emitDeprecationWarning(arg) {
    if (warned || !shouldEmitWarning(arg)) return;
    warned = true;
    if (code === undefined) {
      process.emitWarning(msg, 'DeprecationWarning', deprecated);
    } else if (!codesWarned.has(code)) {
      process.emitWarning(msg, 'DeprecationWarning', code, deprecated);
      codesWarned.add(code);
    }
  };
}

// Wraps `fn` so that its first call emits a DeprecationWarning.
function deprecate(fn, msg, code) {
  if (code !== undefined) require('internal/validators').validateString(code, 'code');
  const emitDeprecationWarning = getDeprecationWarningEmitter(code, msg, deprecated);

  function deprecated(...args) {
    if (!process.noDeprecation) emitDeprecationWarning();
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }

  // Keep the prototype chain so the wrapper still looks like `fn`.
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

// Turns a callback-last function into one returning a promise. Functions may
// provide their own version under util.promisify.custom, or name the callback
// values (customPromisifyArgs) to resolve with an object.
function promisify(original) {
  const { validateFunction } = require('internal/validators');
  validateFunction(original, 'original');

  if (original[kCustomPromisifiedSymbol]) {
    const fn = original[kCustomPromisifiedSymbol];
    validateFunction(fn, 'util.promisify.custom');
    return Object.defineProperty(fn, kCustomPromisifiedSymbol, {
      value: fn, enumerable: false, writable: false, configurable: true,
    });
  }

  const argumentNames = original[kCustomPromisifyArgsSymbol];

  function fn(...args) {
    return new Promise((resolve, reject) => {
      args.push((err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      });
      Reflect.apply(original, this, args);
    });
  }

  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisifiedSymbol, {
    value: fn, enumerable: false, writable: false, configurable: true,
  });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = kCustomPromisifiedSymbol;

function getSystemErrorMap() {
  return new Map(uvErrmap);
}

// Accepts a signal number or name; returns the number.
function convertToValidSignal(signal) {
  if (typeof signal === 'number' && Object.values(signals).includes(signal)) return signal;
  if (typeof signal === 'string') {
    const signalName = signals[signal.toUpperCase()];
    if (signalName) return signalName;
  }
  throw new ERR_UNKNOWN_SIGNAL(signal);
}

function getConstructorOf(obj) {
  while (obj) {
    const descriptor = Object.getOwnPropertyDescriptor(obj, 'constructor');
    if (descriptor !== undefined && typeof descriptor.value === 'function' &&
        descriptor.value.name !== '') {
      return descriptor.value;
    }
    obj = Object.getPrototypeOf(obj);
  }
  return null;
}

function join(output, separator) {
  return output.join(separator);
}

// Removes list[index] in place (faster than splice for short arrays).
function spliceOne(list, index) {
  for (; index + 1 < list.length; index++) list[index] = list[index + 1];
  list.pop();
}

function once(callback, { preserveReturnValue = false } = kEmptyObject) {
  let called = false;
  let returnValue;
  return function(...args) {
    if (called) return returnValue;
    called = true;
    const result = Reflect.apply(callback, this, args);
    returnValue = preserveReturnValue ? result : undefined;
    return result;
  };
}

function createDeferredPromise() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setOwnProperty(obj, key, value) {
  return Object.defineProperty(obj, key, {
    configurable: true, enumerable: true, value, writable: true,
  });
}

function filterOwnProperties(source, keys) {
  const filtered = { __proto__: null };
  for (const key of keys) {
    if (Object.hasOwn(source, key)) filtered[key] = source[key];
  }
  return filtered;
}

const experimentalWarnings = new Set();

function emitExperimentalWarning(feature, messagePrefix, code, ctor) {
  if (experimentalWarnings.has(feature)) return;
  experimentalWarnings.add(feature);
  const msg = `${messagePrefix || ''}${feature} is an experimental feature and might change at any time`;
  process.emitWarning(msg, 'ExperimentalWarning', code, ctor);
}

// Defines getters on `target` that require(`id`)[key] on first access.
function defineLazyProperties(target, id, keys, enumerable = true) {
  for (const key of keys) {
    let value;
    let loaded = false;
    Object.defineProperty(target, key, {
      enumerable,
      configurable: true,
      get() {
        if (!loaded) {
          value = require(id)[key];
          loaded = true;
        }
        return value;
      },
      set(v) {
        value = v;
        loaded = true;
      },
    });
  }
}

// The raw V8 CallSite objects of the current stack, above `belowFn`. Leaves
// Error.prepareStackTrace and Error.stackTraceLimit exactly as they were
// (an absent prepareStackTrace stays absent, so inspect(Error) is unchanged).
function getCallSites(belowFn, limit = Infinity) {
  const hadPrepare = Object.hasOwn(Error, 'prepareStackTrace');
  const prepare = Error.prepareStackTrace;
  const oldLimit = Error.stackTraceLimit;
  const holder = {};
  try {
    Error.prepareStackTrace = (_, callSites) => callSites;
    Error.stackTraceLimit = limit;
    Error.captureStackTrace(holder, belowFn);
    return Array.isArray(holder.stack) ? holder.stack : [];
  } finally {
    if (hadPrepare) Error.prepareStackTrace = prepare;
    else delete Error.prepareStackTrace;
    Error.stackTraceLimit = oldLimit;
  }
}

// ArrayBuffers that must never be detached (Buffer's shared allocation pool):
// listed for transfer by structuredClone, they are copied instead.
const untransferable = new WeakSet();

function markAsUntransferable(obj) {
  if ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') untransferable.add(obj);
}

function isMarkedAsUntransferable(obj) {
  return ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') && untransferable.has(obj);
}

module.exports = {
  markAsUntransferable,
  isMarkedAsUntransferable,
  getCallSites,
  convertToValidSignal,
  createDeferredPromise,
  customInspectSymbol,
  customPromisifyArgs: kCustomPromisifyArgsSymbol,
  defineLazyProperties,
  deprecate,
  emitExperimentalWarning,
  encodingsMap,
  filterOwnProperties,
  getConstructorOf,
  getDeprecationWarningEmitter,
  getSystemErrorMap,
  getSystemErrorName,
  isError,
  join,
  kEmptyObject,
  kEnumerableProperty,
  normalizeEncoding,
  once,
  promisify,
  removeColors,
  setOwnProperty,
  spliceOne,
};
