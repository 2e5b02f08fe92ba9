'use strict';

// util.parseEnv(content): the dotenv format as Node 20 reads it (`--env-file`).
// Lines are `KEY=value`; an optional `export ` prefix is dropped from the key;
// values may be wrapped in '...', "..." or `...` (which may span lines; only
// double quotes expand `\n`), and an unquoted value ends at `#`. Only spaces
// count as padding. The keys come out sorted (by code point), as Node stores
// them in an ordered map.

const { validateString } = require('internal/validators');

function trimSpaces(str) {
  let start = 0;
  let end = str.length;
  while (start < end && str[start] === ' ') start++;
  while (end > start && str[end - 1] === ' ') end--;
  return str.slice(start, end);
}

function trimLeadingSpaces(str) {
  let start = 0;
  while (start < str.length && str[start] === ' ') start++;
  return str.slice(start);
}

function parseContent(input) {
  const store = new Map();
  let content = trimSpaces(input.replace(/\r/g, ''));
  while (content.length !== 0) {
    // Blank lines and comment lines. A comment on the last line (no newline
    // after it) falls through and is read as a line like any other.
    if (content[0] === '\n' || content[0] === '#') {
      const newline = content.indexOf('\n');
      if (newline !== -1) {
        content = content.slice(newline + 1);
        continue;
      }
    }
    const equal = content.indexOf('=');
    if (equal === -1) break;
    let key = trimSpaces(content.slice(0, equal));
    content = trimLeadingSpaces(content.slice(equal + 1));
    if (key.length === 0) break;
    if (key.startsWith('export ')) key = key.slice(7);
    if (content.length === 0) {
      store.set(key, '');
      break;
    }
    const first = content[0];
    if (first === '"' || first === "'" || first === '`') {
      const closing = content.indexOf(first, 1);
      if (closing === -1) {
        // No closing quote: the rest of the line, quote included, is the value.
        const newline = content.indexOf('\n');
        if (newline === -1) break;
        store.set(key, content.slice(0, newline));
        content = content.slice(newline);
        continue;
      }
      let value = content.slice(1, closing);
      if (first === '"') value = value.replaceAll('\\n', '\n');
      store.set(key, value);
      // Whatever follows the closing quote on its line is ignored.
      const newline = content.indexOf('\n', closing + 1);
      content = newline === -1 ? '' : content.slice(newline);
      continue;
    }
    const newline = content.indexOf('\n');
    let value = newline === -1 ? content : content.slice(0, newline);
    const hash = value.indexOf('#');
    if (hash !== -1) value = value.slice(0, hash);
    store.set(key, trimSpaces(value));
    content = newline === -1 ? '' : content.slice(newline);
  }
  return store;
}

// Code point order (which is also the byte order of UTF-8).
function compareCodePoints(a, b) {
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len;) {
    const ca = a.codePointAt(i);
    const cb = b.codePointAt(i);
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

function parseEnv(content) {
  validateString(content, 'content');
  const store = parseContent(content);
  const keys = [...store.keys()].sort(compareCodePoints);
  const result = {};
  for (const key of keys) {
    // Plain assignment, as Node does (so `__proto__` sets nothing own).
    result[key] = store.get(key);
  }
  return result;
}

module.exports = {
  parseEnv,
};
