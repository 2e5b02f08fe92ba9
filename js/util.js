'use strict';

// The public `util` module.

const {
  format,
  formatWithOptions,
  inspect,
  stripVTControlCharacters,
} = require('internal/util/inspect');
const { debuglog } = require('internal/util/debuglog');
const {
  codes: { ERR_FALSY_VALUE_REJECTION, ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE },
  ErrnoException,
  ExceptionWithHostPort,
  getSystemErrorName: errorName,
} = require('internal/errors');
const {
  validateBoolean,
  validateFunction,
  validateNumber,
  validateOneOf,
  validateString,
} = require('internal/validators');
const { deprecate, getSystemErrorMap, promisify } = require('internal/util');
const types = require('internal/util/types');

function isBoolean(arg) {
  return typeof arg === 'boolean';
}

function isNull(arg) {
  return arg === null;
}

function isNullOrUndefined(arg) {
  return arg === null || arg === undefined;
}

function isNumber(arg) {
  return typeof arg === 'number';
}

function isString(arg) {
  return typeof arg === 'string';
}

function isSymbol(arg) {
  return typeof arg === 'symbol';
}

function isUndefined(arg) {
  return arg === undefined;
}

function isObject(arg) {
  return arg !== null && typeof arg === 'object';
}

function isError(e) {
  return Object.prototype.toString.call(e) === '[object Error]' || e instanceof Error;
}

function isFunction(arg) {
  return typeof arg === 'function';
}

function isPrimitive(arg) {
  return arg === null || (typeof arg !== 'object' && typeof arg !== 'function');
}

function isBuffer(arg) {
  const { Buffer } = require('buffer');
  return Buffer.isBuffer(arg);
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep',
                'Oct', 'Nov', 'Dec'];

// `26 Feb 16:19:34`
function timestamp() {
  const d = new Date();
  const pad = (n) => n.toString().padStart(2, '0');
  const time = [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())].join(':');
  return `${d.getDate()} ${months[d.getMonth()]} ${time}`;
}

function log(...args) {
  globalThis.console.log('%s - %s', timestamp(), format(...args));
}

// Legacy prototype inheritance: ctor.prototype inherits superCtor.prototype.
function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) {
    throw new ERR_INVALID_ARG_TYPE('ctor', 'Function', ctor);
  }
  if (superCtor === undefined || superCtor === null) {
    throw new ERR_INVALID_ARG_TYPE('superCtor', 'Function', superCtor);
  }
  if (superCtor.prototype === undefined) {
    throw new ERR_INVALID_ARG_TYPE('superCtor.prototype', 'Object', superCtor.prototype);
  }
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

function _extend(target, source) {
  if (source === null || typeof source !== 'object') return target;
  const keys = Object.keys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

// A rejection with a falsy reason still reaches the callback as an error.
function callbackifyOnRejected(reason, cb) {
  if (!reason) {
    reason = new ERR_FALSY_VALUE_REJECTION(reason);
    Error.captureStackTrace(reason, callbackifyOnRejected);
  }
  return cb(reason);
}

// Turns a promise-returning function into a callback-last one; the callback
// runs on the next tick.
function callbackify(original) {
  validateFunction(original, 'original');

  function callbackified(...args) {
    const maybeCb = args.pop();
    validateFunction(maybeCb, 'last argument');
    const cb = maybeCb.bind(this);
    Reflect.apply(original, this, args)
      .then((ret) => process.nextTick(cb, null, ret),
            (rej) => process.nextTick(callbackifyOnRejected, rej, cb));
  }

  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (typeof descriptors.length.value === 'number') descriptors.length.value++;
  if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
  Object.defineProperties(callbackified, descriptors);
  return callbackified;
}

function getSystemErrorName(err) {
  validateNumber(err, 'err');
  if (err >= 0 || !Number.isSafeInteger(err)) {
    throw new ERR_OUT_OF_RANGE('err', 'a negative integer', err);
  }
  return errorName(err);
}

function shouldColorize(stream) {
  const env = process.env;
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR);
  return Boolean(stream?.isTTY &&
    (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true));
}

function isStreamLike(stream) {
  return stream != null && typeof stream === 'object' &&
    (typeof stream.write === 'function' || typeof stream.pipe === 'function' ||
     typeof stream.getReader === 'function' || typeof stream.getWriter === 'function');
}

function styleCodes(key) {
  const codes = inspect.colors[key];
  if (codes == null) validateOneOf(key, 'format', Object.keys(inspect.colors));
  return codes;
}

// Wraps `text` in the SGR codes of one or more inspect.colors names; plain
// text when validating against a stream that cannot show colors.
function styleText(format, text, { validateStream = true, stream = process.stdout } = {}) {
  validateString(text, 'text');
  validateBoolean(validateStream, 'options.validateStream');
  if (validateStream && !isStreamLike(stream)) {
    throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }
  const escape = (code) => `\u001b[${code}m`;
  if (Array.isArray(format)) {
    let left = '';
    let right = '';
    for (const key of format) {
      const codes = styleCodes(key);
      left += escape(codes[0]);
      right = `${escape(codes[1])}${right}`;
    }
    return `${left}${text}${right}`;
  }
  const codes = styleCodes(format);
  if (validateStream && (!stream || !shouldColorize(stream))) return text;
  return `${escape(codes[0])}${text}${escape(codes[1])}`;
}

// Replaces lone surrogates with U+FFFD.
function toUSVString(input) {
  const str = `${input}`;
  if (typeof str.toWellFormed === 'function') return str.toWellFormed();
  return str.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

let isDeepStrictEqualImpl;

// Marks an AbortSignal so it may be listed in a transfer list; returns it.
function transferableAbortSignal(signal) {
  const { kAborted } = require('internal/abort_controller');
  if (signal?.[kAborted] === undefined) {
    throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  }
  return require('internal/util/transfer_mode').markTransferable(signal);
}

// An AbortController whose signal is transferable.
function transferableAbortController() {
  const { AbortController } = require('internal/abort_controller');
  const controller = new AbortController();
  transferableAbortSignal(controller.signal);
  return controller;
}

// Resolves once `signal` aborts (right away when it already has); `resource`
// is the object whose lifetime the wait is tied to in Node.
async function aborted(signal, resource) {
  if (signal === undefined) {
    throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  }
  const {
    kValidateObjectAllowObjects,
    validateAbortSignal,
    validateObject,
  } = require('internal/validators');
  validateAbortSignal(signal, 'signal');
  validateObject(resource, 'resource', kValidateObjectAllowObjects);
  if (signal.aborted) return undefined;
  const { addAbortListener } = require('events');
  // The listener is a once-listener, so nothing is left behind on abort.
  return new Promise((resolve) => {
    addAbortListener(signal, resolve);
  });
}

module.exports = {
  _errnoException: ErrnoException,
  _exceptionWithHostPort: ExceptionWithHostPort,
  _extend,
  callbackify,
  debug: debuglog,
  debuglog,
  deprecate,
  format,
  styleText,
  formatWithOptions,
  getSystemErrorMap,
  getSystemErrorName,
  inherits,
  inspect,
  isArray: Array.isArray,
  isBoolean,
  isBuffer,
  isDeepStrictEqual(a, b) {
    isDeepStrictEqualImpl ??= require('internal/util/comparisons').isDeepStrictEqual;
    return isDeepStrictEqualImpl(a, b);
  },
  isNull,
  isNullOrUndefined,
  isNumber,
  isString,
  isSymbol,
  isUndefined,
  isRegExp: types.isRegExp,
  isObject,
  isDate: types.isDate,
  isError,
  isFunction,
  isPrimitive,
  log,
  promisify,
  stripVTControlCharacters,
  toUSVString,
  transferableAbortSignal,
  transferableAbortController,
  aborted,
  types,
  parseEnv(content) {
    return require('internal/util/parse_env').parseEnv(content);
  },
};

// parseArgs and the web globals are looked up on first use.
Object.defineProperties(module.exports, {
  parseArgs: {
    enumerable: true,
    configurable: true,
    get() {
      return require('internal/util/parse_args').parseArgs;
    },
  },
  TextDecoder: {
    enumerable: true,
    configurable: true,
    get() {
      return globalThis.TextDecoder;
    },
  },
  TextEncoder: {
    enumerable: true,
    configurable: true,
    get() {
      return globalThis.TextEncoder;
    },
  },
  MIMEType: {
    enumerable: true,
    configurable: true,
    get() {
      return require('internal/util/mime').MIMEType;
    },
  },
  MIMEParams: {
    enumerable: true,
    configurable: true,
    get() {
      return require('internal/util/mime').MIMEParams;
    },
  },
});
