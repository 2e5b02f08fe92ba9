'use strict';

// Node's Console: log/info/debug go to stdout, warn/error/trace to stderr,
// formatted with util.formatWithOptions, indented by console.group().

const { formatWithOptions, inspect, getStringWidth } = require('internal/util/inspect');
const { codes: { ERR_CONSOLE_WRITABLE_STREAM, ERR_INCOMPATIBLE_OPTION_PAIR } } =
  require('internal/errors');
const {
  validateArray,
  validateInteger,
  validateObject,
  validateOneOf,
} = require('internal/validators');
const {
  isMap,
  isMapIterator,
  isSet,
  isSetIterator,
  isTypedArray,
} = require('internal/util/types');
const { previewEntries } = internalBinding('util');

const kGroupIndent = Symbol('kGroupIndent');
const kGroupIndentationWidth = Symbol('kGroupIndentWidth');
const kCounts = Symbol('counts');
const kColorMode = Symbol('kColorMode');
const kIsConsole = Symbol('kIsConsole');
const kNow = Symbol('kNow');
const kInspectOptions = Symbol('kInspectOptions');
const kUseStdout = Symbol('kUseStdout');
const kUseStderr = Symbol('kUseStderr');

const kMaxGroupIndentation = 1000;
const kSecond = 1000;
const kMinute = 60 * kSecond;
const kHour = 60 * kMinute;

const hiddenProp = { writable: true, enumerable: false, configurable: true };

function noop() {}

function defaultNow() {
  const perf = globalThis.performance;
  return typeof perf?.now === 'function' ? perf.now() : Date.now();
}

function emitWarning(message) {
  if (typeof process !== 'undefined' && typeof process.emitWarning === 'function') {
    process.emitWarning(message);
  }
}

// Colors only on terminals that support them (FORCE_COLOR overrides).
function shouldColorize(stream) {
  const env = typeof process !== 'undefined' ? process.env : undefined;
  if (env?.FORCE_COLOR !== undefined) {
    return !['0', 'false'].includes(env.FORCE_COLOR);
  }
  return Boolean(stream?.isTTY &&
    (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true));
}

// `new Console(stdout[, stderr[, ignoreErrors]])` or `new Console(options)`.
function Console(options /* or: stdout, stderr, ignoreErrors */) {
  if (new.target === undefined) return Reflect.construct(Console, arguments);

  if (!options || typeof options.write === 'function') {
    options = { stdout: options, stderr: arguments[1], ignoreErrors: arguments[2] };
  }
  const {
    stdout,
    stderr = stdout,
    ignoreErrors = true,
    colorMode = 'auto',
    inspectOptions,
    groupIndentation,
    now,
  } = options;

  if (!stdout || typeof stdout.write !== 'function') {
    throw new ERR_CONSOLE_WRITABLE_STREAM('stdout');
  }
  if (!stderr || typeof stderr.write !== 'function') {
    throw new ERR_CONSOLE_WRITABLE_STREAM('stderr');
  }
  validateOneOf(colorMode, 'colorMode', ['auto', true, false]);
  if (groupIndentation !== undefined) {
    validateInteger(groupIndentation, 'groupIndentation', 0, kMaxGroupIndentation);
  }
  if (inspectOptions !== undefined) {
    validateObject(inspectOptions, 'options.inspectOptions');
    if (inspectOptions.colors !== undefined && options.colorMode !== undefined) {
      throw new ERR_INCOMPATIBLE_OPTION_PAIR('options.inspectOptions.color', 'colorMode');
    }
  }

  // Bound copies of the methods, taken from the instance so subclasses can
  // override them.
  for (const key of Object.keys(Console.prototype)) {
    this[key] = Object.defineProperty(this[key].bind(this), 'name', { value: key });
  }
  Object.defineProperties(this, {
    _stdout: { ...hiddenProp, value: stdout },
    _stderr: { ...hiddenProp, value: stderr },
  });
  initConsoleState(this, { ignoreErrors, colorMode, groupIndentation, inspectOptions, now });
}

// Per-console state shared by `new Console()` and the global console.
function initConsoleState(target, { ignoreErrors = true, colorMode = 'auto',
                                    groupIndentation = 2, inspectOptions, now }) {
  Object.defineProperties(target, {
    _ignoreErrors: { ...hiddenProp, value: Boolean(ignoreErrors) },
    _times: { ...hiddenProp, value: new Map() },
    [kCounts]: { ...hiddenProp, value: new Map() },
    [kColorMode]: { ...hiddenProp, value: colorMode },
    [kIsConsole]: { ...hiddenProp, value: true },
    [kGroupIndent]: { ...hiddenProp, value: '' },
    [kGroupIndentationWidth]: { ...hiddenProp, value: groupIndentation },
    [kInspectOptions]: { ...hiddenProp, value: inspectOptions },
    [kNow]: { ...hiddenProp, value: typeof now === 'function' ? now : defaultNow },
    [Symbol.toStringTag]: { writable: false, enumerable: false, configurable: true, value: 'console' },
  });
}

// `globalThis.console instanceof console.Console` holds for the global object too.
Object.defineProperty(Console, Symbol.hasInstance, {
  value(instance) {
    return instance != null && instance[kIsConsole] === true;
  },
});

const kColorInspectOptions = { colors: true };
const kNoColorInspectOptions = {};

function getInspectOptions(con, stream) {
  let color = con[kColorMode];
  if (color === 'auto') color = shouldColorize(stream);
  const options = con[kInspectOptions];
  if (options) {
    if (options.colors === undefined) options.colors = color;
    return options;
  }
  return color ? kColorInspectOptions : kNoColorInspectOptions;
}

function formatFor(con, stream, args) {
  return formatWithOptions(getInspectOptions(con, stream), ...args);
}

function writeToConsole(con, streamSymbol, string) {
  const useStdout = streamSymbol === kUseStdout;
  const stream = useStdout ? con._stdout : con._stderr;
  const groupIndent = con[kGroupIndent];
  if (groupIndent.length !== 0) {
    if (string.includes('\n')) string = string.replace(/\n/g, `\n${groupIndent}`);
    string = groupIndent + string;
  }
  string += '\n';

  if (con._ignoreErrors === false) return stream.write(string);

  // Write errors are swallowed: console output must not crash the program.
  const isEmitter = typeof stream.listenerCount === 'function' &&
    typeof stream.once === 'function' && typeof stream.removeListener === 'function';
  try {
    if (isEmitter && stream.listenerCount('error') === 0) stream.once('error', noop);
    stream.write(string, (err) => onWriteError(stream, err));
  } catch (e) {
    if (e instanceof RangeError && /call stack/.test(e.message)) throw e;
  } finally {
    if (isEmitter) stream.removeListener('error', noop);
  }
}

// Keeps an asynchronous write error from becoming an uncaught exception.
function onWriteError(stream, err) {
  if (err == null || stream._writableState?.errorEmitted) return;
  if (typeof stream.listenerCount === 'function' && stream.listenerCount('error') === 0) {
    stream.once('error', noop);
  }
}

// `1.234ms`, `1.500s`, `1:02.003 (m:ss.mmm)`, `1:01:02.003 (h:mm:ss.mmm)`.
function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= kSecond) {
    if (ms >= kMinute) {
      if (ms >= kHour) {
        hours = Math.floor(ms / kHour);
        ms %= kHour;
      }
      minutes = Math.floor(ms / kMinute);
      ms %= kMinute;
    }
    seconds = ms / kSecond;
  }
  if (hours !== 0 || minutes !== 0) {
    const [secs, millis] = seconds.toFixed(3).split('.');
    const pad = (value) => `${value}`.padStart(2, '0');
    const res = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes;
    return `${res}:${pad(secs)}.${millis} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

// Prints `label: <elapsed>`; returns whether the label existed.
function timeLogImpl(con, name, label, data) {
  const start = con._times.get(label);
  if (start === undefined) {
    emitWarning(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const formatted = formatTime(con[kNow]() - start);
  if (data === undefined) con.log('%s: %s', label, formatted);
  else con.log('%s: %s', label, formatted, ...data);
  return true;
}

// ---------------------------------------------------------------------------
// console.table

const tableChars = {
  middleMiddle: '─',
  rowMiddle: '┼',
  topRight: '┐',
  topLeft: '┌',
  leftMiddle: '├',
  topMiddle: '┬',
  bottomRight: '┘',
  bottomLeft: '└',
  bottomMiddle: '┴',
  rightMiddle: '┤',
  left: '│ ',
  right: ' │',
  middle: ' │ ',
};

function renderRow(row, columnWidths) {
  const cells = row.map((cell, i) => cell + ' '.repeat(Math.ceil(columnWidths[i] - getStringWidth(cell))));
  return `${tableChars.left}${cells.join(tableChars.middle)}${tableChars.right}`;
}

// Draws the box: `head` are the column titles, `columns` the (sparse) cells.
function renderTable(head, columns) {
  const columnWidths = head.map((h) => getStringWidth(h));
  const longestColumn = Math.max(...columns.map((a) => a.length));
  const rows = [];
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longestColumn; j++) {
      rows[j] ??= [];
      const value = rows[j][i] = Object.hasOwn(column, j) ? column[j] : '';
      columnWidths[i] = Math.max(columnWidths[i] || 0, getStringWidth(value));
    }
  }
  const divider = columnWidths.map((w) => tableChars.middleMiddle.repeat(w + 2));
  let result = `${tableChars.topLeft}${divider.join(tableChars.topMiddle)}${tableChars.topRight}\n` +
    `${renderRow(head, columnWidths)}\n` +
    `${tableChars.leftMiddle}${divider.join(tableChars.rowMiddle)}${tableChars.rightMiddle}\n`;
  for (const row of rows) result += `${renderRow(row, columnWidths)}\n`;
  return `${result}${tableChars.bottomLeft}${divider.join(tableChars.bottomMiddle)}${tableChars.bottomRight}`;
}

const keyKey = 'Key';
const valuesKey = 'Values';
const indexKey = '(index)';
const iterKey = '(iteration index)';

function isArrayLike(v) {
  return Array.isArray(v) || isTypedArray(v);
}

// Collects the columns of console.table for Maps, Sets, their iterators and
// plain objects/arrays; returns [head, columns].
function tableColumns(con, tabularData, properties) {
  // Cells are inspected flat: objects with more than two keys as [Object].
  const cell = (v) => {
    const depth = v !== null && typeof v === 'object' && !isArrayLike(v) &&
      Object.keys(v).length > 2 ? -1 : 0;
    return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity,
                        ...getInspectOptions(con, con._stdout) });
  };
  const indexColumn = (length) => Array.from({ length }, (_, i) => cell(i));

  const mapIter = isMapIterator(tabularData);
  let isKeyValue = false;
  if (mapIter) [tabularData, isKeyValue] = previewEntries(tabularData, true);

  if (isKeyValue || isMap(tabularData)) {
    const keys = [];
    const values = [];
    if (mapIter) {
      for (let i = 0; i < tabularData.length / 2; ++i) {
        keys.push(cell(tabularData[i * 2]));
        values.push(cell(tabularData[i * 2 + 1]));
      }
    } else {
      for (const { 0: k, 1: v } of tabularData) {
        keys.push(cell(k));
        values.push(cell(v));
      }
    }
    return [[iterKey, keyKey, valuesKey], [indexColumn(keys.length), keys, values]];
  }

  const setIter = isSetIterator(tabularData);
  if (setIter) tabularData = previewEntries(tabularData);
  if (setIter || mapIter || isSet(tabularData)) {
    const values = [];
    for (const v of tabularData) values.push(cell(v));
    return [[iterKey, valuesKey], [indexColumn(values.length), values]];
  }

  const map = { __proto__: null };
  let hasPrimitives = false;
  const valuesColumn = [];
  const indexKeys = Object.keys(tabularData);
  for (let i = 0; i < indexKeys.length; i++) {
    const item = tabularData[indexKeys[i]];
    const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
    if (properties === undefined && primitive) {
      hasPrimitives = true;
      valuesColumn[i] = cell(item);
      continue;
    }
    for (const key of properties || Object.keys(item)) {
      map[key] ??= [];
      map[key][i] = (primitive && properties) || !Object.hasOwn(item, key) ? '' : cell(item[key]);
    }
  }
  const head = Object.keys(map);
  const columns = Object.values(map);
  if (hasPrimitives) {
    head.push(valuesKey);
    columns.push(valuesColumn);
  }
  head.unshift(indexKey);
  columns.unshift(indexKeys);
  return [head, columns];
}

// ---------------------------------------------------------------------------
// Methods

const consoleMethods = {
  log(...args) {
    writeToConsole(this, kUseStdout, formatFor(this, this._stdout, args));
  },

  warn(...args) {
    writeToConsole(this, kUseStderr, formatFor(this, this._stderr, args));
  },

  dir(object, options) {
    writeToConsole(this, kUseStdout, inspect(object, {
      customInspect: false,
      ...getInspectOptions(this, this._stdout),
      ...options,
    }));
  },

  time(label = 'default') {
    label = `${label}`;
    if (this._times.has(label)) {
      emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this._times.set(label, this[kNow]());
  },

  timeEnd(label = 'default') {
    label = `${label}`;
    if (timeLogImpl(this, 'timeEnd', label)) this._times.delete(label);
  },

  timeLog(label = 'default', ...data) {
    label = `${label}`;
    timeLogImpl(this, 'timeLog', label, data);
  },

  trace: function trace(...args) {
    const err = { name: 'Trace', message: formatFor(this, this._stderr, args) };
    Error.captureStackTrace(err, trace);
    this.error(err.stack);
  },

  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      Reflect.apply(this.warn, this, args);
    }
  },

  clear() {
    // Only a terminal can be cleared.
    const stream = this._stdout;
    if (stream.isTTY && (typeof process === 'undefined' || process.env.TERM !== 'dumb')) {
      stream.write('\x1b[1;1H\x1b[0J');
    }
  },

  count(label = 'default') {
    label = `${label}`;
    const counts = this[kCounts];
    const count = (counts.get(label) ?? 0) + 1;
    counts.set(label, count);
    this.log(`${label}: ${count}`);
  },

  countReset(label = 'default') {
    const counts = this[kCounts];
    if (!counts.has(label)) {
      emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    counts.delete(`${label}`);
  },

  group(...data) {
    if (data.length > 0) Reflect.apply(this.log, this, data);
    this[kGroupIndent] += ' '.repeat(this[kGroupIndentationWidth]);
  },

  groupEnd() {
    const indent = this[kGroupIndent];
    this[kGroupIndent] = indent.slice(0, indent.length - this[kGroupIndentationWidth]);
  },

  table(tabularData, properties) {
    if (properties !== undefined) validateArray(properties, 'properties');
    if (tabularData === null || typeof tabularData !== 'object') return this.log(tabularData);
    const [head, columns] = tableColumns(this, tabularData, properties);
    return this.log(renderTable(head, columns));
  },
};

for (const method of Reflect.ownKeys(consoleMethods)) {
  Console.prototype[method] = consoleMethods[method];
}
Console.prototype.debug = Console.prototype.log;
Console.prototype.info = Console.prototype.log;
Console.prototype.dirxml = Console.prototype.log;
Console.prototype.error = Console.prototype.warn;
Console.prototype.groupCollapsed = Console.prototype.group;

// Inspector-only methods of V8's console; without an inspector they do nothing.
const inspectorMethods = {
  profile() {},
  profileEnd() {},
  timeStamp() {},
  context() {
    return createConsoleObject(this._stdout, this._stderr);
  },
  createTask() {
    return { run: (fn) => fn() };
  },
};

// An object shaped like Node's global console: own bound methods named after
// their keys, `Console` and V8's inspector methods.
function createConsoleObject(stdout, stderr, options) {
  const con = { __proto__: {} };
  const bind = (fn, key) => Object.defineProperty(fn.bind(con), 'name', { value: key });
  for (const key of Object.keys(Console.prototype)) con[key] = bind(Console.prototype[key], key);
  Object.defineProperties(con, {
    _stdout: { ...hiddenProp, value: stdout },
    _stderr: { ...hiddenProp, value: stderr },
  });
  initConsoleState(con, { ...options });
  con.Console = Console;
  for (const key of Object.keys(inspectorMethods)) con[key] = bind(inspectorMethods[key], key);
  return con;
}

function createGlobalConsole(stdout, stderr, options) {
  return createConsoleObject(stdout, stderr, options);
}

module.exports = {
  Console,
  createGlobalConsole,
  formatTime,
};
