'use strict';

// node:test's in-process runner: a tree of tests under one root. Tests run one
// at a time in declaration order (a test's `concurrency` option lets its
// subtests overlap); suites (describe) collect their tests synchronously when
// declared. Results become events in node's shape ('test:start',
// 'test:pass', 'test:fail', 'test:plan', 'test:diagnostic'), handed to the
// reporter strictly in tree order however the tests interleave.

const {
  codes: { ERR_TEST_FAILURE },
} = require('internal/errors');
const {
  validateAbortSignal, validateFunction, validateNumber, validateObject, validateUint32,
} = require('internal/validators');
const { AsyncResource } = require('async_hooks');
const { MockTracker } = require('internal/test_runner/mock');
const { createReporter } = require('internal/test_runner/reporters');

const kCancelledByExit = 'Promise resolution is still pending but the event loop has already resolved';
const kDefaultTimeout = Infinity;
const kCancelledTypes = new Set(['cancelledByParent', 'testTimeoutFailure']);

function now() {
  return process.hrtime.bigint();
}

function elapsedMs(since) {
  return Number(now() - since) / 1e6;
}

// Where a test was declared: the first frame outside node:test.
function callerLocation() {
  const holder = {};
  Error.captureStackTrace(holder, callerLocation);
  const frames = `${holder.stack}`.split('\n').slice(1);
  for (const frame of frames) {
    if (frame.includes('node:internal/test_runner') || frame.includes('(node:test')) continue;
    const match = /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?$/.exec(frame.trim());
    if (match) return { file: match[1], line: Number(match[2]), column: Number(match[3]) };
  }
  return { file: undefined, line: undefined, column: undefined };
}

function testFailure(error, failureType) {
  if (error?.code === 'ERR_TEST_FAILURE' && error.failureType !== undefined) return error;
  const failure = new ERR_TEST_FAILURE(error, failureType);
  return failure;
}

// `(name, options, fn)` with any of them left out, as test()/describe() take.
function parseArgs(name, options, fn) {
  if (typeof name === 'function') {
    fn = name;
    name = undefined;
    options = undefined;
  } else if (name !== null && typeof name === 'object') {
    fn = options;
    options = name;
    name = undefined;
  } else if (typeof options === 'function') {
    fn = options;
    options = undefined;
  }
  options ??= {};
  validateObject(options, 'options');
  if (typeof name !== 'string') name = fn?.name || '<anonymous>';
  return { name, options, fn };
}

class Hooks {
  constructor() {
    this.before = [];
    this.after = [];
    this.beforeEach = [];
    this.afterEach = [];
  }
}

let root;
let onlyMode = false;

class Test {
  constructor(parent, name, options, fn, kind = 'test') {
    this.parent = parent;
    this.name = name;
    this.kind = kind;
    this.fn = fn;
    this.nesting = parent === null || parent.parent === null ? 0 : parent.nesting + 1;
    this.subtests = [];
    this.hooks = new Hooks();
    this.location = parent === null ? {} : callerLocation();
    this.skip = options.skip ?? false;
    this.todo = options.todo ?? false;
    this.only = options.only === true;
    validateTestOptions(options);
    this.timeout = options.timeout ?? parent?.childTimeout ?? kDefaultTimeout;
    this.childTimeout = options.timeout ?? parent?.childTimeout;
    this.concurrency = concurrencyOf(options.concurrency);
    this.signalOption = options.signal;
    this.controller = new AbortController();
    this.mock = null;
    this.error = null;
    this.passed = false;
    this.finished = false;
    this.started = false;
    this.cancelled = false;
    this.diagnostics = [];
    this.duration = 0;
    this.running = 0;
    this.queue = [];
    this.done = null;
    this.asyncResource = new AsyncResource('Test');
    // Reporting: items in tree order (own events and child slots), flushed
    // from the root as far as everything before them is complete.
    this.items = [];
    this.flushAt = 0;
    this.complete = false;
    if (parent !== null) {
      parent.subtests.push(this);
      parent.items.push(this);
    }
    if (onlyMode && parent !== null && !this.only && !parent.runOnlySubtree()) this.filteredOut = true;
  }

  runOnlySubtree() {
    for (let t = this; t !== null; t = t.parent) {
      if (t.only) return true;
    }
    return false;
  }

  get fullName() {
    const names = [];
    for (let t = this; t !== null && t.parent !== null; t = t.parent) names.unshift(t.name);
    return names.join(' > ');
  }

  // Queues the test under its parent; resolves when it has run.
  enqueue() {
    this.done = new Promise((resolve) => {
      this.parent.queue.push({ test: this, resolve });
    });
    this.parent.drainQueue();
    return this.done;
  }

  drainQueue() {
    if (!this.beforeHooksDone && this.queue.length > 0) {
      this.runBeforeHooksOnce();
      return;
    }
    while (this.queue.length > 0 && this.running < this.concurrency) {
      const { test, resolve } = this.queue.shift();
      this.running++;
      test.start().then(() => {
        this.running--;
        resolve();
        this.drainQueue();
      });
    }
  }

  // `before` hooks run once, before the first subtest starts.
  runBeforeHooksOnce() {
    if (this.beforeHooksRunning) return;
    this.beforeHooksRunning = true;
    const settle = () => {
      this.beforeHooksDone = true;
      this.drainQueue();
    };
    if (this.hooks.before.length === 0) {
      settle();
      return;
    }
    this.runHooks('before', this).catch((err) => this.fail(testFailure(err, 'hookFailed'))).then(settle);
  }

  async start() {
    this.started = true;
    this.startTime = now();
    if (this.parent.cancelled || this.parent.error?.failureType === 'hookFailed') {
      this.cancel(testFailure(new Error('test did not finish before its parent and was cancelled'),
                              'cancelledByParent'));
      return;
    }
    if (this.filteredOut) {
      this.skip = this.skip || "'only' option not set";
      this.passed = true;
      this.finish();
      return;
    }
    if (this.skip !== false || this.fn === undefined) {
      this.passed = true;
      this.finish();
      return;
    }
    if (this.signalOption?.aborted) {
      this.cancel(testFailure(this.signalOption.reason ?? new Error('This operation was aborted'),
                              'cancelledByParent'));
      return;
    }
    await this.runWithHooks();
    this.finish();
  }

  async runHooks(kind, test) {
    for (const hook of this.hooks[kind]) {
      await runWithTimeout(hook.timeout, () => callUserFunction(hook.fn, test.context ?? this.context,
                                                                test.context ?? this.context));
    }
  }

  // beforeEach hooks from the outermost suite in, afterEach from the innermost out.
  async runEachHooks(kind) {
    const chain = [];
    for (let t = this.parent; t !== null; t = t.parent) chain.push(t);
    if (kind === 'beforeEach') chain.reverse();
    for (const ancestor of chain) await ancestor.runHooks(kind, this);
  }

  async runWithHooks() {
    this.context = new TestContext(this);
    try {
      await this.runEachHooks('beforeEach');
    } catch (err) {
      this.fail(testFailure(err, 'hookFailed'));
      return;
    }
    try {
      await this.runBody();
    } catch (err) {
      this.fail(err);
    }
    await this.waitForSubtests();
    try {
      await this.runHooks('after', this);
    } catch (err) {
      this.fail(testFailure(err, 'hookFailed'));
    }
    try {
      await this.runEachHooks('afterEach');
    } catch (err) {
      this.fail(testFailure(err, 'hookFailed'));
    }
    this.mock?.reset();
  }

  async runBody() {
    const body = () => callUserFunction(this.fn, this.context, this.context, this.fn.length >= 2);
    await runWithTimeout(this.timeout, body, this.signalOption);
  }

  async waitForSubtests() {
    const pending = this.subtests.filter((t) => t.done !== null && !t.finished).map((t) => t.done);
    if (pending.length > 0) await Promise.all(pending);
    const failed = this.subtests.filter((t) => t.error !== null && t.todo === false).length;
    if (failed > 0 && this.error === null) {
      const noun = failed === 1 ? 'subtest' : 'subtests';
      this.fail(testFailure(new Error(`${failed} ${noun} failed`), 'subtestsFailed'));
    }
  }

  fail(err) {
    if (this.error !== null) return;
    this.error = err?.failureType !== undefined ? err : testFailure(err, 'testCodeFailure');
  }

  cancel(err) {
    this.cancelled = true;
    this.fail(err);
    this.finish();
  }

  finish() {
    if (this.finished) return;
    this.finished = true;
    this.duration = this.startTime === undefined ? 0 : elapsedMs(this.startTime);
    this.passed = this.error === null;
    this.controller.abort();
    // Subtests created but never started (not awaited, parent ended) are cancelled.
    for (const sub of this.subtests) {
      if (!sub.finished) {
        sub.startTime ??= now();
        sub.cancel(testFailure(new Error('test did not finish before its parent and was cancelled'),
                               'cancelledByParent'));
      }
    }
    this.recordResult();
  }

  recordResult() {
    const data = this.eventData();
    if (this.subtests.length > 0) {
      this.items.push({ type: 'test:plan', data: { nesting: this.nesting + 1, count: this.subtests.length,
                                                   file: data.file } });
    }
    data.details = { duration_ms: this.duration };
    if (this.kind === 'suite') data.details.type = 'suite';
    if (this.error !== null) data.details.error = this.error;
    this.items.push({ type: this.passed ? 'test:pass' : 'test:fail', data });
    for (const message of this.diagnostics) {
      this.items.push({ type: 'test:diagnostic', data: { nesting: this.nesting, message, file: data.file } });
    }
    this.complete = true;
    root.flush();
  }

  eventData() {
    const index = this.parent.subtests.indexOf(this) + 1;
    const data = {
      name: this.name,
      nesting: this.nesting,
      testNumber: index,
      file: this.location.file,
      line: this.location.line,
      column: this.location.column,
    };
    if (this.skip !== false) data.skip = this.skip === true ? true : `${this.skip}`;
    if (this.todo !== false) data.todo = this.todo === true ? true : `${this.todo}`;
    return data;
  }

  // Emits what can be emitted in tree order; true once this test is fully out.
  flush(reporter) {
    if (this.parent !== null && !this.startReported) {
      this.startReported = true;
      reporter.emit({ type: 'test:start', data: this.eventData() });
    }
    while (this.flushAt < this.items.length) {
      const item = this.items[this.flushAt];
      if (item instanceof Test) {
        if (!item.flush(reporter)) return false;
      } else {
        reporter.emit(item);
      }
      this.flushAt++;
    }
    return this.complete;
  }
}

const kMaxTimeout = 2 ** 31 - 1;

function validateTestOptions({ timeout, concurrency, signal }) {
  if (timeout != null && timeout !== Infinity) validateNumber(timeout, 'options.timeout', 0, kMaxTimeout);
  if (concurrency != null && typeof concurrency !== 'boolean') {
    validateUint32(concurrency, 'options.concurrency', true);
  }
  validateAbortSignal(signal, 'options.signal');
}

function concurrencyOf(option) {
  if (option === true) return Infinity;
  if (typeof option === 'number' && option >= 1) return option;
  return 1;
}

// Calls a test body or hook; with `withDone`, it also gets a callback and the
// test ends when that is called (an error argument fails it).
function callUserFunction(fn, thisArg, ctx, withDone = false) {
  if (!withDone) return Reflect.apply(fn, thisArg, [ctx]);
  return new Promise((resolve, reject) => {
    let called = false;
    const done = (err) => {
      if (called) {
        reject(testFailure(new Error('callback invoked multiple times'), 'multipleCallbackInvocations'));
        return;
      }
      called = true;
      if (err) reject(err);
      else resolve();
    };
    let result;
    try {
      result = Reflect.apply(fn, thisArg, [ctx, done]);
    } catch (err) {
      reject(err);
      return;
    }
    if (typeof result?.then === 'function') {
      result.then(() => reject(testFailure(
        new Error('passed a callback but also returned a Promise'), 'callbackAndPromisePresent')), reject);
    }
  });
}

function runWithTimeout(timeout, fn, signal) {
  const body = Promise.resolve().then(fn);
  if ((timeout === Infinity || timeout === undefined) && signal === undefined) return body;
  return new Promise((resolve, reject) => {
    let timer;
    const onAbort = () => reject(testFailure(signal.reason, 'cancelledByParent'));
    if (timeout !== Infinity && timeout !== undefined) {
      timer = setTimeout(() => {
        reject(testFailure(new Error(`test timed out after ${timeout}ms`), 'testTimeoutFailure'));
      }, timeout);
      timer.unref?.();
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    body.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    });
  });
}

// t.assert: node:assert's functions, without its classes and `strict`.
function boundAssertions() {
  const assert = require('assert');
  const out = {};
  for (const key of Object.keys(assert)) {
    if (key === 'AssertionError' || key === 'CallTracker' || key === 'strict') continue;
    out[key] = assert[key];
  }
  return out;
}

// What a test's and a suite's context share: the name and the signal.
class RunnableContext {
  #runnable;

  constructor(runnable) {
    this.#runnable = runnable;
  }

  get name() {
    return this.#runnable.name;
  }

  get fullName() {
    return this.#runnable.fullName;
  }

  get signal() {
    return this.#runnable.controller.signal;
  }
}

class TestContext extends RunnableContext {
  #test;
  #assert;

  constructor(test) {
    super(test);
    this.#test = test;
  }

  get mock() {
    this.#test.mock ??= new MockTracker();
    return this.#test.mock;
  }

  get assert() {
    this.#assert ??= boundAssertions();
    return this.#assert;
  }

  diagnostic(message) {
    this.#test.diagnostics.push(`${message}`);
  }

  skip(message) {
    this.#test.skip = message === undefined ? true : `${message}`;
  }

  todo(message) {
    this.#test.todo = message === undefined ? true : `${message}`;
  }

  runOnly(value) {
    this.#test.runOnlyChildren = Boolean(value);
  }

  test(name, options, fn) {
    const args = parseArgs(name, options, fn);
    const sub = new Test(this.#test, args.name, args.options, args.fn);
    if (this.#test.runOnlyChildren && !sub.only) sub.filteredOut = true;
    return sub.enqueue();
  }

  before(fn, options) {
    addHook(this.#test, 'before', fn, options);
  }

  after(fn, options) {
    addHook(this.#test, 'after', fn, options);
  }

  beforeEach(fn, options) {
    addHook(this.#test, 'beforeEach', fn, options);
  }

  afterEach(fn, options) {
    addHook(this.#test, 'afterEach', fn, options);
  }
}

function addHook(test, kind, fn, options = {}) {
  validateFunction(fn, 'fn');
  validateObject(options, 'options');
  test.hooks[kind].push({ fn, timeout: options.timeout ?? kDefaultTimeout });
}

// A suite runs its body at declaration, collecting its tests; when its turn
// comes it runs `before`, its tests in order, then `after`.
class Suite extends Test {
  constructor(parent, name, options, fn) {
    super(parent, name, options, fn, 'suite');
    this.context = new SuiteContext(this);
    this.declared = null;
    if (fn !== undefined && this.skip === false && !this.filteredOut) {
      const previous = currentSuite;
      currentSuite = this;
      try {
        const result = this.asyncResource.runInAsyncScope(fn, this.context, this.context);
        if (typeof result?.then === 'function') this.declared = result;
      } catch (err) {
        this.fail(err);
      } finally {
        currentSuite = previous;
      }
    }
  }

  async runWithHooks() {
    if (this.declared !== null) {
      try {
        await this.declared;
      } catch (err) {
        this.fail(err);
      }
    }
    if (this.error !== null) return;
    const runs = this.subtests.map((t) => t.enqueue());
    await Promise.all(runs);
    await this.waitForSubtests();
    try {
      await this.runHooks('after', this);
    } catch (err) {
      this.fail(testFailure(err, 'hookFailed'));
    }
  }
}

class SuiteContext extends RunnableContext {}

// Tests declared inside a suite's body belong to it.
let currentSuite = null;

// ---- the root: created on first use, reports when the loop runs dry ----

class Reporter {
  constructor() {
    this.sink = createReporter(process.stdout);
    this.counts = { tests: 0, suites: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
  }

  emit(event) {
    if (event.type === 'test:pass' || event.type === 'test:fail') this.count(event);
    this.sink.write(event);
  }

  count({ type, data }) {
    if (data.details?.type === 'suite') {
      this.counts.suites++;
      if (type === 'test:fail') this.counts.fail += data.details.error?.failureType === 'subtestsFailed' ? 0 : 1;
      return;
    }
    this.counts.tests++;
    if (data.skip !== undefined) this.counts.skipped++;
    else if (data.todo !== undefined) this.counts.todo++;
    else if (type === 'test:pass') this.counts.pass++;
    else if (kCancelledTypes.has(data.details.error?.failureType)) this.counts.cancelled++;
    else this.counts.fail++;
  }
}

class Root extends Test {
  constructor() {
    super(null, '<root>', {}, undefined, 'root');
    this.reporter = new Reporter();
    this.startTime = now();
    this.context = new TestContext(this);
  }

  flush() {
    Test.prototype.flush.call(this, this.reporter);
  }

  // The loop ran dry: whatever is still pending can never finish.
  end() {
    if (this.ending) return;
    this.ending = true;
    for (const test of this.subtests) cancelPending(test);
    if (this.hooks.after.length === 0) {
      this.finalize();
      return;
    }
    this.runHooks('after', this)
      .catch((err) => this.onUnhandled(err, 'hookFailed'))
      .then(() => this.finalize());
  }

  finalize() {
    this.complete = true;
    this.items.push({ type: 'test:plan', data: { nesting: 0, count: this.subtests.length } });
    for (const message of this.diagnostics) {
      this.items.push({ type: 'test:diagnostic', data: { nesting: 0, message } });
    }
    this.flush();
    this.reportSummary();
  }

  reportSummary() {
    const { counts } = this.reporter;
    const lines = [
      `tests ${counts.tests}`, `suites ${counts.suites}`, `pass ${counts.pass}`, `fail ${counts.fail}`,
      `cancelled ${counts.cancelled}`, `skipped ${counts.skipped}`, `todo ${counts.todo}`,
      `duration_ms ${elapsedMs(this.startTime)}`,
    ];
    for (const message of lines) this.reporter.emit({ type: 'test:diagnostic', data: { nesting: 0, message } });
    this.reporter.sink.end(counts);
    if (counts.fail > 0 || counts.cancelled > 0) process.exitCode = 1;
  }

  // An error no test caught: it fails the test that is running, or the run.
  onUnhandled(err, kind) {
    const running = findRunning(this);
    if (running !== null) {
      running.fail(testFailure(err, kind));
      return;
    }
    this.diagnostics.push(`${kind}: ${err?.stack ?? err}`);
    this.reporter.counts.fail++;
    process.exitCode = 1;
  }
}

function cancelPending(test) {
  for (const sub of test.subtests) cancelPending(sub);
  if (!test.finished) {
    test.startTime ??= now();
    test.cancel(testFailure(new Error(kCancelledByExit), 'cancelledByParent'));
  }
}

function findRunning(test) {
  for (const sub of test.subtests) {
    if (sub.started && !sub.finished) return findRunning(sub) ?? sub;
  }
  return null;
}

function getRoot() {
  if (root !== undefined) return root;
  onlyMode = process.execArgv.includes('--test-only');
  root = new Root();
  process.on('beforeExit', () => root.end());
  process.on('uncaughtException', (err) => root.onUnhandled(err, 'uncaughtException'));
  process.on('unhandledRejection', (err) => root.onUnhandled(err, 'unhandledRejection'));
  return root;
}

function test(name, options, fn) {
  const args = parseArgs(name, options, fn);
  if (args.fn !== undefined) validateFunction(args.fn, 'fn');
  const parent = currentSuite ?? getRoot();
  const created = new Test(parent, args.name, args.options, args.fn);
  if (parent instanceof Suite) return Promise.resolve();
  return created.enqueue();
}

function suite(name, options, fn) {
  const args = parseArgs(name, options, fn);
  if (args.fn !== undefined) validateFunction(args.fn, 'fn');
  const parent = currentSuite ?? getRoot();
  const created = new Suite(parent, args.name, args.options, args.fn);
  if (parent instanceof Suite) return Promise.resolve();
  return created.enqueue();
}

function hook(kind) {
  return (fn, options) => {
    const target = currentSuite ?? getRoot();
    addHook(target, kind, fn, options);
  };
}

// test.skip(), describe.only() and friends.
function withVariants(fn) {
  const variant = (extra) => (name, options, body) => {
    const args = parseArgs(name, options, body);
    return fn(args.name, { ...args.options, ...extra }, args.fn);
  };
  fn.skip = variant({ skip: true });
  fn.todo = variant({ todo: true });
  fn.only = variant({ only: true });
  return fn;
}

function mockTracker() {
  const r = getRoot();
  r.mock ??= new MockTracker();
  return r.mock;
}

module.exports = {
  test: withVariants(test),
  suite: withVariants(suite),
  before: hook('before'),
  after: hook('after'),
  beforeEach: hook('beforeEach'),
  afterEach: hook('afterEach'),
  mockTracker,
};
