'use strict';
// CommonJS: the Module object, require(), require.cache and the resolution
// algorithm (relative and absolute paths, extensions, directories with
// package.json "main" or index.js, node_modules walking up to the root).

const { compileFunction } = internalBinding('contextify');
const { internalModuleStat, readFileUtf8, realpathSync } = internalBinding('fs');
const path = require('path');

const kWrapperParams = ['exports', 'require', 'module', '__filename', '__dirname'];
const builtinRequire = require;

function isBuiltin(id) {
  const bare = id.startsWith('node:') ? id.slice(5) : id;
  return !bare.startsWith('internal/') && builtinRequire.has(bare);
}

const builtinModules = builtinRequire.ids().filter((id) => !id.startsWith('internal/')).sort();

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

// ---- resolution ----

function stat(filename) {
  return internalModuleStat(filename);
}

function toRealPath(filename) {
  try {
    return realpathSync(filename);
  } catch {
    return filename;
  }
}

const packageJsonCache = new Map();
function readPackage(dir) {
  const jsonPath = path.join(dir, 'package.json');
  if (packageJsonCache.has(jsonPath)) return packageJsonCache.get(jsonPath);
  const text = readFileUtf8(jsonPath);
  let parsed;
  if (text !== undefined) {
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      err.path = jsonPath;
      err.message = `Error parsing ${jsonPath}: ${err.message}`;
      throw err;
    }
  }
  packageJsonCache.set(jsonPath, parsed);
  return parsed;
}

function tryFile(filename) {
  return stat(filename) === 0 ? toRealPath(filename) : false;
}

function tryExtensions(base) {
  for (const ext of Object.keys(Module._extensions)) {
    const found = tryFile(base + ext);
    if (found) return found;
  }
  return false;
}

function tryPackage(dir) {
  const pkg = readPackage(dir);
  const main = pkg?.main;
  if (typeof main === 'string' && main !== '') {
    const target = path.resolve(dir, main);
    const found = tryFile(target) || tryExtensions(target) || tryExtensions(path.join(target, 'index'));
    if (found) return found;
  }
  return tryExtensions(path.join(dir, 'index'));
}

function resolveAsFileOrDirectory(target) {
  const kind = stat(target);
  if (kind === 0) return toRealPath(target);
  const withExt = tryExtensions(target);
  if (withExt) return withExt;
  if (kind === 1) return tryPackage(target);
  return false;
}

Module._nodeModulePaths = function _nodeModulePaths(from) {
  from = path.resolve(from);
  if (from === '/') return ['/node_modules'];
  const paths = [];
  const parts = from.split('/');
  for (let i = parts.length; i > 0; i--) {
    if (parts[i - 1] === 'node_modules') continue;
    const prefix = parts.slice(0, i).join('/');
    paths.push(`${prefix}/node_modules`);
  }
  paths.push('/node_modules');
  return paths;
};

Module._resolveLookupPaths = function _resolveLookupPaths(request, parent) {
  if (isBuiltin(request)) return null;
  if (request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..') {
    return [parent?.filename ? path.dirname(parent.filename) : process.cwd()];
  }
  const paths = [...(parent?.paths ?? Module._nodeModulePaths(process.cwd())), ...Module.globalPaths];
  return paths;
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
  if (path.isAbsolute(request)) return resolveAsFileOrDirectory(request);
  for (const dir of paths) {
    const found = resolveAsFileOrDirectory(path.resolve(dir, request));
    if (found) return found;
  }
  return false;
};

Module._resolveFilename = function _resolveFilename(request, parent, isMain, options) {
  if (isBuiltin(request)) return request;
  let paths;
  if (options?.paths) {
    paths = [];
    for (const base of options.paths) {
      const isRelative = request.startsWith('./') || request.startsWith('../');
      paths.push(...(isRelative ? [base] : Module._nodeModulePaths(base)));
    }
  } else {
    paths = Module._resolveLookupPaths(request, parent) ?? [];
  }
  const found = Module._findPath(request, paths);
  if (found) return found;
  throw notFound(request, parent);
};

// ---- loading ----

const moduleParents = new WeakMap();

Module._load = function _load(request, parent, isMain) {
  if (request.startsWith('node:')) {
    const id = request.slice(5);
    if (!isBuiltin(id)) {
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

Module.createRequire = function createRequire(filename) {
  if (typeof filename === 'object' && filename !== null && filename.href) {
    filename = builtinRequire('url').fileURLToPath(filename);
  } else if (typeof filename === 'string' && filename.startsWith('file:')) {
    filename = builtinRequire('url').fileURLToPath(filename);
  }
  const module = new Module(filename);
  module.filename = filename;
  module.paths = Module._nodeModulePaths(path.dirname(filename));
  return makeRequire(module);
};

Module.runMain = function runMain(main = process.argv[1]) {
  Module._load(main, null, true);
};

Module.makeRequire = makeRequire;
Module.stripShebang = stripShebang;
Module.kWrapperParams = kWrapperParams;

module.exports = Module;
