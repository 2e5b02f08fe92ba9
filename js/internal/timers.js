'use strict';
// Timeout and Immediate. Each Timeout owns one loop timer (keyed by deadline and
// insertion order in Rust, so equal delays fire in order); immediates are a
// JavaScript queue that the loop's check phase drains, draining ticks and
// microtasks between each one, as node >= 11 does.

const binding = internalBinding('timers');
const { runNextTicks } = require('internal/process/task_queues');
const { validateFunction, validateNumber } = require('internal/validators');
const { current: currentFrame } = require('internal/async_context_frame');
const {
  newAsyncId, getDefaultTriggerAsyncId, emitInit, enterLoopCallback, emitAfterHooks, emitDestroy, hookFields,
  hasPendingDestroys, flushDestroys,
} = require('internal/async_hooks/core');

const TIMEOUT_MAX = 2 ** 31 - 1;
const kRefed = Symbol('refed');
const kHasPrimitive = Symbol('kHasPrimitive');
const kTimerId = Symbol('timerId');
// Node's names for a timer's async ids (they show in util.inspect).
const async_id_symbol = Symbol('asyncId');
const trigger_async_id_symbol = Symbol('triggerId');

// Loop timer id -> Timeout, for dispatch; primitive id -> Timeout for clearTimeout(id).
const activeTimers = new Map();
const knownTimersById = new Map();
// Read a Timeout's / Immediate's private frame (set by the classes' static blocks).
let getTimeoutFrame;
let getImmediateFrame;


function coerceDelay(after) {
  after *= 1;
  if (!(after >= 1 && after <= TIMEOUT_MAX)) {
    if (after > TIMEOUT_MAX) {
      process.emitWarning(`${after} does not fit into a 32-bit signed integer.` +
        '\nTimeout duration was set to 1.', 'TimeoutOverflowWarning');
    }
    after = 1;
  }
  return after;
}

class Timeout {
  // Private, so util.inspect shows a Timeout as node does.
  #frame = currentFrame();

  static {
    getTimeoutFrame = (timer) => timer.#frame;
  }

  constructor(callback, after, args, isRepeat, isRefed) {
    after = coerceDelay(after);
    this._idleTimeout = after;
    this._idlePrev = this;
    this._idleNext = this;
    this._idleStart = null;
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = isRepeat ? after : null;
    this._destroyed = false;
    this[kRefed] = isRefed;
    this[kHasPrimitive] = false;
    this[kTimerId] = 0;
    // Async ids (written here, not in a shared helper, so the stores stay
    // monomorphic); the AsyncContextFrame current now is in #frame.
    const asyncId = this[async_id_symbol] = newAsyncId();
    const triggerAsyncId = this[trigger_async_id_symbol] = getDefaultTriggerAsyncId();
    if (hookFields.init > 0) emitInit(asyncId, 'Timeout', triggerAsyncId, this);
    schedule(this);
  }

  // Re-arms the timer from now, even after it fired; not after it was cleared.
  refresh() {
    if (this._idleTimeout >= 0) {
      unschedule(this);
      this._destroyed = false;
      schedule(this);
    }
    return this;
  }

  unref() {
    this[kRefed] = false;
    if (!this._destroyed) binding.setTimerRef(this[kTimerId], false);
    return this;
  }

  ref() {
    this[kRefed] = true;
    if (!this._destroyed) binding.setTimerRef(this[kTimerId], true);
    return this;
  }

  hasRef() {
    return this[kRefed];
  }

  close() {
    clearTimeout(this);
    return this;
  }

  [Symbol.toPrimitive]() {
    if (!this[kHasPrimitive]) {
      this[kHasPrimitive] = true;
      knownTimersById.set(this[async_id_symbol], this);
    }
    return this[async_id_symbol];
  }
}

function schedule(timer) {
  timer._idleStart = binding.getLoopTime();
  const id = binding.scheduleTimer(timer._idleTimeout, timer[kRefed]);
  timer[kTimerId] = id;
  activeTimers.set(id, timer);
}

function unschedule(timer) {
  const id = timer[kTimerId];
  if (activeTimers.delete(id)) binding.cancelTimer(id);
}

function destroyTimer(timer) {
  if (hookFields.destroy > 0 && !timer._destroyed) emitDestroy(timer[async_id_symbol]);
  unschedule(timer);
  timer._idleTimeout = -1;
  timer._destroyed = true;
  if (timer[kHasPrimitive]) knownTimersById.delete(timer[async_id_symbol]);
}

// Called from Rust when loop timer `id` expires.
function processTimer(id) {
  const timer = activeTimers.get(id);
  if (timer === undefined) return;
  activeTimers.delete(id);
  const asyncId = timer[async_id_symbol];
  enterLoopCallback(asyncId, timer[trigger_async_id_symbol], timer, getTimeoutFrame(timer));
  try {
    const args = timer._timerArgs;
    if (args === undefined) timer._onTimeout();
    else timer._onTimeout(...args);
  } finally {
    // Runs even when the callback throws, so the timer's state stays consistent.
    if (timer._repeat !== null && !timer._destroyed && !activeTimers.has(timer[kTimerId])) {
      timer._idleTimeout = timer._repeat;
      schedule(timer);
    } else if (!activeTimers.has(timer[kTimerId])) {
      // Not refreshed from inside its own callback: it is done.
      if (hookFields.destroy > 0 && !timer._destroyed) emitDestroy(asyncId);
      timer._destroyed = true;
      if (timer[kHasPrimitive]) knownTimersById.delete(timer[async_id_symbol]);
    }
  }
  // The context is not undone (see enterLoopCallback): the tick drain that
  // follows puts back the loop level's.
  if (hookFields.after > 0) emitAfterHooks(asyncId);
}

function setTimeout(callback, after, arg1, arg2, arg3) {
  validateFunction(callback, 'callback');
  const args = collectArgs(arguments, 2);
  return new Timeout(callback, after, args, false, true);
}

function setInterval(callback, repeat, arg1, arg2, arg3) {
  validateFunction(callback, 'callback');
  const args = collectArgs(arguments, 2);
  return new Timeout(callback, repeat, args, true, true);
}

function collectArgs(list, from) {
  if (list.length <= from) return undefined;
  return Array.prototype.slice.call(list, from);
}

function clearTimeout(timer) {
  if (timer && timer._onTimeout) {
    timer._onTimeout = null;
    destroyTimer(timer);
    return;
  }
  if (typeof timer === 'number' || typeof timer === 'string') {
    const known = knownTimersById.get(+timer);
    if (known !== undefined) {
      known._onTimeout = null;
      destroyTimer(known);
    }
  }
}

const clearInterval = clearTimeout;

// ---- immediates ----

class ImmediateList {
  constructor() {
    this.head = null;
    this.tail = null;
  }

  append(item) {
    if (this.tail !== null) {
      this.tail._idleNext = item;
      item._idlePrev = this.tail;
    } else {
      this.head = item;
    }
    this.tail = item;
  }

  remove(item) {
    if (item._idleNext) item._idleNext._idlePrev = item._idlePrev;
    if (item._idlePrev) item._idlePrev._idleNext = item._idleNext;
    if (item === this.head) this.head = item._idleNext;
    if (item === this.tail) this.tail = item._idlePrev;
    item._idleNext = null;
    item._idlePrev = null;
  }
}

const immediateQueue = new ImmediateList();
// Immediates left over when one threw: they run first at the next check phase.
const outstandingQueue = new ImmediateList();
let immediateRefCount = 0;

function refImmediate() {
  if (immediateRefCount++ === 0) binding.toggleImmediateRef(true);
}

function unrefImmediate() {
  if (--immediateRefCount === 0) binding.toggleImmediateRef(false);
}

class Immediate {
  #frame = currentFrame();

  static {
    getImmediateFrame = (immediate) => immediate.#frame;
  }

  constructor(callback, args) {
    this._idleNext = null;
    this._idlePrev = null;
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this[kRefed] = false;
    const asyncId = this[async_id_symbol] = newAsyncId();
    const triggerAsyncId = this[trigger_async_id_symbol] = getDefaultTriggerAsyncId();
    if (hookFields.init > 0) emitInit(asyncId, 'Immediate', triggerAsyncId, this);
    this.ref();
    immediateQueue.append(this);
  }

  ref() {
    if (this[kRefed] === false) {
      this[kRefed] = true;
      if (!this._destroyed) refImmediate();
    }
    return this;
  }

  unref() {
    if (this[kRefed] === true) {
      this[kRefed] = false;
      if (!this._destroyed) unrefImmediate();
    }
    return this;
  }

  hasRef() {
    return !!this[kRefed];
  }
}

function setImmediate(callback, arg1, arg2, arg3) {
  validateFunction(callback, 'callback');
  return new Immediate(callback, collectArgs(arguments, 1));
}

function clearImmediate(immediate) {
  if (!immediate || immediate._destroyed) return;
  if (immediate[kRefed]) unrefImmediate();
  immediate[kRefed] = null;
  if (hookFields.destroy > 0) emitDestroy(immediate[async_id_symbol]);
  immediate._destroyed = true;
  immediate._onImmediate = null;
  (outstandingQueue.head !== null ? outstandingQueue : immediateQueue).remove(immediate);
  immediateQueue.remove(immediate);
}

// Called from Rust in the check phase. Runs the immediates queued before this
// phase began; ones queued meanwhile wait for the next turn.
function processImmediate() {
  // Destroy hooks are batched and run at the start of the next check phase, as
  // node runs them (from a native immediate).
  if (hasPendingDestroys()) flushDestroys();
  const queue = outstandingQueue.head !== null ? outstandingQueue : immediateQueue;
  let immediate = queue.head;
  if (queue !== outstandingQueue) {
    queue.head = queue.tail = null;
  }
  outstandingQueue.head = immediate;
  let ranOne = false;
  while (immediate !== null) {
    if (ranOne) runNextTicks();
    ranOne = true;
    const next = immediate._idleNext;
    outstandingQueue.head = next;
    if (immediate._destroyed) {
      immediate = next;
      continue;
    }
    immediate._destroyed = true;
    if (immediate[kRefed]) unrefImmediate();
    immediate[kRefed] = null;
    immediate._idleNext = immediate._idlePrev = null;
    const asyncId = immediate[async_id_symbol];
    // Queued destroy hooks run later, in a batch: queueing it first is the same
    // as node's `finally`.
    if (hookFields.destroy > 0) emitDestroy(asyncId);
    enterLoopCallback(asyncId, immediate[trigger_async_id_symbol], immediate, getImmediateFrame(immediate));
    const argv = immediate._argv;
    if (argv === undefined) immediate._onImmediate();
    else immediate._onImmediate(...argv);
    immediate._onImmediate = null;
    if (hookFields.after > 0) emitAfterHooks(asyncId);
    immediate = next;
  }
  outstandingQueue.head = outstandingQueue.tail = null;
}

// util.promisify(setTimeout) / util.promisify(setImmediate) hand back the
// timers/promises versions; that module is only loaded when asked for.
const kPromisifyCustom = Symbol.for('nodejs.util.promisify.custom');
Object.defineProperty(setTimeout, kPromisifyCustom, {
  __proto__: null,
  enumerable: true,
  get() {
    return require('timers/promises').setTimeout;
  },
});
Object.defineProperty(setImmediate, kPromisifyCustom, {
  __proto__: null,
  enumerable: true,
  get() {
    return require('timers/promises').setImmediate;
  },
});

// A timeout in ms from user input: a non-negative finite number, clamped to
// what a timer can hold (with node's warning).
function getTimerDuration(msecs, name) {
  validateNumber(msecs, name);
  if (msecs < 0 || !Number.isFinite(msecs)) {
    throw new (require('internal/errors').codes.ERR_OUT_OF_RANGE)(name, 'a non-negative finite number', msecs);
  }
  if (msecs > TIMEOUT_MAX) {
    process.emitWarning(`${msecs} does not fit into a 32-bit signed integer.` +
      `\nTimer duration was truncated to ${TIMEOUT_MAX}.`, 'TimeoutOverflowWarning');
    return TIMEOUT_MAX;
  }
  return msecs;
}

module.exports = {
  getTimerDuration,
  Timeout,
  Immediate,
  setTimeout,
  setInterval,
  setImmediate,
  clearTimeout,
  clearInterval,
  clearImmediate,
  processTimer,
  processImmediate,
  TIMEOUT_MAX,
  kRefed,
};
