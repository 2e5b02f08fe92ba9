'use strict';
// The async_hooks machinery shared by timers, process.nextTick, queueMicrotask
// and node:async_hooks: async ids, the execution context stack
// (executionAsyncId / triggerAsyncId / executionAsyncResource), and the
// registry of enabled hooks with their emitters. Loaded at bootstrap, so it
// must stay small; the per-callback cost with no hook enabled is a few
// assignments.
//
// What is emitted: init/before/after/destroy for Timeout, Immediate,
// TickObject, Microtask and AsyncResource (all created in JavaScript), and
// PROMISE init/before/after/promiseResolve through V8's promise hooks.
// Resources that node creates in C++ (FSREQCALLBACK, TCPWRAP, ...) emit nothing.

const { setPromiseHooks, enqueueMicrotask } = internalBinding('async_context');
const frames = require('internal/async_context_frame');
const frameState = frames.state;
const switchLoopFrame = frames.switchLoopFrame;

const async_id_symbol = Symbol('async_id_symbol');
const trigger_async_id_symbol = Symbol('trigger_async_id_symbol');
const init_symbol = Symbol('init');
const before_symbol = Symbol('before');
const after_symbol = Symbol('after');
const destroy_symbol = Symbol('destroy');
const promise_resolve_symbol = Symbol('promiseResolve');

// What executionAsyncResource() returns outside any callback.
const topLevelResource = {};

// Id 1 is the main script's execution; ids count up from there.
let asyncIdCounter = 1;
let executionId = 1;
let triggerId = 0;
let currentResource = topLevelResource;
// Set by defaultTriggerAsyncIdScope; -1 means "the execution id".
let defaultTriggerId = -1;
// Saved (executionId, triggerId, resource) triples of the enclosing callbacks.
const idStack = [];

// How many enabled hooks have each callback; checked on every hot path.
const hookFields = { init: 0, before: 0, after: 0, destroy: 0, promiseResolve: 0, total: 0 };
// Enabled AsyncHook instances. Replaced (never mutated) on enable/disable, so a
// hook enabling or disabling hooks while they are emitted does not disturb the
// iteration in progress.
let activeHooks = [];

function newAsyncId() {
  return ++asyncIdCounter;
}

function getDefaultTriggerAsyncId() {
  return defaultTriggerId < 0 ? executionId : defaultTriggerId;
}

function executionAsyncId() {
  return executionId;
}

function triggerAsyncId() {
  return triggerId;
}

function executionAsyncResource() {
  return currentResource;
}

function hasAsyncIdStack() {
  return idStack.length > 0;
}

function defaultTriggerAsyncIdScope(id, fn, ...args) {
  if (id === undefined) return Reflect.apply(fn, null, args);
  const old = defaultTriggerId;
  defaultTriggerId = id;
  try {
    return Reflect.apply(fn, null, args);
  } finally {
    defaultTriggerId = old;
  }
}

// Node treats an exception thrown by a hook as fatal: print it and exit 1.
function fatalError(e) {
  const text = typeof e?.stack === 'string' ? e.stack : require('internal/util/inspect').inspect(e);
  try {
    process._rawDebug(text);
  } catch {
    // stderr is gone.
  }
  process.exit(1);
}

function callHooks(symbol, a, b, c, d) {
  const hooks = activeHooks;
  for (let i = 0; i < hooks.length; i++) {
    const fn = hooks[i][symbol];
    if (fn === undefined) continue;
    try {
      fn.call(hooks[i], a, b, c, d);
    } catch (e) {
      fatalError(e);
    }
  }
}

function emitInit(asyncId, type, triggerAsyncId, resource) {
  if (hookFields.init > 0) callHooks(init_symbol, asyncId, type, triggerAsyncId, resource);
}

// Enters the callback of resource `asyncId`: it becomes the execution context.
function emitBefore(asyncId, triggerAsyncId, resource) {
  idStack.push(executionId, triggerId, currentResource);
  executionId = asyncId;
  triggerId = triggerAsyncId;
  currentResource = resource;
  if (hookFields.before > 0) callHooks(before_symbol, asyncId);
}

// The loop-level dispatchers (timers, immediates, ticks) run only between
// callbacks, so they need no stack, and nothing is undone after each callback
// (only after hooks run): the next callback overwrites the context, and the
// loop-level points (atLoopLevel, idsAtLoopLevel) put back ids 0 and no frame.
// So a callback that throws leaves its context for the 'uncaughtException'
// listeners, as in node.
function enterLoopCallback(asyncId, triggerAsyncId, resource, frame) {
  if (frame !== frameState.known) switchLoopFrame(frame);
  executionId = asyncId;
  triggerId = triggerAsyncId;
  currentResource = resource;
  if (hookFields.before > 0) callHooks(before_symbol, asyncId);
}

function emitAfterHooks(asyncId) {
  callHooks(after_symbol, asyncId);
}

// Saves the context and switches to another without running hooks.
function pushAsyncContext(asyncId, triggerAsyncId, resource) {
  idStack.push(executionId, triggerId, currentResource);
  executionId = asyncId;
  triggerId = triggerAsyncId;
  currentResource = resource;
}

function popAsyncContext() {
  if (idStack.length === 0) return;
  currentResource = idStack.pop();
  triggerId = idStack.pop();
  executionId = idStack.pop();
}

// Leaves it: the enclosing context is restored.
function emitAfter(asyncId) {
  if (hookFields.after > 0) callHooks(after_symbol, asyncId);
  if (idStack.length === 0) return;
  currentResource = idStack.pop();
  triggerId = idStack.pop();
  executionId = idStack.pop();
}

// Node emits destroy asynchronously, batched, from the loop's next check
// phase; so do we: processImmediate flushes the queue before the immediates.
let destroyQueue = [];
function emitDestroy(asyncId) {
  if (hookFields.destroy > 0) destroyQueue.push(asyncId);
}

// Called from the tick drain, which only runs at the loop level (between
// callbacks): outside every callback node reports execution id 0 and trigger
// 0, and no AsyncLocalStorage store. A callback that threw left its context
// current (for the 'uncaughtException' listeners, as in node): drop it.
function atLoopLevel() {
  if (idStack.length !== 0) idStack.length = 0;
  frames.atLoopLevel();
  executionId = 0;
  triggerId = 0;
  currentResource = topLevelResource;
}

// Before microtasks run at the loop level: ids 0 (the frame needs no reset:
// each reaction carries its own and V8 restores the current one after it).
function idsAtLoopLevel() {
  executionId = 0;
  triggerId = 0;
  currentResource = topLevelResource;
}

function flushDestroys() {
  while (destroyQueue.length !== 0) {
    const ids = destroyQueue;
    destroyQueue = [];
    for (let i = 0; i < ids.length; i++) callHooks(destroy_symbol, ids[i]);
  }
}

function hasPendingDestroys() {
  return destroyQueue.length !== 0;
}

function emitPromiseResolve(asyncId) {
  if (hookFields.promiseResolve > 0) callHooks(promise_resolve_symbol, asyncId);
}

function initHooksExist() {
  return hookFields.init > 0;
}

function destroyHooksExist() {
  return hookFields.destroy > 0;
}

function enabledHooksExist() {
  return hookFields.total > 0;
}

// ---- promises, through V8's per-context promise hooks ----

function ensurePromiseIds(promise, parent) {
  if (promise[async_id_symbol] !== undefined) return;
  const trigger = parent !== undefined && parent !== null ? getOrSetPromiseId(parent) : getDefaultTriggerAsyncId();
  promise[async_id_symbol] = newAsyncId();
  promise[trigger_async_id_symbol] = trigger;
}

function getOrSetPromiseId(promise) {
  if (promise[async_id_symbol] === undefined) ensurePromiseIds(promise, null);
  return promise[async_id_symbol];
}

function promiseInitHook(promise, parent) {
  ensurePromiseIds(promise, parent);
  emitInit(promise[async_id_symbol], 'PROMISE', promise[trigger_async_id_symbol], promise);
}

function promiseBeforeHook(promise) {
  ensurePromiseIds(promise, null);
  emitBefore(promise[async_id_symbol], promise[trigger_async_id_symbol], promise);
}

function promiseAfterHook(promise) {
  ensurePromiseIds(promise, null);
  const asyncId = promise[async_id_symbol];
  if (executionId === asyncId) emitAfter(asyncId);
}

function promiseResolveHook(promise) {
  emitPromiseResolve(getOrSetPromiseId(promise));
}

let promiseHooksOn = false;
function wantPromiseHooks() {
  return hookFields.init > 0 || hookFields.before > 0 || hookFields.after > 0 || hookFields.promiseResolve > 0;
}

function updatePromiseHooks() {
  if (!wantPromiseHooks()) {
    // As node: switched off from a microtask, since we may be between a
    // promise's before and after right now.
    if (promiseHooksOn) enqueueMicrotask(disablePromiseHooksIfUnwanted);
    return;
  }
  promiseHooksOn = true;
  setPromiseHooks(
    hookFields.init > 0 ? promiseInitHook : undefined,
    promiseBeforeHook,
    promiseAfterHook,
    hookFields.promiseResolve > 0 ? promiseResolveHook : undefined,
  );
}

function disablePromiseHooksIfUnwanted() {
  if (promiseHooksOn && !wantPromiseHooks()) {
    promiseHooksOn = false;
    setPromiseHooks(undefined, undefined, undefined, undefined);
  }
}

function countHooks(hook, sign) {
  hookFields.init += sign * +!!hook[init_symbol];
  hookFields.before += sign * +!!hook[before_symbol];
  hookFields.after += sign * +!!hook[after_symbol];
  hookFields.destroy += sign * +!!hook[destroy_symbol];
  hookFields.promiseResolve += sign * +!!hook[promise_resolve_symbol];
  hookFields.total = hookFields.init + hookFields.before + hookFields.after +
    hookFields.destroy + hookFields.promiseResolve;
}

function enableHook(hook) {
  if (activeHooks.includes(hook)) return;
  activeHooks = [...activeHooks, hook];
  countHooks(hook, 1);
  updatePromiseHooks();
}

function disableHook(hook) {
  const index = activeHooks.indexOf(hook);
  if (index === -1) return;
  activeHooks = activeHooks.filter((h) => h !== hook);
  countHooks(hook, -1);
  updatePromiseHooks();
}

module.exports = {
  symbols: {
    async_id_symbol,
    trigger_async_id_symbol,
    init_symbol,
    before_symbol,
    after_symbol,
    destroy_symbol,
    promise_resolve_symbol,
  },
  hookFields,
  topLevelResource,
  newAsyncId,
  getDefaultTriggerAsyncId,
  defaultTriggerAsyncIdScope,
  executionAsyncId,
  triggerAsyncId,
  executionAsyncResource,
  hasAsyncIdStack,
  atLoopLevel,
  flushDestroys,
  hasPendingDestroys,
  emitInit,
  emitBefore,
  pushAsyncContext,
  popAsyncContext,
  enterLoopCallback,
  emitAfterHooks,
  idsAtLoopLevel,
  emitAfter,
  emitDestroy,
  emitPromiseResolve,
  initHooksExist,
  destroyHooksExist,
  enabledHooksExist,
  enableHook,
  disableHook,
};
