'use strict';
// The global `console`, writing to process.stdout and process.stderr.

module.exports = require('internal/console').createGlobalConsole(process.stdout, process.stderr);
