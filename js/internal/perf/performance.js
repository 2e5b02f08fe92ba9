'use strict';

// The Performance class and the `performance` object.

const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_ARG_TYPE, ERR_MISSING_ARGS },
} = require('internal/errors');
const { validateFunction, validateObject } = require('internal/validators');
const { customInspectSymbol: kInspect, kEnumerableProperty, kEmptyObject } = require('internal/util');
const { checkBrand, getTimeOriginTimestamp, inspectAs, now } = require('internal/perf/utils');
const { createPerformanceNodeEntry } = require('internal/perf/performance_entry');
const { mark, measure, clearMarkTimings } = require('internal/perf/usertiming');
const {
  clearEntriesFromBuffer,
  enqueue,
  filterBufferMapByNameAndType,
} = require('internal/perf/observe');
const { RecordableHistogram } = require('internal/perf/histogram');
const nodeTiming = require('internal/perf/nodetiming');

const kPerformanceBrand = Symbol('performance');

const { EventTarget, defineEventHandler } = require('internal/event_target');

// The event loop is not sampled, so utilization is always the empty reading.
function eventLoopUtilization(util1, util2) {
  return { idle: 0, active: 0, utilization: 0 };
}

function processComplete(name, start, args, histogram) {
  const duration = now() - start;
  if (histogram !== undefined) histogram.record(Math.max(1, Math.ceil(duration * 1e6)));
  enqueue(createPerformanceNodeEntry(name, 'function', start, duration, args));
}

function timerify(fn, options = kEmptyObject) {
  validateFunction(fn, 'fn');
  validateObject(options, 'options');
  const { histogram } = options;
  if (histogram !== undefined && !(histogram instanceof RecordableHistogram)) {
    throw new ERR_INVALID_ARG_TYPE('options.histogram', 'RecordableHistogram', histogram);
  }
  function timerified(...args) {
    const isConstructorCall = new.target !== undefined;
    const start = now();
    const result = isConstructorCall ? Reflect.construct(fn, args, fn) : Reflect.apply(fn, this, args);
    if (!isConstructorCall && typeof result?.finally === 'function') {
      return result.finally(() => processComplete(fn.name, start, args, histogram));
    }
    processComplete(fn.name, start, args, histogram);
    return result;
  }
  Object.defineProperties(timerified, {
    length: { configurable: false, enumerable: true, value: fn.length },
    name: { configurable: false, enumerable: true, value: `timerified ${fn.name}` },
  });
  return timerified;
}

class Performance extends EventTarget {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  [kInspect](depth, options) {
    return inspectAs('Performance', this, { nodeTiming: this.nodeTiming, timeOrigin: this.timeOrigin },
                     depth, options);
  }

  clearMarks(name = undefined) {
    checkBrand(this, kPerformanceBrand, 'Performance');
    if (name !== undefined) name = `${name}`;
    clearMarkTimings(name);
    clearEntriesFromBuffer('mark', name);
  }

  clearMeasures(name = undefined) {
    checkBrand(this, kPerformanceBrand, 'Performance');
    if (name !== undefined) name = `${name}`;
    clearEntriesFromBuffer('measure', name);
  }

  clearResourceTimings(name = undefined) {
    checkBrand(this, kPerformanceBrand, 'Performance');
    if (name !== undefined) name = `${name}`;
    clearEntriesFromBuffer('resource', name);
  }

  getEntries() {
    checkBrand(this, kPerformanceBrand, 'Performance');
    return filterBufferMapByNameAndType();
  }

  getEntriesByName(name, type = undefined) {
    checkBrand(this, kPerformanceBrand, 'Performance');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    name = `${name}`;
    return filterBufferMapByNameAndType(name, type === undefined ? undefined : `${type}`);
  }

  getEntriesByType(type) {
    checkBrand(this, kPerformanceBrand, 'Performance');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    type = `${type}`;
    return filterBufferMapByNameAndType(undefined, type);
  }

  mark(name, options = kEmptyObject) {
    checkBrand(this, kPerformanceBrand, 'Performance');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    return mark(name, options);
  }

  measure(name, startOrMeasureOptions = kEmptyObject, endMark = undefined) {
    checkBrand(this, kPerformanceBrand, 'Performance');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    return measure(name, startOrMeasureOptions, endMark);
  }

  now() {
    if (typeof this !== 'object' || this === null || this[kPerformanceBrand] !== true) {
      checkBrand(this, kPerformanceBrand, 'Performance');
    }
    return now();
  }

  setResourceTimingBufferSize(maxSize) {
    checkBrand(this, kPerformanceBrand, 'Performance');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('maxSize');
  }

  get timeOrigin() {
    checkBrand(this, kPerformanceBrand, 'Performance');
    return getTimeOriginTimestamp();
  }

  toJSON() {
    checkBrand(this, kPerformanceBrand, 'Performance');
    return {
      nodeTiming: this.nodeTiming,
      timeOrigin: this.timeOrigin,
      eventLoopUtilization: this.eventLoopUtilization(),
    };
  }
}

const nodeExtension = (value) => ({ configurable: true, enumerable: false, writable: true, value });

Object.defineProperties(Performance.prototype, {
  clearMarks: kEnumerableProperty,
  clearMeasures: kEnumerableProperty,
  clearResourceTimings: kEnumerableProperty,
  getEntries: kEnumerableProperty,
  getEntriesByName: kEnumerableProperty,
  getEntriesByType: kEnumerableProperty,
  mark: kEnumerableProperty,
  measure: kEnumerableProperty,
  now: kEnumerableProperty,
  setResourceTimingBufferSize: kEnumerableProperty,
  timeOrigin: kEnumerableProperty,
  toJSON: kEnumerableProperty,
  [Symbol.toStringTag]: { writable: false, enumerable: false, configurable: true, value: 'Performance' },
  eventLoopUtilization: nodeExtension(eventLoopUtilization),
  nodeTiming: nodeExtension(nodeTiming),
  markResourceTiming: nodeExtension(function markResourceTiming() {}),
  timerify: nodeExtension(timerify),
});
defineEventHandler(Performance.prototype, 'resourcetimingbufferfull');

// The one instance: built through EventTarget's constructor, with Performance's prototype.
function createPerformance() {
  const perf = Reflect.construct(EventTarget, [], Performance);
  Object.defineProperty(perf, kPerformanceBrand, { value: true });
  return perf;
}

const performance = createPerformance();

module.exports = {
  Performance,
  performance,
};
