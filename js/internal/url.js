'use strict';

// The WHATWG URL API (URL, URLSearchParams) and the file-URL helpers.
// Parsing and the setters run in Rust on the `url` crate
// (internalBinding('url')); a URL keeps the serialised parts it returns.

const { inspect } = require('internal/util/inspect');
const { getConstructorOf, removeColors, kEnumerableProperty, kEmptyObject } = require('internal/util');
const {
  codes: {
    ERR_ARG_NOT_ITERABLE,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_FILE_URL_HOST,
    ERR_INVALID_FILE_URL_PATH,
    ERR_INVALID_THIS,
    ERR_INVALID_TUPLE,
    ERR_INVALID_URI,
    ERR_INVALID_URL_SCHEME,
    ERR_MISSING_ARGS,
  },
} = require('internal/errors');
const { validateFunction } = require('internal/validators');
const path = require('path');

const binding = internalBinding('url');
const isWindows = process.platform === 'win32';

// ---- percent-encoding shared with querystring and the legacy url module ----

const hexTable = new Array(256);
for (let i = 0; i < 256; i++) hexTable[i] = '%' + (i < 16 ? '0' : '') + i.toString(16).toUpperCase();

function isHexChar(code) {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

// UTF-8 percent-encodes every code unit whose table entry is not 1. A
// surrogate takes the next unit as its pair without checking it (node does
// the same); one at the very end throws ERR_INVALID_URI.
function encodeStr(str, noEscapeTable, table) {
  const len = str.length;
  if (len === 0) return '';
  let out = '';
  let lastPos = 0;
  for (let i = 0; i < len; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      if (noEscapeTable[c] === 1) continue;
      if (lastPos < i) out += str.slice(lastPos, i);
      lastPos = i + 1;
      out += table[c];
      continue;
    }
    if (lastPos < i) out += str.slice(lastPos, i);
    if (c < 0x800) {
      lastPos = i + 1;
      out += table[0xC0 | (c >> 6)] + table[0x80 | (c & 0x3F)];
      continue;
    }
    if (c < 0xD800 || c >= 0xE000) {
      lastPos = i + 1;
      out += table[0xE0 | (c >> 12)] + table[0x80 | ((c >> 6) & 0x3F)] + table[0x80 | (c & 0x3F)];
      continue;
    }
    i++;
    if (i >= len) throw new ERR_INVALID_URI();
    const low = str.charCodeAt(i) & 0x3FF;
    lastPos = i + 1;
    c = 0x10000 + (((c & 0x3FF) << 10) | low);
    out += table[0xF0 | (c >> 18)] + table[0x80 | ((c >> 12) & 0x3F)] +
      table[0x80 | ((c >> 6) & 0x3F)] + table[0x80 | (c & 0x3F)];
  }
  if (lastPos === 0) return str;
  if (lastPos < len) return out + str.slice(lastPos);
  return out;
}

// Protocol sets of the legacy url.parse().
const unsafeProtocol = new Set(['javascript', 'javascript:']);
const hostlessProtocol = new Set(['javascript', 'javascript:']);
const slashedProtocol = new Set([
  'http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:',
  'file', 'file:', 'ws', 'ws:', 'wss', 'wss:',
]);

// Setter codes understood by binding.update().
const updateActions = {
  kProtocol: 0,
  kHost: 1,
  kHostname: 2,
  kPort: 3,
  kUsername: 4,
  kPassword: 5,
  kPathname: 6,
  kSearch: 7,
  kHash: 8,
  kHref: 9,
};

// Indexes into the parts array the binding returns.
const HREF = 0;
const ORIGIN = 1;
const PROTOCOL = 2;
const USERNAME = 3;
const PASSWORD = 4;
const HOST = 5;
const HOSTNAME = 6;
const PORT = 7;
const PATHNAME = 8;
const SEARCH = 9;
const HASH = 10;

// The error node's C++ parser throws: a plain TypeError with a code.
function invalidURL(input, base) {
  const err = new TypeError('Invalid URL');
  err.code = 'ERR_INVALID_URL';
  err.input = input;
  if (base !== undefined) err.base = base;
  return err;
}

function toUSVString(value) {
  return `${value}`.toWellFormed();
}

// ---- application/x-www-form-urlencoded ----

let querystring;
function unescapePart(s) {
  querystring ??= require('querystring');
  return querystring.unescape(s);
}

// Parses a query (an optional leading '?' skipped) into [name, value, ...].
function parseParams(qs) {
  const out = [];
  let i = qs[0] === '?' ? 1 : 0;
  while (i <= qs.length) {
    let end = qs.indexOf('&', i);
    if (end === -1) end = qs.length;
    if (end > i) {
      const pair = qs.slice(i, end);
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      const value = eq === -1 ? '' : pair.slice(eq + 1);
      out.push(decodeParam(name), decodeParam(value));
    }
    i = end + 1;
  }
  return out;
}

// '+' is a space; the rest is only decoded when it holds a valid escape
// (node's check lets '+' sit inside one: '%4+1' counts).
function decodeParam(s) {
  const encoded = /%\+*[0-9a-fA-F]\+*[0-9a-fA-F]/.test(s);
  if (s.includes('+')) s = s.replace(/\+/g, ' ');
  return encoded ? unescapePart(s) : s;
}

// Unreserved in the urlencoded serializer: * - . _ and alphanumerics.
const noEscapeParam = new Int8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-._') {
  noEscapeParam[c.charCodeAt(0)] = 1;
}
const paramHexTable = hexTable.slice();
paramHexTable[0x20] = '+';

function serializeParams(list) {
  let out = '';
  for (let i = 0; i < list.length; i += 2) {
    if (i > 0) out += '&';
    out += encodeStr(list[i], noEscapeParam, paramHexTable) + '=' +
      encodeStr(list[i + 1], noEscapeParam, paramHexTable);
  }
  return out;
}

// ---- URLSearchParams ----

let getParamsList;
let setParamsList;
let linkParamsToURL;
let paramsChanged; // (url) => void, set by URL

function innerOptions(ctx, recurseTimes) {
  const opts = { ...ctx };
  if (recurseTimes !== null) opts.depth = recurseTimes - 1;
  return opts;
}

class URLSearchParamsIterator {
  #target;
  #kind;
  #index = 0;

  constructor(target, kind) {
    this.#target = target;
    this.#kind = kind;
  }

  next() {
    if (typeof this !== 'object' || this === null || !(#target in this)) {
      throw new ERR_INVALID_THIS('URLSearchParamsIterator');
    }
    const list = getParamsList(this.#target);
    const index = this.#index;
    if (index >= list.length) return { value: undefined, done: true };
    this.#index = index + 2;
    const name = list[index];
    const value = list[index + 1];
    let result;
    if (this.#kind === 'key') result = name;
    else if (this.#kind === 'value') result = value;
    else result = [name, value];
    return { value: result, done: false };
  }

  [inspect.custom](recurseTimes, ctx) {
    if (this == null || typeof this !== 'object' || !(#target in this)) {
      throw new ERR_INVALID_THIS('URLSearchParamsIterator');
    }
    if (typeof recurseTimes === 'number' && recurseTimes < 0) return ctx.stylize('[Object]', 'special');
    const opts = innerOptions(ctx, recurseTimes);
    const list = getParamsList(this.#target);
    const output = [];
    for (let i = this.#index; i < list.length; i += 2) {
      if (this.#kind === 'key') output.push(list[i]);
      else if (this.#kind === 'value') output.push(list[i + 1]);
      else output.push([list[i], list[i + 1]]);
    }
    const breakLn = inspect(output, opts).includes('\n');
    const strs = output.map((p) => inspect(p, opts));
    const body = breakLn ? `\n  ${strs.join(',\n  ')}` : ` ${strs.join(', ')}`;
    return `${this[Symbol.toStringTag]} {${body} }`;
  }
}

delete URLSearchParamsIterator.prototype.constructor;
Object.setPrototypeOf(URLSearchParamsIterator.prototype, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
Object.defineProperties(URLSearchParamsIterator.prototype, {
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'URLSearchParams Iterator' },
  next: kEnumerableProperty,
});

let isParamsInstance;
function checkParams(self) {
  if (!isParamsInstance(self)) {
    throw new ERR_INVALID_THIS('URLSearchParams');
  }
}

class URLSearchParams {
  #list = [];
  #url = null;

  static {
    getParamsList = (params) => params.#list;
    setParamsList = (params, search) => {
      params.#list = search ? parseParams(search) : [];
    };
    linkParamsToURL = (params, url) => {
      params.#url = url;
    };
    isParamsInstance = (value) => typeof value === 'object' && value !== null && #list in value;
  }

  constructor(init = undefined) {
    if (init == null) {
      // Nothing to add.
    } else if (typeof init === 'object' || typeof init === 'function') {
      const method = init[Symbol.iterator];
      if (method === this[Symbol.iterator] && #list in init) {
        this.#list = init.#list.slice();
      } else if (method != null) {
        if (typeof method !== 'function') throw new ERR_ARG_NOT_ITERABLE('Query pairs');
        for (const pair of init) {
          if (pair == null) throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          if (Array.isArray(pair)) {
            if (pair.length !== 2) throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
            this.#list.push(toUSVString(pair[0]), toUSVString(pair[1]));
            continue;
          }
          if ((typeof pair !== 'object' && typeof pair !== 'function') || typeof pair[Symbol.iterator] !== 'function') {
            throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          }
          let length = 0;
          for (const element of pair) {
            length++;
            this.#list.push(toUSVString(element));
          }
          if (length !== 2) throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
        }
      } else {
        // A record: own enumerable keys, later duplicates (after USVString
        // conversion) overwrite earlier values.
        const seen = new Map();
        for (const key of Reflect.ownKeys(init)) {
          const desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (desc === undefined || !desc.enumerable) continue;
          const name = key.toWellFormed();
          const value = toUSVString(init[key]);
          const at = seen.get(name);
          if (at !== undefined) {
            this.#list[at] = value;
          } else {
            seen.set(name, this.#list.push(name, value) - 1);
          }
        }
      }
    } else {
      init = toUSVString(init);
      this.#list = init ? parseParams(init) : [];
    }
  }

  #changed() {
    if (this.#url) paramsChanged(this.#url);
  }

  [inspect.custom](recurseTimes, ctx) {
    checkParams(this);
    if (typeof recurseTimes === 'number' && recurseTimes < 0) return ctx.stylize('[Object]', 'special');
    const opts = innerOptions(ctx, recurseTimes);
    const list = this.#list;
    const output = [];
    for (let i = 0; i < list.length; i += 2) {
      output.push(`${inspect(list[i], opts)} => ${inspect(list[i + 1], opts)}`);
    }
    const length = output.reduce((sum, s) => sum + removeColors(s).length + 2, -2);
    const name = this.constructor.name;
    if (length > ctx.breakLength) return `${name} {\n  ${output.join(',\n  ')} }`;
    if (output.length) return `${name} { ${output.join(', ')} }`;
    return `${name} {}`;
  }

  get size() {
    checkParams(this);
    return this.#list.length / 2;
  }

  append(name, value) {
    checkParams(this);
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    this.#list.push(toUSVString(name), toUSVString(value));
    this.#changed();
  }

  delete(name, value = undefined) {
    checkParams(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    if (value !== undefined) value = toUSVString(value);
    const list = this.#list;
    for (let i = 0; i < list.length;) {
      if (list[i] === name && (value === undefined || list[i + 1] === value)) list.splice(i, 2);
      else i += 2;
    }
    this.#changed();
  }

  get(name) {
    checkParams(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) return list[i + 1];
    }
    return null;
  }

  getAll(name) {
    checkParams(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    const list = this.#list;
    const values = [];
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) values.push(list[i + 1]);
    }
    return values;
  }

  has(name, value = undefined) {
    checkParams(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    if (value !== undefined) value = toUSVString(value);
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name && (value === undefined || list[i + 1] === value)) return true;
    }
    return false;
  }

  set(name, value) {
    checkParams(this);
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    name = toUSVString(name);
    value = toUSVString(value);
    const list = this.#list;
    let found = false;
    for (let i = 0; i < list.length;) {
      if (list[i] !== name) {
        i += 2;
      } else if (!found) {
        list[i + 1] = value;
        found = true;
        i += 2;
      } else {
        list.splice(i, 2);
      }
    }
    if (!found) list.push(name, value);
    this.#changed();
  }

  sort() {
    checkParams(this);
    const list = this.#list;
    const pairs = [];
    for (let i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1]]);
    // A stable sort by UTF-16 code units of the names.
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (let i = 0; i < pairs.length; i++) {
      list[2 * i] = pairs[i][0];
      list[2 * i + 1] = pairs[i][1];
    }
    this.#changed();
  }

  entries() {
    checkParams(this);
    return new URLSearchParamsIterator(this, 'key+value');
  }

  forEach(callback, thisArg = undefined) {
    checkParams(this);
    validateFunction(callback, 'callback');
    for (let i = 0; i < this.#list.length; i += 2) {
      const list = this.#list;
      callback.call(thisArg, list[i + 1], list[i], this);
    }
  }

  keys() {
    checkParams(this);
    return new URLSearchParamsIterator(this, 'key');
  }

  values() {
    checkParams(this);
    return new URLSearchParamsIterator(this, 'value');
  }

  toString() {
    checkParams(this);
    return serializeParams(this.#list);
  }
}

Object.defineProperties(URLSearchParams.prototype, {
  append: kEnumerableProperty,
  delete: kEnumerableProperty,
  get: kEnumerableProperty,
  getAll: kEnumerableProperty,
  has: kEnumerableProperty,
  set: kEnumerableProperty,
  size: kEnumerableProperty,
  sort: kEnumerableProperty,
  entries: kEnumerableProperty,
  forEach: kEnumerableProperty,
  keys: kEnumerableProperty,
  values: kEnumerableProperty,
  toString: kEnumerableProperty,
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'URLSearchParams' },
  [Symbol.iterator]: {
    __proto__: null,
    configurable: true,
    writable: true,
    value: URLSearchParams.prototype.entries,
  },
});

// ---- URL ----

function isURL(self) {
  return Boolean(self?.href && self.protocol && self.auth === undefined && self.path === undefined);
}

const kParseURLSymbol = Symbol('kParseURL');

class URL {
  #context;
  #searchParams = null;
  // searchParams changed since the query was last written back (done
  // lazily, so many appends cost one re-serialisation).
  #paramsDirty = false;

  static {
    paramsChanged = (url) => {
      url.#paramsDirty = true;
    };
  }

  #sync() {
    if (!this.#paramsDirty) return;
    this.#paramsDirty = false;
    const list = getParamsList(this.#searchParams);
    const search = list.length ? `?${serializeParams(list)}` : '';
    const parts = binding.update(this.#context[HREF], updateActions.kSearch, search);
    if (parts !== undefined) this.#context = parts;
  }

  constructor(input, base = undefined, parseSymbol = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    input = `${input}`;
    if (base !== undefined) base = `${base}`;
    const parts = binding.parse(input, base);
    if (parts === undefined) {
      if (parseSymbol === kParseURLSymbol) {
        this.#context = null;
        return;
      }
      throw invalidURL(input, base);
    }
    this.#context = parts;
  }

  static parse(input, base = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    const url = new URL(input, base, kParseURLSymbol);
    return url.#context === null ? null : url;
  }

  static canParse(url, base = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    url = `${url}`;
    if (base !== undefined) return binding.canParse(url, `${base}`);
    return binding.canParse(url);
  }

  // Applies a setter; `refreshParams` re-reads searchParams from the query.
  #update(action, value, refreshParams) {
    this.#sync();
    const parts = binding.update(this.#context[HREF], action, value);
    if (parts === undefined) return false;
    this.#context = parts;
    if (refreshParams && this.#searchParams !== null) {
      setParamsList(this.#searchParams, parts[SEARCH]);
    }
    return true;
  }

  [inspect.custom](depth, opts) {
    if (typeof depth === 'number' && depth < 0) return this;
    const constructor = getConstructorOf(this) || URL;
    const obj = { __proto__: { constructor } };
    obj.href = this.href;
    obj.origin = this.origin;
    obj.protocol = this.protocol;
    obj.username = this.username;
    obj.password = this.password;
    obj.host = this.host;
    obj.hostname = this.hostname;
    obj.port = this.port;
    obj.pathname = this.pathname;
    obj.search = this.search;
    obj.searchParams = this.searchParams;
    obj.hash = this.hash;
    if (opts.showHidden) {
      obj[Symbol('context')] = this.#context;
    }
    return `${constructor.name} ${inspect(obj, opts)}`;
  }

  toString() {
    this.#sync();
    return this.#context[HREF];
  }

  get href() {
    this.#sync();
    return this.#context[HREF];
  }

  set href(value) {
    value = `${value}`;
    if (!this.#update(updateActions.kHref, value, true)) throw invalidURL(value);
  }

  get origin() {
    return this.#context[ORIGIN];
  }

  get protocol() {
    return this.#context[PROTOCOL];
  }

  set protocol(value) {
    this.#update(updateActions.kProtocol, `${value}`, false);
  }

  get username() {
    return this.#context[USERNAME];
  }

  set username(value) {
    this.#update(updateActions.kUsername, `${value}`, false);
  }

  get password() {
    return this.#context[PASSWORD];
  }

  set password(value) {
    this.#update(updateActions.kPassword, `${value}`, false);
  }

  get host() {
    return this.#context[HOST];
  }

  set host(value) {
    this.#update(updateActions.kHost, `${value}`, false);
  }

  get hostname() {
    return this.#context[HOSTNAME];
  }

  set hostname(value) {
    this.#update(updateActions.kHostname, `${value}`, false);
  }

  get port() {
    return this.#context[PORT];
  }

  set port(value) {
    this.#update(updateActions.kPort, `${value}`, false);
  }

  get pathname() {
    return this.#context[PATHNAME];
  }

  set pathname(value) {
    this.#update(updateActions.kPathname, `${value}`, false);
  }

  get search() {
    this.#sync();
    return this.#context[SEARCH];
  }

  set search(value) {
    this.#update(updateActions.kSearch, toUSVString(value), true);
  }

  get searchParams() {
    if (this.#searchParams === null) {
      this.#searchParams = new URLSearchParams(this.#context[SEARCH]);
      linkParamsToURL(this.#searchParams, this);
    }
    return this.#searchParams;
  }

  get hash() {
    return this.#context[HASH];
  }

  set hash(value) {
    this.#update(updateActions.kHash, `${value}`, false);
  }

  toJSON() {
    this.#sync();
    return this.#context[HREF];
  }
}

Object.defineProperties(URL.prototype, {
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'URL' },
  toString: kEnumerableProperty,
  href: kEnumerableProperty,
  origin: kEnumerableProperty,
  protocol: kEnumerableProperty,
  username: kEnumerableProperty,
  password: kEnumerableProperty,
  host: kEnumerableProperty,
  hostname: kEnumerableProperty,
  port: kEnumerableProperty,
  pathname: kEnumerableProperty,
  search: kEnumerableProperty,
  searchParams: kEnumerableProperty,
  hash: kEnumerableProperty,
  toJSON: kEnumerableProperty,
});

Object.defineProperties(URL, {
  canParse: { __proto__: null, configurable: true, writable: true, enumerable: true },
  parse: { __proto__: null, configurable: true, writable: true, enumerable: true },
});

// Blob URLs: `blob:nodedata:<uuid>` -> Blob, for buffer.resolveObjectURL.
const blobURLs = new Map();

function randomUUID() {
  const crypto = require('crypto');
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = typeof crypto.randomBytes === 'function' ?
    crypto.randomBytes(16) : Uint8Array.from({ length: 16 }, () => Math.floor(Math.random() * 256));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function createObjectURL(obj) {
  const { isBlob } = require('internal/buffer/blob');
  if (!isBlob(obj)) throw new ERR_INVALID_ARG_TYPE('obj', 'Blob', obj);
  const id = randomUUID();
  blobURLs.set(id, obj);
  return `blob:nodedata:${id}`;
}

function revokeObjectURL(url) {
  if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
  url = `${url}`;
  const parsed = URL.parse(url);
  if (parsed === null || parsed.protocol !== 'blob:') return;
  const [kind, id] = parsed.pathname.split(':');
  if (kind === 'nodedata') blobURLs.delete(id);
}

// The Blob a `blob:nodedata:` URL names, or undefined.
function getBlobFromURL(url) {
  const parsed = URL.parse(`${url}`);
  if (parsed === null || parsed.protocol !== 'blob:') return undefined;
  const [kind, id] = parsed.pathname.split(':');
  return kind === 'nodedata' ? blobURLs.get(id) : undefined;
}

Object.defineProperties(URL, {
  createObjectURL: { __proto__: null, configurable: true, writable: true, enumerable: true, value: createObjectURL },
  revokeObjectURL: { __proto__: null, configurable: true, writable: true, enumerable: true, value: revokeObjectURL },
});

// ---- helpers of node:url ----

function domainToASCII(domain) {
  if (arguments.length < 1) throw new ERR_MISSING_ARGS('domain');
  return binding.domainToASCII(`${domain}`);
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw new ERR_MISSING_ARGS('domain');
  return binding.domainToUnicode(`${domain}`);
}

function urlToHttpOptions(url) {
  const { hostname, pathname, port, username, password, search } = url;
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: hostname && hostname[0] === '[' ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search,
    pathname,
    path: `${pathname || ''}${search || ''}`,
    href: url.href,
  };
  if (port !== '') options.port = Number(port);
  if (username || password) {
    options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
  }
  return options;
}

function getPathFromURLWin32(url) {
  const hostname = url.hostname;
  let pathname = url.pathname;
  if (/%(2f|5c)/i.test(pathname)) {
    throw new ERR_INVALID_FILE_URL_PATH('must not include encoded \\ or / characters');
  }
  pathname = decodeURIComponent(pathname.replace(/\//g, '\\'));
  if (hostname !== '') return `\\\\${domainToUnicode(hostname)}${pathname}`;
  const letter = pathname.codePointAt(1) | 0x20;
  if (letter < 0x61 || letter > 0x7A || pathname.charAt(2) !== ':') {
    throw new ERR_INVALID_FILE_URL_PATH('must be absolute');
  }
  return pathname.slice(1);
}

function getPathFromURLPosix(url) {
  if (url.hostname !== '') throw new ERR_INVALID_FILE_URL_HOST(process.platform);
  const pathname = url.pathname;
  if (/%2f/i.test(pathname)) throw new ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
  return decodeURIComponent(pathname);
}

function fileURLToPath(path, options = kEmptyObject) {
  const windows = options?.windows;
  if (typeof path === 'string') path = new URL(path);
  else if (!isURL(path)) throw new ERR_INVALID_ARG_TYPE('path', ['string', 'URL'], path);
  if (path.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME('file');
  return (windows ?? isWindows) ? getPathFromURLWin32(path) : getPathFromURLPosix(path);
}

// The characters node escapes in file paths, in the order it escapes them
// ('%' first, so the escapes themselves are not escaped again).
const pathEscapes = [
  ['%', '%25'], ['\t', '%09'], ['\n', '%0A'], ['\r', '%0D'], [' ', '%20'], ['"', '%22'],
  ['#', '%23'], ['?', '%3F'], ['[', '%5B'], ['\\', '%5C'], [']', '%5D'], ['^', '%5E'],
  ['|', '%7C'], ['~', '%7E'],
];

function encodePathChars(filepath, options = kEmptyObject) {
  for (const [ch, esc] of pathEscapes) {
    if (ch === '\\' && options.windows) continue;
    if (filepath.includes(ch)) filepath = filepath.split(ch).join(esc);
  }
  return filepath;
}

function pathToFileURL(filepath, options = kEmptyObject) {
  const windows = options?.windows ?? isWindows;
  if (windows && filepath.startsWith('\\\\')) {
    const outURL = new URL('file://');
    const isExtendedUNC = filepath.startsWith('\\\\?\\UNC\\');
    const prefixLength = isExtendedUNC ? 8 : 2;
    const hostnameEnd = filepath.indexOf('\\', prefixLength);
    if (hostnameEnd === -1) throw new ERR_INVALID_ARG_VALUE('path', filepath, 'Missing UNC resource path');
    if (hostnameEnd === 2) throw new ERR_INVALID_ARG_VALUE('path', filepath, 'Empty UNC servername');
    outURL.hostname = domainToASCII(filepath.slice(prefixLength, hostnameEnd));
    outURL.pathname = encodePathChars(filepath.slice(hostnameEnd).replace(/\\/g, '/'), { windows });
    return outURL;
  }
  let resolved = windows ? path.win32.resolve(filepath) : path.posix.resolve(filepath);
  // path.resolve drops a trailing slash; a directory URL keeps it.
  const last = filepath.charCodeAt(filepath.length - 1);
  if ((last === 47 || (windows && last === 92)) && resolved[resolved.length - 1] !== path.sep) {
    resolved += '/';
  }
  return new URL(`file://${encodePathChars(resolved, { windows })}`);
}

function toPathIfFileURL(fileURLOrPath) {
  if (!isURL(fileURLOrPath)) return fileURLOrPath;
  return fileURLToPath(fileURLOrPath);
}

function getURLOrigin(url) {
  const parts = binding.parse(`${url}`);
  return parts === undefined ? undefined : parts[ORIGIN];
}

module.exports = {
  fileURLToPath,
  pathToFileURL,
  toPathIfFileURL,
  URL,
  URLSearchParams,
  URLParse: URL.parse,
  domainToASCII,
  domainToUnicode,
  urlToHttpOptions,
  encodeStr,
  hexTable,
  isHexChar,
  isURL,
  isURLSearchParams: isParamsInstance,
  getBlobFromURL,
  urlUpdateActions: updateActions,
  getURLOrigin,
  unsafeProtocol,
  hostlessProtocol,
  slashedProtocol,
};
