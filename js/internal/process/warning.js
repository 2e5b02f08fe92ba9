'use strict';
// process.emitWarning and the default 'warning' listener that prints
// `(node:PID) Name: message` to stderr, with node's one-time trace hint.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

let traceHintShown = false;
let disabledWarnings;

// --disable-warning=<code or name>: the warning is still emitted, not printed.
function isDisabled(warning) {
  if (disabledWarnings === undefined) {
    disabledWarnings = new Set(require('internal/options').getOptionValue('--disable-warning'));
  }
  return disabledWarnings.size > 0 && (disabledWarnings.has(warning.code) || disabledWarnings.has(warning.name));
}

// The default 'warning' listener (not installed under --no-warnings).
function onWarning(warning) {
  if (!(warning instanceof Error) || isDisabled(warning)) return;
  const isDeprecation = warning.name === 'DeprecationWarning';
  if (isDeprecation && process.noDeprecation) return;
  const trace = process.traceProcessWarnings || (isDeprecation && process.traceDeprecation);
  let text = `(node:${process.pid}) `;
  if (warning.code) text += `[${warning.code}] `;
  if (trace && warning.stack) {
    text += warning.stack;
  } else {
    text += typeof warning.toString === 'function' ? `${warning.toString()}` : Error.prototype.toString.call(warning);
  }
  if (typeof warning.detail === 'string') text += `\n${warning.detail}`;
  if (!trace && !traceHintShown) {
    traceHintShown = true;
    const flag = isDeprecation ? '--trace-deprecation' : '--trace-warnings';
    text += `\n(Use \`node ${flag} ...\` to show where the warning was created)`;
  }
  writeWarning(`${text}\n`);
}

// --redirect-warnings=<file> appends warnings there; stderr if that fails.
function writeWarning(text) {
  const file = require('internal/options').getOptionValue('--redirect-warnings');
  if (file) {
    try {
      require('fs').appendFileSync(file, text);
      return;
    } catch {
      // Fall through to stderr, as node does.
    }
  }
  process.stderr.write(text);
}

// Installs the printing listener as node's bootstrap does.
function installWarningListener(process) {
  const { getOptionValue } = require('internal/options');
  if (getOptionValue('--warnings') && internalBinding('process').getEnv('NODE_NO_WARNINGS') !== '1') {
    process.on('warning', onWarning);
  }
}

function createWarning(warning, type, code, ctor) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const err = new Error(warning);
  Error.stackTraceLimit = limit;
  err.name = String(type || 'Warning');
  if (code !== undefined) err.code = code;
  Error.captureStackTrace(err, ctor || process.emitWarning);
  return err;
}

function emitWarning(warning, type, code, ctor) {
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ctor = type.ctor;
    code = type.code;
    if (typeof type.detail === 'string') detail = type.detail;
    type = type.type || 'Warning';
  } else if (typeof type === 'function') {
    ctor = type;
    code = undefined;
    type = 'Warning';
  }
  if (type !== undefined && typeof type !== 'string') throw new ERR_INVALID_ARG_TYPE('type', 'string', type);
  if (typeof code === 'function') {
    ctor = code;
    code = undefined;
  } else if (code !== undefined && typeof code !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('code', 'string', code);
  }
  if (typeof warning === 'string') {
    warning = createWarning(warning, type, code, ctor);
  } else if (!(warning instanceof Error)) {
    throw new ERR_INVALID_ARG_TYPE('warning', ['Error', 'string'], warning);
  }
  if (detail !== undefined) warning.detail = detail;
  if (warning.name === 'DeprecationWarning') {
    if (process.noDeprecation) return;
    if (process.throwDeprecation) {
      // After the warnings emitted before it have been printed, as in node.
      process.nextTick(throwWarning, warning);
      return;
    }
  }
  process.nextTick(doEmitWarning, warning);
}

function doEmitWarning(warning) {
  process.emit('warning', warning);
}

function throwWarning(warning) {
  throw warning;
}

module.exports = { emitWarning, onWarning, installWarningListener };
