'use strict';

// util.MIMEType and util.MIMEParams: the WHATWG MIME Sniffing "parse a MIME
// type" and "serialize a MIME type" algorithms, with Node's API on top. The
// constructor is strict about the type and subtype (ERR_INVALID_MIME_SYNTAX)
// and lenient about parameters (bad ones are dropped, as the spec says).

const {
  codes: { ERR_INVALID_MIME_SYNTAX },
} = require('internal/errors');

// First character that is not an HTTP token code point, or -1.
const kNotToken = /[^!#$%&'*+\-.^_`|~A-Za-z0-9]/;
// First character that is not an HTTP quoted-string token code point, or -1.
const kNotQuotedStringToken = /[^\t\u0020-\u007E\u0080-\u00FF]/;
// HTTP whitespace: tab, LF, CR and space.
const kLeadingWhitespace = /^[\t\n\r ]+/;
const kTrailingWhitespace = /[\t\n\r ]+$/;

function invalidTokenIndex(str) {
  return str.search(kNotToken);
}

function invalidValueIndex(str) {
  return str.search(kNotQuotedStringToken);
}

function isWhitespace(ch) {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

// Lower-cases ASCII letters only (non-ASCII never validates anyway, and must not
// turn into ASCII, e.g. the Kelvin sign).
function asciiLowerCase(str) {
  return str.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

// Checks a type or subtype given to the constructor or a setter.
function checkToken(production, token, input) {
  if (token.length === 0) throw new ERR_INVALID_MIME_SYNTAX(production, input, -1);
  const bad = invalidTokenIndex(token);
  if (bad !== -1) throw new ERR_INVALID_MIME_SYNTAX(production, input, bad);
  return asciiLowerCase(token);
}

// Quotes a parameter value unless it is a non-empty token.
function serializeValue(value) {
  if (value.length !== 0 && invalidTokenIndex(value) === -1) return value;
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

let getParamsMap;

class MIMEParams {
  #data = new Map();

  static {
    getParamsMap = (params) => params.#data;
  }

  // A private method, so a foreign receiver fails V8's brand check with
  // "Receiver must be an instance of class MIMEParams".
  #map() {
    return this.#data;
  }

  delete(name) {
    this.#map().delete(name);
  }

  get(name) {
    const map = this.#map();
    return map.has(name) ? map.get(name) : null;
  }

  has(name) {
    return this.#map().has(name);
  }

  set(name, value) {
    const map = this.#map();
    name = `${name}`;
    value = `${value}`;
    const badName = invalidTokenIndex(name);
    if (name.length === 0 || badName !== -1) {
      throw new ERR_INVALID_MIME_SYNTAX('parameter name', name, badName);
    }
    const badValue = invalidValueIndex(value);
    if (badValue !== -1) {
      throw new ERR_INVALID_MIME_SYNTAX('parameter value', value, badValue);
    }
    map.set(name, value);
  }

  *entries() {
    yield* this.#map().entries();
  }

  *keys() {
    yield* this.#map().keys();
  }

  *values() {
    yield* this.#map().values();
  }

  toString() {
    const parts = [];
    for (const { 0: name, 1: value } of this.#map()) {
      parts.push(`${name}=${serializeValue(value)}`);
    }
    return parts.join(';');
  }

  toJSON() {
    return this.toString();
  }
}

Object.defineProperty(MIMEParams.prototype, Symbol.iterator, {
  __proto__: null,
  value: MIMEParams.prototype.entries,
  writable: true,
  enumerable: false,
  configurable: true,
});

// Reads an HTTP quoted string starting at the `"` at `pos` (value extraction
// mode): backslash escapes the next character, a lone trailing backslash stays.
// Returns [value, position after it].
function readQuotedString(str, pos) {
  let value = '';
  pos++;
  for (;;) {
    let end = pos;
    while (end < str.length && str[end] !== '"' && str[end] !== '\\') end++;
    value += str.slice(pos, end);
    pos = end;
    if (pos >= str.length) break;
    const ch = str[pos++];
    if (ch === '\\') {
      if (pos >= str.length) {
        value += '\\';
        break;
      }
      value += str[pos++];
    } else {
      break;
    }
  }
  return [value, pos];
}

// Adds the parameters of `str` from `pos` (at a ';' or the end) to `map`,
// skipping any that are malformed or repeated.
function parseParameters(str, pos, map) {
  const len = str.length;
  while (pos < len) {
    pos++; // the ';'
    while (pos < len && isWhitespace(str[pos])) pos++;
    let end = pos;
    while (end < len && str[end] !== ';' && str[end] !== '=') end++;
    const name = asciiLowerCase(str.slice(pos, end));
    pos = end;
    if (pos >= len) break;
    if (str[pos] === ';') continue;
    pos++; // the '='
    if (pos >= len) break;
    let value;
    if (str[pos] === '"') {
      [value, pos] = readQuotedString(str, pos);
      while (pos < len && str[pos] !== ';') pos++;
    } else {
      end = pos;
      while (end < len && str[end] !== ';') end++;
      value = str.slice(pos, end).replace(kTrailingWhitespace, '');
      pos = end;
      if (value.length === 0) continue;
    }
    if (name.length !== 0 && invalidTokenIndex(name) === -1 &&
        invalidValueIndex(value) === -1 && !map.has(name)) {
      map.set(name, value);
    }
  }
}

class MIMEType {
  #type;
  #subtype;
  #parameters = new MIMEParams();

  constructor(string) {
    string = `${string}`;
    const str = string.replace(kLeadingWhitespace, '').replace(kTrailingWhitespace, '');
    const slash = str.indexOf('/');
    const type = slash === -1 ? '' : str.slice(0, slash);
    if (slash === -1 || type.length === 0) {
      throw new ERR_INVALID_MIME_SYNTAX('type', string, -1);
    }
    const badType = invalidTokenIndex(type);
    if (badType !== -1) throw new ERR_INVALID_MIME_SYNTAX('type', string, badType);
    let end = str.indexOf(';', slash + 1);
    if (end === -1) end = str.length;
    const subtype = str.slice(slash + 1, end).replace(kTrailingWhitespace, '');
    this.#type = asciiLowerCase(type);
    this.#subtype = checkToken('subtype', subtype, string);
    parseParameters(str, end, getParamsMap(this.#parameters));
  }

  get type() {
    return this.#type;
  }

  set type(v) {
    v = `${v}`;
    this.#type = checkToken('type', v, v);
  }

  get subtype() {
    return this.#subtype;
  }

  set subtype(v) {
    v = `${v}`;
    this.#subtype = checkToken('subtype', v, v);
  }

  get essence() {
    return `${this.#type}/${this.#subtype}`;
  }

  get params() {
    return this.#parameters;
  }

  toString() {
    const essence = `${this.#type}/${this.#subtype}`;
    const params = `${this.#parameters}`;
    return params.length !== 0 ? `${essence};${params}` : essence;
  }

  toJSON() {
    return this.toString();
  }
}

module.exports = {
  MIMEParams,
  MIMEType,
};
