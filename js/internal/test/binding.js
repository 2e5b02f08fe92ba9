'use strict';
// require('internal/test/binding') under --expose-internals: what node's own
// tests use to reach the bindings.

process.emitWarning('These APIs are for internal testing only. Do not use them.', 'internal/test/binding');

module.exports = { internalBinding, primordials };
