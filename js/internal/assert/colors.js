'use strict';

// The escape codes the assertion diff uses, empty unless stderr is a terminal
// that takes colors (node's internal/util/colors).

function colorDepthFromEnv() {
  switch (process.env.FORCE_COLOR) {
    case '':
    case '1':
    case 'true':
      return 4;
    case '2':
      return 8;
    case '3':
      return 24;
    default:
      return 1;
  }
}

const colors = module.exports = {
  blue: '',
  green: '',
  white: '',
  red: '',
  gray: '',
  clear: '',
  reset: '',
  hasColors: false,
  shouldColorize(stream) {
    if (process.env.FORCE_COLOR !== undefined) {
      return colorDepthFromEnv() > 2;
    }
    return Boolean(stream?.isTTY && (
      typeof stream.getColorDepth === 'function' ?
        stream.getColorDepth() > 2 : true));
  },
  refresh() {
    let stderr;
    try {
      stderr = process.stderr;
    } catch {
      return;
    }
    if (stderr?.isTTY) {
      const hasColors = colors.shouldColorize(stderr);
      colors.blue = hasColors ? '\u001b[34m' : '';
      colors.green = hasColors ? '\u001b[32m' : '';
      colors.white = hasColors ? '\u001b[39m' : '';
      colors.red = hasColors ? '\u001b[31m' : '';
      colors.gray = hasColors ? '\u001b[90m' : '';
      colors.clear = hasColors ? '\u001bc' : '';
      colors.reset = hasColors ? '\u001b[0m' : '';
      colors.hasColors = hasColors;
    }
  },
};

colors.refresh();
