'use strict';

// Blob and File (node:buffer), kept in JavaScript: a Blob holds a list of
// immutable byte chunks. Blob.prototype.stream() needs the web streams
// implementation (globalThis.ReadableStream).

const {
  codes: {
    ERR_BUFFER_TOO_LARGE,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_THIS,
    ERR_MISSING_ARGS,
  },
} = require('internal/errors');
const { validateDictionary } = require('internal/validators');
const { kEmptyObject, kEnumerableProperty, customInspectSymbol: kInspect } = require('internal/util');
const { isAnyArrayBuffer, isArrayBufferView } = require('internal/util/types');

const binding = internalBinding('buffer');
const kMaxLength = 2 ** 32;

const kChunks = Symbol('kChunks');
const kType = Symbol('kType');
const kLength = Symbol('kLength');

const disallowedTypeCharacters = /[^\u{0020}-\u{007E}]/u;

let lazyInspectFn;
function inspect(...args) {
  lazyInspectFn ??= require('internal/util/inspect').inspect;
  return lazyInspectFn(...args);
}

function isBlob(object) {
  return object?.[kChunks] !== undefined;
}

// Lone surrogates become U+FFFD.
function toUSVString(value) {
  const str = `${value}`;
  return typeof str.toWellFormed === 'function' ? str.toWellFormed() :
    str.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

// [byteLength, chunks] for one blob part; bytes are copied so later changes
// to the source do not show through.
function getSource(source, endings) {
  if (isBlob(source))
    return [source.size, source[kChunks]];

  if (isAnyArrayBuffer(source)) {
    source = new Uint8Array(source);
  } else if (!isArrayBufferView(source)) {
    source = `${source}`;
    if (endings === 'native')
      source = source.replace(/\n|\r\n/g, process.platform === 'win32' ? '\r\n' : '\n');
    source = binding.encode(source, 'utf8');
  }

  const { buffer, byteOffset, byteLength } = source;
  const slice = buffer.slice(byteOffset, byteOffset + byteLength);
  return [byteLength, [new Uint8Array(slice)]];
}

// Concatenated bytes of a chunk list.
function joinChunks(chunks, length) {
  if (chunks.length === 1 && chunks[0].length === length) return chunks[0].slice();
  const out = new Uint8Array(length);
  let pos = 0;
  for (const chunk of chunks) {
    out.set(chunk, pos);
    pos += chunk.length;
  }
  return out;
}

// Chunks covering bytes [start, end) of a chunk list.
function sliceChunks(chunks, start, end) {
  const out = [];
  let pos = 0;
  for (const chunk of chunks) {
    const chunkEnd = pos + chunk.length;
    if (chunkEnd > start && pos < end) {
      out.push(chunk.subarray(Math.max(start - pos, 0), Math.min(end - pos, chunk.length)));
    }
    pos = chunkEnd;
    if (pos >= end) break;
  }
  return out;
}

function normalizeType(type) {
  type = `${type}`;
  return disallowedTypeCharacters.exec(type) !== null ? '' : type.toLowerCase();
}

class Blob {
  /**
   * @param {Iterable} [sources]
   * @param {{ type?: string, endings?: string }} [options]
   */
  constructor(sources = [], options) {
    if (sources === null ||
        typeof sources[Symbol.iterator] !== 'function' ||
        typeof sources === 'string') {
      throw new ERR_INVALID_ARG_TYPE('sources', 'a sequence', sources);
    }
    validateDictionary(options, 'options');
    let {
      type = '',
      endings = 'transparent',
    } = options ?? kEmptyObject;

    endings = `${endings}`;
    if (endings !== 'transparent' && endings !== 'native')
      throw new ERR_INVALID_ARG_VALUE('options.endings', endings);

    let length = 0;
    const chunks = [];
    for (const source of sources) {
      const { 0: len, 1: src } = getSource(source, endings);
      length += len;
      for (const chunk of src) chunks.push(chunk);
    }

    if (length > kMaxLength)
      throw new ERR_BUFFER_TOO_LARGE(kMaxLength);

    this[kChunks] = chunks;
    this[kLength] = length;
    this[kType] = normalizeType(type);
  }

  [kInspect](depth, options) {
    if (depth < 0)
      return this;

    const opts = {
      ...options,
      depth: options.depth == null ? null : options.depth - 1,
    };

    return `Blob ${inspect({
      size: this.size,
      type: this.type,
    }, opts)}`;
  }

  get type() {
    if (!isBlob(this))
      throw new ERR_INVALID_THIS('Blob');
    return this[kType];
  }

  get size() {
    if (!isBlob(this))
      throw new ERR_INVALID_THIS('Blob');
    return this[kLength];
  }

  slice(start = 0, end = this[kLength], contentType = '') {
    if (!isBlob(this))
      throw new ERR_INVALID_THIS('Blob');
    if (start < 0) {
      start = Math.max(this[kLength] + start, 0);
    } else {
      start = Math.min(start, this[kLength]);
    }

    if (end < 0) {
      end = Math.max(this[kLength] + end, 0);
    } else {
      end = Math.min(end, this[kLength]);
    }

    contentType = normalizeType(contentType);

    const span = Math.max(end - start, 0);

    return createBlob(sliceChunks(this[kChunks], start, start + span), span, contentType);
  }

  arrayBuffer() {
    if (!isBlob(this))
      return Promise.reject(new ERR_INVALID_THIS('Blob'));
    return Promise.resolve(joinChunks(this[kChunks], this[kLength]).buffer);
  }

  async text() {
    if (!isBlob(this))
      throw new ERR_INVALID_THIS('Blob');
    const bytes = await this.arrayBuffer();
    const view = new Uint8Array(bytes);
    // TextDecoder drops a leading byte order mark.
    const str = binding.decode(view, 'utf8', 0, view.length);
    return str.charCodeAt(0) === 0xFEFF ? str.slice(1) : str;
  }

  async bytes() {
    if (!isBlob(this))
      throw new ERR_INVALID_THIS('Blob');
    return new Uint8Array(await this.arrayBuffer());
  }

  stream() {
    if (!isBlob(this))
      throw new ERR_INVALID_THIS('Blob');
    const { ReadableStream } = globalThis;
    if (typeof ReadableStream !== 'function') {
      // TODO: wire to the web streams implementation once rnode has one.
      const { codes: { ERR_METHOD_NOT_IMPLEMENTED } } = require('internal/errors');
      throw new ERR_METHOD_NOT_IMPLEMENTED('stream()');
    }
    const chunks = this[kChunks].slice();
    return new ReadableStream({
      type: 'bytes',
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk === undefined) {
          controller.close();
        } else {
          controller.enqueue(chunk.slice());
        }
      },
    });
  }
}

function createBlob(chunks, length, type = '') {
  const blob = Object.create(Blob.prototype);
  blob[kChunks] = chunks;
  blob[kLength] = length;
  blob[kType] = type;
  return blob;
}

Object.defineProperty(Blob.prototype, Symbol.toStringTag, {
  __proto__: null,
  configurable: true,
  value: 'Blob',
});

Object.defineProperties(Blob.prototype, {
  size: kEnumerableProperty,
  type: kEnumerableProperty,
  slice: kEnumerableProperty,
  stream: kEnumerableProperty,
  text: kEnumerableProperty,
  arrayBuffer: kEnumerableProperty,
  bytes: kEnumerableProperty,
});

class File extends Blob {
  #name;
  #lastModified;

  constructor(fileBits, fileName, options = kEmptyObject) {
    if (arguments.length < 2) {
      throw new ERR_MISSING_ARGS('fileBits', 'fileName');
    }

    super(fileBits, options);

    let { lastModified } = options ?? kEmptyObject;

    if (lastModified !== undefined) {
      // Using Number(...) will not throw an error for bigints.
      lastModified = +lastModified;

      if (Number.isNaN(lastModified)) {
        lastModified = 0;
      }
    } else {
      lastModified = Date.now();
    }

    this.#name = toUSVString(fileName);
    this.#lastModified = lastModified;
  }

  get name() {
    if (!(#name in this)) throw new ERR_INVALID_THIS('File');
    return this.#name;
  }

  get lastModified() {
    if (!(#name in this)) throw new ERR_INVALID_THIS('File');
    return this.#lastModified;
  }

  [kInspect](depth, options) {
    if (depth < 0) {
      return this;
    }

    const opts = {
      ...options,
      depth: options.depth == null ? null : options.depth - 1,
    };

    return `File ${inspect({
      size: this.size,
      type: this.type,
      name: this.#name,
      lastModified: this.#lastModified,
    }, opts)}`;
  }
}

Object.defineProperties(File.prototype, {
  name: kEnumerableProperty,
  lastModified: kEnumerableProperty,
  [Symbol.toStringTag]: {
    __proto__: null,
    configurable: true,
    value: 'File',
  },
});

// Blob URLs (URL.createObjectURL) are not supported yet, so no URL resolves.
function resolveObjectURL(url) {
  url = `${url}`; // eslint-disable-line no-unused-vars
  return undefined;
}

module.exports = {
  Blob,
  File,
  isBlob,
  resolveObjectURL,
};
