'use strict';
// How many colours a terminal supports (node's tty getColorDepth rules): the
// FORCE_COLOR / NO_COLOR / NODE_DISABLE_COLORS overrides, then what TERM,
// COLORTERM and the terminal program say.

const COLORS_2 = 1;
const COLORS_16 = 4;
const COLORS_256 = 8;
const COLORS_16M = 24;

// TERM prefixes of terminals that support 16 colours.
const kTerm16 = /^(?:xterm|screen|vt100|vt220|rxvt|color|ansi|cygwin|linux|konsole|putty|tmux|eterm|kterm)/i;

function forcedDepth(value) {
  if (value === '' || value === '1' || value === 'true') return COLORS_16;
  if (value === '2') return COLORS_256;
  if (value === '3') return COLORS_16M;
  return COLORS_2;
}

function getColorDepth(env = process.env) {
  if (env.FORCE_COLOR !== undefined) return forcedDepth(env.FORCE_COLOR);
  if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === 'dumb') return COLORS_2;
  if (env.TMUX) return COLORS_16M;
  if (env.CI) return COLORS_16;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return COLORS_16M;
  if (env.TERM_PROGRAM === 'iTerm.app' || env.TERM_PROGRAM === 'HyperTerm' || env.TERM_PROGRAM === 'MacTerm') {
    return COLORS_16M;
  }
  if (env.TERM_PROGRAM === 'Apple_Terminal') return COLORS_256;
  if (env.TERM) {
    if (/-256(?:colou?r)?$/i.test(env.TERM) || /^(?:xterm-kitty|alacritty|foot|wezterm)/i.test(env.TERM)) return COLORS_256;
    if (/-truecolor$|-direct$/i.test(env.TERM)) return COLORS_16M;
    if (kTerm16.test(env.TERM)) return COLORS_16;
  }
  if (env.COLORTERM) return COLORS_16;
  return COLORS_2;
}

function hasColors(count = 16, env = process.env) {
  if (typeof count === 'object' && count !== null) {
    env = count;
    count = 16;
  }
  return count <= 2 ** getColorDepth(env);
}

module.exports = { getColorDepth, hasColors };
