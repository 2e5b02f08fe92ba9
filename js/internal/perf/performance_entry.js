'use strict';

// PerformanceEntry and Node's PerformanceNodeEntry (an entry with `detail`).

const { codes: { ERR_ILLEGAL_CONSTRUCTOR } } = require('internal/errors');
const { customInspectSymbol: kInspect, kEnumerableProperty } = require('internal/util');
const { checkBrand, inspectAs } = require('internal/perf/utils');

const kName = Symbol('PerformanceEntry.Name');
const kEntryType = Symbol('PerformanceEntry.EntryType');
const kStartTime = Symbol('PerformanceEntry.StartTime');
const kDuration = Symbol('PerformanceEntry.Duration');
const kDetail = Symbol('NodePerformanceEntry.Detail');
const kSkipThrow = Symbol('kSkipThrow');

function isPerformanceEntry(obj) {
  return obj?.[kName] !== undefined;
}

class PerformanceEntry {
  constructor(skipThrowSymbol = undefined, name = undefined, type = undefined, start = undefined, duration = undefined) {
    if (skipThrowSymbol !== kSkipThrow) {
      throw new ERR_ILLEGAL_CONSTRUCTOR();
    }
    this[kName] = name;
    this[kEntryType] = type;
    this[kStartTime] = start;
    this[kDuration] = duration;
  }

  get name() {
    checkBrand(this, kName, 'PerformanceEntry');
    return this[kName];
  }

  get entryType() {
    checkBrand(this, kEntryType, 'PerformanceEntry');
    return this[kEntryType];
  }

  get startTime() {
    checkBrand(this, kStartTime, 'PerformanceEntry');
    return this[kStartTime];
  }

  get duration() {
    checkBrand(this, kDuration, 'PerformanceEntry');
    return this[kDuration];
  }

  [kInspect](depth, options) {
    return inspectAs(this.constructor.name, this, this.toJSON(), depth, options);
  }

  toJSON() {
    checkBrand(this, kName, 'PerformanceEntry');
    return {
      name: this[kName],
      entryType: this[kEntryType],
      startTime: this[kStartTime],
      duration: this[kDuration],
    };
  }
}
Object.defineProperties(PerformanceEntry.prototype, {
  name: kEnumerableProperty,
  entryType: kEnumerableProperty,
  startTime: kEnumerableProperty,
  duration: kEnumerableProperty,
  toJSON: kEnumerableProperty,
});

function createPerformanceEntry(name, type, start, duration) {
  return new PerformanceEntry(kSkipThrow, name, type, start, duration);
}

// Node-specific entries ('function', 'gc', ...) carry a `detail`.
class PerformanceNodeEntry extends PerformanceEntry {
  get detail() {
    checkBrand(this, kDetail, 'NodePerformanceEntry');
    return this[kDetail];
  }

  toJSON() {
    checkBrand(this, kName, 'PerformanceEntry');
    return {
      name: this[kName],
      entryType: this[kEntryType],
      startTime: this[kStartTime],
      duration: this[kDuration],
      detail: this[kDetail],
    };
  }
}

function createPerformanceNodeEntry(name, type, start, duration, detail) {
  const entry = new PerformanceNodeEntry(kSkipThrow, name, type, start, duration);
  entry[kDetail] = detail;
  return entry;
}

module.exports = {
  PerformanceEntry,
  PerformanceNodeEntry,
  createPerformanceEntry,
  createPerformanceNodeEntry,
  isPerformanceEntry,
  kSkipThrow,
};
