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

// Keys of `module.exports = { ... }` as cjs-module-lexer finds them: shorthand
// `a`, and `a: value` / `'a': value` when the value starts with an identifier
// (the key counts even if the value goes on, e.g. `a: b.c`); the scan ends at
// the first entry of any other shape, or once a value is more than one identifier.
function objectLiteralKeys(source, start) {
  const keys = [];
  const entry = /\s*(?:([A-Za-z_$][\w$]*)|'([^']*)'|"([^"]*)")\s*(?:(:)\s*[A-Za-z_$][\w$]*)?\s*([,}]?)/y;
  let pos = start;
  for (;;) {
    entry.lastIndex = pos;
    const m = entry.exec(source);
    if (m === null) return keys;
    const [, ident, single, double, colon, end] = m;
    const isShorthand = colon === undefined;
    if (isShorthand && ident === undefined) return keys;
    if (isShorthand && end === '') return keys;
    keys.push(ident ?? single ?? double);
    if (end !== ',') return keys;
    pos = entry.lastIndex;
  }
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
