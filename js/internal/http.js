'use strict';
// Pieces the http modules share that user code does not see: the cached
// Date header value and the symbols the outgoing side keys its state by.

let utcCache;

// The Date header changes once a second; format it at most once a second.
function utcDate() {
  if (!utcCache) cacheUtcDate();
  return utcCache;
}

function cacheUtcDate() {
  const now = new Date();
  utcCache = now.toUTCString();
  const timer = setTimeout(resetUtcCache, 1000 - now.getMilliseconds());
  timer.unref();
}

function resetUtcCache() {
  utcCache = undefined;
}

module.exports = {
  kOutHeaders: Symbol('kOutHeaders'),
  kNeedDrain: Symbol('kNeedDrain'),
  utcDate,
  isTraceHTTPEnabled: () => false,
};
