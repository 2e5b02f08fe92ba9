'use strict';

// Escape codes used to highlight assertion messages. They are only used when
// the report will land on a terminal that shows colors, which is decided from
// process.stderr each time a message is built (so changes to the environment
// are picked up).

const NO_COLORS = Object.freeze({ blue: '', green: '', red: '', reset: '' });
const TERMINAL_COLORS = Object.freeze({
  blue: '\u001b[34m',
  green: '\u001b[32m',
  red: '\u001b[31m',
  reset: '\u001b[39m', // default foreground
});

function currentPalette() {
  const { stderr } = process;
  if (stderr && stderr.isTTY && typeof stderr.hasColors === 'function' && stderr.hasColors()) {
    return TERMINAL_COLORS;
  }
  return NO_COLORS;
}

module.exports = { currentPalette };
