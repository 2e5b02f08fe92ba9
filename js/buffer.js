'use strict';

// node:buffer. Buffer is a Uint8Array subclass (FastBuffer) whose prototype
// carries Node's methods; small allocations are carved out of a shared 8 KiB
// pool as in Node. Transcoding is done by internalBinding('buffer'); the
// rest (searching, comparing, filling, bounds checks) is plain JavaScript
// with Node v20's exact results and errors.

const {
  codes: {
    ERR_BUFFER_OUT_OF_BOUNDS,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_BUFFER_SIZE,
    ERR_MISSING_ARGS,
    ERR_OUT_OF_RANGE,
    ERR_UNKNOWN_ENCODING,
  },
  hideStackFrames,
} = require('internal/errors');
const {
  validateArray,
  validateBuffer,
  validateInteger,
  validateNumber,
  validateString,
} = require('internal/validators');
const {
  customInspectSymbol,
  normalizeEncoding,
} = require('internal/util');
const {
  isAnyArrayBuffer,
  isArrayBufferView,
  isTypedArray,
  isUint8Array,
} = require('internal/util/types');
const {
  FastBuffer,
  addBufferPrototypeMethods,
  bytesOf,
  kStringMaxLength,
  nativeError,
  writeEncoded,
} = require('internal/buffer/core');

const binding = internalBinding('buffer');

// Node 20's limit on 64-bit platforms (v8::TypedArray::kMaxByteLength there).
const kMaxLength = 2 ** 32;

const kIsEncodingSymbol = Symbol('kIsEncodingSymbol');

FastBuffer.prototype.constructor = Buffer;
Buffer.prototype = FastBuffer.prototype;
addBufferPrototypeMethods(Buffer.prototype);

const constants = Object.defineProperties({}, {
  MAX_LENGTH: { value: kMaxLength, writable: false, enumerable: true },
  MAX_STRING_LENGTH: { value: kStringMaxLength, writable: false, enumerable: true },
});

Buffer.poolSize = 8 * 1024;
let poolSize, poolOffset, allocPool;

let INSPECT_MAX_BYTES = 50;

function createPool() {
  poolSize = Buffer.poolSize;
  allocPool = new ArrayBuffer(poolSize);
  // Transferring a pooled Buffer's memory must copy, not detach the shared pool.
  require('internal/util').markAsUntransferable(allocPool);
  poolOffset = 0;
}
createPool();

function alignPool() {
  // Ensure aligned slices
  if (poolOffset & 0x7) {
    poolOffset |= 0x7;
    poolOffset++;
  }
}

// ---------------------------------------------------------------------------
// Deprecated Buffer() / new Buffer().

let bufferWarningAlreadyEmitted = false;
let nodeModulesCheckCounter = 0;
const bufferWarning = 'Buffer() is deprecated due to security and usability ' +
                      'issues. Please use the Buffer.alloc(), ' +
                      'Buffer.allocUnsafe(), or Buffer.from() methods instead.';

const kNodeModulesRE = /^(?:.*)[\\/]node_modules[\\/]/;

// True if the first caller frame that belongs to user code (an absolute or
// Windows path; built-ins are named `node:…`) lives in a node_modules folder.
function isInsideNodeModules() {
  for (const frame of require('internal/util').getCallSites(isInsideNodeModules)) {
    const filename = frame.getFileName();
    if (typeof filename !== 'string' || /^\/|\\/.exec(filename) === null) continue;
    return kNodeModulesRE.exec(filename) !== null;
  }
  return false;
}

function pendingDeprecation() {
  return require('internal/options').getOptionValue('--pending-deprecation');
}

function showFlaggedDeprecation() {
  if (bufferWarningAlreadyEmitted ||
      ++nodeModulesCheckCounter > 10000 ||
      (!pendingDeprecation() && isInsideNodeModules())) {
    // We don't emit a warning, because we either:
    // - Already did so, or
    // - Already checked too many times whether a call is coming from
    //   node_modules and want to stop slowing down things, or
    // - We aren't running with `--pending-deprecation` enabled,
    //   and the code is inside `node_modules`.
    return;
  }

  process.emitWarning(bufferWarning, 'DeprecationWarning', 'DEP0005');
  bufferWarningAlreadyEmitted = true;
}

/**
 * The Buffer() constructor is deprecated in documentation and should not be
 * used moving forward. Rather, developers should use one of the three new
 * factory APIs: Buffer.from(), Buffer.allocUnsafe() or Buffer.alloc() based on
 * their specific needs. Deprecation Code: DEP0005
 */
function Buffer(arg, encodingOrOffset, length) {
  showFlaggedDeprecation();
  // Common case.
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') {
      throw new ERR_INVALID_ARG_TYPE('string', 'string', arg);
    }
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}

Object.defineProperty(Buffer, Symbol.species, {
  __proto__: null,
  enumerable: false,
  configurable: true,
  get() { return FastBuffer; },
});

// ---------------------------------------------------------------------------
// Static constructors.

/**
 * Functionally equivalent to Buffer(arg, encoding) but throws a TypeError
 * if value is a number.
 * Buffer.from(str[, encoding])
 * Buffer.from(array)
 * Buffer.from(buffer)
 * Buffer.from(arrayBuffer[, byteOffset[, length]])
 */
Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string')
    return fromString(value, encodingOrOffset);

  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value))
      return fromArrayBuffer(value, encodingOrOffset, length);

    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null &&
        valueOf !== value &&
        (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return from(valueOf, encodingOrOffset, length);
    }

    const b = fromObject(value);
    if (b)
      return b;

    if (typeof value[Symbol.toPrimitive] === 'function') {
      const primitive = value[Symbol.toPrimitive]('string');
      if (typeof primitive === 'string') {
        return fromString(primitive, encodingOrOffset);
      }
    }
  }

  throw new ERR_INVALID_ARG_TYPE(
    'first argument',
    ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'],
    value,
  );
};

/**
 * Creates the Buffer as a copy of the underlying ArrayBuffer of the view
 * rather than the contents of the view.
 */
Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!isTypedArray(view)) {
    throw new ERR_INVALID_ARG_TYPE('view', ['TypedArray'], view);
  }

  const viewLength = view.length;
  if (viewLength === 0) {
    return Buffer.alloc(0);
  }

  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, 'offset', 0);
      if (offset >= viewLength) return Buffer.alloc(0);
    } else {
      offset = 0;
    }
    let end;
    if (length !== undefined) {
      validateInteger(length, 'length', 0);
      end = offset + length;
    } else {
      end = viewLength;
    }

    view = view.slice(offset, end);
  }

  return fromArrayLike(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
};

// Identical to the built-in %TypedArray%.of(), but avoids using the deprecated
// Buffer() constructor. Must use arrow function syntax to avoid automatically
// adding a `prototype` property and making the function a constructor.
//
// Refs: https://tc39.github.io/ecma262/#sec-%typedarray%.of
// Refs: https://esdiscuss.org/topic/isconstructor#content-11
const of = (...items) => {
  const newObj = new FastBuffer(items.length);
  for (let k = 0; k < items.length; k++)
    newObj[k] = items[k];
  return newObj;
};
Buffer.of = of;

Object.setPrototypeOf(Buffer, Uint8Array);

// The 'assertSize' method will remove itself from the callstack when an error
// occurs. This is done simply to keep the internal details of the
// implementation from bleeding out to users.
const assertSize = hideStackFrames((size) => {
  validateNumber(size, 'size', 0, kMaxLength);
});

/**
 * Creates a new filled Buffer instance.
 * alloc(size[, fill[, encoding]])
 */
Buffer.alloc = function alloc(size, fill, encoding) {
  assertSize(size);
  if (fill !== undefined && fill !== 0 && size > 0) {
    const buf = new FastBuffer(size);
    return _fill(buf, fill, 0, buf.length, encoding);
  }
  return new FastBuffer(size);
};

/**
 * Equivalent to Buffer(num), by default creates a non-zero-filled Buffer
 * instance. If `--zero-fill-buffers` is set, will zero-fill the buffer.
 */
Buffer.allocUnsafe = function allocUnsafe(size) {
  assertSize(size);
  return allocate(size);
};

/**
 * Equivalent to SlowBuffer(num), by default creates a non-zero-filled
 * Buffer instance that is not allocated off the pre-initialized pool.
 * If `--zero-fill-buffers` is set, will zero-fill the buffer.
 */
Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  assertSize(size);
  return new FastBuffer(size);
};

// If --zero-fill-buffers command line argument is set, a zero-filled
// buffer is returned.
function SlowBuffer(size) {
  assertSize(size);
  return new FastBuffer(size);
}

Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

function allocate(size) {
  if (size <= 0) {
    return new FastBuffer();
  }
  if (size < (Buffer.poolSize >>> 1)) {
    if (size > (poolSize - poolOffset))
      createPool();
    const b = new FastBuffer(allocPool, poolOffset, size);
    poolOffset += size;
    alignPool();
    return b;
  }
  return new FastBuffer(size);
}

// Encodes `string` into a new Buffer; small results are placed in the pool.
function fromStringFast(string, ops) {
  let bytes, length;
  if (ops.encodingVal === encodingsMap.utf8) {
    bytes = binding.encode(string, 'utf8');
    length = bytes.length;
  } else {
    // Node decides on the pool from the (possibly over-) estimated length.
    length = ops.byteLength(string);
    bytes = binding.encode(string, ops.encoding);
  }

  if (length >= (Buffer.poolSize >>> 1))
    return new FastBuffer(bytes.buffer, bytes.byteOffset, bytes.length);

  if (length > (poolSize - poolOffset))
    createPool();
  const actual = bytes.length;
  const b = new FastBuffer(allocPool, poolOffset, actual);
  b.set(bytes);
  poolOffset += actual;
  alignPool();
  return b;
}

function fromString(string, encoding) {
  let ops;
  if (typeof encoding !== 'string' || encoding.length === 0) {
    if (string.length === 0)
      return new FastBuffer();
    ops = encodingOps.utf8;
  } else {
    ops = getEncodingOps(encoding);
    if (ops === undefined)
      throw new ERR_UNKNOWN_ENCODING(encoding);
    if (string.length === 0)
      return new FastBuffer();
  }
  return fromStringFast(string, ops);
}

function fromArrayBuffer(obj, byteOffset, length) {
  // Convert byteOffset to integer
  if (byteOffset === undefined) {
    byteOffset = 0;
  } else {
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset))
      byteOffset = 0;
  }

  const maxLength = obj.byteLength - byteOffset;

  if (maxLength < 0)
    throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');

  if (length === undefined) {
    length = maxLength;
  } else {
    // Convert length to non-negative integer.
    length = +length;
    if (length > 0) {
      if (length > maxLength)
        throw new ERR_BUFFER_OUT_OF_BOUNDS('length');
    } else {
      length = 0;
    }
  }

  return new FastBuffer(obj, byteOffset, length);
}

function fromArrayLike(obj) {
  if (obj.length <= 0)
    return new FastBuffer();
  if (obj.length < (Buffer.poolSize >>> 1)) {
    if (obj.length > (poolSize - poolOffset))
      createPool();
    const b = new FastBuffer(allocPool, poolOffset, obj.length);
    Uint8Array.prototype.set.call(b, obj, 0);
    poolOffset += obj.length;
    alignPool();
    return b;
  }
  return new FastBuffer(obj);
}

function fromObject(obj) {
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== 'number') {
      return new FastBuffer();
    }
    return fromArrayLike(obj);
  }

  if (obj.type === 'Buffer' && Array.isArray(obj.data)) {
    return fromArrayLike(obj.data);
  }
}

// ---------------------------------------------------------------------------
// Static methods

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer;
};

// memcmp over `n` bytes of two Uint8Arrays: -1, 0 or 1. Long runs with the
// same alignment are compared a 32-bit word at a time.
function memcmp(a, aStart, b, bStart, n) {
  // Long ranges go to Rust (libc memcmp); short ones are cheaper compared here.
  if (n >= 64) return binding.compareBytes(a, aStart, b, bStart, n);
  for (let i = 0; i < n; i++) {
    const x = a[aStart + i];
    const y = b[bStart + i];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

// memcmp of the bytes of two views, then shorter-first: -1, 0 or 1.
function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
  const aLen = aEnd - aStart;
  const bLen = bEnd - bStart;
  const r = memcmp(a, aStart, b, bStart, Math.min(aLen, bLen));
  if (r !== 0) return r;
  return aLen > bLen ? 1 : aLen < bLen ? -1 : 0;
}

function _compare(a, b) {
  const x = bytesOf(a);
  const y = bytesOf(b);
  return compareBytes(x, 0, x.length, y, 0, y.length);
}

Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) {
    throw new ERR_INVALID_ARG_TYPE('buf1', ['Buffer', 'Uint8Array'], buf1);
  }

  if (!isUint8Array(buf2)) {
    throw new ERR_INVALID_ARG_TYPE('buf2', ['Buffer', 'Uint8Array'], buf2);
  }

  if (buf1 === buf2) {
    return 0;
  }

  return _compare(buf1, buf2);
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 &&
         normalizeEncoding(encoding) !== undefined;
};
Buffer[kIsEncodingSymbol] = Buffer.isEncoding;

Buffer.concat = function concat(list, length) {
  validateArray(list, 'list');

  if (list.length === 0)
    return new FastBuffer();

  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) {
        length += list[i].length;
      }
    }
  } else {
    validateOffset(length, 'length');
  }

  const buffer = Buffer.allocUnsafe(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) {
      // TODO(BridgeAR): This should not be of type ERR_INVALID_ARG_TYPE.
      // Instead, find the proper error code for this.
      throw new ERR_INVALID_ARG_TYPE(
        `list[${i}]`, ['Buffer', 'Uint8Array'], list[i]);
    }
    pos += _copyActual(buf, buffer, pos, 0, buf.length);
  }

  // Note: `length` is always equal to `buffer.length` at this point
  if (pos < length) {
    // Zero-fill the remaining bytes if the specified `length` was more than
    // the actual total length, i.e. if we have some remaining allocated bytes
    // there were not initialized.
    Uint8Array.prototype.fill.call(buffer, 0, pos, length);
  }

  return buffer;
};

function base64ByteLength(str, bytes) {
  // Handle padding
  if (str.charCodeAt(bytes - 1) === 0x3D)
    bytes--;
  if (bytes > 1 && str.charCodeAt(bytes - 1) === 0x3D)
    bytes--;

  // Base64 ratio: 3/4
  return (bytes * 3) >>> 2;
}

function byteLengthUtf8(string) {
  return binding.byteLength(string, 'utf8');
}

// ---------------------------------------------------------------------------
// Per-encoding operations.

const encodingsMap = {
  __proto__: null,
  utf8: 1, ascii: 0, base64: 2, utf16le: 3, latin1: 4, hex: 5, base64url: 7,
};

// Searching for a string in an encoding without a direct byte mapping
// (hex, base64) searches for its decoded bytes.
function indexOfDecoded(buf, val, byteOffset, dir, ops) {
  return indexOfBuffer(buf, fromStringFast(val, ops), byteOffset, ops.encodingVal, dir);
}

const encodingOps = {
  utf8: {
    encoding: 'utf8',
    encodingVal: encodingsMap.utf8,
    byteLength: byteLengthUtf8,
    write: (buf, string, offset, len) => buf.utf8Write(string, offset, len),
    slice: (buf, start, end) => buf.utf8Slice(start, end),
    indexOf: (buf, val, byteOffset, dir) =>
      indexOfString(buf, val, byteOffset, encodingsMap.utf8, dir),
  },
  ucs2: {
    encoding: 'ucs2',
    encodingVal: encodingsMap.utf16le,
    byteLength: (string) => string.length * 2,
    write: (buf, string, offset, len) => buf.ucs2Write(string, offset, len),
    slice: (buf, start, end) => buf.ucs2Slice(start, end),
    indexOf: (buf, val, byteOffset, dir) =>
      indexOfString(buf, val, byteOffset, encodingsMap.utf16le, dir),
  },
  utf16le: {
    encoding: 'utf16le',
    encodingVal: encodingsMap.utf16le,
    byteLength: (string) => string.length * 2,
    write: (buf, string, offset, len) => buf.ucs2Write(string, offset, len),
    slice: (buf, start, end) => buf.ucs2Slice(start, end),
    indexOf: (buf, val, byteOffset, dir) =>
      indexOfString(buf, val, byteOffset, encodingsMap.utf16le, dir),
  },
  latin1: {
    encoding: 'latin1',
    encodingVal: encodingsMap.latin1,
    byteLength: (string) => string.length,
    write: (buf, string, offset, len) => buf.latin1Write(string, offset, len),
    slice: (buf, start, end) => buf.latin1Slice(start, end),
    indexOf: (buf, val, byteOffset, dir) =>
      indexOfString(buf, val, byteOffset, encodingsMap.latin1, dir),
  },
  ascii: {
    encoding: 'ascii',
    encodingVal: encodingsMap.ascii,
    byteLength: (string) => string.length,
    write: (buf, string, offset, len) => buf.asciiWrite(string, offset, len),
    slice: (buf, start, end) => buf.asciiSlice(start, end),
    indexOf: (buf, val, byteOffset, dir) =>
      indexOfString(buf, val, byteOffset, encodingsMap.latin1, dir),
  },
  base64: {
    encoding: 'base64',
    encodingVal: encodingsMap.base64,
    byteLength: (string) => base64ByteLength(string, string.length),
    write: (buf, string, offset, len) => buf.base64Write(string, offset, len),
    slice: (buf, start, end) => buf.base64Slice(start, end),
    indexOf: (buf, val, byteOffset, dir) =>
      indexOfDecoded(buf, val, byteOffset, dir, encodingOps.base64),
  },
  base64url: {
    encoding: 'base64url',
    encodingVal: encodingsMap.base64url,
    byteLength: (string) => base64ByteLength(string, string.length),
    write: (buf, string, offset, len) => buf.base64urlWrite(string, offset, len),
    slice: (buf, start, end) => buf.base64urlSlice(start, end),
    indexOf: (buf, val, byteOffset, dir) =>
      indexOfDecoded(buf, val, byteOffset, dir, encodingOps.base64url),
  },
  hex: {
    encoding: 'hex',
    encodingVal: encodingsMap.hex,
    byteLength: (string) => string.length >>> 1,
    write: (buf, string, offset, len) => buf.hexWrite(string, offset, len),
    slice: (buf, start, end) => buf.hexSlice(start, end),
    indexOf: (buf, val, byteOffset, dir) =>
      indexOfDecoded(buf, val, byteOffset, dir, encodingOps.hex),
  },
};

function getEncodingOps(encoding) {
  encoding += '';
  switch (encoding.length) {
    case 4:
      if (encoding === 'utf8') return encodingOps.utf8;
      if (encoding === 'ucs2') return encodingOps.ucs2;
      encoding = encoding.toLowerCase();
      if (encoding === 'utf8') return encodingOps.utf8;
      if (encoding === 'ucs2') return encodingOps.ucs2;
      break;
    case 5:
      if (encoding === 'utf-8') return encodingOps.utf8;
      if (encoding === 'ascii') return encodingOps.ascii;
      if (encoding === 'ucs-2') return encodingOps.ucs2;
      encoding = encoding.toLowerCase();
      if (encoding === 'utf-8') return encodingOps.utf8;
      if (encoding === 'ascii') return encodingOps.ascii;
      if (encoding === 'ucs-2') return encodingOps.ucs2;
      break;
    case 7:
      if (encoding === 'utf16le' || encoding.toLowerCase() === 'utf16le')
        return encodingOps.utf16le;
      break;
    case 8:
      if (encoding === 'utf-16le' || encoding.toLowerCase() === 'utf-16le')
        return encodingOps.utf16le;
      break;
    case 6:
      if (encoding === 'latin1' || encoding === 'binary')
        return encodingOps.latin1;
      if (encoding === 'base64') return encodingOps.base64;
      encoding = encoding.toLowerCase();
      if (encoding === 'latin1' || encoding === 'binary')
        return encodingOps.latin1;
      if (encoding === 'base64') return encodingOps.base64;
      break;
    case 3:
      if (encoding === 'hex' || encoding.toLowerCase() === 'hex')
        return encodingOps.hex;
      break;
    case 9:
      if (encoding === 'base64url' || encoding.toLowerCase() === 'base64url')
        return encodingOps.base64url;
      break;
  }
}

function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (isArrayBufferView(string) || isAnyArrayBuffer(string)) {
      return string.byteLength;
    }

    throw new ERR_INVALID_ARG_TYPE(
      'string', ['string', 'Buffer', 'ArrayBuffer'], string,
    );
  }

  const len = string.length;
  const mustMatch = (arguments.length > 2 && arguments[2] === true);
  if (!mustMatch && len === 0)
    return 0;

  if (!encoding)
    return (mustMatch ? -1 : byteLengthUtf8(string));

  const ops = getEncodingOps(encoding);
  if (ops === undefined) {
    // TODO (ronag): Makes more sense to throw here.
    // throw new ERR_UNKNOWN_ENCODING(encoding);
    return (mustMatch ? -1 : byteLengthUtf8(string));
  }
  return ops.byteLength(string);
}

Buffer.byteLength = byteLength;

// For backwards compatibility.
Object.defineProperty(Buffer.prototype, 'parent', {
  __proto__: null,
  enumerable: true,
  get() {
    if (!(this instanceof Buffer))
      return undefined;
    return this.buffer;
  },
});
Object.defineProperty(Buffer.prototype, 'offset', {
  __proto__: null,
  enumerable: true,
  get() {
    if (!(this instanceof Buffer))
      return undefined;
    return this.byteOffset;
  },
});

// ---------------------------------------------------------------------------
// copy

// Copies `nb` bytes of `source` from `sourceStart` to `target` at `targetStart`.
function _copyBytes(source, target, targetStart, sourceStart, nb) {
  const src = new Uint8Array(source.buffer, source.byteOffset + sourceStart, nb);
  if (target.constructor === Uint8Array || target instanceof FastBuffer) {
    Uint8Array.prototype.set.call(target, src, targetStart);
  } else {
    bytesOf(target).set(src, targetStart);
  }
}

function _copyActual(source, target, targetStart, sourceStart, sourceEnd) {
  if (sourceEnd - sourceStart > target.byteLength - targetStart)
    sourceEnd = sourceStart + target.byteLength - targetStart;

  let nb = sourceEnd - sourceStart;
  const sourceLen = source.byteLength - sourceStart;
  if (nb > sourceLen)
    nb = sourceLen;

  if (nb <= 0)
    return 0;

  _copyBytes(source, target, targetStart, sourceStart, nb);

  return nb;
}

function toInteger(n, defaultVal) {
  n = +n;
  if (!Number.isNaN(n) &&
      n >= Number.MIN_SAFE_INTEGER &&
      n <= Number.MAX_SAFE_INTEGER) {
    return ((n % 1) === 0 ? n : Math.floor(n));
  }
  return defaultVal;
}

function copyImpl(source, target, targetStart, sourceStart, sourceEnd) {
  if (!isUint8Array(source))
    throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
  if (!isUint8Array(target))
    throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);

  if (targetStart === undefined) {
    targetStart = 0;
  } else {
    targetStart = toInteger(targetStart, 0);
    if (targetStart < 0)
      throw new ERR_OUT_OF_RANGE('targetStart', '>= 0', targetStart);
  }

  if (sourceStart === undefined) {
    sourceStart = 0;
  } else {
    sourceStart = toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > source.length)
      throw new ERR_OUT_OF_RANGE('sourceStart', `>= 0 && <= ${source.length}`, sourceStart);
  }

  if (sourceEnd === undefined) {
    sourceEnd = source.length;
  } else {
    sourceEnd = toInteger(sourceEnd, 0);
    if (sourceEnd < 0)
      throw new ERR_OUT_OF_RANGE('sourceEnd', '>= 0', sourceEnd);
  }

  if (targetStart >= target.length || sourceStart >= sourceEnd)
    return 0;

  return _copyActual(source, target, targetStart, sourceStart, sourceEnd);
}

Buffer.prototype.copy =
  function copy(target, targetStart, sourceStart, sourceEnd) {
    return copyImpl(this, target, targetStart, sourceStart, sourceEnd);
  };

// No need to verify that "buf.length <= MAX_UINT32" since it's a read-only
// property of a typed array.
// This behaves neither like String nor Uint8Array in that we set start/end
// to their upper/lower bounds if the value passed is out of range.
Buffer.prototype.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) {
    return this.utf8Slice(0, this.length);
  }

  const len = this.length;

  if (start <= 0)
    start = 0;
  else if (start >= len)
    return '';
  else
    start = Math.trunc(start) || 0;

  if (end === undefined || end > len)
    end = len;
  else
    end = Math.trunc(end) || 0;

  if (end <= start)
    return '';

  if (encoding === undefined)
    return this.utf8Slice(start, end);

  const ops = getEncodingOps(encoding);
  if (ops === undefined)
    throw new ERR_UNKNOWN_ENCODING(encoding);

  return ops.slice(this, start, end);
};

Buffer.prototype.equals = function equals(otherBuffer) {
  if (!isUint8Array(otherBuffer)) {
    throw new ERR_INVALID_ARG_TYPE(
      'otherBuffer', ['Buffer', 'Uint8Array'], otherBuffer);
  }

  if (this === otherBuffer)
    return true;
  const len = this.byteLength;
  if (len !== otherBuffer.byteLength)
    return false;

  return len === 0 || _compare(this, otherBuffer) === 0;
};

let utilInspect;
function lazyInspect() {
  utilInspect ??= require('internal/util/inspect').inspect;
  return utilInspect;
}

let utilBinding;
function lazyUtilBinding() {
  utilBinding ??= internalBinding('util');
  return utilBinding;
}

// Override how buffers are presented by util.inspect().
Buffer.prototype[customInspectSymbol] = function inspect(recurseTimes, ctx) {
  const max = INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  let str = this.hexSlice(0, actualMax).replace(/(.{2})/g, '$1 ').trim();
  if (remaining > 0)
    str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  // Inspect special properties as they are normally not visible without
  // iterating over the buffer.
  if (ctx) {
    let extras = false;
    const {
      getOwnNonIndexProperties,
      constants: { ALL_PROPERTIES, ONLY_ENUMERABLE },
    } = lazyUtilBinding();
    const filter = ctx.showHidden ? ALL_PROPERTIES : ONLY_ENUMERABLE;
    const obj = { __proto__: null };
    getOwnNonIndexProperties(this, filter).forEach((key) => {
      extras = true;
      obj[key] = this[key];
    });
    if (extras) {
      if (this.length !== 0)
        str += ', ';
      // '[Object: null prototype] {'.length === 26
      // This is guarded with a test.
      str += lazyInspect()(obj, {
        ...ctx,
        breakLength: Infinity,
        compact: true,
      }).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${str}>`;
};
Buffer.prototype.inspect = Buffer.prototype[customInspectSymbol];

Buffer.prototype.compare = function compare(target,
                                            targetStart,
                                            targetEnd,
                                            sourceStart,
                                            sourceEnd) {
  if (!isUint8Array(target)) {
    throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  }
  if (arguments.length === 1)
    return _compare(this, target);

  if (targetStart === undefined)
    targetStart = 0;
  else
    validateOffset(targetStart, 'targetStart');

  if (targetEnd === undefined)
    targetEnd = target.length;
  else
    validateOffset(targetEnd, 'targetEnd', 0, target.length);

  if (sourceStart === undefined)
    sourceStart = 0;
  else
    validateOffset(sourceStart, 'sourceStart');

  if (sourceEnd === undefined)
    sourceEnd = this.length;
  else
    validateOffset(sourceEnd, 'sourceEnd', 0, this.length);

  if (sourceStart >= sourceEnd)
    return (targetStart >= targetEnd ? 0 : -1);
  if (targetStart >= targetEnd)
    return 1;

  return compareOffset(this, target, targetStart, sourceStart, targetEnd,
                       sourceEnd);
};

function compareOffset(source, target, targetStart, sourceStart, targetEnd, sourceEnd) {
  const src = bytesOf(source);
  const tgt = bytesOf(target);
  if (sourceStart > src.length) {
    throw nativeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "sourceStart" is out of range.');
  }
  if (targetStart > tgt.length) {
    throw nativeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "targetStart" is out of range.');
  }
  const toCmp = Math.min(sourceEnd - sourceStart, targetEnd - targetStart,
                         src.length - sourceStart);
  const r = toCmp > 0 ? memcmp(src, sourceStart, tgt, targetStart, toCmp) : 0;
  if (r !== 0) return r;
  const aLen = sourceEnd - sourceStart;
  const bLen = targetEnd - targetStart;
  return aLen > bLen ? 1 : aLen < bLen ? -1 : 0;
}

// ---------------------------------------------------------------------------
// indexOf / lastIndexOf / includes

// Computes the offset for starting an indexOf or lastIndexOf search.
// Returns either a valid offset in [0...<length - 1>], ie inside the search
// space, or -1 to signal that no search is necessary.
function indexOfOffset(length, offset, needleLength, isForward) {
  if (offset < 0) {
    if (offset + length >= 0) {
      // Negative offsets count backwards from the end of the buffer.
      return length + offset;
    } else if (isForward || needleLength === 0) {
      // indexOf from before the start of the buffer: search the whole buffer.
      return 0;
    }
    // lastIndexOf from before the start of the buffer: no match.
    return -1;
  }
  if (offset + needleLength <= length) {
    // Valid positive offset.
    return offset;
  } else if (needleLength === 0) {
    // Out of buffer bounds, but empty needle: point to end of buffer.
    return length;
  } else if (isForward) {
    // indexOf from past the end of the buffer: no match.
    return -1;
  }
  // lastIndexOf from past the end of the buffer: search the whole buffer.
  return length - 1;
}

// Searches `needle` (an array of units) in `haystack` (units 0..hayLen).
// Forward: first match at or after `start`; backward: last match at or
// before `start`. Returns hayLen if there is none.
function searchUnits(haystack, hayLen, needle, start, isForward) {
  const needleLen = needle.length;
  if (hayLen < needleLen) return hayLen;
  const diff = hayLen - needleLen;
  const first = needle[0];
  if (isForward) {
    for (let i = start; i <= diff; i++) {
      i = haystack.indexOf(first, i);
      if (i === -1 || i > diff) return hayLen;
      let j = 1;
      while (j < needleLen && haystack[i + j] === needle[j]) j++;
      if (j === needleLen) return i;
    }
    return hayLen;
  }
  for (let i = start > diff ? diff : start; i >= 0; i--) {
    i = haystack.lastIndexOf(first, i);
    if (i === -1) return hayLen;
    let j = 1;
    while (j < needleLen && haystack[i + j] === needle[j]) j++;
    if (j === needleLen) return i;
  }
  return hayLen;
}

// The first `units` little-endian 16-bit units of a byte array.
function toUnits16(bytes, units) {
  if (!bigEndian && (bytes.byteOffset & 1) === 0) {
    return new Uint16Array(bytes.buffer, bytes.byteOffset, units);
  }
  const out = new Uint16Array(units);
  for (let i = 0; i < units; i++) out[i] = bytes[2 * i] | (bytes[2 * i + 1] << 8);
  return out;
}

const bigEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

function indexOfNeedle(hayBytes, needle, offsetValue, isUcs2, isForward) {
  const hayLength = hayBytes.length;
  const needleLength = needle.length;
  const optOffset = indexOfOffset(hayLength, offsetValue, needleLength, isForward);

  if (needleLength === 0) {
    // Match String#indexOf() and String#lastIndexOf() behavior.
    return optOffset;
  }
  if (hayLength === 0 || optOffset <= -1) return -1;
  if ((isForward && needleLength + optOffset > hayLength) ||
      needleLength > hayLength) {
    return -1;
  }

  let result;
  if (isUcs2) {
    if (hayLength < 2 || needleLength < 2) return -1;
    const hay16 = toUnits16(hayBytes, hayLength >>> 1);
    const needle16 = toUnits16(needle, needleLength >>> 1);
    const hayUnits = hay16.length;
    result = searchUnits(hay16, hayUnits, needle16, Math.floor(optOffset / 2), isForward) * 2;
  } else {
    return binding.indexOfBytes(hayBytes, needle, optOffset, isForward);
  }
  return result === hayLength ? -1 : result;
}

function indexOfString(buffer, val, byteOffset, encodingVal, isForward) {
  let hay = bytesOf(buffer);
  const offset = Math.trunc(byteOffset) + 0;
  let needle;
  if (encodingVal === encodingsMap.utf16le) {
    // Round down to the nearest multiple of 2 in case of UCS2.
    if (hay.length & 1) hay = hay.subarray(0, hay.length - 1);
    needle = binding.encode(val, 'utf16le');
  } else if (encodingVal === encodingsMap.utf8) {
    needle = binding.encode(val, 'utf8');
  } else {
    needle = binding.encode(val, 'latin1');
  }
  return indexOfNeedle(hay, needle, offset, encodingVal === encodingsMap.utf16le, isForward);
}

function indexOfBuffer(buffer, val, byteOffset, encodingVal, isForward) {
  const offset = Math.trunc(byteOffset) + 0;
  return indexOfNeedle(bytesOf(buffer), bytesOf(val), offset,
                       encodingVal === encodingsMap.utf16le, isForward);
}

function indexOfNumber(buffer, val, byteOffset, isForward) {
  const hay = bytesOf(buffer);
  const offset = Math.trunc(byteOffset) + 0;
  const optOffset = indexOfOffset(hay.length, offset, 1, isForward);
  if (optOffset <= -1 || hay.length === 0) return -1;
  // memchr in Rust: much faster than TypedArray#indexOf on large buffers.
  return binding.indexOfBytes(hay, new Uint8Array([val & 255]), optOffset, isForward);
}

// Finds either the first index of `val` in `buffer` at offset >= `byteOffset`,
// OR the last index of `val` in `buffer` at offset <= `byteOffset`.
//
// Arguments:
// - buffer - a Buffer to search
// - val - a string, Buffer, or number
// - byteOffset - an index into `buffer`; will be clamped to an int32
// - encoding - an optional encoding, relevant if val is a string
// - dir - true for indexOf, false for lastIndexOf
function bidirectionalIndexOf(buffer, val, byteOffset, encoding, dir) {
  validateBuffer(buffer);

  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  // Coerce to Number. Values like null and [] become 0.
  byteOffset = +byteOffset;
  // If the offset is undefined, "foo", {}, coerces to NaN, search whole buffer.
  if (Number.isNaN(byteOffset)) {
    byteOffset = dir ? 0 : (buffer.length || buffer.byteLength);
  }
  dir = !!dir;  // Cast to bool.

  if (typeof val === 'number')
    return indexOfNumber(buffer, val >>> 0, byteOffset, dir);

  let ops;
  if (encoding === undefined)
    ops = encodingOps.utf8;
  else
    ops = getEncodingOps(encoding);

  if (typeof val === 'string') {
    if (ops === undefined)
      throw new ERR_UNKNOWN_ENCODING(encoding);
    return ops.indexOf(buffer, val, byteOffset, dir);
  }

  if (isUint8Array(val)) {
    const encodingVal =
      (ops === undefined ? encodingsMap.utf8 : ops.encodingVal);
    return indexOfBuffer(buffer, val, byteOffset, encodingVal, dir);
  }

  throw new ERR_INVALID_ARG_TYPE(
    'value', ['number', 'string', 'Buffer', 'Uint8Array'], val,
  );
}

Buffer.prototype.indexOf = function indexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, true);
};

Buffer.prototype.lastIndexOf = function lastIndexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, false);
};

Buffer.prototype.includes = function includes(val, byteOffset, encoding) {
  return this.indexOf(val, byteOffset, encoding) !== -1;
};

// ---------------------------------------------------------------------------
// fill

// Usage:
//    buffer.fill(number[, offset[, end]])
//    buffer.fill(buffer[, offset[, end]])
//    buffer.fill(string[, offset[, end]][, encoding])
Buffer.prototype.fill = function fill(value, offset, end, encoding) {
  return _fill(this, value, offset, end, encoding);
};

function _fill(buf, value, offset, end, encoding) {
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = buf.length;
    }

    const normalizedEncoding = normalizeEncoding(encoding);
    if (normalizedEncoding === undefined) {
      validateString(encoding, 'encoding');
      throw new ERR_UNKNOWN_ENCODING(encoding);
    }

    if (value.length === 0) {
      // If value === '' default to zero.
      value = 0;
    } else if (value.length === 1) {
      // Fast path: If `value` fits into a single byte, use that numeric value.
      if (normalizedEncoding === 'utf8') {
        const code = value.charCodeAt(0);
        if (code < 128) {
          value = code;
        }
      } else if (normalizedEncoding === 'latin1') {
        value = value.charCodeAt(0);
      }
    }
    encoding = normalizedEncoding;
  } else {
    encoding = undefined;
  }

  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateOffset(offset, 'offset');
    // Invalid ranges are not set to a default, so can range check early.
    if (end === undefined) {
      end = buf.length;
    } else {
      validateOffset(end, 'end', 0, buf.length);
    }
    if (offset >= end)
      return buf;
  }

  if (typeof value === 'number') {
    // OOB check
    const byteLen = buf.byteLength;
    const fillLength = end - offset;
    if (offset > end || fillLength + offset > byteLen)
      throw new ERR_BUFFER_OUT_OF_BOUNDS();

    Uint8Array.prototype.fill.call(buf, value, offset, end);
  } else {
    const res = bindingFill(buf, value, offset, end, encoding);
    if (res < 0) {
      if (res === -1)
        throw new ERR_INVALID_ARG_VALUE('value', value);
      throw new ERR_BUFFER_OUT_OF_BOUNDS();
    }
  }

  return buf;
}

// Node's C++ fill for buffers, strings and other values (coerced to uint32).
// Returns -1 if the value yields no bytes, -2 on a bad range.
function bindingFill(buf, value, start, end, encoding) {
  const target = bytesOf(buf);
  const fillLength = end - start;
  if (start > end || fillLength + start > target.length) return -2;

  let strLength;
  if (isArrayBufferView(value)) {
    const src = bytesOf(value);
    strLength = src.length;
    target.set(strLength > fillLength ? src.subarray(0, fillLength) : src, start);
  } else if (typeof value !== 'string') {
    target.fill((+value >>> 0) & 255, start, end);
    return;
  } else if (encoding === 'utf8' || encoding === 'utf16le') {
    const bytes = binding.encode(value, encoding);
    strLength = bytes.length;
    target.set(strLength > fillLength ? bytes.subarray(0, fillLength) : bytes, start);
  } else {
    strLength = writeEncoded(target, value, start, fillLength, encoding);
  }

  if (strLength >= fillLength) return;
  if (strLength === 0) return -1;

  // Repeat the written pattern by doubling it.
  let inThere = strLength;
  while (inThere < fillLength - inThere) {
    target.copyWithin(start + inThere, start, start + inThere);
    inThere *= 2;
  }
  if (inThere < fillLength) {
    target.copyWithin(start + inThere, start, start + fillLength - inThere);
  }
}

// ---------------------------------------------------------------------------
// write / toJSON / subarray / slice / swap

const validateOffset = (value, name, min = 0, max = kMaxLength) =>
  validateInteger(value, name, min, max);

Buffer.prototype.write = function write(string, offset, length, encoding) {
  // Buffer#write(string);
  if (offset === undefined) {
    return this.utf8Write(string, 0, this.length);
  }
  // Buffer#write(string, encoding)
  if (length === undefined && typeof offset === 'string') {
    encoding = offset;
    length = this.length;
    offset = 0;

  // Buffer#write(string, offset[, length][, encoding])
  } else {
    validateOffset(offset, 'offset', 0, this.length);

    const remaining = this.length - offset;

    if (length === undefined) {
      length = remaining;
    } else if (typeof length === 'string') {
      encoding = length;
      length = remaining;
    } else {
      validateOffset(length, 'length', 0, this.length);
      if (length > remaining)
        length = remaining;
    }
  }
  if (!encoding || encoding === 'utf8')
    return this.utf8Write(string, offset, length);
  if (encoding === 'ascii')
    return this.asciiWrite(string, offset, length);

  const ops = getEncodingOps(encoding);
  if (ops === undefined)
    throw new ERR_UNKNOWN_ENCODING(encoding);
  return ops.write(this, string, offset, length);
};

Buffer.prototype.toJSON = function toJSON() {
  if (this.length > 0) {
    const data = new Array(this.length);
    for (let i = 0; i < this.length; ++i)
      data[i] = this[i];
    return { type: 'Buffer', data };
  }
  return { type: 'Buffer', data: [] };
};

function adjustOffset(offset, length) {
  // Use Math.trunc() to convert offset to an integer value that can be larger
  // than an Int32. Hence, don't use offset | 0 or similar techniques.
  offset = Math.trunc(offset);
  if (offset === 0) {
    return 0;
  }
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  if (offset < length) {
    return offset;
  }
  return Number.isNaN(offset) ? 0 : length;
}

Buffer.prototype.subarray = function subarray(start, end) {
  const srcLength = this.length;
  start = adjustOffset(start, srcLength);
  end = end !== undefined ? adjustOffset(end, srcLength) : srcLength;
  const newLength = end > start ? end - start : 0;
  return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
};

Buffer.prototype.slice = function slice(start, end) {
  return this.subarray(start, end);
};

function swap(b, n, m) {
  const i = b[n];
  b[n] = b[m];
  b[m] = i;
}

Buffer.prototype.swap16 = function swap16() {
  const len = this.length;
  if (len % 2 !== 0)
    throw new ERR_INVALID_BUFFER_SIZE('16-bits');
  for (let i = 0; i < len; i += 2)
    swap(this, i, i + 1);
  return this;
};

Buffer.prototype.swap32 = function swap32() {
  const len = this.length;
  if (len % 4 !== 0)
    throw new ERR_INVALID_BUFFER_SIZE('32-bits');
  for (let i = 0; i < len; i += 4) {
    swap(this, i, i + 3);
    swap(this, i + 1, i + 2);
  }
  return this;
};

Buffer.prototype.swap64 = function swap64() {
  const len = this.length;
  if (len % 8 !== 0)
    throw new ERR_INVALID_BUFFER_SIZE('64-bits');
  for (let i = 0; i < len; i += 8) {
    swap(this, i, i + 7);
    swap(this, i + 1, i + 6);
    swap(this, i + 2, i + 5);
    swap(this, i + 3, i + 4);
  }
  return this;
};

Buffer.prototype.toLocaleString = Buffer.prototype.toString;

// ---------------------------------------------------------------------------
// transcode, isUtf8, isAscii

// Encodings transcode() accepts (Node's ICU converters).
const kTranscodeEncodings = new Set(['ascii', 'latin1', 'utf16le', 'utf8']);

function transcodeError(code, errno) {
  const err = new Error(`Unable to transcode Buffer [${code}]`);
  err.code = code;
  err.errno = errno;
  return err;
}

const kLoneSurrogateRE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Mirrors the conversions ICU performs for Node, including how each pair
// treats invalid input: some substitute, some throw U_INVALID_CHAR_FOUND.
function transcode(source, fromEncoding, toEncoding) {
  if (!isUint8Array(source)) {
    throw new ERR_INVALID_ARG_TYPE('source',
                                   ['Buffer', 'Uint8Array'], source);
  }
  if (source.length === 0) return Buffer.alloc(0);

  fromEncoding = normalizeEncoding(fromEncoding) || fromEncoding;
  toEncoding = normalizeEncoding(toEncoding) || toEncoding;
  if (!kTranscodeEncodings.has(fromEncoding) || !kTranscodeEncodings.has(toEncoding)) {
    throw transcodeError('U_ILLEGAL_ARGUMENT_ERROR', 1);
  }

  const bytes = bytesOf(source);
  let str;
  switch (fromEncoding) {
    case 'latin1':
      str = binding.decode(bytes, 'latin1', 0, bytes.length);
      break;
    case 'ascii':
      str = binding.decode(bytes, 'latin1', 0, bytes.length);
      // ICU's US-ASCII converter substitutes bytes above 0x7f, except when
      // converting to UTF-16.
      if (toEncoding !== 'utf16le') str = str.replace(/[\x80-\xff]/g, '\ufffd');
      break;
    case 'utf8':
      if (toEncoding === 'utf16le' && !isUtf8Bytes(bytes)) {
        throw transcodeError('U_INVALID_CHAR_FOUND', 10);
      }
      str = binding.decode(bytes, 'utf8', 0, bytes.length);
      break;
    default: { // utf16le
      const even = bytes.length & ~1;
      str = binding.decode(bytes, 'utf16le', 0, even);
      if (toEncoding === 'utf8') {
        kLoneSurrogateRE.lastIndex = 0;
        if (kLoneSurrogateRE.test(str)) throw transcodeError('U_INVALID_CHAR_FOUND', 10);
      } else {
        str = str.replace(kLoneSurrogateRE, '\ufffd');
        if (toEncoding === 'utf16le' && even !== bytes.length) str += '\ufffd';
      }
    }
  }
  if (toEncoding === 'ascii') {
    str = str.replace(/[^\x00-\x7f]/gu, '?');
  } else if (toEncoding === 'latin1') {
    str = str.replace(/[^\x00-\xff]/gu, '?');
  }
  const out = binding.encode(str, toEncoding);
  return new FastBuffer(out.buffer, out.byteOffset, out.length);
}

function isDetached(arrayBuffer) {
  if (typeof arrayBuffer.detached === 'boolean') return arrayBuffer.detached;
  if (arrayBuffer.byteLength !== 0) return false;
  try {
    new Uint8Array(arrayBuffer); // eslint-disable-line no-new
    return false;
  } catch {
    return true;
  }
}

// Bytes of an ArrayBuffer or view for validation; a detached buffer throws.
function validationBytes(input) {
  const ab = isAnyArrayBuffer(input) ? input : input.buffer;
  if (isDetached(ab)) {
    throw nativeError(Error, 'ERR_INVALID_STATE', 'Cannot validate on a detached buffer');
  }
  return isAnyArrayBuffer(input) ? new Uint8Array(input) : bytesOf(input);
}

function isUtf8Bytes(bytes) {
  const len = bytes.length;
  let i = 0;
  while (i < len) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need, min;
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1; min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2; min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3; min = 0x10000;
    } else {
      return false;
    }
    if (i + need >= len) return false;
    let cp = b & (0x3F >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xC0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += need + 1;
  }
  return true;
}

function isUtf8(input) {
  if (isTypedArray(input) || isAnyArrayBuffer(input)) {
    return isUtf8Bytes(validationBytes(input));
  }

  throw new ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

function isAscii(input) {
  if (isTypedArray(input) || isAnyArrayBuffer(input)) {
    const bytes = validationBytes(input);
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] > 0x7f) return false;
    }
    return true;
  }

  throw new ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

// ---------------------------------------------------------------------------
// atob / btoa

let DOMException;
function lazyDOMException(message, name) {
  DOMException ??= require('internal/dom_exception');
  return new DOMException(message, name);
}

function btoa(input) {
  // The implementation here has not been performance optimized in any way and
  // should not be.
  // Refs: https://github.com/nodejs/node/pull/38433#issuecomment-828426932
  if (arguments.length === 0) {
    throw new ERR_MISSING_ARGS('input');
  }
  input = `${input}`;
  for (let n = 0; n < input.length; n++) {
    if (input.charCodeAt(n) > 0xff)
      throw lazyDOMException('Invalid character', 'InvalidCharacterError');
  }
  const buf = Buffer.from(input, 'latin1');
  return buf.toString('base64');
}

// Refs: https://infra.spec.whatwg.org/#forgiving-base64-decode
// Index of each allowed char code: 0-4 ASCII whitespace, then the alphabet,
// '+', '/' and finally '='.
const kForgivingBase64AllowedChars = [
  // ASCII whitespace
  // Refs: https://infra.spec.whatwg.org/#ascii-whitespace
  0x09, 0x0A, 0x0C, 0x0D, 0x20,

  // Uppercase letters
  ...Array.from({ length: 26 }, (_, i) => 'A'.charCodeAt(0) + i),

  // Lowercase letters
  ...Array.from({ length: 26 }, (_, i) => 'a'.charCodeAt(0) + i),

  // Decimal digits
  ...Array.from({ length: 10 }, (_, i) => '0'.charCodeAt(0) + i),

  0x2B, // +
  0x2F, // /
  0x3D, // =
];
const kEqualSignIndex = kForgivingBase64AllowedChars.indexOf(0x3D);

function atob(input) {
  if (arguments.length === 0) {
    throw new ERR_MISSING_ARGS('input');
  }

  input = `${input}`;
  let nonAsciiWhitespaceCharCount = 0;
  let equalCharCount = 0;

  for (let n = 0; n < input.length; n++) {
    const index = kForgivingBase64AllowedChars.indexOf(input.charCodeAt(n));

    if (index > 4) {
      // The first 5 elements of `kForgivingBase64AllowedChars` are
      // ASCII whitespace char codes.
      nonAsciiWhitespaceCharCount++;

      if (index === kEqualSignIndex) {
        equalCharCount++;
      } else if (equalCharCount) {
        // The `=` char is only allowed at the end.
        throw lazyDOMException('Invalid character', 'InvalidCharacterError');
      }

      if (equalCharCount > 2) {
        // Only one more `=` is permitted after the first equal sign.
        throw lazyDOMException('Invalid character', 'InvalidCharacterError');
      }
    } else if (index === -1) {
      throw lazyDOMException('Invalid character', 'InvalidCharacterError');
    }
  }

  let reminder = nonAsciiWhitespaceCharCount % 4;

  // See #2, #3, #4 - https://infra.spec.whatwg.org/#forgiving-base64
  if (!reminder) {
    // Remove all trailing `=` characters and get the new reminder.
    reminder = (nonAsciiWhitespaceCharCount - equalCharCount) % 4;
  } else if (equalCharCount) {
    // `=` should not in the input if there's a reminder.
    throw lazyDOMException('Invalid character', 'InvalidCharacterError');
  }

  // See #3 - https://infra.spec.whatwg.org/#forgiving-base64
  if (reminder === 1) {
    throw lazyDOMException(
      'The string to be decoded is not correctly encoded.',
      'InvalidCharacterError');
  }

  return Buffer.from(input, 'base64').toString('latin1');
}

// ---------------------------------------------------------------------------
// Exports

module.exports = {
  Buffer,
  SlowBuffer,
  transcode,
  isUtf8,
  isAscii,

  // Legacy
  kMaxLength,
  kStringMaxLength,
  btoa,
  atob,
};

Object.defineProperties(module.exports, {
  constants: {
    __proto__: null,
    configurable: false,
    enumerable: true,
    value: constants,
  },
  INSPECT_MAX_BYTES: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() { return INSPECT_MAX_BYTES; },
    set(val) {
      validateNumber(val, 'INSPECT_MAX_BYTES', 0);
      INSPECT_MAX_BYTES = val;
    },
  },
});

// Blob and File live in their own module and load on first use.
for (const name of ['Blob', 'resolveObjectURL', 'File']) {
  Object.defineProperty(module.exports, name, {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      const value = require('internal/buffer/blob')[name];
      Object.defineProperty(module.exports, name, {
        __proto__: null, configurable: true, enumerable: true, writable: true, value,
      });
      return value;
    },
    set(value) {
      Object.defineProperty(module.exports, name, {
        __proto__: null, configurable: true, enumerable: true, writable: true, value,
      });
    },
  });
}
