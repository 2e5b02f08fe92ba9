'use strict';
// Unhandled promise rejections, in node's default mode (--unhandled-rejections=throw):
// after microtasks drain, a rejection still without a handler emits
// 'unhandledRejection'; if nobody listens, it becomes an uncaught exception.

const kRejectWithNoHandler = 0;
const kHandlerAddedAfterReject = 1;

const maybeUnhandled = new WeakMap();
let pendingUnhandled = [];
let asyncHandled = [];

function promiseRejectHandler(type, promise, reason) {
  if (type === kRejectWithNoHandler) {
    maybeUnhandled.set(promise, { reason, warned: false });
    pendingUnhandled.push(promise);
  } else if (type === kHandlerAddedAfterReject) {
    const info = maybeUnhandled.get(promise);
    if (info === undefined) return;
    maybeUnhandled.delete(promise);
    if (info.warned) asyncHandled.push(promise);
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

function throwUnhandledRejection(promise, reason) {
  const process = globalThis.process;
  if (process.emit('unhandledRejection', reason, promise)) return;
  const err = isErrorLike(reason) ? reason : new UnhandledPromiseRejection(reason);
  const { triggerUncaughtException } = require('internal/process/execution');
  triggerUncaughtException(err, true);
}

// Returns true when it emitted something (the tick loop then runs again).
function processPromiseRejections() {
  let emitted = false;
  const process = globalThis.process;
  while (asyncHandled.length > 0) {
    const promise = asyncHandled.shift();
    process.emit('rejectionHandled', promise);
    emitted = true;
  }
  while (pendingUnhandled.length > 0) {
    const promise = pendingUnhandled.shift();
    const info = maybeUnhandled.get(promise);
    if (info === undefined) continue;
    info.warned = true;
    throwUnhandledRejection(promise, info.reason);
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
