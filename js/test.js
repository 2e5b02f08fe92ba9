'use strict';

// node:test (only with the `node:` scheme): test/describe/it/suite with
// hooks, subtests, skip/todo/only, mocks, and the TAP and spec reporters.
// Running files in child processes (`run()`, `rnode --test`) is not built yet.

const harness = require('internal/test_runner/harness');

const { test, suite } = harness;

module.exports = test;
Object.assign(module.exports, {
  test,
  describe: suite,
  suite,
  it: test,
  before: harness.before,
  after: harness.after,
  beforeEach: harness.beforeEach,
  afterEach: harness.afterEach,
});
Object.defineProperty(module.exports, 'mock', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get: harness.mockTracker,
});
