'use strict';

// node:worker_threads as the main thread sees it. Worker, MessageChannel and
// MessagePort need a runtime per thread (see the worker_threads issue); until
// then this module reports the main thread's view, which is what libraries
// (and node's test harness) read at load time.

const environmentData = new Map();
const untransferable = Symbol('untransferable');

function setEnvironmentData(key, value) {
  if (value === undefined) environmentData.delete(key);
  else environmentData.set(key, value);
}

function getEnvironmentData(key) {
  return environmentData.get(key);
}

function markAsUntransferable(object) {
  if ((typeof object !== 'object' && typeof object !== 'function') || object === null) return;
  object[untransferable] = true;
}

module.exports = {
  isMainThread: true,
  threadId: 0,
  parentPort: null,
  workerData: null,
  resourceLimits: {},
  SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
  setEnvironmentData,
  getEnvironmentData,
  markAsUntransferable,
};
