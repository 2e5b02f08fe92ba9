'use strict';
// How the process ends: uncaught exceptions (handled by 'uncaughtException'
// listeners, or printed in node's layout with exit code 1), 'beforeExit' and 'exit'.

const { reallyExit, errorArrow } = internalBinding('runtime');

const kGenericUserError = 1;
const kTraceUncaughtHint = '(Use `node --trace-uncaught ...` to show where the exception was thrown)';
// Node reports its own internal source line for this error; print the same.
const kUnhandledRejectionArrow = 'node:internal/process/promises:389\n' +
  '      new UnhandledPromiseRejection(reason);\n      ^\n';

function isNativeErrorValue(value) {
  return require('internal/util/types').isNativeError(value) || value instanceof Error;
}

// Node's fatal-exception text: the arrow (file:line, source, caret), then the
// inspected error, then the `Node.js vX` trailer.
// An unhandled 'error' event adds where it was emitted to the stack (node's
// beforeInspector hook for fatal exceptions).
function enhanceStack(er) {
  const { kEnhanceStackBeforeInspector } = require('internal/errors');
  if (er === null || typeof er !== 'object' || typeof er[kEnhanceStackBeforeInspector] !== 'function') return;
  try {
    er.stack = er[kEnhanceStackBeforeInspector]();
  } catch {
    // The plain stack is still printed.
  }
}

// node decorates a missing named import's SyntaxError with the arrow itself
// (ModuleJob._instantiate), so no blank line separates the two.
function isDecoratedLinkError(er) {
  return er instanceof SyntaxError && String(er.message).includes(' does not provide an export named');
}

function formatFatal(er, arrow) {
  enhanceStack(er);
  const { inspect: baseInspect } = require('internal/util/inspect');
  // Node prints the raw error, not its custom inspection, a little deeper than usual.
  const depth = Math.max(baseInspect.defaultOptions.depth, 5);
  const colors = process.stderr.hasColors?.() ?? false;
  const inspect = (value) => baseInspect(value, { customInspect: false, depth, colors });
  let text;
  if (isNativeErrorValue(er)) {
    text = `${arrow}${arrow && !isDecoratedLinkError(er) ? '\n' : ''}${inspect(er)}`;
  } else if (er !== null && (typeof er === 'object' || typeof er === 'function')) {
    text = `\n${arrow}${inspect(er)}`;
  } else {
    const shown = typeof er === 'symbol' ? '' : String(er);
    text = `\n${arrow}${shown}\n${kTraceUncaughtHint}`;
  }
  return `${text}\n\nNode.js ${process.version}\n`;
}

function hasUncaughtListeners() {
  return process.listenerCount('uncaughtException') > 0;
}

function arrowFor(er, arrow, fromPromise) {
  if (fromPromise && er?.code === 'ERR_UNHANDLED_REJECTION' && er?.name === 'UnhandledPromiseRejection') {
    return kUnhandledRejectionArrow;
  }
  return arrow ?? '';
}

// Called by Rust with (error, arrow) when a callback throws, and by the promise
// machinery with fromPromise = true. Returns true when a listener handled it.
function fatalException(er, arrow, fromPromise = false) {
  if (require('internal/options').getOptionValue('--abort-on-uncaught-exception')) abortOnUncaught(er);
  const origin = fromPromise ? 'unhandledRejection' : 'uncaughtException';
  process.emit('uncaughtExceptionMonitor', er, origin);
  if (hasUncaughtListeners()) {
    process.emit('uncaughtException', er, origin);
    // Ticks queued before the throw still need a turn of the loop to run.
    require('internal/timers').setImmediate(() => {});
    return true;
  }
  writeFatal(formatFatal(er, arrowFor(er, arrow, fromPromise)));
  process.exitCode = kGenericUserError;
  if (!process._exiting) {
    process._exiting = true;
    try {
      process.emit('exit', kGenericUserError);
    } catch {
      // An exit listener that throws cannot change the outcome.
    }
  }
  reallyExit(process.exitCode || kGenericUserError);
  return false;
}

// --abort-on-uncaught-exception: V8's report of the throw, then a crash
// (SIGTRAP, as V8's abort in node), before any listener runs.
function abortOnUncaught(er) {
  const frames = typeof er?.stack === 'string' ?
    er.stack.split('\n').filter((line) => line.startsWith('    at ')).map((line) => line.slice(7)) : [];
  writeFatal(`Uncaught ${describeThrown(er)}\n\nFROM\n${frames.join('\n')}`);
  process.kill(process.pid, 'SIGTRAP');
  reallyExit(133);
}

function describeThrown(er) {
  try {
    return isNativeErrorValue(er) ? `${er.name}: ${er.message}` : String(er);
  } catch {
    return 'exception';
  }
}

function writeFatal(text) {
  try {
    process.stderr.write(text);
  } catch {
    // stderr is gone; nothing else can report the error.
  }
}

function triggerUncaughtException(er, fromPromise) {
  // Node errors format their stack when made, which hides where from V8: the
  // arrow then comes from the stack's first frame (node shows that line).
  const isNodeError = er?.[require('internal/errors').kIsNodeError] === true;
  const arrow = er !== null && typeof er === 'object' ? errorArrow(er, isNodeError) : '';
  fatalException(er, arrow, fromPromise);
}

function exitCodeOrZero() {
  const code = process.exitCode;
  return code === undefined || code === null ? 0 : code | 0;
}

function emitBeforeExit() {
  if (!process._exiting) process.emit('beforeExit', exitCodeOrZero());
}

// Node's exit code when the main module's top-level await never settled.
const kUnsettledTopLevelAwait = 13;

// Set by the ES module loader when it runs an entry point, so programs that
// never use ESM do not load it just to exit.
let mainIsStalled = () => false;
function setMainStalledCheck(check) {
  mainIsStalled = check;
}

function emitExit() {
  if (mainIsStalled() && process.exitCode === undefined) {
    process.exitCode = kUnsettledTopLevelAwait;
  }
  if (!process._exiting) {
    process._exiting = true;
    process.emit('exit', exitCodeOrZero());
  }
  return exitCodeOrZero();
}

// Called from Rust when a watched signal arrives; false means nobody listens
// any more, and Rust applies the signal's default action.
function emitSignal(signum) {
  const signals = internalBinding('constants').signals;
  const name = Object.keys(signals).find((key) => signals[key] === signum);
  if (name === undefined || process.listenerCount(name) === 0) return false;
  process.emit(name, name, signum);
  return true;
}

module.exports = {
  setMainStalledCheck,
  emitSignal,
  fatalException,
  triggerUncaughtException,
  emitBeforeExit,
  emitExit,
  formatFatal,
};
