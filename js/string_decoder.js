'use strict';

// node:string_decoder. Node keeps the decoder state in a 7-byte buffer that
// its C++ decoder updates; the same layout is kept here (it shows in
// util.inspect and through `lastChar`), and the decoding itself is
// JavaScript over internalBinding('buffer').decode.

const { Buffer } = require('buffer');
const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_THIS,
    ERR_UNKNOWN_ENCODING,
  },
} = require('internal/errors');
const internalUtil = require('internal/util');

const binding = internalBinding('buffer');

const kIncompleteCharactersStart = 0;
const kIncompleteCharactersEnd = 4;
const kMissingBytes = 4;
const kBufferedBytes = 5;
const kEncodingField = 6;
const kSize = 7;

const kNativeDecoder = Symbol('kNativeDecoder');

// Node's C++ `enum encoding` values.
const ASCII = 0;
const UTF8 = 1;
const BASE64 = 2;
const UCS2 = 3;
const LATIN1 = 4;
const HEX = 5;
const BASE64URL = 7;

const encodingsMap = {
  __proto__: null,
  ascii: ASCII, utf8: UTF8, base64: BASE64, utf16le: UCS2, latin1: LATIN1, hex: HEX, base64url: BASE64URL,
};
const encodingNames = ['ascii', 'utf8', 'base64', 'utf16le', 'latin1', 'hex', 'buffer', 'base64url'];

const { isEncoding } = Buffer;

// Do not cache `Buffer.isEncoding` when checking encoding names as some
// modules monkey-patch it to support additional encodings.
function normalizeEncoding(enc) {
  const nenc = internalUtil.normalizeEncoding(enc);
  if (nenc === undefined) {
    if (Buffer.isEncoding === isEncoding || !Buffer.isEncoding(enc))
      throw new ERR_UNKNOWN_ENCODING(enc);
    return enc;
  }
  return nenc;
}

function makeString(bytes, start, end, enc) {
  return binding.decode(bytes, encodingNames[enc], start, end);
}

// Decodes `data` (a Uint8Array) with the state in `state`, keeping an
// incomplete trailing character for the next call.
function decode(state, data) {
  const enc = state[kEncodingField];
  let start = 0;
  let nread = data.length;

  if (enc !== UTF8 && enc !== UCS2 && enc !== BASE64 && enc !== BASE64URL) {
    return nread === 0 ? '' : makeString(data, 0, nread, enc);
  }

  let prepend = '';
  let body;

  // See if we want bytes to finish a character from the previous chunk; if
  // so, copy the new bytes to the missing ones and create a small string
  // from it that is to be prepended to the main body.
  if (state[kMissingBytes] > 0) {
    if (enc === UTF8) {
      // For UTF-8, we need special treatment to align with the V8 decoder:
      // If an incomplete character is found at a chunk boundary, we use
      // its remainder and pass it to V8 as-is.
      for (let i = 0; i < nread && i < state[kMissingBytes]; ++i) {
        if ((data[i] & 0xC0) !== 0x80) {
          // This byte is not a continuation byte even though it should have
          // been one. We stop decoding the incomplete character at this
          // point (but still use the rest of the incomplete bytes from this
          // chunk) and assume that the new, unexpected byte starts a new one.
          state[kMissingBytes] = 0;
          state.set(data.subarray(start, start + i), state[kBufferedBytes]);
          state[kBufferedBytes] += i;
          start += i;
          nread -= i;
          break;
        }
      }
    }

    const foundBytes = Math.min(nread, state[kMissingBytes]);
    state.set(data.subarray(start, start + foundBytes), state[kBufferedBytes]);
    // Adjust the two buffers.
    start += foundBytes;
    nread -= foundBytes;

    state[kMissingBytes] -= foundBytes;
    state[kBufferedBytes] += foundBytes;

    if (state[kMissingBytes] === 0) {
      // If no more bytes are missing, create a small string that we
      // will later prepend.
      prepend = makeString(state, kIncompleteCharactersStart, state[kBufferedBytes], enc);
      // No more buffered bytes.
      state[kBufferedBytes] = 0;
    }
  }

  // It could be that trying to finish the previous chunk already
  // consumed all data that we received in this chunk.
  if (nread === 0) {
    return prepend;
  }

  // See whether there is a character that we may have to cut off and
  // finish when receiving the next chunk.
  if (enc === UTF8 && (data[start + nread - 1] & 0x80)) {
    // This is UTF-8 encoded data and we ended on a non-ASCII UTF-8 byte.
    // This means we'll need to figure out where the character to which
    // the byte belongs begins.
    for (let i = nread - 1; ; --i) {
      state[kBufferedBytes]++;
      const byte = data[start + i];
      if ((byte & 0xC0) === 0x80) {
        // This byte does not start a character (a "trailing" byte).
        if (state[kBufferedBytes] >= 4 || i === 0) {
          // We either have more then 4 trailing bytes (which means
          // the current character would not be inside of this chunk)
          // or the previous chunk is not a part of this chunk, and so we
          // might be missing bytes at the beginning of this chunk.
          state[kBufferedBytes] = 0;
          break;
        }
      } else {
        // Found the first byte of a UTF-8 character. By looking at the
        // upper bits we can tell how long the character *should* be.
        if ((byte & 0xE0) === 0xC0) {
          state[kMissingBytes] = 2;
        } else if ((byte & 0xF0) === 0xE0) {
          state[kMissingBytes] = 3;
        } else if ((byte & 0xF8) === 0xF0) {
          state[kMissingBytes] = 4;
        } else {
          // This lead byte would indicate a character outside of the
          // representable range.
          state[kBufferedBytes] = 0;
          break;
        }

        if (state[kBufferedBytes] >= state[kMissingBytes]) {
          // Received more or exactly as many trailing bytes than the lead
          // character would indicate. In the "==" case, we have valid
          // data and don't need to slice anything off;
          // in the ">" case, this is invalid UTF-8 anyway.
          state[kMissingBytes] = 0;
          state[kBufferedBytes] = 0;
        }

        state[kMissingBytes] -= state[kBufferedBytes];
        break;
      }
    }
  } else if (enc === UCS2) {
    if ((nread % 2) === 1) {
      // We got half a codepoint, and need the second byte of it.
      state[kBufferedBytes] = 1;
      state[kMissingBytes] = 1;
    } else if ((data[start + nread - 1] & 0xFC) === 0xD8) {
      // Half a split UTF-16 character.
      state[kBufferedBytes] = 2;
      state[kMissingBytes] = 2;
    }
  } else if (enc === BASE64 || enc === BASE64URL) {
    state[kBufferedBytes] = nread % 3;
    if (state[kBufferedBytes] > 0)
      state[kMissingBytes] = 3 - state[kBufferedBytes];
  }

  if (state[kBufferedBytes] > 0) {
    // Copy the requested number of buffered bytes from the end of the
    // input into the incomplete character buffer.
    nread -= state[kBufferedBytes];
    state.set(data.subarray(start + nread, start + nread + state[kBufferedBytes]),
              kIncompleteCharactersStart);
  }

  body = nread > 0 ? makeString(data, start, start + nread, enc) : '';
  return prepend + body;
}

function flush(state) {
  const enc = state[kEncodingField];
  if (enc === UCS2 && state[kBufferedBytes] % 2 === 1) {
    // Ignore a single trailing byte, like the JS decoder does.
    state[kMissingBytes]--;
    state[kBufferedBytes]--;
  }

  if (state[kBufferedBytes] === 0)
    return '';

  const ret = makeString(state, kIncompleteCharactersStart, state[kBufferedBytes], enc);

  state[kMissingBytes] = 0;
  state[kBufferedBytes] = 0;

  return ret;
}

/**
 * StringDecoder provides an interface for efficiently splitting a series of
 * buffers into a series of JS strings without breaking apart multi-byte
 * characters.
 * @param {string} [encoding=utf-8]
 */
function StringDecoder(encoding) {
  this.encoding = normalizeEncoding(encoding);
  this[kNativeDecoder] = Buffer.alloc(kSize);
  this[kNativeDecoder][kEncodingField] = encodingsMap[this.encoding];
}

/**
 * Returns a decoded string, omitting any incomplete multi-bytes
 * characters at the end of the Buffer, or TypedArray, or DataView
 * @param {string | Buffer | TypedArray | DataView} buf
 * @returns {string}
 * @throws {TypeError} Throws when buf is not in one of supported types
 */
StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === 'string')
    return buf;
  if (!ArrayBuffer.isView(buf))
    throw new ERR_INVALID_ARG_TYPE('buf',
                                   ['Buffer', 'TypedArray', 'DataView'],
                                   buf);
  if (!this[kNativeDecoder]) {
    throw new ERR_INVALID_THIS('StringDecoder');
  }
  return decode(this[kNativeDecoder], new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
};

/**
 * Returns any remaining input stored in the internal buffer as a string.
 * After end() is called, the stringDecoder object can be reused for new
 * input.
 * @param {string | Buffer | TypedArray | DataView} [buf]
 * @returns {string}
 */
StringDecoder.prototype.end = function end(buf) {
  let ret = '';
  if (buf !== undefined)
    ret = this.write(buf);
  if (this[kNativeDecoder][kBufferedBytes] > 0)
    ret += flush(this[kNativeDecoder]);
  return ret;
};

/* Everything below this line is undocumented legacy stuff. */
/**
 *
 * @param {string | Buffer | TypedArray | DataView} buf
 * @param {number} offset
 * @returns {string}
 */
StringDecoder.prototype.text = function text(buf, offset) {
  this[kNativeDecoder][kMissingBytes] = 0;
  this[kNativeDecoder][kBufferedBytes] = 0;
  return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  lastChar: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder].subarray(kIncompleteCharactersStart, kIncompleteCharactersEnd);
    },
  },
  lastNeed: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder][kMissingBytes];
    },
  },
  lastTotal: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder][kBufferedBytes] +
             this[kNativeDecoder][kMissingBytes];
    },
  },
});

module.exports = { StringDecoder };
