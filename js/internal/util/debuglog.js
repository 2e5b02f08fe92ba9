'use strict';

// util.debuglog: sections enabled by NODE_DEBUG (comma-separated, `*`
// wildcards, case-insensitive) print `SECTION <pid>: message` to stderr.

const { inspect, format, formatWithOptions } = require('internal/util/inspect');

let testEnabled;
const debugImpls = { __proto__: null };

// Read NODE_DEBUG lazily: `process` may not be ready when this loads.
function isEnabled(section) {
  if (testEnabled === undefined) {
    const debugEnv = typeof process !== 'undefined' ? process.env.NODE_DEBUG : undefined;
    if (debugEnv) {
      const pattern = debugEnv.replace(/[|\\{}()[\]^$+?.]/g, '\\$&')
        .replaceAll('*', '.*')
        .replaceAll(',', '$|^');
      const regex = new RegExp(`^${pattern}$`, 'i');
      testEnabled = (str) => regex.test(str);
    } else {
      testEnabled = () => false;
    }
  }
  return testEnabled(section);
}

function emitWarningIfNeeded(set) {
  if (set === 'HTTP' || set === 'HTTP2') {
    process.emitWarning('Setting the NODE_DEBUG environment variable ' +
      `to '${set.toLowerCase()}' can expose sensitive ` +
      'data (such as passwords, tokens and authentication headers) ' +
      'in the resulting log.');
  }
}

function shouldColorize(stream) {
  return Boolean(stream?.isTTY &&
    (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true));
}

function noop() {}

function debuglogImpl(enabled, set) {
  if (debugImpls[set] === undefined) {
    if (enabled) {
      const pid = process.pid;
      emitWarningIfNeeded(set);
      debugImpls[set] = function debug(...args) {
        const colors = shouldColorize(process.stderr);
        const msg = formatWithOptions({ colors }, ...args);
        process.stderr.write(format('%s %s: %s\n', set, inspect(pid, { colors }), msg));
      };
    } else {
      debugImpls[set] = noop;
    }
  }
  return debugImpls[set];
}

// The section is resolved on first use, so creating loggers costs nothing.
function debuglog(set, cb) {
  let enabled;
  function init() {
    set = set.toUpperCase();
    enabled = isEnabled(set);
  }
  let debug = (...args) => {
    init();
    debug = debuglogImpl(enabled, set);
    if (typeof cb === 'function') cb(debug);
    return debug(...args);
  };
  let test = () => {
    init();
    test = () => enabled;
    return enabled;
  };
  const logger = (...args) => debug(...args);
  Object.defineProperty(logger, 'enabled', {
    get() {
      return test();
    },
    configurable: true,
    enumerable: true,
  });
  return logger;
}

module.exports = { debuglog };
