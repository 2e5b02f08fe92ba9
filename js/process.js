'use strict';
// node:process is the global process object.

module.exports = process;
