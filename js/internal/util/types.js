'use strict';

// util.types: the native checks from internalBinding('types') plus the
// typed-array checks, which only need the %TypedArray%.prototype tag getter.

const getTypedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;

// The tag getter returns undefined for anything that is not a typed array.
function typedArrayTag(value) {
  return Reflect.apply(getTypedArrayTag, value, []);
}

function isTypedArray(value) {
  return typedArrayTag(value) !== undefined;
}

function tagChecker(tag) {
  const check = (value) => typedArrayTag(value) === tag;
  return Object.defineProperty(check, 'name', { value: `is${tag}` });
}

const typedArrayChecks = {};
for (const tag of ['Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array',
                   'Int8Array', 'Int16Array', 'Int32Array', 'Float32Array',
                   'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
  typedArrayChecks[`is${tag}`] = tagChecker(tag);
}

module.exports = {
  ...internalBinding('types'),
  isArrayBufferView: ArrayBuffer.isView,
  isTypedArray,
  ...typedArrayChecks,
};

// Crypto keys do not exist without the crypto module; load it only when asked.
function cryptoCheck(name) {
  return (obj) => {
    let keys;
    try {
      keys = require('internal/crypto/keys');
    } catch {
      return false;
    }
    return keys[name](obj);
  };
}

Object.defineProperties(module.exports, {
  isKeyObject: { configurable: false, enumerable: true, value: cryptoCheck('isKeyObject') },
  isCryptoKey: { configurable: false, enumerable: true, value: cryptoCheck('isCryptoKey') },
});
