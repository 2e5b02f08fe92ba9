'use strict';
// ES modules: resolve, load and link a module graph through V8's module API
// (the `module_wrap` binding), evaluate it, and serve dynamic import() and
// import.meta. CommonJS, JSON and built-in modules enter the graph as
// synthetic modules whose exports are read when they are evaluated.

const wrap = internalBinding('module_wrap');
const { readFileUtf8 } = internalBinding('fs');
const path = require('path');
const {
  codes: {
    ERR_IMPORT_ASSERTION_TYPE_FAILED,
    ERR_IMPORT_ASSERTION_TYPE_MISSING,
    ERR_IMPORT_ATTRIBUTE_UNSUPPORTED,
    ERR_REQUIRE_ASYNC_MODULE,
    ERR_UNKNOWN_BUILTIN_MODULE,
  },
} = require('internal/errors');
const { resolveEsm, formatOf, filePathToURL, urlToFilePath } = require('internal/modules/esm/resolve');
const { cjsExportNames } = require('internal/modules/esm/cjs_exports');

// url -> module id; one record per module for the life of the process.
const idsByUrl = new Map();
let mainPromise;

function loadCommonJs(filename) {
  const Module = require('internal/modules/cjs/loader');
  return Module._load(filename, null, false);
}

function validIdentifier(name) {
  return /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default';
}

function createCommonJsModule(url, filename) {
  const source = readFileUtf8(filename) ?? '';
  const names = cjsExportNames(source, filename).filter(validIdentifier);
  return wrap.createSyntheticModule(url, ['default', ...names], () => {
    const exports = loadCommonJs(filename);
    const namespace = { default: exports };
    for (const name of names) namespace[name] = exports?.[name];
    return namespace;
  });
}

// Built-in modules imported so far: [module id, exports object].
const builtinModules = [];

function createBuiltinModule(url) {
  const id = url.slice(5);
  if (!require.has(id) || id.startsWith('internal/')) throw new ERR_UNKNOWN_BUILTIN_MODULE(url);
  const exports = require(id);
  const names = Object.keys(exports).filter(validIdentifier);
  const moduleId = wrap.createSyntheticModule(url, ['default', ...names], () => {
    const namespace = { default: exports };
    for (const name of names) namespace[name] = exports[name];
    return namespace;
  });
  builtinModules.push([moduleId, exports]);
  return moduleId;
}

// module.syncBuiltinESMExports(): named imports of built-ins see the current
// properties of their CommonJS exports.
function syncBuiltinESMExports() {
  for (const [id, exports] of builtinModules) wrap.setSyntheticExports(id, exports);
}

function createJsonModule(url, filename) {
  return wrap.createSyntheticModule(url, ['default'], () => {
    const source = readFileUtf8(filename);
    try {
      return { default: JSON.parse(source) };
    } catch (err) {
      err.message = `${filename}: ${err.message}`;
      throw err;
    }
  });
}

function checkAttributes(url, format, type) {
  if (format === 'json' && type !== 'json') throw new ERR_IMPORT_ASSERTION_TYPE_MISSING(url, 'json');
  if (type !== undefined && type !== 'json') throw new ERR_IMPORT_ATTRIBUTE_UNSUPPORTED('type', type);
  if (type === 'json' && format !== 'json') throw new ERR_IMPORT_ASSERTION_TYPE_FAILED(url, 'json');
}

// Loads `url` and, depth first, everything it imports; returns its module id.
function load(url, format, type) {
  checkAttributes(url, format, type);
  const cached = idsByUrl.get(url);
  if (cached !== undefined) return cached;
  if (format === 'builtin') {
    const id = createBuiltinModule(url);
    idsByUrl.set(url, id);
    return id;
  }
  const filename = urlToFilePath(url);
  if (format === 'commonjs') {
    const id = createCommonJsModule(url, filename);
    idsByUrl.set(url, id);
    return id;
  }
  if (format === 'json') {
    const id = createJsonModule(url, filename);
    idsByUrl.set(url, id);
    return id;
  }
  const source = stripShebang(readFileUtf8(filename) ?? '');
  return compileAndLink(source, url);
}

function compileAndLink(source, url) {
  const [id, requests] = wrap.compileModule(source, url);
  idsByUrl.set(url, id);
  const children = [];
  for (const [specifier, childType] of requests) {
    const resolved = resolveEsm(specifier, url);
    children.push(load(resolved.url, resolved.format, childType));
  }
  wrap.link(id, children);
  return id;
}

function stripShebang(source) {
  return source.startsWith('#!') ? `//${source.slice(2)}` : source;
}

function instantiateAndEvaluate(id) {
  wrap.instantiate(id);
  return wrap.evaluate(id);
}

// require() of an ES module (node >= 20.19): load and evaluate the graph
// synchronously; a graph with top-level await cannot be required.
function requireEsm(filename, parentFilename) {
  const url = filePathToURL(filename);
  const id = load(url, 'module', undefined);
  wrap.instantiate(id);
  if (wrap.isGraphAsync(id)) {
    throw new ERR_REQUIRE_ASYNC_MODULE(filename, parentFilename);
  }
  const promise = wrap.evaluate(id);
  const { getPromiseDetails, constants: { kRejected } } = internalBinding('util');
  const [state, result] = getPromiseDetails(promise) ?? [];
  if (state === kRejected) {
    promise.catch(() => {});
    throw result;
  }
  return withEsModuleMarker(url, id);
}

// Node marks a required namespace that has a default export with
// `__esModule: true` (for transpiled CommonJS consumers), via a facade module.
function withEsModuleMarker(url, id) {
  const namespace = wrap.getNamespace(id);
  if (!('default' in namespace) || '__esModule' in namespace) return namespace;
  const facadeUrl = `${url}#require-facade`;
  let facade = idsByUrl.get(facadeUrl);
  if (facade === undefined) {
    const source = `export * from ${JSON.stringify(url)}; export { default } from ${JSON.stringify(url)};` +
      ' export const __esModule = true;';
    const [facadeId] = wrap.compileModule(source, facadeUrl);
    wrap.link(facadeId, [id, id]);
    facade = facadeId;
    idsByUrl.set(facadeUrl, facade);
    wrap.instantiate(facade);
    wrap.evaluate(facade);
  }
  return wrap.getNamespace(facade);
}

// node evaluates an ES module entry point from a promise job, so the jobs its
// top level queues run before its process.nextTick callbacks.
function evaluateAsMicrotask(id) {
  wrap.instantiate(id);
  return Promise.resolve().then(() => wrap.evaluate(id));
}

// Runs an ES module entry point (a .mjs file, or .js under "type": "module").
function runMain(filename) {
  require('internal/process/execution').setMainStalledCheck(mainIsStalled);
  const url = filePathToURL(filename);
  const id = load(url, 'module', undefined);
  mainPromise = evaluateAsMicrotask(id);
  return mainPromise;
}

// `--input-type=module` code from -e or stdin.
function runSource(source, name) {
  require('internal/process/execution').setMainStalledCheck(mainIsStalled);
  const url = filePathToURL(path.join(process.cwd(), name));
  const id = compileAndLink(source, url);
  mainPromise = evaluateAsMicrotask(id);
  return mainPromise;
}

function referrerURL(referrer) {
  if (typeof referrer !== 'string' || referrer === '') return filePathToURL(path.join(process.cwd(), '[eval]'));
  if (referrer.startsWith('file:')) return referrer;
  if (path.isAbsolute(referrer)) return filePathToURL(referrer);
  return filePathToURL(path.join(process.cwd(), referrer));
}

// V8's HostImportModuleDynamically, for import() in any kind of code.
async function importModuleDynamically(specifier, referrer, type) {
  const resolved = resolveEsm(`${specifier}`, referrerURL(referrer));
  // Loading happens a tick after resolving, as in node: resolution errors of
  // several pending import() calls reject before their load errors.
  await undefined;
  const id = load(resolved.url, resolved.format, type);
  await instantiateAndEvaluate(id);
  return wrap.getNamespace(id);
}

function initializeImportMeta(meta, url) {
  meta.url = url;
  if (url.startsWith('file:')) {
    const filename = urlToFilePath(url);
    meta.dirname = path.dirname(filename);
    meta.filename = filename;
  }
  meta.resolve = (specifier) => resolveEsm(`${specifier}`, url).url;
}

// True when the entry module's top-level await never settled (exit code 13).
function mainIsStalled() {
  if (mainPromise === undefined) return false;
  const { getPromiseDetails, constants: { kPending } } = internalBinding('util');
  return getPromiseDetails(mainPromise)?.[0] === kPending;
}

module.exports = {
  syncBuiltinESMExports,
  runMain,
  runSource,
  requireEsm,
  importModuleDynamically,
  initializeImportMeta,
  formatOf,
};
