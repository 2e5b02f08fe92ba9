'use strict';

// performance.nodeTiming: the process's start-up milestones, in ms since the
// time origin. rnode does not record each milestone separately: nodeStart is
// the origin, and the V8/environment/bootstrap milestones are taken as the
// moment the perf clock was first read by the bootstrap (close to when user
// code starts). The loop milestones stay -1, idleTime and the uv metrics 0.

const { customInspectSymbol: kInspect } = require('internal/util');
const { PerformanceEntry } = require('internal/perf/performance_entry');
const { now, inspectAs } = require('internal/perf/utils');

const bootstrapped = now();

class PerformanceNodeTiming {
  constructor() {
    Object.defineProperties(this, {
      name: { enumerable: true, configurable: true, value: 'node' },
      entryType: { enumerable: true, configurable: true, value: 'node' },
      startTime: { enumerable: true, configurable: true, value: 0 },
      duration: { enumerable: true, configurable: true, get: now },
      nodeStart: { enumerable: true, configurable: true, get: () => 0 },
      v8Start: { enumerable: true, configurable: true, get: () => bootstrapped },
      environment: { enumerable: true, configurable: true, get: () => bootstrapped },
      loopStart: { enumerable: true, configurable: true, get: () => -1 },
      loopExit: { enumerable: true, configurable: true, get: () => -1 },
      bootstrapComplete: { enumerable: true, configurable: true, get: () => bootstrapped },
      idleTime: { enumerable: true, configurable: true, get: () => 0 },
      uvMetricsInfo: {
        enumerable: true,
        configurable: true,
        get: () => ({ loopCount: 0, events: 0, eventsWaiting: 0 }),
      },
    });
  }

  [kInspect](depth, options) {
    return inspectAs('PerformanceNodeTiming', this, this.toJSON(), depth, options);
  }

  toJSON() {
    return {
      name: 'node',
      entryType: 'node',
      startTime: this.startTime,
      duration: this.duration,
      nodeStart: this.nodeStart,
      v8Start: this.v8Start,
      bootstrapComplete: this.bootstrapComplete,
      environment: this.environment,
      loopStart: this.loopStart,
      loopExit: this.loopExit,
      idleTime: this.idleTime,
    };
  }
}
Object.setPrototypeOf(PerformanceNodeTiming.prototype, PerformanceEntry.prototype);

module.exports = new PerformanceNodeTiming();
