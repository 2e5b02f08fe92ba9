'use strict';
// ES module resolution and formats: node's algorithm runs in Rust
// (internal/modules/native); this adds the format of files with no "type"
// (node 20.19 detects ES module syntax) and file: URL conversion.

const native = require('internal/modules/native');
const { readFileUtf8 } = internalBinding('fs');
const { containsModuleSyntax } = internalBinding('contextify');

const kWrapperParams = ['exports', 'require', 'module', '__filename', '__dirname'];

function filePathToURL(filename) {
  return require('internal/url').pathToFileURL(filename).href;
}

function urlToFilePath(url) {
  return require('internal/url').fileURLToPath(url);
}

// 'detect' (a .js file outside any "type" scope) becomes 'module' only when the
// source is ES module syntax that does not compile as CommonJS.
function settleDetect(format, filename) {
  if (format !== 'detect') return format;
  const source = readFileUtf8(filename);
  if (source === undefined) return 'commonjs';
  return containsModuleSyntax(source, filename, kWrapperParams) ? 'module' : 'commonjs';
}

// resolveEsm(specifier, parentURL) -> { url, format }
function resolveEsm(specifier, parentURL) {
  const resolved = native.resolveEsm(specifier, parentURL);
  if (resolved.url.startsWith('file:')) resolved.format = settleDetect(resolved.format, urlToFilePath(resolved.url));
  return resolved;
}

// How require() or the main entry loads `filename`.
function formatOf(filename) {
  return settleDetect(native.cjsFormat(filename), filename);
}

module.exports = { resolveEsm, formatOf, filePathToURL, urlToFilePath };
