'use strict';

// node:querystring: the lenient application/x-www-form-urlencoded helpers,
// with node's exact results (null-prototype objects, repeated keys as arrays,
// only %XX-bearing parts decoded, a Buffer-based fallback for bad escapes).

const { encodeStr, hexTable, isHexChar } = require('internal/url');

const qs = module.exports = {
  unescapeBuffer,
  unescape: qsUnescape,
  escape: qsEscape,
  stringify,
  encode: stringify,
  parse,
  decode: parse,
};

function hexValue(code) {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

// Percent-decodes into bytes; a '%' not followed by two hex digits stays,
// and each other char is stored as one byte (its low 8 bits), as node does.
function unescapeBuffer(s, decodeSpaces) {
  const { Buffer } = require('buffer');
  const out = Buffer.allocUnsafe(s.length);
  let n = 0;
  let decoded = false;
  for (let i = 0; i < s.length; i++) {
    let code = s.charCodeAt(i);
    if (code === 43 && decodeSpaces) {
      out[n++] = 32;
      continue;
    }
    if (code === 37 && i < s.length - 2) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hi < 0 ? -1 : hexValue(s.charCodeAt(i + 2));
      if (lo >= 0) {
        decoded = true;
        code = hi * 16 + lo;
        i += 2;
      }
    }
    out[n++] = code;
  }
  return decoded ? out.slice(0, n) : out;
}

function qsUnescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    return qs.unescapeBuffer(s, decodeSpaces).toString();
  }
}

// Unreserved for querystring.escape: A-Z a-z 0-9 - _ . ! ~ * ' ( )
const noEscape = new Int8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()") {
  noEscape[c.charCodeAt(0)] = 1;
}

function qsEscape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  return encodeStr(str, noEscape, hexTable);
}

function primitiveText(v) {
  switch (typeof v) {
    case 'string': return v;
    case 'number': return Number.isFinite(v) ? '' + v : '';
    case 'bigint': return '' + v;
    case 'boolean': return v ? 'true' : 'false';
    default: return '';
  }
}

// The default encoder skips escaping what cannot need it.
function encodeDefault(v, encode) {
  if (typeof v === 'string') return v.length ? encode(v) : '';
  if (typeof v === 'number' && Number.isFinite(v)) {
    // 1e21 and above print with a '+', which must be escaped.
    return Math.abs(v) < 1e21 ? '' + v : encode('' + v);
  }
  return primitiveText(v);
}

function encodeCustom(v, encode) {
  return encode(primitiveText(v));
}

function stringify(obj, sep, eq, options) {
  sep = sep || '&';
  eq = eq || '=';
  let encode = qs.escape;
  if (options && typeof options.encodeURIComponent === 'function') {
    encode = options.encodeURIComponent;
  }
  const convert = encode === qsEscape ? encodeDefault : encodeCustom;
  if (obj === null || typeof obj !== 'object') return '';
  const pieces = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const prefix = convert(key, encode) + eq;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      pieces.push(value.map((item) => prefix + convert(item, encode)).join(sep));
    } else {
      pieces.push(prefix + convert(value, encode));
    }
  }
  return pieces.join(sep);
}

function codesOf(str) {
  const codes = [];
  for (let i = 0; i < str.length; i++) codes.push(str.charCodeAt(i));
  return codes;
}

function decodePart(s, decoder) {
  try {
    return decoder(s);
  } catch {
    return qs.unescape(s, true);
  }
}

function addPair(obj, key, value, keyEncoded, valueEncoded, decoder) {
  if (key.length > 0 && keyEncoded) key = decodePart(key, decoder);
  if (value.length > 0 && valueEncoded) value = decodePart(value, decoder);
  const current = obj[key];
  if (current === undefined) {
    obj[key] = value;
  } else if (current.pop) {
    current[current.length] = value;
  } else {
    obj[key] = [current, value];
  }
}

// A single left-to-right pass: separators are matched code by code (no
// backtracking), '+' becomes a space, and a part is only decoded when a
// valid %XX was seen in it (or always, with a custom decoder).
function parse(str, sep, eq, options) {
  const obj = { __proto__: null };
  if (typeof str !== 'string' || str.length === 0) return obj;

  const sepCodes = sep ? codesOf(String(sep)) : [38];
  const eqCodes = eq ? codesOf(String(eq)) : [61];
  let remaining = 1000;
  if (options && typeof options.maxKeys === 'number') {
    remaining = options.maxKeys > 0 ? options.maxKeys : -1;
  }
  let decoder = qs.unescape;
  if (options && typeof options.decodeURIComponent === 'function') {
    decoder = options.decodeURIComponent;
  }
  const custom = decoder !== qsUnescape;
  const space = custom ? '%20' : ' ';

  let key = '';
  let value = '';
  let start = 0;
  let sepAt = 0;
  let eqAt = 0;
  let keyEncoded = custom;
  let valueEncoded = custom;
  let pct = 0; // 0: no escape pending, 1: saw '%', 2: saw '%X'

  for (let i = 0; i < str.length; i++) {
    const code = str.charCodeAt(i);
    if (code === sepCodes[sepAt]) {
      if (++sepAt !== sepCodes.length) continue;
      const end = i - sepAt + 1;
      if (eqAt < eqCodes.length) {
        if (start < end) {
          key += str.slice(start, end);
        } else if (key.length === 0) {
          // An empty pair between separators.
          if (--remaining === 0) return obj;
          start = i + 1;
          sepAt = eqAt = 0;
          continue;
        }
      } else if (start < end) {
        value += str.slice(start, end);
      }
      addPair(obj, key, value, keyEncoded, valueEncoded, decoder);
      if (--remaining === 0) return obj;
      keyEncoded = valueEncoded = custom;
      key = value = '';
      pct = 0;
      start = i + 1;
      sepAt = eqAt = 0;
      continue;
    }
    sepAt = 0;
    if (eqAt < eqCodes.length) {
      // Still in the key.
      if (code === eqCodes[eqAt]) {
        if (++eqAt === eqCodes.length) {
          const end = i - eqAt + 1;
          if (start < end) key += str.slice(start, end);
          pct = 0;
          start = i + 1;
        }
        continue;
      }
      eqAt = 0;
      if (!keyEncoded) {
        if (code === 37) {
          pct = 1;
          continue;
        }
        if (pct > 0) {
          if (isHexChar(code)) {
            if (++pct === 3) keyEncoded = true;
            continue;
          }
          pct = 0;
        }
      }
      if (code === 43) {
        if (start < i) key += str.slice(start, i);
        key += space;
        start = i + 1;
        continue;
      }
    }
    if (code === 43) {
      if (start < i) value += str.slice(start, i);
      value += space;
      start = i + 1;
    } else if (!valueEncoded) {
      if (code === 37) {
        pct = 1;
      } else if (pct > 0) {
        if (isHexChar(code)) {
          if (++pct === 3) valueEncoded = true;
        } else {
          pct = 0;
        }
      }
    }
  }

  if (start < str.length) {
    if (eqAt < eqCodes.length) key += str.slice(start);
    else if (sepAt < sepCodes.length) value += str.slice(start);
  } else if (eqAt === 0 && key.length === 0) {
    return obj;
  }
  addPair(obj, key, value, keyEncoded, valueEncoded, decoder);
  return obj;
}
