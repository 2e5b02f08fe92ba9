'use strict';
// Placeholder until the REPL lands: say so plainly instead of hanging.

function start() {
  process.stderr.write('rnode: the interactive REPL is not available yet; run a script or pipe a program on stdin\n');
  process.exitCode = 1;
}

module.exports = { start };
