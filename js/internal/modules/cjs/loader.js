'use strict';
// CommonJS: the Module object, require(), require.cache and the resolution
// algorithm (relative and absolute paths, extensions, directories with
// package.json "main" or index.js, node_modules walking up to the root).

const { compileFunction } = internalBinding('contextify');
const { readFileUtf8 } = internalBinding('fs');
const path = require('path');

const kWrapperParams = ['exports', 'require', 'module', '__filename', '__dirname'];
const builtinRequire = require;

// `node:test` and the like exist only with the scheme; bare `test` is a package.
const schemeOnly = new Set(internalBinding('builtins').schemeOnly);

function isBuiltin(id) {
  const hasScheme = id.startsWith('node:');
  const bare = hasScheme ? id.slice(5) : id;
  if (!hasScheme && schemeOnly.has(bare)) return false;
  if (bare.startsWith('internal/') && !exposeInternals()) return false;
  return builtinRequire.has(bare);
}

let internalsExposed;
// --expose-internals lets tests require('internal/...'), as in node.
function exposeInternals() {
  internalsExposed ??= builtinRequire('internal/options').getOptionValue('--expose-internals') === true;
  return internalsExposed;
}

const builtinModules = builtinRequire.ids()
  .filter((id) => !id.startsWith('internal/') && !schemeOnly.has(id))
  .sort();

function Module(id = '', parent) {
  this.id = id;
  this.path = path.dirname(id);
  this.exports = {};
  this.filename = null;
  this.loaded = false;
  this.children = [];
  if (parent?.children && !parent.children.includes(this)) parent.children.push(this);
}

Module._cache = { __proto__: null };
Module._pathCache = { __proto__: null };
Module._extensions = { __proto__: null };
Module.builtinModules = builtinModules;
Module.isBuiltin = isBuiltin;
Module.wrapper = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
Module.wrap = (script) => Module.wrapper[0] + script + Module.wrapper[1];
Module.globalPaths = [];
Module.Module = Module;

// ---- resolution: node's algorithm, in Rust (internal/modules/native) ----

const native = builtinRequire('internal/modules/native');

Module._nodeModulePaths = function _nodeModulePaths(from) {
  return native.nodeModulePaths(path.resolve(from));
};

Module._resolveLookupPaths = function _resolveLookupPaths(request, parent) {
  if (isBuiltin(request)) return null;
  if (request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..') {
    return [parent?.filename ? path.dirname(parent.filename) : process.cwd()];
  }
  return [...(parent?.paths ?? Module._nodeModulePaths(process.cwd())), ...Module.globalPaths];
};

function notFound(request, parent) {
  const requireStack = [];
  for (let cursor = parent; cursor; cursor = moduleParents.get(cursor)) {
    requireStack.push(cursor.filename || cursor.id);
  }
  let message = `Cannot find module '${request}'`;
  if (requireStack.length > 0) message += `\nRequire stack:\n- ${requireStack.join('\n- ')}`;
  const err = new Error(message);
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = requireStack;
  return err;
}

Module._findPath = function _findPath(request, paths) {
  return native.resolveCjs(request, undefined, undefined, paths) ?? false;
};

Module._resolveFilename = function _resolveFilename(request, parent, isMain, options) {
  if (isBuiltin(request)) return request;
  const parentFilename = typeof parent?.filename === 'string' ? parent.filename : undefined;
  const found = native.resolveCjs(request, parentFilename, parent?.paths, options?.paths);
  if (found === undefined) throw notFound(request, parent);
  return found.startsWith('node:') ? found.slice(5) : found;
};

// ---- loading ----

const moduleParents = new WeakMap();

Module._load = function _load(request, parent, isMain) {
  if (request.startsWith('node:')) {
    const id = request.slice(5);
    if (!isBuiltin(request)) {
      const err = new Error(`No such built-in module: ${request}`);
      err.code = 'ERR_UNKNOWN_BUILTIN_MODULE';
      throw err;
    }
    return builtinRequire(id);
  }
  if (isBuiltin(request)) return builtinRequire(request);
  const filename = Module._resolveFilename(request, parent, isMain);
  const cached = Module._cache[filename];
  if (cached !== undefined) {
    if (parent?.children && !parent.children.includes(cached)) parent.children.push(cached);
    return cached.exports;
  }
  const module = new Module(filename, parent);
  if (parent) moduleParents.set(module, parent);
  if (isMain) {
    process.mainModule = module;
    module.id = '.';
    mainModule = module;
  }
  Module._cache[filename] = module;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    if (threw) delete Module._cache[filename];
  }
  return module.exports;
};

let mainModule;

Module.prototype.load = function load(filename) {
  this.filename = filename;
  this.paths = Module._nodeModulePaths(path.dirname(filename));
  const ext = path.extname(filename);
  const loader = Module._extensions[ext] ?? Module._extensions['.js'];
  loader(this, filename);
  this.loaded = true;
};

Module.prototype.require = function require(id) {
  if (typeof id !== 'string') {
    const { codes: { ERR_INVALID_ARG_TYPE } } = builtinRequire('internal/errors');
    throw new ERR_INVALID_ARG_TYPE('id', 'string', id);
  }
  if (id === '') {
    const { codes: { ERR_INVALID_ARG_VALUE } } = builtinRequire('internal/errors');
    throw new ERR_INVALID_ARG_VALUE('id', id, 'must be a non-empty string');
  }
  return Module._load(id, this, false);
};

function stripShebang(content) {
  return content.startsWith('#!') ? `//${content.slice(2)}` : content;
}

Module.prototype._compile = function _compile(content, filename) {
  const fn = compileFunction(stripShebang(content), filename, kWrapperParams);
  const require = makeRequire(this);
  const dirname = path.dirname(filename);
  return fn.call(this.exports, this.exports, require, this, filename, dirname);
};

function readSource(filename) {
  const content = readFileUtf8(filename);
  if (content === undefined) {
    // Vanished between resolution and loading: report it as fs would.
    const fs = builtinRequire('fs');
    return fs.readFileSync(filename, 'utf8');
  }
  return content;
}

Module._extensions['.js'] = function loadJs(module, filename) {
  if (filename.endsWith('.js') && formatOf(filename) === 'module') {
    loadEsm(module, filename);
    return;
  }
  module._compile(readSource(filename), filename);
};

Module._extensions['.mjs'] = loadEsm;

function formatOf(filename) {
  return builtinRequire('internal/modules/esm/resolve').formatOf(filename);
}


// require() of an ES module gives its namespace (node >= 20.19, no top-level await).
function loadEsm(module, filename) {
  const parent = moduleParents.get(module);
  module.exports = builtinRequire('internal/modules/esm/loader').requireEsm(filename, parent?.filename);
}

Module._extensions['.json'] = function loadJson(module, filename) {
  const content = readSource(filename);
  try {
    module.exports = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  } catch (err) {
    err.message = `${filename}: ${err.message}`;
    throw err;
  }
};

Module._extensions['.node'] = function loadAddon(module, filename) {
  const err = new Error(`Cannot load native addon '${filename}': rnode does not support .node addons`);
  err.code = 'ERR_DLOPEN_FAILED';
  throw err;
};

function makeRequire(module) {
  const require = (id) => module.require(id);
  function resolve(request, options) {
    if (typeof request !== 'string') {
      const { codes: { ERR_INVALID_ARG_TYPE } } = builtinRequire('internal/errors');
      throw new ERR_INVALID_ARG_TYPE('request', 'string', request);
    }
    return Module._resolveFilename(request, module, false, options);
  }
  resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

const kCreateRequireError = 'must be a file URL object, file URL string, or absolute path string';

// node's createRequire: a file URL (object or string) or an absolute path; a
// path ending in '/' names a directory, resolved from as if from a file in it.
Module.createRequire = function createRequire(filename) {
  const { isURL, fileURLToPath } = builtinRequire('internal/url');
  let filepath;
  if (isURL(filename) || (typeof filename === 'string' && !path.isAbsolute(filename))) {
    try {
      filepath = fileURLToPath(filename);
    } catch {
      const { codes: { ERR_INVALID_ARG_VALUE } } = builtinRequire('internal/errors');
      throw new ERR_INVALID_ARG_VALUE('filename', filename, kCreateRequireError);
    }
  } else if (typeof filename !== 'string') {
    const { codes: { ERR_INVALID_ARG_VALUE } } = builtinRequire('internal/errors');
    throw new ERR_INVALID_ARG_VALUE('filename', filename, kCreateRequireError);
  } else {
    filepath = filename;
  }
  const proxyPath = filepath.endsWith('/') ? path.join(filepath, 'noop.js') : filepath;
  const module = new Module(proxyPath);
  module.filename = proxyPath;
  module.paths = Module._nodeModulePaths(module.path);
  return makeRequire(module);
};

// Named ESM imports of built-ins follow their CommonJS exports' current values.
Module.syncBuiltinESMExports = function syncBuiltinESMExports() {
  builtinRequire('internal/modules/esm/loader').syncBuiltinESMExports();
};

Module.runMain = function runMain(main = process.argv[1]) {
  Module._load(main, null, true);
};

Module.makeRequire = makeRequire;
Module.stripShebang = stripShebang;
Module.kWrapperParams = kWrapperParams;

module.exports = Module;
