'use strict';
// Sets up the global environment node programs expect, registers the hooks the
// Rust event loop calls, and exports `runMain`. Globals that are not needed at
// start-up are defined lazily: their module loads on first use.

const { setHooks } = internalBinding('runtime');

function defineGlobalValue(name, value, enumerable = false) {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable });
}

// A global that loads its module on first access, then becomes a plain value.
function defineLazyGlobal(name, load, enumerable = false) {
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable,
    get() {
      const value = load();
      defineGlobalValue(name, value, enumerable);
      return value;
    },
    set(value) {
      defineGlobalValue(name, value, enumerable);
    },
  });
}

defineGlobalValue('global', globalThis, true);
// node's global object has V8 class name "global": Object.prototype.toString
// and util.inspect say so, and assert's deep equality tells it from a copy.
Object.defineProperty(globalThis, Symbol.toStringTag, { value: 'global', configurable: true });

// `process` and `Buffer` are accessors in node (a deprecation path for ESM):
// assigning replaces the value, and the getter stays.
function defineAccessorGlobal(name, load) {
  let value;
  let loaded = false;
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable: false,
    get() {
      if (!loaded) {
        value = load();
        loaded = true;
      }
      return value;
    },
    set(v) {
      value = v;
      loaded = true;
    },
  });
}

const process = require('internal/process/object');
defineAccessorGlobal('process', () => process);

const taskQueues = require('internal/process/task_queues');
const timers = require('internal/timers');
const execution = require('internal/process/execution');

defineLazyGlobal('console', () => require('internal/console/global'));
// Enumerable globals in node's order (`for (k in globalThis)` shows it).
for (const name of ['clearImmediate', 'setImmediate', 'clearInterval', 'clearTimeout', 'setInterval', 'setTimeout']) {
  defineGlobalValue(name, timers[name], true);
}
defineGlobalValue('queueMicrotask', taskQueues.queueMicrotask, true);
defineLazyGlobal('structuredClone', () => require('internal/structured_clone').structuredClone, true);
defineLazyGlobal('atob', () => require('buffer').atob, true);
defineLazyGlobal('btoa', () => require('buffer').btoa, true);
defineLazyGlobal('performance', () => require('perf_hooks').performance, true);
defineLazyGlobal('crypto', () => require('crypto').webcrypto, true);
defineAccessorGlobal('Buffer', () => require('buffer').Buffer);
defineLazyGlobal('Crypto', () => require('internal/crypto/webcrypto').Crypto);
defineLazyGlobal('SubtleCrypto', () => require('internal/crypto/webcrypto').SubtleCrypto);
defineLazyGlobal('Blob', () => require('buffer').Blob);
defineLazyGlobal('File', () => require('buffer').File);
for (const name of ['PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'PerformanceObserver',
  'PerformanceObserverEntryList', 'PerformanceResourceTiming']) {
  defineLazyGlobal(name, () => require('perf_hooks')[name]);
}
defineLazyGlobal('URL', () => require('internal/url').URL);
defineLazyGlobal('URLSearchParams', () => require('internal/url').URLSearchParams);
defineLazyGlobal('TextEncoder', () => require('internal/encoding').TextEncoder);
defineLazyGlobal('TextDecoder', () => require('internal/encoding').TextDecoder);
defineLazyGlobal('EventTarget', () => require('internal/event_target').EventTarget);
defineLazyGlobal('Event', () => require('internal/event_target').Event);
defineLazyGlobal('CustomEvent', () => require('internal/event_target').CustomEvent);
defineLazyGlobal('AbortController', () => require('internal/abort_controller').AbortController);
defineLazyGlobal('AbortSignal', () => require('internal/abort_controller').AbortSignal);
defineLazyGlobal('DOMException', () => require('internal/dom_exception'));

setHooks({
  tick: taskQueues.processTicksAndRejections,
  onTimer: timers.processTimer,
  onImmediate: timers.processImmediate,
  onPromiseReject: taskQueues.promiseRejectHandler,
  fatalException: execution.fatalException,
  emitBeforeExit: execution.emitBeforeExit,
  emitExit: execution.emitExit,
  onSignal: execution.emitSignal,
});

// import() and import.meta can appear in any code; the ES module loader loads on first use.
const esmLoader = () => require('internal/modules/esm/loader');
internalBinding('module_wrap').setHooks(
  (specifier, referrer, type) => esmLoader().importModuleDynamically(specifier, referrer, type),
  (meta, url) => esmLoader().initializeImportMeta(meta, url),
);

// --disable-proto, applied last so the bootstrap itself is not affected.
function disableProto(mode) {
  if (mode === '') return;
  if (mode === 'delete') {
    delete Object.prototype.__proto__;
    return;
  }
  if (mode === 'throw') {
    const { codes: { ERR_PROTO_ACCESS } } = require('internal/errors');
    const thrower = () => { throw new ERR_PROTO_ACCESS(); };
    Object.defineProperty(Object.prototype, '__proto__', { get: thrower, set: thrower, configurable: true });
    return;
  }
  process.stderr.write('rnode: invalid mode passed to --disable-proto\n');
  internalBinding('runtime').reallyExit(12);
}
disableProto(require('internal/options').getOptionValue('--disable-proto'));

// --no-experimental-global-customevent / --no-experimental-global-webcrypto
// leave those globals out, as in node 20.
function removeDisabledGlobals() {
  const { getOptionValue } = require('internal/options');
  if (!getOptionValue('--experimental-global-customevent')) delete globalThis.CustomEvent;
  if (!getOptionValue('--experimental-global-webcrypto')) {
    for (const name of ['crypto', 'Crypto', 'CryptoKey', 'SubtleCrypto']) delete globalThis[name];
  }
}
removeDisabledGlobals();

exports.runMain = () => require('internal/main/run_main').runMain();
