'use strict';

// Histograms for perf_hooks: createHistogram() and monitorEventLoopDelay().
// Values are kept exactly (a value -> count map) rather than in HDR buckets, so
// percentiles are exact where Node's are within its 3 significant figures.
// monitorEventLoopDelay() gives a histogram whose enable()/disable() toggle
// state but do not sample the loop.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE },
} = require('internal/errors');
const { validateInteger, validateNumber, validateObject } = require('internal/validators');
const { customInspectSymbol: kInspect, kEmptyObject } = require('internal/util');
const { inspectAs, now } = require('internal/perf/utils');

// Node's percentile maps are its internal SafeMap, which inspect shows by name.
class SafeMap extends Map {}

const kInt64Max = 9223372036854775807;
const kState = Symbol('kState');

function newState() {
  return { counts: new Map(), total: 0, sum: 0, sumSquares: 0, min: kInt64Max, max: 0, exceeds: 0, prevDelta: 0 };
}

function sortedValues(state) {
  return Array.from(state.counts.keys()).sort((a, b) => a - b);
}

function valueAtPercentile(state, percentile) {
  if (state.total === 0) return 0;
  const target = Math.max(1, Math.floor((percentile / 100) * state.total + 0.5));
  let seen = 0;
  for (const value of sortedValues(state)) {
    seen += state.counts.get(value);
    if (seen >= target) return value;
  }
  return state.max;
}

// HDR's percentile iteration (one tick per half distance), as Node reports it.
function percentileMap(state) {
  const out = new SafeMap();
  if (state.total === 0) {
    out.set(100, 0);
    return out;
  }
  let next = 0;
  let seen = 0;
  let last = 0;
  for (const value of sortedValues(state)) {
    seen += state.counts.get(value);
    last = value;
    const reached = (100 * seen) / state.total;
    while (next <= reached && seen < state.total) {
      out.set(next, value);
      next += 100 / (2 ** (Math.floor(Math.log2(100 / (100 - next))) + 1));
    }
    if (seen === state.total && next <= reached) out.set(next, value);
  }
  out.set(100, last);
  return out;
}

class Histogram {
  constructor() {
    this[kState] = newState();
  }

  get count() { return this[kState].total; }
  get countBigInt() { return BigInt(this[kState].total); }
  get min() { return this[kState].min; }
  get minBigInt() { return BigInt(Math.min(this[kState].min, Number.MAX_SAFE_INTEGER)); }
  get max() { return this[kState].max; }
  get maxBigInt() { return BigInt(this[kState].max); }
  get mean() {
    const s = this[kState];
    return s.total === 0 ? NaN : s.sum / s.total;
  }
  get exceeds() { return this[kState].exceeds; }
  get exceedsBigInt() { return BigInt(this[kState].exceeds); }
  get stddev() {
    const s = this[kState];
    if (s.total === 0) return NaN;
    const mean = s.sum / s.total;
    return Math.sqrt(Math.max(0, s.sumSquares / s.total - mean * mean));
  }

  percentile(percentile) {
    validateNumber(percentile, 'percentile');
    if (Number.isNaN(percentile) || percentile <= 0 || percentile > 100) {
      throw new ERR_OUT_OF_RANGE('percentile', '> 0 && <= 100', percentile);
    }
    return valueAtPercentile(this[kState], percentile);
  }

  percentileBigInt(percentile) {
    return BigInt(this.percentile(percentile));
  }

  get percentiles() { return percentileMap(this[kState]); }

  get percentilesBigInt() {
    const out = new SafeMap();
    for (const [k, v] of percentileMap(this[kState])) out.set(k, BigInt(v));
    return out;
  }

  reset() {
    this[kState] = newState();
  }

  [kInspect](depth, options) {
    return inspectAs('Histogram', this, {
      min: this.min,
      max: this.max,
      mean: this.mean,
      exceeds: this.exceeds,
      stddev: this.stddev,
      count: this.count,
      percentiles: this.percentiles,
    }, depth, options);
  }

  toJSON() {
    return {
      count: this.count,
      min: this.min,
      max: this.max,
      mean: this.mean,
      exceeds: this.exceeds,
      stddev: this.stddev,
      percentiles: Object.fromEntries(this.percentiles),
    };
  }
}

function recordValue(state, value) {
  state.counts.set(value, (state.counts.get(value) || 0) + 1);
  state.total++;
  state.sum += value;
  state.sumSquares += value * value;
  if (value < state.min) state.min = value;
  if (value > state.max) state.max = value;
}

class RecordableHistogram extends Histogram {
  record(val) {
    if (typeof val === 'bigint') val = Number(val);
    else validateInteger(val, 'val', 1);
    if (val < 1) throw new ERR_OUT_OF_RANGE('val', '>= 1', val);
    recordValue(this[kState], val);
  }

  recordDelta() {
    const state = this[kState];
    const t = Math.round(now() * 1e6);
    if (state.prevDelta > 0) recordValue(state, Math.max(1, t - state.prevDelta));
    state.prevDelta = t;
  }

  add(other) {
    if (!(other instanceof RecordableHistogram)) {
      throw new ERR_INVALID_ARG_TYPE('other', 'RecordableHistogram', other);
    }
    const theirs = other[kState];
    for (const [value, count] of theirs.counts) {
      for (let i = 0; i < count; i++) recordValue(this[kState], value);
    }
  }
}

class IntervalHistogram extends Histogram {
  #enabled = false;

  enable() {
    if (this.#enabled) return false;
    this.#enabled = true;
    return true;
  }

  disable() {
    if (!this.#enabled) return false;
    this.#enabled = false;
    return true;
  }
}

function createHistogram(options = kEmptyObject) {
  validateObject(options, 'options');
  const { lowest = 1, highest = Number.MAX_SAFE_INTEGER, figures = 3 } = options;
  if (typeof lowest !== 'bigint') validateInteger(lowest, 'options.lowest', 1, Number.MAX_SAFE_INTEGER);
  if (typeof highest !== 'bigint') validateInteger(highest, 'options.highest', 2 * Number(lowest), Number.MAX_SAFE_INTEGER);
  validateInteger(figures, 'options.figures', 1, 5);
  return new RecordableHistogram();
}

function monitorEventLoopDelay(options = kEmptyObject) {
  validateObject(options, 'options');
  const { resolution = 10 } = options;
  validateInteger(resolution, 'options.resolution', 1);
  return new IntervalHistogram();
}

module.exports = {
  Histogram,
  IntervalHistogram,
  RecordableHistogram,
  createHistogram,
  monitorEventLoopDelay,
};
