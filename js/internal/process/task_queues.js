'use strict';
// process.nextTick, queueMicrotask, and the drain that runs after every
// callback into JavaScript: ticks first, then microtasks, repeated until both
// are empty, then unhandled-rejection processing (node's processTicksAndRejections).

const { runMicrotasks } = internalBinding('runtime');
const { enqueueMicrotask } = internalBinding('async_context');
const { validateFunction } = require('internal/validators');
const frames = require('internal/async_context_frame');
const { current: currentFrame } = frames;
const {
  symbols: { async_id_symbol, trigger_async_id_symbol },
  newAsyncId, getDefaultTriggerAsyncId, emitInit, emitBefore, emitAfter, emitDestroy,
  enterLoopCallback, emitAfterHooks, idsAtLoopLevel,
  atLoopLevel, hookFields, topLevelResource, pushAsyncContext, popAsyncContext,
} = require('internal/async_hooks/core');

// The AsyncContextFrame current when a tick was queued; it runs in that frame.
const kAsyncContextFrame = Symbol('kAsyncContextFrame');

// A FIFO of pending ticks; a moving head index keeps shift() O(1).
let tickQueue = [];
let tickHead = 0;

function hasTickScheduled() {
  return tickHead < tickQueue.length;
}

function nextTick(callback) {
  validateFunction(callback, 'callback');
  const process = globalThis.process;
  if (process._exiting) return;
  let args;
  switch (arguments.length) {
    case 1: break;
    case 2: args = [arguments[1]]; break;
    case 3: args = [arguments[1], arguments[2]]; break;
    case 4: args = [arguments[1], arguments[2], arguments[3]]; break;
    default:
      args = new Array(arguments.length - 1);
      for (let i = 1; i < arguments.length; i++) args[i - 1] = arguments[i];
  }
  const asyncId = newAsyncId();
  const triggerAsyncId = getDefaultTriggerAsyncId();
  // Node's shape (util.inspect lists the symbols after the names anyway); a
  // literal with only plain keys first is the fast one to build.
  const tickObject = { callback, args };
  tickObject[async_id_symbol] = asyncId;
  tickObject[trigger_async_id_symbol] = triggerAsyncId;
  tickObject[kAsyncContextFrame] = currentFrame();
  if (hookFields.init > 0) emitInit(asyncId, 'TickObject', triggerAsyncId, tickObject);
  tickQueue.push(tickObject);
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
  atLoopLevel();
  do {
    while (hasTickScheduled()) {
      const tock = takeTick();
      const asyncId = tock[async_id_symbol];
      // Destroy hooks run later, in a batch, so queueing it first is the same
      // as node's `finally` and keeps this loop free of try/finally.
      if (hookFields.destroy > 0) emitDestroy(asyncId);
      enterLoopCallback(asyncId, tock[trigger_async_id_symbol], tock, tock[kAsyncContextFrame]);
      const callback = tock.callback;
      const args = tock.args;
      if (args === undefined) callback();
      else callback(...args);
      if (hookFields.after > 0) emitAfterHooks(asyncId);
    }
    idsAtLoopLevel();
    runMicrotasks();
  } while (hasTickScheduled() || (rejections().hasRejectionToWarn() && processRejections()));
  // The last tick's frame must not leak into the next callback from the loop.
  frames.atLoopLevel();
}

function processRejections() {
  atLoopLevel();
  return rejections().processPromiseRejections();
}

// Between immediates and timers: microtasks always, ticks only when queued.
function runNextTicks() {
  idsAtLoopLevel();
  if (!hasTickScheduled() && !rejections().hasRejectionToWarn()) runMicrotasks();
  if (!hasTickScheduled() && !rejections().hasRejectionToWarn()) return;
  processTicksAndRejections();
}

// As node: a microtask of its own (no promise), an async resource of type
// 'Microtask', and an exception from the callback is an uncaught exception.
// V8 carries the current AsyncContextFrame with the task.
function queueMicrotask(callback) {
  validateFunction(callback, 'callback');
  const triggerAsyncId = getDefaultTriggerAsyncId();
  if (hookFields.total > 0) {
    // Hooks see node's resource: an AsyncResource with the callback on it.
    const { AsyncResource } = require('async_hooks');
    const resource = new AsyncResource('Microtask', { triggerAsyncId, requireManualDestroy: true });
    resource.callback = callback;
    enqueueMicrotask(() => resource.runInAsyncScope(runMicrotaskResource, resource));
    return;
  }
  const asyncId = newAsyncId();
  enqueueMicrotask(() => runMicrotask(callback, asyncId, triggerAsyncId));
}

function runMicrotask(callback, asyncId, triggerAsyncId) {
  emitBefore(asyncId, triggerAsyncId, topLevelResource);
  try {
    callback();
  } catch (error) {
    microtaskThrew(error);
  } finally {
    emitAfter(asyncId);
  }
}

function runMicrotaskResource() {
  try {
    this.callback();
  } catch (error) {
    microtaskThrew(error);
  } finally {
    this.emitDestroy();
  }
}

// Node reports it outside the microtask's context (execution id 0, no store).
function microtaskThrew(error) {
  const priorFrame = frames.exchange(undefined);
  pushAsyncContext(0, 0, topLevelResource);
  try {
    require('internal/process/execution').triggerUncaughtException(error, false);
  } finally {
    popAsyncContext();
    frames.set(priorFrame);
  }
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
