'use strict';

// TextEncoder and TextDecoder (WHATWG Encoding), decoding in Rust
// (internalBinding('encoding'), on encoding_rs). Node's quirks are kept:
// a non-streaming utf-8 decode and a non-streaming windows-1252 decode take
// fast paths (the latter decodes bytes as Latin-1 and never strips a BOM),
// and bad input raises the plain TypeErrors node's C++ raises.

const {
  codes: { ERR_ENCODING_NOT_SUPPORTED, ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS },
} = require('internal/errors');
const { getConstructorOf, kEmptyObject, kEnumerableProperty } = require('internal/util');
const { validateString, validateObject, kValidateObjectAllowObjectsAndNull } = require('internal/validators');
const { isAnyArrayBuffer, isUint8Array } = require('internal/util/types');

const binding = internalBinding('encoding');
const customInspect = Symbol.for('nodejs.util.inspect.custom');

const kEncoder = Symbol('encoder');
const kDecoder = Symbol('decoder');
const kEncoding = Symbol('encoding');
const kFlags = Symbol('flags');
const kFatal = Symbol('kFatal');
const kIgnoreBOM = Symbol('kIgnoreBOM');
const kUTF8FastPath = Symbol('kUTF8FastPath');
const kLatin1FastPath = Symbol('kLatin1FastPath');
const kHandle = Symbol('handle');

const FLAGS_FATAL = 0x2;
const FLAGS_IGNORE_BOM = 0x4;

const empty = new Uint8Array(0);

// Streaming decoders live in Rust; free them with their TextDecoder.
const registry = new FinalizationRegistry((id) => binding.decoderFree(id));

function getEncodingFromLabel(label) {
  return binding.getEncoding(`${label}`.toLowerCase());
}

function validateEncoder(obj) {
  if (obj == null || obj[kEncoder] !== true) throw new ERR_INVALID_THIS('TextEncoder');
}

function validateDecoder(obj) {
  if (obj == null || obj[kDecoder] !== true) throw new ERR_INVALID_THIS('TextDecoder');
}

// The errors node's C++ throws: plain TypeErrors carrying a code.
function nativeTypeError(message, code) {
  const err = new TypeError(message);
  err.code = code;
  return err;
}

function bytesOf(input, argName) {
  if (ArrayBuffer.isView(input)) return input;
  if (isAnyArrayBuffer(input)) return new Uint8Array(input);
  throw nativeTypeError(
    `The "${argName}" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.`,
    'ERR_INVALID_ARG_TYPE');
}

function invalidData(encoding) {
  return nativeTypeError(`The encoded data was not valid for encoding ${encoding}`,
                         'ERR_ENCODING_INVALID_ENCODED_DATA');
}

class TextEncoder {
  constructor() {
    this[kEncoder] = true;
  }

  get encoding() {
    validateEncoder(this);
    return 'utf-8';
  }

  encode(input = '') {
    validateEncoder(this);
    return binding.encodeUtf8(`${input}`);
  }

  encodeInto(src, dest) {
    validateEncoder(this);
    validateString(src, 'src');
    if (!dest || !isUint8Array(dest)) throw new ERR_INVALID_ARG_TYPE('dest', 'Uint8Array', dest);
    const { 0: read, 1: written, 2: bytes } = binding.encodeInto(src, dest.length);
    dest.set(bytes, 0);
    return { read, written };
  }

  [customInspect](depth, opts) {
    validateEncoder(this);
    if (typeof depth === 'number' && depth < 0) return this;
    const ctor = getConstructorOf(this);
    const obj = { __proto__: { constructor: ctor === null ? TextEncoder : ctor } };
    obj.encoding = this.encoding;
    return require('internal/util/inspect').inspect(obj, opts);
  }
}

Object.defineProperties(TextEncoder.prototype, {
  encode: kEnumerableProperty,
  encodeInto: kEnumerableProperty,
  encoding: kEnumerableProperty,
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'TextEncoder' },
});

class TextDecoder {
  constructor(encoding = 'utf-8', options = kEmptyObject) {
    encoding = `${encoding}`;
    validateObject(options, 'options', kValidateObjectAllowObjectsAndNull);
    const enc = getEncodingFromLabel(encoding);
    if (enc === undefined) throw new ERR_ENCODING_NOT_SUPPORTED(encoding);
    let flags = 0;
    if (options !== null) {
      flags |= options.fatal ? FLAGS_FATAL : 0;
      flags |= options.ignoreBOM ? FLAGS_IGNORE_BOM : 0;
    }
    this[kDecoder] = true;
    this[kFlags] = flags;
    this[kEncoding] = enc;
    this[kIgnoreBOM] = Boolean(options?.ignoreBOM);
    this[kFatal] = Boolean(options?.fatal);
    this[kUTF8FastPath] = enc === 'utf-8';
    this[kLatin1FastPath] = enc === 'windows-1252';
    this[kHandle] = undefined;
  }

  decode(input = empty, options = kEmptyObject) {
    validateDecoder(this);
    const stream = Boolean(options?.stream);
    this[kUTF8FastPath] &&= !stream;
    this[kLatin1FastPath] &&= !stream;

    if (this[kUTF8FastPath]) {
      const bytes = bytesOf(input, 'list');
      const out = binding.decode(bytes, 'utf-8', this[kIgnoreBOM], this[kFatal]);
      if (out === undefined) throw invalidData('utf-8');
      return out;
    }
    if (this[kLatin1FastPath]) {
      return binding.decodeLatin1(bytesOf(input, 'list'));
    }

    validateObject(options, 'options', kValidateObjectAllowObjectsAndNull);
    const bytes = bytesOf(input, 'input');
    if (this[kHandle] === undefined) {
      const id = binding.decoderNew(this[kEncoding], this[kIgnoreBOM]);
      if (!id) throw new ERR_ENCODING_NOT_SUPPORTED(this[kEncoding]);
      this[kHandle] = id;
      registry.register(this, id);
    }
    const flush = options === null || !options.stream;
    const out = binding.decoderDecode(this[kHandle], bytes, flush, this[kFatal], this[kEncoding], this[kIgnoreBOM]);
    if (out === undefined) throw invalidData(this[kEncoding]);
    return out;
  }
}

const sharedProperties = Object.getOwnPropertyDescriptors({
  get encoding() {
    validateDecoder(this);
    return this[kEncoding];
  },

  get fatal() {
    validateDecoder(this);
    return (this[kFlags] & FLAGS_FATAL) === FLAGS_FATAL;
  },

  get ignoreBOM() {
    validateDecoder(this);
    return (this[kFlags] & FLAGS_IGNORE_BOM) === FLAGS_IGNORE_BOM;
  },

  [customInspect](depth, opts) {
    validateDecoder(this);
    if (typeof depth === 'number' && depth < 0) return this;
    const constructor = getConstructorOf(this) || TextDecoder;
    const obj = { __proto__: { constructor } };
    obj.encoding = this.encoding;
    obj.fatal = this.fatal;
    obj.ignoreBOM = this.ignoreBOM;
    if (opts.showHidden) {
      obj[kFlags] = this[kFlags];
      obj[kHandle] = this[kHandle];
    }
    return `${constructor.name} ${require('internal/util/inspect').inspect(obj)}`;
  },
});
for (const desc of Object.values(sharedProperties)) Object.setPrototypeOf(desc, null);
sharedProperties[customInspect].enumerable = false;

Object.defineProperties(TextDecoder.prototype, {
  decode: kEnumerableProperty,
  ...sharedProperties,
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'TextDecoder' },
});

module.exports = {
  getEncodingFromLabel,
  TextDecoder,
  TextEncoder,
};
