'use strict';

// The perf_hooks clock: milliseconds since the process started (the time
// origin), monotonic and sub-microsecond, from the `os` binding.

const { hrtimeMs, timeOriginMs } = internalBinding('os');

// Read once so every caller sees the same origin.
const timeOrigin = timeOriginMs();

function now() {
  return hrtimeMs();
}

function getTimeOriginTimestamp() {
  return timeOrigin;
}

// `detail` values are structured-cloned, as in Node; falls back to the value
// itself where no structuredClone is available yet.
function cloneDetail(detail) {
  if (detail == null) return null;
  if (!require.has?.('internal/structured_clone')) return detail;
  return require('internal/structured_clone').structuredClone(detail);
}

// A DOMException with the given name, as Node's lazyDOMException.
function lazyDOMException(message, name) {
  const DOMException = require('internal/dom_exception');
  return new DOMException(message, name);
}

// The "this" check of Performance/PerformanceEntry methods.
function checkBrand(object, brand, className) {
  if (typeof object !== 'object' || object === null || !Object.hasOwn(object, brand)) {
    const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
    throw new ERR_INVALID_ARG_TYPE('this', className, object);
  }
}

// Node's custom inspect for perf objects: `ClassName { ...plain object }`.
function inspectAs(label, self, value, depth, options) {
  if (depth < 0) return self;
  const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
  return `${label} ${require('util').inspect(value, opts)}`;
}

module.exports = {
  checkBrand,
  cloneDetail,
  getTimeOriginTimestamp,
  inspectAs,
  lazyDOMException,
  now,
};
