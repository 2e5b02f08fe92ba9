'use strict';
// process.emitWarning and the default 'warning' listener that prints
// `(node:PID) Name: message` to stderr, with node's one-time trace hint.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

let traceHintShown = false;

function onWarning(warning) {
  if (!(warning instanceof Error)) return;
  const isDeprecation = warning.name === 'DeprecationWarning';
  if (isDeprecation && process.noDeprecation) return;
  const code = warning.code ? `[${warning.code}] ` : '';
  let text = `(node:${process.pid}) ${code}${warning.name}: ${warning.message}\n`;
  if (typeof warning.detail === 'string') text += `${warning.detail}\n`;
  if (!traceHintShown) {
    traceHintShown = true;
    const flag = isDeprecation ? '--trace-deprecation' : '--trace-warnings';
    text += `(Use \`node ${flag} ...\` to show where the warning was created)\n`;
  }
  process.stderr.write(text);
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
  if (warning.name === 'DeprecationWarning' && process.noDeprecation) return;
  process.nextTick(() => process.emit('warning', warning));
}

module.exports = { emitWarning, onWarning };
