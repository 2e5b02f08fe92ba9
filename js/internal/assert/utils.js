'use strict';

// assert() / assert.ok(): when no message is given, the failing call is quoted
// from the caller's source ("The expression evaluated to a falsy value: ...").

const AssertionError = require('internal/assert/assertion_error');
const { getCallSites } = require('internal/util');
const { isErrorStackTraceLimitWritable } = require('internal/errors');

let acorn;
let acornWalk;

// Quoted call text per call position; `undefined` when it can't be quoted.
const quotedCalls = new Map();

// Control characters in the quoted source are shown as escapes.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;
const SHORT_ESCAPES = { __proto__: null, '\b': '\\b', '\f': '\\f' };
function escapeControl(text) {
  return text.replace(CONTROL_CHARS, (ch) =>
    SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// Finds the call expression around `offset` in `code` (which starts at the
// call's line). Parsing is tried from each token up to `offset` in turn; the
// first expression that parses and has a call reaching `offset` wins.
// Returns [start, text] or undefined.
function findCallAt(code, offset) {
  if (acorn === undefined) {
    acorn = require('internal/deps/acorn/acorn');
    acornWalk = require('internal/deps/acorn/walk');
  }
  const options = { ecmaVersion: 'latest' };
  let tokens;
  try {
    tokens = acorn.tokenizer(code, options);
  } catch {
    return undefined;
  }
  while (true) {
    let token;
    try {
      token = tokens.getToken();
    } catch {
      return undefined;
    }
    if (token.type === acorn.tokTypes.eof || token.start > offset) return undefined;
    let found;
    try {
      const expression = acorn.parseExpressionAt(code, token.start, options);
      found = acornWalk.findNodeAround(expression, offset, 'CallExpression');
    } catch {
      continue;
    }
    if (found !== undefined && found.node.end >= offset) {
      const { start, end } = found.node;
      return [start, escapeControl(code.slice(start, end))];
    }
  }
}

// Source of the call site's file starting at its line `line` (0-based).
function sourceFromLine(fileName, line) {
  const fs = require('fs');
  let path = fileName;
  if (path.startsWith('file:')) path = require('url').fileURLToPath(path);
  let text = fs.readFileSync(path, 'utf8');
  for (let n = 0; n < line; n++) {
    const newline = text.indexOf('\n');
    if (newline === -1) return '';
    text = text.slice(newline + 1);
  }
  return text;
}

function quoteCall(site) {
  const fileName = site.getFileName();
  const line = site.getLineNumber() - 1;
  const column = site.getColumnNumber() - 1;
  // Code without a file (eval, new Function) and built-in modules are not
  // quoted.
  if (!fileName || fileName.startsWith('node:')) return undefined;
  const key = `${fileName}:${line}:${column}`;
  if (quotedCalls.has(key)) return quotedCalls.get(key);

  let quoted;
  const savedLimit = Error.stackTraceLimit;
  const limitWritable = isErrorStackTraceLimitWritable();
  try {
    // Syntax errors thrown while searching need no stack.
    if (limitWritable) Error.stackTraceLimit = 0;
    const found = findCallAt(sourceFromLine(fileName, line), column);
    if (found !== undefined) {
      const [start, text] = found;
      // Continuation lines lose the indentation up to the call's column.
      // (Line ends are only normalized where CRLF is the native one.)
      const lines = process.platform === 'win32' ? text.replace(/\r\n/g, '\n') : text;
      const [first, ...rest] = lines.split('\n');
      let body = first;
      for (const part of rest) {
        let cut = 0;
        while (cut < start && (part[cut] === ' ' || part[cut] === '\t')) cut++;
        body += `\n  ${part.slice(cut)}`;
      }
      quoted = `The expression evaluated to a falsy value:\n\n  ${body}\n`;
    }
  } catch {
    quoted = undefined;
  } finally {
    if (limitWritable) Error.stackTraceLimit = savedLimit;
  }
  quotedCalls.set(key, quoted);
  return quoted;
}

function innerOk(fn, argCount, value, message) {
  if (value) return;
  let generatedMessage = false;
  if (argCount === 0) {
    generatedMessage = true;
    message = 'No value argument passed to `assert.ok()`';
  } else if (message == null) {
    generatedMessage = true;
    const site = getCallSites(fn, 1)[0];
    // Without a quote the message describes the value (`false == true`).
    message = site === undefined ? undefined : quoteCall(site);
  } else if (message instanceof Error) {
    throw message;
  }
  const err = new AssertionError({
    actual: value,
    expected: true,
    message,
    operator: '==',
    stackStartFn: fn,
  });
  err.generatedMessage = generatedMessage;
  throw err;
}

module.exports = { innerOk };
