'use strict';

// util.inspect / util.format with Node's exact output: the same type
// detection, prefixes, line breaking (compact = 3), array grouping, circular
// markers and error stack rewriting as Node v20.

const {
  getOwnNonIndexProperties,
  getPromiseDetails,
  getProxyDetails,
  previewEntries,
  getConstructorName: internalGetConstructorName,
  constants: { kPending, kRejected, ALL_PROPERTIES, ONLY_ENUMERABLE },
} = internalBinding('util');

const {
  isAnyArrayBuffer,
  isArgumentsObject,
  isArrayBuffer,
  isAsyncFunction,
  isBigIntObject,
  isBooleanObject,
  isBoxedPrimitive,
  isDataView,
  isDate,
  isExternal,
  isGeneratorFunction,
  isMap,
  isMapIterator,
  isModuleNamespaceObject,
  isNativeError,
  isNumberObject,
  isPromise,
  isRegExp,
  isSet,
  isSetIterator,
  isStringObject,
  isTypedArray,
  isWeakMap,
  isWeakSet,
} = require('internal/util/types');

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

// Names of the constructors that exist before any user code runs; their
// prototypes are not listed as user-defined prototype properties.
// Node takes this list before SharedArrayBuffer is exposed, so it is left out.
// The engine's own globals. Node computes this set before it installs its
// own (Buffer, URL, ...), so those never count as built-in here, whatever
// the load order of this module.
const kRuntimeGlobals = new Set([
  'Buffer', 'URL', 'URLSearchParams', 'DOMException', 'AbortController',
  'AbortSignal', 'Event', 'EventTarget', 'TextEncoder', 'TextDecoder',
  'TransformStream', 'TransformStreamDefaultController', 'WritableStream',
  'WritableStreamDefaultController', 'WritableStreamDefaultWriter',
  'ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
  'ReadableStreamBYOBRequest', 'ReadableByteStreamController',
  'ReadableStreamDefaultController', 'ByteLengthQueuingStrategy',
  'CountQueuingStrategy', 'TextEncoderStream', 'TextDecoderStream',
  'CompressionStream', 'DecompressionStream', 'BroadcastChannel',
  'MessageChannel', 'MessagePort', 'MessageEvent', 'Blob', 'File',
  'Performance', 'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure',
  'PerformanceObserver', 'PerformanceObserverEntryList',
  'PerformanceResourceTiming', 'FormData', 'Headers', 'Request', 'Response',
  'Crypto', 'CryptoKey', 'SubtleCrypto', 'CustomEvent', 'WebSocket',
  'Navigator', 'EventSource',
]);
const builtInObjects = new Set(
  Object.getOwnPropertyNames(globalThis)
    .filter((e) => /^[A-Z][a-zA-Z0-9]+$/.test(e) && e !== 'SharedArrayBuffer' &&
                   !kRuntimeGlobals.has(e)));

const inspectDefaultOptions = Object.seal({
  showHidden: false,
  depth: 2,
  colors: false,
  customInspect: true,
  showProxy: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  breakLength: 80,
  compact: 3,
  sorted: false,
  getters: false,
  numericSeparator: false,
});

// How the entries of a container are printed: objects show `key: value`,
// array indices show the value only, array extras are keyed like objects.
const kObjectType = 0;
const kArrayType = 1;
const kArrayExtrasType = 2;

// Iterator preview states.
const kWeak = 0;
const kIterator = 1;
const kMapEntries = 2;

// Strings shorter than this are never split over lines.
const kMinLineLength = 16;

/* eslint-disable no-control-regex */
const loneSurrogate = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const escapeWithQuote = new RegExp(`[\\x00-\\x1f\\x27\\x5c\\x7f-\\x9f]|${loneSurrogate}`);
const escapeWithQuoteAll = new RegExp(escapeWithQuote.source, 'g');
const escapeNoQuote = new RegExp(`[\\x00-\\x1f\\x5c\\x7f-\\x9f]|${loneSurrogate}`);
const escapeNoQuoteAll = new RegExp(escapeNoQuote.source, 'g');
/* eslint-enable no-control-regex */

const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
const numberRegExp = /^(0|[1-9][0-9]*)$/;
const coreModuleRegExp = /^ {4}at (?:[^/\\(]+ \(|)node:(.+):\d+:\d+\)?$/;
const classRegExp = /^(\s+[^(]*?)\s*{/;
const stripCommentsRegExp = /(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g;

// ANSI escape sequences (same coverage as chalk's ansi-regex).
const ansi = new RegExp(
  '[\\u001B\\u009B][[\\]()#;?]*' +
  '(?:(?:(?:(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]+)*' +
  '|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]*)*)?' +
  '(?:\\u0007|\\u001B\\u005C|\\u009C))' +
  '|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?' +
  '[\\dA-PR-TZcf-nq-uy=><~]))', 'g');
// eslint-disable-next-line no-control-regex
const colorRegExp = /\u001b\[\d\d?m/g;

// document.all-style objects report typeof 'undefined'.
function isUndetectableObject(v) {
  return typeof v === 'undefined' && v !== undefined;
}

function isError(e) {
  return isNativeError(e) || e instanceof Error;
}

function removeColors(str) {
  return str.replace(colorRegExp, '');
}

// ---------------------------------------------------------------------------
// inspect() entry point, options and styles

function inspect(value, opts) {
  const ctx = {
    budget: {},
    indentationLvl: 0,
    seen: [],
    currentDepth: 0,
    stylize: stylizeNoColor,
    ...inspectDefaultOptions,
  };
  if (arguments.length > 1) {
    // Legacy signature: inspect(value, showHidden, depth, colors).
    if (arguments.length > 2 && arguments[2] !== undefined) ctx.depth = arguments[2];
    if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
    if (typeof opts === 'boolean') {
      ctx.showHidden = opts;
    } else if (opts) {
      for (const key of Object.keys(opts)) {
        if (Object.hasOwn(inspectDefaultOptions, key) || key === 'stylize') {
          ctx[key] = opts[key];
        } else if (ctx.userOptions === undefined) {
          // Unknown options are passed through to custom inspect functions.
          ctx.userOptions = opts;
        }
      }
    }
  }
  if (ctx.colors) ctx.stylize = stylizeWithColor;
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  return formatValue(ctx, value, 0);
}
inspect.custom = customInspectSymbol;

Object.defineProperty(inspect, 'defaultOptions', {
  get() {
    return inspectDefaultOptions;
  },
  set(options) {
    require('internal/validators').validateObject(options, 'options');
    return Object.assign(inspectDefaultOptions, options);
  },
});

// SGR codes: [set, reset].
const defaultFG = 39;
const defaultBG = 49;
inspect.colors = {
  __proto__: null,
  reset: [0, 0],
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  underline: [4, 24],
  blink: [5, 25],
  inverse: [7, 27],
  hidden: [8, 28],
  strikethrough: [9, 29],
  doubleunderline: [21, 24],
  black: [30, defaultFG],
  red: [31, defaultFG],
  green: [32, defaultFG],
  yellow: [33, defaultFG],
  blue: [34, defaultFG],
  magenta: [35, defaultFG],
  cyan: [36, defaultFG],
  white: [37, defaultFG],
  bgBlack: [40, defaultBG],
  bgRed: [41, defaultBG],
  bgGreen: [42, defaultBG],
  bgYellow: [43, defaultBG],
  bgBlue: [44, defaultBG],
  bgMagenta: [45, defaultBG],
  bgCyan: [46, defaultBG],
  bgWhite: [47, defaultBG],
  framed: [51, 54],
  overlined: [53, 55],
  gray: [90, defaultFG],
  redBright: [91, defaultFG],
  greenBright: [92, defaultFG],
  yellowBright: [93, defaultFG],
  blueBright: [94, defaultFG],
  magentaBright: [95, defaultFG],
  cyanBright: [96, defaultFG],
  whiteBright: [97, defaultFG],
  bgGray: [100, defaultBG],
  bgRedBright: [101, defaultBG],
  bgGreenBright: [102, defaultBG],
  bgYellowBright: [103, defaultBG],
  bgBlueBright: [104, defaultBG],
  bgMagentaBright: [105, defaultBG],
  bgCyanBright: [106, defaultBG],
  bgWhiteBright: [107, defaultBG],
};

// Non-enumerable aliases that read and write through to the main name.
const colorAliases = [
  ['gray', 'grey'], ['gray', 'blackBright'], ['bgGray', 'bgGrey'],
  ['bgGray', 'bgBlackBright'], ['dim', 'faint'], ['strikethrough', 'crossedout'],
  ['strikethrough', 'strikeThrough'], ['strikethrough', 'crossedOut'],
  ['hidden', 'conceal'], ['inverse', 'swapColors'], ['inverse', 'swapcolors'],
  ['doubleunderline', 'doubleUnderline'],
];
for (const [target, alias] of colorAliases) {
  Object.defineProperty(inspect.colors, alias, {
    get() { return this[target]; },
    set(value) { this[target] = value; },
    configurable: true,
    enumerable: false,
  });
}

inspect.styles = Object.assign({ __proto__: null }, {
  special: 'cyan',
  number: 'yellow',
  bigint: 'yellow',
  boolean: 'yellow',
  undefined: 'grey',
  null: 'bold',
  string: 'green',
  symbol: 'green',
  date: 'magenta',
  regexp: 'red',
  module: 'underline',
});

function stylizeWithColor(str, styleType) {
  const style = inspect.styles[styleType];
  if (style !== undefined) {
    const color = inspect.colors[style];
    if (color !== undefined) return `\u001b[${color[0]}m${str}\u001b[${color[1]}m`;
  }
  return str;
}

function stylizeNoColor(str) {
  return str;
}

// The options object handed to custom inspect functions. Objects from other
// realms (or behind proxies) get a null-prototype copy without objects.
function getUserOptions(ctx, isCrossContext) {
  const ret = {
    stylize: ctx.stylize,
    showHidden: ctx.showHidden,
    depth: ctx.depth,
    colors: ctx.colors,
    customInspect: ctx.customInspect,
    showProxy: ctx.showProxy,
    maxArrayLength: ctx.maxArrayLength,
    maxStringLength: ctx.maxStringLength,
    breakLength: ctx.breakLength,
    compact: ctx.compact,
    sorted: ctx.sorted,
    getters: ctx.getters,
    numericSeparator: ctx.numericSeparator,
    ...ctx.userOptions,
  };
  if (isCrossContext) {
    Object.setPrototypeOf(ret, null);
    for (const key of Object.keys(ret)) {
      if ((typeof ret[key] === 'object' || typeof ret[key] === 'function') && ret[key] !== null) {
        delete ret[key];
      }
    }
    ret.stylize = Object.setPrototypeOf((value, flavour) => {
      let stylized;
      try {
        stylized = `${ctx.stylize(value, flavour)}`;
      } catch {
        // Fall back to the plain value.
      }
      return typeof stylized === 'string' ? stylized : value;
    }, null);
  }
  return ret;
}

// ---------------------------------------------------------------------------
// Strings

// Escapes for the control characters, the single quote and the backslash.
const meta = [];
for (let i = 0; i < 0xa0; i++) {
  meta.push(i < 0x20 || i >= 0x7f ? `\\x${i.toString(16).toUpperCase().padStart(2, '0')}` : '');
}
Object.assign(meta, { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 39: "\\'", 92: '\\\\' });

function escapeFn(str) {
  const charCode = str.charCodeAt(0);
  return meta.length > charCode ? meta[charCode] : `\\u${charCode.toString(16)}`;
}

// Quotes a string: single quotes unless it contains one, then double quotes,
// then backticks; only escapes what the chosen quote requires.
function strEscape(str) {
  let quote = "'";
  let test = escapeWithQuote;
  let replacer = escapeWithQuoteAll;
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"';
    else if (!str.includes('`') && !str.includes('${')) quote = '`';
    if (quote !== "'") {
      test = escapeNoQuote;
      replacer = escapeNoQuoteAll;
    }
  }
  if (test.test(str)) str = str.replace(replacer, escapeFn);
  return `${quote}${str}${quote}`;
}

// ---------------------------------------------------------------------------
// Constructor names and prefixes

const wellKnownPrototypes = new Map([
  [Object.prototype, { name: 'Object', constructor: Object }],
  [Function.prototype, { name: 'Function', constructor: Function }],
]);

function isInstanceof(object, proto) {
  try {
    return object instanceof proto;
  } catch {
    return false;
  }
}

// The name of the first constructor up the prototype chain that `obj` is an
// instance of; null for null-prototype objects; `Foo <Complex prototype>`
// style descriptions for odd chains. With showHidden, collects user-defined
// prototype properties into `protoProps`.
function getConstructorName(obj, ctx, recurseTimes, protoProps) {
  let firstProto;
  const tmp = obj;
  while (obj || isUndetectableObject(obj)) {
    const wellKnown = wellKnownPrototypes.get(obj);
    if (wellKnown !== undefined && Function.prototype[Symbol.hasInstance].call(wellKnown.constructor, tmp)) {
      if (protoProps !== undefined && firstProto !== obj) {
        addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
      }
      return wellKnown.name;
    }
    const descriptor = Object.getOwnPropertyDescriptor(obj, 'constructor');
    if (descriptor !== undefined &&
        typeof descriptor.value === 'function' &&
        descriptor.value.name !== '' &&
        isInstanceof(tmp, descriptor.value)) {
      if (protoProps !== undefined &&
          (firstProto !== obj || !builtInObjects.has(descriptor.value.name))) {
        addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
      }
      return String(descriptor.value.name);
    }
    obj = Object.getPrototypeOf(obj);
    if (firstProto === undefined) firstProto = obj;
  }

  if (firstProto === null) return null;

  const res = internalGetConstructorName(tmp);
  if (recurseTimes > ctx.depth && ctx.depth !== null) return `${res} <Complex prototype>`;
  const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1, protoProps);
  if (protoConstr === null) {
    return `${res} <${inspect(firstProto, { ...ctx, customInspect: false, depth: -1 })}>`;
  }
  return `${res} <${protoConstr}>`;
}

// Adds the non-function properties of up to three user-defined prototype
// layers to `output` (showHidden only).
function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
  let depth = 0;
  let keys;
  let keySet;
  do {
    if (depth !== 0 || main === obj) {
      obj = Object.getPrototypeOf(obj);
      if (obj === null) return;
      const descriptor = Object.getOwnPropertyDescriptor(obj, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' &&
          builtInObjects.has(descriptor.value.name)) {
        return;
      }
    }
    if (depth === 0) {
      keySet = new Set();
    } else {
      for (const key of keys) keySet.add(key);
    }
    keys = Reflect.ownKeys(obj);
    ctx.seen.push(main);
    for (const key of keys) {
      if (key === 'constructor' || Object.hasOwn(main, key) || (depth !== 0 && keySet.has(key))) {
        continue;
      }
      const desc = Object.getOwnPropertyDescriptor(obj, key);
      if (typeof desc.value === 'function') continue;
      const value = formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc, main);
      output.push(ctx.colors ? `\u001b[2m${value}\u001b[22m` : value);
    }
    ctx.seen.pop();
  } while (++depth !== 3);
}

// `Foo(2) [tag] ` / `[Array(2): null prototype] `
function getPrefix(constructor, tag, fallback, size = '') {
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}

function getCtxStyle(value, constructor, tag) {
  let fallback = '';
  if (constructor === null) {
    fallback = internalGetConstructorName(value);
    if (fallback === tag) fallback = 'Object';
  }
  return getPrefix(constructor, tag, fallback);
}

// Own enumerable keys (all own keys with showHidden), symbols last.
function getKeys(value, showHidden) {
  let keys;
  const symbols = Object.getOwnPropertySymbols(value);
  if (showHidden) {
    keys = Object.getOwnPropertyNames(value);
    if (symbols.length !== 0) keys.push(...symbols);
  } else {
    try {
      keys = Object.keys(value);
    } catch {
      // Namespace of a module that has not finished evaluating.
      keys = Object.getOwnPropertyNames(value);
    }
    for (const sym of symbols) {
      if (Object.prototype.propertyIsEnumerable.call(value, sym)) keys.push(sym);
    }
  }
  return keys;
}

// ---------------------------------------------------------------------------
// formatValue: primitives, proxies, custom inspectors, circular references

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== 'object' && typeof value !== 'function' && !isUndetectableObject(value)) {
    return formatPrimitive(ctx.stylize, value, ctx);
  }
  if (value === null) return ctx.stylize('null', 'null');

  // Keep the original for custom inspection of proxies.
  const context = value;
  // Look behind proxies without triggering any of their traps.
  const proxy = getProxyDetails(value, !!ctx.showProxy);
  if (proxy !== undefined) {
    if (proxy === null || proxy[0] === null) return ctx.stylize('<Revoked Proxy>', 'special');
    if (ctx.showProxy) return formatProxy(ctx, proxy, recurseTimes);
    value = proxy;
  }

  if (ctx.customInspect) {
    const custom = callCustomInspect(ctx, value, context, proxy, recurseTimes);
    if (custom !== undefined) return custom;
  }

  if (ctx.seen.includes(value)) return formatCircular(ctx, value);
  return formatRaw(ctx, value, recurseTimes, typedArray);
}

// Runs `value[inspect.custom]` if there is one; undefined means "not handled".
function callCustomInspect(ctx, value, context, proxy, recurseTimes) {
  const maybeCustom = value[customInspectSymbol];
  if (typeof maybeCustom !== 'function' ||
      maybeCustom === inspect ||
      // Prototype objects print their own shape, not their instances'.
      (value.constructor && value.constructor.prototype === value)) {
    return undefined;
  }
  const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
  const isCrossContext = proxy !== undefined || !(context instanceof Object);
  const ret = Reflect.apply(maybeCustom, context,
                            [depth, getUserOptions(ctx, isCrossContext), inspect]);
  // Returning `this` means "inspect me normally".
  if (ret === context) return undefined;
  if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
  return ret.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
}

function formatCircular(ctx, value) {
  let index = 1;
  if (ctx.circular === undefined) {
    ctx.circular = new Map([[value, index]]);
  } else {
    index = ctx.circular.get(value);
    if (index === undefined) {
      index = ctx.circular.size + 1;
      ctx.circular.set(value, index);
    }
  }
  return ctx.stylize(`[Circular *${index}]`, 'special');
}

function formatProxy(ctx, proxy, recurseTimes) {
  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    return ctx.stylize('Proxy [Array]', 'special');
  }
  recurseTimes += 1;
  ctx.indentationLvl += 2;
  const res = [formatValue(ctx, proxy[0], recurseTimes), formatValue(ctx, proxy[1], recurseTimes)];
  ctx.indentationLvl -= 2;
  return reduceToSingleString(ctx, res, '', ['Proxy [', ']'], kArrayExtrasType, recurseTimes);
}

function emptyFormatter() {
  return [];
}

// The tag is shown only when it is not an own (enumerable) property, which
// would be printed anyway.
function getDisplayTag(ctx, value) {
  const tag = value[Symbol.toStringTag];
  if (typeof tag !== 'string') return '';
  const isOwn = ctx.showHidden ?
    Object.hasOwn(value, Symbol.toStringTag) :
    Object.prototype.propertyIsEnumerable.call(value, Symbol.toStringTag);
  return tag !== '' && isOwn ? '' : tag;
}

// Decides how an object is printed. Returns either a finished string (`done`)
// or the pieces for the generic path: keys, braces, base and formatter.
function describeObject(ctx, value, recurseTimes, typedArray, constructor, tag, protoProps) {
  const d = {
    done: undefined,
    keys: undefined,
    braces: undefined,
    base: '',
    formatter: emptyFormatter,
    extrasType: kObjectType,
  };
  const noExtras = (keys) => keys.length === 0 && protoProps === undefined;
  const filter = ctx.showHidden ? ALL_PROPERTIES : ONLY_ENUMERABLE;

  // Iterable built-ins (checked even without Symbol.iterator when the
  // prototype is null, since that hides the iterator).
  if (Symbol.iterator in value || constructor === null) {
    if (Array.isArray(value)) {
      const prefix = (constructor !== 'Array' || tag !== '') ?
        getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
      d.keys = getOwnNonIndexProperties(value, filter);
      d.braces = [`${prefix}[`, ']'];
      if (value.length === 0 && noExtras(d.keys)) d.done = `${d.braces[0]}]`;
      d.extrasType = kArrayExtrasType;
      d.formatter = formatArray;
      return d;
    }
    if (isSet(value) || isMap(value)) {
      const isSetValue = isSet(value);
      const size = Reflect.apply(isSetValue ? setSizeGetter : mapSizeGetter, value, []);
      const prefix = getPrefix(constructor, tag, isSetValue ? 'Set' : 'Map', `(${size})`);
      d.keys = getKeys(value, ctx.showHidden);
      // A null-prototype collection has no iterator of its own.
      const iterable = constructor !== null ? value :
        (isSetValue ? Set.prototype.values.call(value) : Map.prototype.entries.call(value));
      const format = isSetValue ? formatSet : formatMap;
      // Node applies maxArrayLength only to collections with a prototype.
      const limit = constructor !== null ? size : Infinity;
      d.formatter = (ctx2, v, rt) => format(iterable, limit, ctx2, rt);
      if (size === 0 && noExtras(d.keys)) d.done = `${prefix}{}`;
      d.braces = [`${prefix}{`, '}'];
      return d;
    }
    if (isTypedArray(value)) {
      d.keys = getOwnNonIndexProperties(value, filter);
      let bound = value;
      let fallback = '';
      const length = typedArrayLength(value);
      if (constructor === null) {
        fallback = typedArrayName(value);
        bound = new globalThis[fallback](value);
      }
      const prefix = getPrefix(constructor, tag, fallback, `(${length})`);
      d.braces = [`${prefix}[`, ']'];
      if (value.length === 0 && d.keys.length === 0 && !ctx.showHidden) d.done = `${d.braces[0]}]`;
      d.formatter = (ctx2, v, rt) => formatTypedArray(bound, length, ctx2, rt);
      d.extrasType = kArrayExtrasType;
      return d;
    }
    if (isMapIterator(value) || isSetIterator(value)) {
      d.keys = getKeys(value, ctx.showHidden);
      d.braces = getIteratorBraces(isMapIterator(value) ? 'Map' : 'Set', tag);
      const braces = d.braces;
      d.formatter = (ctx2, v, rt) => formatIterator(braces, ctx2, v, rt);
      return d;
    }
  }

  d.keys = getKeys(value, ctx.showHidden);
  d.braces = ['{', '}'];
  const keys = d.keys;
  if (typeof value === 'function') {
    d.base = getFunctionBase(value, constructor, tag);
    if (noExtras(keys)) d.done = ctx.stylize(d.base, 'special');
  } else if (constructor === 'Object') {
    if (isArgumentsObject(value)) {
      d.braces[0] = '[Arguments] {';
    } else if (tag !== '') {
      d.braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
    }
    if (noExtras(keys)) d.done = `${d.braces[0]}}`;
  } else if (isRegExp(value)) {
    d.base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value));
    const prefix = getPrefix(constructor, tag, 'RegExp');
    if (prefix !== 'RegExp ') d.base = `${prefix}${d.base}`;
    if (noExtras(keys) || (recurseTimes > ctx.depth && ctx.depth !== null)) {
      d.done = ctx.stylize(d.base, 'regexp');
    }
  } else if (isDate(value)) {
    d.base = Number.isNaN(Date.prototype.getTime.call(value)) ?
      Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
    const prefix = getPrefix(constructor, tag, 'Date');
    if (prefix !== 'Date ') d.base = `${prefix}${d.base}`;
    if (noExtras(keys)) d.done = ctx.stylize(d.base, 'date');
  } else if (isError(value)) {
    d.base = formatError(value, constructor, tag, ctx, keys);
    if (noExtras(keys)) d.done = d.base;
  } else if (isAnyArrayBuffer(value)) {
    const prefix = getPrefix(constructor, tag, isArrayBuffer(value) ? 'ArrayBuffer' : 'SharedArrayBuffer');
    if (typedArray === undefined) {
      d.formatter = formatArrayBuffer;
    } else if (noExtras(keys)) {
      d.done = `${prefix}{ byteLength: ${formatNumber(ctx.stylize, value.byteLength, false)} }`;
    }
    d.braces[0] = `${prefix}{`;
    keys.unshift('byteLength');
  } else if (isDataView(value)) {
    d.braces[0] = `${getPrefix(constructor, tag, 'DataView')}{`;
    // `buffer` goes last: it is the only non-primitive.
    keys.unshift('byteLength', 'byteOffset', 'buffer');
  } else if (isPromise(value)) {
    d.braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`;
    d.formatter = formatPromise;
  } else if (isWeakSet(value)) {
    d.braces[0] = `${getPrefix(constructor, tag, 'WeakSet')}{`;
    d.formatter = ctx.showHidden ? formatWeakSet : formatWeakCollection;
  } else if (isWeakMap(value)) {
    d.braces[0] = `${getPrefix(constructor, tag, 'WeakMap')}{`;
    d.formatter = ctx.showHidden ? formatWeakMap : formatWeakCollection;
  } else if (isModuleNamespaceObject(value)) {
    d.braces[0] = `${getPrefix(constructor, tag, 'Module')}{`;
    d.formatter = (ctx2, v, rt) => formatNamespaceObject(keys, ctx2, v, rt);
  } else if (isBoxedPrimitive(value)) {
    d.base = getBoxedBase(value, ctx, keys, constructor, tag);
    if (noExtras(keys)) d.done = d.base;
  } else if (isURL(value) && !(recurseTimes > ctx.depth && ctx.depth !== null)) {
    d.base = value.href;
    if (noExtras(keys)) d.done = d.base;
  } else if (noExtras(keys)) {
    d.done = isExternal(value) ?
      ctx.stylize('[External: address]', 'special') :
      `${getCtxStyle(value, constructor, tag)}{}`;
  } else {
    d.braces[0] = `${getCtxStyle(value, constructor, tag)}{`;
  }
  return d;
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
  let protoProps;
  if (ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === null)) protoProps = [];
  const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
  if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;
  const tag = getDisplayTag(ctx, value);

  const d = describeObject(ctx, value, recurseTimes, typedArray, constructor, tag, protoProps);
  if (d.done !== undefined) return d.done;
  const { keys, braces, extrasType } = d;
  let base = d.base;

  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    let constructorName = getCtxStyle(value, constructor, tag).slice(0, -1);
    if (constructor !== null) constructorName = `[${constructorName}]`;
    return ctx.stylize(constructorName, 'special');
  }
  recurseTimes += 1;

  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output;
  const indentationLvl = ctx.indentationLvl;
  try {
    output = d.formatter(ctx, value, recurseTimes);
    for (const key of keys) {
      output.push(formatProperty(ctx, value, recurseTimes, key, extrasType));
    }
    if (protoProps !== undefined) output.push(...protoProps);
  } catch (err) {
    if (!isStackOverflowError(err)) throw err;
    ctx.seen.pop();
    ctx.indentationLvl = indentationLvl;
    const constructorName = getCtxStyle(value, constructor, tag).slice(0, -1);
    return ctx.stylize(`[${constructorName}: Inspection interrupted prematurely. ` +
                       'Maximum call stack size exceeded.]', 'special');
  }

  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const reference = ctx.stylize(`<ref *${index}>`, 'special');
      if (ctx.compact !== true) {
        base = base === '' ? reference : `${reference} ${base}`;
      } else {
        braces[0] = `${reference} ${braces[0]}`;
      }
    }
  }
  ctx.seen.pop();

  if (ctx.sorted) sortOutput(ctx, output, keys.length, extrasType);

  const res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  // Stop descending once the output for one level gets enormous.
  const newLength = (ctx.budget[ctx.indentationLvl] || 0) + res.length;
  ctx.budget[ctx.indentationLvl] = newLength;
  if (newLength > 2 ** 27) ctx.depth = -1;
  return res;
}

// Objects sort every entry; arrays sort only their extra keys.
function sortOutput(ctx, output, keyCount, extrasType) {
  const comparator = ctx.sorted === true ? undefined : ctx.sorted;
  if (extrasType === kObjectType) {
    output.sort(comparator);
  } else if (keyCount > 1) {
    const start = output.length - keyCount;
    const sorted = output.slice(start).sort(comparator);
    output.splice(start, keyCount, ...sorted);
  }
}

let maxStackErrorName;
let maxStackErrorMessage;
function isStackOverflowError(err) {
  if (maxStackErrorMessage === undefined) {
    try {
      const overflowStack = () => overflowStack();
      overflowStack();
    } catch (e) {
      maxStackErrorMessage = e.message;
      maxStackErrorName = e.name;
    }
  }
  return err && err.name === maxStackErrorName && err.message === maxStackErrorMessage;
}

let urlClass;
function isURL(value) {
  if (urlClass === undefined) urlClass = globalThis.URL || null;
  return urlClass !== null && typeof value.href === 'string' && value instanceof urlClass;
}

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayLengthGetter =
  Object.getOwnPropertyDescriptor(typedArrayPrototype, 'length').get;
const typedArrayTagGetter =
  Object.getOwnPropertyDescriptor(typedArrayPrototype, Symbol.toStringTag).get;

const setSizeGetter = Object.getOwnPropertyDescriptor(Set.prototype, 'size').get;
const mapSizeGetter = Object.getOwnPropertyDescriptor(Map.prototype, 'size').get;

function typedArrayLength(value) {
  return Reflect.apply(typedArrayLengthGetter, value, []);
}

function typedArrayName(value) {
  return Reflect.apply(typedArrayTagGetter, value, []);
}

function getIteratorBraces(type, tag) {
  if (tag !== `${type} Iterator`) {
    if (tag !== '') tag += '] [';
    tag += `${type} Iterator`;
  }
  return [`[${tag}] {`, '}'];
}

// `[Number: 3]`, `[String (Foo): 'x'] [tag]`, ...
function getBoxedBase(value, ctx, keys, constructor, tag) {
  let type;
  let primitive;
  if (isNumberObject(value)) {
    type = 'Number';
    primitive = Number.prototype.valueOf.call(value);
  } else if (isStringObject(value)) {
    type = 'String';
    primitive = String.prototype.valueOf.call(value);
    // The index keys just repeat the characters.
    keys.splice(0, value.length);
  } else if (isBooleanObject(value)) {
    type = 'Boolean';
    primitive = Boolean.prototype.valueOf.call(value);
  } else if (isBigIntObject(value)) {
    type = 'BigInt';
    primitive = BigInt.prototype.valueOf.call(value);
  } else {
    type = 'Symbol';
    primitive = Symbol.prototype.valueOf.call(value);
  }
  let base = `[${type}`;
  if (type !== constructor) base += constructor === null ? ' (null prototype)' : ` (${constructor})`;
  base += `: ${formatPrimitive(stylizeNoColor, primitive, ctx)}]`;
  if (tag !== '' && tag !== constructor) base += ` [${tag}]`;
  if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
  return ctx.stylize(base, type.toLowerCase());
}

function getClassBase(value, constructor, tag) {
  const name = (Object.hasOwn(value, 'name') && value.name) || '(anonymous)';
  let base = `class ${name}`;
  if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  if (constructor !== null) {
    const superName = Object.getPrototypeOf(value).name;
    if (superName) base += ` extends ${superName}`;
  } else {
    base += ' extends [null prototype]';
  }
  return `[${base}]`;
}

function isClassSource(source) {
  if (!source.startsWith('class') || !source.endsWith('}')) return false;
  const slice = source.slice(5, -1);
  const bracketIndex = slice.indexOf('{');
  return bracketIndex !== -1 &&
    (!slice.slice(0, bracketIndex).includes('(') ||
     classRegExp.test(slice.replace(stripCommentsRegExp, '')));
}

// `[Function: f]`, `[AsyncGeneratorFunction (anonymous)]`, `[class A extends B]`
function getFunctionBase(value, constructor, tag) {
  if (isClassSource(Function.prototype.toString.call(value))) {
    return getClassBase(value, constructor, tag);
  }
  let type = 'Function';
  if (isGeneratorFunction(value)) type = `Generator${type}`;
  if (isAsyncFunction(value)) type = `Async${type}`;
  let base = `[${type}`;
  if (constructor === null) base += ' (null prototype)';
  base += value.name === '' ? ' (anonymous)' : `: ${value.name}`;
  base += ']';
  if (constructor !== type && constructor !== null) base += ` ${constructor}`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  return base;
}

// ---------------------------------------------------------------------------
// Errors

function getStackString(error) {
  return error.stack ? String(error.stack) : Error.prototype.toString.call(error);
}

// Longest run (> 3) of identical lines between two frame lists.
function identicalSequenceRange(a, b) {
  for (let i = 0; i < a.length - 3; i++) {
    const pos = b.indexOf(a[i]);
    if (pos === -1) continue;
    const rest = b.length - pos;
    if (rest > 3) {
      let len = 1;
      const maxLen = Math.min(a.length - i, rest);
      while (maxLen > len && a[i + len] === b[pos + len]) len++;
      if (len > 3) return { len, offset: i };
    }
  }
  return { len: 0, offset: 0 };
}

// Frames of `stack`, with frames repeated from the cause's stack collapsed.
function getStackFrames(ctx, err, stack) {
  const frames = stack.split('\n');
  let cause;
  try {
    ({ cause } = err);
  } catch {
    // A throwing `cause` getter is ignored.
  }
  if (cause != null && isError(cause)) {
    const causeStack = getStackString(cause);
    const causeStackStart = causeStack.indexOf('\n    at');
    if (causeStackStart !== -1) {
      const causeFrames = causeStack.slice(causeStackStart + 1).split('\n');
      const { len, offset } = identicalSequenceRange(frames, causeFrames);
      if (len > 0) {
        const skipped = len - 2;
        const msg = `    ... ${skipped} lines matching cause stack trace ...`;
        frames.splice(offset + 1, skipped, ctx.stylize(msg, 'undefined'));
      }
    }
  }
  return frames;
}

// Makes the stack header name the actual class (e.g. a subclass or a
// null-prototype error) when it plainly starts with the error's name.
function improveStack(stack, constructor, name, tag) {
  let len = name.length;
  if (constructor === null ||
      (name.endsWith('Error') && stack.startsWith(name) &&
       (stack.length === len || stack[len] === ':' || stack[len] === '\n'))) {
    let fallback = 'Error';
    if (constructor === null) {
      const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/.exec(stack) ||
        /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = (start && start[1]) || '';
      len = fallback.length;
      fallback = fallback || 'Error';
    }
    const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
    if (name !== prefix) {
      if (prefix.includes(name)) {
        stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
      } else {
        stack = `${prefix} [${name}]${stack.slice(len)}`;
      }
    }
  }
  return stack;
}

// name/message/stack own properties are not repeated when the stack shows them.
function removeDuplicateErrorKeys(ctx, keys, err, stack) {
  if (ctx.showHidden || keys.length === 0) return;
  for (const name of ['name', 'message', 'stack']) {
    const index = keys.indexOf(name);
    if (index !== -1 && stack.includes(err[name])) keys.splice(index, 1);
  }
}

// Underlines the package name in `node_modules/<pkg>/` (colors only).
function markNodeModules(ctx, line) {
  let tempLine = '';
  let lastPos = 0;
  let searchFrom = 0;
  for (;;) {
    const pos = line.indexOf('node_modules', searchFrom);
    if (pos === -1) break;
    const separator = line[pos - 1];
    const after = line[pos + 12];
    if ((after !== '/' && after !== '\\') || (separator !== '/' && separator !== '\\')) {
      searchFrom = pos + 1;
      continue;
    }
    const moduleStart = pos + 13;
    tempLine += line.slice(lastPos, moduleStart);
    let moduleEnd = line.indexOf(separator, moduleStart);
    if (line[moduleStart] === '@') moduleEnd = line.indexOf(separator, moduleEnd + 1);
    tempLine += ctx.stylize(line.slice(moduleStart, moduleEnd), 'module');
    lastPos = moduleEnd;
    searchFrom = moduleEnd;
  }
  return lastPos === 0 ? line : tempLine + line.slice(lastPos);
}

// Greys out the working directory part of a frame (colors only).
function markCwd(ctx, line, workingDirectory) {
  let cwdStartPos = line.indexOf(workingDirectory);
  if (cwdStartPos === -1) return line;
  let cwdLength = workingDirectory.length;
  if (line.slice(cwdStartPos - 7, cwdStartPos) === 'file://') {
    cwdLength += 7;
    cwdStartPos -= 7;
  }
  const start = line[cwdStartPos - 1] === '(' ? cwdStartPos - 1 : cwdStartPos;
  const end = start !== cwdStartPos && line.endsWith(')') ? -1 : line.length;
  const cwdEnd = cwdStartPos + cwdLength + 1;
  let result = line.slice(0, start) + ctx.stylize(line.slice(start, cwdEnd), 'undefined') +
    line.slice(cwdEnd, end);
  if (end === -1) result += ctx.stylize(')', 'undefined');
  return result;
}

function safeGetCWD() {
  try {
    return process.cwd();
  } catch {
    return undefined;
  }
}

function colorStackLines(ctx, lines) {
  const workingDirectory = safeGetCWD();
  let esmWorkingDirectory;
  let out = '';
  for (let line of lines) {
    if (coreModuleRegExp.test(line)) {
      out += `\n${ctx.stylize(line, 'undefined')}`;
      continue;
    }
    line = markNodeModules(ctx, line);
    if (workingDirectory !== undefined) {
      let newLine = markCwd(ctx, line, workingDirectory);
      if (newLine === line) {
        esmWorkingDirectory ??= `file://${encodeURI(workingDirectory)}`;
        newLine = markCwd(ctx, line, esmWorkingDirectory);
      }
      line = newLine;
    }
    out += `\n${line}`;
  }
  return out;
}

function formatError(err, constructor, tag, ctx, keys) {
  const name = err.name != null ? String(err.name) : 'Error';
  let stack = getStackString(err);
  removeDuplicateErrorKeys(ctx, keys, err, stack);
  if ('cause' in err && !keys.includes('cause')) keys.push('cause');
  if (Array.isArray(err.errors) && !keys.includes('errors')) keys.push('errors');

  stack = improveStack(stack, constructor, name, tag);

  // Frames start after the message (which may itself contain "\n    at").
  let pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  const stackStart = stack.indexOf('\n    at', pos);
  if (stackStart === -1) {
    stack = `[${stack}]`;
  } else {
    const lines = getStackFrames(ctx, err, stack.slice(stackStart + 1));
    stack = stack.slice(0, stackStart) +
      (ctx.colors ? colorStackLines(ctx, lines) : `\n${lines.join('\n')}`);
  }
  if (ctx.indentationLvl !== 0) {
    stack = stack.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
  }
  return stack;
}

// ---------------------------------------------------------------------------
// Primitives

function addNumericSeparator(integerString) {
  let result = '';
  let i = integerString.length;
  const start = integerString[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) result = `_${integerString.slice(i - 3, i)}${result}`;
  return i === integerString.length ? integerString : `${integerString.slice(0, i)}${result}`;
}

function addNumericSeparatorEnd(integerString) {
  let result = '';
  let i = 0;
  for (; i < integerString.length - 3; i += 3) result += `${integerString.slice(i, i + 3)}_`;
  return i === 0 ? integerString : `${result}${integerString.slice(i)}`;
}

function remainingText(remaining) {
  return `... ${remaining} more item${remaining > 1 ? 's' : ''}`;
}

function formatNumber(fn, number, numericSeparator) {
  if (!numericSeparator) {
    return fn(Object.is(number, -0) ? '-0' : `${number}`, 'number');
  }
  const numberString = String(number);
  if (Math.trunc(number) === number) {
    if (!Number.isFinite(number) || numberString.includes('e')) return fn(numberString, 'number');
    return fn(addNumericSeparator(numberString), 'number');
  }
  if (Number.isNaN(number)) return fn(numberString, 'number');
  const dot = numberString.indexOf('.');
  return fn(`${addNumericSeparator(numberString.slice(0, dot))}.` +
            `${addNumericSeparatorEnd(numberString.slice(dot + 1))}`, 'number');
}

function formatBigInt(fn, bigint, numericSeparator) {
  const string = String(bigint);
  return fn(`${numericSeparator ? addNumericSeparator(string) : string}n`, 'bigint');
}

function formatPrimitive(fn, value, ctx) {
  if (typeof value === 'string') {
    let trailer = '';
    if (value.length > ctx.maxStringLength) {
      const remaining = value.length - ctx.maxStringLength;
      value = value.slice(0, ctx.maxStringLength);
      trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
    }
    // Long strings are split after each newline, one quoted piece per line.
    if (ctx.compact !== true &&
        value.length > kMinLineLength &&
        value.length > ctx.breakLength - ctx.indentationLvl - 4) {
      return value.split(/(?<=\n)/)
        .map((line) => fn(strEscape(line), 'string'))
        .join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer;
    }
    return fn(strEscape(value), 'string') + trailer;
  }
  if (typeof value === 'number') return formatNumber(fn, value, ctx.numericSeparator);
  if (typeof value === 'bigint') return formatBigInt(fn, value, ctx.numericSeparator);
  if (typeof value === 'boolean') return fn(`${value}`, 'boolean');
  if (typeof value === 'undefined') return fn('undefined', 'undefined');
  return fn(Symbol.prototype.toString.call(value), 'symbol');
}

// ---------------------------------------------------------------------------
// Container entry formatters

function formatNamespaceObject(keys, ctx, value, recurseTimes) {
  const output = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    try {
      output[i] = formatProperty(ctx, value, recurseTimes, keys[i], kObjectType);
    } catch {
      // An uninitialized binding (TDZ): format a placeholder in its place.
      const tmp = { [keys[i]]: '' };
      output[i] = formatProperty(ctx, tmp, recurseTimes, keys[i], kObjectType);
      const pos = output[i].lastIndexOf(' ');
      output[i] = output[i].slice(0, pos + 1) + ctx.stylize('<uninitialized>', 'special');
    }
  }
  // The keys are consumed here; do not print them again.
  keys.length = 0;
  return output;
}

// Sparse arrays and arrays with extra keys: holes become `<n empty items>`.
function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
  const keys = Object.keys(value);
  let index = i;
  for (; i < keys.length && output.length < maxLength; i++) {
    const key = keys[i];
    const tmp = +key;
    if (tmp > 2 ** 32 - 2) break;
    if (`${index}` !== key) {
      if (!numberRegExp.test(key)) break;
      const emptyItems = tmp - index;
      output.push(ctx.stylize(`<${emptyItems} empty item${emptyItems > 1 ? 's' : ''}>`, 'undefined'));
      index = tmp;
      if (output.length === maxLength) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
    index++;
  }
  const remaining = value.length - index;
  if (output.length !== maxLength) {
    if (remaining > 0) {
      output.push(ctx.stylize(`<${remaining} empty item${remaining > 1 ? 's' : ''}>`, 'undefined'));
    }
  } else if (remaining > 0) {
    output.push(remainingText(remaining));
  }
  return output;
}

function hexBytes(bytes, length) {
  let str = '';
  for (let i = 0; i < length; i++) {
    if (i !== 0) str += ' ';
    str += bytes[i].toString(16).padStart(2, '0');
  }
  return str;
}

function formatArrayBuffer(ctx, value) {
  let buffer;
  try {
    buffer = new Uint8Array(value);
  } catch {
    return [ctx.stylize('(detached)', 'special')];
  }
  let str = hexBytes(buffer, Math.min(ctx.maxArrayLength, buffer.length));
  const remaining = buffer.length - ctx.maxArrayLength;
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  return [`${ctx.stylize('[Uint8Contents]', 'special')}: <${str}>`];
}

function formatArray(ctx, value, recurseTimes) {
  const valLen = value.length;
  const len = Math.min(Math.max(0, ctx.maxArrayLength), valLen);
  const remaining = valLen - len;
  const output = [];
  for (let i = 0; i < len; i++) {
    if (!Object.hasOwn(value, i)) {
      return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
    }
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
  }
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

function formatTypedArray(value, length, ctx, recurseTimes) {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = value.length - maxLength;
  const output = new Array(maxLength);
  const elementFormatter = value.length > 0 && typeof value[0] === 'number' ?
    formatNumber : formatBigInt;
  for (let i = 0; i < maxLength; ++i) {
    output[i] = elementFormatter(ctx.stylize, value[i], ctx.numericSeparator);
  }
  if (remaining > 0) output[maxLength] = remainingText(remaining);
  if (ctx.showHidden) {
    // Only `buffer` is not a primitive, so it goes last.
    ctx.indentationLvl += 2;
    for (const key of ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer']) {
      output.push(`[${key}]: ${formatValue(ctx, value[key], recurseTimes, true)}`);
    }
    ctx.indentationLvl -= 2;
  }
  return output;
}

function formatSet(set, length, ctx, recurseTimes) {
  const maxLength = length === Infinity ? length : Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = length - maxLength;
  const output = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const v of set) {
    if (i >= maxLength) break;
    output.push(formatValue(ctx, v, recurseTimes));
    i++;
  }
  if (remaining > 0) output.push(remainingText(remaining));
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(map, length, ctx, recurseTimes) {
  const maxLength = length === Infinity ? length : Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = length - maxLength;
  const output = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const { 0: k, 1: v } of map) {
    if (i >= maxLength) break;
    output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
    i++;
  }
  if (remaining > 0) output.push(remainingText(remaining));
  ctx.indentationLvl -= 2;
  return output;
}

function formatSetIterInner(ctx, recurseTimes, entries, state) {
  const maxLength = Math.min(Math.max(ctx.maxArrayLength, 0), entries.length);
  const output = new Array(maxLength);
  ctx.indentationLvl += 2;
  for (let i = 0; i < maxLength; i++) output[i] = formatValue(ctx, entries[i], recurseTimes);
  ctx.indentationLvl -= 2;
  // Weak collections have no stable order; sorting makes output repeatable.
  if (state === kWeak && !ctx.sorted) output.sort();
  const remaining = entries.length - maxLength;
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

// `entries` is flat: [key1, value1, key2, value2, ...].
function formatMapIterInner(ctx, recurseTimes, entries, state) {
  const maxArrayLength = Math.max(ctx.maxArrayLength, 0);
  const len = entries.length / 2;
  const remaining = len - maxArrayLength;
  const maxLength = Math.min(maxArrayLength, len);
  const output = new Array(maxLength);
  ctx.indentationLvl += 2;
  for (let i = 0; i < maxLength; i++) {
    const key = formatValue(ctx, entries[i * 2], recurseTimes);
    const value = formatValue(ctx, entries[i * 2 + 1], recurseTimes);
    output[i] = state === kWeak ? `${key} => ${value}` :
      reduceToSingleString(ctx, [key, value], '', ['[', ']'], kArrayExtrasType, recurseTimes);
  }
  if (state === kWeak && !ctx.sorted) output.sort();
  ctx.indentationLvl -= 2;
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

function formatWeakCollection(ctx) {
  return [ctx.stylize('<items unknown>', 'special')];
}

function formatWeakSet(ctx, value, recurseTimes) {
  return formatSetIterInner(ctx, recurseTimes, previewEntries(value), kWeak);
}

function formatWeakMap(ctx, value, recurseTimes) {
  return formatMapIterInner(ctx, recurseTimes, previewEntries(value), kWeak);
}

function formatIterator(braces, ctx, value, recurseTimes) {
  const { 0: entries, 1: isKeyValue } = previewEntries(value, true);
  if (isKeyValue) {
    // entries() iterators are labelled as such.
    braces[0] = braces[0].replace(/ Iterator] {$/, ' Entries] {');
    return formatMapIterInner(ctx, recurseTimes, entries, kMapEntries);
  }
  return formatSetIterInner(ctx, recurseTimes, entries, kIterator);
}

function formatPromise(ctx, value, recurseTimes) {
  const { 0: state, 1: result } = getPromiseDetails(value);
  if (state === kPending) return [ctx.stylize('<pending>', 'special')];
  ctx.indentationLvl += 2;
  const str = formatValue(ctx, result, recurseTimes);
  ctx.indentationLvl -= 2;
  return [state === kRejected ? `${ctx.stylize('<rejected>', 'special')} ${str}` : str];
}

// `key: value` (or just the value for array indices), with accessors shown
// as [Getter]/[Setter]/[Getter/Setter] unless `getters` asks to call them.
function formatProperty(ctx, value, recurseTimes, key, type, desc, original = value) {
  let extra = ' ';
  desc = desc || Object.getOwnPropertyDescriptor(value, key) ||
    { value: value[key], enumerable: true };
  // Newer V8 makes an error's own `stack` an accessor; Node 20 (and its
  // output) has a data property there.
  if (key === 'stack' && desc.get !== undefined && isError(value)) {
    desc = { value: value.stack, enumerable: desc.enumerable };
  }
  let str;
  if (desc.value !== undefined) {
    const diff = (ctx.compact !== true || type !== kObjectType) ? 2 : 3;
    ctx.indentationLvl += diff;
    str = formatValue(ctx, desc.value, recurseTimes);
    if (diff === 3 && ctx.breakLength < getStringWidth(str, ctx.colors)) {
      extra = `\n${' '.repeat(ctx.indentationLvl)}`;
    }
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    str = formatGetter(ctx, desc, original, recurseTimes);
  } else if (desc.set !== undefined) {
    str = ctx.stylize('[Setter]', 'special');
  } else {
    str = ctx.stylize('undefined', 'undefined');
  }
  if (type === kArrayType) return str;
  return `${formatKey(ctx, key, desc)}:${extra}${str}`;
}

function shouldCallGetter(ctx, desc) {
  return ctx.getters && (ctx.getters === true ||
    (ctx.getters === 'get' && desc.set === undefined) ||
    (ctx.getters === 'set' && desc.set !== undefined));
}

function formatGetter(ctx, desc, original, recurseTimes) {
  const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
  const s = ctx.stylize;
  const sp = 'special';
  if (!shouldCallGetter(ctx, desc)) return s(`[${label}]`, sp);
  try {
    const tmp = Reflect.apply(desc.get, original, []);
    ctx.indentationLvl += 2;
    let str;
    if (tmp === null) {
      str = `${s(`[${label}:`, sp)} ${s('null', 'null')}${s(']', sp)}`;
    } else if (typeof tmp === 'object') {
      str = `${s(`[${label}]`, sp)} ${formatValue(ctx, tmp, recurseTimes)}`;
    } else {
      str = `${s(`[${label}:`, sp)} ${formatPrimitive(s, tmp, ctx)}${s(']', sp)}`;
    }
    ctx.indentationLvl -= 2;
    return str;
  } catch (err) {
    return `${s(`[${label}:`, sp)} <Inspection threw (${err.message})>${s(']', sp)}`;
  }
}

function formatKey(ctx, key, desc) {
  if (typeof key === 'symbol') {
    const escaped = Symbol.prototype.toString.call(key).replace(escapeWithQuoteAll, escapeFn);
    return `[${ctx.stylize(escaped, 'symbol')}]`;
  }
  if (key === '__proto__') return "['__proto__']";
  if (desc.enumerable === false) return `[${String(key).replace(escapeWithQuoteAll, escapeFn)}]`;
  if (keyStrRegExp.test(key)) return ctx.stylize(key, 'name');
  return ctx.stylize(strEscape(key), 'string');
}

// ---------------------------------------------------------------------------
// Layout

// Arranges many short array entries into aligned columns.
function groupArrayElements(ctx, output, value) {
  let totalLength = 0;
  let maxLength = 0;
  let outputLength = output.length;
  // The "... more items" entry is not part of the grid.
  if (ctx.maxArrayLength < output.length) outputLength--;
  const separatorSpace = 2; // ", "
  const dataLen = new Array(outputLength);
  for (let i = 0; i < outputLength; i++) {
    const len = getStringWidth(output[i], ctx.colors);
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  // Group only if three entries fit on a line and no entry dwarfs the rest.
  if (actualMax * 3 + ctx.indentationLvl >= ctx.breakLength ||
      (totalLength / actualMax <= 5 && maxLength > 6)) {
    return output;
  }
  // Aim for a roughly square block, characters being ~2.5 times as high as wide.
  const approxCharHeights = 2.5;
  const averageBias = Math.sqrt(actualMax - totalLength / output.length);
  const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
  const columns = Math.min(
    Math.round(Math.sqrt(approxCharHeights * biasedMax * outputLength) / biasedMax),
    Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
    ctx.compact * 4,
    15);
  if (columns <= 1) return output;

  const maxLineLength = [];
  for (let i = 0; i < columns; i++) {
    let lineMaxLength = 0;
    for (let j = i; j < output.length; j += columns) {
      if (dataLen[j] > lineMaxLength) lineMaxLength = dataLen[j];
    }
    maxLineLength.push(lineMaxLength + separatorSpace);
  }
  // Numbers are right-aligned, everything else left-aligned.
  let padStart = true;
  if (value !== undefined) {
    for (let i = 0; i < output.length; i++) {
      if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') {
        padStart = false;
        break;
      }
    }
  }
  const tmp = [];
  for (let i = 0; i < outputLength; i += columns) {
    const max = Math.min(i + columns, outputLength);
    let str = '';
    let j = i;
    for (; j < max - 1; j++) {
      // Color codes take no width, so they widen the padding.
      const padding = maxLineLength[j - i] + output[j].length - dataLen[j];
      str += padStart ? `${output[j]}, `.padStart(padding, ' ') : `${output[j]}, `.padEnd(padding, ' ');
    }
    if (padStart) {
      const padding = maxLineLength[j - i] + output[j].length - dataLen[j] - separatorSpace;
      str += output[j].padStart(padding, ' ');
    } else {
      str += output[j];
    }
    tmp.push(str);
  }
  if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
  return tmp;
}

function isBelowBreakLength(ctx, output, start, base) {
  // Entries are separated by at least ", ".
  let totalLength = output.length + start;
  if (totalLength + output.length > ctx.breakLength) return false;
  for (let i = 0; i < output.length; i++) {
    totalLength += ctx.colors ? removeColors(output[i]).length : output[i].length;
    if (totalLength > ctx.breakLength) return false;
  }
  return base === '' || !base.includes('\n');
}

// Joins the entries either on one line or one entry per line. With a numeric
// `compact`, the innermost `compact` levels are put on a single line when
// they fit in `breakLength`.
function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
      const entries = output.length;
      if (extrasType === kArrayExtrasType && entries > 6) {
        output = groupArrayElements(ctx, output, value);
      }
      // `currentDepth - recurseTimes` is how deep the nesting below this level goes.
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (isBelowBreakLength(ctx, output, start, base)) {
          const joined = output.join(', ');
          if (!joined.includes('\n')) {
            return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
          }
        }
      }
    }
    const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ` +
      `${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }
  if (isBelowBreakLength(ctx, output, 0, base)) {
    return `${braces[0]}${base ? ` ${base}` : ''} ${output.join(', ')} ${braces[1]}`;
  }
  const indentation = ' '.repeat(ctx.indentationLvl);
  // A long opening brace ("Set {") pushes the first entry to its own line.
  const ln = base === '' && braces[0].length === 1 ?
    ' ' : `${base ? ` ${base}` : ''}\n${indentation}  `;
  return `${braces[0]}${ln}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
}

// ---------------------------------------------------------------------------
// format / formatWithOptions

// True when `%s` should inspect the object instead of calling its toString.
function hasBuiltInToString(value) {
  const proxyTarget = getProxyDetails(value, false);
  if (proxyTarget !== undefined) {
    if (proxyTarget === null) return true;
    value = proxyTarget;
  }
  let checkToString = true;
  let checkToPrimitive = true;
  if (typeof value.toString !== 'function') {
    if (typeof value[Symbol.toPrimitive] !== 'function') return true;
    if (Object.hasOwn(value, Symbol.toPrimitive)) return false;
    checkToString = false;
  } else if (Object.hasOwn(value, 'toString')) {
    return false;
  } else if (typeof value[Symbol.toPrimitive] !== 'function') {
    checkToPrimitive = false;
  } else if (Object.hasOwn(value, Symbol.toPrimitive)) {
    return false;
  }
  // Find the prototype that defines the conversion, then see whether it is built-in.
  let pointer = value;
  do {
    pointer = Object.getPrototypeOf(pointer);
  } while (!(checkToString && Object.hasOwn(pointer, 'toString')) &&
           !(checkToPrimitive && Object.hasOwn(pointer, Symbol.toPrimitive)));
  const descriptor = Object.getOwnPropertyDescriptor(pointer, 'constructor');
  return descriptor !== undefined && typeof descriptor.value === 'function' &&
    builtInObjects.has(descriptor.value.name);
}

let circularErrorMessage;
function firstErrorLine(error) {
  return error.message.split('\n', 1)[0];
}

function tryStringify(arg) {
  try {
    return JSON.stringify(arg);
  } catch (err) {
    if (circularErrorMessage === undefined) {
      try {
        const a = {};
        a.a = a;
        JSON.stringify(a);
      } catch (circularError) {
        circularErrorMessage = firstErrorLine(circularError);
      }
    }
    if (err.name === 'TypeError' && firstErrorLine(err) === circularErrorMessage) {
      return '[Circular]';
    }
    throw err;
  }
}

function format(...args) {
  return formatWithOptionsInternal(undefined, args);
}

function formatWithOptions(inspectOptions, ...args) {
  const { validateObject, kValidateObjectAllowArray } = require('internal/validators');
  validateObject(inspectOptions, 'inspectOptions', kValidateObjectAllowArray);
  return formatWithOptionsInternal(inspectOptions, args);
}

function numericSeparatorOf(options) {
  return options?.numericSeparator ?? inspectDefaultOptions.numericSeparator;
}

function formatNumberNoColor(number, options) {
  return formatNumber(stylizeNoColor, number, numericSeparatorOf(options));
}

function formatBigIntNoColor(bigint, options) {
  return formatBigInt(stylizeNoColor, bigint, numericSeparatorOf(options));
}

// Numeric conversions used by %d, %i and %f.
function formatNumeric(arg, options, convert) {
  if (typeof arg === 'bigint') return formatBigIntNoColor(arg, options);
  if (typeof arg === 'symbol') return 'NaN';
  return formatNumberNoColor(convert(arg), options);
}

function formatStringArg(arg, options) {
  if (typeof arg === 'number') return formatNumberNoColor(arg, options);
  if (typeof arg === 'bigint') return formatBigIntNoColor(arg, options);
  if (typeof arg !== 'object' || arg === null || !hasBuiltInToString(arg)) return String(arg);
  return inspect(arg, { ...options, compact: 3, colors: false, depth: 0 });
}

// Character codes of s j d O o i f c.
const placeholderCodes = new Set([115, 106, 100, 79, 111, 105, 102, 99]);

function formatPlaceholder(code, arg, options) {
  switch (code) {
    case 115: // 's'
      return formatStringArg(arg, options);
    case 106: // 'j'
      return tryStringify(arg);
    case 100: // 'd'
      return formatNumeric(arg, options, Number);
    case 79: // 'O'
      return inspect(arg, options);
    case 111: // 'o'
      return inspect(arg, { ...options, showHidden: true, showProxy: true, depth: 4 });
    case 105: // 'i'
      return typeof arg === 'bigint' || typeof arg === 'symbol' ?
        formatNumeric(arg, options) : formatNumberNoColor(Number.parseInt(arg), options);
    case 102: // 'f'
      return typeof arg === 'symbol' ? 'NaN' : formatNumberNoColor(Number.parseFloat(arg), options);
    default: // 'c': CSS is ignored
      return '';
  }
}

function formatWithOptionsInternal(inspectOptions, args) {
  const first = args[0];
  let a = 0;
  let str = '';
  let join = '';

  if (typeof first === 'string') {
    if (args.length === 1) return first;
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue; // '%'
      const nextChar = first.charCodeAt(++i);
      if (nextChar === 37) { // '%%' -> '%'
        str += first.slice(lastPos, i);
        lastPos = i + 1;
        continue;
      }
      if (a + 1 === args.length || !placeholderCodes.has(nextChar)) continue;
      const tempStr = formatPlaceholder(nextChar, args[++a], inspectOptions);
      if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
      str += tempStr;
      lastPos = i + 1;
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }

  while (a < args.length) {
    const value = args[a];
    str += join;
    str += typeof value !== 'string' ? inspect(value, inspectOptions) : value;
    join = ' ';
    a++;
  }
  return str;
}

// ---------------------------------------------------------------------------
// String width

function isZeroWidthCodePoint(code) {
  return code <= 0x1F ||
    (code >= 0x7F && code <= 0x9F) ||
    (code >= 0x300 && code <= 0x36F) ||
    (code >= 0x200B && code <= 0x200F) ||
    (code >= 0x20D0 && code <= 0x20FF) ||
    (code >= 0xFE00 && code <= 0xFE0F) ||
    (code >= 0xFE20 && code <= 0xFE2F) ||
    (code >= 0xE0100 && code <= 0xE01EF);
}

// East Asian Wide/Fullwidth code points (Unicode EastAsianWidth W and F),
// apart from emoji, which are recognised by their Emoji_Presentation property.
const kWideRanges = [
  [0x1100, 0x115f], [0x2329, 0x232a], [0x2630, 0x2637], [0x268a, 0x268f], [0x2e80, 0x2e99],
  [0x2e9b, 0x2ef3], [0x2f00, 0x2fd5], [0x2ff0, 0x303e], [0x3041, 0x3096], [0x3099, 0x30ff],
  [0x3105, 0x312f], [0x3131, 0x318e], [0x3190, 0x31e5], [0x31ef, 0x321e], [0x3220, 0x3247],
  [0x3250, 0xa48c], [0xa490, 0xa4c6], [0xa960, 0xa97c], [0xac00, 0xd7a3], [0xf900, 0xfaff],
  [0xfe10, 0xfe19], [0xfe30, 0xfe52], [0xfe54, 0xfe66], [0xfe68, 0xfe6b], [0xff01, 0xff60],
  [0xffe0, 0xffe6], [0x16fe0, 0x16fe4], [0x16ff0, 0x16ff6], [0x17000, 0x18cd5], [0x18cff,
  0x18d1e], [0x18d80, 0x18df2], [0x1aff0, 0x1aff3], [0x1aff5, 0x1affb], [0x1affd, 0x1affe],
  [0x1b000, 0x1b122], [0x1b132, 0x1b132], [0x1b150, 0x1b152], [0x1b155, 0x1b155], [0x1b164,
  0x1b167], [0x1b170, 0x1b2fb], [0x1d300, 0x1d356], [0x1d360, 0x1d376], [0x1f200, 0x1f200],
  [0x1f202, 0x1f202], [0x1f210, 0x1f219], [0x1f21b, 0x1f22e], [0x1f230, 0x1f231], [0x1f237,
  0x1f237], [0x1f23b, 0x1f23b], [0x1f240, 0x1f248], [0x1f260, 0x1f265], [0x20000, 0x2fffd],
  [0x30000, 0x3fffd]
];

function isWideCodePoint(code) {
  let lo = 0;
  let hi = kWideRanges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = kWideRanges[mid];
    if (code < start) hi = mid - 1;
    else if (code > end) lo = mid + 1;
    else return true;
  }
  return false;
}

const emojiPresentationRegExp = /\p{Emoji_Presentation}/u;
// Controls, format characters, combining marks and emoji skin-tone modifiers.
const zeroWidthRegExp = /[\p{Cc}\p{Cf}\p{Me}\p{Mn}\p{Emoji_Modifier}]/u;

// Terminal columns of one code point, as ICU computes them for Node.
function codePointWidth(char, code) {
  if (isWideCodePoint(code) || emojiPresentationRegExp.test(char)) return 2;
  // SOFT HYPHEN is a format character but takes a column.
  if (code !== 0xad && zeroWidthRegExp.test(char)) return 0;
  return 1;
}

// Columns needed to display `str` in a terminal.
function getStringWidth(str, removeControlChars = true) {
  let width = 0;
  if (removeControlChars) str = stripVTControlCharacters(str);
  // Fast path for ASCII.
  let i = 0;
  for (; i < str.length; i++) {
    const code = str.charCodeAt(i);
    if (code >= 127) break;
    if (code >= 32) width++;
  }
  if (i === str.length) return width;
  for (const char of str.slice(i).normalize('NFC')) width += codePointWidth(char, char.codePointAt(0));
  return width;
}

function stripVTControlCharacters(str) {
  require('internal/validators').validateString(str, 'str');
  return str.replace(ansi, '');
}

module.exports = {
  format,
  formatWithOptions,
  getStringWidth,
  identicalSequenceRange,
  inspect,
  inspectDefaultOptions,
  isZeroWidthCodePoint,
  stripVTControlCharacters,
};
