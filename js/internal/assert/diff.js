'use strict';

// Message text for failed comparisons: every value is printed one property per
// line, and the two printouts are compared line by line ("+" for actual, "-"
// for expected). Runs of equal lines are shortened, and very long reports are
// cut off after about fifty printed lines.

const { inspect } = require('internal/util/inspect');
const { removeColors } = require('internal/util');

const HEADINGS = {
  __proto__: null,
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
  sameStructure: 'Values have same structure but are not reference-equal:',
};

// Both sides added up shorter than this are shown as `a !== b`.
const SHORT_PAIR = 12;
// A printout longer than this many lines is cut to FIRST_LINES_KEPT lines.
const LONG_PRINTOUT = 50;
const FIRST_LINES_KEPT = 46;
// Stop adding diff lines once more than this many were printed.
const PRINTED_LINE_BUDGET = 50;

function inspectForDiff(value) {
  return inspect(value, {
    compact: false,
    customInspect: false,
    depth: 1000,
    maxArrayLength: Infinity,
    showHidden: false,
    showProxy: false,
    sorted: true,
    getters: true,
  });
}

function isNonNullObject(value) {
  return typeof value === 'object' && value !== null;
}

// Shortens an over-long printout to its first lines plus an ellipsis line.
function clipLines(lines, palette) {
  if (lines.length <= LONG_PRINTOUT) return lines;
  const kept = lines.slice(0, FIRST_LINES_KEPT);
  kept.push(`${palette.blue}...${palette.reset}`);
  return kept;
}

// For two one-line printouts: either the compact `a !== b` message, or the
// column of the first differing character (for the caret under the diff).
function oneLineShortcut(actual, expected, actualLine, expectedLine, operator, title) {
  const colored = inspect.defaultOptions.colors;
  const a = colored ? removeColors(actualLine) : actualLine;
  const e = colored ? removeColors(expectedLine) : expectedLine;
  const width = a.length + e.length;
  if (width <= SHORT_PAIR) {
    const bothPlain = !isNonNullObject(actual) && !isNonNullObject(expected);
    if (bothPlain && (actual !== 0 || expected !== 0)) {
      return { compact: `${title}\n\n${actualLine} !== ${expectedLine}\n` };
    }
    return {};
  }
  if (operator === 'strictEqualObject') return {};
  const limit = process.stderr.isTTY ? process.stderr.columns : 80;
  if (!(width < limit)) return {};
  let column = 0;
  while (column < a.length && a[column] === e[column]) column++;
  return column > 2 ? { caretColumn: column } : {};
}

// The message for a failed strictEqual / deepStrictEqual. A message given by
// the caller takes the place of the heading (but not of the "same structure"
// note for values that print the same).
function describeDifference(actual, expected, operator, palette, customHeading) {
  const { blue, green, red, reset } = palette;
  const actualText = inspectForDiff(actual);
  const actualLines = actualText.split('\n');
  const expectedLines = inspectForDiff(expected).split('\n');

  if (operator === 'strictEqual' &&
      ((isNonNullObject(actual) && isNonNullObject(expected)) ||
       (typeof actual === 'function' && typeof expected === 'function'))) {
    operator = 'strictEqualObject';
  }
  const title = customHeading ?? HEADINGS[operator];

  let caret = '';
  if (actualLines.length === 1 && expectedLines.length === 1 &&
      actualLines[0] !== expectedLines[0]) {
    const shortcut = oneLineShortcut(actual, expected, actualLines[0], expectedLines[0], operator, title);
    if (shortcut.compact !== undefined) return shortcut.compact;
    if (shortcut.caretColumn !== undefined) caret = `\n  ${' '.repeat(shortcut.caretColumn)}^`;
  }

  // Set the common ending apart: it is shown after the diff, shortened to its
  // first line, an ellipsis and its last three lines.
  const commonTail = [];
  while (actualLines.length > 0 && expectedLines.length > 0 &&
         actualLines[actualLines.length - 1] === expectedLines[expectedLines.length - 1]) {
    commonTail.unshift(actualLines.pop());
    expectedLines.pop();
  }

  const rows = Math.max(actualLines.length, expectedLines.length);
  if (rows === 0) {
    // The printouts are the same: the values only differ by identity.
    const lines = clipLines(actualText.split('\n'), palette);
    return `${HEADINGS.sameStructure}\n\n${lines.join('\n')}\n`;
  }

  let skipped = false;
  let tailText = '';
  if (commonTail.length > 0) {
    const shown = [];
    if (commonTail.length > 3) {
      // The first line of a longer ending is kept (unless it is blank).
      if (commonTail[0] !== '') shown.push(`  ${commonTail[0]}`);
      if (commonTail.length > 4) {
        shown.push(`${blue}...${reset}`);
        skipped = true;
      }
    }
    for (const line of commonTail.slice(-3)) shown.push(`  ${line}`);
    tailText = shown.map((line) => `\n${line}`).join('');
  }

  const plus = `${green}+${reset}`;
  const minus = `${red}-${reset}`;
  const heading = `${title}\n${green}+ actual${reset} ${red}- expected${reset}`;
  const skippedNote = ` ${blue}...${reset} Lines skipped`;

  // The longer side supplies the rows the shorter one lacks.
  const actualIsLonger = actualLines.length === rows;
  const longer = actualIsLonger ? actualLines : expectedLines;
  const overlap = actualIsLonger ? expectedLines.length : actualLines.length;

  let body = '';      // lines written so far
  let held = '';      // "-" lines waiting for the next equal line
  let equalRun = 0;   // equal rows in a row before the current one
  let printed = 0;

  const add = (line) => { body += `\n${line}`; };
  // Before a differing row: the first two rows of the equal run are already
  // out; show up to three more of its last rows, or "..." and the last two.
  const closeEqualRun = (source, row) => {
    const unseen = equalRun - 2;
    if (unseen > 3) {
      add(`${blue}...${reset}`);
      skipped = true;
      add(`  ${source[row - 2]}`);
      add(`  ${source[row - 1]}`);
      printed += 2;
    } else {
      for (let k = row - unseen; k < row; k++) {
        add(`  ${source[k]}`);
        printed++;
      }
    }
    equalRun = 0;
  };

  for (let row = 0; row < rows; row++) {
    if (row >= overlap) {
      closeEqualRun(longer, row);
      if (actualIsLonger) add(`${plus} ${longer[row]}`);
      else held += `\n${minus} ${longer[row]}`;
      printed++;
    } else {
      let actualLine = actualLines[row];
      const expectedLine = expectedLines[row];
      // A line that only differs by a trailing comma counts as equal.
      let same = actualLine === expectedLine ||
        (actualLine.endsWith(',') && actualLine.slice(0, -1) === expectedLine);
      if (!same && expectedLine.endsWith(',') && expectedLine.slice(0, -1) === actualLine) {
        same = true;
        actualLine += ',';
      }
      if (same) {
        body += held;
        held = '';
        equalRun++;
        if (equalRun <= 2) {
          add(`  ${actualLine}`);
          printed++;
        }
      } else {
        closeEqualRun(actualLines, row);
        add(`${plus} ${actualLine}`);
        held += `\n${minus} ${expectedLine}`;
        printed += 2;
      }
    }
    if (printed > PRINTED_LINE_BUDGET && row < rows - 2) {
      return `${heading}${skippedNote}\n${body}\n${blue}...${reset}${held}\n${blue}...${reset}`;
    }
  }

  return `${heading}${skipped ? skippedNote : ''}\n${body}${held}${tailText}${caret}`;
}

// The message for a failed notStrictEqual / notDeepStrictEqual: the values are
// the same, so only one of them is shown.
function describeSameness(actual, operator, palette) {
  let heading = HEADINGS[operator];
  if (operator === 'notStrictEqual' &&
      (isNonNullObject(actual) || typeof actual === 'function')) {
    heading = HEADINGS.notStrictEqualObject;
  }
  const lines = clipLines(inspectForDiff(actual).split('\n'), palette);
  if (lines.length === 1) {
    const gap = lines[0].length > 5 ? '\n\n' : ' ';
    return `${heading}${gap}${lines[0]}`;
  }
  return `${heading}\n\n${lines.join('\n')}\n`;
}

// Any other operator: both values printed in full (cut at 512 characters).
function describeOther(actual, expected, operator) {
  const cut = (text, max) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);
  const actualText = inspectForDiff(actual);
  const expectedText = inspectForDiff(expected);
  if (operator === 'notDeepEqual' && actualText === expectedText) {
    return cut(`${HEADINGS.notDeepEqual}\n\n${actualText}`, 1024);
  }
  const a = cut(actualText, 512);
  const e = cut(expectedText, 512);
  if (operator === 'deepEqual') {
    return `${HEADINGS.deepEqual}\n\n${a}\n\nshould loosely deep-equal\n\n${e}`;
  }
  if (operator === 'notDeepEqual') {
    return `${HEADINGS.notDeepEqualUnequal}\n\n${a}\n\nshould not loosely deep-equal\n\n${e}`;
  }
  return `${a} ${operator} ${e}`;
}

module.exports = {
  describeDifference,
  describeOther,
  describeSameness,
  inspectForDiff,
};
