'use strict';
// process.nextTick, queueMicrotask, and the drain that runs after every
// callback into JavaScript: ticks first, then microtasks, repeated until both
// are empty, then unhandled-rejection processing (node's processTicksAndRejections).

const { runMicrotasks } = internalBinding('runtime');
const { validateFunction } = require('internal/validators');

// A FIFO of pending ticks; a moving head index keeps shift() O(1).
let tickQueue = [];
let tickHead = 0;

function hasTickScheduled() {
  return tickHead < tickQueue.length;
}

function nextTick(callback, ...args) {
  validateFunction(callback, 'callback');
  const process = globalThis.process;
  if (process._exiting) return;
  tickQueue.push({ callback, args });
}

function takeTick() {
  const tock = tickQueue[tickHead];
  tickQueue[tickHead++] = undefined;
  if (tickHead === tickQueue.length) {
    tickQueue = [];
    tickHead = 0;
  }
  return tock;
}

function processTicksAndRejections() {
  do {
    while (hasTickScheduled()) {
      const { callback, args } = takeTick();
      if (args.length === 0) callback();
      else callback(...args);
    }
    runMicrotasks();
  } while (hasTickScheduled() || rejections().processPromiseRejections());
}

// Between immediates and timers: microtasks always, ticks only when queued.
function runNextTicks() {
  if (!hasTickScheduled() && !rejections().hasRejectionToWarn()) runMicrotasks();
  if (!hasTickScheduled() && !rejections().hasRejectionToWarn()) return;
  processTicksAndRejections();
}

function queueMicrotask(callback) {
  validateFunction(callback, 'callback');
  Promise.resolve().then(() => callback());
}

let rejectionsModule;
function rejections() {
  rejectionsModule ??= require('internal/process/promises');
  return rejectionsModule;
}

function promiseRejectHandler(type, promise, reason) {
  rejections().promiseRejectHandler(type, promise, reason);
}

module.exports = {
  nextTick,
  processTicksAndRejections,
  runNextTicks,
  queueMicrotask,
  promiseRejectHandler,
  hasTickScheduled,
};
