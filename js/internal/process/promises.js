'use strict';
// Unhandled promise rejections: after microtasks drain, a rejection still
// without a handler is dealt with by --unhandled-rejections' mode (node's
// default, throw: emit 'unhandledRejection'; if nobody listens, it becomes an
// uncaught exception). One handled later emits 'rejectionHandled'.

const kRejectWithNoHandler = 0;
const kHandlerAddedAfterReject = 1;

const maybeUnhandled = new WeakMap();
let lastRejectionId = 0;
let pendingUnhandled = [];
let asyncHandled = [];

function promiseRejectHandler(type, promise, reason) {
  if (type === kRejectWithNoHandler) {
    maybeUnhandled.set(promise, { reason, warned: false, uid: ++lastRejectionId });
    pendingUnhandled.push(promise);
  } else if (type === kHandlerAddedAfterReject) {
    const info = maybeUnhandled.get(promise);
    if (info === undefined) return;
    maybeUnhandled.delete(promise);
    if (info.warned) {
      // Made now, so its stack shows where the late handler was added.
      const warning = new Error(`Promise rejection was handled asynchronously (rejection id: ${info.uid})`);
      warning.name = 'PromiseRejectionHandledWarning';
      warning.id = info.uid;
      asyncHandled.push({ promise, warning });
    }
  }
}

function hasRejectionToWarn() {
  return pendingUnhandled.length > 0 || asyncHandled.length > 0;
}

class UnhandledPromiseRejection extends Error {
  code = 'ERR_UNHANDLED_REJECTION';
  constructor(reason) {
    const { inspect } = require('internal/util/inspect');
    super('This error originated either by throwing inside of an async function without a catch ' +
      'block, or by rejecting a promise which was not handled with .catch(). The promise rejected ' +
      `with the reason "${inspect(reason)}".`);
  }
}
Object.defineProperty(UnhandledPromiseRejection.prototype, 'name', {
  value: 'UnhandledPromiseRejection', configurable: true, writable: true,
});

function isErrorLike(value) {
  return typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, 'stack');
}

function asError(reason) {
  return isErrorLike(reason) ? reason : new UnhandledPromiseRejection(reason);
}

function triggerUncaught(reason) {
  const { triggerUncaughtException } = require('internal/process/execution');
  triggerUncaughtException(asError(reason), true);
}

function warningWithoutStack(name, message) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const err = new Error(message);
  Error.stackTraceLimit = limit;
  Object.defineProperty(err, 'name', { value: name, enumerable: false, writable: true, configurable: true });
  return err;
}

function emitUnhandledRejectionWarning(uid, reason) {
  const name = 'UnhandledPromiseRejectionWarning';
  const warning = warningWithoutStack(name, 'Unhandled promise rejection. This error originated either by ' +
    'throwing inside of an async function without a catch block, ' +
    'or by rejecting a promise which was not handled with .catch(). ' +
    'To terminate the node process on unhandled promise ' +
    'rejection, use the CLI flag `--unhandled-rejections=strict` (see ' +
    'https://nodejs.org/api/cli.html#cli_unhandled_rejections_mode). ' +
    `(rejection id: ${uid})`);
  try {
    if (isErrorLike(reason)) {
      warning.stack = reason.stack;
      process.emitWarning(reason.stack, name);
    } else {
      process.emitWarning(require('internal/util/inspect').inspect(reason), name);
    }
  } catch {
    try {
      process.emitWarning(reason, name);
    } catch {
      // Nothing more can be said about it.
    }
  }
  process.emitWarning(warning);
}

let mode;
function rejectionMode() {
  mode ??= require('internal/options').getOptionValue('--unhandled-rejections');
  return mode;
}

// One rejection still unhandled after the microtasks ran, by the mode's rules.
function unhandledRejection(promise, { reason, uid }) {
  const process = globalThis.process;
  const emit = () => process.emit('unhandledRejection', reason, promise);
  switch (rejectionMode()) {
    case 'strict':
      triggerUncaught(reason);
      if (!emit()) emitUnhandledRejectionWarning(uid, reason);
      break;
    case 'none':
      emit();
      break;
    case 'warn':
      emit();
      emitUnhandledRejectionWarning(uid, reason);
      break;
    case 'warn-with-error-code':
      if (!emit()) {
        emitUnhandledRejectionWarning(uid, reason);
        process.exitCode = 1;
      }
      break;
    default:
      if (!emit()) triggerUncaught(reason);
  }
}

// Returns true when it emitted something (the tick loop then runs again).
function processPromiseRejections() {
  let emitted = false;
  const process = globalThis.process;
  while (asyncHandled.length > 0) {
    const { promise, warning } = asyncHandled.shift();
    if (!process.emit('rejectionHandled', promise)) process.emitWarning(warning);
    emitted = true;
  }
  while (pendingUnhandled.length > 0) {
    const promise = pendingUnhandled.shift();
    const info = maybeUnhandled.get(promise);
    if (info === undefined) continue;
    info.warned = true;
    unhandledRejection(promise, info);
    emitted = true;
  }
  return emitted || pendingUnhandled.length > 0;
}

module.exports = {
  promiseRejectHandler,
  processPromiseRejections,
  hasRejectionToWarn,
  UnhandledPromiseRejection,
};
