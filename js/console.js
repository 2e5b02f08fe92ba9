'use strict';
// node:console: the global console, plus the Console class.

const { Console } = require('internal/console');

module.exports = globalThis.console;
if (module.exports.Console === undefined) {
  Object.defineProperty(module.exports, 'Console', { value: Console, writable: true, configurable: true });
}
