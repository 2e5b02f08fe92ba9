'use strict';

// Deep equality as used by util.isDeepStrictEqual and assert.deep(Strict)Equal.
// Strict mode compares prototypes, uses Object.is for primitives and checks
// own enumerable symbol keys; loose mode uses == for primitives.

const {
  getOwnNonIndexProperties,
  constants: { ONLY_ENUMERABLE },
} = internalBinding('util');
const {
  isAnyArrayBuffer,
  isArrayBufferView,
  isBigIntObject,
  isBooleanObject,
  isBoxedPrimitive,
  isDate,
  isFloat32Array,
  isFloat64Array,
  isMap,
  isNativeError,
  isNumberObject,
  isRegExp,
  isSet,
  isStringObject,
  isSymbolObject,
  isKeyObject,
  isCryptoKey,
} = require('internal/util/types');

const kStrict = true;
const kLoose = false;

// What objEquiv iterates besides the keys.
const kNoIterator = 0;
const kIsArray = 1;
const kIsSet = 2;
const kIsMap = 3;

const typedArrayTagGetter = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
const isEnumerable = (obj, key) => Object.prototype.propertyIsEnumerable.call(obj, key);

function typedArrayTag(value) {
  return Reflect.apply(typedArrayTagGetter, value, []);
}

function bytesEqual(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

function viewBytes(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function areSimilarRegExps(a, b) {
  return a.source === b.source && a.flags === b.flags && a.lastIndex === b.lastIndex;
}

// Loose float arrays compare by value, so 0 equals -0 (NaN never equals NaN).
function areSimilarFloatArrays(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

function isEqualBoxedPrimitive(val1, val2) {
  const kinds = [
    [isNumberObject, (v) => Number.prototype.valueOf.call(v)],
    [isStringObject, (v) => String.prototype.valueOf.call(v)],
    [isBooleanObject, (v) => Boolean.prototype.valueOf.call(v)],
    [isBigIntObject, (v) => BigInt.prototype.valueOf.call(v)],
    [isSymbolObject, (v) => Symbol.prototype.valueOf.call(v)],
  ];
  for (const [is, unbox] of kinds) {
    if (is(val1)) return is(val2) && Object.is(unbox(val1), unbox(val2));
  }
  return false;
}

function isErrorLike(value) {
  return isNativeError(value) || value instanceof Error;
}

function nonIndexKeys(value, strict) {
  const keys = getOwnNonIndexProperties(value, ONLY_ENUMERABLE);
  return strict ? keys : keys.filter((key) => typeof key !== 'symbol');
}

// Errors' message/name/cause/errors are usually non-enumerable own
// properties; compare them explicitly when so.
function errorPropsEqual(val1, val2, strict, memos) {
  for (const prop of ['message', 'name']) {
    const enumerable = isEnumerable(val1, prop);
    if (enumerable !== isEnumerable(val2, prop) || (!enumerable && val1[prop] !== val2[prop])) {
      return false;
    }
  }
  for (const prop of ['cause', 'errors']) {
    const enumerable = isEnumerable(val1, prop);
    if (enumerable !== isEnumerable(val2, prop) ||
        (!enumerable && !innerDeepEqual(val1[prop], val2[prop], strict, memos))) {
      return false;
    }
  }
  return true;
}

function isSpecialObject(value) {
  return Array.isArray(value) || isArrayBufferView(value) || isSet(value) || isMap(value) ||
    isDate(value) || isRegExp(value) || isAnyArrayBuffer(value) || isBoxedPrimitive(value) ||
    isErrorLike(value);
}

let urlClass;
function isURL(value) {
  if (urlClass === undefined) urlClass = globalThis.URL || null;
  return urlClass !== null && value instanceof urlClass;
}

function primitivesEqual(val1, val2, strict) {
  if (strict) return typeof val1 === 'number' && Number.isNaN(val1) && Number.isNaN(val2);
  // eslint-disable-next-line eqeqeq
  return val1 == val2 || (Number.isNaN(val1) && Number.isNaN(val2));
}

function innerDeepEqual(val1, val2, strict, memos) {
  if (val1 === val2) return val1 !== 0 || Object.is(val1, val2) || !strict;

  const isObj1 = typeof val1 === 'object' && val1 !== null;
  const isObj2 = typeof val2 === 'object' && val2 !== null;
  if (!isObj1 || !isObj2) return !isObj1 && !isObj2 && primitivesEqual(val1, val2, strict);
  if (strict && Object.getPrototypeOf(val1) !== Object.getPrototypeOf(val2)) return false;

  const val1Tag = Object.prototype.toString.call(val1);
  if (val1Tag !== Object.prototype.toString.call(val2)) return false;

  if (Array.isArray(val1)) {
    if (!Array.isArray(val2) || val1.length !== val2.length) return false;
    const keys1 = nonIndexKeys(val1, strict);
    if (keys1.length !== nonIndexKeys(val2, strict).length) return false;
    return keyCheck(val1, val2, strict, memos, kIsArray, keys1);
  }
  if (val1Tag === '[object Object]') return keyCheck(val1, val2, strict, memos, kNoIterator);

  if (isDate(val1)) {
    if (!isDate(val2) || Date.prototype.getTime.call(val1) !== Date.prototype.getTime.call(val2)) {
      return false;
    }
  } else if (isRegExp(val1)) {
    if (!isRegExp(val2) || !areSimilarRegExps(val1, val2)) return false;
  } else if (isArrayBufferView(val1)) {
    if (typedArrayTag(val1) !== typedArrayTag(val2)) return false;
    if (!strict && (isFloat32Array(val1) || isFloat64Array(val1))) {
      if (!areSimilarFloatArrays(val1, val2)) return false;
    } else if (val1.byteLength !== val2.byteLength || !bytesEqual(viewBytes(val1), viewBytes(val2))) {
      return false;
    }
    const keys1 = nonIndexKeys(val1, strict);
    if (keys1.length !== nonIndexKeys(val2, strict).length) return false;
    return keyCheck(val1, val2, strict, memos, kNoIterator, keys1);
  } else if (isSet(val1)) {
    if (!isSet(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, kIsSet);
  } else if (isMap(val1)) {
    if (!isMap(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, kIsMap);
  } else if (isAnyArrayBuffer(val1)) {
    if (!isAnyArrayBuffer(val2) || val1.byteLength !== val2.byteLength ||
        !bytesEqual(new Uint8Array(val1), new Uint8Array(val2))) {
      return false;
    }
  } else if (isErrorLike(val1)) {
    if (!isErrorLike(val2) || !errorPropsEqual(val1, val2, strict, memos)) return false;
  } else if (isBoxedPrimitive(val1)) {
    if (!isEqualBoxedPrimitive(val1, val2)) return false;
  } else if (isSpecialObject(val2)) {
    return false;
  } else if (isKeyObject(val1)) {
    if (!isKeyObject(val2) || !val1.equals(val2)) return false;
  } else if (isCryptoKey(val1)) {
    if (!isCryptoKey(val2) || val1.extractable !== val2.extractable || val1.type !== val2.type ||
        !require('internal/crypto/keys').cryptoKeyObject(val1).equals(require('internal/crypto/keys').cryptoKeyObject(val2)) ||
        !innerDeepEqual(val1.algorithm, val2.algorithm, strict, memos) ||
        !innerDeepEqual(val1.usages, val2.usages, strict, memos)) {
      return false;
    }
  } else if (isURL(val1)) {
    if (!isURL(val2) || val1.href !== val2.href) return false;
  }
  return keyCheck(val1, val2, strict, memos, kNoIterator);
}

// In strict mode both sides must have the same enumerable own symbols;
// appends val1's to `keys`.
function symbolKeysMatch(val1, val2, keys) {
  const symbolKeysA = Object.getOwnPropertySymbols(val1);
  const symbolKeysB = Object.getOwnPropertySymbols(val2);
  let count = 0;
  for (const key of symbolKeysA) {
    if (isEnumerable(val1, key)) {
      if (!isEnumerable(val2, key)) return false;
      keys.push(key);
      count++;
    } else if (isEnumerable(val2, key)) {
      return false;
    }
  }
  if (symbolKeysA.length === symbolKeysB.length) return true;
  return symbolKeysB.filter((k) => isEnumerable(val2, k)).length === count;
}

function keyCheck(val1, val2, strict, memos, iterationType, aKeys) {
  const isArrayLikeObject = aKeys !== undefined;
  if (aKeys === undefined) aKeys = Object.keys(val1);

  for (const key of aKeys) {
    if (!isEnumerable(val2, key)) return false;
  }
  if (!isArrayLikeObject) {
    if (aKeys.length !== Object.keys(val2).length) return false;
    if (strict && !symbolKeysMatch(val1, val2, aKeys)) return false;
  }

  if (aKeys.length === 0 &&
      (iterationType === kNoIterator ||
       (iterationType === kIsArray && val1.length === 0) ||
       val1.size === 0)) {
    return true;
  }

  return memoizedObjEquiv(val1, val2, strict, aKeys, memos, iterationType);
}

// Cycle detection. The top-level pair and one nested pair are tracked without
// allocating; deeper recursion switches to a Set of visited objects. A pair
// seen again is assumed equal (the comparison in progress decides).
function memoizedObjEquiv(val1, val2, strict, aKeys, memos, iterationType) {
  if (memos === undefined) {
    memos = { set: undefined, a: val1, b: val2, c: undefined, d: undefined,
              deep: false, deleteFailures: false };
    return objEquiv(val1, val2, strict, aKeys, memos, iterationType);
  }
  if (memos.set === undefined) {
    if (memos.deep === false) {
      if (memos.a === val1 && memos.b === val2) return true;
      memos.c = val1;
      memos.d = val2;
      memos.deep = true;
      const result = objEquiv(val1, val2, strict, aKeys, memos, iterationType);
      memos.deep = false;
      return result;
    }
    memos.set = new Set([memos.a, memos.b, memos.c, memos.d]);
  }
  const { set } = memos;
  const originalSize = set.size;
  set.add(val1);
  set.add(val2);
  if (originalSize === set.size) return true;
  const areEq = objEquiv(val1, val2, strict, aKeys, memos, iterationType);
  if (areEq || memos.deleteFailures) {
    set.delete(val1);
    set.delete(val2);
  }
  return areEq;
}

// Removes from `set` the first element deep-equal to `val2`.
function setHasEqualElement(set, val2, strict, memo) {
  const { deleteFailures } = memo;
  memo.deleteFailures = true;
  try {
    for (const val1 of set) {
      if (innerDeepEqual(val1, val2, strict, memo)) {
        set.delete(val1);
        return true;
      }
    }
    return false;
  } finally {
    memo.deleteFailures = deleteFailures;
  }
}

// For loose comparison: the primitive that `prim` could == in the other
// collection. Returns true/false when the answer is already known, or
// null/undefined/a number as the value to look up.
function findLooseMatchingPrimitives(prim) {
  switch (typeof prim) {
    case 'undefined':
      return null;
    case 'object': // null
      return undefined;
    case 'symbol':
      return false;
    case 'string':
      prim = +prim;
      // Falls through.
    case 'number':
      if (Number.isNaN(prim)) return false;
  }
  return true;
}

function setMightHaveLoosePrim(a, b, prim) {
  const altValue = findLooseMatchingPrimitives(prim);
  if (altValue != null) return altValue;
  return b.has(altValue) && !a.has(altValue);
}

function mapMightHaveLoosePrim(a, b, prim, item, memo) {
  const altValue = findLooseMatchingPrimitives(prim);
  if (altValue != null) return altValue;
  const curB = b.get(altValue);
  if ((curB === undefined && !b.has(altValue)) || !innerDeepEqual(item, curB, false, memo)) {
    return false;
  }
  return !a.has(altValue) && innerDeepEqual(item, curB, false, memo);
}

function setEquiv(a, b, strict, memo) {
  // Elements of `a` without an identical element in `b`.
  let set = null;
  for (const val of a) {
    if (b.has(val)) continue;
    if ((typeof val !== 'object' || val === null) && (strict || !setMightHaveLoosePrim(a, b, val))) {
      return false;
    }
    if (set === null) {
      if (b.size === 1) return innerDeepEqual(val, b.values().next().value, strict, memo);
      set = new Set();
    }
    set.add(val);
  }
  if (set === null) return true;
  for (const val of b) {
    if (typeof val === 'object' && val !== null) {
      if (!a.has(val) && !setHasEqualElement(set, val, strict, memo)) return false;
    } else if (!strict && !a.has(val) && !setHasEqualElement(set, val, strict, memo)) {
      return false;
    }
  }
  return set.size === 0;
}

// Removes from `set` the first key whose entry in `map` deep-equals (key2, item2).
function mapHasEqualEntry(set, map, key2, item2, strict, memo) {
  const { deleteFailures } = memo;
  memo.deleteFailures = true;
  try {
    for (const key1 of set) {
      if (innerDeepEqual(key1, key2, strict, memo) &&
          innerDeepEqual(map.get(key1), item2, strict, memo)) {
        set.delete(key1);
        return true;
      }
    }
    return false;
  } finally {
    memo.deleteFailures = deleteFailures;
  }
}

function mapEquiv(a, b, strict, memo) {
  // Keys of `a` whose entries could not be matched directly.
  let set = null;
  for (const { 0: key, 1: item1 } of a) {
    if (typeof key === 'object' && key !== null) {
      if (set === null) {
        if (b.size === 1) {
          const { 0: key2, 1: item2 } = b.entries().next().value;
          return innerDeepEqual(key, key2, strict, memo) && innerDeepEqual(item1, item2, strict, memo);
        }
        set = new Set();
      }
      set.add(key);
      continue;
    }
    const item2 = b.get(key);
    if ((item2 === undefined && !b.has(key)) || !innerDeepEqual(item1, item2, strict, memo)) {
      if (strict || !mapMightHaveLoosePrim(a, b, key, item1, memo)) return false;
      if (set === null) set = new Set();
      set.add(key);
    }
  }
  if (set === null) return true;
  for (const { 0: key, 1: item } of b) {
    if (typeof key === 'object' && key !== null) {
      if (!mapHasEqualEntry(set, a, key, item, strict, memo)) return false;
    } else if (!strict &&
               (!a.has(key) || !innerDeepEqual(a.get(key), item, strict, memo)) &&
               !mapHasEqualEntry(set, a, key, item, strict, memo)) {
      return false;
    }
  }
  return set.size === 0;
}

function arrayEntriesEqual(a, b, strict, memos) {
  for (let i = 0; i < a.length; i++) {
    if (Object.hasOwn(a, i)) {
      if (!Object.hasOwn(b, i) || !innerDeepEqual(a[i], b[i], strict, memos)) return false;
    } else if (Object.hasOwn(b, i)) {
      return false;
    } else {
      // Sparse: compare the remaining own keys instead of every index.
      const keysA = Object.keys(a);
      for (; i < keysA.length; i++) {
        const key = keysA[i];
        if (!Object.hasOwn(b, key) || !innerDeepEqual(a[key], b[key], strict, memos)) return false;
      }
      return keysA.length === Object.keys(b).length;
    }
  }
  return true;
}

function objEquiv(a, b, strict, keys, memos, iterationType) {
  for (const key of keys) {
    if (!innerDeepEqual(a[key], b[key], strict, memos)) return false;
  }
  if (iterationType === kIsArray) return arrayEntriesEqual(a, b, strict, memos);
  if (iterationType === kIsSet) return setEquiv(a, b, strict, memos);
  if (iterationType === kIsMap) return mapEquiv(a, b, strict, memos);
  return true;
}

function isDeepEqual(val1, val2) {
  return innerDeepEqual(val1, val2, kLoose);
}

function isDeepStrictEqual(val1, val2) {
  return innerDeepEqual(val1, val2, kStrict);
}

module.exports = {
  isDeepEqual,
  isDeepStrictEqual,
};
