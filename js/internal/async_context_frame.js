'use strict';
// AsyncContextFrame: the map from AsyncLocalStorage instance to store that is
// current "now". A frame is never changed once made (`run` and `enterWith`
// make a new one); the current frame lives in V8's continuation-preserved
// embedder data, which V8 carries across `await` and promise reactions by
// itself (and restores after each reaction). The runtime's other async
// boundaries (timers, immediates, process.nextTick, pool callbacks) capture
// `current()` when scheduling and switch to it around their callback.
//
// Hot paths:
// - until some AsyncLocalStorage first sets a frame, the current frame is
//   undefined everywhere, so capturing costs no call into Rust;
// - the loop-level dispatchers (timers, immediates, ticks) remember which
//   frame they last switched to (`state.known`), and call into Rust only when a
//   callback's frame differs from it. Any other switch made from JavaScript
//   forgets it. Between callbacks (at the loop level) the frame is undefined.

const binding = internalBinding('async_context');
const { getContinuationData, setContinuationData, exchangeContinuationData } = binding;

let framesInUse = false;
// `known`: the current frame as the loop-level dispatchers last set it, or
// `kUnknown` after JavaScript switched frames some other way.
const kUnknown = Symbol('kUnknown');
const state = { known: undefined };

class AsyncContextFrame extends Map {
  // A copy of `parent` (a frame or undefined) with `key` set to `value`.
  constructor(parent, key, value) {
    super(parent);
    this.set(key, value);
  }
}

// The current frame (undefined when none).
function current() {
  return framesInUse ? getContinuationData() : undefined;
}

// Makes `frame` current.
function set(frame) {
  if (framesInUse) {
    state.known = kUnknown;
    setContinuationData(frame);
  }
}

// Makes `frame` current and returns the frame it replaced.
function exchange(frame) {
  if (!framesInUse) return undefined;
  state.known = kUnknown;
  return exchangeContinuationData(frame);
}

// Makes a frame with `key` -> `value` over the current one and switches to it.
// Returns the frame it replaced.
function enter(key, value) {
  framesInUse = true;
  state.known = kUnknown;
  const prior = getContinuationData();
  setContinuationData(new AsyncContextFrame(prior, key, value));
  return prior;
}

// For the loop-level dispatchers, when `frame !== state.known`.
function switchLoopFrame(frame) {
  state.known = frame;
  setContinuationData(frame);
}

// Back to the loop level's frame (none); called before each tick drain, so the
// frame of the last callback (or one it set, or one left by a callback that
// threw) does not leak into callbacks that do not carry their own.
function atLoopLevel() {
  if (state.known !== undefined) switchLoopFrame(undefined);
}

// Runs fn(...args) with `frame` current, then restores the prior frame.
function runInFrame(frame, fn, thisArg, args) {
  const prior = exchange(frame);
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    set(prior);
  }
}

module.exports = {
  AsyncContextFrame,
  current,
  set,
  exchange,
  enter,
  runInFrame,
  state,
  switchLoopFrame,
  atLoopLevel,
};
