'use strict';
// The named exports an ES module sees when it imports CommonJS: found by static
// analysis of the source, as node does (cjs-module-lexer): `exports.x =`,
// `module.exports.x =`, `Object.defineProperty(exports, 'x'`, the keys of
// `module.exports = { ... }`, and re-exports through `module.exports = require('./y')`.

const { readFileUtf8 } = internalBinding('fs');
const path = require('path');

const kAssign = /(?:^|[^.\w$])(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=[^=]/g;
const kBracketAssign = /(?:^|[^.\w$])(?:module\.)?exports\[\s*(['"])([^'"]+)\1\s*\]\s*=[^=]/g;
const kDefine = /Object\.defineProperty\(\s*(?:module\.)?exports\s*,\s*(['"])([^'"]+)\1/g;
const kObjectLiteral = /(?:^|[^.\w$])module\.exports\s*=\s*\{/g;
const kReexport = /(?:^|[^.\w$])module\.exports\s*=\s*require\(\s*(['"])([^'"]+)\1\s*\)/g;

// Top-level keys of the object literal starting at `start` (just after `{`).
function objectLiteralKeys(source, start) {
  const keys = [];
  let depth = 0;
  let token = '';
  let expectKey = true;
  for (let i = start; i < source.length; i++) {
    const ch = source[i];
    if (ch === '{' || ch === '[' || ch === '(') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === '}') {
      if (depth === 0) {
        if (expectKey && token) keys.push(token);
        return keys;
      }
      depth--;
    } else if (depth === 0 && ch === ',') {
      if (expectKey && token) keys.push(token);
      token = '';
      expectKey = true;
    } else if (depth === 0 && ch === ':' && expectKey) {
      if (token) keys.push(token);
      token = '';
      expectKey = false;
    } else if (depth === 0 && expectKey && /[\w$'"]/.test(ch)) {
      if (ch !== '"' && ch !== "'") token += ch;
    } else if (depth === 0 && expectKey && /\s/.test(ch) && token) {
      // `get x() {}` and spreads are not simple keys: drop what came before.
      if (token === 'get' || token === 'set' || token === 'async') token = '';
    } else if (depth === 0 && expectKey && ch === '.') {
      token = '';
      expectKey = false;
    }
  }
  return keys;
}

function cjsExportNames(source, filename, seen = new Set()) {
  if (seen.has(filename)) return [];
  seen.add(filename);
  const names = new Set();
  for (const m of source.matchAll(kAssign)) names.add(m[1]);
  for (const m of source.matchAll(kBracketAssign)) names.add(m[2]);
  for (const m of source.matchAll(kDefine)) names.add(m[2]);
  for (const m of source.matchAll(kObjectLiteral)) {
    for (const key of objectLiteralKeys(source, m.index + m[0].length)) names.add(key);
  }
  for (const m of source.matchAll(kReexport)) {
    for (const name of reexportedNames(m[2], filename, seen)) names.add(name);
  }
  return [...names];
}

function reexportedNames(request, filename, seen) {
  if (!request.startsWith('.')) return [];
  const Module = require('internal/modules/cjs/loader');
  let target;
  try {
    target = Module._resolveFilename(request, { filename, paths: Module._nodeModulePaths(path.dirname(filename)) });
  } catch {
    return [];
  }
  const source = readFileUtf8(target);
  return source === undefined ? [] : cjsExportNames(source, target, seen);
}

module.exports = { cjsExportNames };
