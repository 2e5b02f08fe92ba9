'use strict';

// The performance timeline: the global buffers of marks, measures and resource
// entries, and PerformanceObserver, whose callbacks run in a later immediate.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS },
} = require('internal/errors');
const { validateFunction, validateObject } = require('internal/validators');
const { customInspectSymbol: kInspect, kEmptyObject } = require('internal/util');
const { isPerformanceEntry } = require('internal/perf/performance_entry');
const { inspectAs, lazyDOMException } = require('internal/perf/utils');

const kDispatch = Symbol('kDispatch');
const kMaybeBuffer = Symbol('kMaybeBuffer');
const kObserves = Symbol('kObserves');

const kTypeSingle = 0;
const kTypeMultiple = 1;

const kSupportedEntryTypes = Object.freeze([
  'dns',
  'function',
  'gc',
  'http',
  'http2',
  'mark',
  'measure',
  'net',
  'resource',
]);

let markEntryBuffer = [];
let measureEntryBuffer = [];
let resourceTimingBuffer = [];
const kMaxPerformanceEntryBuffers = 1e6;
const kClearPerformanceEntryBuffers = Object.freeze({
  mark: 'performance.clearMarks',
  measure: 'performance.clearMeasures',
  resource: 'performance.clearResourceTimings',
});
const kWarnedEntryTypes = new Set();

const kObservers = new Set();
const kPending = new Set();
let isPending = false;

function queuePending() {
  if (isPending) return;
  isPending = true;
  setImmediate(() => {
    isPending = false;
    const pendings = Array.from(kPending);
    kPending.clear();
    for (const pending of pendings) pending[kDispatch]();
  });
}

const byStartTime = (first, second) => first.startTime - second.startTime;

class PerformanceObserverEntryList {
  #buffer = [];

  constructor(entries) {
    this.#buffer = entries.sort(byStartTime);
  }

  getEntries() {
    return this.#buffer.slice();
  }

  getEntriesByType(type) {
    type = `${type}`;
    return this.#buffer.filter((entry) => entry.entryType === type);
  }

  getEntriesByName(name, type) {
    name = `${name}`;
    if (type != null) {
      return this.#buffer.filter((entry) => entry.name === name && entry.entryType === type);
    }
    return this.#buffer.filter((entry) => entry.name === name);
  }

  [kInspect](depth, options) {
    return inspectAs('PerformanceObserverEntryList', this, this.#buffer, depth, options);
  }
}

class PerformanceObserver {
  #buffer = [];
  #entryTypes = new Set();
  #type;
  #callback;

  constructor(callback) {
    validateFunction(callback, 'callback');
    this.#callback = callback;
  }

  observe(options = kEmptyObject) {
    validateObject(options, 'options');
    const { entryTypes, type, buffered } = { ...options };
    if (entryTypes === undefined && type === undefined) {
      throw new ERR_MISSING_ARGS('options.entryTypes', 'options.type');
    }
    if (entryTypes != null && type != null) {
      throw new ERR_INVALID_ARG_VALUE('options.entryTypes', entryTypes,
                                      'options.entryTypes can not set with options.type together');
    }

    switch (this.#type) {
      case undefined:
        if (entryTypes !== undefined) this.#type = kTypeMultiple;
        if (type !== undefined) this.#type = kTypeSingle;
        break;
      case kTypeSingle:
        if (entryTypes !== undefined) {
          throw lazyDOMException('PerformanceObserver can not change to multiple observations',
                                 'InvalidModificationError');
        }
        break;
      case kTypeMultiple:
        if (type !== undefined) {
          throw lazyDOMException('PerformanceObserver can not change to single observation',
                                 'InvalidModificationError');
        }
        break;
    }

    if (this.#type === kTypeMultiple) {
      if (!Array.isArray(entryTypes)) {
        throw new ERR_INVALID_ARG_TYPE('options.entryTypes', 'string[]', entryTypes);
      }
      this.#entryTypes.clear();
      for (const entryType of entryTypes) {
        if (kSupportedEntryTypes.includes(entryType)) this.#entryTypes.add(entryType);
      }
    } else {
      if (!kSupportedEntryTypes.includes(type)) return;
      this.#entryTypes.add(type);
      if (buffered) {
        this.#buffer.push(...filterBufferMapByNameAndType(undefined, type));
        kPending.add(this);
        queuePending();
      }
    }

    if (this.#entryTypes.size) kObservers.add(this);
    else this.disconnect();
  }

  disconnect() {
    kObservers.delete(this);
    kPending.delete(this);
    this.#buffer = [];
    this.#entryTypes.clear();
    this.#type = undefined;
  }

  takeRecords() {
    const list = this.#buffer;
    this.#buffer = [];
    return list;
  }

  static get supportedEntryTypes() {
    return kSupportedEntryTypes;
  }

  [kObserves](type) {
    return this.#entryTypes.has(type);
  }

  [kMaybeBuffer](entry) {
    if (!this.#entryTypes.has(entry.entryType)) return;
    this.#buffer.push(entry);
    kPending.add(this);
    queuePending();
  }

  [kDispatch]() {
    this.#callback(new PerformanceObserverEntryList(this.takeRecords()), this);
  }

  [kInspect](depth, options) {
    return inspectAs('PerformanceObserver', this, {
      connected: kObservers.has(this),
      pending: kPending.has(this),
      entryTypes: Array.from(this.#entryTypes),
      buffer: this.#buffer,
    }, depth, options);
  }
}

function warnBufferFull(entryType, count) {
  if (count <= kMaxPerformanceEntryBuffers || kWarnedEntryTypes.has(entryType)) return;
  kWarnedEntryTypes.add(entryType);
  const w = new Error('Possible perf_hooks memory leak detected. ' +
                      `${count} ${entryType} entries added to the global ` +
                      `performance entry buffer. Use ${kClearPerformanceEntryBuffers[entryType]} to ` +
                      'clear the buffer.');
  w.name = 'MaxPerformanceEntryBufferExceededWarning';
  w.entryType = entryType;
  w.count = count;
  process.emitWarning(w);
}

// Hands an entry to the observers, and keeps marks, measures and resources.
function enqueue(entry) {
  if (!isPerformanceEntry(entry)) {
    throw new ERR_INVALID_ARG_TYPE('entry', 'PerformanceEntry', entry);
  }
  for (const obs of kObservers) obs[kMaybeBuffer](entry);

  const entryType = entry.entryType;
  let buffer;
  if (entryType === 'mark') buffer = markEntryBuffer;
  else if (entryType === 'measure') buffer = measureEntryBuffer;
  else if (entryType === 'resource') buffer = resourceTimingBuffer;
  else return;
  buffer.push(entry);
  warnBufferFull(entryType, buffer.length);
}

function clearEntriesFromBuffer(type, name) {
  const keep = (list) => (name === undefined ? [] : list.filter((entry) => entry.name !== name));
  if (type === 'mark') markEntryBuffer = keep(markEntryBuffer);
  else if (type === 'measure') measureEntryBuffer = keep(measureEntryBuffer);
  else if (type === 'resource') resourceTimingBuffer = keep(resourceTimingBuffer);
}

function filterBufferMapByNameAndType(name, type) {
  let bufferList;
  if (type === 'mark') bufferList = markEntryBuffer;
  else if (type === 'measure') bufferList = measureEntryBuffer;
  else if (type === 'resource') bufferList = resourceTimingBuffer;
  else if (type !== undefined) return [];
  else bufferList = markEntryBuffer.concat(measureEntryBuffer, resourceTimingBuffer);

  if (name !== undefined) bufferList = bufferList.filter((entry) => entry.name === name);
  else if (type !== undefined) bufferList = bufferList.slice();
  return bufferList.sort(byStartTime);
}

function hasObserver(type) {
  for (const obs of kObservers) {
    if (obs[kObserves](type)) return true;
  }
  return false;
}

module.exports = {
  PerformanceObserver,
  PerformanceObserverEntryList,
  clearEntriesFromBuffer,
  enqueue,
  filterBufferMapByNameAndType,
  hasObserver,
};
