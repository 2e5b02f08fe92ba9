'use strict';

// node:vm: scripts compiled once and run in any context, contexts whose
// globals forward to a plain "sandbox" object, compileFunction, timeouts.
// vm.Module (--experimental-vm-modules), breakOnSigint and the
// 'afterEvaluate' microtask mode are not built yet: their options are
// validated and accepted without effect.

const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_SCRIPT_EXECUTION_TIMEOUT,
  },
} = require('internal/errors');
const {
  validateArray,
  validateBoolean,
  validateBuffer,
  validateFunction,
  validateInt32,
  validateObject,
  validateOneOf,
  validateString,
  validateUint32,
  kValidateObjectAllowArray,
} = require('internal/validators');
const binding = internalBinding('contextify');

const kEmpty = Object.freeze({ __proto__: null });

const constants = Object.freeze({
  __proto__: null,
  USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol('vm_dynamic_import_main_context_default'),
  DONT_CONTEXTIFY: Symbol('vm_context_no_contextify'),
});

function validateCachedData(cachedData, name) {
  if (cachedData !== undefined) validateBuffer(cachedData, name);
}

function validateImportModuleDynamically(value) {
  if (value !== undefined && typeof value !== 'symbol') {
    validateFunction(value, 'options.importModuleDynamically');
  }
}

// Options of every run*: what the run needs, validated as node does.
function runOptions(options) {
  if (options === undefined) return { timeout: 0 };
  validateObject(options, 'options');
  const { displayErrors = true, breakOnSigint = false, timeout } = options;
  if (timeout !== undefined) validateUint32(timeout, 'options.timeout', true);
  validateBoolean(displayErrors, 'options.displayErrors');
  validateBoolean(breakOnSigint, 'options.breakOnSigint');
  return { timeout: timeout ?? 0 };
}

function runHandle(handle, sandbox, options) {
  const { timeout } = runOptions(options);
  const result = binding.runScriptIn(handle, sandbox, timeout);
  if (result === binding.timedOut) throw new ERR_SCRIPT_EXECUTION_TIMEOUT(timeout);
  return result;
}

function validateContext(contextifiedObject) {
  if (!isContext(contextifiedObject)) {
    throw new ERR_INVALID_ARG_TYPE('contextifiedObject', 'vm.Context', contextifiedObject);
  }
}

class Script {
  #handle;

  constructor(code, options = kEmpty) {
    code = `${code}`;
    if (typeof options === 'string') options = { filename: options };
    else validateObject(options, 'options');
    const {
      filename = 'evalmachine.<anonymous>',
      lineOffset = 0,
      columnOffset = 0,
      cachedData,
      produceCachedData = false,
      importModuleDynamically,
    } = options;
    validateString(filename, 'options.filename');
    validateInt32(lineOffset, 'options.lineOffset');
    validateInt32(columnOffset, 'options.columnOffset');
    validateCachedData(cachedData, 'options.cachedData');
    validateBoolean(produceCachedData, 'options.produceCachedData');
    validateImportModuleDynamically(importModuleDynamically);
    const handle = binding.compileScript(code, filename, lineOffset, columnOffset, cachedData, produceCachedData);
    this.#handle = handle;
    if (cachedData !== undefined) this.cachedDataRejected = handle.cachedDataRejected;
    if (produceCachedData) {
      if (handle.cachedData !== undefined) this.cachedData = Buffer.from(handle.cachedData.buffer);
      this.cachedDataProduced = handle.cachedDataProduced === true;
    }
    this.sourceMapURL = handle.sourceMapURL;
  }

  runInThisContext(options) {
    return runHandle(this.#handle, null, options);
  }

  runInContext(contextifiedObject, options) {
    validateContext(contextifiedObject);
    return runHandle(this.#handle, contexts.get(contextifiedObject), options);
  }

  runInNewContext(contextObject, options) {
    const context = createContext(contextObject, contextOptionsFrom(options));
    return this.runInContext(context, options);
  }

  createCachedData() {
    const bytes = binding.scriptCodeCache(this.#handle);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  }
}

// Each contextified sandbox -> its context's global proxy (what the binding
// runs code in). Weak, so a context lives exactly as long as its sandbox.
const contexts = new WeakMap();

function isContext(object) {
  validateObject(object, 'object', kValidateObjectAllowArray);
  return contexts.has(object);
}

let contextCount = 0;

function createContext(contextObject = {}, options = kEmpty) {
  if (contextObject !== constants.DONT_CONTEXTIFY && isContext(contextObject)) return contextObject;
  validateObject(options, 'options');
  const {
    name = `VM Context ${++contextCount}`,
    origin,
    codeGeneration,
    microtaskMode,
    importModuleDynamically,
  } = options;
  validateString(name, 'options.name');
  if (origin !== undefined) validateString(origin, 'options.origin');
  let strings = true;
  if (codeGeneration !== undefined) {
    validateObject(codeGeneration, 'options.codeGeneration');
    const { strings: allowStrings = true, wasm = true } = codeGeneration;
    validateBoolean(allowStrings, 'options.codeGeneration.strings');
    validateBoolean(wasm, 'options.codeGeneration.wasm');
    strings = allowStrings;
  }
  validateOneOf(microtaskMode, 'options.microtaskMode', ['afterEvaluate', undefined]);
  validateImportModuleDynamically(importModuleDynamically);
  const sandbox = contextObject === constants.DONT_CONTEXTIFY ? {} : contextObject;
  contexts.set(sandbox, binding.makeContext(sandbox, strings));
  return sandbox;
}

// runInNewContext's options name the new context's options with a prefix.
function contextOptionsFrom(options) {
  if (options === undefined || typeof options === 'string') return kEmpty;
  validateObject(options, 'options');
  return {
    name: options.contextName,
    origin: options.contextOrigin,
    codeGeneration: options.contextCodeGeneration,
    microtaskMode: options.microtaskMode,
  };
}

function createScript(code, options) {
  return new Script(code, options);
}

function scriptOptions(options) {
  return typeof options === 'string' ? { filename: options } : options;
}

function runInContext(code, contextifiedObject, options) {
  validateContext(contextifiedObject);
  options = scriptOptions(options);
  return createScript(code, options).runInContext(contextifiedObject, options);
}

function runInNewContext(code, contextObject, options) {
  options = scriptOptions(options);
  const context = createContext(contextObject, contextOptionsFrom(options));
  return createScript(code, options).runInContext(context, options);
}

function runInThisContext(code, options) {
  options = scriptOptions(options);
  return createScript(code, options).runInThisContext(options);
}

function compileFunction(code, params, options = kEmpty) {
  validateString(code, 'code');
  if (params !== undefined) {
    validateArray(params, 'params');
    params.forEach((param, i) => validateString(param, `params[${i}]`));
  }
  validateObject(options, 'options');
  const {
    filename = '',
    columnOffset = 0,
    lineOffset = 0,
    cachedData,
    produceCachedData = false,
    parsingContext,
    contextExtensions = [],
    importModuleDynamically,
  } = options;
  validateString(filename, 'options.filename');
  validateInt32(columnOffset, 'options.columnOffset');
  validateInt32(lineOffset, 'options.lineOffset');
  validateCachedData(cachedData, 'options.cachedData');
  validateBoolean(produceCachedData, 'options.produceCachedData');
  if (parsingContext !== undefined &&
      (typeof parsingContext !== 'object' || parsingContext === null || !isContext(parsingContext))) {
    throw new ERR_INVALID_ARG_TYPE('options.parsingContext', 'Context', parsingContext);
  }
  validateArray(contextExtensions, 'options.contextExtensions');
  contextExtensions.forEach((extension, i) => {
    validateObject(extension, `options.contextExtensions[${i}]`, kValidateObjectAllowArray);
  });
  validateImportModuleDynamically(importModuleDynamically);
  const fn = binding.compileFunctionIn(code, filename, lineOffset, columnOffset, params ?? [],
                                       contexts.get(parsingContext) ?? null, contextExtensions, cachedData, produceCachedData);
  if (fn.cachedData !== undefined) fn.cachedData = Buffer.from(fn.cachedData.buffer);
  return fn;
}

// V8's own measureMemory is not reachable from here: the estimate is the
// heap in use, for the current context (summary) or per context (detailed).
let measureMemoryWarned = false;

function measureMemory(options = kEmpty) {
  if (!measureMemoryWarned) {
    measureMemoryWarned = true;
    process.emitWarning('vm.measureMemory is an experimental feature and might change at any time',
                        'ExperimentalWarning');
  }
  validateObject(options, 'options');
  const { mode = 'summary', execution = 'default' } = options;
  validateOneOf(mode, 'options.mode', ['summary', 'detailed']);
  validateOneOf(execution, 'options.execution', ['default', 'eager']);
  const { used_heap_size: used, total_heap_size: total_ } = require('v8').getHeapStatistics();
  const total = { jsMemoryEstimate: used, jsMemoryRange: [used, total_] };
  const result = mode === 'summary' ? { total } : { total, current: total, other: [] };
  return Promise.resolve(result);
}

module.exports = {
  Script,
  createContext,
  createScript,
  runInContext,
  runInNewContext,
  runInThisContext,
  isContext,
  compileFunction,
  measureMemory,
  constants,
};
