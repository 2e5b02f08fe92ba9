'use strict';
// ES module resolution (node's ESM algorithm): URLs and paths must name a file
// exactly (no extension guessing, no directory index), bare specifiers go
// through node_modules and package.json "exports"/"imports" with the
// import/node/default conditions, and the format comes from the extension and
// the nearest package.json "type".

const { internalModuleStat, readFileUtf8, realpathSync } = internalBinding('fs');
const path = require('path');
const {
  codes: {
    ERR_MODULE_NOT_FOUND,
    ERR_UNSUPPORTED_DIR_IMPORT,
    ERR_UNKNOWN_FILE_EXTENSION,
    ERR_PACKAGE_PATH_NOT_EXPORTED,
    ERR_PACKAGE_IMPORT_NOT_DEFINED,
    ERR_UNSUPPORTED_ESM_URL_SCHEME,
  },
} = require('internal/errors');

const kConditions = ['import', 'node', 'default'];

// file: URLs <-> paths, with node's percent-encoding of path characters.
function filePathToURL(filename) {
  const encoded = filename.split('/').map((part) => encodeURIComponent(part)
    .replace(/%40/g, '@').replace(/%2B/g, '+').replace(/%2C/g, ',').replace(/%3D/g, '=')
    .replace(/%3A/g, ':').replace(/%24/g, '$').replace(/%26/g, '&')).join('/');
  return `file://${encoded}`;
}

function urlToFilePath(url) {
  return decodeURIComponent(new URLish(url).pathname);
}

// Just enough URL parsing for file: URLs, without depending on node:url.
class URLish {
  constructor(url) {
    const match = /^file:\/\/[^/]*(\/[^?#]*)/.exec(url);
    this.pathname = match ? match[1] : url;
  }
}

function readPackageScope(dir) {
  for (;;) {
    const jsonPath = path.join(dir, 'package.json');
    const text = readFileUtf8(jsonPath);
    if (text !== undefined) {
      try {
        return { dir, pkg: JSON.parse(text), jsonPath };
      } catch {
        return { dir, pkg: {}, jsonPath };
      }
    }
    if (path.basename(dir) === 'node_modules' || dir === '/') return undefined;
    dir = path.dirname(dir);
  }
}

function formatOf(filename) {
  const ext = path.extname(filename);
  if (ext === '.mjs') return 'module';
  if (ext === '.cjs') return 'commonjs';
  if (ext === '.json') return 'json';
  const scope = readPackageScope(path.dirname(filename));
  const isModule = scope?.pkg?.type === 'module';
  if (ext === '.js' || ext === '') return isModule ? 'module' : 'commonjs';
  if (isModule) throw new ERR_UNKNOWN_FILE_EXTENSION(ext, filename);
  return 'commonjs';
}

function realFile(filename, specifier, parentPath) {
  const kind = internalModuleStat(filename);
  if (kind === 1) {
    const dir = filename.endsWith('/') ? filename : `${filename}/`;
    throw new ERR_UNSUPPORTED_DIR_IMPORT(dir, parentPath, filePathToURL(dir));
  }
  if (kind !== 0) throw new ERR_MODULE_NOT_FOUND(filename, parentPath, filePathToURL(filename));
  try {
    return realpathSync(filename);
  } catch {
    return filename;
  }
}

// Picks the target of an "exports"/"imports" value under our conditions.
function resolveTarget(target, patternMatch) {
  if (typeof target === 'string') {
    return patternMatch === undefined ? target : target.replaceAll('*', patternMatch);
  }
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = resolveTarget(item, patternMatch);
      if (found) return found;
    }
    return null;
  }
  if (target !== null && typeof target === 'object') {
    for (const key of Object.keys(target)) {
      if (kConditions.includes(key)) {
        const found = resolveTarget(target[key], patternMatch);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }
  return null;
}

function matchSubpath(map, subpath) {
  if (Object.hasOwn(map, subpath) && !subpath.includes('*')) return resolveTarget(map[subpath]);
  let best;
  for (const key of Object.keys(map)) {
    const star = key.indexOf('*');
    if (star === -1) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length) {
      if (best === undefined || prefix.length > best.prefix.length) {
        best = { key, prefix, match: subpath.slice(prefix.length, subpath.length - suffix.length) };
      }
    }
  }
  return best ? resolveTarget(map[best.key], best.match) : undefined;
}

function exportsMap(exports) {
  const isSugar = typeof exports === 'string' || Array.isArray(exports) ||
    (exports !== null && typeof exports === 'object' && !Object.keys(exports).some((k) => k.startsWith('.')));
  return isSugar ? { '.': exports } : exports;
}

function resolvePackage(specifier, parentPath) {
  const parts = specifier.split('/');
  const nameParts = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameParts).join('/');
  const subpath = `.${parts.length > nameParts ? `/${parts.slice(nameParts).join('/')}` : ''}`;
  for (let dir = path.dirname(parentPath); ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') {
      const pkgDir = path.join(dir, 'node_modules', name);
      if (internalModuleStat(pkgDir) === 1) return resolveInPackage(pkgDir, subpath, specifier, parentPath);
    }
    if (dir === '/') break;
  }
  throw new ERR_MODULE_NOT_FOUND(name, parentPath);
}

function resolveInPackage(pkgDir, subpath, specifier, parentPath) {
  const text = readFileUtf8(path.join(pkgDir, 'package.json'));
  const pkg = text === undefined ? {} : JSON.parse(text);
  if (pkg.exports !== undefined && pkg.exports !== null) {
    const target = matchSubpath(exportsMap(pkg.exports), subpath);
    if (!target) throw new ERR_PACKAGE_PATH_NOT_EXPORTED(`${pkgDir}/`, subpath, parentPath);
    return realFile(path.join(pkgDir, target), specifier, parentPath);
  }
  if (subpath !== '.') return realFile(path.join(pkgDir, subpath), specifier, parentPath);
  return legacyMain(pkgDir, pkg, parentPath);
}

// A package without "exports": its "main" (with CommonJS-style guessing), then index.js.
function legacyMain(pkgDir, pkg, parentPath) {
  const candidates = [];
  if (typeof pkg.main === 'string') {
    const main = path.join(pkgDir, pkg.main);
    candidates.push(main, `${main}.js`, `${main}.json`, `${main}.node`, `${main}/index.js`, `${main}/index.json`);
  }
  candidates.push(path.join(pkgDir, 'index.js'), path.join(pkgDir, 'index.json'));
  for (const candidate of candidates) {
    if (internalModuleStat(candidate) === 0) return realpathSync(candidate);
  }
  throw new ERR_MODULE_NOT_FOUND(pkgDir, parentPath);
}

function resolveImports(specifier, parentPath) {
  const scope = readPackageScope(path.dirname(parentPath));
  const imports = scope?.pkg?.imports;
  const target = imports ? matchSubpath(imports, specifier) : undefined;
  if (!target) throw new ERR_PACKAGE_IMPORT_NOT_DEFINED(specifier, scope ? `${scope.dir}/` : undefined, parentPath);
  if (target.startsWith('./')) return realFile(path.join(scope.dir, target), specifier, parentPath);
  return resolvePackage(target, parentPath);
}

function isBuiltin(specifier) {
  const id = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  return !id.startsWith('internal/') && require.has(id);
}

// resolveEsm(specifier, parentURL) -> { url, format }
function resolveEsm(specifier, parentURL) {
  if (specifier.startsWith('node:') || isBuiltin(specifier)) {
    return { url: specifier.startsWith('node:') ? specifier : `node:${specifier}`, format: 'builtin' };
  }
  const parentPath = parentURL.startsWith('file:') ? urlToFilePath(parentURL) : parentURL;
  let filename;
  if (specifier.startsWith('file:')) {
    filename = realFile(urlToFilePath(specifier), specifier, parentPath);
  } else if (specifier.startsWith('/') || specifier.startsWith('./') || specifier.startsWith('../') ||
             specifier === '.' || specifier === '..') {
    const decoded = decodeURIComponent(specifier.split(/[?#]/)[0]);
    filename = realFile(path.resolve(path.dirname(parentPath), decoded), specifier, parentPath);
  } else if (specifier.startsWith('#')) {
    filename = resolveImports(specifier, parentPath);
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) {
    throw new ERR_UNSUPPORTED_ESM_URL_SCHEME(new URL(specifier), ['file', 'data', 'node']);
  } else {
    filename = resolvePackage(specifier, parentPath);
  }
  return { url: filePathToURL(filename), format: formatOf(filename) };
}

module.exports = { resolveEsm, formatOf, filePathToURL, urlToFilePath, readPackageScope };
