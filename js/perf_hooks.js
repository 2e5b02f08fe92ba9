'use strict';

// node:perf_hooks — the performance timeline (marks, measures, observers),
// the high-resolution clock behind `performance.now()`, and histograms.

const { codes: { ERR_ILLEGAL_CONSTRUCTOR } } = require('internal/errors');
const { PerformanceEntry } = require('internal/perf/performance_entry');
const { PerformanceMark, PerformanceMeasure } = require('internal/perf/usertiming');
const { PerformanceObserver, PerformanceObserverEntryList } = require('internal/perf/observe');
const { Performance, performance } = require('internal/perf/performance');
const { createHistogram, monitorEventLoopDelay } = require('internal/perf/histogram');

// Resource timing entries come from fetch, which rnode does not time.
class PerformanceResourceTiming extends PerformanceEntry {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }
}

const constants = {
  NODE_PERFORMANCE_GC_MAJOR: 4,
  NODE_PERFORMANCE_GC_MINOR: 1,
  NODE_PERFORMANCE_GC_INCREMENTAL: 8,
  NODE_PERFORMANCE_GC_WEAKCB: 16,
  NODE_PERFORMANCE_GC_FLAGS_NO: 0,
  NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
  NODE_PERFORMANCE_GC_FLAGS_FORCED: 4,
  NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
  NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16,
  NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
  NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
};

module.exports = {
  Performance,
  PerformanceEntry,
  PerformanceMark,
  PerformanceMeasure,
  PerformanceObserver,
  PerformanceObserverEntryList,
  PerformanceResourceTiming,
  monitorEventLoopDelay,
  createHistogram,
  performance,
};

Object.defineProperty(module.exports, 'constants', {
  configurable: false,
  enumerable: true,
  value: constants,
});
