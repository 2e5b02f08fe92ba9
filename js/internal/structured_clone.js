'use strict';

// structuredClone(value, { transfer }) on V8's ValueSerializer (the `serdes`
// binding). The argument checks reproduce Node 20's native implementation,
// including its plain-text messages (no quoted argument names).

const { isArrayBuffer } = require('internal/util/types');
const DOMException = require('internal/dom_exception');

let binding;

// Node throws these from C++: the message is free text and `code` is a plain
// own property, so the stack reads `TypeError: <message>`.
function nativeError(Base, code, message) {
  const err = new Base(message);
  err.code = code;
  Error.captureStackTrace(err, structuredClone);
  return err;
}

function isObject(value) {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

// An array is read by index; another object through its iterator.
// Returns null when the value is not iterable.
function readIterable(value) {
  if (!isObject(value)) return null;
  if (Array.isArray(value)) {
    const out = [];
    for (let i = 0; i < value.length; i++) out.push(value[i]);
    return out;
  }
  const method = value[Symbol.iterator];
  if (typeof method !== 'function') return null;
  const iterator = Reflect.apply(method, value, []);
  const out = [];
  for (;;) {
    const step = iterator.next();
    if (step.done) break;
    out.push(step.value);
  }
  return out;
}

function getTransferList(transfer) {
  if (transfer === undefined || transfer === null) return [];
  if (!isObject(transfer)) {
    throw nativeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Optional transferList argument must be an iterable');
  }
  let list = readIterable(transfer);
  if (list === null) {
    const nested = transfer.transfer;
    if (nested === undefined) return [];
    list = readIterable(nested);
    if (list === null) {
      throw nativeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Optional options.transfer argument must be an iterable');
    }
  }
  return list;
}

// ArrayBuffers that must never be detached (Buffer's shared allocation pool)
// are kept in internal/util, so marking one does not load this module.
const { markAsUntransferable, isMarkedAsUntransferable } = require('internal/util');

// The ArrayBuffers to move, in order; throws Node's errors for the rest.
function checkTransferList(list) {
  const buffers = [];
  for (const entry of list) {
    if (!isObject(entry) || !isArrayBuffer(entry)) {
      throw nativeError(TypeError, 'ERR_INVALID_TRANSFER_OBJECT', 'Found invalid object in transferList');
    }
    if (isMarkedAsUntransferable(entry)) continue;
    if (buffers.includes(entry)) {
      throw new DOMException('Transfer list contains duplicate ArrayBuffer', 'DataCloneError');
    }
    buffers.push(entry);
  }
  return buffers;
}

// Defaults keep `structuredClone.length` at 0, as for Node's native function.
function structuredClone(value = undefined, options = undefined) {
  if (arguments.length === 0) {
    throw nativeError(TypeError, 'ERR_MISSING_ARGS', 'The value argument must be specified');
  }
  let transferList = [];
  if (options !== undefined && options !== null) {
    if (!isObject(options)) {
      throw nativeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The options argument must be either an object or undefined');
    }
    transferList = checkTransferList(getTransferList(options.transfer));
  }
  binding ??= internalBinding('serdes');
  return binding.structuredClone(value, transferList, DOMException);
}

module.exports = { structuredClone, markAsUntransferable, isMarkedAsUntransferable };
