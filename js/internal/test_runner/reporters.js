'use strict';

// node:test's reporters: each turns the runner's events ('test:start',
// 'test:pass', 'test:fail', 'test:plan', 'test:diagnostic') into text. The
// formatters are plain classes (`format(event)` returns the text to print);
// node:test/reporters wraps them in node's public shapes.

const { inspect } = require('internal/util/inspect');
const path = require('path');

const kIndentTap = '    ';

// ---- TAP 13, node's flavour ----

function tapEscape(text) {
  return `${text}`.replace(/\\/g, '\\\\').replace(/#/g, '\\#').replace(/\n/g, '\\n');
}

function yamlString(value) {
  return `'${value.replace(/'/g, "''")}'`;
}

function yamlValue(indent, key, value) {
  if (typeof value === 'string') {
    if (!value.includes('\n')) return [`${indent}${key}: ${yamlString(value)}`];
    return [`${indent}${key}: |-`, ...value.split('\n').map((line) => `${indent}  ${line}`)];
  }
  if (value === null || typeof value !== 'object') return [`${indent}${key}: ${inspect(value)}`];
  const text = inspect(value, { depth: 4, breakLength: Infinity });
  return yamlValue(indent, key, text);
}

// Stack frames without node:test's own, and without the leading `at `.
function stackFrames(error) {
  const stack = typeof error?.stack === 'string' ? error.stack : '';
  return stack.split('\n')
    .filter((line) => /^\s*at /.test(line) && !line.includes('node:internal/test_runner'))
    .map((line) => line.trim().slice(3));
}

// Failures the runner makes itself carry no user stack.
const kNoStackTypes = new Set(['subtestsFailed', 'testTimeoutFailure', 'cancelledByParent']);

function errorFields(failure) {
  const cause = failure?.code === 'ERR_TEST_FAILURE' && 'cause' in failure ? failure.cause : failure;
  const fields = [['failureType', failure?.failureType]];
  if (cause === null || typeof cause !== 'object') {
    fields.push(['error', `${cause}`], ['code', 'ERR_TEST_FAILURE']);
    return fields;
  }
  fields.push(['error', `${cause.message ?? cause}`]);
  fields.push(['code', cause.code ?? 'ERR_TEST_FAILURE']);
  if (cause.name === 'AssertionError') {
    fields.push(['name', cause.name], ['expected', cause.expected], ['actual', cause.actual],
                ['operator', cause.operator]);
  }
  if (!kNoStackTypes.has(failure?.failureType)) {
    const frames = stackFrames(cause);
    if (frames.length > 0) fields.push(['stack', frames.join('\n')]);
  }
  return fields;
}

function locationOf(data) {
  if (data.file === undefined) return undefined;
  return `${data.file}:${data.line}:${data.column}`;
}

class TapFormatter {
  constructor() {
    this.started = false;
  }

  format({ type, data }) {
    let out = '';
    if (!this.started) {
      this.started = true;
      out += 'TAP version 13\n';
    }
    const indent = kIndentTap.repeat(data.nesting ?? 0);
    switch (type) {
      case 'test:start':
        return `${out}${indent}# Subtest: ${tapEscape(data.name)}\n`;
      case 'test:pass':
      case 'test:fail':
        return out + this.result(type === 'test:pass', indent, data);
      case 'test:plan':
        return `${out}${indent}1..${data.count}\n`;
      case 'test:diagnostic':
        return `${out}${indent}# ${tapEscape(data.message)}\n`;
      default:
        return out;
    }
  }

  result(passed, indent, data) {
    let directive = '';
    if (data.skip !== undefined) directive = data.skip === true ? ' # SKIP' : ` # SKIP ${tapEscape(data.skip)}`;
    else if (data.todo !== undefined) directive = data.todo === true ? ' # TODO' : ` # TODO ${tapEscape(data.todo)}`;
    const lines = [`${indent}${passed ? 'ok' : 'not ok'} ${data.testNumber} - ${tapEscape(data.name)}${directive}`];
    const yamlIndent = `${indent}  `;
    lines.push(`${yamlIndent}---`, `${yamlIndent}duration_ms: ${data.details.duration_ms}`);
    if (data.details.type !== undefined) lines.push(`${yamlIndent}type: '${data.details.type}'`);
    if (!passed) {
      const location = locationOf(data);
      if (location !== undefined) lines.push(`${yamlIndent}location: ${yamlString(location)}`);
      for (const [key, value] of errorFields(data.details.error)) {
        if (value !== undefined) lines.push(...yamlValue(yamlIndent, key, value));
      }
    }
    lines.push(`${yamlIndent}...`);
    return `${lines.join('\n')}\n`;
  }
}

// ---- spec: the human-readable tree, coloured on terminals ----

const kSymbols = { pass: '\u2714 ', fail: '\u2716 ', skip: '\ufe63 ', suite: '\u25b6 ', diagnostic: '\u2139 ' };
const kColors = { pass: '\x1b[32m', fail: '\x1b[31m', skip: '\x1b[90m', suite: '\x1b[34m', diagnostic: '\x1b[34m' };
const kReset = '\x1b[39m';

class SpecFormatter {
  constructor(colors) {
    this.colors = colors;
    this.pendingStarts = [];
    this.failures = [];
  }

  paint(kind, text) {
    return this.colors ? `${kColors[kind]}${text}${kReset}` : text;
  }

  format({ type, data }) {
    switch (type) {
      case 'test:start':
        this.pendingStarts.push(data);
        return '';
      case 'test:pass':
      case 'test:fail':
        return this.result(type === 'test:pass', data);
      case 'test:diagnostic':
        return `${this.flushStarts(data.nesting)}${'  '.repeat(data.nesting)}${this.paint('diagnostic',
          `${kSymbols.diagnostic}${data.message}`)}\n`;
      default:
        return '';
    }
  }

  // A parent's `▶ name` line is printed once something inside it is.
  flushStarts(nesting) {
    let out = '';
    for (const start of this.pendingStarts) {
      if (start.printed || start.nesting >= nesting) continue;
      start.printed = true;
      out += `${'  '.repeat(start.nesting)}${this.paint('suite', `${kSymbols.suite}${start.name}`)}\n`;
    }
    return out;
  }

  result(passed, data) {
    const own = this.pendingStarts.findLastIndex((s) => s.name === data.name && s.nesting === data.nesting);
    if (own !== -1) this.pendingStarts.splice(own);
    const indent = '  '.repeat(data.nesting);
    let kind = passed ? 'pass' : 'fail';
    let suffix = '';
    if (data.skip !== undefined) {
      kind = 'skip';
      suffix = data.skip === true ? ' # SKIP' : ` # ${data.skip}`;
    } else if (data.todo !== undefined) {
      suffix = data.todo === true ? ' # TODO' : ` # ${data.todo}`;
    }
    const line = `${kSymbols[kind]}${data.name} (${data.details.duration_ms}ms)${suffix}`;
    let out = `${this.flushStarts(data.nesting)}${indent}${this.paint(kind, line)}\n`;
    const error = data.details.error;
    if (!passed && error?.failureType !== 'subtestsFailed') {
      const text = this.errorText(indent, error);
      out += text;
      this.failures.push({ data, line: `${indent}${this.paint(kind, line)}`, text });
    }
    return out;
  }

  errorText(indent, error) {
    const cause = error?.code === 'ERR_TEST_FAILURE' && 'cause' in error ? error.cause : error;
    const text = inspect(cause, { colors: this.colors });
    return `${text.split('\n').map((l) => `${indent}  ${l}`).join('\n')}\n\n`;
  }

  summary() {
    if (this.failures.length === 0) return '';
    let out = `\n${this.paint('fail', `${kSymbols.fail}failing tests:`)}\n\n`;
    for (const { data, text } of this.failures) {
      const file = data.file === undefined ? '' : path.relative(process.cwd(), data.file);
      const line = `${kSymbols.fail}${data.name} (${data.details.duration_ms}ms)`;
      out += `test at ${file}:${data.line}:${data.column}\n${this.paint('fail', line)}\n${text}`;
    }
    return out;
  }
}

// ---- dot: one character a test ----

class DotFormatter {
  constructor() {
    this.count = 0;
    this.failures = [];
  }

  format({ type, data }) {
    if (type !== 'test:pass' && type !== 'test:fail') return '';
    if (type === 'test:fail') this.failures.push(data);
    this.count++;
    const mark = type === 'test:pass' ? '.' : 'X';
    return this.count % 20 === 0 ? `${mark}\n` : mark;
  }

  summary() {
    return this.count % 20 === 0 ? '' : '\n';
  }
}

const formatters = {
  tap: () => new TapFormatter(),
  spec: (colors) => new SpecFormatter(colors),
  dot: () => new DotFormatter(),
};

// The reporter node picks: --test-reporter if given, else spec on a terminal
// and TAP otherwise.
function chosenReporter(stream) {
  for (const arg of process.execArgv) {
    const match = /^--test-reporter=(.+)$/.exec(arg);
    if (match && formatters[match[1]] !== undefined) return match[1];
  }
  return stream.isTTY ? 'spec' : 'tap';
}

// The runner's sink: writes each event's text to the stream as it comes.
function createReporter(stream) {
  const name = chosenReporter(stream);
  const formatter = formatters[name](Boolean(stream.isTTY && stream.hasColors?.()));
  return {
    write(event) {
      const text = formatter.format(event);
      if (text !== '') stream.write(text);
    },
    end() {
      const text = formatter.summary?.() ?? '';
      if (text !== '') stream.write(text);
    },
  };
}

module.exports = { TapFormatter, SpecFormatter, DotFormatter, createReporter };
