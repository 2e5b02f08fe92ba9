'use strict';
// randomBytes, randomFill(Sync), randomInt, randomUUID and the Web Crypto
// getRandomValues, over the OS generator (`ring`'s SystemRandom). Async
// requests make their bytes on the thread pool.

const binding = internalBinding('crypto');
const { Buffer } = require('buffer');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE },
} = require('internal/errors');
const { validateBoolean, validateFunction, validateNumber, validateObject } = require('internal/validators');
const { isAnyArrayBuffer } = require('internal/crypto/util');

const kMaxPossibleLength = 2 ** 31 - 1;

function assertOffset(offset, elementSize, length) {
  validateNumber(offset, 'offset');
  offset *= elementSize;
  const maxLength = Math.min(length, kMaxPossibleLength);
  if (Number.isNaN(offset) || offset > maxLength || offset < 0) {
    throw new ERR_OUT_OF_RANGE('offset', `>= 0 && <= ${maxLength}`, offset);
  }
  return offset >>> 0;
}

function assertSize(size, elementSize, offset, length) {
  validateNumber(size, 'size');
  size *= elementSize;
  if (Number.isNaN(size) || size > kMaxPossibleLength || size < 0) {
    throw new ERR_OUT_OF_RANGE('size', `>= 0 && <= ${kMaxPossibleLength}`, size);
  }
  if (size + offset > length) {
    throw new ERR_OUT_OF_RANGE('size + offset', `<= ${length}`, size + offset);
  }
  return size >>> 0;
}

function assertBuf(buf) {
  if (!isAnyArrayBuffer(buf) && !ArrayBuffer.isView(buf)) {
    throw new ERR_INVALID_ARG_TYPE('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
  }
}

function asView(buf) {
  return ArrayBuffer.isView(buf) ? buf : new Uint8Array(buf);
}

function randomBytes(size, callback) {
  size = assertSize(size, 1, 0, Infinity);
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (callback === undefined) {
    const buf = Buffer.allocUnsafeSlow(size);
    if (size > 0) binding.randomFillSync(buf, 0, size);
    return buf;
  }
  if (size === 0) {
    callback(null, Buffer.alloc(0));
    return;
  }
  binding.randomBytes(size, (err, bytes) => {
    if (err) return callback(err);
    callback(null, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

function randomFillSync(buf, offset = 0, size) {
  assertBuf(buf);
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  offset = assertOffset(offset, elementSize, buf.byteLength);
  if (size === undefined) {
    size = buf.byteLength - offset;
  } else {
    size = assertSize(size, elementSize, offset, buf.byteLength);
  }
  if (size > 0) binding.randomFillSync(asView(buf), offset, size);
  return buf;
}

function randomFill(buf, offset, size, callback) {
  assertBuf(buf);
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    size = buf.length; // a length in elements; assertSize() makes it bytes
  } else if (typeof size === 'function') {
    callback = size;
    size = buf.length - offset;
  } else {
    validateFunction(callback, 'callback');
  }
  offset = assertOffset(offset, elementSize, buf.byteLength);
  if (size === undefined || Number.isNaN(size)) {
    size = buf.byteLength - offset;
  } else {
    size = assertSize(size, elementSize, offset, buf.byteLength);
  }
  if (size === 0) {
    callback(null, buf);
    return;
  }
  binding.randomBytes(size, (err, bytes) => {
    if (err) return callback(err);
    const target = ArrayBuffer.isView(buf) ? buf.buffer : buf;
    new Uint8Array(target, (buf.byteOffset || 0) + offset, size).set(bytes);
    callback(null, buf);
  });
}

// Largest integer 6 random bytes give: randomInt() draws from [0, RAND_MAX).
const RAND_MAX = 0xFFFF_FFFF_FFFF;
// randomInt() draws from a cache; async calls refill it on the pool when empty.
const randomCache = Buffer.alloc(6 * 1024);
let randomCacheOffset = randomCache.length;
let asyncCacheFillInProgress = false;
const asyncCachePendingTasks = [];

// A uniform integer in [0, range), or undefined when the cache runs dry.
function pickFromCache(range) {
  const randLimit = RAND_MAX - (RAND_MAX % range);
  while (randomCacheOffset <= randomCache.length - 6) {
    const x = randomCache.readUIntBE(randomCacheOffset, 6);
    randomCacheOffset += 6;
    if (x < randLimit) return x % range;
  }
  return undefined;
}

function asyncRefillRandomIntCache() {
  if (asyncCacheFillInProgress) return;
  asyncCacheFillInProgress = true;
  binding.randomBytes(randomCache.length, (err, bytes) => {
    asyncCacheFillInProgress = false;
    const tasks = asyncCachePendingTasks.splice(0);
    const errorReceiver = err && tasks.shift();
    if (!err) {
      randomCache.set(bytes);
      randomCacheOffset = 0;
    }
    for (const task of tasks) randomInt(task.min, task.max, task.callback);
    if (errorReceiver) errorReceiver.callback(err);
  });
}

// An integer in [min, max), without modulo bias.
function randomInt(min, max, callback) {
  const minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
  if (minNotSpecified) {
    callback = max;
    max = min;
    min = 0;
  }
  const isSync = typeof callback === 'undefined';
  if (!isSync) validateFunction(callback, 'callback');
  if (!Number.isSafeInteger(min)) throw new ERR_INVALID_ARG_TYPE('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw new ERR_INVALID_ARG_TYPE('max', 'a safe integer', max);
  if (max <= min) {
    throw new ERR_OUT_OF_RANGE('max', `greater than the value of "min" (${min})`, max);
  }
  const range = max - min;
  if (!(range <= RAND_MAX)) {
    throw new ERR_OUT_OF_RANGE(`max${minNotSpecified ? '' : ' - min'}`, `<= ${RAND_MAX}`, range);
  }
  let n = pickFromCache(range);
  if (isSync) {
    while (n === undefined) {
      binding.randomFillSync(randomCache, 0, randomCache.length);
      randomCacheOffset = 0;
      n = pickFromCache(range);
    }
    return n + min;
  }
  if (n !== undefined) {
    process.nextTick(callback, undefined, n + min);
  } else {
    asyncCachePendingTasks.push({ min, max, callback });
    asyncRefillRandomIntCache();
  }
}

// RFC 4122 version 4 UUIDs, from a batch of random bytes refilled every 128.
const kHex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const kBatchSize = 128;
let uuidData;
let uuidBatch = 0;

function serializeUUID(b, o) {
  return kHex[b[o]] + kHex[b[o + 1]] + kHex[b[o + 2]] + kHex[b[o + 3]] + '-' +
    kHex[b[o + 4]] + kHex[b[o + 5]] + '-' +
    kHex[(b[o + 6] & 0x0f) | 0x40] + kHex[b[o + 7]] + '-' +
    kHex[(b[o + 8] & 0x3f) | 0x80] + kHex[b[o + 9]] + '-' +
    kHex[b[o + 10]] + kHex[b[o + 11]] + kHex[b[o + 12]] + kHex[b[o + 13]] + kHex[b[o + 14]] + kHex[b[o + 15]];
}

function randomUUID(options) {
  if (options !== undefined) validateObject(options, 'options');
  const { disableEntropyCache = false } = { ...options };
  validateBoolean(disableEntropyCache, 'options.disableEntropyCache');
  if (disableEntropyCache) return serializeUUID(randomBytes(16), 0);
  if (uuidData === undefined) uuidData = Buffer.allocUnsafeSlow(16 * kBatchSize);
  if (uuidBatch === 0) binding.randomFillSync(uuidData, 0, uuidData.length);
  const offset = uuidBatch * 16;
  uuidBatch = (uuidBatch + 1) % kBatchSize;
  return serializeUUID(uuidData, offset);
}

function lazyDOMException(message, name) {
  const DOMException = require('internal/dom_exception');
  return new DOMException(message, name);
}

const isIntegerTypedArray = (data) => {
  if (!ArrayBuffer.isView(data) || data instanceof DataView) return false;
  return !(data instanceof Float32Array || data instanceof Float64Array);
};

// Web Crypto's getRandomValues: integer typed arrays of at most 64 KiB.
function getRandomValues(data) {
  if (!isIntegerTypedArray(data)) {
    throw lazyDOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
  }
  if (data.byteLength > 65536) {
    throw lazyDOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
  }
  if (data.byteLength > 0) binding.randomFillSync(data, 0, data.byteLength);
  return data;
}

module.exports = {
  getRandomValues,
  randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
};
